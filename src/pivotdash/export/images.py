"""Static images (PNG, SVG, PDF) through one shared Chromium, plus offline HTML and plotly's config.

Kaleido 1.5 drives a Chrome/Chromium. Starting one costs 2–3 s, so the process keeps a single
Kaleido browser open in a background event loop and every session's export goes through it.
Kaleido's own `start_sync_server` pairs requests with results by queue order and, when the
browser fails to start, leaves every later call waiting forever; here each request gets its own
future (a result can only reach its caller), waits with a timeout, and a lock keeps one export
call at a time (a deck's charts go in as one batch, drawn on two tabs side by side).
Kaleido's `get_chrome` is never called: it would download a browser.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import html
import os
import re
import shutil
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go
import plotly.io as pio

from pivotdash import theme
from pivotdash.errors import ExportUnavailable
from pivotdash.export.kaleido_compat import browser_errors as _browser_errors
from pivotdash.export.kaleido_compat import kaleido_class as _kaleido_class
from pivotdash.figures.finish import APP_NAME, chrome_of, fit_chrome
from pivotdash.links import absolute
from pivotdash.views import View

Format = Literal["png", "svg", "pdf"]
BROWSER_ENV = "PIVOTDASH_BROWSER"  # path to a Chrome/Chromium binary; overrides the search
PROXY = "http://127.0.0.1:9"  # the discard port: anything Chromium tries to fetch fails locally
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
START_TIMEOUT = 60.0
RENDER_TIMEOUT = 45.0
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html",
        "csv": "text/csv"}
INSTALL_HINT = (
    "Install Chromium on this machine (`apt-get install chromium`) or point the "
    f"{BROWSER_ENV} environment variable at a Chrome/Chromium binary. "
    "HTML and CSV exports and the chart's own camera button still work without it."
)


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


TABS = 2  # a second tab renders while the first one reloads


class _Renderer:
    """One Kaleido browser in its own event-loop thread; `render` is safe to call from any thread."""

    def __init__(self, browser: Path) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pivotdash-kaleido", daemon=True)
        self._thread.start()
        self._kaleido: Any = None
        try:
            self._run(self._open(browser), START_TIMEOUT)
        except BaseException:
            self.close()
            raise

    def _run(self, coro: Any, timeout: float) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=timeout)

    async def _open(self, browser: Path) -> None:
        k = _kaleido_class()(path=str(browser), n=TABS, mathjax=False, timeout=RENDER_TIMEOUT, proxy_server=PROXY)
        await k.open()
        self._kaleido = k

    def render(self, specs: list[dict[str, Any]], opts: dict[str, Any], topojson: str | None) -> list[bytes]:
        """Render `specs` on the tabs side by side; results come back in the order asked for."""

        async def all_of() -> list[Any]:
            return list(await asyncio.gather(*(
                self._kaleido.calc_fig(spec, opts=opts, topojson=topojson) for spec in specs
            )))

        rounds = -(-len(specs) // TABS)  # ceil: each tab renders this many in turn
        return [bytes(d) for d in self._run(all_of(), RENDER_TIMEOUT * max(1, rounds) + 5)]

    def close(self) -> None:
        if self._kaleido is not None:
            with contextlib.suppress(Exception):  # closing a browser that already died is fine
                self._run(self._kaleido.close(), 15)
            self._kaleido = None
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
        except _browser_errors() as exc:
            raise ExportUnavailable(f"Chromium at {browser} could not be started ({exc!r}). {INSTALL_HINT}") from exc
        except Exception as exc:
            if type(exc).__name__ == "ChromeNotFoundError":
                raise ExportUnavailable(f"{exc}. {INSTALL_HINT}") from exc
            raise
    return _renderer


def shutdown() -> None:
    """Close the shared browser (at exit, and in tests that need a fresh start)."""
    global _renderer
    with _LOCK:
        if _renderer is not None:
            _renderer.close()
            _renderer = None


atexit.register(shutdown)


def export_figure(fig: go.Figure, width: int = theme.SLIDE_WIDTH, height: int | None = theme.SLIDE_HEIGHT) -> go.Figure:
    """A copy of `fig` in the light export style, its chrome wrapped for `width`."""
    out = go.Figure(fig)
    out.update_layout(
        template="plotly_white",
        paper_bgcolor=theme.BACKGROUND,
        plot_bgcolor=theme.BACKGROUND,
        font_color=theme.INK,
        width=width,
        height=height,
        autosize=False,
    )
    return fit_chrome(out, width)


def render_many(
    figs: Sequence[go.Figure],
    fmt: Format = "png",
    *,
    width: int = theme.SLIDE_WIDTH,
    height: int = theme.SLIDE_HEIGHT,
    scale: float = 2,
) -> list[bytes]:
    """Each of `figs` as PNG, SVG or PDF bytes at `width`×`height` CSS pixels (PNG pixels × `scale`).

    One call holds the lock for the whole batch, which the two tabs render side by side.
    Raises ExportUnavailable (naming the fix) when no browser can be used.
    """
    if not figs:
        return []
    specs = [export_figure(fig, width, height).to_plotly_json() for fig in figs]
    opts = {"format": fmt, "width": width, "height": height, "scale": scale if fmt == "png" else 1}
    topo = pio.defaults.topojson if str(pio.defaults.topojson or "").startswith("file:") else None
    global _renderer
    with _LOCK:
        for attempt in (1, 2):
            renderer = _ensure()
            try:
                return renderer.render(specs, opts, topo)
            except _browser_errors() as exc:
                # The browser died or hung: drop it so the next attempt starts a fresh one.
                renderer.close()
                _renderer = None
                if attempt == 2:
                    raise ExportUnavailable(f"Chromium stopped responding while exporting ({exc!r}).") from exc
    raise AssertionError("unreachable")


def render(
    fig: go.Figure,
    fmt: Format = "png",
    *,
    width: int = theme.SLIDE_WIDTH,
    height: int = theme.SLIDE_HEIGHT,
    scale: float = 2,
) -> bytes:
    """`fig` as PNG, SVG or PDF bytes (see `render_many`)."""
    return render_many([fig], fmt, width=width, height=height, scale=scale)[0]


def to_png(fig: go.Figure, *, scale: float = 2, width: int = theme.SLIDE_WIDTH,
           height: int = theme.SLIDE_HEIGHT) -> bytes:
    return render(fig, "png", width=width, height=height, scale=scale)


def to_svg(fig: go.Figure, *, width: int = theme.SLIDE_WIDTH, height: int = theme.SLIDE_HEIGHT) -> bytes:
    return render(fig, "svg", width=width, height=height)


def to_pdf(fig: go.Figure, *, width: int = theme.SLIDE_WIDTH, height: int = theme.SLIDE_HEIGHT) -> bytes:
    return render(fig, "pdf", width=width, height=height)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def file_stem(view: View) -> str:
    """A descriptive, filesystem-safe file name (without extension) for `view`'s exports."""
    what = _slug(view.subtitle)[:60].rstrip("-")
    return f"{APP_NAME}-{_slug(view.id) or 'chart'}" + (f"-{what}" if what else "")


