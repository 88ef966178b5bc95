"""Trade figures and views: chrome on every chart, gaps drawn as gaps, escaped labels, the data behind each."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from pivotdash.figures import trade as ft
from pivotdash.figures.finish import Chrome, chrome_of
from pivotdash.filters import Filters
from pivotdash.state import TradeState
from pivotdash.trade import claims as tc
from pivotdash.trade import composition as comp
from pivotdash.trade import viewstate as vs
from pivotdash.trade.markers import EpisodeBand, Marker
from pivotdash.trade.tables import load_tables
from pivotdash.views import build
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]

EPISODES = pd.DataFrame({"id": ["amur", "putin_pivot"], "name": ["The Amur seizure", "Putin's turn to the East"],
                         "start_year": [1854, 2014], "end_year": [1860, None]})
EVENTS = pd.DataFrame({"id": ["2019-power-of-siberia-launch"], "date": ["2019-12-02"],
                       "title": ["Power of Siberia starts"], "summary": [""]})


@pytest.fixture(scope="module")
def tables():
    return load_tables(ROOT / "data")


class TradeData(Loaded):
    """The real trade tables and published figures, with two episodes and one event of the test's own."""

    def dataset(self):  # type: ignore[override]
        return SimpleNamespace(events=EVENTS, episodes=EPISODES, flashpoints=pd.DataFrame({"id": [], "name": []}))


def trade_views(state: TradeState, data: Loaded | None = None) -> list:
    data = data or TradeData(ROOT / "data")
    out = [build(chart, replace(state, tab=tab), data) for chart, tab in
           (("trade-composition", "composition"), ("trade-claims", "claims"), ("trade-history", "history"))]
    return [v for v in out if v is not None]


@pytest.fixture(scope="module")
def views(tables):
    return trade_views(TradeState())


def test_trade_views_for_the_briefing(views):
    assert [v.id for v in views] == ["trade-composition", "trade-claims", "trade-history"]
    for view in views:
        chrome = chrome_of(view.figure)
        assert chrome is not None and chrome.title == view.title and chrome.subtitle == view.subtitle
        assert chrome.source == view.source and "CC BY 4.0" in chrome.licence
        assert not view.data.empty and view.link.startswith("/trade")
    composition, claims, history = views
    assert "International Monetary Fund, Direction of Trade Statistics (DOTS)" in composition.source
    assert "RICardo" in history.source and "ODbL" in chrome_of(history.figure).licence
    assert claims.link == "/trade?trade_tab=Paper%27s+numbers+checked"


def test_composition_data_is_exactly_what_the_chart_shows(views, tables):
    composition = views[0]
    dots_rows = composition.data[composition.data["series"] == "IMF DOTS"]
    frame = comp.chart_frame(tables.dots, tables.members, vs.TradeView(chart="area"))
    pd.testing.assert_frame_equal(dots_rows.drop(columns="series").reset_index(drop=True), frame)
    published = composition.data[composition.data["series"] == "published figure"]
    if not published.empty:
        assert (published["year"] > 2020).all() and published["source"].str.contains("http").all()


def test_area_draws_gaps_as_gaps_and_hatches_the_unsplit_rest(views):
    fig = views[0].figure
    belarus = next(t for t in fig.data if t.name == "Belarus" and t.mode == "lines+markers")
    ys = dict(zip(belarus.x, belarus.y, strict=True))
    assert ys[2001] is None and ys[2004] is None and ys[2000] is not None
    unsplit = next(t for t in fig.data if t.fillpattern is not None and t.fillpattern.shape == "/")
    assert unsplit.showlegend
    hover = next(t for t in fig.data if t.legendgroup == comp.UNSPLIT and t.mode == "markers")
    texts = dict(zip(hover.x, hover.hovertext, strict=True))
    assert "Belarus" in texts[2001]


def test_pivot_band_event_markers_and_published_points_on_the_time_axis(views):
    fig = views[0].figure
    texts = [a.text for a in fig.layout.annotations]
    assert any(t.startswith("Shaded: Putin&#x27;s turn to the East") or t.startswith("Shaded: Putin's turn")
               for t in texts)
    # A key event's label has its month in three letters, cut at a word; its hover has it whole.
    assert any(t.startswith("Dec 2019: Power of Siberia") for t in texts)
    assert any("December 2019: Power of Siberia starts" in (a.hovertext or "") for a in fig.layout.annotations)
    assert any(s.type == "rect" for s in fig.layout.shapes)
    points = [t for t in fig.data if t.name and t.name.startswith("Published after 2020")]
    assert points and all(x > 2020 for t in points for x in t.x)


