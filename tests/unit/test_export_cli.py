"""`python -m pivotdash export`: per-view files, decks and bundles from the command line."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from pivotdash import briefing, cli
from pivotdash.export import browser
from pivotdash.state import Item
from tests import template_fixtures as tf
from tests.export_fixtures import write_data

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_data(tmp_path / "data")
    monkeypatch.setenv("PIVOTDASH_DATA_DIR", str(folder))
    return folder


def test_csv_and_html_need_no_browser(data: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(browser.BROWSER_ENV, str(tmp_path / "missing"))
    out = tmp_path / "out"
    rc = cli.main(["export", "--view", "timeline", "--format", "csv,html", "--era", "Soviet Union",
                   "--driver", "security", "--from", "1900", "--to", "2000", "--out", str(out)])
    assert rc == 0
    stem = "pivotdash-timeline-soviet-union-driver-security-1900-2000"
    assert sorted(p.name for p in out.iterdir()) == [f"{stem}.csv", f"{stem}.html"]
    rows = list(csv.DictReader(io.StringIO((out / f"{stem}.csv").read_text())))
    assert [r["id"] for r in rows] == ["e3"]
    assert str(out / f"{stem}.csv") in capsys.readouterr().out


def test_png_without_a_browser_fails_with_the_fix(data: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    browser.shutdown()
    monkeypatch.setenv(browser.BROWSER_ENV, str(tmp_path / "missing"))
    rc = cli.main(["export", "--view", "timeline", "--format", "png", "--out", str(tmp_path / "o")])
    assert rc == 3
    assert "apt-get install chromium" in capsys.readouterr().err


def test_bad_options_are_usage_errors(data: Path, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["export", "--view", "timeline", "--format", "png", "--era", "byzantine", "--out", str(tmp_path)])
    assert exc.value.code == 2 and "unknown era 'byzantine'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["export", "--view", "timeline", "--format", "gif", "--out", str(tmp_path)])


def test_links_and_briefing_files_export_exactly_their_views(data: Path, tmp_path: Path, capsys) -> None:
    link = "http://127.0.0.1:8501/timeline?era=Soviet+Union&category=War&q=clash"
    saved = tmp_path / "brief.json"
    saved.write_bytes(briefing.to_file(briefing.Briefing("Soviet wars", (Item("/map?era=Soviet+Union", "Where"),))))
    out = tmp_path / "o"
    rc = cli.main(["export", "--briefing", str(saved), "--url", link, "--format", "csv", "--out", str(out)])
    assert rc == 0, capsys.readouterr().err
    names = sorted(p.name for p in out.iterdir())
    assert names[0].startswith("pivotdash-map-") and names[1].startswith("pivotdash-timeline-soviet-union")
    assert "category-war-matching" in names[1]  # the link's own filters, not the defaults
    rows = list(csv.DictReader(io.StringIO((out / names[1]).read_text())))
    assert [r["id"] for r in rows] == ["e3"]


def test_bad_links_and_files_are_errors_or_notes(data: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "o"
    assert cli.main(["export", "--url", "/nowhere", "--format", "csv", "--out", str(out)]) == 1
    assert "“/nowhere” is not a page of pivotdash" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "pivotdash-briefing", "version": 1, "views": [{"link": 3}]}')
    assert cli.main(["export", "--briefing", str(bad), "--format", "csv", "--out", str(out)]) == 2
    assert "view 1: “link” must be text" in capsys.readouterr().err
    assert cli.main(["export", "--format", "csv", "--out", str(out)]) == 2
    assert "name at least one view" in capsys.readouterr().err
    rc = cli.main(["export", "--url", "/timeline?era=Atlantis", "--format", "csv", "--out", str(out)])
    assert rc == 0 and "“era” value “Atlantis” is not a known era" in capsys.readouterr().err


@pytest.mark.skipif(not browser.available(), reason="no Chrome/Chromium on this machine")
def test_module_entry_point_writes_png_pptx_and_zip(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pivotdash", "export", "--view", "timeline", "--format", "png",
         "--format", "pptx,zip", "--title", "Amur review: 1850s–2020s", "--out", str(out)],
        capture_output=True, text=True, cwd=REPO, timeout=180,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    # The briefing's files are named for its --title, as in the app.
    assert names == ["pivotdash-amur-review-1850s-2020s.pptx", "pivotdash-amur-review-1850s-2020s.zip",
                     "pivotdash-timeline-all-eras-all-drivers-1740-2026.png"]
    assert (out / names[2]).read_bytes().startswith(b"\x89PNG")
    assert set(zipfile.ZipFile(out / "pivotdash-amur-review-1850s-2020s.zip").namelist()) == {
        "README.md", "01-timeline.png", "01-timeline.svg", "01-timeline.csv"}


def test_zip_without_a_browser_keeps_the_data_and_says_why(data: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    browser.shutdown()
    monkeypatch.setenv(browser.BROWSER_ENV, str(tmp_path / "missing"))
    out = tmp_path / "o"
    rc = cli.main(["export", "--view", "timeline", "--format", "zip,csv", "--title", "No browser", "--out", str(out)])
    assert rc == 0, capsys.readouterr().err
    bundle = zipfile.ZipFile(out / "pivotdash-no-browser.zip")
    assert sorted(bundle.namelist()) == ["01-timeline.csv", "README.md"]
    assert "apt-get install chromium" in bundle.read("README.md").decode()


@pytest.mark.skipif(not browser.available(), reason="no Chrome/Chromium on this machine")
def test_no_usable_temp_space_zip_falls_back_and_the_deck_names_the_fix(data: Path, tmp_path: Path, monkeypatch,
                                                                         capsys) -> None:
    browser.shutdown()  # a running browser would need no new temporary folder
    not_a_folder = tmp_path / "tmp-is-a-file"
    not_a_folder.write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    out = tmp_path / "o"
    assert cli.main(["export", "--view", "timeline", "--format", "zip", "--out", str(out)]) == 0
    (zipped,) = out.iterdir()
    assert sorted(zipfile.ZipFile(zipped).namelist()) == ["01-timeline.csv", "README.md"]
    assert "TMPDIR" in zipfile.ZipFile(zipped).read("README.md").decode()
    capsys.readouterr()
    assert cli.main(["export", "--view", "timeline", "--format", "pptx", "--out", str(out)]) == 3
    assert "no usable temporary folder" in capsys.readouterr().err


def test_a_browser_that_hangs_is_ended_when_the_command_gives_up(data: Path, tmp_path: Path, monkeypatch,
                                                                  capsys) -> None:
    browser.shutdown()
    pids = tmp_path / "pids"
    exe = tmp_path / "chromium"
    exe.write_text(f"#!/bin/sh\necho $$ >> {pids}\nexec sleep 300\n")  # starts, then never answers
    exe.chmod(0o755)
    monkeypatch.setenv(browser.BROWSER_ENV, str(exe))
    monkeypatch.setattr(browser, "START_TIMEOUT", 3.0)
    rc = cli.main(["export", "--view", "timeline", "--format", "png", "--out", str(tmp_path / "o")])
    assert rc == 3 and "did not start within 3 s" in capsys.readouterr().err
    for pid in (int(p) for p in pids.read_text().split()):
        stat = Path(f"/proc/{pid}/stat")
        state = stat.read_text().rsplit(")", 1)[1].split()[0] if stat.exists() else "gone"
        assert state in ("Z", "X", "gone"), f"process {pid} still running ({state})"


def test_format_choices_come_from_the_formats_table(capsys) -> None:
    from pivotdash.export import formats

    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines anywhere
    for fmt in formats.FORMATS:
        assert fmt.key in text and fmt.label in text


def test_template_shapes_the_deck_and_names_a_missing_layout(data: Path, tmp_path: Path, capsys) -> None:
    brand = tmp_path / "brand.potx"
    brand.write_bytes(tf.as_potx(tf.build(tf.STANDARD, drop=("Title Only",))))
    out = tmp_path / "out"
    rc = cli.main(["export", "--view", "compare", "--view", "episodes", "--format", "pptx", "--template", str(brand),
                   "--title", "On the brand", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "note: The template “brand.potx” has no title-only layout" in err and "slides 2–3" in err
    prs = Presentation(str(out / "pivotdash-on-the-brand.pptx"))
    assert (prs.slide_width, prs.slide_height) == tf.STANDARD
    assert [s.slide_layout.name for s in prs.slides] == ["Title Slide"] + ["pivotdash default: Title Only"] * 3
    assert sum(1 for s in prs.slides for sh in s.shapes if sh.has_chart) == 1


def test_a_bad_template_is_refused_before_anything_is_written(data: Path, tmp_path: Path, capsys) -> None:
    junk = tmp_path / "junk.pptx"
    junk.write_bytes(b"not a zip at all")
    out = tmp_path / "out"
    rc = cli.main(["export", "--view", "compare", "--format", "pptx", "--template", str(junk), "--out", str(out)])
    assert rc == 2
    assert "error: junk.pptx: is not a PowerPoint file (not a zip package" in capsys.readouterr().err
    assert not out.exists()
    rc = cli.main(["export", "--view", "compare", "--format", "pptx", "--template", str(tmp_path / "gone.potx"),
                   "--out", str(out)])
    assert rc == 2 and "gone.potx" in capsys.readouterr().err


def test_template_without_a_deck_says_it_is_unused(data: Path, tmp_path: Path, capsys) -> None:
    brand = tmp_path / "brand.pptx"
    brand.write_bytes(tf.build())
    rc = cli.main(["export", "--view", "compare", "--format", "csv", "--template", str(brand),
                   "--out", str(tmp_path / "o")])
    assert rc == 0 and "--template shapes the PowerPoint deck only" in capsys.readouterr().err
