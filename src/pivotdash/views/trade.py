"""The Trade page's charts: composition by partner (DOTS, or an upload), the paper's numbers checked, 1827–1937."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from pivotdash import state as st
from pivotdash.errors import DataError
from pivotdash.figures import trade as ft
from pivotdash.figures.finish import Chrome
from pivotdash.trade import claims as tc
from pivotdash.trade.composition import CHART_COLUMNS, chart_frame, published_points
from pivotdash.trade.markers import (
    EpisodeBand,
    Marker,
    comparable,
    comparable_with,
    history_bands,
    key_event_markers,
    pivot_band,
    series_name,
)
from pivotdash.trade.tables import TradeTables
from pivotdash.trade.viewstate import WORLD_TOTAL, TradeView, clip_years, describe
from pivotdash.views import Data, View, credits

HISTORY_PARTNERS = st.HISTORY_PARTNERS
HISTORY_YEARS = (1827, 1937)
HISTORY_COLUMNS = ("year", "flow", "partner", "partner_name", "share_pct", "value", "unit", "source", "note")


def axis_end(tables: TradeTables, published: pd.DataFrame | None, markers: Sequence[Marker]) -> int:
    """Last year of the time axis: the DOTS series, or later published figures and key events."""
    last = tables.years[1]
    if published is not None and not published.empty:
        last = max(last, int(published["year"].max()))
    if markers:
        last = max(last, int(max(m.x for m in markers)))
    return last


def composition_title(view: TradeView, share_of: str = WORLD_TOTAL) -> str:
    what = "exports" if view.flow == "exports" else "imports"
    how = f"share of {share_of}" if view.measure == "share" else "value in US$ billion"
    when = str(view.bar_year) if view.chart == "bar" else f"{view.years[0]}–{view.years[1]}"
    return f"Where Russia's {what} {'go' if view.flow == 'exports' else 'come from'}, {when}: {how}"


def composition_data(frame: pd.DataFrame, points: pd.DataFrame, series: str = "IMF DOTS", *,
                     view: TradeView | None = None) -> pd.DataFrame:
    """The chart's rows plus its published points, marked by series; exactly what the chart shows, including
    whether each point is comparable with the series of `view` (drawn hollow and grey when it is not)."""
    data = frame.assign(series=series)
    if points.empty:
        return data.reset_index(drop=True)
    why = comparable_with(points)
    shown = series_name(view.flow, view.measure) if view is not None else "the DOTS series"
    verdict = [f"Comparable with {shown}" if view is not None and comparable(w, view.flow)
               else f"Not comparable with {shown} (drawn hollow, grey)" for w in why]
    is_value = points["metric"] == "value_usd_bn"
    values = points["value"].astype(float)
    extra = pd.DataFrame({
        "year": points["year"], "flow": points["flow"], "partner": points["partner"],
        "partner_name": points["label"],
        "value_usd_mn": (values * 1000).where(is_value), "value_usd_bn": values.where(is_value),
        "share_pct": values.where(~is_value),
        "source": points["source"] + " " + points["source_url"],
        "note": "Published figure, not part of the DOTS series. " + pd.Series(verdict, index=points.index)
        + ". comparable_with: " + why.replace("", "not stated") + ". " + points["note"],
        "series": "published figure",
    })
    return pd.concat([data, extra], ignore_index=True)[[*CHART_COLUMNS, "series"]]


@dataclass(frozen=True)
class Context:
    """What the composition chart draws around the series: later published points, key events, the pivot band,
    and the years in play (the shared years clipped to the data and to the later points)."""

    published: pd.DataFrame | None
    markers: list[Marker]
    band: EpisodeBand | None
    events_error: DataError | None
    axis: tuple[int, int] | None
    data_years: tuple[int, int] | None


def context(state: st.TradeState, data: Data) -> Context:
    tables = data.trade_tables()
    published = data.published()
    try:
        ds = data.dataset()
        events, episodes, error = ds.events, ds.episodes, None
    except DataError as err:
        events, episodes, error = None, None, err
    markers = key_event_markers(events)
    axis = clip_years(state.filters.years, (tables.years[0], axis_end(tables, published, markers)))
    data_years = clip_years(axis, tables.years) if axis else None
    return Context(published, markers, pivot_band(episodes), error, axis, data_years)


def shown_view(state: st.TradeState, data: Data) -> TradeView:
    """The state's trade view with its years: the shared years clipped to the DOTS series."""
    tables = data.trade_tables()
    years = context(state, data).data_years or tables.years
    return replace(state.view, years=years)


def _composition(tables: TradeTables, view: TradeView, *, published: pd.DataFrame | None, markers: Sequence[Marker],
                 band: EpisodeBand | None, x_max: int, source: str, licence: str, view_id: str, link: str,
                 series: str, flow_text: str | None = None, share_of: str = WORLD_TOTAL) -> View:
    names_ = tables.partner_names
    frame = chart_frame(tables.dots, tables.members, view)
    shown = set(view.shown)
    timed = view.chart != "bar"
    points = published_points(published if timed else None, replace(view, years=(view.years[0], x_max)), shown,
                              names_)
    src = source
    if not points.empty:
        src += "; points after 2020: published figures, each with its source in the CSV"
    chrome = Chrome(composition_title(view, share_of), describe(view, names_, flow_text=flow_text, share_of=share_of),
                    src, licence, link)
    fig = ft.composition_figure(frame, view, chrome=chrome, published=points, markers=markers if timed else (),
                                band=band if timed else None, x_max=x_max, data_last_year=tables.years[1])
    return View(view_id, chrome, fig, composition_data(frame, points, series, view=view))


