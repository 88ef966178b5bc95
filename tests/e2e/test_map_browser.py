"""The Map page in a real browser: the deck draws offline, a hover shows text, a click lists events."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pytest
from PIL import Image
from playwright.sync_api import expect

from pivotdash import theme
from pivotdash.maps.deck import VIEW, mercator_px
from tests.e2e.conftest import shot, wait_drawn, wait_for_app

pytestmark = pytest.mark.e2e

VLADIVOSTOK = (131.88528, 43.115)
STEPPE, PACIFIC = (110.0, 50.0), (160.0, 30.0)  # open land (Transbaikalia) and open sea, no marker or label


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def _deck(pg):  # type: ignore[no-untyped-def]
    deck = pg.locator('[data-testid="stDeckGlJsonChart"]').first
    deck.locator("canvas").first.wait_for(state="visible", timeout=60_000)
    wait_drawn(deck)  # deck.gl draws a frame or two after the canvas appears
    return deck


def _screen_xy(box: dict, lon: float, lat: float) -> tuple[float, float]:
    """Where a place sits on screen in the opening view (centre and zoom are fixed)."""
    x, y = mercator_px(lon, lat, VIEW["zoom"])
    cx, cy = mercator_px(VIEW["longitude"], VIEW["latitude"], VIEW["zoom"])
    return box["x"] + box["width"] / 2 + (x - cx), box["y"] + box["height"] / 2 + (y - cy)


def test_map_hover_click_and_link_to_the_timeline(server, page):
    pg = page
    pg.goto(server.url)
    wait_for_app(pg)
    pg.get_by_role("link", name="Map", exact=True).first.click()
    wait_for_app(pg)
    assert "/map" in pg.url
    deck = _deck(pg)
    shot(pg, "map-01-opening-view")

    with Image.open(io.BytesIO(deck.screenshot())) as im:  # the canvas is drawn, not blank
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50, f"the map canvas shows only {len(colours)} colours"
    assert max(count for count, _ in colours) < 0.8 * sum(count for count, _ in colours), "one colour fills the map"

    box = deck.bounding_box()
    assert box and box["height"] >= 550
    # The land comes from the app's own static files, loaded by URL, and is drawn over the sea.
    assert any("/app/static/basemap/land.geojson" in u for u in pg.recorder.urls)  # type: ignore[attr-defined]
    with Image.open(io.BytesIO(pg.screenshot())) as im:
        rgb = im.convert("RGB")
        for place, colour in ((STEPPE, theme.MAP_LAND), (PACIFIC, theme.MAP_OCEAN)):
            found = rgb.getpixel(tuple(round(v) for v in _screen_xy(box, *place)))
            assert all(abs(a - b) <= 12 for a, b in zip(found, _rgb(colour), strict=True)), (place, found, colour)
    x, y = _screen_xy(box, *VLADIVOSTOK)
    pg.mouse.move(x, y)
    tip = pg.locator(".deck-tooltip").first
    tip.wait_for(state="visible", timeout=10_000)
    assert tip.inner_text().startswith("Vladivostok\nPort city")
    shot(pg, "map-02-tooltip")

    pg.mouse.click(x, y)
    picker = pg.locator('[data-testid="stSelectbox"]').filter(has=pg.get_by_text("Flashpoint", exact=False)).first
    expect(picker.locator("input").first).to_have_value("Vladivostok", timeout=20_000)  # the click's rerun
    wait_for_app(pg)
    assert parse_qs(urlparse(pg.url).query).get("place") == ["Vladivostok"]
    links = pg.locator('[data-testid="stMain"] [data-testid="stPageLink"] a')
    assert links.count() >= 1
    title = links.first.inner_text().split(" · ", 1)[-1].strip()
    shot(pg, "map-03-place-events")

    links.first.click()
    wait_for_app(pg)
    assert "/timeline" in pg.url and parse_qs(urlparse(pg.url).query).get("event")
    assert pg.get_by_text(title, exact=False).first.is_visible()


def test_a_link_with_tiles_true_fetches_nothing_off_the_machine(server, page):
    pg = page
    pg.goto(server.url)  # the home page first: a deep link on a fresh server skips app.py
    wait_for_app(pg)
    pg.goto(f"{server.url}/map?tiles=true")
    wait_for_app(pg)
    _deck(pg)
    pg.wait_for_load_state("networkidle")  # a tile or style request would have been made by now
    toggle = pg.get_by_role("switch", name="Web map tiles (needs internet)")
    assert not toggle.is_checked()
    assert pg.recorder.outside() == []  # type: ignore[attr-defined]
    assert any("/_stcore/stream" in u or "/map" in u for u in pg.recorder.urls)  # type: ignore[attr-defined]
