"""Filters: which events and episodes pass, and the English description."""

from __future__ import annotations

import pytest

from pivotdash.filters import Filters, describe, event_frame, filter_episodes, filter_events
from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper


@pytest.fixture
def data(minimal_dir):
    return load_dataset(minimal_dir, load_paper().paragraph_ids)


@pytest.fixture
def frame(data):
    return event_frame(data.events, data.episodes)


def ids(frame):
    return list(frame["id"])


def test_event_frame_derives_era_dates_and_inherited_drivers(frame):
    row = frame.set_index("id").loc["2014-crimea"]
    assert row["era"] == "federation"
    assert row["driver_list"] == ("clash_with_west", "ideology")  # blank drivers inherit the episode's
    assert row["date_label"] == "March 2014"
    assert str(row["end"].date()) == "2014-03-31"
    assert frame.set_index("id").loc["1853-crimean-war", "date_label"] == "1853 – 1856"
    assert ids(frame)[0] == "1853-crimean-war"  # sorted by date


def test_no_filters_keep_everything(frame):
    assert len(filter_events(frame, Filters())) == 5


def test_era_filter(frame):
    assert ids(filter_events(frame, Filters(eras=("imperial",)))) == ["1853-crimean-war", "1858-aigun"]


def test_driver_filter_uses_any_match(frame):
    got = ids(filter_events(frame, Filters(drivers=("security", "economic_promise"))))
    assert got == ["1858-aigun", "2019-bombers"]


def test_year_range_overlap_keeps_multi_year_events(frame):
    assert ids(filter_events(frame, Filters(years=(1855, 1857)))) == ["1853-crimean-war"]


def test_category_outcome_episode_and_query(frame):
    assert ids(filter_events(frame, Filters(categories=("treaty",)))) == ["1858-aigun"]
    assert ids(filter_events(frame, Filters(outcomes=("backwater",)))) == ["1853-crimean-war", "1858-aigun"]
    assert ids(filter_events(frame, Filters(episodes=("putin_pivot",)))) == ["2014-crimea", "2019-bombers",
                                                                            "2022-no-limits"]
    assert ids(filter_events(frame, Filters(query="  BOMBERS "))) == ["2019-bombers"]
    assert ids(filter_events(frame, Filters(query="reuters"))) == ["2022-no-limits"]  # searches sources too
    assert filter_events(frame, Filters(query="(unbalanced[")).empty  # text, not a regex


def test_filters_combine(frame):
    f = Filters(eras=("federation",), drivers=("ideology",), years=(2015, 2026))
    assert ids(filter_events(frame, f)) == ["2022-no-limits"]


def test_episode_filter(data):
    eps = data.episodes
    assert list(filter_episodes(eps, Filters(eras=("soviet",)))["id"]) == []
    assert list(filter_episodes(eps, Filters(years=(1850, 1855)))["id"]) == ["amur"]
    assert list(filter_episodes(eps, Filters(drivers=("ideology",)))["id"]) == ["putin_pivot"]
    assert list(filter_episodes(eps, Filters(eras=("federation",)))["id"]) == ["putin_pivot"]


def test_describe():
    assert describe(Filters()) == "All eras · all drivers · 1740–2026"
    f = Filters(eras=("imperial", "soviet"), drivers=("clash_with_west",), years=(1850, 1960),
                categories=("war",), query=" korea ")
    assert describe(f) == (
        "Imperial Russia and Soviet Union · driver: Clash with the West · 1850–1960 · category: War · "
        "matching “korea”"
    )


def test_view_years_narrow_to_eras():
    from pivotdash.filters import view_years

    assert view_years(Filters()) == (1740, 2026)
    assert view_years(Filters(eras=("soviet",))) == (1917, 1991)
    assert view_years(Filters(eras=("imperial", "soviet"), years=(1850, 2000))) == (1850, 1991)
    assert view_years(Filters(eras=("federation",), years=(1800, 1900))) == (1800, 1900)  # no overlap: keep range


def test_timeline_link_reopens_every_filter(minimal_dir):
    from urllib.parse import parse_qs, urlsplit

    from pivotdash.state import TimelineState
    from pivotdash.views import build
    from pivotdash.views.loaded import Loaded

    f = Filters(eras=("federation",), drivers=("ideology",), years=(2000, 2026), categories=("diplomacy",),
                outcomes=("ongoing",), episodes=("putin_pivot",), query="joint statement")
    view = build("timeline", TimelineState(f), Loaded(minimal_dir))
    parts = urlsplit(view.link)
    assert parts.path == "/timeline"
    assert parse_qs(parts.query) == {
        "era": ["Russian Federation"], "driver": ["Ideology"], "years": ["2000", "2026"],
        "category": ["Diplomacy"], "outcome": ["Ongoing"], "q": ["joint statement"], "episode": ["Putin's pivot"],
    }
    assert list(view.data["id"]) == ["2022-no-limits"]
