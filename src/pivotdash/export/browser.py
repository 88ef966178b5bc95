"""The one shared Chromium that draws static images: finding it, starting it, retrying, ending it."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from pivotdash.errors import ExportUnavailable
from pivotdash.export.kaleido_compat import browser_errors, kaleido_class

# Kaleido 1.5 drives a Chrome/Chromium. Starting one costs 2–3 s, so the process keeps a single
# Kaleido browser open in a background event loop and every session's export goes through it.
# Kaleido's own `start_sync_server` pairs requests with results by queue order and, when the
# browser fails to start, leaves every later call waiting forever; here each request gets its own
# future (a result can only reach its caller), waits with a timeout, and a lock keeps one batch
# at a time (a deck's charts go in as one batch, drawn on two tabs side by side).
# A browser that dies mid-batch, whatever error its death raises, is replaced once and the batch
# redone; one that hangs is ended by its process group, so no Chromium outlives its renderer.
# Kaleido's `get_chrome` is never called: it would download a browser.

def _is_chrome_not_found(exc: BaseException) -> bool:
    return type(exc).__name__ == "ChromeNotFoundError"

BROWSER_ENV = "PIVOTDASH_BROWSER"  # path to a Chrome/Chromium binary; overrides the search
PROXY = "http://127.0.0.1:9"  # the discard port: anything Chromium tries to fetch fails locally
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
START_TIMEOUT = 60.0
RENDER_TIMEOUT = 45.0
CLOSE_TIMEOUT = 15.0
TABS = 2  # a second tab renders while the first one reloads
INSTALL_HINT = (
    "Install Chromium on this machine (`apt-get install chromium`) or point the "
    f"{BROWSER_ENV} environment variable at a Chrome/Chromium binary. "
    "HTML and CSV exports and the chart's own camera button still work without it."
)
TEMP_HINT = "Point the TMPDIR environment variable at a writable folder with free space and try again."
RETRY_HINT = "Try again; if it keeps failing, restart pivotdash (or export from the command line)."
_log = logging.getLogger(__name__)

Job = tuple[dict[str, Any], dict[str, Any]]  # (figure as plotly JSON, kaleido options)


def browser_path() -> Path | None:
    """The Chrome/Chromium to render with: $PIVOTDASH_BROWSER, $BROWSER_PATH, PATH, then Debian's."""
    for var in (BROWSER_ENV, "BROWSER_PATH"):
        if value := os.environ.get(var):
            # An explicit setting is obeyed even when wrong, so a broken one is reported, not bypassed.
            p = Path(value)
            return p if p.is_file() and os.access(p, os.X_OK) else None
    for name in BROWSER_NAMES:
        if found := shutil.which(name):
            return Path(found)
    return DEBIAN_CHROMIUM if DEBIAN_CHROMIUM.is_file() else None


def unavailable_reason() -> str | None:
    """Why static images cannot be made here (with the fix), or None when a browser is present."""
    if browser_path() is not None:
        return None
    where = next((f"{v}={os.environ[v]!r}" for v in (BROWSER_ENV, "BROWSER_PATH") if os.environ.get(v)), None)
    looked = f"the browser set in {where} does not exist" if where else "no Chrome or Chromium was found"
    return f"PNG, SVG and PDF exports need a Chrome/Chromium browser, and {looked}. {INSTALL_HINT}"


def available() -> bool:
    """True when a browser for static exports is present (it is started on the first export)."""
    return unavailable_reason() is None


def _died(exc: BaseException) -> bool:
    """True for the errors a dead, hung or cancelled browser raises (its death has no single error type)."""
    return isinstance(exc, (*browser_errors(), concurrent.futures.TimeoutError, concurrent.futures.CancelledError,
                            asyncio.CancelledError, TimeoutError, ConnectionError, BrokenPipeError, EOFError))


def _end_group(pid: int, grace: float = 3.0) -> None:
    """End a Chromium and every process it started (its own session and process group)."""
    for sig in (signal.SIGTERM, signal.SIGCONT):  # SIGCONT: a stopped (hung) browser must run to die
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, sig)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and group_alive(pid):
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap the leader, our own child, so it does not linger as a zombie


def group_alive(pid: int) -> bool:
    """True while any process of `pid`'s process group runs (zombies count as ended)."""
    proc = Path("/proc")
    if not proc.is_dir():  # not Linux: ask the leader only
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True
    for entry in proc.iterdir():
        if not entry.name.isascii() or not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()  # after "pid (name) ": state, ppid, pgrp, …
        if len(fields) > 2 and fields[2] == str(pid) and fields[0] not in ("Z", "X"):
            return True
    return False


