"""The zip bundle: PNG, SVG and CSV per chart in briefing order, and a README with citations."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile

from pivotdash.export import formats
from pivotdash.export.bundle import Member, readme
from pivotdash.text import WORD_JOINER
from tests.export_fixtures import NoImages, bar_view, fake_images


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def build_bundle(views, title, *, images, base_url=""):  # type: ignore[no-untyped-def]
    """The zip as the formats table makes it (its members are the per-view formats marked for the zip)."""
    req = formats.Request(tuple(views), title, base_url=base_url)
    req.images = images
    return formats.BY_KEY["zip"].build(req)


MEMBERS = formats.zip_members(formats.Request(()))


def test_bundle_holds_every_chart_as_png_svg_csv_and_a_readme() -> None:
    views = [bar_view("timeline", "Timeline"), bar_view("trade-shares", "Shares", n_bars=4)]
    zf = _zip(build_bundle(views, "Briefing", base_url="http://host:8501", images=fake_images(views)))
    assert zf.testzip() is None
    assert sorted(zf.namelist()) == sorted([
        "README.md", "01-timeline.png", "01-timeline.svg", "01-timeline.csv",
        "02-trade-shares.png", "02-trade-shares.svg", "02-trade-shares.csv",
    ])
    assert zf.read("01-timeline.png").startswith(b"\x89PNG")
    assert b"trade-shares" in zf.read("02-trade-shares.svg")
    assert zf.read("02-trade-shares.csv").decode().count("\r\n") == 5  # header + 4 bars
    readme = zf.read("README.md").decode()
    for needle in ("# Briefing", "### 1. Timeline", "<http://host:8501/trade?view=timeline>",
                   "Chris Miller, “Will Russia's Pivot to Asia Last?”, Foreign Policy Research Institute",
                   "December 2019", "International Monetary Fund, Direction of Trade Statistics (DOTS)",
                   "Open Database License (ODbL 1.0)", "Dedinger", "doi:10.5281/zenodo.1119592",
                   "Natural Earth", "Public domain"):
        assert needle in readme


def test_bundle_csv_is_neutralised() -> None:
    view = bar_view("v", "V")
    view.data.loc[0, "partner"] = "=HYPERLINK(\"http://x\")"
    zf = _zip(build_bundle([view], "B", images=fake_images([view])))
    assert "'=HYPERLINK" in zf.read("01-v.csv").decode()


def test_bundle_without_a_browser_keeps_data_and_says_why_images_are_missing() -> None:
    views = [bar_view("v", "V")]
    zf = _zip(build_bundle(views, "B", images=NoImages(views)))
    assert sorted(zf.namelist()) == ["01-v.csv", "README.md"]
    assert "apt-get install chromium" in zf.read("README.md").decode()


HOSTILE = "![x](http://evil/a.png) <script>alert(1)</script> *bold* [link](javascript:alert(1))"


def _unescape(line: str) -> str:
    return re.sub(r"\\(.)", r"\1", line).replace(WORD_JOINER, "")


def test_readme_writes_titles_and_names_as_text_never_markup() -> None:
    view = bar_view("timeline", f"Episode {HOSTILE}", subtitle=f"Episode: {HOSTILE}")
    chrome = dataclasses.replace(view.chrome, source=f"Source {HOSTILE}", link="/timeline?q=a>b <img src=x>")
    view = dataclasses.replace(view, chrome=chrome)
    text = readme([view], HOSTILE, MEMBERS, base_url="http://host:8501", today=dt.date(2026, 1, 1))
    for markup in ("![x](", "<script", "</script", "[link](", "*bold*", "<img", "](javascript"):
        assert not re.search(r"(?<!\\)" + re.escape(markup), text), markup  # only ever backslash-escaped
    lines = text.splitlines()
    assert _unescape(lines[0]) == f"# {HOSTILE}"  # the title reads the same, as text
    assert f"### 1. Episode {HOSTILE}" in [_unescape(ln) for ln in lines]
    assert f"- Shown: Episode: {HOSTILE}" in [_unescape(ln) for ln in lines]
    assert not any(ln.startswith("- Open this view: <") for ln in lines)  # a link with ">" is no autolink


def test_readme_keeps_plain_links_clickable() -> None:
    text = readme([bar_view("v", "V")], "Plain", MEMBERS, base_url="http://host:8501")
    assert "- Open this view: <http://host:8501/trade?view=v>" in text


def test_readme_says_why_images_are_missing_as_literal_text() -> None:
    reason = "Chromium ```died``` <b>here</b>"
    text = readme([bar_view("v", "V")], "B", MEMBERS, missing=reason)
    assert "````text\n" + reason + "\n````" in text  # a fence longer than the reason's own backticks


def test_zip_members_come_from_the_formats_table() -> None:
    assert [(m.suffix, m.drawn) for m in MEMBERS] == [("png", "png"), ("svg", "svg"), ("csv", None)]
    view = bar_view("v", "V")
    extra = [*MEMBERS, Member("json", "the data as JSON", make=lambda v: v.data.to_json().encode())]
    text = readme([view], "B", extra)
    assert "`01-v.json` (the data as JSON)" in text
