"""The zip bundle: PNG, SVG and CSV per chart in briefing order, and a README with citations."""

from __future__ import annotations

import io
import zipfile

from pivotdash.export.bundle import build_bundle
from tests.export_fixtures import NoImages, bar_view, fake_images


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


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
