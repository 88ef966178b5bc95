"""The timeline's labels never collide; zoom windows, honest dates and the figure built from them."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pytest

from pivotdash import state as ps
from pivotdash import timeline as tl
from pivotdash import views
from pivotdash.export.plotly_config import plotly_config, zooms_in_place
from pivotdash.figures import timeline as ft
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]
SPOTS = tl.beside(9, 14)


@pytest.fixture(scope="module")
def data() -> Loaded:
    return Loaded(ROOT / "data")


def test_measured_widths_follow_the_glyphs() -> None:
    assert tl.text_width("WWWW", 11) > 1.5 * tl.text_width("iiii", 11)
    assert tl.text_width("Korean War", 22) == pytest.approx(2 * tl.text_width("Korean War", 11), rel=0.1)


def test_a_label_takes_the_first_free_spot_and_a_crowded_one_is_left_out() -> None:
    bounds = (0.0, 0.0, 400.0, 100.0)
    first = tl.Mark("a", 10, 50, 5, "Treaty of Aigun")
    labels = tl.place([first, tl.Mark("b", 12, 50, 5, "Treaty of Peking")], font_px=11, bounds=bounds, spots=SPOTS)
    assert labels[0].key == "a" and labels[0].spot == SPOTS[0]  # right of its marker, on its line
    assert [label.key for label in labels] == ["a", "b"] and labels[1].spot.dy != 0  # the second moved to a lane
    crowd = [tl.Mark(str(i), 200, 50, 5, "A long label that fills the whole line") for i in range(12)]
    assert len(tl.place(crowd, font_px=11, bounds=bounds, spots=SPOTS)) < 12


def test_near_the_right_edge_a_label_turns_to_the_left() -> None:
    [label] = tl.place([tl.Mark("edge", 395, 50, 5, "Vostok 2022")], font_px=11, bounds=(0, 0, 400, 100),
                       spots=SPOTS)
    assert label.spot.anchor == "right" and label.box[2] <= 400


@pytest.mark.parametrize("seed", range(8))
def test_no_two_placed_labels_overlap_nor_cover_a_marker_nor_leave_the_plot(seed: int) -> None:
    rng = random.Random(seed)
    bounds = (0.0, 0.0, 437.0, 230.0)
    rows = [40 + 25 * k for k in range(8)]
    marks = [tl.Mark(str(i), rng.uniform(0, 437), rng.choice(rows), 6, "Event " + "x" * rng.randint(3, 22))
             for i in range(60)]
    labels = tl.place(marks, font_px=11, bounds=bounds, spots=SPOTS)
    boxes = [label.box for label in labels]
    assert len(labels) >= 10
    assert tl.collisions(boxes) == []
    assert all(tl.inside(box, bounds) for box in boxes)
    by_key = {m.key: m for m in marks}
    for label in labels:
        others = [m for m in marks if m.key != label.key]
        assert not any(tl.overlap(label.box, (m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r)) for m in others)
        assert by_key[label.key].text == label.text


def test_short_labels_cut_at_a_word() -> None:
    assert tl.short_label("Korean War") == "Korean War"
    assert tl.short_label("Russia-China naval drill in the South China Sea") == "Russia-China naval drill…"
    assert len(tl.short_label("x" * 80)) == 26


def test_zoom_windows(data: Loaded) -> None:
    episodes = data.dataset().episodes
    years = (1740, 2026)
    assert tl.zoom_window(tl.Zoom(), years, episodes) == (dt.date(1740, 1, 1), dt.date(2026, 12, 31))
    assert tl.zoom_window(tl.Zoom("since_2014"), years, episodes)[0] == dt.date(2014, 1, 1)
    assert tl.zoom_window(tl.Zoom("since_paper"), years, episodes)[0] == dt.date(2019, 12, 1)
    assert tl.zoom_window(tl.Zoom("stalin_korea"), years, episodes) == (dt.date(1950, 1, 1), dt.date(1953, 12, 31))
    assert tl.zoom_window(tl.Zoom("custom", (1904, 1906)), years, episodes) == (
        dt.date(1904, 1, 1), dt.date(1906, 12, 31))
    # inside the filters' years; a zoom the filters leave nothing of shows them all
    assert tl.zoom_window(tl.Zoom("since_2014"), (1900, 2016), episodes) == (dt.date(2014, 1, 1), dt.date(2016, 12, 31))
    assert tl.zoom_window(tl.Zoom("since_2014"), (1800, 1900), episodes) == (dt.date(1800, 1, 1), dt.date(1900, 12, 31))


def test_a_year_or_month_is_never_a_point_on_its_first_day(data: Loaded) -> None:
    events = data.events().set_index("id", drop=False)
    at = tl.marker_dates(events)
    assert at["1741-russians-reach-alaska"] == pd.Timestamp("1741-07-02")  # the middle of 1741
    assert at["2012-apec-vladivostok"].month == 9 and at["2012-apec-vladivostok"].day in (15, 16)
    assert at["1950-korean-war"] == pd.Timestamp("1950-06-25")  # a span: its marker at its start
    assert at["1799-sitka-founded"] == pd.Timestamp("1799-07-07")  # an exact day: on it
    kinds = tl.precision(events["date"])
    assert kinds["1741-russians-reach-alaska"] == "year" and kinds["1799-sitka-founded"] == "day"


def _figure(state: ps.TimelineState, data: Loaded):  # type: ignore[no-untyped-def]
    view = views.build("timeline", state, data)
    assert view is not None
    return view.figure


def test_since_2014_the_figure_labels_putins_turn_east_and_draws_dates_honestly(data: Loaded) -> None:
    fig = _figure(ps.TimelineState(zoom=tl.Zoom("since_2014")), data)
    assert fig.layout.title.text == "<b>Russia's turns East, 2014–2026</b>"
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith(ft.EVENT_LABEL)]
    assert len(labels) >= 15
    assert all(pd.Timestamp(a.x) >= pd.Timestamp("2013-01-01") for a in labels)  # only the events in view
    texts = {a.text for a in fig.layout.annotations}
    assert "Putin's turn to the East" in texts and ft.PAPER_NOTE in texts
    markers = [t for t in fig.data if t.customdata is not None and t.xaxis in (None, "x")]
    symbols = {str(s) for t in markers for s in t.marker.symbol}
    assert {"diamond", "diamond-open"} <= symbols  # exact days filled, months and years hollow
    bars = [t for t in fig.data if t.mode == "lines" and t.x and t.x[0] is not None]
    assert bars  # the spans (and month- or year-dated events) as bars
    paper = [s for s in fig.layout.shapes if s.name == ft.PAPER_KEY]
    assert paper and str(paper[0].x0).startswith("2019-12-01") and str(paper[0].x1).startswith("2019-12-31")
    assert {s.name for s in fig.layout.shapes if s.showlegend} >= {"Ongoing", "Catastrophe", ft.PAPER_KEY}
    detail, overview = fig.layout.xaxis.range, fig.layout.xaxis2.range
    assert detail[0] < dt.date(2014, 1, 1) < overview[1]
    assert overview[0] < dt.date(1741, 1, 1)  # the overview shows every year


def test_the_open_event_is_labelled_first_in_bold(data: Loaded) -> None:
    fig = _figure(ps.TimelineState(event="2015-aiib-founded", zoom=tl.Zoom("since_2014")), data)
    names = [a.name for a in fig.layout.annotations if (a.name or "").startswith(ft.EVENT_LABEL)]
    assert ft.EVENT_LABEL + "2015-aiib-founded" in names
    label = next(a for a in fig.layout.annotations if a.name == ft.EVENT_LABEL + "2015-aiib-founded")
    assert label.text.startswith("<b>")


def test_zooming_in_labels_more_of_the_turn(data: Loaded) -> None:
    def count(zoom: tl.Zoom) -> int:
        fig = _figure(ps.TimelineState(zoom=zoom), data)
        return sum(1 for a in fig.layout.annotations
                   if (a.name or "").startswith(ft.EVENT_LABEL) and str(a.x) >= "2019-12")

    assert count(tl.Zoom()) < count(tl.Zoom("since_2014")) < count(tl.Zoom("since_paper"))


def test_a_drag_across_the_chart_chooses_whole_years_inside_those_shown() -> None:
    shown = (1740, 2026)
    assert tl.dragged_years(["2015-03-05 08:29:33.6595", "2019-11-30"], shown) == (2015, 2019)
    assert tl.dragged_years(["2019-11-30", "2015-03-05"], shown) == (2015, 2019)  # dragged leftwards
    assert tl.dragged_years([1.4e12, 1.6e12], shown) == (2014, 2020)  # epoch milliseconds
    assert tl.dragged_years(["1700-01-01", "1760-06-01"], shown) == (1740, 1760)  # past the left edge
    assert tl.dragged_years(["2030-01-01", "2040-01-01"], shown) is None  # nothing shown there
    assert tl.dragged_years(["2015"], shown) is None
    assert tl.dragged_years(["not a date", "2019-01-01"], shown) is None


def test_the_chart_zooms_by_a_dragged_box_and_never_in_place_so_labels_match_the_window(data: Loaded) -> None:
    view = views.build("timeline", ps.TimelineState(zoom=tl.Zoom("since_2014")), data)
    layout = view.figure.layout
    assert layout.dragmode == "select" and layout.selectdirection == "h"
    assert layout.xaxis.fixedrange and layout.yaxis.fixedrange and layout.xaxis2.fixedrange
    assert not zooms_in_place(view.figure)
    assert plotly_config(view)["modeBarButtons"] == [["toImage"]]
    trade = views.build("trade-composition", ps.TradeState(), data)
    assert zooms_in_place(trade.figure)
    assert plotly_config(trade)["modeBarButtons"] == [["toImage", "resetScale2d"]]