class _Renderer:
    """One Kaleido browser in its own event-loop thread; `render` is safe to call from any thread."""

    def __init__(self, browser: Path) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pivotdash-kaleido", daemon=True)
        self._thread.start()
        self._kaleido: Any = None
        self._starting: Any = None
        self.pid: int | None = None
        try:
            self._run(self._open(browser), START_TIMEOUT)
        except BaseException:
            self.close()
            raise

    def _run(self, coro: Any, timeout: float) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=timeout)

    async def _open(self, browser: Path) -> None:
        k = kaleido_class()(path=str(browser), n=TABS, mathjax=False, timeout=RENDER_TIMEOUT, proxy_server=PROXY)
        self._starting = k  # so a start that hangs can still be ended by its process
        await k.open()
        self._kaleido = k

    def _browser_pid(self) -> int | None:
        k = self._kaleido or self._starting
        proc = getattr(k, "subprocess", None)
        return getattr(proc, "pid", None)

    def alive(self) -> bool:
        pid = self.pid or self._browser_pid()
        return self._thread.is_alive() and pid is not None and group_alive(pid)

    def render(self, jobs: list[Job], topojson: str | None) -> list[bytes]:
        """Render each (spec, options) job on the tabs side by side; results come back in the order asked for."""
        self.pid = self.pid or self._browser_pid()

        async def all_of() -> list[Any]:
            return list(await asyncio.gather(*(
                self._kaleido.calc_fig(spec, opts=opts, topojson=topojson) for spec, opts in jobs
            )))

        rounds = -(-len(jobs) // TABS)  # ceil: each tab renders this many in turn
        return [bytes(d) for d in self._run(all_of(), RENDER_TIMEOUT * max(1, rounds) + 5)]

    def close(self) -> None:
        """Close the browser politely, then end whatever of its process group is left (a hung one)."""
        pid = self.pid or self._browser_pid()
        if self._kaleido is not None:
            with contextlib.suppress(Exception):  # closing a browser that already died is fine
                self._run(self._kaleido.close(), CLOSE_TIMEOUT)
            self._kaleido = None
        self._starting = None
        if pid is not None and group_alive(pid):
            _log.warning("Chromium (process group %s) did not close; ending it", pid)
            _end_group(pid)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)


_LOCK = threading.Lock()
_renderer: _Renderer | None = None


def _ensure() -> _Renderer:
    """The shared renderer, started on first use. Call with _LOCK held."""
    global _renderer
    if _renderer is None:
        reason = unavailable_reason()
        browser = browser_path()
        if reason or browser is None:
            raise ExportUnavailable(reason or INSTALL_HINT)
        os.environ["CHOREO_PROXY_SERVER"] = PROXY  # also covers plotly's own one-shot kaleido calls
        try:
            _renderer = _Renderer(browser)
        except (Exception, asyncio.CancelledError) as exc:
            if _is_chrome_not_found(exc):
                raise ExportUnavailable(f"{exc}. {INSTALL_HINT}") from exc
            if not _temp_usable():  # the browser's profile and page live in a temporary folder
                raise ExportUnavailable(
                    f"Chromium could not start: there is no usable temporary folder ({exc}). {TEMP_HINT}"
                ) from exc
            if isinstance(exc, TimeoutError):
                raise ExportUnavailable(
                    f"Chromium at {browser} did not start within {START_TIMEOUT:.0f} s and was ended. {RETRY_HINT}"
                ) from exc
            if _died(exc):
                raise ExportUnavailable(
                    f"Chromium at {browser} could not be started ({exc!r}). {INSTALL_HINT}") from exc
            raise
    return _renderer


def _temp_usable() -> bool:
    try:
        os.rmdir(tempfile.mkdtemp(prefix="pivotdash-probe-"))
    except OSError:
        return False
    return True


def _drop() -> None:
    """Close the shared renderer and forget it. Call with _LOCK held."""
    global _renderer
    if _renderer is not None:
        _renderer.close()
        _renderer = None


def render_batch(jobs: list[Job], topojson: str | None = None) -> list[bytes]:
    """Draw every job in one batch through the shared browser, retrying once on a fresh one if it dies.

    Raises ExportUnavailable, naming what failed and what to do, when no browser can be used or the
    second one dies too.
    """
    if not jobs:
        return []
    with _LOCK:
        for attempt in (1, 2):
            renderer = _ensure()
            try:
                return renderer.render(jobs, topojson)
            except (Exception, asyncio.CancelledError) as exc:
                dead = _died(exc) or not renderer.alive()
                _drop()  # dead or confused, it is replaced: the next batch starts a fresh browser
                if not dead:
                    raise ExportUnavailable(
                        f"Chromium could not draw the chart ({type(exc).__name__}: {exc}). {RETRY_HINT}") from exc
                _log.warning("Chromium died during an export (%r); attempt %d of 2", exc, attempt)
                if attempt == 2:
                    raise ExportUnavailable(
                        f"Chromium stopped responding twice while drawing the charts ({exc!r}). {RETRY_HINT}"
                    ) from exc
    raise AssertionError("unreachable")


def running_pid() -> int | None:
    """The process (and process group) id of the shared Chromium, or None when none runs."""
    renderer = _renderer
    return renderer.pid or renderer._browser_pid() if renderer is not None else None


def shutdown() -> None:
    """Close the shared browser and end its processes (at exit, after a failed CLI run, in tests)."""
    with _LOCK:
        _drop()


atexit.register(shutdown)
