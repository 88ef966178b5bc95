"""The plotly config of every chart on a page: no logo, and a camera button that saves a slide PNG."""

from __future__ import annotations

from typing import Any

from pivotdash import theme
from pivotdash.export.names import file_stem
from pivotdash.views import View


def camera_config(filename: str) -> dict[str, Any]:
    """The st.plotly_chart config: no logo; the camera button saves a 16:9 slide PNG at 2× as `filename`."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": theme.SLIDE_WIDTH,
            "height": theme.SLIDE_HEIGHT,
            "scale": 2,
        },
    }


def plotly_config(view: View) -> dict[str, Any]:
    """The camera config for a view, its file named for the view and its filters."""
    return camera_config(file_stem(view))
