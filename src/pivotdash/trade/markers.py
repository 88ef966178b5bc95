"""Episodes and key events placed on the trade charts' year axis, picked from data/events.csv and episodes.csv."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pivotdash.dates import parse_date


@dataclass(frozen=True)
class Marker:
    """One point on the time axis carrying one or more events of the same month."""

    x: float  # fractional year
    when: str  # "March 2014"
    titles: tuple[str, ...]
    ids: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.when}: {'; '.join(self.titles)}"

    @property
    def chart_label(self) -> str:
        """The label with its month cut to three letters ("Feb 2022: …"), for a rotated label on a chart."""
        month, _, year = self.when.rpartition(" ")
        return f"{f'{month[:3]} ' if month else ''}{year}: {'; '.join(self.titles)}"


@dataclass(frozen=True)
class EpisodeBand:
    id: str
    name: str
    start: float
    end: float | None  # None = ongoing


@dataclass(frozen=True)
class KeyEvent:
    """How to find one key event: the ids chosen after reading events.csv, else date and title words."""

    ids: tuple[str, ...]
    year: int
    month: int | None
    keywords: tuple[str, ...]


KEY_EVENTS: tuple[KeyEvent, ...] = (
    KeyEvent(("2014-crimea-annexation",), 2014, None, ("crimea",)),
    KeyEvent(("2014-western-sanctions",), 2014, None, ("sanction",)),
    KeyEvent(("2019-power-of-siberia-launch",), 2019, 12, ("power of siberia",)),
    KeyEvent(("2022-02-invasion",), 2022, 2, ("invasion", "invade")),
)
PIVOT_EPISODE = "putin_pivot"
HISTORY_FIRST, HISTORY_LAST = 1827, 1937


def fractional_year(date: dt.date) -> float:
    start = dt.date(date.year, 1, 1)
    days = (dt.date(date.year + 1, 1, 1) - start).days
    return date.year + (date - start).days / days


def _find(events: pd.DataFrame, rule: KeyEvent) -> pd.Series | None:
    by_id = events[events["id"].isin(rule.ids)]
    if not by_id.empty:
        return by_id.iloc[0]
    for _, row in events.iterrows():
        try:
            date = parse_date(str(row["date"]))
        except ValueError:
            continue
        if date.year != rule.year or (rule.month is not None and date.month != rule.month):
            continue
        text = f"{row['title']} {row.get('summary', '')}".casefold()
        if any(k in text for k in rule.keywords):
            return row
    return None


def key_event_markers(events: pd.DataFrame | None, rules: tuple[KeyEvent, ...] = KEY_EVENTS) -> list[Marker]:
    """The key events found in `events` (2014 Crimea and sanctions, Dec 2019 Power of Siberia, Feb 2022),
    one marker per month; rules that match nothing are skipped."""
    if events is None or events.empty:
        return []
    found: dict[tuple[int, int], list[tuple[dt.date, str, str]]] = {}
    seen: set[str] = set()
    for rule in rules:
        row = _find(events, rule)
        if row is None or row["id"] in seen:
            continue
        seen.add(str(row["id"]))
        date = parse_date(str(row["date"]))
        found.setdefault((date.year, date.month or 1), []).append((date.start, str(row["title"]), str(row["id"])))
    markers = []
    for (year, month), items in sorted(found.items()):
        items.sort()
        when = dt.date(year, month, 1).strftime("%B %Y")
        markers.append(Marker(fractional_year(items[0][0]), when, tuple(t for _, t, _ in items),
                              tuple(i for _, _, i in items)))
    return markers


def pivot_band(episodes: pd.DataFrame | None) -> EpisodeBand | None:
    """The post-2014 turn East (episode putin_pivot) as a band from its first year on."""
    if episodes is None or episodes.empty:
        return None
    rows = episodes[episodes["id"] == PIVOT_EPISODE]
    if rows.empty:
        return None
    row = rows.iloc[0]
    end = None if pd.isna(row["end_year"]) else float(int(row["end_year"]) + 1)
    return EpisodeBand(PIVOT_EPISODE, str(row["name"]), float(int(row["start_year"])), end)


def history_bands(
    episodes: pd.DataFrame | None, first: int = HISTORY_FIRST, last: int = HISTORY_LAST
) -> list[EpisodeBand]:
    """The paper's turns East that overlap the historical trade series (pre-1917 and the 1920s)."""
    if episodes is None or episodes.empty:
        return []
    bands = []
    for _, row in episodes.sort_values("start_year").iterrows():
        start = int(row["start_year"])
        end = int(row["end_year"]) if not pd.isna(row["end_year"]) else None
        if start > last or (end is not None and end < first):
            continue
        bands.append(EpisodeBand(str(row["id"]), str(row["name"]), float(start),
                                 None if end is None else float(end + 1)))
    return bands


def series_name(flow: str, measure: str) -> str:
    """The DOTS series a composition chart shows, in words: 'DOTS exports, share (%)'."""
    return f"DOTS {flow}, {'share (%)' if measure == 'share' else 'value (US$ bn)'}"


def comparable_with(points: pd.DataFrame) -> pd.Series:
    """Each published point's `comparable_with` text ('' where the column or the cell is empty)."""
    return points.get("comparable_with", pd.Series("", index=points.index)).fillna("").astype(str)


def comparable(comparable_with: str | float | None, flow: str) -> bool:
    """Whether a published figure can be set beside the DOTS `flow` series its chart shows.

    `comparable_with` (data/trade/published_figures.csv) names the DOTS series the figure compares with,
    'DOTS imports (mirror): why', or 'none: why not'; the chart's points are already of its measure
    (composition.published_points keeps the view's metric), so the flow it names decides. Blank is not
    comparable: a figure is set beside a series only when the data says it may be."""
    text = comparable_with.strip() if isinstance(comparable_with, str) else ""  # a blank cell reads as NaN
    return text.lower().startswith(f"dots {flow.lower()}")
