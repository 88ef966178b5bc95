"""The deck on the analyst's own template: its size, master, layouts and fonts; missing layouts; bad files."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pivotdash import briefing, paths
from pivotdash.export import template as tp
from pivotdash.export.deck import build_deck
from pivotdash.filters import Filters
from pivotdash.state import Item
from pivotdash.views.loaded import Loaded
from tests import template_fixtures as tf
from tests.export_fixtures import fake_images

ORDER = ("trade", "history", "claim_check", "compare", "episodes", "timeline", "map")


@pytest.fixture(scope="module")
def built() -> briefing.Built:
    items = [Item(briefing.standard_link(c, Filters()), message=f"Why {c} matters.") for c in ORDER]
    return briefing.build(items, Loaded())


def _deck(built: briefing.Built, tpl: tp.Template | None) -> Presentation:
    views = built.views
    data = build_deck(views, "On a template", base_url="http://host:8501", images=fake_images(views),
                      messages=[i.message for i in built.items], template=tpl)
    return Presentation(io.BytesIO(data))


def _alt(shape) -> str:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or ""


def _texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _has_stripe(slide) -> bool:
    """The template's brand stripe (a shape on its master) is behind this slide."""
    master = slide.slide_layout.slide_master
    return any(s._element.xpath("./p:nvSpPr/p:cNvPr[@id='901']") for s in master.shapes)


CASES = {
    "wide.pptx": lambda: tf.build(tf.WIDE),
    "standard-4x3.pptx": lambda: tf.build(tf.STANDARD, body_font="Verdana", heading_font="Trebuchet MS"),
    "corporate.potx": lambda: tf.as_potx(tf.build(tf.STANDARD)),
    "renamed.pptx": lambda: tf.build(rename={"Title Slide": "Opening", "Title Only": "Headline"}),
}


