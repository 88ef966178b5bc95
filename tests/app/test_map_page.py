"""The Map page as an analyst uses it: the deck, filters from the URL, a place's events, legend, exports."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pivotdash.export import browser

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def map_data(tmp_path: Path) -> Path:
    """The minimal fixture's episodes and events with the real flashpoints and routes."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", target)
    for name in ("flashpoints.csv", "routes.csv"):
        shutil.copy(ROOT / "data" / name, target / name)
    return target


def deck_spec(at) -> dict:  # type: ignore[no-untyped-def]
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1, "no map on the page"
    return json.loads(decks[0].proto.json)


def layer(spec: dict, layer_id: str) -> dict:
    return next(x for x in spec["layers"] if x["id"] == layer_id)


def captions(at) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(c.value for c in at.caption)


def test_map_draws_offline_with_every_layer(open_page, map_data):
    at = open_page("map", data_dir=map_data)
    assert at.title[0].value == "Map of the Far East flashpoints"
    spec = deck_spec(at)
    assert [x["id"] for x in spec["layers"]] == [
        "ocean", "land", "coasts", "borders", "routes", "flashpoints", "labels"]
    assert "mapProvider" not in spec
    proto = at.get("deck_gl_json_chart")[0].proto
    tooltip = json.loads(proto.tooltip)
    assert tooltip["text"] == "{tooltip}" and "html" not in tooltip
    assert len(layer(spec, "flashpoints")["data"]) == 21
    assert {r["route_id"] for r in layer(spec, "routes")["data"]} == {
        "trans_siberian", "chinese_eastern", "chinese_eastern_south", "power_of_siberia"}
    assert "3 of 21 flashpoints with events" in captions(at)


def test_shared_filters_from_the_url_grey_out_places(open_page, map_data):
    at = open_page("map", {"era": "Russian Federation"}, data_dir=map_data)
    assert "2 of 21 flashpoints with events · 2 events at them · Russian Federation" in captions(at)
    points = {p["id"]: p for p in layer(deck_spec(at), "flashpoints")["data"]}
    assert points["crimea"]["radius"] > points["amur_aigun"]["radius"]
    assert points["amur_aigun"]["rgba"][:3] == [0xBB, 0xBB, 0xBB]  # grey, still on the map


def test_a_place_from_the_url_lists_its_events_linking_to_the_timeline(open_page, map_data):
    at = open_page("map", {"place": "Crimea"}, data_dir=map_data)
    assert at.selectbox(key="place").value == "crimea"
    links = at.main.get("page_link")
    assert len(links) == 1
    assert links[0].proto.page.endswith("timeline") or "timeline" in links[0].proto.page
    assert "event=2014-crimea" in links[0].proto.query_string
    assert "Crimea annexed" in links[0].proto.label


def test_choosing_a_place_hidden_by_the_filters_says_so(open_page, map_data):
    at = open_page("map", {"era": "Soviet Union"}, data_dir=map_data)
    at.selectbox(key="place").set_value("amur_aigun").run()
    assert not at.exception
    assert any("passes the current filters" in i.value for i in at.info)
    assert not at.main.get("page_link")


def test_clicking_a_flashpoint_on_the_map_picks_it(open_page, map_data):
    from pivotdash.ui import maps

    at = open_page("map", data_dir=map_data)
    # What st.pydeck_chart stores when a flashpoint is clicked, then the callback it runs.
    at.session_state["map_deck"] = {"selection": {"indices": {"flashpoints": [0]},
                                                  "objects": {"flashpoints": [{"id": "dokdo_takeshima"}]}}}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(maps.st, "session_state", at.session_state)
        maps.picked_on_map()
    at.run()
    assert at.selectbox(key="place").value == "dokdo_takeshima"
    assert "Joint bomber flight" in at.get("page_link")[0].proto.label


def test_legend_comes_from_the_map_colours(open_page, map_data):
    from pivotdash import theme

    at = open_page("map", data_dir=map_data)
    legend = next(d.value for d in at.dataframe if "kind" in getattr(d.value, "columns", []))
    legend = legend.data if hasattr(legend, "data") else legend
    assert isinstance(legend, pd.DataFrame)
    row = legend.set_index("kind").loc["Territorial dispute"]
    assert row["colour"] == theme.KIND_COLOURS["territorial_dispute"]


