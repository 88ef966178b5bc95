"""Published post-2020 points on the composition chart: drawn as comparable with the series shown only when the
data says so, and the "DOTS ends" note placed clear of every point and its label at the page's widths."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from pivotdash.state import TradeState
from pivotdash.timeline import text_width
from pivotdash.trade.markers import comparable
from pivotdash.trade.viewstate import TradeView
from pivotdash.views import build
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (564, 980)  # the page's column at a 1024 px window, and a wide one
VIEWS = {
    "exports share, area": TradeView(chart="area"),
    "exports share, lines": TradeView(chart="line"),
    "imports share, lines": TradeView(chart="line", flow="imports"),
    "exports value, lines": TradeView(chart="line", measure="value"),
    "imports value, lines": TradeView(chart="line", flow="imports", measure="value"),
}
CHAR = 0.62  # a character's width in em, erring wide (Arial-like digits and lower case are narrower)
LINE = 1.3  # a line's height in em
Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels from the figure's top left


@pytest.fixture(scope="module")
def data() -> Loaded:
    return Loaded(ROOT / "data")


def composition(data: Loaded, view: TradeView):
    return build("trade-composition", replace(TradeState(view=view), tab="composition"), data)


def published(fig: go.Figure) -> list[Any]:
    return [t for t in fig.data if t.name and t.name.startswith("Published after 2020")]


class Frame:
    """Where the plot of a finished figure lies when it is drawn `width` pixels wide (its margins are fixed)."""

    def __init__(self, fig: go.Figure, width: int) -> None:
        m = fig.layout.margin
        self.left, self.right = float(m.l), float(width - m.r)
        self.top, self.bottom = float(m.t), float(fig.layout.height - m.b)
        self.x_range, self.y_range = fig.layout.xaxis.range, fig.layout.yaxis.range
        self.width = width

    def x(self, value: float, ref: str) -> float:
        if ref == "paper":
            return self.left + value * (self.right - self.left)
        lo, hi = self.x_range
        return self.left + (value - lo) / (hi - lo) * (self.right - self.left)

    def y(self, value: float, ref: str) -> float:
        if ref == "paper":
            return self.bottom - value * (self.bottom - self.top)
        lo, hi = self.y_range
        return self.bottom - (value - lo) / (hi - lo) * (self.bottom - self.top)


def text_size(text: str, size: float) -> tuple[float, float]:
    lines = [re.sub(r"<[^>]+>", "", line) for line in text.split("<br>")]
    return max(len(line) for line in lines) * size * CHAR, len(lines) * size * LINE


def note_box(frame: Frame, note: Any) -> Box:
    """An annotation's box as plotly lays it out: anchored at (x, y) plus its shifts, 1 px of padding."""
    w, h = text_size(note.text, note.font.size)
    x = frame.x(note.x, note.xref) + (note.xshift or 0)
    y = frame.y(note.y, note.yref) - (note.yshift or 0)
    left = {"left": x, "right": x - w, "center": x - w / 2}[note.xanchor]
    top = {"top": y, "bottom": y - h, "middle": y - h / 2}[note.yanchor]
    return left - 1, top - 1, left + w + 1, top + h + 1


def point_boxes(frame: Frame, trace: Any) -> list[Box]:
    """Each published point's marker and, above it ("top center"), its value label."""
    boxes: list[Box] = []
    r = trace.marker.size / 2 + (trace.marker.line.width or 0)
    size = trace.textfont.size
    for x, y, label in zip(trace.x, trace.y, trace.text, strict=True):
        cx, cy = frame.x(x, "x"), frame.y(y, "y")
        boxes.append((cx - r, cy - r, cx + r, cy + r))
        w, h = text_size(label, size)
        boxes.append((cx - w / 2, cy - r - h, cx + w / 2, cy - r))
    return boxes


def font_size(text: str, size: float) -> tuple[float, float]:
    """A one-line label's size on the font file the charts use (Chromium draws within a pixel of it)."""
    return text_width(re.sub(r"<[^>]+>", "", html.unescape(text)), size), size * LINE


