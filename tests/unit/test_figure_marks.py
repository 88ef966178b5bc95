"""Bands and rules set in one step draw exactly what plotly's one-at-a-time add_* calls draw."""

from __future__ import annotations

import plotly.graph_objects as go

from pivotdash.figures import marks


def test_batched_marks_equal_plotlys_add_calls() -> None:
    one_by_one = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))
    one_by_one.add_annotation(text="kept first", x=0, y=0)
    one_by_one.add_vrect(x0=1, x1=1.5, fillcolor="#CC6677", opacity=0.18, line_width=0, layer="below")
    one_by_one.add_vline(x=1.2, line={"color": "#444444", "dash": "dot", "width": 1})
    one_by_one.add_annotation(x=1, y=1.0, xref="x", yref="paper", text="band", showarrow=False)

    batched = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))
    batched.add_annotation(text="kept first", x=0, y=0)
    marks.place(batched, [marks.band(1, 1.5, fillcolor="#CC6677", opacity=0.18, line={"width": 0}, layer="below"),
                          marks.rule(1.2, {"color": "#444444", "dash": "dot", "width": 1})],
                [{"x": 1, "y": 1.0, "xref": "x", "yref": "paper", "text": "band", "showarrow": False}])
    assert batched.to_plotly_json() == one_by_one.to_plotly_json()
