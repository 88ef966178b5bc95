"""Deriving the trade tables: group sums, shares and gaps on fixtures; the committed tables equal a rebuild."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
import pytest

from pivotdash.trade import build

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "trade"
REFERENCE = ROOT.parent / "shared" / "reference" / "trade"


@pytest.fixture(scope="module")
def built() -> dict[str, pd.DataFrame]:
    out = build.build_all((FIXTURE / build.DOTS_EXTRACT).read_bytes(), (FIXTURE / build.RICARDO_EXTRACT).read_bytes())
    return {name: pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False) for name, raw in out.items()}


def cell(table: pd.DataFrame, year: int, flow: str, partner: str, column: str) -> str:
    rows = table[(table["year"] == str(year)) & (table["flow"] == flow) & (table["partner"] == partner)]
    assert len(rows) == 1, f"{year} {flow} {partner}: {len(rows)} rows"
    return str(rows[column].iloc[0])


def num(table: pd.DataFrame, year: int, flow: str, partner: str, column: str = "value_usd_mn") -> float | None:
    text = cell(table, year, flow, partner, column)
    return None if text == "" else float(text)


def test_eu27_sums_members_with_belgium_luxembourg_standing_in(built):
    dots = built[build.DOTS_FILE]
    # 2000: Germany 300 + Netherlands 100 + Belgium-Luxembourg 50 + 23 other members at 1 = 473 of 1000.
    assert num(dots, 2000, "exports", "eu27") == 473
    assert num(dots, 2000, "exports", "eu27", "share_pct") == 47.3
    assert "Belgium-Luxembourg" in cell(dots, 2000, "exports", "eu27", "note")
    # 2001: Belgium 30 and Luxembourg 20 separately, Germany 400: 573 of 2000.
    assert num(dots, 2001, "exports", "eu27", "share_pct") == 28.65
    # EU28 adds the United Kingdom (25).
    assert num(dots, 2000, "exports", "eu28") == 498


def test_dots_aggregates_are_never_added(built):
    dots = built[build.DOTS_FILE]
    # "European Union" (999) and "Advanced Economies" (700) are in the fixture; neither reaches the EU27 sum.
    assert num(dots, 2000, "exports", "eu_dots_aggregate") == 999
    assert "advanced_economies" not in set(dots["partner"])
    assert "euro_area" not in set(dots["partner"])


def test_a_group_with_a_missing_member_is_a_gap_not_a_partial_sum(built):
    dots = built[build.DOTS_FILE]
    assert cell(dots, 2002, "exports", "malta", "value_usd_mn") == ""
    assert cell(dots, 2002, "exports", "eu27", "value_usd_mn") == ""
    assert cell(dots, 2002, "exports", "eu27", "share_pct") == ""
    assert "Malta not reported" in cell(dots, 2002, "exports", "eu27", "note")


def test_missing_belarus_is_a_gap_and_so_is_the_rest_of_world(built):
    dots = built[build.DOTS_FILE]
    assert cell(dots, 2001, "exports", "belarus", "value_usd_mn") == ""
    assert "a gap, not a zero" in cell(dots, 2001, "exports", "belarus", "note")
    assert cell(dots, 2001, "exports", "rest_of_world", "value_usd_mn") == ""
    assert num(dots, 2002, "exports", "belarus", "share_pct") == 6.0


def test_rest_of_world_is_world_minus_the_core_partners(built):
    dots = built[build.DOTS_FILE]
    # 1000 − (EU27 473 + China 50 + Japan 30 + South Korea 20 + Belarus 40 + United States 10) = 377.
    assert num(dots, 2000, "exports", "rest_of_world") == 377
    assert num(dots, 2000, "exports", "rest_of_world", "share_pct") == 37.7
    assert num(dots, 2000, "exports", "japan_korea") == 50


def test_imports_are_the_partners_mirror(built):
    dots = built[build.DOTS_FILE]
    assert num(dots, 2000, "imports", "world") == 500
    assert num(dots, 2000, "imports", "china", "share_pct") == 20.0
    # 26 members at 2 and Germany at 50.
    assert num(dots, 2002, "imports", "eu27", "share_pct") == pytest.approx(102 / 700 * 100, abs=1e-4)
    # Germany's exports to the USSR after 1991 are not Russia's imports.
    assert num(dots, 2000, "imports", "germany") == 50
    assert "mirror" in cell(dots, 2000, "imports", "china", "source")


def test_estimates_and_the_netherlands_are_noted(built):
    dots = built[build.DOTS_FILE]
    assert cell(dots, 2000, "exports", "united_states", "imf_estimate") == "1"
    assert "IMF estimate" in cell(dots, 2000, "exports", "united_states", "note")
    assert "Rotterdam" in cell(dots, 2000, "exports", "netherlands", "note")
    assert "Rotterdam" in cell(dots, 2000, "exports", "eu27", "note")


def test_only_russia_1992_to_2020(built):
    years = set(built[build.DOTS_FILE]["year"].astype(int))
    assert years == {2000, 2001, 2002}  # the USSR row of 1991 is left out


def test_history_harmonises_partners_and_sums_per_year(built):
    hist = built[build.HISTORY_FILE]
    # Valetov 1850 exports: Prussia 100 + Hanse towns 50 = Germany 150 of a total 760 (sum of partners).
    assert num(hist, 1850, "exports", "germany", "value") == 150
    assert num(hist, 1850, "exports", "total", "value") == 760
    assert num(hist, 1850, "exports", "germany", "share_pct") == pytest.approx(150 / 760 * 100, abs=1e-4)
    assert cell(hist, 1850, "exports", "germany", "ricardo_partners") == "Hanse Towns + Prussia"
    assert num(hist, 1850, "exports", "ottoman_turkey", "value") == 30  # Asian + European Turkey
    assert "re-export" in cell(hist, 1850, "exports", "china", "note")
    assert "ODbL" in cell(hist, 1850, "exports", "china", "source")


def test_history_uses_one_source_per_period(built):
    hist = built[build.HISTORY_FILE]
    # The fixture's other source reports 999,999 to the UK in 1850, and France reports imports from Russia:
    # neither is counted.
    assert num(hist, 1850, "exports", "united_kingdom", "value") == 500
    assert "france" not in set(hist["partner"])


def test_history_league_of_nations_uses_its_total_and_keeps_gaps(built):
    hist = built[build.HISTORY_FILE]
    assert num(hist, 1930, "exports", "total", "value") == 100_000_000
    assert num(hist, 1930, "exports", "japan", "share_pct") == 5.0
    assert cell(hist, 1926, "exports", "japan", "value") == ""
    assert "gap" in cell(hist, 1926, "exports", "japan", "note")
    assert "Mongolia" in cell(hist, 1926, "exports", "china", "note")


def test_duplicate_dots_rows_are_refused():
    raw = (FIXTURE / build.DOTS_EXTRACT).read_text(encoding="utf-8").splitlines()
    doubled = "\n".join([*raw, raw[1]]) + "\n"
    with pytest.raises(ValueError, match="duplicate DOTS rows"):
        build.build_dots(build.read_extract(doubled.encode()))


def test_committed_tables_hold_the_numbers_the_page_reports():
    table = pd.read_csv(ROOT / "data" / "trade" / build.DOTS_FILE, keep_default_na=False, dtype=str)

    def share(year: int, partner: str) -> float:
        return float(cell(table, year, "exports", partner, "share_pct"))

    assert share(2000, "china") == pytest.approx(5.09, abs=0.01)
    assert share(2020, "china") == pytest.approx(14.67, abs=0.01)
    assert share(2000, "eu27") == pytest.approx(50.15, abs=0.01)
    assert share(2020, "eu27") == pytest.approx(33.70, abs=0.01)
    for year in (2001, 2004, 2009, 2010):
        assert cell(table, year, "exports", "belarus", "value_usd_mn") == ""
    assert not math.isnan(share(2000, "belarus"))


@pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"reference extracts not present at {REFERENCE} (they live "
                    "outside the product; the fixture tests above cover the derivation)")
def test_committed_tables_equal_a_fresh_rebuild_from_the_reference_extracts():
    out = build.build_all((REFERENCE / build.DOTS_EXTRACT).read_bytes(),
                          (REFERENCE / build.RICARDO_EXTRACT).read_bytes())
    for name, content in out.items():
        committed = (ROOT / "data" / "trade" / name).read_bytes()
        assert committed == content, f"data/trade/{name} differs from a rebuild: run scripts/build_trade.py"


def test_committed_eu27_matches_the_dots_eu_aggregate_wherever_both_exist():
    table = pd.read_csv(ROOT / "data" / "trade" / build.DOTS_FILE, keep_default_na=False)
    table["v"] = pd.to_numeric(table["value_usd_mn"].replace("", None))
    both = table[table["partner"].isin(["eu27", "eu_dots_aggregate"])].pivot_table(
        index=["flow", "year"], columns="partner", values="v").dropna()
    assert len(both) == 28 + 26  # EU27 is a gap in exports 1992 and imports 1992, 1993 and 1997
    assert (both["eu27"] - both["eu_dots_aggregate"]).abs().max() < 0.01