def placed_label_boxes(frame: Frame, trace: Any) -> list[Box]:
    """Each published point's value label where its text position puts it (plotly leaves about 3 px between
    a marker and its text)."""
    r = trace.marker.size / 2 + (trace.marker.line.width or 0) + 3
    positions = trace.textposition if isinstance(trace.textposition, (list, tuple)) else [trace.textposition] * len(
        trace.x)
    boxes: list[Box] = []
    for x, y, label, position in zip(trace.x, trace.y, trace.text, positions, strict=True):
        cx, cy = frame.x(x, "x"), frame.y(y, "y")
        w, h = font_size(label, trace.textfont.size)
        vertical, horizontal = position.split()
        left = {"left": cx - r - w, "right": cx + r, "center": cx - w / 2}[horizontal]
        top = {"top": cy - r - h, "bottom": cy + r, "middle": cy - h / 2}[vertical]
        boxes.append((left, top, left + w, top + h))
    return boxes


def event_label_boxes(frame: Frame, fig: go.Figure) -> list[Box]:
    """The key events' labels, rotated to run down the left side of their rules from the plot's top."""
    boxes: list[Box] = []
    for note in fig.layout.annotations:
        if note.textangle == -90 and note.xref == "x":
            length, thick = font_size(note.text, note.font.size)
            x, y = frame.x(note.x, "x"), frame.y(note.y, "paper")
            boxes.append((x - thick, y, x, y + length))
    return boxes


