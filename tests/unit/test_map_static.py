"""The static map fills its frame with land and sea at any size it is drawn (preview, PNG, SVG, HTML)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pivotdash import state as st
from pivotdash.export import browser
from pivotdash.export.html import to_html
from pivotdash.export.images import export_figure, to_png
from pivotdash.figures.map import MAIN_BOX, SURROUND, surround
from pivotdash.maps.basemap import load_basemap
from pivotdash.views import build
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def view():
    return build("map", st.MapState(), Loaded(ROOT / "data"))


def test_land_and_sea_reach_past_the_panel_within_the_basemap(view):
    basemap = load_basemap()
    outer = surround(MAIN_BOX, basemap.box)
    assert outer[1] <= MAIN_BOX[1] - 20 and outer[3] >= MAIN_BOX[3] + 20  # past 19°N and 55°N, where it stopped
    assert outer[0] >= basemap.box[0] and outer[2] <= basemap.box[2]  # never beyond what the basemap covers
    sea = [s for s in view.figure.layout.shapes if s.xref == "x" and s.fillcolor and s.layer == "below"
           and s.x0 <= outer[0] and s.x1 >= outer[2]]
    assert sea and sea[0].y0 <= outer[1] and sea[0].y1 >= outer[3]
    land = next(t for t in view.figure.data if t.name == "land" and t.xaxis in (None, "x"))
    lats = [y for y in land.y if y is not None]
    assert max(lats) > MAIN_BOX[3] + 10 and min(lats) < MAIN_BOX[1] - 10
    assert SURROUND[1] >= 20


def _white_share(png: bytes, box: tuple[float, float, float, float]) -> float:
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    h, w = image.shape[:2]
    x0, y0, x1, y1 = (round(box[0] * w), round(box[1] * h), round(box[2] * w), round(box[3] * h))
    region = image[y0:y1, x0:x1]
    return float((region.min(axis=-1) >= 254).mean())


def _panel(drawn, axes: tuple[str, str], width: int, height: int) -> tuple[float, float, float, float]:
    """A panel's inside (its axes), as shares of the image: its full height and the left 80% of its domain (plotly may
    draw a panel a little narrower than its domain to keep the aspect)."""
    margin = drawn.layout.margin
    xdom, ydom = drawn.layout[axes[0]].domain, drawn.layout[axes[1]].domain
    left = margin.l + (width - margin.l - margin.r) * xdom[0]
    right = margin.l + (width - margin.l - margin.r) * xdom[1]
    plot_h = height - margin.t - margin.b
    top = margin.t + plot_h * (1 - ydom[1])
    bottom = margin.t + plot_h * (1 - ydom[0])
    return (left + 4) / width, (top + 4) / height, (left + 0.8 * (right - left)) / width, (bottom - 4) / height


# The page's column at 1024 px (564 wide; the preview at 530×737, taller than a slide), the slide, an HTML page.
@pytest.mark.parametrize(("width", "height"), [(564, 720), (530, 737), (1280, 720), (1900, 720)])
def test_the_main_panel_has_no_white_at_any_size(view, width, height):
    """Drawn narrower or wider than the slide, the panel shows more than its box: that area is land and sea, never
    white paper, not even past the basemap's edge at 82°N and 10°S (the panel stops there)."""
    if browser.unavailable_reason():
        pytest.skip(browser.unavailable_reason())
    png = to_png(view.figure, scale=1, width=width, height=height)
    drawn = export_figure(view.figure, width, height)  # the layout the PNG was drawn from (chrome re-wrapped)
    assert _white_share(png, _panel(drawn, ("xaxis", "yaxis"), width, height)) < 0.01


def test_the_html_map_keeps_its_slide_size_so_no_side_strips(view):
    page = to_html(view).decode()
    assert '"responsive": false' in page or '"responsive":false' in page
    assert "width:1280px" in page.replace(" ", "")