def test_labels_from_the_data_are_escaped():
    frame = pd.DataFrame({
        "year": [2019, 2020], "flow": "exports", "partner": "evil", "partner_name": "<img src=x onerror=alert(1)>",
        "value_usd_mn": [1.0, 2.0], "value_usd_bn": [0.001, 0.002], "share_pct": [1.0, 2.0], "source": "s",
        "note": "",
    })
    view = vs.TradeView(chart="line", years=(2019, 2020))
    fig = ft.composition_figure(frame, view, chrome=Chrome("<b>t</b>", "s", "src"),
                                markers=[Marker(2019.5, "July 2019", ("<script>x</script>",), ("e",))],
                                band=EpisodeBand("p", "<i>band</i>", 2019.0, None))
    assert fig.data[0].name == "&lt;img src=x onerror=alert(1)&gt;"
    assert all("<script>" not in (a.text or "") and "<i>" not in (a.text or "") for a in fig.layout.annotations)


def test_bar_says_not_reported_instead_of_zero(tables):
    view = vs.TradeView(chart="bar", year=2001)
    frame = comp.chart_frame(tables.dots, tables.members, view)
    fig = ft.composition_figure(frame, view, chrome=Chrome("t", "s", "src"))
    bar = fig.data[0]
    labels = dict(zip(bar.y, bar.text, strict=True))
    assert labels["Belarus"] == "not reported" and labels["Rest of world"] == "not reported"
    assert labels["China (mainland)"] == "4.9%"


def test_history_keeps_the_1918_1925_gap(views):
    history = views[2].figure
    china = next(t for t in history.data if t.name == "China")
    ys = dict(zip(china.x, china.y, strict=True))
    assert all(ys[y] is None for y in range(1918, 1926))
    assert ys[1913] == pytest.approx(1.8992, abs=1e-4)
    texts = [a.text for a in history.layout.annotations]
    assert "The Amur seizure" in texts and "No series 1918–1925" in texts


def test_claims_figure_has_one_trace_per_year(views):
    claims = views[1]
    assert [t.name for t in claims.figure.data] == ["2017", "2018", "2020"]  # best fit, last before the paper, latest
    assert set(claims.data["year"]) == {2017, 2018, 2020}
    assert "2018 (last full year before the paper)" in claims.chrome.subtitle


def _row_band(fig, row: int, colour: str) -> tuple[float, float]:
    rect = next(s for s in fig.layout.shapes if s.type == "rect" and s.fillcolor == colour
                and s.y0 < row < s.y1)
    return rect.x0, rect.x1


def test_claims_chart_draws_a_point_where_the_table_gives_its_verdict(views):
    """Every claim's point lies in the band its verdict names: green for holds, yellow for roughly holds,
    outside both for does not hold, "less than" claims included (Japan < 4% holds in 2017 at 3.0%)."""
    claims = views[1]
    order = list(claims.figure.layout.yaxis.categoryarray)
    data = claims.data.set_index(["claim", "year"])
    checked = 0
    for trace in claims.figure.data:
        for x, label in zip(trace.x, trace.y, strict=True):
            claim = next(c for c in tc.CLAIMS if label.startswith(c.short))
            verdict = data.loc[(claim.id, int(trace.name)), "verdict"]
            row = order.index(label)
            holds = _row_band(claims.figure, row, "#117733")
            roughly = _row_band(claims.figure, row, "#DDCC77")
            in_holds, in_roughly = holds[0] <= x <= holds[1], roughly[0] <= x <= roughly[1]
            assert in_holds == (verdict == "holds"), (claim.id, trace.name, x, verdict)
            assert (in_holds or in_roughly) == (verdict != "does not hold"), (claim.id, trace.name, x, verdict)
            checked += 1
    assert checked == 3 * len(tc.CLAIMS)
    japan = data.loc[("japan_exports_under_4", 2017)]
    assert japan["verdict"] == "holds" and japan["data"] < 4


def test_views_follow_the_shared_years(tables):
    out = trade_views(TradeState(Filters(years=(1850, 1900))))
    assert [v.id for v in out] == ["trade-claims", "trade-history"]  # no DOTS years in range
    assert out[1].link == "/trade?years=1850&years=1900&trade_tab=History"
    narrow = trade_views(TradeState(Filters(years=(2010, 2015)), vs.TradeView(chart="line")))[0]
    assert set(narrow.data["year"]) == set(range(2010, 2016))
