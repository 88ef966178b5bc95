"""Static images of finished figures (PNG, SVG, PDF) through the shared browser, and the one batch of a briefing."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Literal

import plotly.graph_objects as go
import plotly.io as pio

from pivotdash import theme
from pivotdash.export import browser
from pivotdash.figures.finish import fit_chrome
from pivotdash.views import View

ImageFormat = Literal["png", "svg", "pdf"]
PNG_SCALE = 2  # the deck's, the PDF briefing's and the zip's PNGs: a 16:9 slide at 2560×1440


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


def _job(fig: go.Figure, fmt: ImageFormat, width: int, height: int, scale: float) -> browser.Job:
    spec = export_figure(fig, width, height).to_plotly_json()
    return spec, {"format": fmt, "width": width, "height": height, "scale": scale if fmt == "png" else 1}


def _topojson() -> str | None:
    """A local TopoJSON folder set for plotly (a file: URL), handed to the browser; else none."""
    topo = pio.defaults.topojson
    return topo if str(topo or "").startswith("file:") else None


def render_many(
    figs: Sequence[go.Figure],
    fmt: ImageFormat = "png",
    *,
    width: int = theme.SLIDE_WIDTH,
    height: int = theme.SLIDE_HEIGHT,
    scale: float = 2,
) -> list[bytes]:
    """Each of `figs` as PNG, SVG or PDF bytes at `width`×`height` CSS pixels (PNG pixels × `scale`).

    One batch through the shared browser, drawn on its two tabs side by side.
    Raises ExportUnavailable (naming the fix) when no browser can be used.
    """
    return browser.render_batch([_job(f, fmt, width, height, scale) for f in figs], _topojson())


def render(
    fig: go.Figure,
    fmt: ImageFormat = "png",
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


BatchFormat = Literal["png", "svg"]


class Images:
    """The slide PNGs and SVGs of a briefing's views, each drawn once, on first need, in one browser batch.

    The deck, the PDF briefing and the zip take the same Images, so a briefing exported three ways
    draws each chart once as PNG (and once as SVG for the zip).
    """

    def __init__(self, views: Sequence[View], *, scale: float = PNG_SCALE) -> None:
        self.views = tuple(views)
        self.scale = scale
        self._drawn: dict[BatchFormat, list[bytes]] = {}
        self._lock = threading.Lock()  # two downloads of one briefing at once still draw it once

    @classmethod
    def given(cls, views: Sequence[View], png: Sequence[bytes], svg: Sequence[bytes] | None = None) -> Images:
        """Images already drawn (by a test, or another renderer): nothing is drawn again."""
        out = cls(views)
        out._drawn["png"] = list(png)
        if svg is not None:
            out._drawn["svg"] = list(svg)
        return out

    def draw(self, *kinds: BatchFormat) -> Images:
        """Draw whichever of `kinds` is not drawn yet, all views and kinds in one batch."""
        with self._lock:
            missing = [k for k in dict.fromkeys(kinds) if k not in self._drawn]
            if not missing:
                return self
            jobs = [_job(v.figure, k, theme.SLIDE_WIDTH, theme.SLIDE_HEIGHT, self.scale)
                    for k in missing for v in self.views]
            out = browser.render_batch(jobs, _topojson())
            n = len(self.views)
            for i, kind in enumerate(missing):
                self._drawn[kind] = out[i * n:(i + 1) * n]
        return self

    def png(self) -> list[bytes]:
        return self.draw("png")._drawn["png"]

    def svg(self) -> list[bytes]:
        return self.draw("svg")._drawn["svg"]


def draw(views: Sequence[View], *, svg: bool = False, scale: float = PNG_SCALE) -> Images:
    """The PNGs (and, for the zip, the SVGs) of `views`, drawn now in one shared-browser batch."""
    return Images(views, scale=scale).draw("png", *(("svg",) if svg else ()))
