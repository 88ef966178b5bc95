"""A real app on 127.0.0.1 and Debian's Chromium driven by Playwright; every request is recorded."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from scripts.serving import CHROMIUM, CHROMIUM_ARGS, Served

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "e2e"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
_started = itertools.count(1)


class Server(Served):
    """pivotdash's app.py on a free loopback port, optionally on another data folder."""

    def __init__(self, data_dir: Path | None = None) -> None:
        env = {"PIVOTDASH_DATA_DIR": str(data_dir)} if data_dir is not None else {}
        super().__init__(ROOT / "app.py", ROOT, OUTPUT / f"server-{os.getpid()}-{next(_started)}.log", env=env)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Recorder:
    """Every URL the page asks for; `outside()` lists those not on this machine."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, request) -> None:  # type: ignore[no-untyped-def]
        self.urls.append(request.url)

    def outside(self) -> list[str]:
        bad = []
        for url in self.urls:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about", "chrome-error"):
                continue
            if parsed.hostname not in LOCAL_HOSTS:
                bad.append(url)
        return bad


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    recorder = Recorder()
    context.on("request", recorder)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.recorder = recorder  # type: ignore[attr-defined]
    yield pg
    outside = recorder.outside()
    context.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"


_IDLE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('h1') || document.querySelector('[data-stale="true"]')) return false;
  const stop = Array.from(document.querySelectorAll('header button, [data-testid="stToolbar"] button'))
    .some(b => b.innerText.trim() === 'Stop');
  // every chart shown has drawn (a chart has two or three .main-svg, so counting them is not enough)
  const drawn = Array.from(main.querySelectorAll('[data-testid="stPlotlyChart"]'))
    .filter(c => c.getClientRects().length)
    .every(c => { const svg = c.querySelector('svg.main-svg');
                  return svg && svg.getBoundingClientRect().width > 0 && c.querySelector('svg.main-svg text'); });
  return !stop && drawn;
}"""


# Idle must hold for a while, since a rerun can start just after a first idle moment.
_STAYS_IDLE = "() => { const idle = (" + _IDLE + """)(); const now = performance.now();
  if (!idle) { window.__pivotdashIdleSince = null; return false; }
  window.__pivotdashIdleSince = window.__pivotdashIdleSince || now;
  return now - window.__pivotdashIdleSince >= 600; }"""


def wait_for_app(pg) -> None:  # type: ignore[no-untyped-def]
    """Wait until the script run has finished: a page title is drawn and nothing has run or gone stale
    for 0.6 s (a condition polled in the page, not a fixed sleep)."""
    pg.evaluate("() => { window.__pivotdashIdleSince = null; }")
    pg.wait_for_function(_STAYS_IDLE, timeout=60_000, polling=100)


def wait_holds(pg, condition: str, hold_ms: int = 600, timeout: int = 30_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until a condition (a JS function's source) has held for `hold_ms` without a break, polled in the page:
    a redraw that starts just after a first true moment breaks it."""
    pg.evaluate("() => { window.__pivotdashHoldsSince = null; }")
    pg.wait_for_function("() => { const ok = (" + condition + """)(); const now = performance.now();
      if (!ok) { window.__pivotdashHoldsSince = null; return false; }
      window.__pivotdashHoldsSince = window.__pivotdashHoldsSince || now;
      return now - window.__pivotdashHoldsSince >= """ + str(hold_ms) + "; }", timeout=timeout, polling=100)


def wait_drawn(locator, min_colours: int = 40, timeout_s: float = 60) -> None:  # type: ignore[no-untyped-def]
    """Wait until an element (a deck.gl canvas, a chart) shows at least `min_colours` colours: it has been drawn."""
    import io
    import time

    from PIL import Image

    deadline = time.monotonic() + timeout_s
    while True:
        colours = Image.open(io.BytesIO(locator.screenshot())).convert("RGB").getcolors(maxcolors=1 << 20)
        if colours is not None and len(colours) >= min_colours:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"not drawn after {timeout_s} s: {len(colours or [])} colours")


def shot(pg, name: str) -> Path:  # type: ignore[no-untyped-def]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path
