"""The Trade page's view as data: switches, partner picks, chart, year; in words and as URL parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from pivotdash.filters import YEAR_MAX, YEAR_MIN
from pivotdash.trade import groups as g

# URL parameter names (the widgets' keys) and the labels the URL carries for each option.
KEY_MEASURE, KEY_FLOW, KEY_EU, KEY_CHART = "trade_measure", "trade_flow", "trade_eu", "trade_chart"
KEY_PARTNERS, KEY_YEAR, KEY_TAB = "trade_partners", "trade_year", "trade_tab"
MEASURES = {"share": "Share", "value": "Value"}
FLOWS = {"exports": "Exports", "imports": "Imports"}
EU_DEFS = {"eu27": "EU27", "eu28": "EU28"}
CHARTS = {"area": "Area", "line": "Lines", "bar": "Bars"}
TABS = {"composition": "Composition", "claims": "Paper's numbers checked", "history": "History",
        "upload": "Your own data"}
DEFAULT_PARTNERS: tuple[str, ...] = ("china", "japan_korea", "belarus", "united_states")
PAGE_PATH = "trade"


@dataclass(frozen=True)
class TradeView:
    """What the composition chart shows. `partners` excludes the EU group, which `eu` chooses."""

    measure: str = "share"
    flow: str = "exports"
    eu: str = "eu27"
    chart: str = "area"
    partners: tuple[str, ...] = DEFAULT_PARTNERS
    year: int | None = None  # the bar chart's year; None = the last year shown
    years: tuple[int, int] = (1992, 2020)  # the DOTS years shown (the shared range clipped to the data)

    @property
    def shown(self) -> tuple[str, ...]:
        """Partner ids in the chart: the EU group first, then the picks (no duplicates, no other EU group)."""
        picks = [p for p in self.partners if p not in g.GROUPS or p == "japan_korea"]
        return tuple(dict.fromkeys([self.eu, *picks]))

    @property
    def bar_year(self) -> int:
        lo, hi = self.years
        return hi if self.year is None else min(max(self.year, lo), hi)


def clip_years(years: tuple[int, int], data_years: tuple[int, int]) -> tuple[int, int] | None:
    """The shared year range clipped to the data's; None when they do not overlap."""
    lo, hi = max(years[0], data_years[0]), min(years[1], data_years[1])
    return (lo, hi) if lo <= hi else None


def describe(view: TradeView, names: Mapping[str, str], *, flow_text: str | None = None) -> str:
    """The view in words, for the subtitle: 'Exports reported by Russia · share of world total · …'.
    `flow_text` says who reported the flow when it is not the DOTS series (an uploaded file)."""
    flow = "Exports reported by Russia" if view.flow == "exports" else "Imports (partners' reported exports to Russia)"
    flow = flow_text or flow
    measure = "share of the world total (%)" if view.measure == "share" else "value (US$ billion, current)"
    who = ", ".join(names.get(p, p) for p in view.shown)
    if view.chart in ("area", "bar"):
        who += ", rest of world"
    chart = {"area": "stacked area", "line": "lines", "bar": f"bars for {view.bar_year}"}[view.chart]
    years = f"{view.years[0]}–{view.years[1]}" if view.chart != "bar" else str(view.bar_year)
    return f"{flow} · {measure} · {who} · {years} · {chart}"


def to_query(view: TradeView, names: Mapping[str, str], *, tab: str | None = None,
             shared_years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)) -> dict[str, object]:
    """URL parameters reopening this view (labels, as the bound widgets write them); defaults left out.
    `shared_years` is the sidebar's year range (the view's years are that range clipped to the data)."""
    base = TradeView()
    params: dict[str, object] = {}
    if view.measure != base.measure:
        params[KEY_MEASURE] = MEASURES[view.measure]
    if view.flow != base.flow:
        params[KEY_FLOW] = FLOWS[view.flow]
    if view.eu != base.eu:
        params[KEY_EU] = EU_DEFS[view.eu]
    if view.chart != base.chart:
        params[KEY_CHART] = CHARTS[view.chart]
    if tuple(view.partners) != base.partners:
        params[KEY_PARTNERS] = [names.get(p, p) for p in view.partners]
    if view.chart == "bar" and view.year is not None:
        params[KEY_YEAR] = str(view.year)
    if tuple(shared_years) != (YEAR_MIN, YEAR_MAX):
        params["years"] = [str(shared_years[0]), str(shared_years[1])]
    if tab and tab != "composition":
        params[KEY_TAB] = TABS[tab]
    return params


def link(view: TradeView, names: Mapping[str, str], *, tab: str | None = None,
         shared_years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)) -> str:
    """Path and query string that reopen the view: '/trade?trade_flow=Imports&…'."""
    query = urlencode(to_query(view, names, tab=tab, shared_years=shared_years), doseq=True)
    return f"/{PAGE_PATH}" + (f"?{query}" if query else "")


def from_query(
    params: Mapping[str, object], names: Mapping[str, str], years: tuple[int, int] = (1992, 2020)
) -> TradeView:
    """A view from URL parameters (labels); unknown values fall back to the defaults."""
    def one(key: str, table: dict[str, str], default: str) -> str:
        raw = params.get(key)
        value = raw[-1] if isinstance(raw, list | tuple) and raw else raw
        by_label = {v: k for k, v in table.items()}
        return by_label.get(str(value), default) if value is not None else default

    by_name = {v: k for k, v in names.items()}
    raw_partners = params.get(KEY_PARTNERS)
    if raw_partners is None:
        partners = DEFAULT_PARTNERS
    else:
        items = raw_partners if isinstance(raw_partners, list | tuple) else [raw_partners]
        partners = tuple(by_name[str(i)] for i in items if str(i) in by_name)
    raw_year = params.get(KEY_YEAR)
    year_text = raw_year[-1] if isinstance(raw_year, list | tuple) and raw_year else raw_year
    year = int(str(year_text)) if year_text is not None and str(year_text).isdigit() else None
    view = TradeView(
        measure=one(KEY_MEASURE, MEASURES, "share"), flow=one(KEY_FLOW, FLOWS, "exports"),
        eu=one(KEY_EU, EU_DEFS, "eu27"), chart=one(KEY_CHART, CHARTS, "area"), partners=partners, years=years,
    )
    return replace(view, year=year)
