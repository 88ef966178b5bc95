"""Validation of the data files: each rule gives the exact problem, and all problems come at once."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pivotdash.errors import DataError, Problem
from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper

PARAS = load_paper().paragraph_ids


def edit(folder: Path, file: str, row: int, column: str, value: str) -> None:
    """Set one cell (row is 1-based, header excluded)."""
    path = folder / file
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        fields = list(rows[0].keys())
    rows[row - 1][column] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load_dataset(folder, PARAS)
    return info.value.problems


def test_minimal_dataset_loads(minimal_dir):
    data = load_dataset(minimal_dir, PARAS)
    assert list(data.events["id"])[:2] == ["1858-aigun", "1853-crimean-war"]
    assert data.flashpoints["lat"].dtype == float
    assert data.episodes.loc[data.episodes["id"] == "putin_pivot", "end_year"].isna().all()


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "rule"),
    [
        ("events.csv", 1, "category", "skirmish", "unknown categories 'skirmish'; allowed: war, treaty, diplomacy, "
         "economy, infrastructure, military_exercise, territorial, leadership"),
        ("events.csv", 2, "drivers", "clash_with_west;greed", "unknown drivers 'greed'; allowed: economic_promise, "
         "clash_with_west, imperial_competition, ideology, security, leadership_change"),
        ("events.csv", 1, "date", "1858-13", "malformed or impossible date: month must be 01–12"),
        ("events.csv", 1, "date", "1858-02-30", "malformed or impossible date: no such day in the calendar"),
        ("events.csv", 1, "date", "May 1858", "malformed or impossible date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("events.csv", 2, "end_date", "1850", "end_date is before date (1853)"),
        ("episodes.csv", 1, "end_year", "1850", "end_year is before start_year (1854)"),
        ("events.csv", 2, "id", "1858-aigun", "duplicate id"),
        ("events.csv", 1, "episode_id", "witte", "does not resolve to any episode in episodes.csv"),
        ("events.csv", 1, "flashpoint_id", "atlantis", "does not resolve to any flashpoint in flashpoints.csv"),
        ("events.csv", 1, "paper_ref", "p23;p999", "does not resolve to any paragraph of the paper"),
        ("events.csv", 1, "paper_ref", "para 3",
         "malformed paper reference 'para 3'; expected abstract, p<n> or fn<n>"),
        ("flashpoints.csv", 1, "lat", "95", "must be between -90 and 90"),
        ("flashpoints.csv", 2, "lon", "east", "must be a number"),
        ("flashpoints.csv", 1, "source_url", "javascript:alert(1)", "must be an http(s) URL"),
        ("episodes.csv", 2, "outcome", "victory", "unknown outcomes 'victory'; allowed: retreat, backwater, "
         "catastrophe, failed, strategic_error, economic_collapse, ongoing"),
        ("events.csv", 3, "title", "", "required value is blank"),
    ],
)
def test_each_rule_names_file_row_column_rule_and_value(minimal_dir, file, row, column, value, rule):
    edit(minimal_dir, file, row, column, value)
    found = problems_of(minimal_dir)
    expected_value = "p999" if value == "p23;p999" else value
    if column == "id":
        expected_value = "1858-aigun"
    assert Problem(file, row, column, rule, expected_value) in found, [str(p) for p in found]


def test_row_without_any_source(minimal_dir):
    edit(minimal_dir, "events.csv", 5, "source_url", "")
    edit(minimal_dir, "events.csv", 5, "source_grade", "")
    assert problems_of(minimal_dir) == [
        Problem("events.csv", 5, "paper_ref/source_url", "row names no source (a paper paragraph or a URL)", "")
    ]


def test_every_problem_reported_at_once(minimal_dir):
    edit(minimal_dir, "events.csv", 1, "category", "skirmish")
    edit(minimal_dir, "events.csv", 2, "date", "18xx")
    edit(minimal_dir, "flashpoints.csv", 1, "lat", "200")
    (minimal_dir / "routes.csv").unlink()
    found = problems_of(minimal_dir)
    assert {(p.file, p.column) for p in found} == {
        ("events.csv", "category"), ("events.csv", "date"), ("flashpoints.csv", "lat"), ("routes.csv", None)
    }
    assert "routes.csv: file is missing" in str(DataError(found))


def test_missing_column_named(minimal_dir):
    path = minimal_dir / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",category,", ",kind,"), encoding="utf-8")
    found = problems_of(minimal_dir)
    assert found[0].column == "category" and found[0].rule == "required column is missing from the header"


def test_ragged_row_and_wrong_encoding(minimal_dir):
    (minimal_dir / "episodes.csv").write_bytes("id,name\nx,Ост".encode("cp1251"))
    with (minimal_dir / "events.csv").open("a", encoding="utf-8") as fh:
        fh.write("extra,1900\n")
    found = problems_of(minimal_dir)
    rules = {p.file: p.rule for p in found}
    assert rules["episodes.csv"] == "file must be UTF-8; undecodable byte on line 2"
    assert rules["events.csv"] == "row has 2 fields, header has 14"


def test_empty_file(minimal_dir):
    (minimal_dir / "flashpoints.csv").write_text("", encoding="utf-8")
    assert Problem("flashpoints.csv", None, None, "file is empty", "") in problems_of(minimal_dir)


def test_bom_is_accepted(minimal_dir):
    path = minimal_dir / "routes.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_dataset(minimal_dir, PARAS).routes) == 2
