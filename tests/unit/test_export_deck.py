"""The PPTX deck, read back with python-pptx: 16:9, title slide, one slide per view, sources slide."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pivotdash.export import browser
from pivotdash.export.deck import build_deck
from pivotdash.export.images import PICTURE_HEIGHT, PICTURE_WIDTH
from tests.export_fixtures import bar_view, fake_images, six_views


def _read(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def _texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_deck_has_title_slide_one_slide_per_view_and_a_sources_slide() -> None:
    views = six_views()
    prs = _read(build_deck(views, "Russia's turns East", subtitle="All eras", base_url="http://host:8501",
                           images=fake_images(views)))
    assert (prs.slide_width, prs.slide_height) == (12_192_000, 6_858_000)  # PowerPoint's 16:9
    slides = list(prs.slides)
    assert len(slides) == len(views) + 2
    assert slides[0].shapes.title.text == "Russia's turns East"
    assert "All eras" in _texts(slides[0])
    for slide, view in zip(slides[1:-1], views, strict=True):
        assert slide.shapes.title.text == view.title
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        pic = pictures[0]
        assert pic.left >= 0 and pic.left + pic.width <= prs.slide_width
        assert pic.top + pic.height <= prs.slide_height
        assert abs(pic.width / pic.height - PICTURE_WIDTH / PICTURE_HEIGHT) < 0.01  # the slide's chart box
        assert "Source: Fixture source, 2020" in _texts(slide)
        notes = slide.notes_slide.notes_text_frame.text
        assert f"http://host:8501/trade?view={view.id}" in notes
    last = slides[-1]
    assert last.shapes.title.text == "Sources and licences"
    body = _texts(last)
    for needle in ("Chris Miller", "Will Russia's Pivot to Asia Last?", "December 2019", "Direction of Trade",
                   "ODbL 1.0", "Dedinger", "Natural Earth", "Public domain"):
        assert needle in body
    assert prs.core_properties.title == "Russia's turns East"


def test_deck_of_no_views_still_opens() -> None:
    prs = _read(build_deck([], "Empty", images=fake_images([])))
    assert len(prs.slides) == 2


@pytest.mark.skipif(not browser.available(), reason="no Chrome/Chromium on this machine")
def test_deck_with_real_chart_images() -> None:
    view = bar_view("trade-shares", "Exports by partner")
    prs = _read(build_deck([view], "One chart"))
    pic = next(s for s in prs.slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert pic.image.content_type == "image/png"
    assert pic.image.size == (2 * PICTURE_WIDTH, 2 * PICTURE_HEIGHT)
