"""`python -m pivotdash export`: per-view files, decks and bundles from the command line."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pivotdash import briefing, cli
from pivotdash.export import images
from pivotdash.state import Item
from tests.export_fixtures import write_data

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_data(tmp_path / "data")
    monkeypatch.setenv("PIVOTDASH_DATA_DIR", str(folder))
    return folder


def test_csv_and_html_need_no_browser(data: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(images.BROWSER_ENV, str(tmp_path / "missing"))
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
    images.shutdown()
    monkeypatch.setenv(images.BROWSER_ENV, str(tmp_path / "missing"))
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


@pytest.mark.skipif(not images.available(), reason="no Chrome/Chromium on this machine")
def test_module_entry_point_writes_png_pptx_and_zip(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pivotdash", "export", "--view", "timeline", "--format", "png",
         "--format", "pptx,zip", "--out", str(out)],
        capture_output=True, text=True, cwd=REPO, timeout=180,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    stem = "pivotdash-will-russia-s-turn-to-asia-last"
    assert names == ["pivotdash-timeline-all-eras-all-drivers-1740-2026.png", f"{stem}.pptx", f"{stem}.zip"]
    assert (out / names[0]).read_bytes().startswith(b"\x89PNG")
    assert set(zipfile.ZipFile(out / f"{stem}.zip").namelist()) == {
        "README.md", "01-timeline.png", "01-timeline.svg", "01-timeline.csv"}
