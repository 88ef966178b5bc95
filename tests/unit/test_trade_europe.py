"""Which EU and which Europe: the membership table, the EU as it was each year, wider Europe, the claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from pivotdash.trade import claims as tc
from pivotdash.trade import composition as comp
from pivotdash.trade import groups as g
from pivotdash.trade import viewstate as vs
from pivotdash.trade.tables import load_tables

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tables():
    return load_tables(ROOT / "data")


@pytest.mark.parametrize(("year", "size"), [(1992, 12), (1994, 12), (1995, 15), (2003, 15), (2004, 25),
                                            (2007, 27), (2012, 27), (2013, 28), (2019, 28), (2020, 27)])
def test_the_eu_had_its_members_of_each_year(year, size):
    assert g.eu_size(year) == size
    assert len(g.GROUPS["eu_year"].members_in(year)) == size


def test_every_member_has_a_source_of_record_and_a_date():
    eu = [m for m in g.EUROPE_MEMBERS if m.group == "eu"]
    assert len(eu) == 28 and all(m.first_year for m in eu)
    assert all(m.source_url.startswith("https://") for m in g.EUROPE_MEMBERS)
    assert {m.source_url for m in eu} == {"https://europa.eu/european-union/about-eu/countries_en"}
    uk = next(m for m in eu if m.member == "united_kingdom")
    assert (uk.first_year, uk.last_year) == (1973, 2019)  # left on 31 January 2020
    croatia = next(m for m in eu if m.member == "croatia")
    assert croatia.first_year == 2013  # joined 1 July 2013: a member at the end of 2013


def _share(dots, partner, year, flow="exports"):
    return tc.share(dots, flow, partner, year)


def test_the_eu_as_it_was_differs_from_the_back_cast_eu27(tables):
    dots = tables.dots
    # 2013–2019: the EU had the 28 members of EU28; 2020: the 27 of EU27.
    assert _share(dots, "eu_year", 2018) == pytest.approx(_share(dots, "eu28", 2018))
    assert _share(dots, "eu_year", 2020) == pytest.approx(_share(dots, "eu27", 2020))
    # 1995: EU15, not the 27 of 2020: Poland, Czechia, … are not in it.
    assert _share(dots, "eu_year", 1995) < _share(dots, "eu27", 1995) - 3
    row = dots[(dots["partner"] == "eu_year") & (dots["year"] == 2004) & (dots["flow"] == "exports")]
    assert "25 members this year" in row["note"].iloc[0]


def test_every_eu_label_says_which_eu(tables):
    names = tables.partner_names
    assert names["eu27"] == "EU27 (2020 members, every year)"
    assert names["eu28"] == "EU28 (2013–2020 members, every year)"
    assert names["eu_year"] == "EU as it was that year"
    assert vs.EU_MEANS["eu27"] == names["eu27"]


def test_wider_europe_contains_the_declared_groups_and_counts_unitemised_members_where_reported(tables):
    wide = g.GROUPS["wider_europe"]
    assert {"united_kingdom", "norway", "switzerland", "iceland", "belarus", "ukraine", "moldova", "serbia",
            "albania", "kosovo", "liechtenstein"} <= set(wide.members)
    assert set(g.EU27) <= set(wide.members)
    dots = tables.dots
    assert _share(dots, "wider_europe", 2018) > _share(dots, "eu28", 2018) + 5
    row = dots[(dots["partner"] == "wider_europe") & (dots["year"] == 2018) & (dots["flow"] == "exports")]
    assert "Not itemised (so not added): Liechtenstein, Kosovo." in row["note"].iloc[0]
    # Belarus is not reported in 2001: wider Europe is a gap then, never a partial sum.
    assert _share(dots, "wider_europe", 2001) is None


def test_a_member_taken_out_of_the_eu_as_it_was_only_in_its_member_years(tables):
    view = vs.TradeView(chart="area", eu="eu_year", partners=("poland",), years=(2000, 2008))
    frame = comp.chart_frame(tables.dots, tables.members, view).set_index(["partner", "year"])
    eu = tables.dots[(tables.dots["partner"] == "eu_year") & (tables.dots["flow"] == "exports")].set_index("year")
    poland = frame.loc[("poland", 2005), "value_usd_mn"]
    assert frame.loc[("eu_year_excl", 2002), "value_usd_mn"] == pytest.approx(eu.loc[2002, "value_usd_mn"])
    assert frame.loc[("eu_year_excl", 2005), "value_usd_mn"] == pytest.approx(eu.loc[2005, "value_usd_mn"] - poland)


def test_the_claims_check_shows_what_each_europe_makes_of_half(tables):
    check = tc.europe_check(tables.dots, [2017, 2018, 2020]).set_index(["claim", "europe", "year"])
    paper = check.loc[("europe_exports_half", "eu28", 2018)]
    assert paper["paper_definition"] and paper["share_pct"] == 45.6 and paper["verdict"] == "holds"
    assert check.loc[("europe_exports_half", "eu_year", 2020), "share_pct"] == 33.7  # EU27 after the UK left
    assert check.loc[("europe_exports_half", "eu_year", 2020), "verdict"] == "does not hold"
    assert check.loc[("europe_exports_half", "eu28", 2020), "verdict"] == "roughly holds"
    assert check.loc[("europe_exports_half", "wider_europe", 2018), "share_pct"] == 54.4
    assert set(check.reset_index()["europe"]) == {"eu28", "eu_year", "eu27", "wider_europe"}


def test_the_eu_as_it_was_round_trips_through_a_link():
    from pivotdash import state as st

    state = st.TradeState(view=vs.TradeView(eu="eu_year"))
    url = st.link(state)
    assert "trade_eu=EU+as+it+was" in url
    assert st.parse_link(url).state.view.eu == "eu_year"
    assert st.parse_link("/trade?trade_eu=EU28").state.view.eu == "eu28"  # older links keep working


def test_the_membership_table_passes_the_catalogue_checks():
    from pivotdash import catalogue
    from pivotdash.catalogue import files

    frame = catalogue.load_all((files.EUROPE_GROUPS,), ROOT / "data")[files.EUROPE_GROUPS.name]
    assert len(frame) == len(g.EUROPE_MEMBERS) == 41
