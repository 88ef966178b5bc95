"""Hostile data in a real browser: every page shows the attack strings as text, runs none and fetches none.

The app serves the hostile dataset (tests/fixtures/hostile_full laid over a copy of data/). Every payload
sets `window.__pwned` or points at 203.0.113.9 (a TEST-NET address): a script that ran leaves the flag,
an image or link from the data leaves an element pointing there, and the `page` fixture fails the test on
any request that left 127.0.0.1. Screenshots go to test-output/e2e/hostile-*.png.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Error as PlaywrightError

from pivotdash.filters import YEAR_MIN
from tests.e2e.conftest import Server, shot, wait_for_app
from tests.fixtures.hostile_full.make_hostile import HERE, HOST, MARK, assemble

pytestmark = pytest.mark.e2e

_LIVE = """(host) => {
  const bad = [];
  const attrs = ['src', 'href', 'xlink:href', 'action', 'formaction', 'data', 'poster', 'background'];
  const off = (v) => {
    const raw = (v || '').replace(/[\\s\\u0000-\\u001f]/g, '');
    let u;
    try { u = new URL(raw, location.href); } catch (e) { return false; }
    // A same-origin link may carry the payload, encoded, in its query: that is text, not a leak.
    return u.hostname === host || ['javascript:', 'vbscript:', 'data:'].includes(u.protocol)
      && !/^data:image\\/(png|svg\\+xml|gif|jpeg|webp);/i.test(raw) || /^data:text\\/html/i.test(raw);
  };
  for (const el of document.querySelectorAll('*')) {
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on') && /pwned/.test(a.value)) bad.push(`handler ${name} on <${el.tagName}>`);
      if (name === 'srcdoc') bad.push(`<${el.tagName} srcdoc>`);
      if (attrs.includes(name) && off(a.value)) bad.push(`<${el.tagName} ${name}="${a.value.slice(0, 160)}">`);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    // The payload's own <script>window.__pwned=…</script>; plotly's JSON may hold it as an escaped string.
    if (/^\\s*window\\.__pwned/.test(s.textContent || '')) bad.push('a <script> element from the data');
  }
  return {pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned), bad};
}"""


def hostile_event() -> tuple[str, int]:
    """Id and row of the first event whose title carries the payloads and that the timeline can show."""
    with (HERE / "events.csv").open(newline="", encoding="utf-8") as fh:
        return next((r["id"], n) for n, r in enumerate(csv.DictReader(fh), start=1)
                    if r["title"].startswith(MARK) and int(r["date"][:4]) >= YEAR_MIN)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[Server]:  # type: ignore[no-untyped-def]
    srv = Server(assemble(tmp_path_factory.mktemp("hostile") / "data"))
    # Open the home page once first: on a fresh server a deep link runs the page without app.py
    # (see test_a_shared_link_works_on_a_freshly_started_server), which would hide the real pages here.
    warm = browser.new_page()
    warm.goto(srv.url)
    wait_for_app(warm)
    warm.close()
    yield srv
    srv.stop()


def assert_inert(pg) -> None:  # type: ignore[no-untyped-def]
    found = pg.evaluate(_LIVE, HOST)
    assert found["pwned"] is None, f"a payload ran: window.__pwned = {found['pwned']}"
    assert not found["bad"], found["bad"][:10]


def main_text(pg) -> str:  # type: ignore[no-untyped-def]
    return pg.locator('[data-testid="stMain"]').inner_text()


def hover_markers(pg, limit: int = 12, scope: str = '[data-testid="stPlotlyChart"]',  # type: ignore[no-untyped-def]
                  wait_s: float = 5) -> int:
    """Hover plotly markers so their hover labels (built from the data) are drawn; how many were hovered."""
    points = pg.locator(f"{scope} .scatterlayer .point, {scope} .barlayer .point")
    # The chart element mounts (lazily) after the script run has ended, so wait_for_app may return first.
    with contextlib.suppress(PlaywrightError):
        points.first.wait_for(state="attached", timeout=wait_s * 1000)
    n = min(points.count(), limit)
    for i in range(n):
        try:
            points.nth(i).hover(force=True, timeout=3_000)
        except PlaywrightError:  # a marker clipped by the plot area cannot be hovered: skip it
            continue
        with contextlib.suppress(PlaywrightError):
            pg.locator(f"{scope} .hoverlayer .hovertext").first.wait_for(state="attached", timeout=2_000)
    return n


PAGES = ["overview", "episodes", "trade", "map", "sources", "briefing"]


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_hostile_data_as_text(hostile_server, page, name):
    pg = page
    pg.goto(f"{hostile_server.url}/{name}")
    wait_for_app(pg)
    hover_markers(pg)
    shot(pg, f"hostile-{name}")
    assert_inert(pg)
    assert "Traceback" not in main_text(pg)


def test_timeline_card_and_hover_labels_show_payloads_as_text(hostile_server, page):
    pg = page
    event_id, row = hostile_event()
    pg.goto(f"{hostile_server.url}/timeline?event={event_id}")
    wait_for_app(pg)
    card = pg.locator(f'[class*="st-key-card-{event_id}"]')
    assert card.is_visible()
    text = card.inner_text()
    for column in ("title", "summary", "source", "date_note"):
        assert f"{MARK}[events.{column}.{row}]" in text, column
    assert "<script>window.__pwned=" in text  # shown, not run
    assert f"![md image](http://{HOST}/" in text
    assert hover_markers(pg, limit=20, wait_s=20) > 0
    shot(pg, "hostile-timeline-card")
    assert_inert(pg)
    pg.get_by_role("tab", name="Table").click()
    pg.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible")  # the events, on the Table tab
    assert_inert(pg)


def test_timeline_hover_label_of_a_hostile_marker_is_text(hostile_server, page):
    pg = page
    event_id, _ = hostile_event()
    pg.goto(f"{hostile_server.url}/timeline?event={event_id}&q={quote(MARK)}")
    wait_for_app(pg)
    assert hover_markers(pg, limit=1, wait_s=20) == 1
    points = pg.locator('[data-testid="stPlotlyChart"] .scatterlayer .point')
    seen = ""
    for i in range(min(points.count(), 10)):
        points.nth(i).hover(force=True)
        with contextlib.suppress(PlaywrightError):
            pg.locator(".hoverlayer .hovertext").first.wait_for(state="attached", timeout=2_000)
        seen += pg.locator(".hoverlayer").first.text_content() or ""
        if MARK in seen:
            break
    shot(pg, "hostile-timeline-hover")
    assert MARK in seen and "<script>" in seen, seen[:300]
    assert_inert(pg)


ATTACK_URLS = {
    "search": "q=" + quote(f"![x](http://{HOST}/q.png) <img src=http://{HOST}/q2.png> "
                           "[a](javascript:window.__pwned=9)"),
    "event": "event=" + quote(f"![x](http://{HOST}/e.png)[a](javascript:window.__pwned=8)"),
    "episode": "episode=" + quote(f"![x](http://{HOST}/ep.png)"),
}


@pytest.mark.parametrize("attack", list(ATTACK_URLS))
def test_attack_in_the_url_is_not_rendered(hostile_server, page, attack):
    """A shared link is attacker-controlled: its parameters must not become images or links either."""
    pg = page
    pg.goto(f"{hostile_server.url}/timeline?{ATTACK_URLS[attack]}")
    wait_for_app(pg)
    shot(pg, f"hostile-url-{attack}")
    assert_inert(pg)


def test_exported_html_of_the_hostile_timeline_runs_nothing(hostile_server, page, tmp_path: Path):
    """The Briefing's HTML export, opened in a browser: plotly.js inside, payloads inert, nothing fetched."""
    from pivotdash import views
    from pivotdash.export.html import to_html
    from pivotdash.state import TimelineState
    from pivotdash.views.loaded import Loaded

    view = views.build("timeline", TimelineState(), Loaded(HERE))
    assert view is not None
    pg = page
    pg.set_content(to_html(view, hostile_server.url).decode("utf-8"), wait_until="load")
    pg.wait_for_selector(".main-svg", timeout=30_000)
    assert hover_markers(pg, limit=15, scope=".plotly-graph-div", wait_s=20) > 0
    shot(pg, "hostile-export-html")
    assert_inert(pg)


def test_a_shared_link_works_on_a_freshly_started_server(page):
    """An analyst pastes a link into a browser right after the app (re)started: the view must be the same.

    Streamlit's legacy `pages/` folder mode is on until app.py's st.navigation has run once in the
    process, so the first session that opens a deep link gets pages/timeline.py alone: no shared sidebar,
    filters from the URL ignored, file names in the navigation.
    """
    srv = Server()
    try:
        pg = page
        pg.goto(f"{srv.url}/timeline?era=Soviet+Union")
        wait_for_app(pg)
        shot(pg, "fresh-server-deep-link")
        nav = pg.locator('[data-testid="stSidebarNav"]').inner_text()
        caption = pg.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    finally:
        srv.stop()
    assert "Overview" in nav and "app" not in nav.split(), nav
    assert "Soviet Union" in caption, caption
