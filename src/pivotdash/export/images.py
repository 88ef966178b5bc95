"""Static images of finished figures (PNG, SVG, PDF) through the shared browser, and the one batch of a briefing."""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Sequence
from typing import Literal

import plotly.graph_objects as go
import plotly.io as pio

from pivotdash import theme
from pivotdash.export import browser
from pivotdash.figures.finish import SOURCE_ANNOTATION, chrome_of, fit_chrome, place_legend_below, wrap
from pivotdash.state import absolute
from pivotdash.views import View

ImageFormat = Literal["png", "svg", "pdf"]
PNG_SCALE = 2  # the deck's, the PDF briefing's and the zip's PNGs: a 16:9 slide at 2560×1440
# A slide's chart box (the deck's and the PDF briefing's pictures): the slide's title, key message and
# footer take the rest of a 16:9 slide.
PICTURE_WIDTH, PICTURE_HEIGHT = 1280, 600


def export_figure(fig: go.Figure, width: int = theme.SLIDE_WIDTH, height: int | None = theme.SLIDE_HEIGHT,
                  *, link: str | None = None) -> go.Figure:
    """A copy of `fig` in the light export style, its chrome wrapped for `width` (with `link` under the source)."""
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
    return fit_chrome(out, width, link=link)


def picture_figure(fig: go.Figure, width: int = PICTURE_WIDTH, height: int = PICTURE_HEIGHT) -> go.Figure:
    """A copy of `fig` for a slide: no title, subtitle or source note of its own (the slide prints them once as
    text), its margins shrunk by the room they took."""
    out = export_figure(fig, width, height)
    chrome = chrome_of(out)
    margin = out.layout.margin
    top = margin.t if margin.t is not None else 100
    bottom = margin.b if margin.b is not None else 96
    if chrome is not None:
        usable = width - 100
        title_px = (len(wrap(chrome.title, usable, theme.TITLE_SIZE, bold=True)) * theme.TITLE_SIZE
                    + len(wrap(chrome.subtitle, usable, theme.SUBTITLE_SIZE)) * theme.SUBTITLE_SIZE) * 1.3
        top = max(30, round(top - title_px - 0.03 * height))
    notes = [a for a in out.layout.annotations if a.name == SOURCE_ANNOTATION]
    for note in notes:
        bottom = max(40, round(bottom - (str(note.text).count("<br>") + 1) * theme.NOTE_SIZE * 1.3))
    out.layout.annotations = [a for a in out.layout.annotations if a.name != SOURCE_ANNOTATION]
    out.update_layout(title_text="", title_subtitle_text="", margin={"t": top, "b": bottom})
    place_legend_below(out, 0)  # the slide prints the source under the picture: the legend drops to the edge
    return out


def view_link(view: View, base_url: str = "") -> str:
    """The address that reopens `view`, as printed on its PNG (absolute when the app's address is known)."""
    return absolute(view.link, base_url) if base_url else view.link


def _job(fig: go.Figure, fmt: ImageFormat, width: int, height: int, scale: float,
         link: str | None = None) -> browser.Job:
    spec = export_figure(fig, width, height, link=link if fmt == "png" else None).to_plotly_json()
    return spec, {"format": fmt, "width": width, "height": height, "scale": scale if fmt == "png" else 1}


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def described(svg: bytes, fig: go.Figure) -> bytes:
    """`svg` with a `<title>` (the chart's title) and a `<desc>` (its text alternative, the source), XML-escaped.

    Screen readers and file browsers read them; a title from the data stays text.
    """
    chrome = chrome_of(fig)
    match = _SVG_OPEN.search(svg)
    if chrome is None or match is None:
        return svg
    esc = html.escape  # escapes &, <, > and quotes: text in XML, whatever the title holds
    desc = " ".join(x for x in (chrome.alt_text, f"Source: {chrome.source}.", chrome.licence) if x)
    inner = f"<title>{esc(chrome.title)}</title><desc>{esc(desc)}</desc>".encode()
    return svg[:match.end()] + inner + svg[match.end():]


