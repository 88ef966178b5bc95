"""A 16:9 PowerPoint deck: a title slide, one slide per view, and a closing sources slide."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from pivotdash import theme
from pivotdash.export import citations
from pivotdash.export.images import Images
from pivotdash.figures.finish import APP_NAME, chrome_of
from pivotdash.state import absolute
from pivotdash.views import View

SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # PowerPoint's own 16:9 size (13.333 × 7.5 in)
MARGIN = Inches(0.4)
TITLE_H = Inches(0.8)
FOOT_H = Inches(0.5)
_MUTED = RGBColor.from_string(theme.MUTED_INK.lstrip("#"))
_INK = RGBColor.from_string(theme.INK.lstrip("#"))

def _text(slide: Any, left: int, top: int, width: int, height: int, lines: Sequence[str], size: int,
          *, bold: bool = False, colour: RGBColor = _INK) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        para.font.size = Pt(size)
        para.font.bold = bold
        para.font.color.rgb = colour


def _title(slide: Any, text: str) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.2), SLIDE_W - 2 * MARGIN, TITLE_H
    shape.text = text
    para = shape.text_frame.paragraphs[0]
    para.font.size = Pt(28)
    para.font.bold = True
    para.font.color.rgb = _INK
    para.alignment = PP_ALIGN.LEFT


def _licence(view: View) -> str:
    chrome = chrome_of(view.figure)
    return chrome.licence if chrome else ""


def build_deck(
    views: Sequence[View],
    title: str,
    *,
    subtitle: str = "",
    base_url: str = "",
    images: Images | None = None,
    today: dt.date | None = None,
) -> bytes:
    """PPTX bytes: title slide, one slide per view (title, chart PNG, source; link in the notes), sources.

    `images` are the views' PNGs, shared with the PDF and the zip; drawn here when not given.
    """
    pngs = (images or Images(views)).png()
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = title
    prs.core_properties.author = APP_NAME
    prs.core_properties.subject = subtitle or "Briefing"

    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = title
    first.shapes.title.left, first.shapes.title.top = MARGIN, Inches(2.2)
    first.shapes.title.width, first.shapes.title.height = SLIDE_W - 2 * MARGIN, Inches(1.6)
    when = (today or dt.date.today()).strftime("%d %B %Y")
    sub = first.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = MARGIN, Inches(4.0), SLIDE_W - 2 * MARGIN, Inches(1.6)
    sub.text = "\n".join(x for x in (subtitle, f"{len(views)} chart(s) · {when} · made with {APP_NAME}") if x)

    for view, png in zip(views, pngs, strict=True):
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only": a real title for outline view
        _title(slide, view.title)
        box_w = SLIDE_W - 2 * MARGIN
        box_h = SLIDE_H - Inches(0.2) - TITLE_H - FOOT_H - Inches(0.2)
        # Charts are 16:9: fit the picture to the box and centre it.
        pic_h = min(box_h, int(box_w * theme.SLIDE_HEIGHT / theme.SLIDE_WIDTH))
        pic_w = int(pic_h * theme.SLIDE_WIDTH / theme.SLIDE_HEIGHT)
        slide.shapes.add_picture(io.BytesIO(png), Emu((SLIDE_W - pic_w) // 2), Inches(0.2) + TITLE_H,
                                 width=Emu(pic_w), height=Emu(pic_h))
        foot = [f"Source: {view.source}", f"{view.subtitle} · {_licence(view)}".strip(" ·")]
        _text(slide, MARGIN, SLIDE_H - FOOT_H - Inches(0.1), SLIDE_W - 2 * MARGIN, FOOT_H, foot, 10, colour=_MUTED)
        link = absolute(view.link, base_url) if base_url else view.link
        slide.notes_slide.notes_text_frame.text = "\n".join(
            [f"Shown: {view.subtitle}", f"Source: {view.source}", f"Link to this view: {link or 'none'}"]
        )

    last = prs.slides.add_slide(prs.slide_layouts[5])
    _title(last, "Sources and licences")
    lines = [citations.as_text(c) for c in citations.ALL]
    _text(last, MARGIN, Inches(1.2), SLIDE_W - 2 * MARGIN, SLIDE_H - Inches(1.6), lines, 13)
    last.notes_slide.notes_text_frame.text = "Full citations; the README in the zip bundle carries the same list."

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
