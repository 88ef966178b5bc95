"""The map on the dark theme: a night basemap from theme.DARK, marks lifted to 3:1 on the dark land, labels in
light ink; the light map (and so every export) is the same deck as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pivotdash import theme
from pivotdash.filters import Filters, event_frame
from pivotdash.maps.basemap import load_basemap
from pivotdash.maps.deck import build_deck
from pivotdash.maps.model import hex_rgb, map_model
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model():
    data = Loaded(ROOT / "data").dataset()
    return map_model(data.flashpoints, data.routes, event_frame(data.events, data.episodes), Filters())


@pytest.fixture(scope="module")
def basemap():
    return load_basemap()


def _layers(model, basemap, **kw) -> dict:
    return {layer["id"]: layer for layer in json.loads(build_deck(model, basemap, **kw).to_json())["layers"]}


def _hex(rgba: list[int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgba[:3])


def test_the_dark_map_draws_a_night_basemap_with_marks_that_stand_out(model, basemap):
    layers = _layers(model, basemap, surface=theme.DARK)
    assert layers["ocean"]["getFillColor"][:3] == hex_rgb(theme.DARK.map_ocean)[:3]
    assert layers["land"]["getFillColor"][:3] == hex_rgb(theme.DARK.map_land)[:3]
    marks = [_hex(row["rgba"]) for layer in ("flashpoints", "routes") for row in layers[layer]["data"]]
    assert marks and all(theme.contrast(c, theme.DARK.map_land) >= 3.0 for c in marks), marks
    labels = {_hex(r["rgba"]) for r in layers["labels"]["data"]}
    assert labels <= {theme.DARK.ink, theme.DARK.muted_ink}
    assert all(theme.contrast(c, theme.DARK.map_land) >= 4.5 for c in labels)


def test_the_light_map_is_unchanged(model, basemap):
    assert build_deck(model, basemap).to_json() == build_deck(model, basemap, surface=theme.LIGHT).to_json()
    layers = _layers(model, basemap)
    assert layers["land"]["getFillColor"][:3] == hex_rgb(theme.MAP_LAND)[:3]
    assert layers["flashpoints"]["getLineColor"] == [255, 255, 255, 255]
    routes = {r["route_id"]: _hex(r["rgba"]) for r in layers["routes"]["data"]}
    assert set(routes.values()) <= {c.upper() for c in theme.ROUTE_COLOURS.values()}
