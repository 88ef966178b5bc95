"""Each turn East at its start, at the age today's turn has trade data for, and at its end: Asia's share of trade."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from pivotdash.scorecard import is_ongoing
from pivotdash.trade.groups import GROUPS, WORLD
from pivotdash.trade.tables import TradeTables

# The two shares compared, each a set of partners summed: in DOTS (1992–2020) and in RICardo (1827–1937), where
# Korea (1901–1915, "Korea (Chosen)") is the whole peninsula, DOTS's South Korea the Republic of Korea.
ASIA_JAPAN_KOREA = "japan_korea"
INDICATORS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "china": ("China", ("china",), ("china",)),
    "china_japan_korea": ("China + Japan + Korea", ("china", *GROUPS[ASIA_JAPAN_KOREA].members),
                          ("china", "japan", "korea")),
}
PARTNER_NAMES = {"china": "China", "japan": "Japan", "south_korea": "South Korea", "korea": "Korea"}
FLOWS = ("exports", "imports")
RICARDO_TOTAL = "total"
RICARDO_GAP = (1918, 1925)  # no series: README, "1918–1925 has no series"


@dataclass(frozen=True)
class Share:
    """A share of Russia's trade (exports + imports) in percent, or the reason there is none."""

    pct: float | None
    gap: str = ""


def _coverage_gap(year: int, tables: TradeTables) -> str:
    """Why no table covers `year` at all ('' when one does)."""
    hist = tables.history["year"]
    first, last = int(hist.min()), int(hist.max())
    dots_first, dots_last = tables.years
    if year < first:
        return f"no trade data before {first}"
    if RICARDO_GAP[0] <= year <= RICARDO_GAP[1]:
        return f"RICardo has no series for {RICARDO_GAP[0]}–{RICARDO_GAP[1]}"
    if last < year < dots_first:
        return f"no trade data between {last} and {dots_first} (RICardo ends {last}, DOTS starts {dots_first})"
    if year > dots_last:
        return f"DOTS ends {dots_last}"
    return ""


def _values(frame: pd.DataFrame, year: int, partner: str, value: str) -> dict[str, float]:
    rows = frame[(frame["year"] == year) & (frame["partner"] == partner)]
    return {str(f): float(v) for f, v in zip(rows["flow"], rows[value], strict=True) if not pd.isna(v)}


def trade_share(tables: TradeTables, year: int, indicator: str) -> Share:
    """The indicator's partners' exports + imports over Russia's, in `year`: DOTS from its first year, else RICardo.

    Every partner and the total must be reported in both flows; otherwise the share is a gap naming what is
    missing (a partial sum would read as a fall).
    """
    gap = _coverage_gap(year, tables)
    if gap:
        return Share(None, gap)
    dots = year >= tables.years[0]
    _, dots_partners, ricardo_partners = INDICATORS[indicator]
    frame, total, value, name = ((tables.dots, WORLD, "value_usd_mn", "DOTS") if dots
                                 else (tables.history, RICARDO_TOTAL, "value", "RICardo"))
    if not dots:
        units = set(tables.history.loc[tables.history["year"] == year, "unit"])
        if len(units) > 1:
            return Share(None, f"RICardo gives {year} in more than one unit")
    whole = _values(frame, year, total, value)
    missing = [f"{name} has no total {f} for {year}" for f in FLOWS if f not in whole]
    part = 0.0
    for partner in dots_partners if dots else ricardo_partners:
        got = _values(frame, year, partner, value)
        absent = [f for f in FLOWS if f not in got]
        if len(absent) == len(FLOWS):
            missing.append(f"{name} has no {PARTNER_NAMES[partner]} in {year}")
        elif absent:
            missing.append(f"{name} has no {PARTNER_NAMES[partner]} {absent[0]} for {year}")
        part += sum(got.values())
    if missing:
        return Share(None, "; ".join(missing))
    return Share(100 * part / sum(whole.values()))


def comparison_age(episodes: pd.DataFrame, tables: TradeTables) -> tuple[int, int] | None:
    """(age, year): the ongoing turn's age in the last year DOTS covers, and that year; None if none is ongoing."""
    ongoing = episodes[[is_ongoing(e) for e in episodes["end_year"]]]
    if ongoing.empty:
        return None
    start = int(ongoing.sort_values("start_year")["start_year"].iloc[0])
    last = tables.years[1]
    return last - start, last


