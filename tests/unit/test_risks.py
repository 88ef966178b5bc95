"""The paper's risks to today's pivot: every risk cites a passage that resolves, and the events bearing on it."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from pivotdash.catalogue import RISKS
from pivotdash.errors import DataError
from pivotdash.filters import event_frame
from pivotdash.indicators import INDICATORS
from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper
from pivotdash.risks import bears_on, load_risks, risk_cards, since_paper

ROOT = Path(__file__).resolve().parents[2]
PAPER = load_paper()
RISK_SECTIONS = {"Economic Risks to Russia's Asian Pivots", "Geopolitical Risks to Russia's Asian Pivots"}


@pytest.fixture(scope="module")
def risks():
    return load_risks(ROOT / "data", PAPER.paragraph_ids)


@pytest.fixture(scope="module")
def events():
    data = load_dataset(ROOT / "data", PAPER.paragraph_ids)
    return event_frame(data.events, data.episodes)


def write_risks(folder: Path, rows: list[dict[str, str]]) -> None:
    with (folder / RISKS.name).open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(RISKS.column_names))
        w.writeheader()
        w.writerows(rows)


def test_the_paper_s_risks_are_there_with_the_one_it_ranks_lower(risks):
    assert list(risks["id"]) == ["economic_foundations", "china_slowdown", "turn_to_europe", "ideological_glue",
                                 "leadership_transition", "china_rivalry"]
    rivalry = risks.set_index("id").loc["china_rivalry"]
    assert rivalry["paper_ref"][0] == "p5"  # where the paper ranks a renewed rivalry below Russia losing interest
    assert "Russia-China competition" in PAPER.paragraph("p5").text


def test_every_risk_carries_a_passage_that_resolves(risks):
    for row in risks.itertuples():
        refs = list(row.paper_ref)
        assert refs and all(r in PAPER.paragraph_ids for r in refs), row.id
        first = PAPER.paragraph(refs[0])
        if row.id != "china_rivalry":  # the paper weighs the rivalry in its introduction (p5), not its risk sections
            assert first.section in RISK_SECTIONS, (row.id, first.section)  # quoted from the paper's risk sections
        assert len(row.paper_argues) > 80, row.id


def test_the_risks_cite_the_paragraphs_the_brief_names(risks):
    by_id = {r.id: set(r.paper_ref) for r in risks.itertuples()}
    assert {"p35", "p37"} <= by_id["economic_foundations"]
    assert "p36" in by_id["china_slowdown"]
    assert {"p44", "p45", "p46"} <= by_id["turn_to_europe"]
    assert {"p41", "p42", "p43"} <= by_id["ideological_glue"]
    assert "p46" in by_id["leadership_transition"]


def test_indicators_name_known_ids(risks):
    for row in risks.itertuples():
        assert set(row.indicator) <= set(INDICATORS)


@pytest.mark.parametrize(
    ("note", "phrases"),
    [
        ("bears on: economic foundations (p30, p35)", ["economic foundations"]),
        ("bears on: China slowdown (p36); economic foundations (p37). Annual figure for 2025.",
         ["china slowdown", "economic foundations"]),
        ("bears on: a turn back to Europe (p44, p46): the paper's risk that easing the clash …",
         ["a turn back to europe"]),
        ("bears on: leadership transition (p46). Voting ran 25 June to 1 July 2020; ideological glue",
         ["leadership transition"]),
        ("Voting ran from 25 June to 1 July 2020.", []),
        ("", []),
    ],
)
def test_bears_on_reads_the_date_note(note, phrases):
    assert bears_on(note) == phrases


def test_every_risk_phrase_is_used_by_some_event(risks, events):
    used = {p for note in events["date_note"] for p in bears_on(note)}
    for row in risks.itertuples():
        assert row.bears_on.casefold() in used, f"no event's date_note says 'bears on: {row.bears_on}'"


def test_risk_cards_on_the_real_data(risks, events):
    cards = {c.id: c for c in risk_cards(risks, events)}
    assert all(not c.missing_events for c in cards.values())
    assert all(c.events for c in cards.values()), "every risk has events since the paper"
    recent = set(since_paper(events)["id"])
    for card in cards.values():
        assert {e.id for e in card.events} <= recent
    slowdown = [e.id for e in cards["china_slowdown"].events]
    assert "2025-trade-decline" in slowdown
    assert [e.id for e in cards["leadership_transition"].events] == ["2020-07-term-reset", "2024-03-putin-reelected"]


def test_risk_cards_match_notes_list_extras_and_skip_events_before_the_paper(minimal_dir):
    data = load_dataset(minimal_dir, PAPER.paragraph_ids)
    frame = event_frame(data.events, data.episodes)
    frame.loc[frame["id"] == "2022-no-limits", "date_note"] = "bears on: Ideological glue (p41)"
    frame.loc[frame["id"] == "2019-bombers", "date_note"] = "bears on: ideological glue (p42)"  # before Dec 2019
    risks = pd.DataFrame([{
        "id": "glue", "risk": "Glue", "paper_argues": "x", "paper_ref": ("p41",), "indicator": (),
        "bears_on": "ideological glue", "event_ids": ("2014-crimea", "no-such-event"),
    }])
    (card,) = risk_cards(risks, frame)
    assert [(e.id, e.why) for e in card.events] == [("2022-no-limits", "date note")]
    assert card.missing_events == ("no-such-event",)


def test_load_risks_reports_every_problem(minimal_dir):
    write_risks(minimal_dir, [
        {"id": "a", "risk": "A", "paper_argues": "x", "paper_ref": "p999", "indicator": "gdp_growth",
         "bears_on": "a", "event_ids": ""},
        {"id": "a", "risk": "", "paper_argues": "x", "paper_ref": "p1", "indicator": "", "bears_on": "b",
         "event_ids": ""},
    ])
    with pytest.raises(DataError) as info:
        load_risks(minimal_dir, PAPER.paragraph_ids)
    found = {(p.row, p.column, p.found) for p in info.value.problems}
    assert (1, "paper_ref", "p999") in found
    assert (1, "indicator", "gdp_growth") in found
    assert (2, "risk", "") in found
    assert any(p.rule == "duplicate id" for p in info.value.problems)


def test_missing_risks_file_is_one_problem(minimal_dir):
    with pytest.raises(DataError) as info:
        load_risks(minimal_dir, PAPER.paragraph_ids)
    assert [p.rule for p in info.value.problems] == ["file is missing"]
