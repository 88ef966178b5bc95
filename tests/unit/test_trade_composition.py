"""What the composition charts show: parts, the rest of the world, stacking with gaps, view state in the URL."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from pivotdash.trade import composition as comp
from pivotdash.trade import viewstate as vs
from pivotdash.trade.markers import history_bands, key_event_markers, pivot_band
from pivotdash.trade.tables import load_tables

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tables():
    return load_tables(ROOT / "data")


def rows(frame: pd.DataFrame, partner: str) -> pd.DataFrame:
    return frame[frame["partner"] == partner].set_index("year")


def test_stacked_parts_and_rest_of_world_add_up_to_the_world_total(tables):
    view = vs.TradeView(chart="area")
    frame = comp.chart_frame(tables.dots, tables.members, view)
    parts = frame[frame["partner"] != "world"]
    assert list(dict.fromkeys(parts["partner"])) == ["eu27", "china", "japan_korea", "belarus", "united_states",
                                                     "rest_of_world"]
    total_2018 = parts[parts["year"] == 2018]["share_pct"].sum()
    assert total_2018 == pytest.approx(100, abs=0.001)
    # The chart's rest of world for the default partners is the table's rest_of_world.
    table_rest = tables.dots[(tables.dots["partner"] == "rest_of_world") & (tables.dots["flow"] == "exports") &
                             (tables.dots["year"] == 2018)]["share_pct"].iloc[0]
    assert rows(frame, "rest_of_world").loc[2018, "share_pct"] == pytest.approx(table_rest, abs=1e-3)


def test_gaps_stay_gaps_in_the_chart_data(tables):
    frame = comp.chart_frame(tables.dots, tables.members, vs.TradeView(chart="area"))
    for year in (2001, 2004, 2009, 2010):
        assert math.isnan(rows(frame, "belarus").loc[year, "share_pct"])
        assert math.isnan(rows(frame, "rest_of_world").loc[year, "share_pct"])
    assert rows(frame, "belarus").loc[2002, "share_pct"] > 0


def test_a_member_chosen_with_its_group_is_taken_out_of_it(tables):
    view = vs.TradeView(chart="area", partners=("china", "germany"))
    frame = comp.chart_frame(tables.dots, tables.members, view)
    assert "eu27_excl" in set(frame["partner"])
    name = frame[frame["partner"] == "eu27_excl"]["partner_name"].iloc[0]
    assert name == "EU27 (2020 members, every year) excl. Germany"
    eu = tables.dots[(tables.dots["partner"] == "eu27") & (tables.dots["flow"] == "exports") &
                     (tables.dots["year"] == 2013)]["share_pct"].iloc[0]
    de = rows(frame, "germany").loc[2013, "share_pct"]
    assert rows(frame, "eu27_excl").loc[2013, "share_pct"] == pytest.approx(eu - de, abs=1e-3)
    # The line view shows the EU whole, next to Germany.
    lines = comp.chart_frame(tables.dots, tables.members, vs.TradeView(chart="line", partners=("germany",)))
    assert set(lines["partner"]) == {"eu27", "germany"}


def test_bar_view_is_one_year_and_value_mode_is_in_billions(tables):
    frame = comp.chart_frame(tables.dots, tables.members, vs.TradeView(chart="bar", year=2013, measure="value"))
    assert set(frame["year"]) == {2013}
    china = rows(frame, "china").loc[2013]
    assert china["value_usd_bn"] == pytest.approx(china["value_usd_mn"] / 1000)


def test_stack_leaves_holes_and_hatches_only_what_cannot_be_split(tables):
    frame = comp.chart_frame(tables.dots, tables.members, vs.TradeView(chart="area", years=(2000, 2002)))
    bands = {b.partner: b for b in comp.stack(frame, "share_pct")}
    assert next(iter(bands)) == "china"  # complete parts at the bottom, Belarus (gaps) last before the rest
    years = bands["belarus"].years
    i2001 = years.index(2001)
    assert bands["belarus"].upper[i2001] is None and bands["rest_of_world"].upper[i2001] is None
    unsplit = bands[comp.UNSPLIT]
    # In 2001 the hatched band runs from the top of the EU to 100%: Belarus + rest of world, not split.
    assert unsplit.lower[i2001] == pytest.approx(bands["eu27"].upper[i2001])
    assert unsplit.upper[i2001] == pytest.approx(100)
    assert unsplit.upper[years.index(2000)] is None


def test_segments_split_runs_at_gaps():
    runs = comp.segments([1, 2, 3, 4, 5], [0, 0, None, 0, 0], [1, 2, None, 3, 4])
    assert [r[0] for r in runs] == [[1, 2], [4, 5]]


def test_published_points_match_flow_measure_partner_and_years():
    published = pd.DataFrame({
        "id": ["a", "b", "c", "d"], "year": [2021, 2023, 2023, 2022], "flow": ["exports", "exports", "total",
                                                                             "exports"],
        "partner": ["china", "china", "china", "eu27"], "metric": ["share_pct", "value_usd_bn", "share_pct",
                                                                    "share_pct"],
        "value": [14.6, 120.0, 34.0, 11.0], "label": ["x"] * 4, "source": ["s"] * 4, "source_url": ["u"] * 4,
        "note": [""] * 4,
    })
    view = vs.TradeView(years=(1992, 2025))
    shown = comp.published_points(published, view, {"china"}, {"china": "China (mainland)"})
    assert list(shown["id"]) == ["a"]
    assert shown["partner_name"].iloc[0] == "China (mainland)"
    assert comp.published_points(published, vs.TradeView(years=(1992, 2020)), {"china"}).empty
    assert list(comp.published_points(published, vs.TradeView(measure="value", years=(1992, 2025)),
                                      {"china"})["id"]) == ["b"]


def test_view_in_words(tables):
    words = vs.describe(vs.TradeView(flow="imports", eu="eu28"), tables.partner_names)
    assert words.startswith("Imports (partners' reported exports to Russia) · share of the world total")
    assert "EU28 (2013–2020 members, every year), China (mainland), Japan + South Korea" in words
    assert words.endswith("stacked area")


def test_clip_years():
    assert vs.clip_years((1790, 2026), (1992, 2020)) == (1992, 2020)
    assert vs.clip_years((1800, 1900), (1992, 2020)) is None


EVENTS = pd.DataFrame({
    "id": ["2014-crimea-annexation", "a-sanctions", "pos", "war", "other"],
    "date": ["2014-03-18", "2014-03-17", "2019-12-02", "2022-02-24", "2022-02-04"],
    "title": ["Russia annexes Crimea", "West imposes sanctions", "Power of Siberia starts", "Full-scale invasion",
              "Joint statement"],
    "summary": ["", "", "", "Russia invades Ukraine", ""],
})


def test_key_events_by_id_or_by_date_and_words_merged_per_month():
    markers = key_event_markers(EVENTS)
    assert [m.when for m in markers] == ["March 2014", "December 2019", "February 2022"]
    assert markers[0].titles == ("West imposes sanctions", "Russia annexes Crimea")
    assert markers[0].x == pytest.approx(2014 + 75 / 365)
    assert markers[2].ids == ("war",)
    assert key_event_markers(None) == []


def test_episode_bands():
    episodes = pd.DataFrame({"id": ["amur", "witte", "putin_pivot", "gorbachev"],
                             "name": ["Amur", "Witte", "Putin's turn", "Gorbachev"],
                             "start_year": [1854, 1891, 2014, 1986], "end_year": [1860, 1905, None, 1991]})
    band = pivot_band(episodes)
    assert band is not None and (band.start, band.end, band.name) == (2014.0, None, "Putin's turn")
    assert [b.id for b in history_bands(episodes)] == ["amur", "witte"]
    assert pivot_band(None) is None
