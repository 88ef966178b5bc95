"""A PDF briefing (fpdf2, A4 landscape): a title page, one page per view, and a sources page."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF

from pivotdash import theme
from pivotdash.errors import ExportUnavailable
from pivotdash.export import citations
from pivotdash.export.images import PICTURE_HEIGHT, PICTURE_WIDTH, Images
from pivotdash.figures.finish import APP_NAME
from pivotdash.state import absolute
from pivotdash.views import View

FONT_ENV = "PIVOTDASH_FONT_DIR"  # a folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf
# Debian's fonts-dejavu-core puts them here; other distributions use the second folder.
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
FONT_HINT = "Install the DejaVu fonts (`apt-get install fonts-dejavu-core`) or set PIVOTDASH_FONT_DIR."
PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 12.0  # A4 landscape, millimetres



def font_files() -> tuple[Path, Path]:
    """The regular and bold TrueType fonts the PDF embeds (a TTF is needed for Cyrillic and “quotes”)."""
    folders = [Path(os.environ[FONT_ENV])] if os.environ.get(FONT_ENV) else list(FONT_DIRS)
    for folder in folders:
        if (folder / REGULAR).is_file() and (folder / BOLD).is_file():
            return folder / REGULAR, folder / BOLD
    looked = ", ".join(str(f) for f in folders)
    raise ExportUnavailable(
        f"The PDF briefing needs the fonts {REGULAR} and {BOLD}; none found in {looked}. {FONT_HINT}"
    )


class _Report(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="landscape", unit="mm", format="A4")
        regular, bold = font_files()
        self.add_font("DejaVu", "", str(regular))
        self.add_font("DejaVu", "B", str(bold))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.briefing_title = title
        self.set_title(title)
        self.set_author(APP_NAME)
        self.set_creator(APP_NAME)
        self.set_lang("en")  # the document language screen readers and search read

    def footer(self) -> None:
        self.set_y(-9)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*_rgb(theme.MUTED_INK))
        self.cell(0, 5, f"{self.briefing_title} · {APP_NAME} · page {self.page_no()}", align="R")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _para(pdf: FPDF, text: str, size: float, *, bold: bool = False, colour: str = theme.INK,
          link: str = "", height: float | None = None) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*_rgb(colour))
    pdf.multi_cell(0, height or size * 0.5, text, link=link, align="L", new_x="LMARGIN", new_y="NEXT")


def _view_page(pdf: FPDF, n: int, view: View, message: str, picture: bytes, base_url: str) -> None:
    """One slide of the deck as a page: its title, key message, picture (with alt text) and footer."""
    from pivotdash.export.deck import describe

    pdf.add_page()
    pdf.start_section(f"{n}. {view.title}")
    _para(pdf, view.title, 18, bold=True, height=8)
    if message:
        pdf.ln(1)
        _para(pdf, message, 12, height=6)
    pdf.ln(2)
    top = pdf.get_y()
    usable_w = PAGE_W - 2 * MARGIN
    room = PAGE_H - MARGIN - 22 - top  # leave the footer lines and the page footer their space
    img_w = min(usable_w, room * PICTURE_WIDTH / PICTURE_HEIGHT)
    img_h = img_w * PICTURE_HEIGHT / PICTURE_WIDTH
    pdf.image(io.BytesIO(picture), x=(PAGE_W - img_w) / 2, y=top, w=img_w, h=img_h,
              alt_text=describe(view, message, "Chart"))
    pdf.set_y(top + img_h + 2)
    _para(pdf, f"Shown: {view.subtitle}", 8, colour=theme.MUTED_INK, height=4)
    _para(pdf, f"Source: {view.source} · {view.licence}", 8, colour=theme.MUTED_INK, height=4)
    link = absolute(view.link, base_url) if base_url else view.link
    if link:
        _para(pdf, f"Open this view: {link}", 8, colour=theme.MUTED_INK, height=4,
              link=link if link.startswith("http") else "")


def build_report(
    views: Sequence[View],
    title: str,
    *,
    subtitle: str = "",
    base_url: str = "",
    images: Images | None = None,
    messages: Sequence[str] = (),
    today: dt.date | None = None,
) -> bytes:
    """PDF bytes: the deck's slides as A4 landscape pages (title, key message, chart, footer), bookmarked,
    in English, each picture with its alternative text; `images` and `messages` as for the deck."""
    pdf = _Report(title)  # first: a missing font fails before any chart is drawn
    pictures = (images or Images(views, base_url=base_url)).pictures()
    said = list(messages) + [""] * (len(views) - len(messages))
    when = (today or dt.date.today()).strftime("%d %B %Y")

    pdf.add_page()
    pdf.start_section(title[:200] or "Briefing")
    pdf.set_y(60)
    _para(pdf, title, 26, bold=True, height=12)
    pdf.ln(4)
    if subtitle:
        _para(pdf, subtitle, 14, colour=theme.MUTED_INK, height=7)
    _para(pdf, f"{len(views)} chart(s) · {when} · made with {APP_NAME}", 12, colour=theme.MUTED_INK, height=7)
    pdf.ln(6)
    for n, view in enumerate(views, start=1):
        _para(pdf, f"{n}. {view.title} ({view.subtitle})", 11, height=6)

    for n, view in enumerate(views, start=1):
        _view_page(pdf, n, view, said[n - 1], pictures[n - 1], base_url)

    pdf.add_page()
    pdf.start_section("Sources and licences")
    _para(pdf, "Sources and licences", 16, bold=True, height=8)
    pdf.ln(2)
    for c in citations.ALL:
        _para(pdf, c.name, 11, bold=True, height=6)
        _para(pdf, c.cite, 10, height=5)
        _para(pdf, f"Licence: {c.licence}", 10, colour=theme.MUTED_INK, height=5)
        if c.url:
            _para(pdf, c.url, 10, colour=theme.MUTED_INK, height=5, link=c.url)
        pdf.ln(2)
    return bytes(pdf.output())