@pytest.mark.parametrize("name", CASES)
def test_deck_takes_the_templates_size_master_layouts_and_fonts(built: briefing.Built, name: str) -> None:
    blob = CASES[name]()
    tpl = tp.read(blob, name)
    assert tpl.missing == ()
    source = Presentation(io.BytesIO(tpl.blob))
    prs = _deck(built, tpl)
    assert (prs.slide_width, prs.slide_height) == (source.slide_width, source.slide_height)
    slides = list(prs.slides)
    assert len(slides) == len(built.views) + 2  # the template's own sample slides are gone
    assert all("Sample slide" not in _texts(s) for s in slides)
    layouts = [s.slide_layout.name for s in slides]
    opening, headline = ("Opening", "Headline") if name == "renamed.pptx" else ("Title Slide", "Title Only")
    assert layouts == [opening] + [headline] * (len(built.views) + 1)
    assert all(_has_stripe(s) for s in slides)
    font = "Verdana" if name.startswith("standard") else "Georgia"
    charts = [sh for s in slides for sh in s.shapes if sh.has_chart]
    assert len(charts) == 4
    for chart in charts:
        assert f'typeface="{font}"' in chart.chart.element.xml  # the theme's body font, not pivotdash's Arial
        assert 'typeface="Arial"' not in chart.chart.element.xml
        x, w = chart.left, chart.width
        assert x >= 0 and x + w <= prs.slide_width and chart.top + chart.height <= prs.slide_height
    for slide, view, item in zip(slides[1:-1], built.views, built.items, strict=True):
        assert slide.shapes.title.text_frame.text == view.title
        run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
        assert run.font.size is None and run.font.bold is None  # the template's title style, not pivotdash's
        texts = _texts(slide)
        assert item.message in texts and f"Source: {view.source}" in texts and view.licence in texts
        shown = [s for s in slide.shapes if s.has_chart or s.has_table or s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(shown) == 1 and view.title in _alt(shown[0]) and item.message in _alt(shown[0])
        assert "http://host:8501" + view.link in slide.notes_slide.notes_text_frame.text
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width + 1 and shape.top + shape.height <= prs.slide_height + 1
    assert slides[-1].shapes.title.text == "Sources and licences"


def test_a_missing_layout_is_named_and_pivotdash_default_used_under_the_template(built: briefing.Built) -> None:
    tpl = tp.read(tf.build(tf.STANDARD, drop=("Title Only",)), "no-title-only.pptx")
    assert tpl.missing == ("title_only",)
    views = len(built.views)
    (note,) = tpl.notes(views)
    assert "no-title-only.pptx" in note and "title-only layout" in note
    assert f"slides 2–{views + 1}" in note and f"sources slide (slide {views + 2})" in note
    assert "pivotdash's default layout" in note
    prs = _deck(built, tpl)
    slides = list(prs.slides)
    assert slides[0].slide_layout.name == "Title Slide"
    assert {s.slide_layout.name for s in slides[1:]} == {f"{tp.DEFAULT_NAME}: Title Only"}
    assert all(_has_stripe(s) for s in slides)  # pivotdash's layout sits under the template's master
    assert (prs.slide_width, prs.slide_height) == tf.STANDARD
    assert [s.shapes.title.text for s in slides[1:-1]] == [v.title for v in built.views]
    # The layout is really in the package: saved and reopened, the master lists it.
    again = Presentation(io.BytesIO(_save(prs)))
    assert f"{tp.DEFAULT_NAME}: Title Only" in [lo.name for lo in again.slide_layouts]


def test_a_missing_title_slide_is_named_for_slide_one() -> None:
    tpl = tp.read(tf.build(drop=("Title Slide",)), "plain.pptx")
    assert tpl.missing == ("title",)
    assert tpl.notes(3) == ["The template “plain.pptx” has no title slide layout (a title and a subtitle "
                            "placeholder), needed for the title slide (slide 1): pivotdash's default layout is used "
                            "for those slides, under the template's master."]


def _save(prs: Presentation) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _potx_type(blob: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        types = z.read("[Content_Types].xml").decode()
    return re.search(r'PartName="/ppt/presentation.xml" ContentType="([^"]+)"', types).group(1)


def test_a_potx_opens_once_its_main_part_is_retyped() -> None:
    potx = tf.as_potx(tf.build())
    assert _potx_type(potx).endswith("template.main+xml")
    with pytest.raises(Exception):  # noqa: B017 - python-pptx itself refuses a template package
        Presentation(io.BytesIO(potx))
    tpl = tp.read(potx, "brand.potx")
    assert _potx_type(tpl.blob).endswith("presentation.main+xml")


def _data_files() -> list[tuple[str, int, int]]:
    root = paths.data_dir()
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in Path(root).rglob("*") if p.is_file())


GOOD = tf.build()
BAD: dict[str, tuple[str, bytes, str]] = {
    "not a zip": ("brand.pptx", b"%PDF-1.7 not a presentation", "not a zip package"),
    "password or .ppt": ("locked.pptx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
                         "is password-protected or an old .ppt"),
    "wrong suffix": ("brand.key", GOOD, "is not a .pptx or .potx file"),
    "too big": ("huge.pptx", b"PK" + b"\0" * tp.MAX_BYTES, "a template can be up to 5 MB"),
    "no content types": ("empty.pptx", tf.zip_of({"hello.txt": b"hi"}), "not an Office file"),
    "a Word document": ("memo.pptx", tf.zip_of({"[Content_Types].xml": (
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override '
        b'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.document.main+xml"/></Types>')}), "is a Word document"),
    "macros": ("macro.pptx", tf.zip_of({"[Content_Types].xml": (
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override '
        b'PartName="/ppt/presentation.xml" ContentType="application/vnd.ms-powerpoint.presentation.'
        b'macroEnabled.main+xml"/></Types>')}), "macro-enabled"),
    "parent step": ("evil.pptx", tf.zip_of({"[Content_Types].xml": b"<x/>", "../../data/events.csv": b"x"}),
                    "“../../data/events.csv” has a “..” step"),
    "absolute path": ("evil.pptx", tf.zip_of({"/etc/cron.d/x": b"x"}), "“/etc/cron.d/x” has an absolute path"),
    "backslash": ("evil.pptx", tf.zip_of({"ppt\\..\\x.xml": b"x"}), "has a backslash"),
    "control character": ("evil.pptx", tf.zip_of({"ppt/a\x01.xml": b"x"}), "a control character"),
    "duplicate": ("dup.pptx", tf.zip_of({"ppt/a.xml": b"x", "PPT/A.xml": b"y"}), "appears twice"),
    "zip bomb": ("bomb.pptx", tf.zip_of({"[Content_Types].xml": b"<x/>", "ppt/media/a.bin": b"\0" * (60 << 20)}),
                 "zip bomb"),
    "broken presentation": ("broken.pptx", tf.zip_of({"[Content_Types].xml": (
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override '
        b'PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'presentationml.presentation.main+xml"/></Types>'), "ppt/presentation.xml": b"<not closed"}),
        "could not be read as a presentation"),
}


@pytest.mark.parametrize("case", BAD)
def test_malformed_and_hostile_files_get_a_message_naming_the_file_and_problem(case: str) -> None:
    name, blob, problem = BAD[case]
    before = _data_files()
    with pytest.raises(tp.TemplateError) as exc:
        tp.read(blob, f"/home/analyst/Downloads/{name}")
    message = str(exc.value)
    assert message.startswith(f"{name}: ") and problem in message, message
    assert "/home/analyst" not in message  # the file's name, not the reader's folders
    assert _data_files() == before


def test_a_hostile_file_name_stays_one_short_line() -> None:
    with pytest.raises(tp.TemplateError) as exc:
        tp.read(b"junk", "a\nb<script>" + "x" * 300 + ".pptx")
    message = str(exc.value)
    assert "\n" not in message and len(message) < 200


OFFICE = shutil.which("soffice")
RASTER = shutil.which("pdftoppm")


@pytest.mark.skipif(OFFICE is None or RASTER is None,
                    reason="needs LibreOffice (`apt-get install libreoffice-impress`) and pdftoppm (poppler-utils)")
def test_a_4x3_template_deck_opens_in_libreoffice_with_no_blank_page(built: briefing.Built, tmp_path: Path) -> None:
    tpl = tp.read(tf.as_potx(tf.build(tf.STANDARD, drop=("Title Only",))), "brand.potx")
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(_save(_deck(built, tpl)))
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run([str(OFFICE), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)], check=True, timeout=180,
                   capture_output=True, env=env)
    subprocess.run([str(RASTER), "-r", "40", "-png", str(tmp_path / "deck.pdf"), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(built.views) + 2
    for page in pages:
        img = Image.open(page).convert("RGB")
        assert abs(img.width / img.height - 4 / 3) < 0.02  # the template's 4:3 page
        counts = img.getcolors(maxcolors=1 << 24) or []
        white = sum(n for n, p in counts if min(p) > 245) / (img.width * img.height)
        assert white < 0.99 and len(counts) >= 8, f"{page.name} is (nearly) blank"
        # The brand stripe (the template's master) runs along every page's top.
        top = img.crop((0, 0, img.width, 3)).getcolors(maxcolors=1 << 16) or []
        assert any(abs(p[0] - 0x1F) < 30 and abs(p[2] - 0x5F) < 30 for _, p in top), f"{page.name}: no stripe"