def composition(state: st.TradeState, data: Data) -> View | None:
    """Russia's trade by partner as the switches set it; None when the shared years miss the DOTS series."""
    tables = data.trade_tables()
    ctx = context(state, data)
    if ctx.axis is None or ctx.data_years is None:
        return None
    view = replace(state.view, years=ctx.data_years)
    source = credits.DOTS + ("; imports are partners' reported exports to Russia (mirror)"
                             if view.flow == "imports" else "")
    link = st.link(replace(state, tab="composition"), data.names(), chart="trade-composition")
    return _composition(tables, view, published=ctx.published, markers=ctx.markers, band=ctx.band,
                        x_max=ctx.axis[1], source=source, licence=credits.DOTS_LICENCE, view_id="trade-composition",
                        link=link, series="IMF DOTS")


def uploaded(view: TradeView, own: TradeTables, *, source: str, licence: str, flow_text: str,
             series: str = "your upload", share_of: str = WORLD_TOTAL) -> View:
    """The composition chart of an analyst's uploaded extract, under its own source, licence and import basis
    (never the DOTS series'); `series` names its rows in the CSV (e.g. partner-reported mirror data). It lives
    in this session only, so it has no link."""
    return _composition(own, view, published=None, markers=(), band=None, x_max=view.years[1], source=source,
                        licence=licence, view_id="trade-upload", link="", series=series, flow_text=flow_text,
                        share_of=share_of)


def claims_years(dots: pd.DataFrame, latest: int) -> list[int]:
    """The years the claims are checked in: the best-fitting year, 2018 (the last full year before the
    paper of December 2019) and the latest; each once, in order."""
    return sorted({tc.best_year(dots), tc.LAST_BEFORE_PAPER, latest})


def claims_subtitle(years: Sequence[int], paper_year: int, latest: int) -> str:
    roles = {paper_year: "best fit", tc.LAST_BEFORE_PAPER: "last full year before the paper", latest: "latest"}
    said = ", ".join(f"{y} ({roles[y]})" if y in roles else str(y) for y in years)
    return f"Paragraphs p33 and p35 · data of {said} · 'Europe' = {tc.EUROPE_NAME} · holds: within ±10%, " \
        "roughly: within ±25% (for 'less than': under the bound, under the bound + 10%)"


def claims(state: st.TradeState, data: Data) -> View:
    """The paper's numbers (p33, p35) against the data of the best-matching year, 2018 and the latest."""
    tables = data.trade_tables()
    paper_year = tc.best_year(tables.dots)
    latest = tables.years[1]
    years = claims_years(tables.dots, latest)
    table = tc.check(tables.dots, years)
    chrome = Chrome("The paper's trade numbers checked against IMF DOTS", claims_subtitle(years, paper_year, latest),
                    credits.CLAIMS, credits.DOTS_LICENCE,
                    st.link(replace(state, tab="claims"), data.names(), chart="trade-claims"))
    return View("trade-claims", chrome, ft.claims_figure(table, chrome=chrome),
                table.rename(columns={"exact": "data_unrounded"}))


def history_frame(tables: TradeTables, flow: str, partners: Sequence[str], years: tuple[int, int]) -> pd.DataFrame:
    h = tables.history
    keep = (h["flow"] == flow) & h["partner"].isin(partners) & (h["year"] >= years[0]) & (h["year"] <= years[1])
    return h[keep].sort_values(["partner", "year"])[list(HISTORY_COLUMNS)].reset_index(drop=True)


def history(state: st.TradeState, data: Data) -> View | None:
    """Shares by partner 1827–1937 with the paper's turns East; None if the shared years miss the period."""
    years = clip_years(state.filters.years, HISTORY_YEARS)
    if years is None:
        return None
    tables = data.trade_tables()
    flow, partners = state.view.flow, state.history_partners or HISTORY_PARTNERS
    try:
        episodes: pd.DataFrame | None = data.dataset().episodes
    except DataError:
        episodes = None
    frame = history_frame(tables, flow, partners, years)
    shown = ", ".join(dict.fromkeys(frame["partner_name"]))
    subtitle = (f"{'Exports' if flow == 'exports' else 'Imports'} as Russia reported them · share of the year's "
                f"total (%) · {shown} · {years[0]}–{years[1]} · shaded: the paper's turns East")
    link = st.link(replace(state, tab="history"), data.names(), chart="trade-history")
    chrome = Chrome(f"Russia's {flow} by partner, {years[0]}–{years[1]}", subtitle, credits.RICARDO,
                    credits.RICARDO_LICENCE, link)
    fig = ft.history_figure(frame, partners=partners, flow=flow, bands=history_bands(episodes, *years), years=years,
                            chrome=chrome)
    return View("trade-history", chrome, fig, frame)
