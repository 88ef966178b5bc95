"""Episodes page widgets: the compare picker, an episode's verdict card, a risk's checklist card."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from pivotdash import indicators, scorecard
from pivotdash import state as ps
from pivotdash.errors import DataError
from pivotdash.filters import describe, filter_episodes
from pivotdash.indicators import Indicator, readings_table
from pivotdash.paper import Paper
from pivotdash.risks import RiskCard, risk_cards
from pivotdash.scorecard import COMPARE_MAX, EpisodeCard, default_compare
from pivotdash.text import plain_markdown
from pivotdash.ui import charts, data, inputs, passages
from pivotdash.ui.downloads import csv_data
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.problems import show_data_error
from pivotdash.ui.state import shared_filters, url_params

TIMELINE_PAGE = ps.page_file("timeline")
P = ps.P


def episodes_state(episodes: pd.DataFrame) -> ps.EpisodesState:
    """The sidebar's filters and the turns East compared (the picker sits with its chart, further down)."""
    if P.COMPARE in st.session_state:
        return ps.EpisodesState(shared_filters(), tuple(st.session_state[P.COMPARE]))
    linked, _ = ps.from_query("episodes", url_params(), PAGE_DATA.names())  # before its widget first runs
    return ps.EpisodesState(shared_filters(), linked.compare if isinstance(linked, ps.EpisodesState) else None)


def compare_picker(episodes: pd.DataFrame) -> list[str]:
    """Two or three turns East to compare; the URL holds their names (`?compare=…&compare=…`)."""
    names = dict(zip(episodes.sort_values("start_year")["id"], episodes.sort_values("start_year")["name"],
                     strict=True))
    picked = st.multiselect(
        f"Turns East to compare (up to {COMPARE_MAX})", list(names), format_func=lambda i: names.get(i, i),
        default=default_compare(episodes), key=P.COMPARE, bind="query-params", max_selections=COMPARE_MAX,
        placeholder="Choose two or three turns East",
    )
    return [p for p in picked if p in names]


def render_episode_card(card: EpisodeCard, paper: Paper, *, expanded: bool) -> None:
    """How one turn East ended and the paper's verdict, with the passage that states it."""
    ongoing = " so far" if card.ongoing else ""
    with st.expander(plain_markdown(f"{card.name} · {card.years} · {card.outcome}"), expanded=expanded):
        st.markdown(
            f"**Lasted:** {card.lasted} years{ongoing} ({plain_markdown(card.years)})  \n"
            f"**Leaders:** {plain_markdown('; '.join(card.leaders))}  \n"
            f"**Drivers:** {plain_markdown('; '.join(card.drivers))}  \n"
            f"**How it ended:** {plain_markdown(card.outcome)}"
            + (f" ({plain_markdown('; '.join(card.end_reasons))})" if card.end_reasons else "")
        )
        st.markdown(f"**What happened:** {plain_markdown(card.ended_how)}")
        st.markdown(f"**The paper's verdict:** {plain_markdown(card.verdict)}")
        if card.verdict_ref:
            passages.quote(paper, card.verdict_ref, heading="The passage")
        passages.links([r for r in card.refs if r != card.verdict_ref],
                       "Other paragraphs of the paper on this turn East:")
        if card.unknown_refs:
            st.warning("Paragraph ids the paper does not have: " + ", ".join(card.unknown_refs))
        if card.years_note:
            st.caption("Why these years: " + plain_markdown(card.years_note))
        st.page_link(TIMELINE_PAGE, label=plain_markdown(f"Its events on the timeline: {card.name}"),
                     query_params={P.EPISODE: card.name})


def render_indicator(ind: Indicator, headline: str) -> None:
    st.markdown(f"**Indicator: {plain_markdown(ind.title)}**")
    if headline:
        st.markdown(plain_markdown(headline))
    st.dataframe(
        readings_table(ind), hide_index=True, width="stretch",
        column_config={"source_url": st.column_config.LinkColumn("source_url")},
    )
    for gap in ind.gaps:
        st.caption(plain_markdown(gap))


