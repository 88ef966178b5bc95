"""The formats table and file names: each format once, one image batch per briefing, names cut at words."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation

from pivotdash.export import browser, formats, names, report
from pivotdash.export.formats import BY_KEY, FORMATS, Request
from tests.export_fixtures import bar_view, six_views, tiny_png, tiny_svg

has_fonts = pytest.mark.skipif(
    not (report.FONT_DIRS[0] / report.REGULAR).is_file(), reason="fonts-dejavu-core is not installed")


def test_each_format_is_declared_once_with_a_suffix_mime_and_scope() -> None:
    assert len({f.key for f in FORMATS}) == len(FORMATS)
    assert [f.key for f in formats.PER_VIEW] == ["png", "svg", "pdf", "html", "csv"]
    assert [f.key for f in formats.WHOLE] == ["pptx", "report", "zip"]
    assert BY_KEY["pptx"].mime.endswith("presentationml.presentation") and BY_KEY["zip"].suffix == "zip"
    assert all(f.label and f.mime.count("/") == 1 for f in FORMATS)


def test_per_view_formats_make_one_file_per_view_and_whole_ones_one_file() -> None:
    views = six_views()[:2]
    req = Request(tuple(views), "Amur review", base_url="http://host:8501")
    csvs = formats.export(BY_KEY["csv"], req)
    assert [name for name, _ in csvs] == [f"{names.file_stem(v)}.csv" for v in views]
    assert csvs[1][1].startswith(b"partner,share_pct")
    assert formats.export(BY_KEY["html"], req)[0][1].startswith(b"<!DOCTYPE html>")
    req.images = _CountingImages(views)
    ((name, data),) = formats.export(BY_KEY["zip"], req)
    assert name == "pivotdash-amur-review.zip"
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) == 1 + 3 * len(views)


class _CountingImages(formats.Images):
    """An image batch drawn with stand-ins, counting what it is asked to draw."""

    def __init__(self, views: list) -> None:  # type: ignore[type-arg]
        super().__init__(views)
        self.drawn: list[str] = []

    def draw(self, *kinds):  # type: ignore[no-untyped-def]
        for kind in kinds:
            if kind not in self._drawn:
                self.drawn.append(kind)
                self._drawn[kind] = [(tiny_png if kind == "png" else tiny_svg)(v) for v in self.views]
        return self


@has_fonts
def test_deck_pdf_and_zip_of_one_request_draw_each_image_once() -> None:
    views = six_views()
    req = Request(tuple(views), "Six views", subtitle="All eras")
    req.images = counting = _CountingImages(views)
    deck = formats.export(BY_KEY["pptx"], req)[0][1]
    pdf = formats.export(BY_KEY["report"], req)[0][1]
    bundle = formats.export(BY_KEY["zip"], req)[0][1]
    assert counting.drawn == ["png", "svg"]  # PNGs once for all three, SVGs once for the zip
    assert len(Presentation(io.BytesIO(deck)).slides) == 8 and pdf.startswith(b"%PDF")
    assert "06-view-5.svg" in zipfile.ZipFile(io.BytesIO(bundle)).namelist()


def test_the_image_batch_is_one_browser_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_batch(jobs, topojson=None):  # type: ignore[no-untyped-def]
        calls.append([opts["format"] for _, opts in jobs])
        return [b"x"] * len(jobs)

    monkeypatch.setattr(browser, "render_batch", fake_batch)
    views = six_views()
    batch = formats.Images(views).draw("png", "svg")
    batch.png()
    batch.svg()
    assert calls == [["png"] * 6 + ["svg"] * 6]


def test_slugs_never_cut_a_word() -> None:
    text = "Soviet Union · driver: security, clash with the West · 1917–1991 · category: treaty"
    out = names.slug(text, 40)
    assert out == "soviet-union-driver-security-clash-with"
    assert len(names.slug(text)) <= names.WHAT_LIMIT and names.slug(text).split("-") == \
        ["soviet", "union", "driver", "security", "clash", "with", "the", "west", "1917", "1991"]
    assert names.slug("x" * 500, 60) == "x" * 60  # one word longer than the limit: nothing else to cut at
    assert names.slug("", 60) == "" and names.slug("¡!", 60) == ""


def test_file_names_come_from_views_and_titles() -> None:
    view = bar_view("trade-shares", "T", subtitle="Soviet Union · all drivers · 1917–1991")
    assert names.file_stem(view) == "pivotdash-trade-shares-soviet-union-all-drivers-1917-1991"
    assert names.briefing_stem("Will Russia's turn to Asia last?") == "pivotdash-will-russia-s-turn-to-asia-last"
    assert names.briefing_stem("!!!") == "pivotdash-briefing"
    assert names.member_stem(3, view) == "03-trade-shares"
    long_title = "Russia's turns East from the Amur annexation to the power of Siberia pipeline and beyond"
    stem = names.briefing_stem(long_title)
    assert long_title.casefold().replace("'", " ").split()[:len(stem.split("-")) - 1] == stem.split("-")[1:]
