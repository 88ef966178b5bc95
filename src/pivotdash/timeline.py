"""The timeline's zoom windows, how precisely each event is dated, and its labels placed so none collide."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from pivotdash.filters import episode_span

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels, y growing downwards
Anchor = Literal["left", "right"]

# ---- zoom ------------------------------------------------------------------------------------

# The paper is dated December 2019 (its first page; no day is given): drawn as that month.
PAPER_MONTH = (dt.date(2019, 12, 1), dt.date(2019, 12, 31))
ALL, SINCE_2014, SINCE_PAPER, CUSTOM = "", "since_2014", "since_paper", "custom"
# Preset id → label (as the URL and the zoom control show it); a turn East's id zooms to that turn.
ZOOM_PRESETS: dict[str, str] = {
    ALL: "All the years shown",
    SINCE_2014: "Since 2014",
    SINCE_PAPER: "Since the paper (Dec 2019)",
    CUSTOM: "Years of your choice",
}
_STARTS = {SINCE_2014: dt.date(2014, 1, 1), SINCE_PAPER: PAPER_MONTH[0]}
PAD = 0.03  # share of the window added at each side, so a marker or label at its edge is not cut


@dataclass(frozen=True)
class Zoom:
    """What the detail view shows: all the filtered years, a preset, a turn East (its id), or years chosen."""

    preset: str = ALL
    years: tuple[int, int] | None = None  # with CUSTOM only


def zoom_window(zoom: Zoom, years: tuple[int, int], episodes: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """First and last day the detail view shows, inside `years` (all of them when the zoom leaves nothing)."""
    lo, hi = dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)
    start, end = lo, hi
    if zoom.preset in _STARTS:
        start = _STARTS[zoom.preset]
    elif zoom.preset == CUSTOM and zoom.years:
        start, end = dt.date(zoom.years[0], 1, 1), dt.date(zoom.years[1], 12, 31)
    elif zoom.preset in set(episodes["id"]):
        row = episodes[episodes["id"] == zoom.preset].iloc[0]
        start, end = episode_span(row["start_year"], row["end_year"])
    start, end = max(start, lo), min(end, hi)
    return (start, end) if start < end else (lo, hi)


def dragged_years(ends: Sequence[Any], years: tuple[int, int]) -> tuple[int, int] | None:
    """The whole years a drag across the chart chose, inside `years`: `ends` are the two x ends of the dragged box
    as plotly sends them (date strings, or epoch milliseconds); None when they cannot be read."""
    if len(ends) < 2:
        return None
    try:
        at = [pd.Timestamp(e, unit="ms") if isinstance(e, int | float) else pd.Timestamp(str(e)) for e in ends[:2]]
    except (ValueError, TypeError, OverflowError):
        return None
    if any(pd.isna(t) for t in at):
        return None
    lo, hi = sorted(t.year for t in at)
    lo, hi = max(lo, years[0]), min(hi, years[1])
    return (lo, hi) if lo <= hi else None


def padded(window: tuple[dt.date, dt.date], share: float = PAD) -> tuple[dt.date, dt.date]:
    """The window widened by `share` of its length at each side (at least a fortnight)."""
    pad = max(dt.timedelta(days=14), (window[1] - window[0]) * share)
    return window[0] - pad, window[1] + pad


# ---- honest dates ----------------------------------------------------------------------------

Precision = Literal["day", "month", "year"]
PRECISION_WORDS: dict[str, str] = {"day": "", "month": "known only to the month", "year": "known only to the year"}


def precision(dates: pd.Series) -> pd.Series:
    """'day', 'month' or 'year' for each YYYY-MM-DD, YYYY-MM or YYYY date string."""
    size = dates.astype(str).str.strip().str.len()
    return size.map({10: "day", 7: "month"}).fillna("year")


def marker_dates(events: pd.DataFrame) -> pd.Series:
    """Where each event's marker sits: a span at its start, a one-off day on it, a month or year at its middle."""
    single = events["end_date"].astype(str).str.strip() == ""
    middle = events["start"] + (events["end"] - events["start"]) / 2
    exact = precision(events["date"]) == "day"
    return events["start"].where(~single | exact, middle)


# ---- measured text ---------------------------------------------------------------------------

_FONTS = (  # the first of theme.FONT_FAMILY that the machine has, as the browser and the exports pick it
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
_GLYPH = 0.58  # average width of a glyph as a share of the size, when no font file can be read (errs wide)


@lru_cache(maxsize=8)
def _font(size: float) -> Any:
    from PIL import ImageFont

    for path in _FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size=round(size))
    return None


