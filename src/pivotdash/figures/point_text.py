"""Where a chart's point values go: beside each point, on a side clear of the chart's fixed text, at every width the
chart is drawn at (the trade chart's published post-2020 figures beside its rotated event labels)."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import permutations

import plotly.graph_objects as go

from pivotdash import theme
from pivotdash.figures.finish import SCREEN_WRAP_WIDTH
from pivotdash.timeline import CLEARANCE, Box, inside, overlap, text_width


@dataclass(frozen=True)
class PlotFrame:
    """Where the plot lies, in pixels, when the figure is drawn `width` pixels wide."""

    box: dict[str, int]  # the margins finish will set
    height: float  # the plot's own height (finish adds the chrome's lines to the margins, not to the plot)
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    width: int = SCREEN_WRAP_WIDTH

    @property
    def bounds(self) -> Box:
        return (self.box["l"], self.box["t"], self.width - self.box["r"], self.box["t"] + self.height)

    def x(self, value: float) -> float:
        left, _, right, _ = self.bounds
        return left + (value - self.x_range[0]) / (self.x_range[1] - self.x_range[0]) * (right - left)

    def y(self, value: float, paper: bool = False) -> float:
        _, top, _, bottom = self.bounds
        share = value if paper else (value - self.y_range[0]) / (self.y_range[1] - self.y_range[0])
        return bottom - share * (bottom - top)


# Where plotly can put a point's text, in the order tried; and the widths a chart is drawn at, from the page's
# narrowest column to the slide. A key event's label is fixed in pixels while the years spread with the width, so
# a side clear at one width can lie on the label at another: a side is taken only if it is clear at all of them.
_SPOTS = ("top center", "bottom center", "middle right", "middle left", "top right", "bottom right", "top left",
          "bottom left")
_WIDTHS = (SCREEN_WRAP_WIDTH, 700, 840, 980, 1120, theme.SLIDE_WIDTH)
POINT_FONT = 10  # a point's value, in pixels
_TEXT_GAP = 3  # plotly's gap between a marker and its text, in pixels
_Item = tuple[float, float, float, tuple[float, float]]  # a point's year, value, radius with the gap, text size


def _text_size(text: str, font_px: float) -> tuple[float, float]:
    """A label's box on the font file the charts use, with the timeline's clearance either side."""
    return text_width(text, font_px) + 2 * CLEARANCE, font_px * 1.3


def _spot_box(x: float, y: float, r: float, size: tuple[float, float], spot: str) -> Box:
    vertical, horizontal = spot.split()
    w, h = size
    left = {"left": x - r - w, "right": x + r, "center": x - w / 2}[horizontal]
    top = {"top": y - r - h, "bottom": y + r, "middle": y - h / 2}[vertical]
    return (left, top, left + w, top + h)


_Fixed = tuple[bool, float, float, float, tuple[float, float]]  # rotated?, x, y, x shift, text size


def _fixed_text(fig: go.Figure) -> list[_Fixed]:
    """The text a point's value must keep off, read once from the figure: each key event's label (rotated, down
    the left of its rule from the plot's top) and each series' name right of the plot."""
    out: list[_Fixed] = []
    for note in fig.layout.annotations:
        rotated = note.textangle == -90 and note.xref == "x"
        if rotated or (note.xref == "paper" and note.x == 1 and note.yref == "y"):
            size = _text_size(html.unescape(re.sub(r"<[^>]+>", "", note.text)), note.font.size)
            out.append((rotated, float(note.x), float(note.y), float(note.xshift or 0), size))
    return out


def _fixed_boxes(fixed: Sequence[_Fixed], plot: PlotFrame, data_end: float | None) -> list[Box]:
    """Those texts' boxes at the plot's width, and the DOTS series (its lines or areas), left of where it ends."""
    boxes: list[Box] = []
    right = plot.bounds[2]
    for rotated, x, y, shift, (w, h) in fixed:
        if rotated:  # w is its length, h its thickness
            boxes.append((plot.x(x) - h, plot.y(y, paper=True), plot.x(x), plot.y(y, paper=True) + w))
        else:
            boxes.append((right + shift, plot.y(y) - h / 2, right + shift + w, plot.y(y) + h / 2))
    if data_end is not None:
        left, top, _, bottom = plot.bounds
        boxes.append((left, top, plot.x(data_end), bottom))
    return boxes


def _spot_cost(item: _Item, spot: str, items: Sequence[_Item], placed: Sequence[str],
               frames: Sequence[tuple[PlotFrame, list[Box]]]) -> float:
    """Pixels² a point's text at `spot` covers, summed over the widths; far more if it leaves the plot."""
    x, y, r, size = item
    total = 0.0
    for f, keep_off in frames:
        box = _spot_box(f.x(x), f.y(y), r, size, spot)
        values = [_spot_box(f.x(a), f.y(b), rr, sz, done) for (a, b, rr, sz), done in zip(items, placed, strict=False)]
        markers = [_spot_box(f.x(a), f.y(b), rr - _TEXT_GAP, (0, 0), "middle center") for a, b, rr, _ in items]
        total += sum(overlap(box, o) for o in [*keep_off, *values, *markers])
        total += 0.0 if inside(box, (*f.bounds[:2], f.width - CLEARANCE, f.bounds[3])) else 1e6
    return total


def place_point_text(fig: go.Figure, points: Sequence[go.Scatter], plot: PlotFrame,
                     data_end: float | None) -> None:
    """Each published point's value on the first side of its marker that is clear, at every width a chart is
    drawn at, of the key events' labels, the DOTS series, the series' names right of the plot, the other points
    and their values, and the figure's edges (the plot's, but for the right margin); where no side is, the side
    that covers least."""
    items: list[_Item] = [(float(x), float(y), t.marker.size / 2 + (t.marker.line.width or 0) + _TEXT_GAP,
                           _text_size(str(text), t.textfont.size or POINT_FONT))
                          for t in points for x, y, text in zip(t.x, t.y, t.text, strict=True)]
    fixed = _fixed_text(fig)
    frames = [(f, _fixed_boxes(fixed, f, data_end)) for f in (replace(plot, width=w) for w in _WIDTHS)]
    # Greedy, point by point, in every order the points can take (a few; more than four keep the data's order):
    # the order that covers least wins.
    orders = permutations(range(len(items))) if len(items) <= 4 else iter([tuple(range(len(items)))])
    best: tuple[float, dict[int, str]] = (math.inf, {})
    for order in orders:
        ordered = [items[i] for i in order]
        placed: list[str] = []
        total = 0.0
        for item in ordered:
            costs = {spot: _spot_cost(item, spot, ordered, placed, frames) for spot in _SPOTS}
            spot = next((s for s in _SPOTS if costs[s] == 0), min(_SPOTS, key=costs.__getitem__))
            placed.append(spot)
            total += costs[spot]
        if total < best[0]:
            best = (total, dict(zip(order, placed, strict=True)))
    spots = iter(best[1][i] for i in range(len(items)))
    for t in points:
        t.textposition = [next(spots) for _ in t.x]
