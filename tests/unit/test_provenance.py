"""Data provenance and the data dictionary, generated from the FileSpecs so they cannot drift from the code."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from pivotdash import catalogue, schema
from pivotdash.provenance import PROVENANCE, data_dictionary, provenance_table, readme_markdown, specs

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
    assert table.iloc[0].to_dict() == {
        "file": "data/mystery.csv", "what": "", "rows": 2, "source": "undocumented", "licence": "undocumented",
        "vintage": "", "derived": "",
    }


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