def camera_config(filename: str) -> dict[str, Any]:
    """The st.plotly_chart config: no logo; the camera button saves a 16:9 slide PNG at 2× as `filename`."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": theme.SLIDE_WIDTH,
            "height": theme.SLIDE_HEIGHT,
            "scale": 2,
        },
    }


def plotly_config(view: View) -> dict[str, Any]:
    """The camera config for a view, its file named for the view and its filters."""
    return camera_config(file_stem(view))


def to_html(view: View, base_url: str = "") -> bytes:
    """A standalone, offline HTML page: the interactive chart (plotly.js inlined), source and link."""
    fig = export_figure(view.figure, theme.SLIDE_WIDTH, None)
    fig.update_layout(width=None, autosize=True)  # responsive in the browser; chrome wrapped for a slide
    div = pio.to_html(
        fig, include_plotlyjs=True, full_html=False, config=plotly_config(view),
        default_width="100%", default_height=f"{theme.SLIDE_HEIGHT}px",
    )
    chrome = chrome_of(view.figure)
    licence = chrome.licence if chrome else ""
    link = absolute(view.link, base_url) if base_url else view.link
    esc = html.escape
    link_html = f'<br>Open this view in {APP_NAME}: <a href="{esc(link)}">{esc(link)}</a>' if link else ""
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(view.title)} · {APP_NAME}</title>
<style>body{{font-family:{esc(theme.FONT_FAMILY)};color:{theme.INK};background:{theme.BACKGROUND};margin:16px}}
.note{{color:{theme.MUTED_INK};font-size:13px;line-height:1.5}}</style>
</head>
<body>
{div}
<p class="note">Shown: {esc(view.subtitle)}<br>Source: {esc(view.source)}<br>{esc(licence)}{link_html}</p>
</body>
</html>
"""
    return page.encode("utf-8")

