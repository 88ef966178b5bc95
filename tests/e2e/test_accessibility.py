"""axe-core (installed from npm by scripts/test.sh, injected from disk: no CDN) on every page: no serious or
critical WCAG violation. The counts per page are written to test-output/e2e/axe.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import OUTPUT, wait_for_app

AXE = Path(__file__).resolve().parents[2] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["overview", "timeline", "episodes", "trade", "map", "briefing", "sources"]
RESULTS: dict[str, dict[str, int]] = {}

pytestmark = pytest.mark.skipif(not AXE.is_file(), reason=f"axe-core is not installed at {AXE} "
                                "(scripts/test.sh installs it with npm)")

RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']},
                                     resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                 targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(server, page, path: str) -> None:
    pg = page
    # Tall enough that the whole page is in view: axe checks contrast only of what is on screen, and
    # Streamlit's main area is its own scroll container.
    pg.set_viewport_size({"width": 1440, "height": 9000})
    pg.goto(server.url)  # the home page first: a deep link on a fresh server skips app.py
    wait_for_app(pg)
    if path != "overview":
        pg.goto(f"{server.url}/{path}")
        wait_for_app(pg)
    pg.add_script_tag(path=str(AXE))
    violations = pg.evaluate(RUN)
    counts: dict[str, int] = {}
    for v in violations:
        counts[v["impact"] or "unknown"] = counts.get(v["impact"] or "unknown", 0) + v["nodes"]
    RESULTS[path] = counts
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
