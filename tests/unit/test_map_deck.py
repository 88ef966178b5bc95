"""The map's pure builders: model, deck JSON, static figure and view, including hostile data."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest

from pivotdash import schema, theme
from pivotdash.figures.finish import chrome_of
from pivotdash.filters import Filters, describe, event_frame
from pivotdash.loading import load_dataset
from pivotdash.maps.basemap import BASEMAP_BOX, load_basemap
from pivotdash.maps.deck import TOOLTIP, VIEW_PX, VIEWS, build_deck, mercator_px
from pivotdash.maps.labels import label_size, place_labels
from pivotdash.maps.model import events_at, flashpoint_table, legend_frame, map_model, marker_radius
from pivotdash.paper import load_paper
from pivotdash.state import MapState, link
from pivotdash.views import build
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<img src=x onerror=alert(1)>"


def _dataset(tmp_path: Path, hostile: bool = False):
    """The minimal fixture's episodes and events with the real flashpoints and routes."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", target)
    shutil.copy(ROOT / "data" / "flashpoints.csv", target / "flashpoints.csv")
    shutil.copy(ROOT / "data" / "routes.csv", target / "routes.csv")
    if hostile:
        path = target / "flashpoints.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for row in rows:
            if row["id"] == "crimea":
                row["name"] = HOSTILE
                row["summary"] = "{tooltip} [x](javascript:alert(1)) <b>bold</b>"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    data = load_dataset(target, load_paper().paragraph_ids)
    return data, event_frame(data.events, data.episodes), target


@pytest.fixture(scope="module")
def basemap():
    return load_basemap()


@pytest.fixture
def minimal(tmp_path):
    return _dataset(tmp_path)


def _deck_json(model, basemap, **kw) -> dict:
    return json.loads(build_deck(model, basemap, **kw).to_json())


def test_deck_has_every_layer_and_draws_its_own_basemap(minimal, basemap):
    data, frame, _folder = minimal
    spec = _deck_json(map_model(data.flashpoints, data.routes, frame, Filters()), basemap)
    assert [layer["id"] for layer in spec["layers"]] == [
        "ocean", "land", "coasts", "borders", "routes", "flashpoints", "labels"]
    assert "mapProvider" not in spec  # no tiles: nothing is fetched from the network
    assert "http" not in json.dumps({k: v for k, v in spec.items() if k != "layers"})
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert layers["flashpoints"]["radiusUnits"] == "pixels" and layers["routes"]["widthUnits"] == "pixels"
    assert layers["labels"]["characterSet"] == "auto"


def test_the_basemap_loads_by_url_and_only_the_filtered_layers_travel(minimal, basemap):
    data, frame, _ = minimal
    model = map_model(data.flashpoints, data.routes, frame, Filters())
    inline = build_deck(model, basemap).to_json()
    spec = _deck_json(model, basemap, basemap_url="app/static/basemap")
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert list(layers) == ["ocean", "land", "coasts", "borders", "routes", "flashpoints", "labels"]
    assert {layers[k]["data"] for k in ("land", "coasts", "borders")} == {
        f"app/static/basemap/{k}.geojson" for k in ("land", "coasts", "borders")}
    assert layers["coasts"]["@@type"] == "GeoJsonLayer" and layers["coasts"]["lineWidthUnits"] == "pixels"
    assert layers["flashpoints"]["data"] and layers["routes"]["data"]
    size = len(json.dumps(spec, separators=(",", ":")))
    assert size < 50_000 < len(inline), (size, len(inline))


def test_tiles_are_an_opt_in(minimal, basemap):
    data, frame, _folder = minimal
    spec = _deck_json(map_model(data.flashpoints, data.routes, frame, Filters()), basemap, tiles=True)
    assert spec["mapProvider"] == "carto"
    assert next(layer["id"] for layer in spec["layers"]) == "borders"


@pytest.mark.parametrize("tiles", [False, True])
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_camera_never_looks_past_the_basemap(minimal, basemap, view, tiles):
    """Past the basemap's box there is only the blank page: the view is bounded by the box (deck.gl's maxBounds,
    which also raises the least zoom to fill the frame), untilted, unrotated, its centre never wrapped at 180°."""
    data, frame, _folder = minimal
    spec = _deck_json(map_model(data.flashpoints, data.routes, frame, Filters()), basemap, view=view, tiles=tiles)
    west, south, east, north = basemap.box
    state = spec["initialViewState"]
    assert state["maxBounds"] == [[west, south], [east, north]]
    assert state["normalize"] is False and state["maxPitch"] == 0
    assert spec["views"] == [{"@@type": "MapView", "controller": {
        "dragRotate": False, "touchRotate": False, "keyboard": {"rotateSpeedX": 0, "rotateSpeedY": 0}}}]
    ocean = next((layer for layer in spec["layers"] if layer["id"] == "ocean"), None)
    if ocean:  # the sea covers the whole bounded area
        assert ocean["data"][0]["polygon"] == [[west, south], [east, south], [east, north], [west, north]]


