"""AppTest helpers: run app.py on a given page with given URL parameters and data folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run pages through app.py as the server does.

    In the server, st.navigation switches off Streamlit's legacy `pages/`-folder mode on the first
    run and it stays off; AppTest resets that flag before every run, which would run a page file
    without app.py (no shared sidebar). Keep it off, as in production.
    """
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        PagesManager.uses_pages_directory = False
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def open_page(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    def _open(page: str, params: dict[str, str | list[str]] | None = None, data_dir: Path | None = None) -> AppTest:
        if data_dir is not None:
            monkeypatch.setenv("PIVOTDASH_DATA_DIR", str(data_dir))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in (params or {}).items():
            at.query_params[key] = value
        at.run()
        if page != "overview":
            at.switch_page(f"pages/{page}.py")
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """The callables behind deferred download buttons, by file id."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    seen: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, *args, **kwargs):  # type: ignore[no-untyped-def]
        file_id = original(self, data_callable, *args, **kwargs)
        seen[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return seen
