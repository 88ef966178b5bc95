"""An analyst in a real browser builds a briefing: prepare and download the deck, the zip and a slide PNG."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image
from pptx import Presentation

from tests.e2e.conftest import shot, wait_for_app

pytestmark = pytest.mark.e2e


def _download(pg, name: str) -> bytes:  # type: ignore[no-untyped-def]
    with pg.expect_download(timeout=90_000) as info:
        pg.get_by_role("button", name=name, exact=True).first.click()
    path = info.value.path()
    assert path is not None
    return path.read_bytes()


def _prepare_and_download(pg, prepare: str, name: str) -> bytes:  # type: ignore[no-untyped-def]
    # Drawn files are prepared on a click (a failure then shows on the page), then downloaded.
    pg.get_by_role("button", name=prepare, exact=True).first.click()
    pg.get_by_role("button", name=name, exact=True).first.wait_for(timeout=90_000)
    return _download(pg, name)


def test_briefing_deck_zip_and_camera_button(server, page):  # type: ignore[no-untyped-def]
    pg = page
    # A pasted briefing link on a fresh server: filters and chosen views come from the URL.
    # Bound multiselects hold their labels in the URL.
    pg.goto(f"{server.url}/briefing?era=Soviet+Union&views=Map&views=Timeline")
    wait_for_app(pg)
    assert pg.get_by_role("heading", name="Briefing", exact=True).is_visible()
    shot(pg, "briefing-01-page")

    deck_bytes = _prepare_and_download(pg, "Prepare the PowerPoint deck (.pptx)", "PowerPoint deck (.pptx)")
    deck = Presentation(io.BytesIO(deck_bytes))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == "Will Russia's turn to Asia last?" and titles[-1] == "Sources and licences"
    # The timeline spans the chosen era, as on the page.
    assert titles[1].startswith("Flashpoints") and titles[2] == "Russia's turns East, 1917–1991"
    assert "Soviet Union" in deck.slides[2].notes_slide.notes_text_frame.text

    bundle = zipfile.ZipFile(io.BytesIO(_prepare_and_download(pg, "Prepare the Zip: PNG, SVG, CSV + README",
                                                          "Zip: PNG, SVG, CSV + README")))
    assert "README.md" in bundle.namelist() and "02-timeline.png" in bundle.namelist()

    png = _prepare_and_download(pg, "Prepare PNG, SVG, PDF", "PNG 2×")  # the map's, the first card
    with Image.open(io.BytesIO(png)) as im:
        assert im.size == (2560, 1440)

    # The chart's own camera button saves a slide-size PNG named for the view.
    chart = pg.locator('[data-testid="stPlotlyChart"]').nth(1)
    chart.hover()
    with pg.expect_download(timeout=60_000) as info:
        chart.locator('[data-title="Download plot as a png"], [data-title="Download plot as a PNG"]').first.click()
    assert info.value.suggested_filename.startswith("pivotdash-timeline-soviet-union")
    with Image.open(info.value.path()) as im:
        assert im.size == (2560, 1440)
    shot(pg, "briefing-02-after-downloads")