def text_width(text: str, font_px: float, *, bold: bool = False) -> float:
    """The width of `text` in pixels at `font_px`, measured on the font file the charts use (bold 8 % wider)."""
    font = _font(font_px)
    width = float(font.getlength(text)) if font is not None else len(text) * font_px * _GLYPH
    return width * (1.08 if bold else 1.0)


def short_label(title: str, limit: int = 26) -> str:
    """`title` cut at a word to at most `limit` characters, with an ellipsis when cut."""
    title = " ".join(str(title).split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return (cut or title[: limit - 1]) + "…"


# ---- placement -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A point to label: its key (an event id), where it is in pixels, its marker's radius and its text."""

    key: str
    x: float
    y: float
    r: float
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Spot:
    """A place to try for a label: offset from the marker (y down) and the edge of the text at that offset."""

    dx: float
    dy: float
    anchor: Anchor


@dataclass(frozen=True)
class Label:
    key: str
    text: str
    spot: Spot
    box: Box


def beside(gap: float, lane: float) -> tuple[Spot, ...]:
    """Right of the marker (the reading direction) on its line, then above and below it, then the same on the left;
    then a second lane above and below, on either side."""
    near = tuple(Spot(side * gap, dy, "left" if side > 0 else "right") for side in (1, -1) for dy in (0, -lane, lane))
    return near + tuple(Spot(side * gap, dy, "left" if side > 0 else "right")
                        for side in (1, -1) for dy in (-2 * lane, 2 * lane))


def box_of(x: float, y: float, spot: Spot, width: float, height: float) -> Box:
    left = x + spot.dx - (width if spot.anchor == "right" else 0)
    top = y + spot.dy - height / 2
    return (left, top, left + width, top + height)


def overlap(a: Box, b: Box) -> float:
    """Pixels² two boxes share (0 when they only touch)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def inside(box: Box, bounds: Box) -> bool:
    return bounds[0] <= box[0] and bounds[1] <= box[1] and box[2] <= bounds[2] and box[3] <= bounds[3]


# Pixels kept clear either side of a label: the browser draws text up to a pixel wider or narrower than the font
# file measures, so two labels placed end to end could touch on screen.
CLEARANCE = 2.0


def place(marks: Iterable[Mark], *, font_px: float, bounds: Box, spots: Sequence[Spot],
          obstacles: Iterable[Box] = ()) -> list[Label]:
    """Labels for `marks`, most important first: each takes the first of `spots` that lies inside `bounds` and
    clear of every marker, obstacle and label placed before it (and `CLEARANCE` from those labels); a mark with
    no such spot goes unlabelled, but for a bold one (the open event), which may then cover a marker.

    Greedy by importance, as the map's labels are: the caller orders the marks.
    """
    marks = list(marks)
    dots = [(m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r) for m in marks]
    obstacles = list(obstacles)
    height = font_px * 1.22  # a line as plotly draws it (13.4 px at 11 px): lanes 14 px apart never meet
    out: list[Label] = []

    def free(box: Box, *, over_markers: bool = False) -> bool:
        near = (box[0] - CLEARANCE, box[1], box[2] + CLEARANCE, box[3])
        return (inside(box, bounds) and not any(overlap(box, o) for o in obstacles)
                and (over_markers or not any(overlap(box, o) for o in dots))
                and not any(overlap(near, o.box) for o in out))

    for mark in marks:
        width = text_width(mark.text, font_px, bold=mark.bold) + 4
        boxes = [(spot, box_of(mark.x, mark.y, spot, width, height)) for spot in spots]
        # The open event (bold) is always labelled: where every spot meets a marker it may cover one (the label's
        # background is translucent and that marker's hover still works), never another label.
        found = next(((s, b) for s, b in boxes if free(b)), None) or next(
            ((s, b) for s, b in boxes if mark.bold and free(b, over_markers=True)), None)
        if found is not None:
            out.append(Label(mark.key, mark.text, *found))
    return out


def collisions(boxes: Sequence[Box]) -> list[tuple[int, int]]:
    """Every pair of boxes (by index) that overlap: none, for labels `place` put down."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if overlap(boxes[i], boxes[j])]


def importance(events: pd.DataFrame, highlight: str | None = None) -> pd.DataFrame:
    """The events in labelling order: the open one first, then those the paper names in most paragraphs,
    then the longer spans, then by date."""
    refs = events["paper_ref"].map(lambda r: len(r) if isinstance(r, list | tuple) else 0)
    score = pd.DataFrame({
        "open": events["id"] == highlight,
        "refs": refs,
        "days": (events["end"] - events["start"]).dt.days,
        "start": events["start"],
    }, index=events.index)
    order = score.sort_values(["open", "refs", "days", "start"], ascending=[False, False, False, True]).index
    return events.loc[order]
