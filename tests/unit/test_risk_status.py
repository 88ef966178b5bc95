"""pivotdash's reading of each risk since the paper (data/risk_status.csv): validation, counts, durability."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from pivotdash import scorecard
from pivotdash.catalogue import RISK_STATUS
from pivotdash.errors import DataError
from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper
from pivotdash.risks import Status, counts_sentence, load_risks, load_status, status_counts, statuses

ROOT = Path(__file__).resolve().parents[2]
PAPER = load_paper()


@pytest.fixture(scope="module")
def status():
    return load_status(ROOT / "data", PAPER.paragraph_ids)


def copy_with_status(tmp_path: Path, change: dict[str, str]) -> Path:
    """A copy of data/ whose first risk_status.csv row has `change` applied."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    path = folder / RISK_STATUS.name
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0].update(change)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(RISK_STATUS.column_names))
        w.writeheader()
        w.writerows(rows)
    return folder


def test_every_risk_of_the_paper_has_one_reading(status):
    risks = load_risks(ROOT / "data", PAPER.paragraph_ids)
    assert sorted(status["risk_id"]) == sorted(risks["id"])
    assert "china_rivalry" in set(status["risk_id"])


def test_every_reading_rests_on_events_since_the_paper_and_cites_one_url_per_source(status):
    data = load_dataset(ROOT / "data", PAPER.paragraph_ids)
    dates = dict(zip(data.events["id"], data.events["date"], strict=True))
    for row in status.itertuples():
        assert row.event_ids and all(dates[e] >= "2019-12" for e in row.event_ids), row.risk_id
        assert len(row.source) == len(row.source_url) >= 1, row.risk_id
        assert all(u.startswith("https://") for u in row.source_url), row.risk_id
        assert row.why.count(". ") == 0 and len(row.why) < 400, row.risk_id  # one sentence


@pytest.mark.parametrize(("change", "column", "rule", "found"), [
    ({"status": "maybe"}, "status", "allowed: materialised, partly, not_yet, reversed", "maybe"),
    ({"risk_id": "no_such_risk"}, "risk_id", "does not resolve to any risk in risks.csv", "no_such_risk"),
    ({"event_ids": "2022-02-invasion;no-such-event"}, "event_ids", "does not resolve to any event in events.csv",
     "no-such-event"),
    ({"indicator": "gdp"}, "indicator", "does not resolve to any indicator", "gdp"),
    ({"source_url": "https://example.org/a"}, "source_url", "one URL for each", None),
    ({"source_url": "https://example.org/a;ftp://x"}, "source_url", "http(s) URL", None),
])
def test_a_bad_row_is_reported_with_file_row_column_and_value(tmp_path, change, column, rule, found):
    folder = copy_with_status(tmp_path, change)
    with pytest.raises(DataError) as err:
        load_status(folder, PAPER.paragraph_ids)
    hits = [p for p in err.value.problems if p.file == "risk_status.csv" and p.column == column]
    assert hits, err.value.problems
    assert hits[0].row == 1 and rule in hits[0].rule
    if found is not None:
        assert found in hits[0].found


def _status(rid: str, value: str) -> Status:
    return Status(rid, value, "why", ("e",), (), (), "2026-12-01")


def test_counts_follow_the_vocabulary_and_name_the_unassessed():
    by = {"a": _status("a", "partly"), "b": _status("b", "reversed"), "c": _status("c", "partly")}
    counts = status_counts(["a", "b", "c", "d"], by)
    assert counts == {"materialised": 0, "partly": 2, "not_yet": 0, "reversed": 1, "unassessed": 1}
    assert counts_sentence(counts) == ("Of the paper's 4 risks: 0 materialised, 2 partly materialised, 0 not yet, "
                                       "1 reversed, 1 not assessed.")


def test_the_shipped_reading_counts(status):
    counts = status_counts(list(status["risk_id"]), statuses(status))
    assert sum(counts.values()) == 6 and "unassessed" not in counts
    assert counts["reversed"] == 1  # the turn back to Europe: the clash with the West deepened instead


def test_durability_sets_today_s_age_against_each_ended_turn():
    data = load_dataset(ROOT / "data", PAPER.paragraph_ids)
    table = scorecard.durability(data.episodes, this_year=2026)
    today = table[table["ongoing"]].iloc[0]
    assert today["lasted_years"] == 2026 - 2014 and set(table["age_now"]) == {12}
    ended = table[~table["ongoing"]].set_index("id")
    assert bool(ended.loc["witte_trans_siberian", "outlasted"]) is False  # 1891–1905: 14 years
    assert bool(ended.loc["stalin_korea", "outlasted"]) is True
    older = int(ended["outlasted"].sum())
    assert f"older than {older} of the 6 earlier" in scorecard.durability_sentence(table)
    assert scorecard.durability(data.episodes, this_year=2015)["outlasted"].sum() == 0  # one year old: none yet


def test_the_durability_view_carries_both_readings_and_reopens_from_its_link():
    from pivotdash import state as ps
    from pivotdash import views
    from pivotdash.views.loaded import Loaded

    data = Loaded(ROOT / "data")
    state = ps.EpisodesState(readings=(ps.AnalystReading("china_rivalry", "materialised", "low", "Border talk"),))
    view = views.build("episodes-durability", state, data)
    assert view is not None and view.id == "episodes-durability"
    assert "0 materialised, 2 partly materialised, 3 not yet, 1 reversed (pivotdash's reading" in view.subtitle
    assert view.subtitle.endswith("The analyst's reading of 1: 1 materialised.")
    opened = views.build_link(view.link, data)
    assert opened.chart == "episodes-durability" and opened.parsed.state == state
    assert opened.view is not None and opened.view.subtitle == view.subtitle
