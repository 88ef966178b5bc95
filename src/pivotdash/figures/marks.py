"""Bands, rules and notes on a time axis as plain layout dicts, set on a figure in one validated step."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import plotly.graph_objects as go

# Each add_vrect/add_vline/add_annotation call validates and copies the whole layout again; a figure
# with a dozen bands paid for that a dozen times. These build what those calls would add, as dicts.


def band(x0: Any, x1: Any, *, axis: str = "", **style: Any) -> dict[str, Any]:
    """What `fig.add_vrect(x0=, x1=, **style)` adds (style in layout terms: line={"width": 0}, not line_width);
    `axis="2"` puts it on the second subplot's axes."""
    return {"type": "rect", "x0": x0, "x1": x1, "xref": f"x{axis}", "y0": 0, "y1": 1, "yref": f"y{axis} domain",
            **style}


def rule(x: Any, line: dict[str, Any], *, axis: str = "") -> dict[str, Any]:
    """What `fig.add_vline(x=, line=)` adds: a vertical line across the plot."""
    return {"type": "line", "x0": x, "x1": x, "xref": f"x{axis}", "y0": 0, "y1": 1, "yref": f"y{axis} domain",
            "line": line}


def place(fig: go.Figure, shapes: Iterable[dict[str, Any]] = (), annotations: Iterable[dict[str, Any]] = ()) -> None:
    """Append shapes and annotations to the figure's own, in order, with one layout update."""
    shapes, annotations = list(shapes), list(annotations)
    update: dict[str, Any] = {}
    if shapes:
        update["shapes"] = [*fig.layout.shapes, *shapes]
    if annotations:
        update["annotations"] = [*fig.layout.annotations, *annotations]
    if update:
        fig.update_layout(update)
