"""Every chart (the timeline aside) at 1440 and 1024 px wide: the title and subtitle stay inside the chart, the
legend never overprints the source note, plotly's button bar (shown on hover) never covers the title, and a text
alternative sits under it; screenshots for docs/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import wait_for_app

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"

PAGES = {
    "overview": "/overview",
    "episodes": "/episodes",
    "trade-area": "/trade",
    "trade-lines": "/trade?trade_chart=Lines",
    "trade-claims": "/trade?trade_tab=Paper%27s+numbers+checked",
    "trade-history": "/trade?trade_tab=History",
    "map-preview": "/map",
}

# For each drawn chart: its width, the right edge of the title block, the legend's box and the source note's box
# (page coordinates), so overlaps are measured from what the browser drew.
_BOXES = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
  .filter(el => el.offsetParent !== null)
  .map(el => {
    const svg = el.querySelector('.main-svg'); const frame = svg.getBoundingClientRect();
    const box = n => { if (!n) return null; const r = n.getBoundingClientRect();
                       return r.width ? [r.left, r.top, r.right, r.bottom] : null; };
    const title = Array.from(el.querySelectorAll('.g-gtitle text, .g-gtitle-subtitle text, text.gtitle'));
    const note = Array.from(el.querySelectorAll('.annotation-text')).find(t => t.textContent.startsWith('Source:'));
    const texts = Array.from(el.querySelectorAll('.main-svg text')).filter(t => t.textContent.trim())
      .map(t => ({text: t.textContent, box: box(t)})).filter(t => t.box);
    return {frame: [frame.left, frame.top, frame.right, frame.bottom],
            title: title.map(box).filter(b => b), legend: box(el.querySelector('.legend')),
            note: box(note), texts};
  })"""


def _overlap(a: list[float] | None, b: list[float] | None) -> bool:
    return bool(a and b and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


@pytest.mark.parametrize("width", [1440, 1024])
@pytest.mark.parametrize("name", PAGES)
def test_charts_fit_their_column_and_legends_keep_off_the_source(server, page, name, width):
    pg = page
    pg.set_viewport_size({"width": width, "height": 1100})
    pg.goto(server.url)  # the home page first: a deep link on a fresh server skips app.py
    wait_for_app(pg)
    pg.goto(server.url + PAGES[name])
    wait_for_app(pg)
    if name == "map-preview":
        pg.get_by_text("Preview the static map").click()
        pg.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for()
        wait_for_app(pg)
    # A tab's content arrives on the run after the tab opens: wait for a drawn chart on show, then for quiet.
    pg.wait_for_function("() => Array.from(document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg'))"
                         ".some(s => s.closest('[data-testid=\"stPlotlyChart\"]').offsetParent !== null)",
                         timeout=60_000, polling=200)
    wait_for_app(pg)
    charts = pg.evaluate(_BOXES)
    assert charts, f"no chart drawn on {name}"
    for i, chart in enumerate(charts):
        left, _, right, _ = chart["frame"]
        for box in chart["title"]:
            assert box[0] >= left - 1 and box[2] <= right + 1, f"{name} chart {i}: title cut at {width} px: {box}"
        assert not _overlap(chart["legend"], chart["note"]), f"{name} chart {i}: legend on the source note"
        if chart["note"]:
            assert chart["note"][2] <= right + 1, f"{name} chart {i}: source note cut at {width} px"
        cut = [t["text"] for t in chart["texts"] if t["box"][0] < left - 1 or t["box"][2] > right + 1]
        assert not cut, f"{name} chart {i}: text cut at the chart's edge at {width} px: {cut}"
    for i, chart in enumerate(pg.locator('[data-testid="stPlotlyChart"]').all()):
        if not chart.is_visible():
            continue
        chart.scroll_into_view_if_needed()
        chart.hover()  # the bar shows while the pointer is over the chart
        bar = chart.locator(".modebar").first
        bar.wait_for(state="visible")
        drawn = bar.bounding_box()
        assert drawn, f"{name} chart {i}: no button bar"
        bar_box = [drawn["x"], drawn["y"], drawn["x"] + drawn["width"], drawn["y"] + drawn["height"]]
        titles = chart.evaluate("""el => Array.from(el.querySelectorAll('.g-gtitle text, .g-gtitle-subtitle text'))
          .map(t => t.getBoundingClientRect()).filter(r => r.width).map(r => [r.left, r.top, r.right, r.bottom])""")
        covered = [t for t in titles if _overlap(t, bar_box)]
        assert not covered, f"{name} chart {i}: the button bar {bar_box} covers the title {covered} at {width} px"
    captions = pg.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    assert any(c.startswith("In words: ") for c in captions), f"no text alternative on {name}"
    pg.mouse.move(0, 0)  # the screenshot without the hover's button bar
    first = pg.locator('[data-testid="stPlotlyChart"]').first
    first.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    first.screenshot(path=str(SHOTS / f"{name}-{width}.png"))
