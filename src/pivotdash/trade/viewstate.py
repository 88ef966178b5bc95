"""What the Trade composition chart shows, as data: switches, partner picks, chart, year; and in words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pivotdash.trade import groups as g

# Each option's label: what the switches show and the URL carries (pivotdash.state names the parameters).
MEASURES = {"share": "Share", "value": "Value"}
FLOWS = {"exports": "Exports", "imports": "Imports"}
# The EU definitions (short labels: the switch and the URL), and what each means (cards, captions, charts).
EU_DEFS = {"eu27": "EU27", "eu28": "EU28", "eu_year": "EU as it was"}
EU_MEANS = {eu: g.GROUPS[eu].name for eu in EU_DEFS}
CHARTS = {"area": "Area", "line": "Lines", "bar": "Bars"}
TABS = {"composition": "Composition", "claims": "Paper's numbers checked", "history": "History",
        "upload": "Your own data"}
DEFAULT_PARTNERS: tuple[str, ...] = ("china", "japan_korea", "belarus", "united_states")


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


WORLD_TOTAL = "the world total"


def describe(view: TradeView, names: Mapping[str, str], *, flow_text: str | None = None,
             share_of: str = WORLD_TOTAL) -> str:
    """The view in words, for the subtitle: 'Exports reported by Russia · share of world total · …'.
    `flow_text` says who reported the flow when it is not the DOTS series (an uploaded file)."""
    flow = "Exports reported by Russia" if view.flow == "exports" else "Imports (partners' reported exports to Russia)"
    flow = flow_text or flow
    measure = f"share of {share_of} (%)" if view.measure == "share" else "value (US$ billion, current)"
    who = ", ".join(names.get(p, p) for p in view.shown)
    if view.chart in ("area", "bar"):
        who += ", rest of world"
    chart = {"area": "stacked area", "line": "lines", "bar": f"bars for {view.bar_year}"}[view.chart]
    years = f"{view.years[0]}–{view.years[1]}" if view.chart != "bar" else str(view.bar_year)
    return f"{flow} · {measure} · {who} · {years} · {chart}"
