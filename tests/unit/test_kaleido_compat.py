"""Kaleido internals pivotdash overrides (export/kaleido_compat.py): these fail when an upgrade moves them."""

from __future__ import annotations

import asyncio
import inspect
import sys
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import kaleido
import pytest

from pivotdash.export import browser as pd_browser
from pivotdash.export import kaleido_compat

needs_browser = pytest.mark.skipif(not pd_browser.available(), reason="no Chrome/Chromium on this machine")


class _FakeTab:
    """A tab whose reload waits until the test lets it finish (or fails)."""

    def __init__(self, fail: bool = False) -> None:
        self.release = asyncio.Event()
        self.reloading = asyncio.Event()
        self.fail = fail

    async def reload(self) -> None:
        self.reloading.set()
        await self.release.wait()
        if self.fail:
            raise RuntimeError("tab crashed")


def _run(coro: Coroutine[Any, Any, None]) -> None:
    # On a thread of its own: Playwright's sync API, used by earlier tests, can leave a loop running here.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coro).result(timeout=30)


def _kaleido() -> kaleido.Kaleido:
    # Constructing Kaleido only records the browser path; nothing starts until open().
    return kaleido_compat.kaleido_class()(path=str(pd_browser.browser_path() or sys.executable), n=1, mathjax=False)


def test_kaleido_still_returns_every_rendered_tab_through_the_overridden_coroutine() -> None:
    hook = getattr(kaleido.Kaleido, kaleido_compat.OVERRIDDEN, None)
    assert hook is not None and inspect.iscoroutinefunction(hook), "Kaleido no longer has _return_kaleido_tab"
    assert list(inspect.signature(hook).parameters) == ["self", "tab"]
    render_task = inspect.getsource(kaleido.Kaleido._render_task)
    assert f"self.{kaleido_compat.OVERRIDDEN}(tab)" in render_task, "renders no longer hand tabs back through it"
    from kaleido._kaleido_tab import _KaleidoTab  # the tab class the override reloads

    assert inspect.iscoroutinefunction(_KaleidoTab.reload)


def test_the_result_returns_before_the_reload_and_the_tab_rejoins_the_queue_after_it() -> None:
    async def scenario() -> None:
        k = _kaleido()
        assert isinstance(k.tabs_ready, asyncio.Queue)
        tab = _FakeTab()
        await asyncio.wait_for(k._return_kaleido_tab(tab), 1)  # returns while the reload still waits
        await asyncio.wait_for(tab.reloading.wait(), 1)
        assert k.tabs_ready.qsize() == 0  # a tab is never handed out mid-reload
        tab.release.set()
        assert await asyncio.wait_for(k.tabs_ready.get(), 1) is tab

    _run(scenario())


def test_a_failed_reload_still_puts_the_tab_back() -> None:
    async def scenario() -> None:
        k = _kaleido()
        tab = _FakeTab(fail=True)
        await k._return_kaleido_tab(tab)
        tab.release.set()
        assert await asyncio.wait_for(k.tabs_ready.get(), 1) is tab

    _run(scenario())


def test_browser_errors_are_the_ones_kaleido_and_choreographer_raise() -> None:
    import choreographer.errors

    errors = kaleido_compat.browser_errors()
    for name in ("BrowserClosedError", "BrowserFailedError", "ChannelClosedError"):
        assert getattr(choreographer.errors, name) in errors
    assert TimeoutError in errors


@needs_browser
def test_a_real_render_goes_through_the_override() -> None:
    browser = pd_browser.browser_path()
    assert isinstance(browser, Path)
    renderer = pd_browser._Renderer(browser)
    try:
        calls: list[object] = []
        original = renderer._kaleido._return_kaleido_tab

        async def counted(tab: object) -> None:
            calls.append(tab)
            await original(tab)

        renderer._kaleido._return_kaleido_tab = counted
        spec = {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}}
        opts = {"format": "svg", "width": 300, "height": 200}
        out = renderer.render([(spec, opts), (spec, opts)], None)
        assert len(out) == 2 and all(b"<svg" in svg for svg in out)
        assert len(calls) == 2
    finally:
        renderer.close()
