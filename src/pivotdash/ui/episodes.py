"""Episodes page widgets: the compare picker, an episode's verdict card, a risk's checklist card."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pivotdash.indicators import Indicator, readings_table
from pivotdash.paper import Paper
from pivotdash.risks import RiskCard
from pivotdash.scorecard import COMPARE_KEY, COMPARE_MAX, EpisodeCard, default_compare
from pivotdash.text import plain_markdown
from pivotdash.ui import passages, state

TIMELINE_PAGE = "pages/timeline.py"


def compare_picker(episodes: pd.DataFrame) -> list[str]:
    """Two or three turns East to compare; the URL holds their names (`?compare=…&compare=…`)."""
    names = dict(zip(episodes.sort_values("start_year")["id"], episodes.sort_values("start_year")["name"],
                     strict=True))
    picked = st.multiselect(
        f"Turns East to compare (up to {COMPARE_MAX})", list(names), format_func=lambda i: names.get(i, i),
        default=default_compare(episodes), key=COMPARE_KEY, bind="query-params", max_selections=COMPARE_MAX,
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
                     query_params={state.EPISODE_KEY: card.name})


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
                             query_params={state.EVENT_KEY: ev.id})
        else:
            st.caption("No event since the paper in data/events.csv is marked as bearing on this risk.")
        if card.missing_events:
            missing = plain_markdown(", ".join(card.missing_events))
            st.warning(f"risks.csv lists events that events.csv does not hold: {missing}")
