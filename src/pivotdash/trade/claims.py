"""The paper's trade numbers (paragraphs p33 and p35) checked against the DOTS table, with stated tolerances."""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, replace

import pandas as pd

# the paper's "Europe": EU28, the EU of 2019 with the UK; the others are shown beside it
from pivotdash.trade.groups import EU_AS_IT_WAS, EU_NOW, EUROPE, GROUPS, WIDER_EUROPE

# Verdict rule, the same for every claim: within 10% of the paper's figure "holds", within 25% "roughly
# holds", otherwise "does not hold". For an upper bound ("less than 4%") the figure must be under the bound
# to hold, and under the bound plus 10% to roughly hold.
HOLDS, ROUGHLY, FAILS = "holds", "roughly holds", "does not hold"
TOLERANCE_HOLDS, TOLERANCE_ROUGHLY = 0.10, 0.25
TOLERANCE_TEXT = (
    "Holds: within ±10% of the paper's figure (for 'less than', under the bound). Roughly holds: within ±25% "
    "(for 'less than', under the bound + 10%). Otherwise: does not hold."
)


@dataclass(frozen=True)
class Claim:
    id: str
    paragraph: str
    quote: str  # the paper's words, verbatim
    flow: str
    kind: str  # "share": a partner's share; "below": share under a bound; "ratio": one share over another
    partner: str
    paper_value: float
    compared_with: str
    other: str = ""  # the denominator's partner (ratio claims)
    other_flow: str = ""
    short: str = ""  # a label for charts

    @property
    def unit(self) -> str:
        return "×" if self.kind == "ratio" else "%"


CLAIMS: tuple[Claim, ...] = (
    Claim("china_exports_11", "p35", "China only accounts for about 11 percent of Russian exports.",
          "exports", "share", "china", 11.0, "China (mainland), share of Russia's exports",
          short="China ≈ 11% of exports"),
    Claim("europe_exports_half", "p35", "By contrast, half of Russian sales abroad go to Europe.",
          "exports", "share", EUROPE, 50.0, "EU28 (the EU of 2019, with the UK), share of Russia's exports",
          short="Europe ≈ half of exports"),
    Claim("europe_imports_half", "p35", "half of Russia's imports come from Europe",
          "imports", "share", EUROPE, 50.0, "EU28, share of Russia's imports (partner-reported mirror)",
          short="Europe ≈ half of imports"),
    Claim("china_imports_20", "p35", "A full 20 percent of Russian imports come from China",
          "imports", "share", "china", 20.0, "China (mainland), share of Russia's imports (mirror)",
          short="China = 20% of imports"),
    Claim("china_imports_twice_exports", "p35",
          "twice as much in percentage terms as Russia exports to China",
          "imports", "ratio", "china", 2.0, "China's share of imports ÷ China's share of exports",
          other="china", other_flow="exports",
          short="China: import share ≈ 2 × export share"),
    Claim("japan_exports_under_4", "p33", "each receives less than four percent of Russia's exports",
          "exports", "below", "japan", 4.0, "Japan, share of Russia's exports",
          short="Japan < 4% of exports"),
    Claim("korea_exports_under_4", "p33", "each receives less than four percent of Russia's exports",
          "exports", "below", "south_korea", 4.0, "South Korea, share of Russia's exports",
          short="South Korea < 4% of exports"),
    Claim("belarus_as_much_as_japan", "p33",
          "Russia sells roughly as much to the Republic of Belarus as it does to Japan.",
          "exports", "ratio", "belarus", 1.0, "Exports to Belarus ÷ exports to Japan",
          other="japan", other_flow="exports",
          short="Belarus ≈ Japan (exports)"),
)


Shares = dict[tuple[str, str, int], float | None]
# One index per DOTS table, dropped with the table: a page's claims look up ~560 shares per run, and a
# boolean mask over the whole table per lookup cost most of the tab's time. Tables are read-only once loaded.
_INDEXES: dict[int, Shares] = {}


def shares(dots: pd.DataFrame) -> Shares:
    """The table's share (%) by (flow, partner, year), first row of each; None where not reported."""
    found = _INDEXES.get(id(dots))
    if found is None:
        first = dots.drop_duplicates(["flow", "partner", "year"])
        found = {(str(f), str(p), int(y)): None if pd.isna(v) else float(v)
                 for f, p, y, v in zip(first["flow"], first["partner"], first["year"], first["share_pct"],
                                       strict=True)}
        _INDEXES[id(dots)] = found
        weakref.finalize(dots, _INDEXES.pop, id(dots), None)
    return found


def share(dots: pd.DataFrame, flow: str, partner: str, year: int) -> float | None:
    """A partner's share (%) of the flow in a year; None where not reported."""
    return shares(dots).get((flow, partner, int(year)))


def measure(claim: Claim, dots: pd.DataFrame, year: int) -> float | None:
    """What the data say for the claim in `year` (a share in %, or a ratio)."""
    value = share(dots, claim.flow, claim.partner, year)
    if claim.kind != "ratio" or value is None:
        return value
    other = share(dots, claim.other_flow, claim.other, year)
    return None if not other else value / other


