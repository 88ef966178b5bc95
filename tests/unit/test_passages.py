"""Sentence picking: an event card quotes the sentences of a paragraph that support it, not the whole paragraph."""

from __future__ import annotations

from pathlib import Path

from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper
from pivotdash.passages import Terms, event_terms, score, sentences, supporting

ROOT = Path(__file__).resolve().parents[2]
PAPER = load_paper()


def test_sentences_split_at_ends_but_not_after_abbreviations_or_initials():
    text = ('The U.S. Navy sailed. Count Sergei Witte built it in 1891. He said "trade will come." '
            "A. Bezobrazov disagreed? Yes. St. Petersburg was far away.")
    assert sentences(text) == ["The U.S. Navy sailed.", "Count Sergei Witte built it in 1891.",
                               'He said "trade will come."', "A. Bezobrazov disagreed?", "Yes.",
                               "St. Petersburg was far away."]
    assert sentences("") == []


def test_every_paragraph_of_the_paper_splits_back_into_itself():
    for para in PAPER.paragraphs:
        parts = sentences(para.plain_text)
        assert " ".join(parts).split() == para.plain_text.split(), para.id


def test_terms_take_names_years_and_words_and_drop_common_words():
    terms = event_terms(["Treaty of Aigun: Russia takes the Amur's left bank"], ["1858-05-28", ""])
    assert {"aigun", "amur"} <= terms.names and "1858" in terms.years
    assert "treaty" in terms.words and "the" not in terms.words and "russia" not in terms.words | terms.names


def test_score_counts_names_and_years_double_and_a_decade_holds_its_years():
    terms = Terms(frozenset({"seiz"}), frozenset({"amur"}), frozenset({"1858"}))  # stems, as event_terms makes them
    assert score("Russia seized the Amur in the 1850s.", terms) == 2 + 1 + 2
    assert score("Nothing here.", terms) == 0


def test_the_best_sentence_is_picked_and_a_weak_one_left_out():
    para = ("Empires raced for the Pacific. In 1858 Muravyov signed the Treaty of Aigun on the Amur. "
            "The treaty was signed in a hurry. Trade never came.")
    terms = event_terms(["Treaty of Aigun", "Muravyov signed the treaty at Aigun on the Amur."], ["1858-05-28"])
    got = supporting(para, terms)
    assert got.matched and got.indices[0] == 1 and 3 not in got.indices
    assert got.text().startswith("… In 1858 Muravyov") and got.text().endswith("…")
    assert not got.whole


def test_a_paragraph_that_names_nothing_of_the_event_stands_in_with_its_first_sentence():
    got = supporting("One thing. Another thing.", Terms(frozenset({"pipeline"}), frozenset(), frozenset()))
    assert not got.matched and got.sentences == ("One thing.",) and got.text() == "One thing. …"


def test_the_treaty_of_aigun_card_quotes_sentences_not_six_paragraphs():
    data = load_dataset(ROOT / "data", PAPER.paragraph_ids)
    ev = data.events.set_index("id").loc["1858-treaty-of-aigun"]
    terms = event_terms([ev["title"], ev["summary"]], [ev["date"], ev["end_date"]])
    quoted = [supporting(PAPER.paragraph(r).plain_text, terms) for r in ev["paper_ref"]]
    assert len(quoted) == 6
    assert all(q.matched and len(q.sentences) <= 2 and ("Amur" in q.text() or "1850s" in q.text()) for q in quoted)
    assert sum("Amur" in q.text() for q in quoted) >= 5
    whole = sum(len(PAPER.paragraph(r).plain_text) for r in ev["paper_ref"])
    assert sum(len(q.text()) for q in quoted) < whole / 3
