"""CSV exports cannot be turned into formulas by a spreadsheet; real numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from pivotdash.export.tables import neutralise_cell, to_safe_csv


@pytest.mark.parametrize("cell", ["=1+1", "+CMD|'/C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx",
                                  '=HYPERLINK("http://x","y")', "-", "+"])
def test_formula_like_text_is_prefixed_with_a_quote(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-3.5", "+2", "-12", "-1e3", ".5", "Russia", "", "a=b"])
def test_plain_text_and_numbers_written_as_text_are_left_alone(cell: str) -> None:
    assert neutralise_cell(cell) == cell


def test_to_safe_csv_neutralises_cells_and_headers_and_keeps_negative_numbers_numeric() -> None:
    frame = pd.DataFrame({
        "partner": ["=cmd()", "@x", "China", "\tTab", "\rCR"],
        "change_pct": [-3.5, 2.0, -0.25, 0.0, -100.0],
        "value": pd.array([-1, 2, 3, 4, -5], dtype="Int64"),
        "=evil": ["a", "b", "c", "d", "e"],
    })
    text = to_safe_csv(frame).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["partner", "change_pct", "value", "'=evil"]
    assert [r[0] for r in rows[1:]] == ["'=cmd()", "'@x", "China", "'\tTab", "'\rCR"]
    assert [r[1] for r in rows[1:]] == ["-3.5", "2.0", "-0.25", "0.0", "-100.0"]
    assert [r[2] for r in rows[1:]] == ["-1", "2", "3", "4", "-5"]
    # Numbers come back as numbers when read again.
    back = pd.read_csv(io.StringIO(text))
    assert back["change_pct"].tolist() == [-3.5, 2.0, -0.25, 0.0, -100.0]


def test_missing_values_stay_empty() -> None:
    frame = pd.DataFrame({"a": ["x", None], "b": [1.0, float("nan")]})
    rows = list(csv.reader(io.StringIO(to_safe_csv(frame).decode())))
    assert rows[2] == ["", ""]
