"""A PowerPoint deck (16:9, or on the analyst's template): a title slide, a slide per view, a sources slide."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from pivotdash import theme
from pivotdash.export import citations, pptx_charts
from pivotdash.export.images import PICTURE_HEIGHT, PICTURE_WIDTH, Images
from pivotdash.export.template import Role, Template, open_deck
from pivotdash.figures.finish import APP_NAME
from pivotdash.state import absolute
from pivotdash.views import View

SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # PowerPoint's own 16:9 size (13.333 × 7.5 in)
MARGIN = Inches(0.4)
TITLE_H = Inches(0.8)
MESSAGE_H = Inches(0.7)
FOOT_H = Inches(0.55)
_MUTED = RGBColor.from_string(theme.MUTED_INK.lstrip("#"))
_INK = RGBColor.from_string(theme.INK.lstrip("#"))


@dataclass(frozen=True)
class Look:
    """The slides' size and how pivotdash writes on them: its own style, or the template's (`styled` False:
    titles keep the layout's place and font, text takes the theme's colours, charts the theme's body font)."""

    width: int = SLIDE_W
    height: int = SLIDE_H
    styled: bool = True
    font: str = pptx_charts.FONT

    @property
    def ink(self) -> RGBColor | None:
        return _INK if self.styled else None

    @property
    def muted(self) -> RGBColor | None:
        return _MUTED if self.styled else None


def _text(slide: Any, left: int, top: int, width: int, height: int, lines: Sequence[str], size: int,
          *, bold: bool = False, colour: RGBColor | None = _INK, fit: bool = False) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    if fit:  # a long message shrinks to its box (PowerPoint and Impress apply it on open)
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        para.font.size = Pt(size)
        para.font.bold = bold
        if colour is not None:
            para.font.color.rgb = colour


def _title(slide: Any, text: str, look: Look) -> tuple[int, int, int]:
    """Write the slide's one title; (left, width, bottom) of the space it leaves for the rest of the slide."""
    shape = slide.shapes.title
    shape.text = text
    shape.text_frame.word_wrap = True
    shape.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # an analyst's long title shrinks, stays on the slide
    if look.styled:
        shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.2), look.width - 2 * MARGIN, TITLE_H
        para = shape.text_frame.paragraphs[0]
        para.font.size = Pt(28)
        para.font.bold = True
        para.font.color.rgb = _INK
        para.alignment = PP_ALIGN.LEFT
        return MARGIN, look.width - 2 * MARGIN, Inches(0.2) + TITLE_H
    # The template's title: the chart and text line up under it, unless it sits aside (a narrow or low title).
    left, width, bottom = int(shape.left or 0), int(shape.width or 0), int((shape.top or 0) + (shape.height or 0))
    if width < look.width // 2:
        left, width = MARGIN, look.width - 2 * MARGIN
    return left, width, min(bottom, look.height * 2 // 5)


def alt_text(shape: Any, text: str) -> None:
    """Set a picture's, chart's or table's alternative text (what a screen reader says for it).

    python-pptx has no public API for it: the `descr` attribute of the shape's <p:cNvPr> (inside
    <p:nvPicPr> or <p:nvGraphicFramePr>, the shape's first child). Without it a picture says its file name.
    """
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def describe(view: View, message: str, kind: str) -> str:
    """A slide's alternative text: what the chart is, its text alternative (as the app shows it), the key message."""
    return " ".join(x for x in (f"{kind}: {view.alt_text}", f"Key message: {message}" if message else "") if x)


def _footer(slide: Any, view: View, link: str, look: Look, left: int, width: int) -> None:
    lines = [f"Source: {view.source}", view.licence, link]
    top = look.height - FOOT_H - Inches(0.08)
    _text(slide, left, top, width, FOOT_H, [x for x in lines if x], 9, colour=look.muted)


def _notes(view: View, message: str, link: str) -> str:
    cites = [citations.as_text(c) for c in citations.cited_in(view.source)]
    return "\n".join(x for x in [
        f"Key message: {message}" if message else "",
        f"Shown: {view.subtitle}",
        f"Source: {view.source}",
        f"Licence: {view.licence}",
        *(f"Citation: {c}" for c in cites),
        f"Link to this view: {link or 'none (this view lives in one session only)'}",
    ] if x)


def _chart_box(look: Look, left: int, width: int, below_title: int, message: str) -> tuple[int, int, int, int]:
    top = below_title + (MESSAGE_H if message else 0)
    return left, top, width, look.height - FOOT_H - Inches(0.15) - top


def _picture(slide: Any, png: bytes, box: tuple[int, int, int, int]) -> Any:
    left, top, width, height = box
    # The picture keeps its drawn proportions: fit it to the box and centre it.
    pic_h = min(height, int(width * PICTURE_HEIGHT / PICTURE_WIDTH))
    pic_w = int(pic_h * PICTURE_WIDTH / PICTURE_HEIGHT)
    return slide.shapes.add_picture(io.BytesIO(png), Emu(left + (width - pic_w) // 2), Emu(top),
                                    width=Emu(pic_w), height=Emu(pic_h))


def _view_slide(prs: Any, layout: Any, look: Look, view: View, message: str, picture: bytes | None,
                base_url: str, *, native: bool = True) -> None:
    slide = prs.slides.add_slide(layout)  # title only: the one title, for the outline view
    left, width, below = _title(slide, view.title, look)
    if message:
        _text(slide, left, below, width, MESSAGE_H, [message], 16, fit=True, colour=look.ink)
    box = _chart_box(look, left, width, below, message)
    spec = pptx_charts.spec_of(view) if native else None
    if spec is not None:
        shape, kind = pptx_charts.add_chart(slide, spec, *box, font=look.font, themed=not look.styled), "Chart"
    elif native and view.id in pptx_charts.TABLES and not view.data.empty:
        shape, kind = pptx_charts.add_table(slide, view, *box, font=look.font), "Table"
    else:
        assert picture is not None
        shape, kind = _picture(slide, picture, box), "Picture"
    alt_text(shape, describe(view, message, kind))
    link = absolute(view.link, base_url) if base_url else view.link
    _footer(slide, view, link, look, left, width)
    slide.notes_slide.notes_text_frame.text = _notes(view, message, link)


def _start(template: Template | None) -> tuple[Any, dict[Role, Any], Look]:
    """The presentation to fill, its title-slide and title-only layouts, and how to write on it."""
    if template is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
        return prs, {"title": prs.slide_layouts[0], "title_only": prs.slide_layouts[5]}, Look()
    prs, layouts = open_deck(template)
    look = Look(int(prs.slide_width), int(prs.slide_height), styled=False,
                font=template.minor_font or pptx_charts.FONT)
    return prs, layouts, look


def _title_slide(prs: Any, layout: Any, look: Look, title: str, subtitle: str, count: int, when: str) -> None:
    first = prs.slides.add_slide(layout)
    first.shapes.title.text = title
    first.shapes.title.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    sub = next(p for p in first.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
    if look.styled:
        first.shapes.title.left, first.shapes.title.top = MARGIN, Inches(2.2)
        first.shapes.title.width, first.shapes.title.height = look.width - 2 * MARGIN, Inches(1.6)
        sub.left, sub.top, sub.width, sub.height = MARGIN, Inches(4.0), look.width - 2 * MARGIN, Inches(1.6)
    sub.text = "\n".join(x for x in (subtitle, f"{count} chart(s) · {when} · made with {APP_NAME}") if x)


def build_deck(
    views: Sequence[View],
    title: str,
    *,
    subtitle: str = "",
    base_url: str = "",
    images: Images | None = None,
    messages: Sequence[str] = (),
    native: bool = True,
    today: dt.date | None = None,
    template: Template | None = None,
) -> bytes:
    """PPTX bytes: title slide, one slide per view, sources.

    Each view's slide: its title, its key message (`messages`, parallel to `views`), the chart — native and
    editable where PowerPoint has the type (pptx_charts), else its picture from `images` (the briefing's one
    image batch, drawn here when not given; every view a picture when not `native`) — and a footer with source,
    licence and link; citations and the link in the notes. On a `template`, the deck takes its slide size, master,
    layouts and theme fonts (template.open_deck), its own slides dropped.
    """
    said = list(messages) + [""] * (len(views) - len(messages))
    batch = images or Images(views, base_url=base_url)
    pictures = batch.pictures([i for i, v in enumerate(views) if not (native and pptx_charts.is_native(v))])
    prs, layouts, look = _start(template)
    prs.core_properties.title = title
    prs.core_properties.author = APP_NAME
    prs.core_properties.subject = subtitle or "Briefing"
    prs.core_properties.language = "en-GB"

    when = (today or dt.date.today()).strftime("%d %B %Y")
    _title_slide(prs, layouts["title"], look, title, subtitle, len(views), when)
    for i, (view, message) in enumerate(zip(views, said, strict=False)):
        _view_slide(prs, layouts["title_only"], look, view, message, pictures.get(i), base_url, native=native)

    last = prs.slides.add_slide(layouts["title_only"])
    left, width, below = _title(last, "Sources and licences", look)
    lines = [citations.as_text(c) for c in citations.ALL]
    _text(last, left, below + Inches(0.1), width, look.height - below - Inches(0.5), lines, 13, colour=look.ink,
          fit=True)
    last.notes_slide.notes_text_frame.text = "Full citations; the README in the zip bundle carries the same list."

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