def _finished(out: list[bytes], figs: Sequence[go.Figure], fmts: Sequence[ImageFormat]) -> list[bytes]:
    return [described(b, f) if fmt == "svg" else b for b, f, fmt in zip(out, figs, fmts, strict=True)]


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
    links: Sequence[str] | None = None,
) -> list[bytes]:
    """Each of `figs` as PNG, SVG or PDF bytes at `width`×`height` CSS pixels (PNG pixels × `scale`).

    One batch through the shared browser, drawn on its two tabs side by side. A PNG prints its
    figure's entry of `links` under the source. Raises ExportUnavailable (naming the fix) when no
    browser can be used.
    """
    each = list(links) if links is not None else [None] * len(figs)
    jobs = [_job(f, fmt, width, height, scale, link) for f, link in zip(figs, each, strict=True)]
    return _finished(browser.render_batch(jobs, _topojson()), figs, [fmt] * len(figs))


def render(
    fig: go.Figure,
    fmt: ImageFormat = "png",
    *,
    width: int = theme.SLIDE_WIDTH,
    height: int = theme.SLIDE_HEIGHT,
    scale: float = 2,
    link: str | None = None,
) -> bytes:
    """`fig` as PNG, SVG or PDF bytes (see `render_many`)."""
    return render_many([fig], fmt, width=width, height=height, scale=scale, links=[link] if link else None)[0]


def to_png(fig: go.Figure, *, scale: float = 2, width: int = theme.SLIDE_WIDTH,
           height: int = theme.SLIDE_HEIGHT, link: str | None = None) -> bytes:
    return render(fig, "png", width=width, height=height, scale=scale, link=link)


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

    def __init__(self, views: Sequence[View], *, scale: float = PNG_SCALE, base_url: str = "") -> None:
        self.views = tuple(views)
        self.scale = scale
        self.base_url = base_url  # the PNGs print each view's link, made absolute against it
        self._drawn: dict[BatchFormat, list[bytes]] = {}
        self._pictures: dict[int, bytes] = {}
        self._lock = threading.Lock()  # two downloads of one briefing at once still draw it once

    @classmethod
    def given(cls, views: Sequence[View], png: Sequence[bytes], svg: Sequence[bytes] | None = None) -> Images:
        """Images already drawn (by a test, or another renderer): nothing is drawn again."""
        out = cls(views)
        out._drawn["png"] = list(png)
        if svg is not None:
            out._drawn["svg"] = list(svg)
        out._pictures = dict(enumerate(png))
        return out

    def draw(self, *kinds: BatchFormat) -> Images:
        """Draw whichever of `kinds` is not drawn yet, all views and kinds in one batch."""
        with self._lock:
            missing = [k for k in dict.fromkeys(kinds) if k not in self._drawn]
            if not missing:
                return self
            jobs = [_job(v.figure, k, theme.SLIDE_WIDTH, theme.SLIDE_HEIGHT, self.scale, view_link(v, self.base_url))
                    for k in missing for v in self.views]
            figs = [v.figure for _ in missing for v in self.views]
            out = _finished(browser.render_batch(jobs, _topojson()), figs, [k for k in missing for _ in self.views])
            n = len(self.views)
            for i, kind in enumerate(missing):
                self._drawn[kind] = out[i * n:(i + 1) * n]
        return self

    def png(self) -> list[bytes]:
        return self.draw("png")._drawn["png"]

    def pictures(self, which: Sequence[int] | None = None) -> dict[int, bytes]:
        """The slide pictures (`picture_figure`) of the views at `which` (default all), the missing ones drawn
        in one batch; the deck draws only its pictures, the PDF briefing takes those and draws the rest."""
        wanted = list(range(len(self.views))) if which is None else list(which)
        with self._lock:
            missing = [i for i in wanted if i not in self._pictures]
            if missing:
                jobs: list[browser.Job] = [
                    (picture_figure(self.views[i].figure).to_plotly_json(),
                     {"format": "png", "width": PICTURE_WIDTH, "height": PICTURE_HEIGHT, "scale": self.scale})
                    for i in missing]
                for i, png in zip(missing, browser.render_batch(jobs, _topojson()), strict=True):
                    self._pictures[i] = png
            return {i: self._pictures[i] for i in wanted}

    def svg(self) -> list[bytes]:
        return self.draw("svg")._drawn["svg"]


def draw(views: Sequence[View], *, svg: bool = False, scale: float = PNG_SCALE, base_url: str = "") -> Images:
    """The PNGs (and, for the zip, the SVGs) of `views`, drawn now in one shared-browser batch."""
    return Images(views, scale=scale, base_url=base_url).draw("png", *(("svg",) if svg else ()))
