"""The one place pivotdash leans on kaleido internals; tests/unit/test_kaleido_compat.py fails if an upgrade breaks it.

Kaleido has no public hook for when a tab is reloaded, so `kaleido_class` overrides the private
`Kaleido._return_kaleido_tab` (checked against kaleido 1.5.0 and 1.5.1). The browser errors come from
the public `kaleido.errors` and `choreographer.errors` modules.
"""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

OVERRIDDEN = "_return_kaleido_tab"  # Kaleido's coroutine (self, tab): reload the tab, put it back on tabs_ready


def kaleido_class() -> type:
    """Kaleido with the tab reload moved off the caller's path.

    Kaleido 1.5 reloads a tab after every render (to drop the old figure) and only then returns the
    result. Here the result returns at once and the tab reloads in the background before it rejoins
    the queue, so with two tabs the next export starts on a fresh one without waiting.
    """
    import kaleido  # imported late: it starts logging and version checks at import

    class _Kaleido(kaleido.Kaleido):
        _reloads: set[asyncio.Task[None]]

        async def _return_kaleido_tab(self, tab: Any) -> None:
            async def reload_then_queue() -> None:
                # A failed reload means a dying browser: the next render fails and render()
                # starts a new one, so the error is not kept here.
                with contextlib.suppress(Exception):
                    await tab.reload()
                await self.tabs_ready.put(tab)

            if not hasattr(self, "_reloads"):
                self._reloads = set()
            task = asyncio.create_task(reload_then_queue())
            self._reloads.add(task)
            task.add_done_callback(self._reloads.discard)

    return _Kaleido


def browser_errors() -> tuple[type[BaseException], ...]:
    """The errors that mean the browser died, hung or never started (a fresh one may work)."""
    from choreographer.errors import ChannelClosedError
    from kaleido.errors import BrowserClosedError, BrowserFailedError

    return (BrowserClosedError, BrowserFailedError, ChannelClosedError, FutureTimeout, TimeoutError)