def same_age_table(episodes: pd.DataFrame, tables: TradeTables) -> pd.DataFrame:
    """One row per turn East (oldest first) and moment (its first year, the same age, its last year): the year
    and each indicator's share of Russia's trade, blank with the reason where there is no figure."""
    age_year = comparison_age(episodes, tables)
    age = age_year[0] if age_year else None
    rows = []
    for ep in episodes.sort_values("start_year").to_dict("records"):
        start, end = int(ep["start_year"]), ep["end_year"]
        ongoing = is_ongoing(end)
        moments: list[tuple[str, int | None, str]] = [("its first year", start, "")]
        if age is not None:
            lasted = None if ongoing else int(end) - start
            moments.append((f"age {age}", None if lasted is not None and lasted < age else start + age,
                            f"it ended after {lasted} years" if lasted is not None and lasted < age else ""))
        moments.append(("its last year", None if ongoing else int(end),
                        f"ongoing (DOTS ends {tables.years[1]})" if ongoing else ""))
        for at, year, why in moments:
            row: dict[str, object] = {"turn_east": str(ep["name"]), "at": at, "year": year}
            gaps = []
            for key, (label, _, _) in INDICATORS.items():
                share = trade_share(tables, year, key) if year is not None else Share(None, why)
                row[f"{key}_share_pct"] = None if share.pct is None else round(share.pct, 2)
                if share.gap and share.gap not in gaps:
                    gaps.append(share.gap if key == "china" or share.gap == why else f"{label}: {share.gap}")
            row["gap"] = "; ".join(gaps)
            rows.append(row)
    out = pd.DataFrame(rows, columns=["turn_east", "at", "year", "china_share_pct", "china_japan_korea_share_pct",
                                      "gap"])
    out["year"] = out["year"].astype("Int64")
    return out


@dataclass(frozen=True)
class _AtAge:
    """The rows a sentence reads: today's turn at the age compared and at its start, and the earlier turns."""

    age: int
    year: int
    today: pd.Series
    first: pd.Series
    earlier: pd.DataFrame
    known: pd.DataFrame  # the earlier turns with a China figure at that age


def _at_age(table: pd.DataFrame, episodes: pd.DataFrame, tables: TradeTables) -> _AtAge | None:
    age_year = comparison_age(episodes, tables)
    if age_year is None or table.empty:
        return None
    age, year = age_year
    at_age = table[table["at"] == f"age {age}"]
    today, earlier = at_age.iloc[-1], at_age.iloc[:-1]
    first = table[(table["turn_east"] == today["turn_east"]) & (table["at"] == "its first year")].iloc[0]
    return _AtAge(age, year, today, first, earlier, earlier[earlier["china_share_pct"].notna()])


def _pct(v: object) -> str:
    return f"{v:.1f}%" if isinstance(v, float) and not math.isnan(v) else "no figure"


def same_age_note(table: pd.DataFrame, episodes: pd.DataFrame, tables: TradeTables) -> str:
    """The answer short enough for a chart's subtitle: 'At age 6 (2020, DOTS's last year) China had …% of
    Russia's trade (…% in 2014); earlier turns at age 6: …% (1860), …'."""
    a = _at_age(table, episodes, tables)
    if a is None:
        return ""
    others = ", ".join(f"{_pct(r.china_share_pct)} ({r.year})" for r in a.known.itertuples()) or "no figures"
    return (f"At age {a.age} ({a.year}, DOTS's last year) China had {_pct(a.today['china_share_pct'])} of Russia's "
            f"trade ({_pct(a.first['china_share_pct'])} in {a.first['year']}); earlier turns at age {a.age}: {others}.")


def same_age_sentence(table: pd.DataFrame, episodes: pd.DataFrame, tables: TradeTables) -> str:
    """'At 6 years old (2020, the last year DOTS covers), Putin's turn to the East had China at …% of Russia's
    trade …; of the 6 earlier turns East, 3 have a China figure at the same age: …': the answer on the indicators."""
    a = _at_age(table, episodes, tables)
    if a is None:
        return ""
    others = "; ".join(f"{r.turn_east} {_pct(r.china_share_pct)} ({r.year})" for r in a.known.itertuples())
    n = len(a.earlier)
    return (f"At {a.age} years old ({a.year}, the last year DOTS covers), {a.today['turn_east']} had China at "
            f"{_pct(a.today['china_share_pct'])} of Russia's trade and China + Japan + South Korea at "
            f"{_pct(a.today['china_japan_korea_share_pct'])} ({_pct(a.first['china_share_pct'])} and "
            f"{_pct(a.first['china_japan_korea_share_pct'])} in {a.first['year']}); "
            + (f"of the {n} earlier turns East, {len(a.known)} have a China figure at the same age: {others}."
               if len(a.known) else f"none of the {n} earlier turns East has a China figure at that age."))


MOMENT_KEYS = {"its first year": "start", "its last year": "end"}


def same_age_columns(table: pd.DataFrame) -> pd.DataFrame:
    """`same_age_table` one row per turn East, for the durability chart's data: the year and each share at each
    moment as columns (`china_share_pct_start`, `year_age6`, …) and the reasons for the gaps in one column."""
    out: dict[str, dict[str, object]] = {}
    for r in table.to_dict("records"):
        moment = MOMENT_KEYS.get(str(r["at"]), str(r["at"]).replace(" ", ""))
        row = out.setdefault(str(r["turn_east"]), {"turn_east": r["turn_east"], "trade_gaps": []})
        row[f"year_{moment}"] = r["year"]
        for key in INDICATORS:
            row[f"{key}_share_pct_{moment}"] = r[f"{key}_share_pct"]
        if r["gap"]:
            row["trade_gaps"].append(f"{r['at']}: {r['gap']}")  # type: ignore[attr-defined]
    frame = pd.DataFrame(list(out.values()))
    if frame.empty:
        return frame
    frame["trade_gaps"] = frame["trade_gaps"].map(" | ".join)
    return frame