def series_name_boxes(frame: Frame, fig: go.Figure) -> list[Box]:
    """Each series' name, level with its last value, right of the plot."""
    boxes: list[Box] = []
    for note in fig.layout.annotations:
        if note.xref == "paper" and note.x == 1 and note.yref == "y":
            w, h = font_size(note.text, note.font.size)
            x, y = frame.right + (note.xshift or 0), frame.y(note.y, "y")
            boxes.append((x, y - h / 2, x + w, y + h / 2))
    return boxes


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def dots_note(fig: go.Figure) -> Any:
    return next(a for a in fig.layout.annotations if a.text.startswith("DOTS ends"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", VIEWS)
def test_the_dots_ends_note_covers_no_published_point_or_label(data, name, width):
    fig = composition(data, VIEWS[name]).figure
    points = published(fig)
    assert points, f"{name}: the real published figures give this view points to check"
    frame = Frame(fig, width)
    note = note_box(frame, dots_note(fig))
    assert note[0] >= 0 and note[2] <= width and note[1] >= 0, f"{name} at {width} px: the note is cut off {note}"
    hit = [b for t in points for b in point_boxes(frame, t) if overlaps(note, b)]
    assert not hit, f"{name} at {width} px: the note {note} covers published points or labels {hit}"
    # Nor does it cover the band's "Shaded" note it stands over.
    shaded = [note_box(frame, a) for a in fig.layout.annotations if a.text.startswith("Shaded")]
    assert not [b for b in shaded if overlaps(note, b)]


def test_the_overlap_check_sees_the_note_where_it_used_to_stand(data):
    """The note anchored in the plot's bottom-right corner (its old place) covered the 14.6% point at 564 px."""
    fig = composition(data, VIEWS["exports share, area"]).figure
    frame = Frame(fig, 564)
    old = dots_note(fig).to_plotly_json() | {"x": frame.x_range[1], "y": 0.02, "xanchor": "right",
                                             "yanchor": "bottom", "xshift": -3, "yshift": 0}
    box = note_box(frame, go.layout.Annotation(old))
    assert any(overlaps(box, b) for t in published(fig) for b in point_boxes(frame, t))


def test_points_not_comparable_with_the_series_are_hollow_grey_and_say_so(data):
    view = composition(data, VIEWS["exports share, area"])
    points = published(view.figure)
    # OEC's shares build on partner-reported data; DOTS exports are Russia's own figures.
    assert [t.name for t in points] == ["Published after 2020, not comparable with this series: China (mainland)"]
    (trace,) = points
    assert trace.marker.symbol == "diamond-open" and list(trace.x) == [2021, 2023]
    assert all("not comparable with DOTS exports, share (%)" in h and "partner-reported" in h
               for h in trace.hovertext)
    rows = view.data[view.data["series"] == "published figure"]
    assert sorted(rows["year"]) == [2021, 2023]  # the CSV lists exactly the points drawn
    assert rows["note"].str.startswith("Published figure, not part of the DOTS series. Not comparable with "
                                       "DOTS exports, share (%) (drawn hollow, grey)").all()


def test_china_customs_exports_to_russia_are_drawn_as_comparable_with_mirror_imports(data):
    imports = composition(data, VIEWS["imports value, lines"])
    (trace,) = published(imports.figure)
    assert trace.name == "Published after 2020: China (mainland)" and trace.marker.symbol == "diamond"
    assert list(trace.x) == [2022, 2024] and all("comparable with DOTS imports, value (US$ bn)" in h
                                                  for h in trace.hovertext)
    rows = imports.data[imports.data["series"] == "published figure"]
    assert rows["note"].str.contains("Comparable with DOTS imports, value").all()
    # China customs' imports from Russia, 13% above Russia's own export figure in 2020, are not.
    exports = composition(data, VIEWS["exports value, lines"])
    (other,) = published(exports.figure)
    assert other.name.startswith("Published after 2020, not comparable") and list(other.x) == [2022, 2024]
    assert all("13% apart" in h for h in other.hovertext)


@pytest.mark.parametrize(("text", "flow", "expected"), [
    ("DOTS imports (mirror): both are China's own figures", "imports", True),
    ("DOTS imports (mirror): both are China's own figures", "exports", False),
    ("none: OEC builds on partner-reported data", "exports", False),
    ("", "imports", False),
    (None, "imports", False),
])
def test_comparable_reads_the_column_as_the_data_readme_defines_it(text, flow, expected):
    assert comparable(text, flow) is expected


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", VIEWS)
def test_published_values_stand_clear_of_event_labels_the_dots_series_and_the_plot_edges(data, name, width):
    """At 564 px the value of the February 2022 point sat on that event's rotated label and the 14.6% share
    touched the 2020 area; "129.32 bn" ran past the plot's right edge."""
    fig = composition(data, VIEWS[name]).figure
    frame = Frame(fig, width)
    data_end = dots_note(fig).x  # the DOTS series, lines or areas, lies left of here
    events = event_label_boxes(frame, fig)
    assert events, f"{name}: the key events give this view labels to check"
    names = series_name_boxes(frame, fig)
    assert names
    labels = [b for t in published(fig) for b in placed_label_boxes(frame, t)]
    markers = [b for t in published(fig) for b in point_boxes(frame, t)[::2]]
    assert labels
    for box in labels:
        where = f"{name} at {width} px: the label at {tuple(round(v) for v in box)}"
        # In the plot, or past its right edge into the margin where the series' names stand, clear of them.
        assert frame.left <= box[0] and box[2] <= width and frame.top <= box[1] <= box[3] <= frame.bottom, (
            f"{where} leaves the plot {(frame.left, frame.top, frame.right, frame.bottom)} or the figure")
        assert not [n for n in names if overlaps(box, n)], f"{where} lies on a series' name"
        assert box[0] >= frame.x(data_end, "x"), f"{where} reaches over the DOTS series (it ends at {data_end})"
        assert not [e for e in events if overlaps(box, e)], f"{where} lies on an event's label"
        assert not [m for m in markers if overlaps(box, m)], f"{where} covers a published point"
        assert sum(overlaps(box, b) for b in labels) == 1, f"{where} runs into another value"


def test_a_published_value_reads_in_three_figures_its_units_on_the_axis():
    from pivotdash.figures.trade import _point_text

    assert [_point_text(v, "value_usd_bn") for v in (114.15, 76.1, 5.432, 1234.5)] == ["114", "76.1", "5.43", "1234"]
    assert [_point_text(v, "share_pct") for v in (32.7, 14.6, 0.0)] == ["32.7%", "14.6%", "0%"]