def test_hostile_place_names_are_shown_as_text(open_page, map_data):
    path = map_data / "flashpoints.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["id"] == "crimea":
            row["name"] = HOSTILE
            row["summary"] = "[click](javascript:alert(1)) **bold** <b>tag</b>"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    at = open_page("map", {"place": HOSTILE}, data_dir=map_data)
    assert at.selectbox(key="place").value == "crimea"
    shown = "\n".join(m.value for m in at.markdown)
    assert "<img" not in shown.replace("\\<img", "")  # escaped for markdown: renders as text
    assert "\\[click\\]\\(javascript" in shown
    tooltip = next(p["tooltip"] for p in layer(deck_spec(at), "flashpoints")["data"] if p["id"] == "crimea")
    assert tooltip.startswith(HOSTILE)  # literal; deck.gl's text tooltip never parses it


def test_downloads_offer_csv_and_images(open_page, map_data, deferred):
    at = open_page("map", data_dir=map_data)
    keys = [b.key for b in at.get("download_button")]
    assert "dl-map-csv" in keys
    buttons = {b.key: b for b in at.get("download_button")}
    csv_text = deferred[buttons["dl-map-csv"].proto.deferred_file_id]()
    assert csv_text.startswith(b"id,name,kind,lat,lon")
    if not browser.available():
        assert not {"dl-map-png", "dl-map-svg", "prepare-map"} & ({b.key for b in at.button} | set(keys))
        return
    # The images are drawn on a click of "Prepare" (a failure then shows on the page), then downloaded.
    at.button(key="prepare-map").click().run()
    assert not at.error
    buttons = {b.key: b for b in at.get("download_button")}
    assert {"dl-map-png", "dl-map-svg"} <= set(buttons)
    png = deferred[buttons["dl-map-png"].proto.deferred_file_id]()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
    svg = deferred[buttons["dl-map-svg"].proto.deferred_file_id]()
    text = svg.decode() if isinstance(svg, bytes) else svg
    assert text.lstrip().startswith("<svg") and "Natural Earth" in text


def test_bad_flashpoint_data_is_explained(open_page, map_data):
    path = map_data / "flashpoints.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",46.5,151.5,", ",146.5,151.5,", 1), encoding="utf-8")
    at = open_page("map", data_dir=map_data)
    assert at.error and "cannot be shown" in at.error[0].value
    assert not at.get("deck_gl_json_chart")


def test_whole_region_view_from_the_url(open_page, map_data):
    from pivotdash.maps.deck import VIEWS

    at = open_page("map", {"view": "Crimea to California"}, data_dir=map_data)
    spec = deck_spec(at)
    assert spec["initialViewState"]["zoom"] == VIEWS["whole"]["zoom"]
    at.segmented_control(key="view").set_value("far_east").run()
    assert deck_spec(at)["initialViewState"]["zoom"] == VIEWS["far_east"]["zoom"]


def test_a_link_with_tiles_true_leaves_web_tiles_off(open_page, map_data):
    """Web tiles fetch from a tile server: only the user turns them on, in their own session, never a link."""
    at = open_page("map", {"tiles": "true", "view": "whole"}, data_dir=map_data)
    toggle = next(t for t in at.toggle if t.label.startswith("Web map tiles"))
    assert toggle.value is False
    spec = deck_spec(at)
    assert "mapProvider" not in spec and layer(spec, "ocean")  # our own basemap, nothing fetched
    toggle.set_value(True).run()  # the user's own switch still works
    assert deck_spec(at)["mapProvider"] == "carto"


def test_the_static_preview_is_built_only_while_its_expander_is_open(open_page, map_data):
    at = open_page("map", data_dir=map_data)
    charts = [c for c in at.get("plotly_chart")]
    assert charts == [], "a closed preview still sent its figure"
    at.session_state["map_preview"] = True  # what opening the expander sets, before its rerun
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
