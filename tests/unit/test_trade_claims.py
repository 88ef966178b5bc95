"""The paper's trade numbers (p33, p35): quoted verbatim, measured, judged with the stated tolerance."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pivotdash.paper import load_paper
from pivotdash.trade import claims as tc
from pivotdash.trade.tables import load_tables

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dots():
    return load_tables(ROOT / "data").dots


def test_every_claim_quotes_its_paragraph_verbatim():
    paper = load_paper()
    for claim in tc.CLAIMS:
        assert claim.quote in paper.paragraph(claim.paragraph).plain_text, claim.id
    assert {c.paragraph for c in tc.CLAIMS} == {"p33", "p35"}


def synthetic(shares: dict[tuple[str, str], float], year: int = 2017) -> pd.DataFrame:
    return pd.DataFrame([{"year": year, "flow": f, "partner": p, "share_pct": v} for (f, p), v in shares.items()])


@pytest.mark.parametrize(("value", "expected"), [(11.0, "holds"), (9.95, "holds"), (12.1, "holds"),
                                                 (8.3, "roughly holds"), (13.7, "roughly holds"),
                                                 (8.2, "does not hold"), (14.7, "does not hold")])
def test_point_claims_hold_within_10_and_roughly_within_25_percent(value, expected):
    claim = next(c for c in tc.CLAIMS if c.id == "china_exports_11")
    assert tc.verdict(claim, value) == expected


@pytest.mark.parametrize(("value", "expected"), [(3.99, "holds"), (4.0, "roughly holds"), (4.39, "roughly holds"),
                                                 (4.4, "does not hold")])
def test_upper_bound_claims(value, expected):
    claim = next(c for c in tc.CLAIMS if c.id == "japan_exports_under_4")
    assert tc.verdict(claim, value) == expected


def test_ratio_claims_divide_two_shares():
    frame = synthetic({("exports", "belarus"): 5.0, ("exports", "japan"): 2.5, ("imports", "china"): 20.0,
                       ("exports", "china"): 10.0})
    belarus = next(c for c in tc.CLAIMS if c.id == "belarus_as_much_as_japan")
    twice = next(c for c in tc.CLAIMS if c.id == "china_imports_twice_exports")
    assert tc.measure(belarus, frame, 2017) == 2.0
    assert tc.verdict(belarus, 2.0) == "does not hold"
    assert tc.measure(twice, frame, 2017) == 2.0
    assert tc.verdict(twice, 2.0) == "holds"
    assert tc.verdict(belarus, None) == "no data"


def test_the_paper_matches_2017_data_best(dots):
    assert tc.best_year(dots) == 2017
    fit = tc.fit_by_year(dots)
    assert fit["year"].iloc[0] == 2017
    assert fit["precise_deviation_pct"].iloc[0] < 1  # China 10.94% of exports, 20.20% of imports
    assert 2001 not in set(fit["year"])  # Belarus missing: the year cannot be scored


def test_claims_against_2017_and_2020(dots):
    table = tc.check(dots, [2017, 2020]).set_index(["claim", "year"])
    assert table.loc[("china_exports_11", 2017), "data"] == 10.9
    assert table.loc[("china_exports_11", 2017), "verdict"] == "holds"
    assert table.loc[("china_exports_11", 2020), "data"] == 14.7
    assert table.loc[("china_exports_11", 2020), "verdict"] == "does not hold"
    assert table.loc[("europe_exports_half", 2017), "data"] == 44.7  # EU28
    assert table.loc[("europe_exports_half", 2017), "verdict"] == "roughly holds"
    assert table.loc[("china_imports_20", 2017), "verdict"] == "holds"
    assert table.loc[("japan_exports_under_4", 2017), "verdict"] == "holds"
    assert table.loc[("korea_exports_under_4", 2020), "verdict"] == "holds"
    assert table.loc[("belarus_as_much_as_japan", 2017), "data"] == 1.71  # 5.10% ÷ 2.99%
    assert table.loc[("belarus_as_much_as_japan", 2017), "verdict"] == "does not hold"
    assert set(table["paragraph"]) == {"p33", "p35"}


def test_the_share_index_answers_as_a_scan_of_the_table_would() -> None:
    import pandas as pd

    from pivotdash.trade.claims import share

    dots = pd.DataFrame({"flow": ["exports", "exports", "exports", "imports"],
                         "partner": ["china", "china", "japan", "china"],
                         "year": [2018, 2018, 2018, 2018], "share_pct": [11.0, 99.0, float("nan"), 20.5]})
    assert share(dots, "exports", "china", 2018) == 11.0  # the first row of a duplicated key, as a scan reads it
    assert share(dots, "exports", "japan", 2018) is None  # reported as missing: a gap, never a zero
    assert share(dots, "imports", "china", 2018) == 20.5
    assert share(dots, "imports", "japan", 2018) is None
    other = dots.assign(share_pct=[1.0, 2.0, 3.0, 4.0])  # another table gets its own index
    assert share(other, "exports", "japan", 2018) == 3.0
