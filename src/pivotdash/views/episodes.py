"""The Episodes and Overview charts: the seven turns on one strip, drivers × endings, two or three compared."""

from __future__ import annotations

from pivotdash import risks, same_age, scorecard
from pivotdash import state as st
from pivotdash.errors import DataError
from pivotdash.figures.episodes import compare_figure, durability_figure, episode_strip, scorecard_matrix_figure
from pivotdash.figures.finish import CHART_LICENCE, Chrome
from pivotdash.filters import describe, filter_episodes
from pivotdash.views import Data, View, credits

STRIP_SUBTITLE = "Each turn East from its start to its end; colour shows how it ended, per the paper"


def strip(state: st.OverviewState, data: Data) -> View:
    """Every turn East from its start to its end (the Overview's chart; it shows all seven, whatever the filters)."""
    episodes = data.dataset().episodes.sort_values("start_year")
    first = int(episodes["start_year"].min()) if len(episodes) else 0
    chrome = Chrome(f"Seven turns East, {first} to today", STRIP_SUBTITLE, credits.PAPER,
                    link=st.link(st.OverviewState(), chart="episodes-strip"))
    return View("episodes-strip", chrome, episode_strip(episodes, chrome=chrome), scorecard.scorecard_table(episodes))


def matrix(state: st.EpisodesState, data: Data) -> View | None:
    """What drove each turn East the filters pass, and what ended it; None when no turn passes."""
    shown = filter_episodes(data.dataset().episodes, state.filters)
    if shown.empty:
        return None
    chrome = Chrome("What drove each turn East, and what ended it", describe(state.filters, data.names().episodes),
                    credits.PAPER, link=st.link(state, data.names(), chart="episodes-matrix"))
    fig = scorecard_matrix_figure(scorecard.driver_matrix(shown), scorecard.end_reason_matrix(shown),
                                  scorecard.scorecard_table(shown), chrome=chrome)
    return View("episodes-matrix", chrome, fig, scorecard.matrix_table(shown))


def compared(state: st.EpisodesState, data: Data) -> list[str]:
    """The turns East compared: the state's picks, or the page's default pair when it names none."""
    episodes = data.dataset().episodes
    known = set(episodes["id"])
    ids = list(state.compare) if state.compare is not None else scorecard.default_compare(episodes)
    return [i for i in ids if i in known]


def compare(state: st.EpisodesState, data: Data) -> View | None:
    """The chosen turns East on one axis of years since each began; None when none is chosen."""
    episodes = data.dataset().episodes
    ids = compared(state, data)
    spans = scorecard.compare_spans(episodes, ids)
    if spans.empty:
        return None
    aligned = scorecard.aligned_events(data.events(), episodes, ids)
    subtitle = " vs ".join(spans["turn_east"]) + ": bars cover each turn's calendar years, diamonds are its events"
    chrome = Chrome("Turns East compared, year by year", subtitle, credits.PAPER,
                    link=st.link(state, data.names(), chart="episodes-compare"))
    return View("episodes-compare", chrome, compare_figure(aligned, spans, chrome=chrome), aligned)


def durability(state: st.EpisodesState, data: Data) -> View | None:
    """How long each turn East lasted, against the age of today's turn (all seven, whatever the filters)."""
    table = scorecard.durability(data.dataset().episodes)
    if table.empty:
        return None
    subtitle = scorecard.durability_sentence(table)
    source = f"{credits.PAPER}; risk statuses: data/risk_status.csv, sources cited per risk"
    frame = table.drop(columns=["id"])
    try:  # the same age on trade, before the risks so the analyst's reading stays last
        episodes = data.dataset().episodes
        tables = data.trade_tables()
        trade = same_age.same_age_table(episodes, tables)
        subtitle += " " + same_age.same_age_note(trade, episodes, tables)
        frame = frame.merge(same_age.same_age_columns(trade), on="turn_east", how="left")
        # Short, so the plot keeps its height at 564 px; the table under the chart cites both in full.
        source += f"; {credits.TRADE_SHARES}"
        licence = credits.DOTS_AND_RICARDO_LICENCE
    except DataError:
        licence = CHART_LICENCE  # the trade tables do not load: the chart still answers how long each turn lasted
    try:
        ids = [str(i) for i in data.risks()["id"]]
        subtitle += " " + risks.readings_sentence(ids, risks.statuses(data.risk_status()),
                                                  {r.risk: r.status for r in state.readings if r.status})
    except DataError:
        pass  # the risks do not load: the chart still answers how long each turn lasted
    chrome = Chrome("How long each turn East lasted, and where today's stands", subtitle, source, licence,
                    link=st.link(state, data.names(), chart="episodes-durability"))
    return View("episodes-durability", chrome, durability_figure(table, chrome=chrome), frame)
