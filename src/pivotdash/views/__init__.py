"""One builder per chart, (state, data) → View: the page, the Briefing, the command line and the zip all call it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd
import plotly.graph_objects as go

from pivotdash import state as st
from pivotdash.figures.finish import Chrome
from pivotdash.loading import Dataset
from pivotdash.maps.basemap import Basemap
from pivotdash.paper import Paper
from pivotdash.trade.tables import TradeTables


@dataclass(frozen=True)
class View:
    """One finished chart: its chrome (title, subtitle, source, licence, link), figure and exactly its data."""

    id: str  # the chart's id (state.CHARTS), used in file names: e.g. "timeline", "trade-composition"
    chrome: Chrome
    figure: go.Figure
    data: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def title(self) -> str:
        return self.chrome.title

    @property
    def subtitle(self) -> str:
        return self.chrome.subtitle

    @property
    def source(self) -> str:
        return self.chrome.source

    @property
    def licence(self) -> str:
        return self.chrome.licence

    @property
    def link(self) -> str:
        return self.chrome.link

    @property
    def alt_text(self) -> str:
        """One line of what the chart shows (Chrome.alt_text): under the chart in the app and in every export."""
        return self.chrome.alt_text


class Data(Protocol):
    """What builders read. Each accessor may raise DataError; the page, the CLI and the tests each provide one."""

    def dataset(self) -> Dataset: ...
    def events(self) -> pd.DataFrame: ...  # filters.event_frame of the dataset
    def paper(self) -> Paper: ...
    def trade_tables(self) -> TradeTables: ...
    def published(self) -> pd.DataFrame | None: ...
    def basemap(self) -> Basemap: ...
    def names(self) -> st.Names: ...  # names_of(self), kept by the provider for the data's version
    def risks(self) -> pd.DataFrame: ...  # data/risks.csv
    def risk_status(self) -> pd.DataFrame: ...  # data/risk_status.csv (no rows when absent)


def names_of(data: Data) -> st.Names:
    """The names links carry, from whatever data loads (a file that does not load names nothing)."""
    from pivotdash.errors import DataError

    out: dict[str, dict[str, str]] = {}
    try:
        ds = data.dataset()
        out["episodes"] = dict(zip(ds.episodes["id"], ds.episodes["name"], strict=True))
        out["places"] = dict(zip(ds.flashpoints["id"], ds.flashpoints["name"], strict=True))
    except DataError:
        pass
    try:
        tables = data.trade_tables()
        out["partners"] = dict(tables.partner_names)
        hist = tables.history.drop_duplicates("partner")
        out["history_partners"] = dict(zip(hist["partner"], hist["partner_name"], strict=True))
    except DataError:
        pass
    return st.Names(**out)


Builder = Callable[[Any, Data], "View | None"]


def _builders() -> dict[str, Builder]:
    from pivotdash.views import episodes, maps, timeline, trade

    return {
        "timeline": timeline.timeline,
        "episodes-strip": episodes.strip,
        "episodes-matrix": episodes.matrix,
        "episodes-compare": episodes.compare,
        "episodes-durability": episodes.durability,
        "trade-composition": trade.composition,
        "trade-claims": trade.claims,
        "trade-history": trade.history,
        "map": maps.static_map,
    }


def build(chart: str, state: st.PageState, data: Data) -> View | None:
    """The chart `chart` of the page in `state`; None when the state leaves it nothing to show."""
    builders = _builders()
    if chart not in builders:
        raise ValueError(f"“{chart}” is not a chart of pivotdash (charts: {', '.join(builders)})")
    return builders[chart](state, data)


@dataclass(frozen=True)
class Opened:
    """What a link opens: the parsed link, its chart's id and the view (None when nothing is left to show)."""

    parsed: st.Parsed
    chart: str
    view: View | None


def build_link(url: str, data: Data) -> Opened:
    """The view a link opens, exactly as its page builds it; ValueError if the link names no chart."""
    parsed = st.parse_link(url, data.names())
    chart = st.chart_of(parsed)
    if chart is None:
        raise ValueError(f"the link opens the {parsed.page} page, which has no chart to export")
    return Opened(parsed, chart, build(chart, parsed.state, data))
