"""One text alternative per chart (View.alt_text, from its title and subtitle), the same in the app and every
export: the deck's and PDF's picture alt text, the SVG's <desc>, the HTML export's caption."""

from __future__ import annotations

import html

from pivotdash.export.deck import describe
from pivotdash.export.html import to_html
from pivotdash.export.images import described
from pivotdash.figures.finish import Chrome
from tests.export_fixtures import bar_view


def test_the_text_alternative_says_what_the_chart_shows_in_one_line():
    view = bar_view("trade-composition", "Where Russia's exports go, 2020")
    assert view.alt_text == "Where Russia's exports go, 2020. Shows: All eras · all drivers · 1790–2026."
    assert "\n" not in view.alt_text
    assert Chrome("Only a title.", "", "src").alt_text == "Only a title."


def test_the_deck_and_the_pdf_say_the_same_and_add_the_key_message():
    view = bar_view("trade-composition", "Where Russia's exports go, 2020")
    alt = describe(view, "China rises.", "Chart")
    assert alt == f"Chart: {view.alt_text} Key message: China rises."


def test_the_svg_desc_is_the_text_alternative():
    view = bar_view("trade-composition", "Exports <b>to</b> China & co")
    svg = described(b'<svg xmlns="http://www.w3.org/2000/svg" width="10"><g/></svg>', view.figure)
    desc = svg.decode().split("<desc>", 1)[1].split("</desc>", 1)[0]
    assert desc.startswith(html.escape(view.alt_text))
    assert "<b>" not in desc  # escaped: a title from the data stays text


def test_the_html_export_captions_its_chart_with_it():
    view = bar_view("trade-composition", "Where Russia's exports go, 2020")
    page = to_html(view).decode()
    assert 'aria-describedby="alt"' in page
    assert f'<figcaption id="alt" class="note">In words: {html.escape(view.alt_text)}</figcaption>' in page
