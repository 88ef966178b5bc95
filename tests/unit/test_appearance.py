"""The page's dark copy of a figure: made once per figure, never the figure itself, dropped with it."""

from __future__ import annotations

import gc

import plotly.graph_objects as go
import pytest

from pivotdash import theme
from pivotdash.ui import appearance


def _figure() -> go.Figure:
    return go.Figure(go.Scatter(x=[1, 2], y=[3, 4], line={"color": theme.LIGHT.ink}),
                     layout={"paper_bgcolor": theme.LIGHT.background, "font": {"color": theme.LIGHT.ink}})


def test_light_draws_the_figure_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(appearance, "surface", lambda: theme.LIGHT)
    fig = _figure()
    assert appearance.for_screen(fig) is fig


def test_dark_copy_is_made_once_per_figure_and_goes_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(appearance, "surface", lambda: theme.DARK)
    fig = _figure()
    first = appearance.for_screen(fig)
    assert first is not fig and first.layout.paper_bgcolor.upper() == theme.DARK.background.upper()
    assert fig.layout.paper_bgcolor == theme.LIGHT.background  # the export's figure stays light
    assert appearance.for_screen(fig) is first  # a rerun with the same cached view recolours nothing
    key = id(fig)
    del fig, first
    gc.collect()
    assert key not in appearance._DARK_COPIES
