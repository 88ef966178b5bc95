"""Greedy label placement in screen pixels: each label takes the first free spot around its marker."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Anchor = Literal["left", "right", "center"]
Baseline = Literal["middle", "bottom", "top"]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 with y growing downwards

CHAR_PX = 0.56  # average glyph width as a share of the font size (sans-serif, mixed case)


@dataclass(frozen=True)
class Placement:
    """Where a label sits relative to its marker: pixel offset (y down) and which edge is anchored."""

    dx: float
    dy: float
    anchor: Anchor
    baseline: Baseline
    overlap: float  # pixels² of overlap left when no free spot existed (0 when clean)


# Right first (the reading direction), then left, above, below, then the diagonals.
_CANDIDATES: tuple[tuple[int, int, Anchor, Baseline], ...] = (
    (1, 0, "left", "middle"), (-1, 0, "right", "middle"), (0, -1, "center", "bottom"), (0, 1, "center", "top"),
    (1, -1, "left", "bottom"), (1, 1, "left", "top"), (-1, -1, "right", "bottom"), (-1, 1, "right", "top"),
)


def label_size(text: str, font_px: float) -> tuple[float, float]:
    return (len(text) * font_px * CHAR_PX + 4, font_px * 1.3)


def _box(x: float, y: float, w: float, h: float, dx: float, dy: float, anchor: Anchor, baseline: Baseline) -> Box:
    left = x + dx - (w if anchor == "right" else w / 2 if anchor == "center" else 0)
    top = y + dy - (h if baseline == "bottom" else h / 2 if baseline == "middle" else 0)
    return (left, top, left + w, top + h)


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _outside(box: Box, bounds: Box | None) -> float:
    if bounds is None:
        return 0.0
    w, h = box[2] - box[0], box[3] - box[1]
    return w * h - _overlap(box, bounds)


def place_labels(
    points: list[tuple[float, float, float]], texts: list[str], *, font_px: float = 11.0, gap: float = 3.0,
    bounds: Box | None = None, obstacles: list[Box] | None = None,
) -> list[Placement]:
    """Place one label per point (x, y, marker radius), in the order given (most important first).

    Markers are obstacles for every label; each placed label becomes one for the next. A label that
    cannot avoid everything takes the spot with the least overlap, and `overlap` says by how much.
    `obstacles` are further boxes to keep clear (other markers, fixed text).
    """
    obstacles = [(x - r, y - r, x + r, y + r) for x, y, r in points] + list(obstacles or [])
    out: list[Placement] = []
    for (x, y, r), text in zip(points, texts, strict=True):
        w, h = label_size(text, font_px)
        best: Placement | None = None
        best_box: Box | None = None
        for sx, sy, anchor, baseline in _CANDIDATES:
            d = r + gap
            diag = 1 / math.sqrt(2) if sx and sy else 1.0
            dx, dy = sx * d * diag, sy * d * diag
            box = _box(x, y, w, h, dx, dy, anchor, baseline)
            own = (x - r, y - r, x + r, y + r)
            cost = sum(_overlap(box, o) for o in obstacles if o != own) + 4 * _outside(box, bounds)
            if best is None or cost < best.overlap:
                best, best_box = Placement(dx, dy, anchor, baseline, cost), box
            if cost == 0:
                break
        assert best is not None and best_box is not None
        out.append(best)
        obstacles.append(best_box)
    return out
