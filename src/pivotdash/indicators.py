"""Trade indicators for the paper's risks: the paper's figure, the latest DOTS year, later published figures."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from pivotdash.export import citations
from pivotdash.trade import claims, groups
from pivotdash.trade.tables import TradeTables

PAPER_CITE = citations.PAPER.line

INDICATORS: dict[str, str] = {
    "china_share": "China's share of Russia's exports and imports",
    "eu_share": "The EU's share of Russia's exports and imports",
    "china_trade_value": "China–Russia trade, US$ bn",
}

# indicator → (partner id in the DOTS table, partner id in published_figures.csv, the metric it reads).
# The EU share is judged as the claims check judges the paper's "Europe" (groups.EUROPE, EU28); figures
# published after the UK left can only be for the EU27 (groups.EU_NOW), and are labelled so.
_WHAT: dict[str, tuple[str, str, str]] = {
    "china_share": ("china", "china", "share_pct"),
    "eu_share": (groups.EUROPE, groups.EU_NOW, "share_pct"),
    "china_trade_value": ("china", "china", "value_usd_bn"),
}


@dataclass(frozen=True)
class Reading:
    """One number behind an indicator, with where it comes from."""

    label: str
    year: int | None
    flow: str
    value: float
    unit: str  # "%" or "US$ bn"
    kind: str  # "paper" (the paper's own figure), "series" (the DOTS tables), "published" (later, not joined)
    source: str
    source_url: str = ""
    note: str = ""
    shown: str = ""  # how to say the value when the number alone would overstate it ("about half")
    comparable_with: str = ""  # published figures: the DOTS series it compares with, or "none: why not"

    @property
    def not_comparable(self) -> bool:
        return self.kind == "published" and self.comparable_with.startswith("none")


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    readings: tuple[Reading, ...]
    gaps: tuple[str, ...] = ()  # what the project cannot show yet, in words

    def of_kind(self, kind: str) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.kind == kind)


# The paper's own figures for its data year (p35), quoted so the later numbers have a baseline.
_PAPER_READINGS: dict[str, tuple[Reading, ...]] = {
    "china_share": (
        Reading("China's share of Russia's exports (the paper)", None, "exports", 11, "%", "paper",
                f"{PAPER_CITE}, ¶ p35: “China only accounts for about 11 percent of Russian exports.”",
                shown="about 11%"),
        Reading("China's share of Russia's imports (the paper)", None, "imports", 20, "%", "paper",
                f"{PAPER_CITE}, ¶ p35: “A full 20 percent of Russian imports come from China.”"),
    ),
    "eu_share": (
        Reading("Europe's share of Russia's exports (the paper)", None, "exports", 50, "%", "paper",
                f"{PAPER_CITE}, ¶ p35: “half of Russian sales abroad go to Europe” (Europe, not only the EU).",
                shown="half (Europe)"),
        Reading("Europe's share of Russia's imports (the paper)", None, "imports", 50, "%", "paper",
                f"{PAPER_CITE}, ¶ p35: “half of Russia's imports come from Europe” (Europe, not only the EU).",
                shown="half (Europe)"),
    ),
}


def published_readings(published: pd.DataFrame, indicator: str) -> tuple[Reading, ...]:
    """The later published figures for `indicator`, oldest first, each with its source."""
    if indicator not in _WHAT or published.empty:
        return ()
    _, partner, metric = _WHAT[indicator]
    rows = published[(published["partner"] == partner) & (published["metric"] == metric)]
    unit = "%" if metric == "share_pct" else "US$ bn"
    return tuple(
        Reading(str(r["label"]), int(r["year"]), str(r["flow"]), float(r["value"]), unit, "published",
                str(r["source"]), str(r["source_url"]), str(r["note"]),
                comparable_with=str(r.get("comparable_with") or ""))
        for r in rows.sort_values(["year", "flow", "id"]).to_dict("records")
    )


_NAMES = {"china": "China", "eu27": "The EU (27 members)", "eu28": "The EU of 2019 (28 members, with the UK)"}
DOTS_CITE = "International Monetary Fund, Direction of Trade Statistics (DOTS), via data/trade/dots_russia_partners.csv"


def series_readings(indicator_id: str, tables: TradeTables) -> tuple[Reading, ...]:
    """The latest year of the project's DOTS table for `indicator_id`: exports and imports (mirror)."""
    if indicator_id not in _WHAT:
        return ()
    partner, _, metric = _WHAT[indicator_id]
    dots = tables.dots
    out = []
    for flow in ("exports", "imports"):
        rows = dots[(dots["flow"] == flow) & (dots["partner"] == partner) & dots["share_pct"].notna()]
        if rows.empty:
            continue
        year = int(rows["year"].max())
        row = rows[rows["year"] == year].iloc[0]
        name = _NAMES.get(partner, str(row["partner_name"]))
        if metric == "share_pct":
            value = claims.share(dots, flow, partner, year)
            if value is None:
                continue
            label = f"{name}'s share of Russia's {flow}, {year} (DOTS)"
            out.append(Reading(label, year, flow, round(value, 1), "%", "series",
                               f"{DOTS_CITE}; {row['source']}", note=str(row["note"])))
        else:
            label = f"Russia's {flow} {'to' if flow == 'exports' else 'from'} {name}, {year} (DOTS)"
            out.append(Reading(label, year, flow, round(float(row["value_usd_mn"]) / 1000, 1), "US$ bn", "series",
                               f"{DOTS_CITE}; {row['source']}", note=str(row["note"])))
    return tuple(out)


