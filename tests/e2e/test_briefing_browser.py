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


def test_two_views_built_on_their_pages_reach_the_deck_in_the_chosen_order(server, page):  # type: ignore[no-untyped-def]
    """An analyst filters the timeline and switches Trade to imports as lines, adds both, reorders, writes a
    message, and gets a deck whose first chart is the trade view, editable, with those switches."""
    from tests.e2e.test_browser_timeline import pick

    pg = page
    pg.goto(server.url)
    wait_for_app(pg)
    pg.get_by_role("link", name="Timeline", exact=True).first.click()
    wait_for_app(pg)
    pick(pg, "Era", "Soviet Union")
    pg.get_by_role("button", name="Add to briefing", exact=True).first.click()
    wait_for_app(pg)

    pg.get_by_role("link", name="Trade", exact=True).first.click()
    wait_for_app(pg)
    pg.get_by_text("Imports", exact=True).first.click()
    wait_for_app(pg)
    pg.get_by_text("Lines", exact=True).first.click()
    wait_for_app(pg)
    pg.get_by_role("button", name="Add to briefing", exact=True).first.click()
    wait_for_app(pg)

    pg.get_by_role("link", name="Briefing: 2 views", exact=True).first.click()
    wait_for_app(pg)
    pg.get_by_role("button", name="Move up", exact=True).nth(1).click()  # the trade view first
    wait_for_app(pg)
    message = pg.get_by_label("Key message (one or two sentences)").first
    message.fill("Imports from China overtook the EU's share after 2014.")
    message.press("Control+Enter")
    wait_for_app(pg)
    shot(pg, "briefing-02-two-views")

    deck = Presentation(io.BytesIO(_prepare_and_download(pg, "Prepare the PowerPoint deck (.pptx)",
                                                         "PowerPoint deck (.pptx)")))
    first = deck.slides[1]
    assert first.shapes.title.text.startswith("Where Russia's imports come from")
    charts = [s for s in first.shapes if s.has_chart]
    assert charts and charts[0].chart.chart_type is not None  # a native, editable chart, not a picture
    assert any("Imports from China overtook" in s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert "trade_flow=Imports" in first.notes_slide.notes_text_frame.text
    assert "trade_chart=Lines" in first.notes_slide.notes_text_frame.text
    assert deck.slides[2].shapes.title.text == "Russia's turns East, 1917–1991"


def test_an_uploaded_template_shapes_the_downloaded_deck(server, page, tmp_path):  # type: ignore[no-untyped-def]
    """An analyst adds their organisation's 4:3 .potx (which has no title-only layout) and downloads the deck."""
    from tests import template_fixtures as tf

    brand = tmp_path / "brand.potx"
    brand.write_bytes(tf.as_potx(tf.build(tf.STANDARD, drop=("Title Only",))))
    pg = page
    pg.goto(f"{server.url}/briefing?item=/trade")
    wait_for_app(pg)
    uploader = pg.locator('[data-testid="stFileUploader"]').filter(has_text="Your PowerPoint template")
    uploader.locator("input[type=file]").set_input_files(str(brand))
    pg.get_by_text("The deck uses your template “brand.potx”").wait_for(timeout=60_000)
    pg.get_by_text("has no title-only layout").wait_for(timeout=60_000)
    shot(pg, "briefing-03-template")
    deck = Presentation(io.BytesIO(_prepare_and_download(pg, "Prepare the PowerPoint deck (.pptx)",
                                                         "PowerPoint deck (.pptx)")))
    assert (deck.slide_width, deck.slide_height) == tf.STANDARD
    assert [s.slide_layout.name for s in deck.slides] == ["Title Slide"] + ["pivotdash default: Title Only"] * 2
    assert any(s.has_chart for s in deck.slides[1].shapes)


_ROW = """(n) => {
  const card = document.querySelector(`.st-key-brief-item-${n}`);
  const buttons = Array.from(card.querySelectorAll(`.st-key-brief-buttons-${n} button`));
  const title = card.querySelector('[data-testid="stText"]').getBoundingClientRect();
  return {card: card.getBoundingClientRect().width, title: {bottom: title.bottom, height: title.height},
          buttons: buttons.map(b => { const r = b.getBoundingClientRect(); const t = b.querySelector('p');
            const icon = b.querySelector('[data-testid="stIconMaterial"]');
            return {top: r.top, height: r.height, text: t ? t.getBoundingClientRect().height : 0,
                    icon: icon ? icon.getBoundingClientRect().width : -1}; })};
}"""


@pytest.mark.parametrize("width", [1024, 1440])
def test_each_views_buttons_are_named_and_sit_in_one_row_under_its_title(server, page, width):  # type: ignore[no-untyped-def]
    """At 1024 and 1440 px: a view's title has a line of its own and its four buttons, named for what they do,
    sit in one row under it, each label on one line and each icon drawn by the icon font (not its name spelt out)."""
    pg = page
    pg.set_viewport_size({"width": width, "height": 1000})
    pg.goto(server.url)
    wait_for_app(pg)
    pg.goto(f"{server.url}/briefing?item=/timeline&item=/trade")
    wait_for_app(pg)
    for name in ("Move up", "Move down", "Duplicate", "Remove"):
        assert pg.get_by_role("button", name=name, exact=True).count() == 2, name
    assert pg.get_by_role("button", name="Move up", exact=True).first.is_disabled()
    assert pg.get_by_role("button", name="Move down", exact=True).nth(1).is_disabled()
    pg.wait_for_function("() => document.fonts.status === 'loaded'")
    row = pg.evaluate(_ROW, 0)
    tops = {round(b["top"]) for b in row["buttons"]}
    assert row["title"]["bottom"] <= min(tops) and row["title"]["height"] <= 30, row  # a line of its own, unwrapped
    assert len(row["buttons"]) == 4 and max(tops) - min(tops) <= 2, row  # one row
    for b in row["buttons"]:
        assert 0 < b["text"] <= 30 and b["height"] <= 48, row  # one line of label each
        assert 0 < b["icon"] <= 28, row  # a glyph of the icon font, not "arrow_upward" in letters
    shot(pg, f"briefing-04-item-buttons-{width}")

    pg.get_by_role("button", name="Remove", exact=True).first.click()
    wait_for_app(pg)
    assert pg.get_by_role("button", name="Remove", exact=True).count() == 1