@pytest.mark.parametrize("view", list(VIEWS))
def test_each_opening_view_lies_inside_the_basemap_as_laid_out(basemap, view):
    """At the map's height (600 px, fixed by the page) an opening view is inside the box, so the browser never
    moves it north or south (its labels are placed for what is shown). Across, the frame's width is the window's:
    a view wider than the box is zoomed in to fit it, about its own centre, so the whole sheet is centred."""
    opening = VIEWS[view]
    west, south, east, north = basemap.box
    _, cy = mercator_px(opening["longitude"], opening["latitude"], opening["zoom"])
    _, y0 = mercator_px(west, north, opening["zoom"])
    _, y1 = mercator_px(east, south, opening["zoom"])
    h = VIEW_PX[1]
    assert y0 <= cy - h / 2 and cy + h / 2 <= y1
    if view == "whole":
        assert opening["longitude"] == (west + east) / 2


def test_tooltips_are_text_and_hostile_names_stay_inert(tmp_path, basemap):
    data, frame, _folder = _dataset(tmp_path, hostile=True)
    deck = build_deck(map_model(data.flashpoints, data.routes, frame, Filters()), basemap)
    assert deck._tooltip is TOOLTIP and TOOLTIP["text"] == "{tooltip}" and "html" not in TOOLTIP  # never html
    spec = json.loads(deck.to_json())
    layers = {layer["id"]: layer for layer in spec["layers"]}
    crimea = next(p for p in layers["flashpoints"]["data"] if p["id"] == "crimea")
    assert crimea["name"] == HOSTILE
    assert crimea["tooltip"].startswith(HOSTILE + "\n")  # the literal text; deck.gl shows it with innerText
    label = next(p for p in layers["labels"]["data"] if p["id"] == "crimea")
    assert label["label"] == HOSTILE
    assert '"html"' not in json.dumps(spec)


def test_static_figure_escapes_hostile_text(tmp_path, basemap):
    _data, _frame, folder = _dataset(tmp_path, hostile=True)
    view = build("map", MapState(), Loaded(folder))
    texts = [a.text for a in view.figure.layout.annotations]
    assert "&lt;img src=x onerror=alert(1)&gt;" in texts
    assert not any("<img" in t for t in texts)
    hovers = [h for trace in view.figure.data for h in (trace.hovertext or []) if isinstance(h, str)]
    assert any("&lt;img" in h for h in hovers) and not any("<img" in h for h in hovers)


def test_positions_are_on_the_shifted_sheet(minimal, basemap):
    data, frame, _folder = minimal
    spec = _deck_json(map_model(data.flashpoints, data.routes, frame, Filters()), basemap)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    west, south, east, north = BASEMAP_BOX
    points = [p["position"] for p in layers["flashpoints"]["data"]]
    points += [pt for r in layers["routes"]["data"] for pt in r["path"]]
    assert all(west <= x <= east and south <= y <= north for x, y in points)
    fort_ross = next(p for p in layers["flashpoints"]["data"] if p["id"] == "fort_ross")
    assert fort_ross["position"][0] == pytest.approx(360 - 123.24361)  # east of Kamchatka, not west of Crimea


def test_colour_by_kind_size_by_filtered_events(minimal):
    data, frame, _folder = minimal
    everything = map_model(data.flashpoints, data.routes, frame, Filters()).flashpoints.set_index("id")
    assert everything.loc["amur_aigun", "colour"] == theme.KIND_COLOURS["territorial_dispute"]
    assert everything.loc["amur_aigun", "n_events"] == 1
    # With no filter, a place with no event in the data is grey; with one, the filter decides.
    assert not everything.loc["sitka", "active"] and everything.loc["sitka", "colour"] == theme.INACTIVE_COLOUR
    modern = map_model(data.flashpoints, data.routes, frame, Filters(eras=("federation",))).flashpoints.set_index("id")
    assert modern.loc["crimea", "active"] and modern.loc["dokdo_takeshima", "active"]
    assert not modern.loc["amur_aigun", "active"] and modern.loc["amur_aigun", "n_total"] == 1
    assert modern.loc["amur_aigun", "radius"] < modern.loc["crimea", "radius"]
    assert marker_radius(4, True) > marker_radius(1, True) > marker_radius(0, False)