def indicator(
    indicator_id: str, tables: TradeTables | None = None, published: pd.DataFrame | None = None
) -> Indicator:
    """All readings for one indicator: the paper's figure, the latest DOTS year, later published figures.

    `tables` (pivotdash.trade.tables.load_tables) and `published` (its load_published) may be None when
    they could not be read; the indicator then says what is missing.
    """
    series = series_readings(indicator_id, tables) if tables is not None else ()
    later = published_readings(published, indicator_id) if published is not None else ()
    gaps = []
    if tables is None:
        gaps.append("The project's DOTS tables (data/trade/) could not be read, so the 1992–2020 series is missing.")
    if published is None:
        gaps.append("data/trade/published_figures.csv could not be read, so later figures are missing.")
    readings = _PAPER_READINGS.get(indicator_id, ()) + series + later
    return Indicator(indicator_id, INDICATORS[indicator_id], readings, tuple(gaps))


def readings_table(ind: Indicator) -> pd.DataFrame:
    """The readings as a table for st.dataframe and CSV."""
    kinds = {"paper": "The paper (2019)", "series": "DOTS series", "published": "Published later (not joined)"}
    return pd.DataFrame(
        {
            "figure": [r.label for r in ind.readings],
            "year": [str(r.year) if r.year is not None else "" for r in ind.readings],
            "value": [r.value if not math.isnan(r.value) else pd.NA for r in ind.readings],
            "unit": [r.unit for r in ind.readings],
            "kind": [kinds[r.kind] for r in ind.readings],
            "source": [r.source for r in ind.readings],
            "source_url": [r.source_url for r in ind.readings],
        }
    )


def _fmt(r: Reading) -> str:
    if r.shown:
        return r.shown
    number = f"{r.value:g}"
    return f"{number}%" if r.unit == "%" else f"${number}bn"


def headline(ind: Indicator) -> str:
    """Per flow: the paper's figure, the latest DOTS year and the latest published figure, in words."""
    parts = []
    for flow in ("exports", "imports", "total"):
        bits = []
        for kind, words in (("paper", "the paper (2019)"), ("series", "DOTS"), ("published", "published")):
            found = [r for r in ind.readings if r.kind == kind and r.flow == flow]
            if not found:
                continue
            found.sort(key=lambda r: r.year or 0)
            latest = found[-1]
            # Never set beside the DOTS figure as if one continued the other (e.g. China's customs imports
            # from Russia against Russia's own export figures, 13% apart in 2020).
            tail = " (not comparable with DOTS)" if latest.not_comparable and any(
                r.kind == "series" and r.flow == flow for r in ind.readings) else ""
            if kind == "series" and ind.id == "eu_share":
                tail = f", {claims.EUROPE_NAME}"  # which Europe: the paper's, the EU of 2019
            when = f" {latest.year}" if latest.year is not None and kind != "paper" else ""
            if kind == "published" and len(found) > 1 and found[-2].year not in (None, latest.year):
                # Two published years show the direction, e.g. the 2025 fall in China–Russia trade.
                before = found[-2]
                bits.append(f"{words} {before.year} → {latest.year}{tail}: {_fmt(before)} → {_fmt(latest)}")
            else:
                bits.append(f"{words}{when}{tail}: {_fmt(latest)}")
        if bits:
            parts.append(f"{flow.capitalize()}: " + ", ".join(bits))
    return " · ".join(parts)


def for_risk(
    indicator_ids: tuple[str, ...], tables: TradeTables | None, published: pd.DataFrame | None
) -> list[tuple[Indicator, str]]:
    """The indicators a risk names, each with its headline."""
    out = []
    for ind_id in indicator_ids:
        ind = indicator(ind_id, tables, published)
        out.append((ind, headline(ind)))
    return out
