"""axe-core (installed from npm by scripts/test.sh, injected from disk: no CDN) on every page, in the light and
the dark theme (the browser's colour-scheme setting): no serious or critical WCAG violation. The counts per page
and theme are written to test-output/e2e/axe.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import OUTPUT, Recorder, wait_for_app

AXE = Path(__file__).resolve().parents[2] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["overview", "timeline", "episodes", "trade", "map", "briefing", "sources"]
THEMES = {"light": "rgb(255, 255, 255)", "dark": "rgb(14, 17, 23)"}  # the app's background in each theme
RESULTS: dict[str, dict[str, dict[str, int]]] = {}

pytestmark = pytest.mark.skipif(not AXE.is_file(), reason=f"axe-core is not installed at {AXE} "
                                "(scripts/test.sh installs it with npm)")

RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']},
                                     resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                 targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


@pytest.fixture(params=list(THEMES))
def themed(request, browser):
    """A page in a browser context whose colour scheme is light or dark; no request may leave 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, color_scheme=request.param)
    recorder = Recorder()
    context.on("request", recorder)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield request.param, pg
    outside = recorder.outside()
    context.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"


_DRAWN_ON = """() => [getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor,
  Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"] svg.main-svg'))
       .map(s => s.style.background).filter(b => b)[0] || null]"""


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(server, themed, path: str) -> None:
    scheme, pg = themed
    # Tall enough that the whole page is in view: axe checks contrast only of what is on screen, and
    # Streamlit's main area is its own scroll container.
    pg.set_viewport_size({"width": 1440, "height": 9000})
    pg.goto(server.url)  # the home page first: a deep link on a fresh server skips app.py
    wait_for_app(pg)
    if path != "overview":
        pg.goto(f"{server.url}/{path}")
        wait_for_app(pg)
    page_bg, chart_bg = pg.evaluate(_DRAWN_ON)
    assert page_bg == THEMES[scheme], f"{path} in the {scheme} theme drew its page on {page_bg}"
    if chart_bg is not None:  # the page's own charts follow the page (the Briefing's previews are as exported)
        assert chart_bg == THEMES[scheme] or path == "briefing", f"{path} ({scheme}): a chart on {chart_bg}"
    pg.add_script_tag(path=str(AXE))
    violations = pg.evaluate(RUN)
    counts: dict[str, int] = {}
    for v in violations:
        counts[v["impact"] or "unknown"] = counts.get(v["impact"] or "unknown", 0) + v["nodes"]
    RESULTS.setdefault(scheme, {})[path] = counts
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "axe.json").write_text(json.dumps(RESULTS, indent=2, sort_keys=True), encoding="utf-8")
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, json.dumps(bad, indent=2)


def test_the_check_finds_a_planted_violation(server, page) -> None:
    """The audit above can fail: a caption at 1.6:1 contrast in the page is reported as serious."""
    pg = page
    pg.goto(server.url)
    wait_for_app(pg)
    pg.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'Faint caption';
                          p.style.color = '#cccccc'; document.querySelector('[data-testid="stMain"] h1').after(p); }""")
    pg.add_script_tag(path=str(AXE))
    found = {v["id"]: v["impact"] for v in pg.evaluate(RUN)}
    assert found.get("color-contrast") == "serious"
