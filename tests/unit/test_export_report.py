"""The PDF briefing: page count, embedded Unicode font, outline, and a clear error without fonts."""

from __future__ import annotations

import re

import pytest

from pivotdash.errors import ExportUnavailable
from pivotdash.export import report
from pivotdash.export.report import build_report, font_files
from tests.export_fixtures import bar_view, fake_images, six_views

has_fonts = pytest.mark.skipif(
    not all(p.is_file() for p in (report.FONT_DIRS[0] / report.REGULAR, report.FONT_DIRS[0] / report.BOLD)),
    reason="fonts-dejavu-core is not installed",
)


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@has_fonts
def test_report_has_a_title_page_a_page_per_view_and_a_sources_page() -> None:
    views = six_views()
    pdf = build_report(views, "Russia's turns East — брифинг", subtitle="Soviet Union", images=fake_images(views),
                       base_url="http://host:8501")
    assert pdf.startswith(b"%PDF")
    assert _pages(pdf) == len(views) + 2
    assert b"DejaVu" in pdf  # the TTF that carries Cyrillic and typographic quotes is embedded
    assert b"/Outlines" in pdf  # one bookmark per chart
    assert b"http://host:8501/trade?view=view-0" in pdf  # the link is clickable


@has_fonts
def test_long_titles_and_subtitles_do_not_break_the_layout() -> None:
    view = bar_view("x", "A very long chart title " * 8, subtitle="driver: everything · " * 20)
    assert _pages(build_report([view], "T" * 300, images=fake_images([view]))) == 3


def test_missing_fonts_raise_export_unavailable_naming_the_package(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(report.FONT_ENV, str(tmp_path))
    with pytest.raises(ExportUnavailable, match="fonts-dejavu-core"):
        font_files()
    with pytest.raises(ExportUnavailable):
        build_report([bar_view("x", "X")], "T", images=fake_images([bar_view("x", "X")]))
