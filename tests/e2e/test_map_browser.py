"""The Map page in a real browser: the deck draws offline, a hover shows text, a click lists events."""

from __future__ import annotations

import io
import time
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from pivotdash import theme
from pivotdash.maps.deck import VIEW, mercator_px
from pivotdash.maps.model import VIEW_LABELS
from tests.e2e.conftest import OUTPUT, Recorder, shot, wait_drawn, wait_for_app

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


def _settled(deck) -> bytes:  # type: ignore[no-untyped-def]
    """The deck's screenshot once it stops changing (a zoom or pan glides for a moment after the input)."""
    deadline = time.monotonic() + 30
    last = deck.screenshot()
    while True:
        now = deck.screenshot()
        if now == last:
            return now
        if time.monotonic() > deadline:
            raise AssertionError("the map kept moving for 30 s")
        last = now


def _page_share(png: bytes, page_rgb: tuple[int, int, int]) -> float:
    """The share of a band along the map's four edges that shows the page behind it instead of sea or land."""
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    h, w = image.shape[:2]
    inset, band, corner = 3, 8, 14  # inside the frame's 1-px border and its rounded corners
    bands = [image[inset:inset + band, corner:w - corner], image[h - inset - band:h - inset, corner:w - corner],
             image[corner:h - corner, inset:inset + band], image[corner:h - corner, w - inset - band:w - inset]]
    page = [np.abs(b - np.array(page_rgb)).max(axis=-1) <= 4 for b in bands]
    return sum(int(p.sum()) for p in page) / sum(p.size for p in page)


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
    wait_drawn(deck, min_colours=51)  # on a loaded machine the canvas can still be blank here
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


PAGE_BEHIND = {"light": (255, 255, 255), "dark": (14, 17, 23)}  # the app's background in each theme


@pytest.mark.parametrize("scheme", list(PAGE_BEHIND))
def test_sea_and_land_fill_the_map_at_1024_px_however_far_it_is_zoomed_out_or_panned(server, browser, scheme):
    """At a 1024-px window, both opening views, both themes: zoomed all the way out and panned into each corner,
    the map's edges show sea or land, never the blank page past the basemap (82°N, 10°S, 25°E, 115°W)."""
    context = browser.new_context(viewport={"width": 1024, "height": 900}, color_scheme=scheme)
    recorder = Recorder()
    context.on("request", recorder)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    try:
        pg.goto(server.url)  # the home page first: a deep link on a fresh server skips app.py
        wait_for_app(pg)
        for view, label in VIEW_LABELS.items():
            pg.goto(f"{server.url}/map?view={label.replace(' ', '+')}")
            wait_for_app(pg)
            deck = _deck(pg)
            box = deck.bounding_box()
            assert box and 500 < box["width"] < 700, box  # the map's column at a 1024-px window
            cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            found = {"opening": _page_share(_settled(deck), PAGE_BEHIND[scheme])}
            pg.mouse.move(cx, cy)
            for _ in range(12):  # far past the least zoom
                pg.mouse.wheel(0, 500)
            found["zoomed out"] = _page_share(_settled(deck), PAGE_BEHIND[scheme])
            pg.mouse.wheel(0, -300)  # a little way in, so there is room to pan
            _settled(deck)
            for corner, (dx, dy) in (("north-west", (1, 1)), ("south-east", (-1, -1))):
                for _ in range(3):  # dragging the sheet down and right looks north and west, and so on
                    pg.mouse.move(cx - dx * box["width"] * 0.4, cy - dy * box["height"] * 0.4)
                    pg.mouse.down()
                    pg.mouse.move(cx + dx * box["width"] * 0.4, cy + dy * box["height"] * 0.4, steps=8)
                    pg.mouse.up()
                png = _settled(deck)
                found[corner] = _page_share(png, PAGE_BEHIND[scheme])
                (OUTPUT / f"map-edges-{scheme}-{view}-{corner}.png").write_bytes(png)
            blank = {k: round(v, 3) for k, v in found.items() if v > 0.01}
            assert not blank, f"{VIEW_LABELS[view]} ({scheme}): the page shows at the map's edges: {blank}"
    finally:
        context.close()
    assert recorder.outside() == []


_PANEL = """() => {
  const g = document.querySelector('[data-testid="stExpander"] .js-plotly-plot');
  const L = g._fullLayout, r = g.getBoundingClientRect(), pad = L.margin.pad || 0;
  return {x0: L.xaxis._offset - pad, x1: L.xaxis._offset + L.xaxis._length + pad,
          y0: L.yaxis._offset - pad, y1: L.yaxis._offset + L.yaxis._length + pad, left: r.left, top: r.top};
}"""


@pytest.mark.parametrize("scheme", list(PAGE_BEHIND))
def test_the_static_preview_at_1024_px_is_land_and_sea_inside_its_frame(server, browser, scheme):
    """The page's preview of the static map, drawn in the page's column at a 1024-px window (taller than a slide):
    inside the main panel's frame all is land and sea, with no strip of paper past 82°N or 10°S or along the frame."""
    context = browser.new_context(viewport={"width": 1024, "height": 1000}, color_scheme=scheme)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    try:
        pg.goto(server.url)
        wait_for_app(pg)
        pg.goto(f"{server.url}/map")
        wait_for_app(pg)
        pg.get_by_text("Preview the static map", exact=False).first.click()
        wait_for_app(pg)
        chart = pg.locator('[data-testid="stExpander"] [data-testid="stPlotlyChart"]').first
        chart.scroll_into_view_if_needed()
        wait_drawn(chart)
        panel = pg.evaluate(_PANEL)
        box = chart.bounding_box()
        assert box
        png = chart.screenshot()
        (OUTPUT / f"map-preview-1024-{scheme}.png").write_bytes(png)
        image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
        dx, dy = panel["left"] - box["x"], panel["top"] - box["y"]
        inside = image[round(panel["y0"] + dy) + 2:round(panel["y1"] + dy) - 2,
                       round(panel["x0"] + dx) + 2:round(panel["x1"] + dx) - 2]
        paper = [np.abs(inside - np.array(c)).max(axis=-1) <= 4 for c in ((255, 255, 255), PAGE_BEHIND[scheme])]
        share = float((paper[0] | paper[1]).mean())
        assert inside.shape[0] > 300 and share < 0.01, (inside.shape, share)
    finally:
        context.close()
