"""Loading the trade tables and the published post-2020 figures: typed values, every problem reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pivotdash.errors import DataError
from pivotdash.trade.tables import load_published, load_tables

ROOT = Path(__file__).resolve().parents[2]
TRADE = ROOT / "data" / "trade"
TABLES = ("dots_russia_partners.csv", "dots_group_members.csv", "ricardo_russia_history.csv")


@pytest.fixture(scope="module")
def tables():
    return load_tables(ROOT / "data")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    (tmp_path / "trade").mkdir()
    for name in TABLES:
        shutil.copy(TRADE / name, tmp_path / "trade" / name)
    return tmp_path


def test_committed_tables_load_typed_with_gaps_as_nan(tables):
    dots = tables.dots
    assert tables.years == (1992, 2020)
    belarus_2001 = dots[(dots["partner"] == "belarus") & (dots["flow"] == "exports") & (dots["year"] == 2001)]
    assert belarus_2001["value_usd_mn"].isna().all() and belarus_2001["share_pct"].isna().all()
    world = dots[(dots["partner"] == "world")]
    assert set(world["share_pct"]) == {100.0}
    assert tables.partner_names["china"] == "China (mainland)"
    assert set(tables.history["flow"]) == {"exports", "imports"}


def _edit(path: Path, row: int, column: str, value: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row - 1, column] = value
    frame.to_csv(path, index=False)


def test_every_problem_in_every_table_is_reported_at_once(data_copy):
    dots = data_copy / "trade" / "dots_russia_partners.csv"
    _edit(dots, 1, "flow", "re-exports")
    _edit(dots, 2, "value_usd_mn", "lots")
    _edit(dots, 3, "share_pct", "")
    _edit(data_copy / "trade" / "ricardo_russia_history.csv", 5, "share_pct", "140")
    with pytest.raises(DataError) as err:
        load_tables(data_copy)
    found = {(p.file, p.row, p.column) for p in err.value.problems}
    assert ("trade/dots_russia_partners.csv", 1, "flow") in found
    assert ("trade/dots_russia_partners.csv", 2, "value_usd_mn") in found
    assert ("trade/dots_russia_partners.csv", 3, "share_pct") in found  # a value without its share
    assert ("trade/ricardo_russia_history.csv", 5, "share_pct") in found
    rules = " ".join(p.rule for p in err.value.problems)
    assert "unknown flows 're-exports'; allowed: exports, imports" in rules and "must be a number" in rules


def test_a_missing_table_is_named(data_copy):
    (data_copy / "trade" / "dots_group_members.csv").unlink()
    with pytest.raises(DataError) as err:
        load_tables(data_copy)
    assert [(p.file, p.rule) for p in err.value.problems] == [("trade/dots_group_members.csv", "file is missing")]


def test_published_figures_absent_is_not_an_error(tmp_path):
    assert load_published(tmp_path, {"china"}) == (None, [])


PUBLISHED_HEADER = "id,year,flow,partner,metric,value,label,source,source_url,note\n"


def test_published_figures_invalid_rows_are_listed_and_left_out(tmp_path):
    (tmp_path / "trade").mkdir()
    (tmp_path / "trade" / "published_figures.csv").write_text(
        PUBLISHED_HEADER
        + "ok,2023,exports,china,share_pct,32.7,China 2023,OEC via DW,https://example.org/a,\n"
        + "mars,2023,exports,mars,share_pct,1,Mars,Someone,https://example.org/b,\n"
        + "big,2023,exports,china,share_pct,132.7,Too big,Someone,https://example.org/c,\n"
        + "old,2019,exports,china,share_pct,12,Too early,Someone,https://example.org/d,\n"
        + "nourl,2024,total,eu27,share_pct,11,EU 2024,Someone,,\n"
        + "flow,2024,re-exports,eu27,share_pct,11,EU 2024,Someone,https://example.org/e,\n",
        encoding="utf-8",
    )
    frame, problems = load_published(tmp_path, {"china", "eu27"})
    assert frame is not None and list(frame["id"]) == ["ok"]
    assert frame["value"].iloc[0] == 32.7
    by_row = {(p.row, p.column): p.rule for p in problems}
    assert "not a partner id" in by_row[(2, "partner")]
    assert "between 0 and 100" in by_row[(3, "value")]
    assert "between 2021" in by_row[(4, "year")]
    assert (5, "source_url") in by_row
    assert "allowed: exports, imports, total" in by_row[(6, "flow")]


def test_the_committed_published_figures_validate(tables):
    frame, problems = load_published(ROOT / "data", set(tables.dots["partner"]))
    assert frame is not None, "data/trade/published_figures.csv is committed: it must be there and readable"
    assert problems == []
    assert not frame.empty
    assert (frame["year"] > 2020).all()
