"""The Briefing page in AppTest: views chosen and reordered, download buttons produce valid files."""

from __future__ import annotations

import concurrent.futures
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from pivotdash.export import browser
from tests import template_fixtures as tf
from tests.export_fixtures import write_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")
needs_browser = pytest.mark.skipif(not browser.available(), reason="no Chrome/Chromium on this machine")


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Callable[[], bytes]]:
    """Fixture data for the app, and the callables behind deferred download buttons by file id."""
    monkeypatch.setenv("PIVOTDASH_DATA_DIR", str(write_data(tmp_path / "data")))
    seen: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        seen[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return seen


def _page(query: dict[str, list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/briefing.py")
    if query:
        at.query_params.update(query)
    at.run()
    assert not at.exception, at.exception
    return at


def _bytes(at: AppTest, key: str, seen: dict[str, Callable[[], bytes]]) -> bytes:
    button = at.get("download_button")
    proto = next(b.proto for b in button if b.proto.id.endswith(key) or getattr(b, "key", None) == key)
    data = seen[proto.deferred_file_id]()
    return data if isinstance(data, bytes) else data.encode()


def _keys(at: AppTest) -> list[str]:
    return [b.key for b in at.get("download_button")]


TIMELINE = {"item": ["/timeline"]}


def test_an_empty_briefing_says_so_and_offers_no_export(deferred) -> None:
    at = _page()
    assert _keys(at) == ["dl-briefing-file"]
    assert any("The briefing is empty" in i.value for i in at.info)


def test_page_offers_briefing_and_per_chart_downloads(deferred) -> None:
    at = _page(TIMELINE)
    keys = _keys(at)
    for key in ("dl-timeline-html", "dl-timeline-csv"):
        assert key in keys
    if browser.available():
        # Drawn files are prepared on a click (so a failure can show); nothing is drawn before that.
        prepare = {b.key for b in at.button}
        assert {"prepare-dl-briefing-pptx", "prepare-dl-briefing-report", "prepare-dl-briefing-zip",
                "prepare-timeline"} <= prepare
        assert not {"dl-briefing-pptx", "dl-timeline-png"} & set(keys)
    csv_bytes = _bytes(at, "dl-timeline-csv", deferred)
    assert csv_bytes.startswith(b"id,date,title") and b"'=HYPERLINK" in csv_bytes
    assert _bytes(at, "dl-timeline-html", deferred).startswith(b"<!DOCTYPE html>")
    # The chart on the page uses the export config: the camera button saves a named slide PNG.
    chart = next(e for e in at.get("plotly_chart"))
    assert '"width": 1280' in chart.proto.config or '"width":1280' in chart.proto.config


@needs_browser
def test_deck_pdf_zip_and_png_buttons_produce_valid_files(deferred, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs: list[str] = []
    original = browser.render_batch

    def counting(batch, topojson=None):  # type: ignore[no-untyped-def]
        jobs.extend(opts["format"] for _, opts in batch)
        return original(batch, topojson)

    monkeypatch.setattr(browser, "render_batch", counting)
    at = _page(TIMELINE)
    for key in ("prepare-dl-briefing-pptx", "prepare-dl-briefing-report", "prepare-dl-briefing-zip"):
        at.button(key=key).click().run()
        assert not at.exception and not at.error, at.error
    # The deck, the PDF and the zip share one image batch: the one chart is drawn once as the slides' picture
    # (without its own title and source), once as the zip's PNG and once as its SVG.
    assert sorted(jobs) == ["png", "png", "svg"]
    deck = Presentation(io.BytesIO(_bytes(at, "dl-briefing-pptx", deferred)))
    assert len(deck.slides) == 3 and deck.slides[1].shapes.title.text.startswith("Russia's turns East")
    assert _bytes(at, "dl-briefing-report", deferred).startswith(b"%PDF")
    bundle = zipfile.ZipFile(io.BytesIO(_bytes(at, "dl-briefing-zip", deferred)))
    assert set(bundle.namelist()) == {"README.md", "01-timeline.png", "01-timeline.svg", "01-timeline.csv"}
    at.button(key="prepare-timeline").click().run()
    assert _bytes(at, "dl-timeline-png", deferred).startswith(b"\x89PNG")
    assert _bytes(at, "dl-timeline-svg", deferred).lstrip().startswith(b"<svg")
    assert _bytes(at, "dl-timeline-pdf", deferred).startswith(b"%PDF")
    # Prepared files stay ready across reruns while the briefing is unchanged.
    at.run()
    assert "dl-briefing-pptx" in _keys(at) and "dl-timeline-png" in _keys(at)


class _DyingRenderer:
    """A shared browser that dies in every batch, as a killed Chromium does (CancelledError)."""

    starts = 0

    def __init__(self, _path: object) -> None:
        type(self).starts += 1
        self.pid = None

    def render(self, jobs: object, topojson: object) -> list[bytes]:
        raise concurrent.futures.CancelledError()

    def alive(self) -> bool:
        return False

    def close(self) -> None:
        pass


def test_a_failing_export_shows_what_failed_and_what_to_do(deferred, monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    browser.shutdown()
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv(browser.BROWSER_ENV, str(fake))
    monkeypatch.setattr(browser, "_Renderer", _DyingRenderer)
    _DyingRenderer.starts = 0
    at = _page({"title": ["Amur <b>review</b>"], **TIMELINE})
    at.button(key="prepare-dl-briefing-pptx").click().run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "PowerPoint deck" in message and "could not be made" in message
    assert "stopped responding twice" in message and "Try again" in message
    assert "<b>" not in message.replace("\\<b\\>", "")  # the title is text in the message
    assert _DyingRenderer.starts == 2  # retried once on a fresh browser
    assert "dl-briefing-pptx" not in _keys(at)
    at.button(key="prepare-timeline").click().run()
    assert any("PNG, SVG, PDF of" in e.value and "could not be made" in e.value for e in at.error)
    # The zip still comes, with the CSVs and a README that says why the images are missing.
    at.button(key="prepare-dl-briefing-zip").click().run()
    bundle = zipfile.ZipFile(io.BytesIO(_bytes(at, "dl-briefing-zip", deferred)))
    assert set(bundle.namelist()) == {"README.md", "01-timeline.csv"}
    assert "stopped responding twice" in bundle.read("README.md").decode()


@needs_browser
def test_no_usable_temp_space_shows_the_fix_and_the_zip_keeps_its_data(
        deferred, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    browser.shutdown()  # a running browser needs no new temporary folder
    not_a_folder = tmp_path / "tmp-is-a-file"
    not_a_folder.write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    at = _page(TIMELINE)
    at.button(key="prepare-dl-briefing-report").click().run()
    assert any("no usable temporary folder" in e.value and "TMPDIR" in e.value for e in at.error), at.error
    at.button(key="prepare-dl-briefing-zip").click().run()
    bundle = zipfile.ZipFile(io.BytesIO(_bytes(at, "dl-briefing-zip", deferred)))
    assert set(bundle.namelist()) == {"README.md", "01-timeline.csv"}
    assert "TMPDIR" in bundle.read("README.md").decode()


def test_views_are_added_reordered_copied_retitled_and_removed(deferred) -> None:
    at = _page()
    at.selectbox(key="briefing_add").set_value("map").run()
    at.button(key="briefing_add_button").click().run()
    at.selectbox(key="briefing_add").set_value("timeline").run()
    at.button(key="briefing_add_button").click().run()
    assert [k for k in _keys(at) if k.endswith("-csv")] == ["dl-map-csv", "dl-timeline-csv"]
    assert at.query_params["item"] == ["/map", "/timeline"]  # the whole briefing is a link
    # Each view's buttons say what they do (the glyphs ↑ ↓ ⧉ ✕ they replace were their only names).
    buttons = [at.button(key=f"{k}-0") for k in ("up", "down", "copy", "remove")]
    assert [(b.label, b.proto.icon) for b in buttons] == [
        ("Move up", ":material/arrow_upward:"), ("Move down", ":material/arrow_downward:"),
        ("Duplicate", ":material/content_copy:"), ("Remove", ":material/delete:")]
    at.button(key="down-0").click().run()
    assert [k for k in _keys(at) if k.endswith("-csv")] == ["dl-timeline-csv", "dl-map-csv"]
    assert at.button(key="up-0").disabled
    at.button(key="copy-1").click().run()
    assert [k for k in _keys(at) if k.endswith("-csv")] == ["dl-timeline-csv", "dl-map-csv", "dl-map-2-csv"]
    at.text_input(key="brief-title-0").set_value("<b>Mine</b> =1+1").run()
    at.text_area(key="brief-msg-0").set_value("It lasted [x](javascript:1).").run()
    chart = next(e for e in at.get("plotly_chart"))
    assert json.loads(chart.proto.spec)["layout"]["title"]["text"] == "<b>&lt;b&gt;Mine&lt;/b&gt; =1+1</b>"
    assert at.query_params["item_title"] == ["<b>Mine</b> =1+1", "", ""]
    assert any("It lasted" in m.value and "\\[x\\]" in m.value for m in at.markdown) or any(
        "It lasted" in m.value and "[x](javascript" not in m.value for m in at.markdown)
    at.button(key="remove-2").click().run()
    at.button(key="remove-1").click().run()
    assert [k for k in _keys(at) if k.endswith("-csv")] == ["dl-timeline-csv"]


def test_the_briefing_file_saves_the_title_and_the_views_as_links(deferred) -> None:
    at = _page({"item": ["/map?era=Soviet+Union", "/timeline"], "title": ["Two views"]})
    saved = json.loads(_bytes(at, "dl-briefing-file", deferred))
    assert saved["title"] == "Two views" and [v["link"] for v in saved["views"]] == [
        "/map?era=Soviet+Union", "/timeline"]


def test_the_sidebar_counts_the_views_a_briefing_link_opens(deferred) -> None:
    at = _page({"item": ["/map", "/timeline"]})
    assert [p.proto.label for p in at.sidebar.get("page_link")] == ["Briefing: 2 views"]


def test_an_old_briefing_link_still_opens_its_views(deferred) -> None:
    at = _page({"views": ["Map", "Timeline"], "era": ["Soviet Union"]})
    assert [k for k in _keys(at) if k.endswith("-csv")] == ["dl-map-csv", "dl-timeline-csv"]
    assert at.query_params["item"] == ["/map?era=Soviet+Union", "/timeline?era=Soviet+Union"]


def test_without_a_browser_html_and_csv_still_work(deferred, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    browser.shutdown()
    monkeypatch.setenv(browser.BROWSER_ENV, str(tmp_path / "no-chromium"))
    at = _page(TIMELINE)
    keys = _keys(at)
    assert "dl-timeline-png" not in keys and "dl-briefing-pptx" not in keys
    assert {"dl-timeline-html", "dl-timeline-csv", "dl-briefing-zip"} <= set(keys)
    assert any("apt-get install chromium" in i.value for i in at.info)
    bundle = zipfile.ZipFile(io.BytesIO(_bytes(at, "dl-briefing-zip", deferred)))
    assert set(bundle.namelist()) == {"README.md", "01-timeline.csv"}


@needs_browser
def test_an_uploaded_template_shapes_the_deck_and_a_bad_one_is_named(deferred) -> None:
    at = _page({"item": ["/episodes?episodes_tab=Compare+turns"]})
    upload = at.file_uploader(key="briefing_template")
    upload.upload("brand.potx", tf.as_potx(tf.build(tf.STANDARD, drop=("Title Only",)))).run()
    assert not at.exception and not at.error, at.error
    shown = [m.value.replace("\\", "") for m in (*at.success, *at.warning)]  # as read, markdown escapes gone
    assert any("brand.potx" in m and "10.00 × 7.50 in" in m for m in shown)
    assert any("has no title-only layout" in m and "chart slides (slide 2)" in m for m in shown)
    at.button(key="prepare-dl-briefing-pptx").click().run()
    deck = Presentation(io.BytesIO(_bytes(at, "dl-briefing-pptx", deferred)))
    assert deck.slide_width == 9144000 and deck.slides[1].slide_layout.name == "pivotdash default: Title Only"
    # Another file, not a presentation: named with its problem, and the deck goes back to pivotdash's layout.
    at.file_uploader(key="briefing_template").upload("notes.pptx", b"plain text, not a zip").run()
    assert any("notes.pptx: is not a PowerPoint file" in e.value.replace("\\", "") for e in at.error)
    at.button(key="prepare-dl-briefing-pptx").click().run()
    deck = Presentation(io.BytesIO(_bytes(at, "dl-briefing-pptx", deferred)))
    assert deck.slide_width == 12_192_000
