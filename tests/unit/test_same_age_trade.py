"""Asia's share of Russia's trade at each turn East's start, at today's turn's age, at its end: from the CSVs."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from pivotdash import paths, same_age
from pivotdash.state import EpisodesState
from pivotdash.views import build
from pivotdash.views.loaded import Loaded

TRADE = paths.REPO_ROOT / "data" / "trade"


def _share(file: str, value: str, total: str, partners: tuple[str, ...], year: int) -> float:
    """Exports + imports of `partners` over the total's, summed straight from the committed CSV."""
    with open(TRADE / file, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if int(r["year"]) == year]
    part = sum(float(r[value]) for r in rows if r["partner"] in partners)
    whole = sum(float(r[value]) for r in rows if r["partner"] == total)
    return round(100 * part / whole, 2)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    data = Loaded()
    return same_age.same_age_table(data.dataset().episodes, data.trade_tables())


def _row(table: pd.DataFrame, turn: str, at: str) -> pd.Series:
    found = table[(table["turn_east"] == turn) & (table["at"] == at)]
    assert len(found) == 1, (turn, at)
    return found.iloc[0]


def test_today_s_turn_at_its_start_and_at_age_six_from_dots():
    data = Loaded()
    assert same_age.comparison_age(data.dataset().episodes, data.trade_tables()) == (6, 2020)


@pytest.mark.parametrize(("at", "year"), [("its first year", 2014), ("age 6", 2020)])
def test_dots_shares_match_the_csv(table, at, year):
    row = _row(table, "Putin's turn to the East", at)
    assert row["year"] == year
    dots = ("dots_russia_partners.csv", "value_usd_mn", "world")
    assert row["china_share_pct"] == pytest.approx(_share(*dots, ("china",), year), abs=0.01)
    assert row["china_japan_korea_share_pct"] == pytest.approx(
        _share(*dots, ("china", "japan", "south_korea"), year), abs=0.01)
    assert row["gap"] == ""


@pytest.mark.parametrize(("turn", "at", "year"), [
    ("The Amur seizure", "its first year", 1854), ("Witte's Trans-Siberian push", "age 6", 1897),
    ("Witte's Trans-Siberian push", "its last year", 1905), ("The Bolsheviks' revolutionary turn East", "age 6", 1926),
])
def test_ricardo_china_shares_match_the_csv(table, turn, at, year):
    row = _row(table, turn, at)
    assert row["year"] == year
    expected = _share("ricardo_russia_history.csv", "value", "total", ("china",), year)
    assert row["china_share_pct"] == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(("turn", "at", "reason"), [
    ("The North Pacific push", "its first year", "no trade data before 1827"),
    ("The Bolsheviks' revolutionary turn East", "its first year", "RICardo has no series for 1918–1925"),
    ("Stalin and the Korean War", "its first year", "DOTS starts 1992"),
    ("Stalin and the Korean War", "age 6", "it ended after 3 years"),
    ("Gorbachev's Asian Pivot", "its last year", "DOTS starts 1992"),
    ("Putin's turn to the East", "its last year", "ongoing (DOTS ends 2020)"),
])
def test_a_year_without_data_is_a_gap_with_its_reason_never_a_zero(table, turn, at, reason):
    row = _row(table, turn, at)
    assert pd.isna(row["china_share_pct"]) and pd.isna(row["china_japan_korea_share_pct"])
    assert reason in row["gap"]


def test_asia_group_is_a_gap_where_ricardo_lacks_a_member(table):
    row = _row(table, "Witte's Trans-Siberian push", "age 6")  # 1897: China and Japan reported, Korea not
    assert row["china_share_pct"] > 0 and pd.isna(row["china_japan_korea_share_pct"])
    assert "RICardo has no Korea in 1897" in row["gap"]


def test_the_durability_view_carries_the_comparison():
    view = build("episodes-durability", EpisodesState(), Loaded())
    assert view is not None
    dots = ("dots_russia_partners.csv", "value_usd_mn", "world")
    now, then = _share(*dots, ("china",), 2020), _share(*dots, ("china",), 2014)
    assert f"At age 6 (2020, DOTS's last year) China had {now:.1f}% of Russia's trade ({then:.1f}% in 2014)" in (
        view.subtitle)
    putin = view.data[view.data["turn_east"] == "Putin's turn to the East"].iloc[0]
    assert putin["china_share_pct_age6"] == pytest.approx(_share(*dots, ("china",), 2020), abs=0.01)
    assert "DOTS" in view.source and "RICardo" in view.source and "ODbL" in view.licence
