"""Published post-2020 figures: each says which DOTS series it compares with, and the 2020 check holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pivotdash.trade.tables import load_published, load_tables

ROOT = Path(__file__).resolve().parents[2]
# China customs for 2020 (Sputnik, 14 January 2021): exports to Russia, imports from Russia, US$ bn.
CHINA_CUSTOMS_2020 = {"exports_to_russia": 50.58, "imports_from_russia": 57.18}


@pytest.fixture(scope="module")
def published():
    tables = load_tables(ROOT / "data")
    frame, problems = load_published(ROOT / "data", tables.partners)
    assert not problems
    return tables, frame


def _value(tables, flow: str) -> float:
    d = tables.dots
    row = d[(d["flow"] == flow) & (d["partner"] == "china") & (d["year"] == 2020)]
    return float(row["value_usd_mn"].iloc[0]) / 1000


def test_every_published_figure_says_what_it_compares_with(published):
    _, frame = published
    assert frame["comparable_with"].str.len().gt(0).all()
    rows = frame.set_index("id")["comparable_with"]
    assert rows["cn_customs_2024_ru_imports"].startswith("DOTS imports (mirror)")
    assert rows["cn_customs_2024_ru_exports"].startswith("none:") and "13% apart" in rows["cn_customs_2024_ru_exports"]
    assert all(rows[i].startswith("none:") for i in rows.index if i.endswith("_total"))


def test_the_2020_check_behind_the_comparability(published):
    tables, _ = published
    mirror = _value(tables, "imports")  # China's reported exports to Russia
    russia = _value(tables, "exports")  # Russia's reported exports to China
    assert abs(mirror / CHINA_CUSTOMS_2020["exports_to_russia"] - 1) < 0.002
    gap = (CHINA_CUSTOMS_2020["imports_from_russia"] - russia) / CHINA_CUSTOMS_2020["imports_from_russia"]
    assert gap == pytest.approx(0.13, abs=0.005)


def test_two_readings_of_chinas_2024_share_are_explained(published):
    _, frame = published
    rows = frame.set_index("id")
    row = rows.loc["fcs_2024_china_share_total"]
    assert row["value"] == 34 and "32%" in row["note"] and "66%" in row["note"]
    # The two sources disagree, so both figures are shown, each saying how it reads the other.
    tass = rows.loc["fcs_2024_china_share_total_tass"]
    assert tass["value"] == 32 and tass["source_url"] == "https://tass.com/economy/1838275"
    assert "34%" in tass["note"] and "66%" in tass["note"] and tass["comparable_with"].startswith("none")
