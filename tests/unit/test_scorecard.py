"""The scorecard: durations, the driver and end-reason matrices, verdict passages, the comparison, the views."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pivotdash import schema
from pivotdash.figures.finish import chrome_of
from pivotdash.filters import Filters, event_frame
from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper
from pivotdash.scorecard import (
    aligned_events,
    compare_spans,
    default_compare,
    driver_matrix,
    duration,
    end_reason_matrix,
    episode_cards,
    matrix_table,
    scorecard_table,
    verdict_passage,
)
from pivotdash.state import EpisodesState, link
from pivotdash.views import build
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]
PAPER = load_paper()


@pytest.fixture(scope="module")
def real():
    data = load_dataset(ROOT / "data", PAPER.paragraph_ids)
    return data.episodes, event_frame(data.events, data.episodes)


@pytest.fixture
def minimal(minimal_dir):
    data = load_dataset(minimal_dir, PAPER.paragraph_ids)
    return data.episodes, event_frame(data.events, data.episodes)


def test_duration_counts_first_to_last_year_and_ongoing_to_this_year():
    assert duration(1854, 1860) == 6
    assert duration(2014, pd.NA, this_year=2026) == 12


def test_scorecard_table_has_labels_years_and_durations(minimal):
    episodes, _ = minimal
    table = scorecard_table(episodes, this_year=2026)
    amur = table[table["id"] == "amur"].iloc[0]
    assert (amur["years"], amur["lasted_years"], bool(amur["ongoing"])) == ("1854–1860", 6, False)
    assert amur["drivers"] == "Clash with the West; Promised Asian riches"
    assert amur["why_it_ended"] == "Promised riches disappointed"
    putin = table[table["id"] == "putin_pivot"].iloc[0]
    assert (putin["years"], putin["lasted_years"], bool(putin["ongoing"])) == ("2014–today", 12, True)
    assert list(table["id"]) == ["amur", "putin_pivot"]  # oldest first


def test_driver_matrix_is_built_from_the_drivers_column(minimal):
    episodes, _ = minimal
    m = driver_matrix(episodes)
    assert list(m.columns) == list(schema.DRIVERS)
    assert list(m.index) == ["Amur seizure", "Putin's pivot"]
    assert {d for d in m.columns if m.loc["Amur seizure", d]} == {"clash_with_west", "economic_promise"}
    assert {d for d in m.columns if m.loc["Putin's pivot", d]} == {"clash_with_west", "ideology"}


def test_matrices_match_the_real_data_cell_by_cell(real):
    episodes, _ = real
    drivers, ends = driver_matrix(episodes), end_reason_matrix(episodes)
    assert drivers.shape == (len(episodes), len(schema.DRIVERS))
    for ep in episodes.itertuples():
        assert {d for d in drivers.columns if drivers.loc[ep.name, d]} == set(ep.drivers)
        listed = set(ep.end_reasons)
        assert {r for r in ends.columns if ends.loc[ep.name, r]} == listed
    ongoing = episodes[episodes["end_year"].isna()]["name"]
    assert not ends.loc[list(ongoing)].to_numpy().any(), "an ongoing turn has no end reasons"


def test_matrix_table_ticks_and_labels(minimal):
    episodes, _ = minimal
    table = matrix_table(episodes)
    row = table[table["turn_east"] == "Amur seizure"].iloc[0]
    assert row["Driver: Clash with the West"] == "✓"
    assert row["Driver: Ideology"] == ""
    assert row["Ended by: Promised riches disappointed"] == "✓"


def test_verdict_passage_is_the_cited_paragraph_that_states_it(real):
    episodes, _ = real
    amur = episodes[episodes["id"] == "amur"].iloc[0]
    ref = verdict_passage(amur["verdict"], list(amur["paper_ref"]), PAPER)
    assert ref in amur["paper_ref"]
    assert "backwater" in PAPER.paragraph(ref).plain_text
    for card in episode_cards(episodes, PAPER):
        assert card.verdict_ref is not None and card.verdict_ref in card.refs, card.id
        assert not card.unknown_refs, card.id
    assert verdict_passage("anything", ["p999"], PAPER) is None


def test_aligned_events_put_each_turn_on_years_since_it_began(real):
    episodes, events = real
    aligned = aligned_events(events, episodes, ["putin_pivot", "amur"])
    assert list(dict.fromkeys(aligned["episode_id"])) == ["putin_pivot", "amur"]  # the order chosen
    crimean = aligned[aligned["id"] == "1853-crimean-war"].iloc[0]
    assert crimean["years_since_start"] < 0  # the war that set the Amur turn off came before it
    aigun = aligned[aligned["id"] == "1858-treaty-of-aigun"].iloc[0]
    assert aigun["years_since_start"] == pytest.approx(4.4, abs=0.01)  # 28 May 1858 from 1 Jan 1854
    amur = aligned[aligned["episode_id"] == "amur"]
    assert list(amur["years_since_start"]) == sorted(amur["years_since_start"])
    assert set(aligned["episode_id"]) == {"putin_pivot", "amur"}
    assert aligned_events(events, episodes, []).empty


def test_compare_spans_and_default(real):
    episodes, _ = real
    assert default_compare(episodes) == ["gorbachev_asia", "putin_pivot"]
    spans = compare_spans(episodes, ["stalin_korea", "no_such_turn"])
    assert list(spans["episode_id"]) == ["stalin_korea"]
    assert spans.iloc[0]["lasted_years"] == 3


def test_episodes_views_carry_chrome_data_and_a_link(real):
    state = EpisodesState(Filters(eras=("soviet",)), ("bolshevik_east", "stalin_korea"))
    data = Loaded(ROOT / "data")
    matrix, compare = build("episodes-matrix", state, data), build("episodes-compare", state, data)
    assert matrix is not None and compare is not None
    assert chrome_of(matrix.figure).title == "What drove each turn East, and what ended it"
    assert set(matrix.data["turn_east"]) == {"The Bolsheviks' revolutionary turn East", "Stalin and the Korean War",
                                             "Gorbachev's Asian Pivot"}  # the Soviet era only
    assert set(compare.data["episode_id"]) == {"bolshevik_east", "stalin_korea"}
    assert compare.link == ("/episodes?era=Soviet+Union&compare=The+Bolsheviks%27+revolutionary+turn+East"
                            "&compare=Stalin+and+the+Korean+War#compare")
    assert matrix.link.endswith("#scorecard")
    ys = {y.replace("<br>", " ") for trace in compare.figure.data for y in (trace.y or [])}  # wrapped to fit
    assert ys == {"The Bolsheviks' revolutionary turn East (1920–1927)", "Stalin and the Korean War (1950–1953)"}


def test_episodes_link_without_compare():
    assert link(EpisodesState()) == "/episodes"


def test_matrix_figure_escapes_names(minimal_dir, tmp_path):
    folder = minimal_dir
    path = folder / "episodes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",Amur seizure,", ",<b>Amur</b>,"), encoding="utf-8")
    view = build("episodes-matrix", EpisodesState(), Loaded(folder))
    assert view is not None
    fig = view.figure
    ys = {y for trace in fig.data for y in (trace.y or [])}
    assert any("&lt;b&gt;Amur&lt;/b&gt;" in y for y in ys)
    assert not any("<b>Amur" in y for y in ys)
