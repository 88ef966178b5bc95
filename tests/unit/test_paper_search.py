"""Searching inside the paper: every term at the start of a word, phrases, years, spans to highlight."""

from __future__ import annotations

from pivotdash.paper import load_paper
from pivotdash.passages import Hit, query_terms, search, snippet

PAPER = load_paper()
PARAS = [(p.id, p.section, p.plain_text) for p in PAPER.paragraphs] + [
    (f.id, "Footnotes", f.text) for f in PAPER.footnotes]
TOY = [("p1", "A", "Witte built the railway in 1891."), ("p2", "A", "The Amur, Russia’s Mississippi."),
       ("p3", "B", "Rewitten text mentions nobody."), ("fn1", "Footnotes", "Witte, Memoirs (1921).")]


def test_terms_are_words_years_and_quoted_phrases_without_case():
    assert query_terms('Witte  "Power of Siberia" 1905, witte') == ["witte", "power of siberia", "1905"]
    assert query_terms("   ") == [] and query_terms("x" * 500) == ["x" * 100]


def test_every_term_must_start_a_word_and_matches_are_in_paper_order():
    assert [h.id for h in search(TOY, "witte")] == ["p1", "fn1"]  # not inside "Rewitten"
    assert [h.id for h in search(TOY, "Witte 1891")] == ["p1"]
    assert search(TOY, "Witte Amur") == [] and search(TOY, "") == []
    assert [h.id for h in search(TOY, "russia's")] == ["p2"]  # a typographic apostrophe matches a plain one


def test_spans_point_at_the_matches_and_the_snippet_marks_them():
    (hit,) = search(TOY, "railway witte")
    assert [TOY[0][2][a:b] for a, b in hit.spans] == ["Witte", "railway"]
    assert [piece for piece, match in snippet(hit) if match] == ["Witte", "railway"]
    long = Hit("p9", "S", "x " * 300 + "Amur" + " y" * 300, ((600, 604),))
    pieces = snippet(long, around=20)
    assert pieces[0] == ("…", False) and pieces[-1] == ("…", False) and ("Amur", True) in pieces


def test_the_real_paper_finds_names_years_and_phrases():
    assert [h.id for h in search(PARAS, "Witte")] == ["p24", "p48", "fn28"]
    assert [h.id for h in search(PARAS, '"Russia\'s Mississippi"')] == ["p29", "fn27"]
    assert "p26" in [h.id for h in search(PARAS, "Kim Il-sung")]
    assert [h.id for h in search(PARAS, "1905 Japanese")] == ["p41", "p46"]
