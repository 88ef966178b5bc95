"""The paper parser: paragraphs, sections, footnotes, and the page-break repairs."""

from __future__ import annotations

import pytest

from pivotdash.paper import load_paper, parse_paper


@pytest.fixture(scope="module")
def paper():
    return load_paper()


def test_front_matter(paper):
    assert paper.title == "Will Russia's Pivot to Asia Last?"
    assert paper.date == "December 2019"
    assert paper.author == "Chris Miller"


def test_paragraph_and_footnote_counts(paper):
    assert [p.id for p in paper.paragraphs][:3] == ["abstract", "p1", "p2"]
    assert len(paper.paragraphs) == 50
    assert [f.number for f in paper.footnotes] == list(range(1, 30))


def test_sections_detected(paper):
    assert paper.sections[0].endswith("Asian Turn and U.S. Foreign Policy")
    assert "Economic Risks to Russia's Asian Pivots" in paper.sections
    assert paper.paragraph("p35").section == "Economic Risks to Russia's Asian Pivots"


def test_paragraph_cut_by_footnotes_is_joined(paper):
    text = paper.paragraph("p2").text
    assert '"and Putin is my best friend.”²' in text
    assert text.startswith("The new trend is not only")
    assert "Chinese wages rise" in paper.paragraph("p10").text  # cut after "popular"


def test_hyphenated_word_across_break_stays_whole(paper):
    assert "whiplash-inducing pivots" in paper.paragraph("p47").text


def test_displaced_footnote_tail_rejoins_its_footnote(paper):
    fn4 = paper.footnote(4).text
    assert fn4.startswith("Franz-Stefan Gady")
    assert fn4.endswith("russia-philippines-south-china-sea-intl/index.html>.")
    assert "They returned earlier this year" not in paper.paragraph("p10").text


def test_footnote_marks_recorded_and_strippable(paper):
    p9 = paper.paragraph("p9")
    assert p9.footnotes == (5, 6)
    assert "⁵" not in p9.plain_text


def test_no_paragraph_left_cut(paper):
    for p in paper.paragraphs:
        assert p.text.rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹")[-1] in ".?!”\"’)", p.id


def test_parse_repairs_on_synthetic_text():
    text = (
        "Title\n\nMay 2020\n\nBy A. Writer\n\nBio.\n\nAbstract: Short.\n\nHeading One\n\n"
        "A paragraph.¹\n\n¹ First note, part one.\n\nA second paragraph cut at a page\n\n"
        "Tail of note one.\n\n² Second note.\n\nbreak that ends here.²\n\nThird para is self-\n\n"
        "³ Third.\n\ncontained.³\n"
    )
    p = parse_paper(text)
    assert [x.id for x in p.paragraphs] == ["abstract", "p1", "p2", "p3"]
    assert p.paragraph("p2").text == "A second paragraph cut at a page break that ends here.²"
    assert p.paragraph("p3").text == "Third para is self-contained.³"
    assert p.footnote(1).text == "First note, part one. Tail of note one."
    assert p.paragraph("p1").section == "Heading One"
