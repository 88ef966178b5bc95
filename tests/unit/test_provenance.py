"""Data provenance and the data dictionary, generated from the FileSpecs so they cannot drift from the code."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pivotdash import catalogue, schema
from pivotdash.errors import DataError
from pivotdash.provenance import (
    GRADE_COLUMNS,
    PROVENANCE,
    data_dictionary,
    grade_counts,
    grade_totals,
    provenance_table,
    readme_markdown,
    specs,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def test_specs_include_core_errata_risks_and_trade():
    names = {s.name for s in specs()}
    assert {s.name for s in (*catalogue.CORE_FILES, catalogue.ERRATA)} <= names
    assert catalogue.RISKS.name in names
    assert {s.name for s in catalogue.TRADE_TABLES} | {catalogue.PUBLISHED.name} <= names


def test_dictionary_covers_every_column_of_every_spec():
    dictionary = data_dictionary()
    have = set(zip(dictionary["file"], dictionary["column"], strict=True))
    for spec in specs():
        for col in spec.columns:
            assert (f"data/{spec.name}", col.name) in have


def test_dictionary_rows_carry_the_schema_rules():
    d = data_dictionary().set_index(["file", "column"])
    drivers = d.loc[("data/episodes.csv", "drivers")]
    assert drivers["kind"] == "multi_vocab" and bool(drivers["required"])
    assert drivers["vocabulary"].split(", ") == list(schema.DRIVERS)
    assert not d.loc[("data/episodes.csv", "end_year"), "required"]
    assert d.loc[("data/flashpoints.csv", "lat"), "range"] == "-90 to 90"
    assert d.loc[("data/trade/published_figures.csv", "metric"), "vocabulary"] == "share_pct, value_usd_bn"


def test_every_data_file_has_provenance_and_a_true_row_count():
    table = provenance_table(DATA)
    assert "undocumented" not in set(table["source"]), table[table["source"] == "undocumented"]["file"].tolist()
    with (DATA / "events.csv").open(newline="", encoding="utf-8") as fh:
        rows = sum(1 for _ in csv.DictReader(fh))
    events = table[table["file"] == "data/events.csv"].iloc[0]
    assert events["rows"] == rows
    assert "paper" in events["source"].lower()
    ricardo = table[table["file"] == "data/trade/ricardo_russia_history.csv"]
    assert not ricardo.empty and "ODbL" in ricardo.iloc[0]["licence"]


def test_an_unknown_file_shows_as_undocumented(tmp_path):
    (tmp_path / "mystery.csv").write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    table = provenance_table(tmp_path)
    row = table.iloc[0].to_dict()
    assert {k: row[k] for k in ("file", "what", "rows", "source", "licence", "vintage", "derived")} == {
        "file": "data/mystery.csv", "what": "", "rows": 2, "source": "undocumented", "licence": "undocumented",
        "vintage": "", "derived": "",
    }
    assert all(pd.isna(row[g]) for g in GRADE_COLUMNS)  # no source_url column: no grades to count


def test_provenance_entries_name_a_licence_and_a_derivation():
    for file, p in PROVENANCE:
        assert p.source and p.licence and p.vintage and p.derived, file


def test_data_readme_names_every_column_of_every_spec():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    for spec in specs():
        assert f"## data/{spec.name}" in text, spec.name
        for col in spec.columns:
            assert f"| `{col.name}` |" in text, (spec.name, col.name)
    assert "trade/README.md" in text


def test_data_readme_is_what_the_generator_writes():
    assert (DATA / "README.md").read_text(encoding="utf-8") == readme_markdown(), (
        "data/README.md is out of date: run python scripts/build_data_readme.py"
    )
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data_readme.py"), "--check"],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr


# Source grades: every row of ours that cites a URL says what kind of work it is.
GRADED = ("episodes.csv", "events.csv", "flashpoints.csv", "routes.csv", "errata.csv", "risk_status.csv",
          "trade/published_figures.csv", "trade/europe_groups.csv")


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", GRADED)
def test_every_cited_url_of_our_files_has_a_known_grade(name):
    for n, row in enumerate(_rows(name), start=1):
        urls, grades = catalogue.items(row["source_url"]), catalogue.items(row["source_grade"])
        assert len(urls) == len(grades), f"{name} row {n}: {len(urls)} URL(s), grades {row['source_grade']!r}"
        assert set(grades) <= set(schema.SOURCE_GRADES), f"{name} row {n}: {row['source_grade']!r}"


def test_encyclopaedias_are_reference_works_and_agencies_news():
    """Hosts whose kind never varies are graded alike wherever they are cited."""
    fixed = {"wikipedia.org": "reference", "britannica.com": "reference", "tass.com": "news",
             "apnews.com": "news", "reuters.com": "news", "history.state.gov": "primary", "nato.int": "primary"}
    for name in GRADED:
        for row in _rows(name):
            for url, grade in zip(catalogue.items(row["source_url"]), catalogue.items(row["source_grade"]),
                                  strict=True):
                host = url.split("/")[2].removeprefix("www.")
                for known, want in fixed.items():
                    if host == known or host.endswith("." + known):
                        assert grade == want, f"{name}: {url} graded {grade}, not {want}"


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


FLASH_HEADER = "id,name,lat,lon,kind,countries,years,summary,source,source_url,source_grade\n"


def test_an_unknown_grade_names_file_row_column_and_value(tmp_path):
    _write(tmp_path, "flashpoints.csv", FLASH_HEADER
           + "a,A,1,2,battle,X,1900,S,Src,https://en.wikipedia.org/wiki/A,reference\n"
           + "b,B,1,2,battle,X,1900,S,Src,https://example.org/b,blog\n")
    with pytest.raises(DataError) as err:
        catalogue.load("flashpoints.csv", tmp_path)
    [problem] = err.value.problems
    assert (problem.file, problem.row, problem.column, problem.found) == ("flashpoints.csv", 2, "source_grade", "blog")
    assert "unknown source_grades 'blog'" in problem.rule and "primary" in problem.rule


def test_a_url_without_a_grade_and_a_missing_grade_column_are_refused(tmp_path):
    _write(tmp_path, "flashpoints.csv", FLASH_HEADER + "a,A,1,2,battle,X,1900,S,Src,https://example.org/a,\n")
    with pytest.raises(DataError) as err:
        catalogue.load("flashpoints.csv", tmp_path)
    [problem] = err.value.problems
    assert (problem.row, problem.column) == (1, "source_grade") and "one grade for each source_url" in problem.rule
    _write(tmp_path, "flashpoints.csv", FLASH_HEADER.replace(",source_grade", "")
           + "a,A,1,2,battle,X,1900,S,Src,https://example.org/a\n")
    with pytest.raises(DataError) as err:
        catalogue.load("flashpoints.csv", tmp_path)
    assert [(p.column, p.rule) for p in err.value.problems] == [
        ("source_grade", "required column is missing from the header")]


def test_listed_sources_need_one_grade_each(tmp_path):
    frame = pd.DataFrame({"source_url": ["https://a.org/1;https://b.org/2"], "source_grade": ["news"]})
    [problem] = catalogue.checks.graded(frame, "risk_status.csv")
    assert problem.row == 1 and problem.found.startswith("2 URL(s), 1 grade(s)")


def test_grade_counts_per_file_and_in_all(tmp_path):
    _write(tmp_path, "events.csv", "id,source_url,source_grade\n"
           "a,https://x.org/1,news\nb,,\nc,https://x.org/2,primary\nd,https://x.org/3,\n")
    _write(tmp_path, "risk_status.csv", "risk_id,source_url,source_grade\nr,https://x.org/1;https://y.org/2,news;other\n")
    assert grade_counts(tmp_path / "events.csv") == {
        "primary": 1, "scholarly": 0, "reference": 0, "news": 1, "other": 0, "not graded": 1}
    table = provenance_table(tmp_path)
    assert grade_totals(table) == {"primary": 1, "scholarly": 0, "reference": 0, "news": 2, "other": 1,
                                   "not graded": 1}


def test_the_shipped_data_grades_every_source_of_ours():
    table = provenance_table(DATA).set_index("file")
    for name in GRADED:
        counts = table.loc[f"data/{name}", list(GRADE_COLUMNS)]
        cited = sum(len(catalogue.items(r["source_url"])) for r in _rows(name))
        assert int(counts.sum()) == cited and counts["not graded"] == 0, name
    assert pd.isna(table.loc["data/risks.csv", "news"])  # no source_url column: nothing to grade
