"""Filters as data: which episodes and events pass, and the filters described in English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pivotdash import schema
from pivotdash.dates import parse_date

YEAR_MIN = 1740  # Bering's 1741 voyage opens the first turn East
YEAR_MAX = 2026


@dataclass(frozen=True)
class Filters:
    """An analyst's selection; an empty tuple means 'all'."""

    eras: tuple[str, ...] = ()
    drivers: tuple[str, ...] = ()
    years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)
    categories: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    episodes: tuple[str, ...] = ()
    query: str = ""


def event_frame(events: pd.DataFrame, episodes: pd.DataFrame) -> pd.DataFrame:
    """Events with derived columns: start/end dates, year, era, effective drivers, episode outcome."""
    out = events.copy()
    # Plain lists, each distinct date parsed once: element-wise pandas access dominated at 10,000 events.
    dates, end_dates = out["date"].tolist(), out["end_date"].tolist()
    parsed = {d: parse_date(d) for d in {*dates, *end_dates} if d}
    starts = [parsed[d] for d in dates]
    ends = [parsed[d] if d else s for d, s in zip(end_dates, starts, strict=True)]
    out["start"] = pd.to_datetime([s.start for s in starts])
    out["end"] = pd.to_datetime([e.end for e in ends])
    out["year"] = [s.year for s in starts]
    out["end_year"] = [e.year for e in ends]
    out["date_label"] = [str(s) if not d else f"{s} – {e}" for s, d, e in zip(starts, end_dates, ends, strict=True)]
    out["era"] = [schema.era_of(y) for y in out["year"]]
    by_id = episodes.set_index("id")
    ep_drivers = by_id["drivers"].to_dict()
    ep_outcome = by_id["outcome"].to_dict()
    ep_name = by_id["name"].to_dict()
    # An event with no drivers of its own inherits its episode's: it happened for the same reasons.
    episode_ids = out["episode_id"].tolist()
    out["driver_list"] = [
        tuple(d) or tuple(ep_drivers.get(e, ())) for d, e in zip(out["drivers"].tolist(), episode_ids, strict=True)
    ]
    out["outcome"] = [ep_outcome.get(e, "") for e in episode_ids]
    out["episode_name"] = [ep_name.get(e, "") for e in episode_ids]
    return out.sort_values(["start", "id"]).reset_index(drop=True)


def episode_span(start_year: Any, end_year: Any) -> tuple[dt.date, dt.date]:
    """First and last day of an episode; an ongoing one (blank end) runs to the end of YEAR_MAX."""
    end = int(end_year) if pd.notna(end_year) else YEAR_MAX
    return dt.date(int(start_year), 1, 1), dt.date(end, 12, 31)


def episode_eras(start_year: int, end_year: int | None) -> set[str]:
    last = end_year if end_year is not None else YEAR_MAX
    return {schema.era_of(y) for y in (start_year, last)} | {
        era for era, (lo, hi) in schema.ERA_BOUNDS.items() if lo <= last and start_year <= hi
    }


def filter_episodes(episodes: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Episodes that overlap the year range and eras and match drivers, outcomes and episode picks."""
    lo, hi = f.years
    keep = []
    for _, row in episodes.iterrows():
        end = int(row["end_year"]) if pd.notna(row["end_year"]) else YEAR_MAX
        ok = int(row["start_year"]) <= hi and end >= lo
        ok &= not f.eras or bool(episode_eras(int(row["start_year"]), end) & set(f.eras))
        ok &= not f.drivers or bool(set(row["drivers"]) & set(f.drivers))
        ok &= not f.outcomes or row["outcome"] in f.outcomes
        ok &= not f.episodes or row["id"] in f.episodes
        keep.append(ok)
    return episodes[keep]


def filter_events(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Events (from `event_frame`) that pass every filter."""
    lo, hi = f.years
    mask = (frame["year"] <= hi) & (frame["end_year"] >= lo)
    if f.eras:
        mask &= frame["era"].isin(f.eras)
    if f.drivers:
        wanted = set(f.drivers)
        mask &= frame["driver_list"].map(lambda ds: bool(wanted & set(ds)))
    if f.categories:
        mask &= frame["category"].isin(f.categories)
    if f.outcomes:
        mask &= frame["outcome"].isin(f.outcomes)
    if f.episodes:
        mask &= frame["episode_id"].isin(f.episodes)
    if f.query.strip():
        q = f.query.strip().casefold()
        text = (frame["title"] + " " + frame["summary"] + " " + frame["id"] + " " + frame["source"]).str.casefold()
        mask &= text.str.contains(q, regex=False)
    return frame[mask]


def view_years(f: Filters) -> tuple[int, int]:
    """The years a chart should span: the year range, narrowed to the chosen eras."""
    lo, hi = f.years
    if f.eras:
        lo = max(lo, min(schema.ERA_BOUNDS[e][0] for e in f.eras))
        hi = min(hi, max(schema.ERA_BOUNDS[e][1] for e in f.eras))
    return (lo, hi) if lo <= hi else f.years


def _names(vocab: str, ids: tuple[str, ...]) -> str:
    labels = [schema.label(vocab, i) for i in ids]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def describe(f: Filters, episodes: Mapping[str, str] | None = None) -> str:
    """The filters in words, for subtitles and captions: 'Soviet Union · driver: Ideology · 1917–1991'; chosen
    episodes by name when `episodes` (id → name) names them all, else counted."""
    parts = [_names("eras", f.eras) if f.eras else "All eras"]
    parts.append(f"driver: {_names('drivers', f.drivers)}" if f.drivers else "all drivers")
    parts.append(f"{f.years[0]}–{f.years[1]}")
    if f.categories:
        parts.append(f"category: {_names('categories', f.categories)}")
    if f.outcomes:
        parts.append(f"outcome: {_names('outcomes', f.outcomes)}")
    if f.episodes:
        named = [episodes[i] for i in f.episodes if i in episodes] if episodes else []
        parts.append(f"episode{'s' if len(f.episodes) > 1 else ''}: {', '.join(named)}" if len(named) == len(f.episodes)
                     else f"{len(f.episodes)} episode{'s' if len(f.episodes) > 1 else ''} chosen")
    if f.query.strip():
        parts.append(f"matching “{f.query.strip()}”")
    return " · ".join(parts)
