"""The browser's print of a page: its charts and tables whole (not clipped, not split across pages), no sidebar
or toolbars; the printed PDF carries the chart's title and its pages are not blank."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image

from tests.e2e.conftest import OUTPUT, wait_for_app, wait_holds

PAGES = {"timeline": "Russia's turns East", "trade": "Russia", "episodes": "Russia"}

# Each chart's drawn SVG and each table against the printed column (A4 landscape less the print CSS's 10 mm
# margins: 1047 CSS px; the emulated page keeps the screen's width, the paper does not) and every box that clips
# it: any part cut off is reported with the element, its box and the clipping box (in print emulation, so the
# print CSS and the print fitting apply).
_CLIPPED = """() => {
  const COLUMN = 1047;
  const main = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
  const out = [];
  const items = document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stPlotlyChart"] svg.main-svg, '
    + '[data-testid="stMain"] [data-testid="stDataFrame"]');
  for (const el of items) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    if (el.tagName === 'svg' && r.width > COLUMN + 1) out.push(['paper', el.tagName, Math.round(r.width), COLUMN]);
    if (r.left < main.left - 1 || r.right > main.right + 1)
      out.push(['main', el.tagName, r.left, r.right, main.left, main.right]);
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1)
        out.push([a.getAttribute('data-testid') || a.className.toString().slice(0, 40), el.tagName,
                  [r.left, r.top, r.right, r.bottom].map(Math.round),
                  [c.left, c.top, c.right, c.bottom].map(Math.round)]);
    }
  }
  return out;
}"""
_HIDDEN = """() => ['stSidebar', 'stHeader', 'stToolbar'].map(id => {
  const el = document.querySelector(`[data-testid="${id}"]`);
  return el ? getComputedStyle(el).display : 'none'; })"""
_RESTORED = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
  .every(c => !c.style.zoom)"""
# Every chart shown (not in a hidden tab) has drawn its SVG, with its text, at a width: under load a chart redrawn
# for the print layout can be caught between its old drawing and its new one, which prints as a blank page.
_DRAWN = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]'))
  .filter(c => c.getClientRects().length)
  .every(c => { const svg = c.querySelector('svg.main-svg');
                return svg && svg.getBoundingClientRect().width > 0 && c.querySelector('.gtitle'); })"""
_CHART_TITLES = """() => Array.from(
  document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"] .gtitle'))
  .map(t => t.textContent)"""


@pytest.mark.parametrize("path", list(PAGES))
def test_print_keeps_charts_and_tables_whole(server, page, path: str) -> None:
    pg = page
    pg.goto(server.url)
    wait_for_app(pg)
    pg.goto(f"{server.url}/{path}")
    wait_for_app(pg)
    pg.wait_for_selector('[data-testid="stMain"] [data-testid="stPlotlyChart"] .gtitle', state="attached")
    titles = pg.evaluate(_CHART_TITLES)
    assert titles, f"{path} drew no chart"
    pg.emulate_media(media="print")
    assert pg.evaluate(_HIDDEN) == ["none", "none", "none"]
    # The page reflows for print (no sidebar) and Streamlit may redraw a chart at the new width: wait until
    # the fitting has caught up, then nothing may be cut.
    try:
        pg.wait_for_function(f"() => ({_CLIPPED})().length === 0", timeout=20_000, polling=200)
    except Exception:
        pytest.fail(f"{path}: cut in print: {pg.evaluate(_CLIPPED)}")
    pg.emulate_media(media="screen")
    pg.wait_for_function(_RESTORED, timeout=10_000)  # the print fitting is undone after printing
    pg.emulate_media(media="print")
    wait_holds(pg, f"() => ({_CLIPPED})().length === 0 && ({_DRAWN})()", timeout=30_000)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    pdf = OUTPUT / f"print-{path}.pdf"
    pg.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 1 <= pages <= 40, f"{path}: {pages} pages"  # Episodes is long (every risk open): 26 pages
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(v) for v in size.split()[2:5:2])
    assert "(A4)" in size and width > height, size  # A4 landscape, as the print CSS asks
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
                    .stdout.split())
    first = " ".join(titles[0].split())  # a wrapped title's lines join without a space: match its start
    assert first[:20] in text, f"{path}: the chart title “{first}” is not in the printed text"
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(OUTPUT / f"print-{path}")], check=True)
    for png in sorted(OUTPUT.glob(f"print-{path}-*.png")):
        colours = Image.open(png).convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is None or len(colours) > 20, f"{png.name} is blank"
