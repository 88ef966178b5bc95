"""Every export format, declared once: what makes it, its MIME type, suffix, label, and what it covers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pivotdash.errors import ExportUnavailable
from pivotdash.export import browser
from pivotdash.export.bundle import Member, build_bundle
from pivotdash.export.deck import build_deck
from pivotdash.export.html import to_html
from pivotdash.export.images import BatchFormat, Images, to_pdf, to_png, to_svg, view_link
from pivotdash.export.names import briefing_stem, file_stem
from pivotdash.export.report import build_report, font_files
from pivotdash.export.tables import to_safe_csv
from pivotdash.export.template import Template
from pivotdash.views import View

# The chart downloads, the Briefing's downloads, the command line and the zip all read this table:
# adding a format is one entry here and its renderer.

Scope = Literal["view", "briefing"]


@dataclass
class Request:
    """What an export is made of besides its views: the briefing's words, the app's address, the PNG scale,
    and the analyst's PowerPoint template for the deck (never part of a link: an upload, or --template).

    `images` is the briefing's one image batch: the deck, the PDF briefing and the zip made from
    one Request draw each chart once.
    """

    views: tuple[View, ...]
    title: str = ""
    subtitle: str = ""
    base_url: str = ""
    scale: float = 2
    messages: tuple[str, ...] = ()  # each view's key message, parallel to `views` (the deck's and the PDF's)
    template: Template | None = None  # the deck's slide master, layouts and theme fonts; None: pivotdash's own
    images: Images = field(init=False)

    def __post_init__(self) -> None:
        self.images = Images(self.views, base_url=self.base_url)

    def one(self, view: View) -> Request:
        """The same request for one of its views (a per-view export)."""
        return Request((view,), self.title, self.subtitle, self.base_url, self.scale)


def _fonts_reason() -> str | None:
    try:
        font_files()
    except ExportUnavailable as exc:
        return str(exc)
    return None


def _browser_and_fonts() -> str | None:
    return browser.unavailable_reason() or _fonts_reason()


def _only(req: Request) -> View:
    (view,) = req.views
    return view


@dataclass(frozen=True)
class Format:
    """One export format. `build` makes the file from a Request (one view, or the whole briefing)."""

    key: str  # the command line's --format name and the download buttons' key
    label: str
    suffix: str
    mime: str
    scope: Scope
    build: Callable[[Request], bytes]
    # Why it cannot be made on this machine (with the fix), or None; checked before a button is offered.
    unavailable: Callable[[], str | None] = lambda: None
    # True when making it now uses the browser: slow, and it can fail at the moment of export.
    draws: Callable[[], bool] = lambda: False
    help: str = ""
    # In the briefing's zip, one file per view: `zip_note` says what it is in the README, and a
    # format drawn in the briefing's one image batch names its kind there (taken, not drawn again).
    in_zip: bool = False
    zip_note: str = ""
    batch: BatchFormat | None = None

    def file_name(self, req: Request) -> str:
        stem = file_stem(req.views[0]) if self.scope == "view" else briefing_stem(req.title)
        return f"{stem}.{self.suffix}"


def _always() -> bool:
    return True


def _png(req: Request) -> bytes:
    view = _only(req)
    return to_png(view.figure, scale=req.scale, link=view_link(view, req.base_url) or None)


FORMATS: tuple[Format, ...] = (
    Format("png", "PNG", "png", "image/png", "view", _png, browser.unavailable_reason, draws=_always,
           help="A 16:9 slide image with the chart's title, what is shown, the source and the licence.",
           in_zip=True, batch="png"),
    Format("svg", "SVG", "svg", "image/svg+xml", "view", lambda r: to_svg(_only(r).figure),
           browser.unavailable_reason, draws=_always, help="Vector image: edit it in Inkscape or Illustrator.",
           in_zip=True, batch="svg"),
    Format("pdf", "PDF", "pdf", "application/pdf", "view", lambda r: to_pdf(_only(r).figure),
           browser.unavailable_reason, draws=_always, help="The chart as a vector PDF page."),
    Format("html", "HTML", "html", "text/html", "view", lambda r: to_html(_only(r), r.base_url),
           help="Interactive and offline: plotly.js is inside the file."),
    Format("csv", "CSV", "csv", "text/csv", "view", lambda r: to_safe_csv(_only(r).data),
           help="Exactly the data this chart shows.", in_zip=True,
           zip_note="the data shown; cells a spreadsheet would run as formulas start with '"),
    Format("pptx", "PowerPoint deck (.pptx)", "pptx",
           "application/vnd.openxmlformats-officedocument.presentationml.presentation", "briefing",
           lambda r: build_deck(r.views, r.title, subtitle=r.subtitle, base_url=r.base_url, images=r.images,
                                messages=r.messages, template=r.template),
           browser.unavailable_reason, draws=_always,
           help="A title slide, one slide per view (editable charts where PowerPoint has the type), and the sources; "
                "on your own template when you add one."),
    Format("report", "PDF briefing", "pdf", "application/pdf", "briefing",
           lambda r: build_report(r.views, r.title, subtitle=r.subtitle, base_url=r.base_url, images=r.images,
                                  messages=r.messages),
           _browser_and_fonts, draws=_always, help="The same briefing as the deck, one chart per A4 page."),
    Format("zip", "Zip: PNG, SVG, CSV + README", "zip", "application/zip", "briefing",
           lambda r: build_bundle(r.views, r.title, members=zip_members(r), base_url=r.base_url, images=r.images),
           draws=browser.available,
           help="Every chart as PNG, SVG and CSV, and a README with citations. Without a browser: the CSVs."),
)
BY_KEY: dict[str, Format] = {f.key: f for f in FORMATS}
PER_VIEW: tuple[Format, ...] = tuple(f for f in FORMATS if f.scope == "view")
WHOLE: tuple[Format, ...] = tuple(f for f in FORMATS if f.scope == "briefing")


def zip_members(req: Request) -> list[Member]:
    """The zip's files per view: each per-view format marked for it, drawn ones from the image batch."""
    def maker(fmt: Format) -> Callable[[View], bytes]:
        return lambda view: fmt.build(req.one(view))

    return [Member(f.suffix, f.zip_note, drawn=f.batch, make=None if f.batch else maker(f))
            for f in FORMATS if f.scope == "view" and f.in_zip]


def export(fmt: Format, req: Request) -> list[tuple[str, bytes]]:
    """The files `fmt` makes for `req`: one per view, or one for the whole briefing (file name, bytes)."""
    if fmt.scope == "view":
        return [(fmt.file_name(one), fmt.build(one)) for one in (req.one(v) for v in req.views)]
    return [(fmt.file_name(req), fmt.build(req))]


def keys(formats: Sequence[Format] = FORMATS) -> list[str]:
    return [f.key for f in formats]
