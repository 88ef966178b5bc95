"""Every page's state round-trips through its URL; hostile or malformed values become notices, never crashes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pivotdash import state as ps
from pivotdash.filters import Filters
from pivotdash.timeline import Zoom
from pivotdash.trade.viewstate import TradeView
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def real_names() -> ps.Names:
    return Loaded(ROOT / "data").names()


SHARED = Filters(eras=("soviet", "federation"), drivers=("security", "ideology"), years=(1900, 2020))
HOSTILE = "<script>alert(1)</script> ‮ =cmd|' /C calc'!A0 [x](javascript:1) & ?#"

STATES = [
    ps.OverviewState(),
    ps.OverviewState(SHARED),
    ps.TimelineState(),
    ps.TimelineState(Filters(eras=("imperial",), drivers=("economic_promise",), years=(1800, 1900),
                             categories=("war", "treaty"), outcomes=("catastrophe",), episodes=("amur",),
                             query=HOSTILE), event="1904-russo-japanese-war"),
    ps.TimelineState(zoom=Zoom("since_2014")),
    ps.TimelineState(zoom=Zoom("since_paper"), event="2022-02-invasion"),
    ps.TimelineState(SHARED, zoom=Zoom("witte_trans_siberian")),
    ps.TimelineState(zoom=Zoom("custom", (1904, 1906))),
    ps.EpisodesState(SHARED),
    ps.EpisodesState(SHARED, ("amur", "putin_pivot")),
    ps.EpisodesState(compare=()),
    ps.EpisodesState(readings=(ps.AnalystReading("china_slowdown", "materialised", "low", HOSTILE),
                               ps.AnalystReading("turn_to_europe", "reversed", "high", ""),
                               ps.AnalystReading("zz_mine", "", "", "only a reason; " + HOSTILE[::-1]))),
    ps.EpisodesState(SHARED, ("amur", "putin_pivot"), (ps.AnalystReading("ideological_glue", confidence="medium"),)),
    ps.TradeState(),
    ps.TradeState(SHARED, TradeView(measure="value", flow="imports", eu="eu28", chart="bar",
                                    partners=("china", "germany"), year=2013), tab="claims"),
    ps.TradeState(view=TradeView(partners=())),
    ps.TradeState(tab="history", history_partners=("china", "japan")),
    ps.MapState(),
    ps.MapState(SHARED, "whole", "port_arthur"),
    ps.SourcesState(),
    ps.SourcesState("fn12"),
    ps.SourcesState(query="Witte 1891"),
    ps.SourcesState("p24", HOSTILE[:90]),
    ps.BriefingState(title=HOSTILE[:100], items=(ps.Item("/map?era=Soviet+Union"),
                                                   ps.Item("/trade?trade_flow=Imports#x", "Mine", HOSTILE))),
]


@pytest.mark.parametrize("state", STATES, ids=lambda s: type(s).__name__)
def test_every_state_round_trips_through_its_link(state: ps.PageState, real_names: ps.Names) -> None:
    parsed = ps.parse_link(ps.link(state, real_names), real_names)
    assert parsed.page == ps.page_of(state)
    assert parsed.state == state and parsed.notices == []


def test_links_carry_labels_and_leave_defaults_out(real_names: ps.Names) -> None:
    assert ps.link(ps.TimelineState()) == "/timeline"
    assert ps.link(ps.TradeState()) == "/trade"
    link = ps.link(ps.TradeState(SHARED, TradeView(flow="imports", chart="line", partners=("india",))), real_names)
    query = parse_qs(urlsplit(link).query)
    assert query == {"era": ["Soviet Union", "Russian Federation"], "driver": ["Security", "Ideology"],
                     "years": ["1900", "2020"], "trade_flow": ["Imports"], "trade_chart": ["Lines"],
                     "trade_partners": ["India"]}
    assert ps.link(ps.MapState(place="port_arthur"), real_names) == "/map?place=Port+Arthur+%28L%C3%BCshun%29"
    assert ps.link(ps.EpisodesState(compare=("amur",)), real_names, chart="episodes-compare").endswith(
        "compare=The+Amur+seizure#compare")


@pytest.mark.parametrize(("url", "param", "value"), [
    ("/timeline?era=Atlantis", "era", "Atlantis"),
    ("/timeline?years=abc&years=2000", "years", "abc&2000"),
    ("/timeline?years=1900", "years", "1900"),
    ("/timeline?years=1%C2%B2&years=2000", "years", "1²&2000"),  # a superscript digit passes str.isdigit()
    ("/timeline?event=%3Cscript%3E", "event", "<script>"),
    ("/timeline?category=Poetry", "category", "Poetry"),
    ("/timeline?zoom=Since+1066", "zoom", "Since 1066"),
    ("/timeline?zoom=Years+of+your+choice&zoom_years=2000", "zoom_years", "2000"),
    ("/timeline?zoom=Years+of+your+choice&zoom_years=1600&zoom_years=2000", "zoom_years", "1600&2000"),
    ("/timeline?zoom_years=x&zoom_years=2000", "zoom_years", "x&2000"),
    ("/trade?trade_year=abc&trade_chart=Bars", "trade_year", "abc"),
    ("/trade?trade_year=%C2%B2%C2%B3&trade_chart=Bars", "trade_year", "²³"),
    ("/trade?trade_measure=Nonsense", "trade_measure", "Nonsense"),
    ("/trade?trade_partners=Narnia&trade_partners=China+%28mainland%29", "trade_partners", "Narnia"),
    ("/trade?trade_tab=Secrets", "trade_tab", "Secrets"),
    ("/episodes?compare=Atlantis", "compare", "Atlantis"),
    ("/map?view=Moon", "view", "Moon"),
    ("/map?place=Gondor", "place", "Gondor"),
    ("/sources?para=fn%C2%B2", "para", "fn²"),
    ("/sources?para=p1%3Cb%3E", "para", "p1<b>"),
    ("/briefing?item=https%3A%2F%2Fevil.example%2Fx", "item", "https://evil.example/x"),
])
def test_unknown_and_malformed_values_are_noticed_and_the_rest_still_opens(url: str, param: str, value: str,
                                                                           real_names: ps.Names) -> None:
    parsed = ps.parse_link(url + "&driver=Security", real_names)
    assert [(n.param, n.value) for n in parsed.notices] == [(param, value)]
    assert param in str(parsed.notices[0]) and value[:20] in str(parsed.notices[0])
    if not isinstance(parsed.state, (ps.SourcesState, ps.BriefingState)):
        assert parsed.state.filters.drivers == ("security",)  # the rest of the view opens


def test_a_valid_part_is_kept_beside_an_unknown_one(real_names: ps.Names) -> None:
    parsed = ps.parse_link("/trade?trade_partners=Narnia&trade_partners=China+%28mainland%29", real_names)
    assert isinstance(parsed.state, ps.TradeState) and parsed.state.view.partners == ("china",)
    parsed = ps.parse_link("/timeline?era=Atlantis&era=Soviet+Union", real_names)
    assert isinstance(parsed.state, ps.TimelineState) and parsed.state.filters.eras == ("soviet",)


def test_long_and_over_many_values_are_noticed(real_names: ps.Names) -> None:
    parsed = ps.parse_link("/timeline?q=" + "x" * 300)
    assert parsed.notices[0].param == "q" and isinstance(parsed.state, ps.TimelineState)
    assert parsed.state.filters.query == "" and "longer than 200" in str(parsed.notices[0])
    many = "&".join(f"compare={n.replace(' ', '+')}" for n in list(real_names.episodes.values())[:5])
    parsed = ps.parse_link("/episodes?" + many, real_names)
    assert isinstance(parsed.state, ps.EpisodesState) and len(parsed.state.compare or ()) == 3
    assert "beyond the 3 allowed" in str(parsed.notices[0])


def test_absolute_links_prefixes_and_no_page() -> None:
    assert ps.parse_link("http://10.0.0.1:8501/pivotdash/map?era=Soviet+Union").page == "map"
    assert ps.parse_link("/").page == "overview"
    with pytest.raises(ValueError, match="not a page of pivotdash"):
        ps.parse_link("/admin")


def test_chart_of_a_link() -> None:
    assert ps.chart_of(ps.parse_link("/episodes#compare")) == "episodes-compare"
    assert ps.chart_of(ps.parse_link("/episodes")) == "episodes-matrix"
    assert ps.chart_of(ps.parse_link("/trade?trade_tab=History")) == "trade-history"
    assert ps.chart_of(ps.parse_link("/trade?trade_tab=Your+own+data")) is None
    assert ps.chart_of(ps.parse_link("/sources?para=p3")) is None
    assert ps.chart_of(ps.parse_link("/")) == "episodes-strip"


def test_the_analyst_s_reading_travels_as_labels_and_bad_values_become_notices() -> None:
    state = ps.EpisodesState(readings=(ps.AnalystReading("china_slowdown", "not_yet", "high", "Trade fell in 2025"),))
    query = parse_qs(urlsplit(ps.link(state)).query)
    assert query == {"my_status.china_slowdown": ["Not yet"], "my_confidence.china_slowdown": ["High"],
                     "my_reason.china_slowdown": ["Trade fell in 2025"]}
    parsed = ps.parse_link("/episodes?my_status.china_slowdown=partly&my_confidence.china_slowdown=Sure"
                           "&my_reason.china_slowdown=" + "x" * 250 + "&my_status.%3Cb%3E=partly")
    assert isinstance(parsed.state, ps.EpisodesState)
    assert parsed.state.reading("china_slowdown") == ps.AnalystReading("china_slowdown", "partly", "", "x" * 200)
    assert parsed.state.reading("turn_to_europe").empty
    assert {n.param for n in parsed.notices} == {"my_confidence.china_slowdown", "my_reason.china_slowdown",
                                                 "my_status.<b>"}


def test_the_timeline_zoom_is_a_label_in_the_link(real_names: ps.Names) -> None:
    assert ps.link(ps.TimelineState(zoom=Zoom("since_2014"))) == "/timeline?zoom=Since+2014"
    assert ps.link(ps.TimelineState(zoom=Zoom("putin_pivot")), real_names) == (
        "/timeline?zoom=Putin%27s+turn+to+the+East")
    assert ps.link(ps.TimelineState(zoom=Zoom("custom", (1904, 1906)))) == (
        "/timeline?zoom=Years+of+your+choice&zoom_years=1904&zoom_years=1906")
    hand_made = ps.parse_link("/timeline?zoom_years=1906&zoom_years=1904", real_names)  # years alone choose them
    assert hand_made.state == ps.TimelineState(zoom=Zoom("custom", (1904, 1906))) and not hand_made.notices
