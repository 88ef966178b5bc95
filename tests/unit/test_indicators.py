"""The risks' trade indicators: the paper's figure, the latest DOTS year, the later published figures, labelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from pivotdash.indicators import INDICATORS, for_risk, headline, indicator, readings_table
from pivotdash.trade.tables import load_published, load_tables

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def tables():
    return load_tables(DATA)


@pytest.fixture(scope="module")
def published(tables):
    frame, problems = load_published(DATA, set(tables.partner_names))
    assert not problems
    return frame


def test_china_share_has_the_paper_the_latest_dots_year_and_later_figures(tables, published):
    ind = indicator("china_share", tables, published)
    paper = ind.of_kind("paper")
    assert {(r.flow, r.value) for r in paper} == {("exports", 11), ("imports", 20)}
    assert all("p35" in r.source for r in paper)
    series = {r.flow: r for r in ind.of_kind("series")}
    dots = tables.dots
    for flow in ("exports", "imports"):
        row = dots[(dots["flow"] == flow) & (dots["partner"] == "china") & (dots["year"] == 2020)].iloc[0]
        assert series[flow].year == 2020
        assert series[flow].value == pytest.approx(row["share_pct"], abs=0.05)
        assert "Direction of Trade Statistics" in series[flow].source
    later = ind.of_kind("published")
    assert later and all(r.year and r.year > 2020 and r.source_url.startswith("http") for r in later)
    assert ind.gaps == ()


def test_eu_share_reads_the_paper_s_europe_and_later_eu27_figures(tables, published):
    ind = indicator("eu_share", tables, published)
    series = ind.of_kind("series")
    assert {r.flow for r in series} == {"exports", "imports"}
    assert all("EU of 2019" in r.label for r in series)
    assert {r.year for r in ind.of_kind("published")} == {2023, 2024}


def test_the_claims_check_and_the_risk_indicator_give_the_same_europe_figure(tables, published):
    """The paper's "half of exports go to Europe": one partner group, one number, wherever it is judged."""
    from pivotdash.trade import claims

    for r in indicator("eu_share", tables, published).of_kind("series"):
        claim = next(c for c in claims.CLAIMS if c.id == f"europe_{r.flow}_half")
        checked = claims.check(tables.dots, [r.year]).set_index("claim").loc[claim.id]
        assert r.year is not None and r.value == round(float(checked["data"]), 1), (r.flow, r.year)


def test_trade_value_shows_the_2025_fall(tables, published):
    text = headline(indicator("china_trade_value", tables, published))
    assert "Total: published 2024 → 2025: $244.8bn → $228.105bn" in text
    assert "DOTS 2020" in text


def test_a_headline_never_sets_a_non_comparable_figure_beside_the_dots_one(tables, published):
    text = headline(indicator("china_trade_value", tables, published))
    # China customs' imports from Russia are not Russia's exports (13% apart in 2020): said so.
    assert "Exports: DOTS 2020: $49.6bn, published 2022 → 2024 (not comparable with DOTS): " in text
    # China customs' exports to Russia are what DOTS's mirror holds: no such warning.
    assert "Imports: DOTS 2020: $50.6bn, published 2022 → 2024: $76.12bn" in text
    eu = headline(indicator("eu_share", tables, published))
    assert "DOTS 2020, EU28 (the EU of 2019, with the UK): 40.5%" in eu


def test_without_trade_data_the_indicator_says_what_is_missing():
    ind = indicator("china_share", None, None)
    assert [r.kind for r in ind.readings] == ["paper", "paper"]
    assert len(ind.gaps) == 2
    assert headline(ind) == "Exports: the paper (2019): about 11% · Imports: the paper (2019): 20%"


def test_readings_table_labels_kinds(tables, published):
    table = readings_table(indicator("china_share", tables, published))
    assert list(table.columns) == ["figure", "year", "value", "unit", "kind", "source", "source_url"]
    assert set(table["kind"]) == {"The paper (2019)", "DOTS series", "Published later (not joined)"}
    assert table.loc[table["kind"] == "The paper (2019)", "year"].eq("").all()


def test_for_risk_keeps_order_and_every_indicator_has_a_title(tables, published):
    out = for_risk(("china_share", "eu_share"), tables, published)
    assert [ind.id for ind, _ in out] == ["china_share", "eu_share"]
    assert all(INDICATORS[ind.id] == ind.title and words for ind, words in out)