def render_risk(n: int, card: RiskCard, indicators: list[tuple[Indicator, str]], paper: Paper) -> None:
    """One risk of the checklist: the paper's argument and passage, the indicator, the events since."""
    with st.container(border=True, key=f"risk-{card.id}"):
        st.markdown(f"#### {n}. {plain_markdown(card.risk)}")
        st.markdown(f"**The paper argues:** {plain_markdown(card.paper_argues)}")
        if card.refs:
            passages.quote(paper, card.refs[0], heading="The passage")
            passages.links(card.refs[1:], "Also in the paper:")
        if indicators:
            for ind, headline in indicators:
                render_indicator(ind, headline)
        else:
            st.caption("The project's data has no indicator for this risk; the events below bear on it.")
        if card.events:
            st.markdown(f"**Since the paper (December 2019): {len(card.events)} event(s) bear on it**")
            for ev in card.events:
                st.page_link(TIMELINE_PAGE, label=plain_markdown(f"{ev.date_label} · {ev.title}"),
                             query_params={P.EVENT: ev.id})
        else:
            st.caption("No event since the paper in data/events.csv is marked as bearing on this risk.")
        if card.missing_events:
            missing = plain_markdown(", ".join(card.missing_events))
            st.warning(f"risks.csv lists events that events.csv does not hold: {missing}")


def scorecard_section(state: ps.EpisodesState) -> None:
    """The turns East the filters pass, side by side, and what drove and ended each."""
    episodes = PAGE_DATA.dataset().episodes
    shown = filter_episodes(episodes, state.filters)
    words = plain_markdown(describe(state.filters))
    st.caption(f"{len(shown)} of {len(episodes)} turns East · {words}")
    if shown.empty:
        st.info(f"No turn East matches the sidebar filters ({words}). Widen the years or clear a filter.")
        return
    table = scorecard.scorecard_table(shown)
    st.dataframe(
        table.drop(columns=["id", "ongoing"]), hide_index=True, width="stretch",
        column_config={"lasted_years": st.column_config.NumberColumn("lasted (years)", help=(
            "From the first year to the last; an ongoing turn counts to the current year."))},
    )
    st.download_button("Download the scorecard (CSV)", csv_data(table), file_name="pivotdash-scorecard.csv",
                       mime="text/csv", key="scorecard_csv", on_click="ignore")
    view = inputs.build("episodes-matrix", state)
    if view is not None:
        charts.show(view, "episodes_matrix")
        with st.expander("The matrix as a table"):
            st.dataframe(view.data, hide_index=True, width="stretch")


def risks_section() -> None:
    """The paper's risks to today's pivot, each with its indicator and the events since the paper."""
    try:
        risks = data.risks()
    except DataError as err:
        show_data_error(err, "the risks checklist (data/risks.csv)")
        return
    try:
        tables = PAGE_DATA.trade_tables()
    except DataError:
        tables = None
    published, problems = data.published()
    if problems:
        st.warning(f"data/trade/published_figures.csv has {len(problems)} problem(s); "
                   "those rows are left out. The Trade page lists them.")
    paper = data.paper()
    for n, card in enumerate(risk_cards(risks, PAGE_DATA.events()), start=1):
        render_risk(n, card, indicators.for_risk(card.indicators, tables, published), paper)


def compare_section(state: ps.EpisodesState) -> list[str]:
    """The picker and the compared turns East on one axis of years; the ids compared."""
    episodes = PAGE_DATA.dataset().episodes
    compare = compare_picker(episodes)
    view = inputs.build("episodes-compare", replace(state, compare=tuple(compare)))
    if view is None:
        st.info("Choose two or three turns East above to see their events on one axis of years since each began.")
        return compare
    spans = scorecard.compare_spans(episodes, compare)
    charts.show(view, "episodes_compare", caption=plain_markdown(scorecard.spans_caption(spans)))
    st.dataframe(view.data.drop(columns=["episode_id"]), hide_index=True, width="stretch")
    return compare


def endings_section(state: ps.EpisodesState, compare: list[str]) -> None:
    """How each turn East ended, and the paper's verdict (the compared ones open)."""
    paper = data.paper()
    shown = filter_episodes(PAGE_DATA.dataset().episodes, state.filters)
    for card in scorecard.episode_cards(shown, paper):
        render_episode_card(card, paper, expanded=card.id in compare)
