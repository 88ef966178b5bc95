"""The plotly config of every chart on a page: no logo, a camera button that saves a slide PNG, and a reset
button where the chart zooms in place; no other buttons, so the bar stays clear of a title at 564 px."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from pivotdash import theme
from pivotdash.export.names import file_stem
from pivotdash.views import View


def camera_config(filename: str, *, zooms: bool = True) -> dict[str, Any]:
    """The st.plotly_chart config: no logo; the camera button saves a 16:9 slide PNG at 2× as `filename`; with
    `zooms` (the chart zooms in place by dragging), a button that resets its axes."""
    return {
        "displaylogo": False,
        # Two buttons at most (about 60 px): the full bar (about 250 px) covered the end of a wrapped title.
        "modeBarButtons": [["toImage", "resetScale2d"] if zooms else ["toImage"]],
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": theme.SLIDE_WIDTH,
            "height": theme.SLIDE_HEIGHT,
            "scale": 2,
        },
    }


def zooms_in_place(fig: go.Figure) -> bool:
    """Whether dragging the chart zooms it: some axis is not fixed and the drag is not a selection."""
    layout = fig.layout.to_plotly_json()
    axes = [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis")) and isinstance(v, dict)] or [{}]
    return layout.get("dragmode") not in ("select", "lasso", False) and any(not a.get("fixedrange") for a in axes)


def plotly_config(view: View) -> dict[str, Any]:
    """The camera config for a view, its file named for the view and its filters."""
    return camera_config(file_stem(view), zooms=zooms_in_place(view.figure))