def deviation(claim: Claim, value: float) -> float:
    """How far the data are from the paper, relative to the paper's figure (0 = spot on)."""
    if claim.kind == "below":
        return max(0.0, value / claim.paper_value - 1)
    return abs(value / claim.paper_value - 1)


def verdict(claim: Claim, value: float | None) -> str:
    if value is None:
        return "no data"
    if claim.kind == "below":
        return HOLDS if value < claim.paper_value else ROUGHLY if value < claim.paper_value * 1.1 else FAILS
    d = deviation(claim, value)
    return HOLDS if d <= TOLERANCE_HOLDS else ROUGHLY if d <= TOLERANCE_ROUGHLY else FAILS


# The paper's two precise figures; its other numbers are round ("half", "less than four", "as much").
PRECISE = ("china_exports_11", "china_imports_20")


def fit_by_year(dots: pd.DataFrame, years: list[int] | None = None) -> pd.DataFrame:
    """For each year with data for every claim: how far the data are from the paper, best year first.

    precise_deviation_pct: mean relative deviation of the two precise figures (China 11% of exports,
    20% of imports), which decides the best year; mean_deviation_pct: the same over all claims.
    """
    years = years or sorted(set(dots["year"]))
    rows = []
    for year in years:
        values = [measure(c, dots, year) for c in CLAIMS]
        if any(v is None for v in values):
            continue
        devs = {c.id: deviation(c, v) for c, v in zip(CLAIMS, values, strict=True) if v is not None}
        verdicts = [verdict(c, v) for c, v in zip(CLAIMS, values, strict=True)]
        rows.append({"year": year,
                     "precise_deviation_pct": round(100 * sum(devs[i] for i in PRECISE) / len(PRECISE), 2),
                     "mean_deviation_pct": round(100 * sum(devs.values()) / len(devs), 2),
                     "claims_holding": verdicts.count(HOLDS), "claims_roughly": verdicts.count(ROUGHLY),
                     "claims_failing": verdicts.count(FAILS)})
    frame = pd.DataFrame(rows, columns=["year", "precise_deviation_pct", "mean_deviation_pct", "claims_holding",
                                        "claims_roughly", "claims_failing"])
    return frame.sort_values(["precise_deviation_pct", "mean_deviation_pct", "year"]).reset_index(drop=True)


# The paper appeared in December 2019: 2018 is the last full year its figures could describe.
LAST_BEFORE_PAPER = 2018
EUROPE_NAME = "EU28 (the EU of 2019, with the UK)"


def best_year(dots: pd.DataFrame, last: int = LAST_BEFORE_PAPER) -> int:
    """The year whose data match the paper's precise figures best, among years up to `last` (the paper
    appeared in December 2019, so 2018 is the latest full year it could have used)."""
    fit = fit_by_year(dots, [y for y in sorted(set(dots["year"])) if y <= last])
    return int(fit["year"].iloc[0])


def check(dots: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """One row per claim and year: the paper's words and figure, the data, the difference and the verdict."""
    rows = []
    for claim in CLAIMS:
        for year in years:
            value = measure(claim, dots, year)
            diff = None if value is None else value - claim.paper_value
            rows.append({
                "claim": claim.id, "paragraph": claim.paragraph, "paper_says": claim.quote,
                "paper_figure": f"{'under ' if claim.kind == 'below' else ''}{claim.paper_value:g}{claim.unit}",
                "compared_with": claim.compared_with, "year": year,
                "data": None if value is None else round(value, 2 if claim.kind == "ratio" else 1),
                "difference": None if diff is None else round(diff, 2 if claim.kind == "ratio" else 1),
                "unit": "ratio" if claim.kind == "ratio" else "% points",
                "verdict": verdict(claim, value),
                "exact": None if value is None or math.isnan(value) else value,
            })
    return pd.DataFrame(rows)


# The "Europe" of the paper's "half of exports / imports" under each definition, the paper's (EU28) first.
EUROPE_DEFINITIONS: tuple[str, ...] = (EUROPE, EU_AS_IT_WAS, EU_NOW, WIDER_EUROPE)


def europe_check(dots: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """The two 'half … Europe' claims (p35) measured with each Europe: the paper's EU28, the EU as it was
    that year, the 2020 EU27 back-cast and wider Europe; same verdict rule as the claims check."""
    rows = []
    for claim in (c for c in CLAIMS if c.partner == EUROPE):
        for group in EUROPE_DEFINITIONS:
            variant = replace(claim, partner=group)
            for year in years:
                value = measure(variant, dots, year)
                rows.append({"claim": claim.id, "paper_says": claim.quote, "flow": claim.flow, "europe": group,
                             "europe_means": GROUPS[group].name, "paper_definition": group == EUROPE,
                             "year": year, "share_pct": None if value is None else round(value, 1),
                             "verdict": verdict(variant, value)})
    return pd.DataFrame(rows)
