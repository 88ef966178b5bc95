"""Addresses and installs in a real browser: /overview opens the Overview page; `pip install .` serves every page."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from scripts.serving import free_port, healthy, stop
from tests.e2e.conftest import OUTPUT, wait_for_app
from tests.wheel_fixtures import build_wheel, can_build_offline, install_into

pytestmark = pytest.mark.e2e

PAGES = {  # url path → the page's title
    "overview": "Will Russia's turn to Asia last?",
    "timeline": None, "episodes": None, "trade": "Trade: is Russia's trade turning East?", "map": None,
    "briefing": None, "sources": None,
}


def _assert_no_error(pg) -> None:  # type: ignore[no-untyped-def]
    wait_for_app(pg)  # the not-found dialog arrives with the first script run's messages
    assert pg.get_by_text("Page not found").count() == 0
    assert pg.locator('[data-testid="stException"]').count() == 0
    assert pg.locator('[data-testid="stAlertContentError"]').count() == 0


@pytest.mark.parametrize("path", ["/overview", "/"])
def test_overview_opens_at_its_own_address_and_at_the_root(server, page, path):
    pg = page
    pg.goto(f"{server.url}{path}?era=Soviet+Union")
    wait_for_app(pg)
    _assert_no_error(pg)
    assert pg.get_by_role("heading", name=PAGES["overview"], level=1).is_visible()
    # The address is kept: a default page reached by its url_path used to be rewritten to "/".
    assert urlparse(pg.url).path == path and urlparse(pg.url).query == "era=Soviet+Union"
    nav = pg.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text("Overview", exact=True).count() == 1  # the /overview entry is not listed twice


class InstalledServer:
    """`pivotdash serve` from a non-editable install, started in an unrelated folder; stopped by PID."""

    def __init__(self, work: Path) -> None:
        site = install_into(build_wheel(work / "build"), work / "site")
        elsewhere = work / "elsewhere"
        elsewhere.mkdir()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy") and k != "PIVOTDASH_DATA_DIR"}
        env |= {"PYTHONPATH": str(site), "NO_PROXY": "127.0.0.1,localhost"}
        OUTPUT.mkdir(parents=True, exist_ok=True)
        self.log = (OUTPUT / f"installed-server-{os.getpid()}.log").open("w")
        self.proc = subprocess.Popen([sys.executable, "-m", "pivotdash", "serve", "--server.port", str(self.port)],
                                     cwd=elsewhere, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        if not healthy(self.url):
            self.stop()
            raise RuntimeError(f"pivotdash serve did not start on {self.url}")

    def stop(self) -> None:
        stop(self.proc)
        self.log.close()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InstalledServer]:
    if not can_build_offline():
        pytest.skip("this interpreter's setuptools is older than 70.1 (scripts/test.sh's .venv has the locked one)")
    srv = InstalledServer(tmp_path_factory.mktemp("installed"))
    yield srv
    srv.stop()


@pytest.mark.parametrize("path", list(PAGES))
def test_an_installed_copy_serves_every_page_without_an_error(installed, page, path):
    pg = page
    pg.goto(f"{installed.url}/{path}")
    wait_for_app(pg)
    _assert_no_error(pg)
    title = PAGES[path]
    heading = pg.get_by_role("heading", level=1).first
    assert heading.is_visible() and (title is None or heading.inner_text().strip() == title)
