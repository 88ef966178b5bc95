"""The drivers × endings matrix at the chart column of a 1024 px window: its column labels do not collide."""

from __future__ import annotations

import pytest

from pivotdash import schema
from pivotdash import timeline as tl
from pivotdash.export.images import export_figure
from pivotdash.figures.episodes import matrix_column_labels
from pivotdash.state import EpisodesState
from pivotdash.views import build
from pivotdash.views.loaded import Loaded

GAP = 2  # px that must stay clear between two neighbouring column labels


@pytest.mark.parametrize("width", [564, 980, 1280])
def test_matrix_column_labels_fit_their_columns(width):
    view = build("episodes-matrix", EpisodesState(), Loaded())
    assert view is not None
    fig = export_figure(view.figure, width=width, height=int(view.figure.layout.height))
    plot = width - fig.layout.margin.l - fig.layout.margin.r
    for vocab in (schema.DRIVERS, schema.END_REASONS):
        labels = matrix_column_labels(vocab, list(vocab))
        column = plot / len(labels)  # each panel spans the whole width: categories are evenly spaced
        widest = max(tl.text_width(line, 10) for label in labels for line in label.split("<br>"))
        assert widest + GAP < column, (width, vocab, widest, column)