def test_events_at_a_place_and_the_hidden_ones(minimal):
    data, frame, _folder = minimal
    model = map_model(data.flashpoints, data.routes, frame, Filters(years=(1900, 2026)))
    here, hidden = events_at(model, frame, "amur_aigun")
    assert here.empty and hidden == 1
    here, hidden = events_at(map_model(data.flashpoints, data.routes, frame, Filters()), frame, "amur_aigun")
    assert list(here["id"]) == ["1858-aigun"] and hidden == 0


def test_legend_uses_the_map_colours(minimal):
    data, frame, _folder = minimal
    model = map_model(data.flashpoints, data.routes, frame, Filters(eras=("federation",)))
    legend = legend_frame(model).set_index("kind")
    assert legend.loc["Occupation", "colour"] == theme.KIND_COLOURS["occupation"]
    assert legend.loc["No event under these filters", "colour"] == theme.INACTIVE_COLOUR
    assert legend["events"].sum() == model.flashpoints["n_events"].sum()
    assert set(theme.KIND_COLOURS) == set(schema.FLASHPOINT_KINDS)
    assert len(set(theme.KIND_COLOURS.values())) == len(theme.KIND_COLOURS)
    assert theme.INACTIVE_COLOUR not in theme.KIND_COLOURS.values()


def test_view_for_the_briefing(minimal, basemap):
    data, frame, folder = minimal
    filters = Filters(eras=("federation",), drivers=("security",), years=(2000, 2026))
    view = build("map", MapState(filters), Loaded(folder))
    assert view.id == "map" and view.subtitle.startswith(describe(filters))
    chrome = chrome_of(view.figure)
    assert chrome is not None and "Natural Earth" in chrome.source and "Miller" in chrome.source
    assert chrome.licence
    # Land is drawn as filled scatter traces: no geo traces, which would fetch outlines from a CDN.
    assert {type(t) for t in view.figure.data} == {go.Scatter}
    assert any(t.fill == "toself" for t in view.figure.data)
    assert not any(k.startswith("geo") for k in view.figure.layout.to_plotly_json())
    assert next(iter(view.data["id"])) == "dokdo_takeshima"  # the one place with a matching event first
    assert view.link == "/map?era=Russian+Federation&driver=Security&years=2000&years=2026"
    assert flashpoint_table(map_model(data.flashpoints, data.routes, frame, filters)).equals(view.data)


def test_link_without_filters_and_with_a_place():
    assert link(MapState()) == "/map"
    # The place picker is bound to the URL by the flashpoint's name, as it shows it.
    assert link(MapState(place="port_arthur")) == "/map?place=port_arthur"


def test_labels_do_not_overlap_when_there_is_room():
    # Five markers in a tight cross: every label finds a free spot and no two labels overlap.
    pts = [(100.0, 100.0, 6.0), (120.0, 100.0, 6.0), (100.0, 120.0, 6.0), (80.0, 100.0, 6.0), (100.0, 80.0, 6.0)]
    texts = ["Vladivostok", "Harbin", "Mukden", "Port Arthur", "Tsushima"]
    placed = place_labels(pts, texts, font_px=11)
    boxes = []
    for (x, y, _), text, p in zip(pts, texts, placed, strict=True):
        w, h = label_size(text, 11)
        left = x + p.dx - (w if p.anchor == "right" else w / 2 if p.anchor == "center" else 0)
        top = y + p.dy - (h if p.baseline == "bottom" else h / 2 if p.baseline == "middle" else 0)
        boxes.append((left, top, left + w, top + h))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1])
    assert placed[0].anchor == "left"  # the first label reads to the right of its marker


def test_bidi_overrides_in_place_names_never_reverse_the_tooltip_or_label(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", target)
    shutil.copy(ROOT / "data" / "routes.csv", target / "routes.csv")
    path = target / "flashpoints.csv"
    shutil.copy(ROOT / "data" / "flashpoints.csv", path)
    path.write_text(path.read_text(encoding="utf-8").replace("Crimea,", "Crimea\u202egnp.exe,", 1), encoding="utf-8")
    data = load_dataset(target, load_paper().paragraph_ids)
    model = map_model(data.flashpoints, data.routes, event_frame(data.events, data.episodes), Filters())
    crimea = model.flashpoints[model.flashpoints["id"] == "crimea"].iloc[0]
    assert "\u202e" not in crimea["tooltip"] and "\u202e" not in crimea["label"]
    assert crimea["tooltip"].startswith("Crimeagnp.exe")
