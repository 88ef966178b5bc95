"""The drivers × endings matrix at the chart column of a 1024 px window (564 px), the 1440 one (980 px) and the
slide (1280 px): its upright column labels and its squares stay apart, and the labels fit above the squares."""

from __future__ import annotations

import pytest

from pivotdash import schema
from pivotdash import timeline as tl
from pivotdash.export.images import export_figure
from pivotdash.figures.episodes import MATRIX_SQUARE, MATRIX_TICK_SIZE, matrix_column_labels
from pivotdash.state import EpisodesState
from pivotdash.views import build
from pivotdash.views.loaded import Loaded

GAP = 2  # px that must stay clear between neighbouring labels or squares
LINE = 1.25  # a line of text is this many times its font size high (an upright label's width)


@pytest.mark.parametrize("width", [564, 980, 1280])
def test_matrix_columns_leave_room_for_their_labels_and_squares(width):
    view = build("episodes-matrix", EpisodesState(), Loaded())
    assert view is not None
    fig = export_figure(view.figure, width=width, height=int(view.figure.layout.height))
    plot = width - fig.layout.margin.l - fig.layout.margin.r
    for axis, vocab in ((fig.layout.xaxis, schema.DRIVERS), (fig.layout.xaxis2, schema.END_REASONS)):
        labels = matrix_column_labels(vocab, list(vocab))
        assert all("<br>" not in label for label in labels)  # one line each, standing upright
        assert axis.tickangle == -90
        column = (axis.domain[1] - axis.domain[0]) * plot / len(labels)
        assert max(MATRIX_SQUARE, LINE * MATRIX_TICK_SIZE) + GAP < column, (width, column)


def test_the_labels_fit_between_the_panel_titles_and_the_squares():
    view = build("episodes-matrix", EpisodesState(), Loaded())
    assert view is not None
    labels = [x for v in (schema.DRIVERS, schema.END_REASONS) for x in matrix_column_labels(v, list(v))]
    longest = max(tl.text_width(label, MATRIX_TICK_SIZE) for label in labels)
    titles = [a for a in view.figure.layout.annotations if a.text in ("What drove it", "What ended it")]
    assert len(titles) == 2 and all(a.yshift >= longest for a in titles)
    assert view.figure.layout.margin.t >= max(a.yshift for a in titles) + 100  # and the title, subtitle above
