"""Episodes: the turns East side by side, the paper's risks to today's pivot, and a year-by-year comparison."""

import streamlit as st

from pivotdash.ui import episodes as ui
from pivotdash.ui import problems, state
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.navigation import through_app

through_app()
st.title("The turns East compared")
st.markdown(
    "How long did Russia's past turns East last, what drove them, what ended them, and which of those "
    "forces are at work now? Every claim below cites the paragraph of the paper behind it."
)
st.markdown("[Scorecard](#scorecard) · [Will this one last?](#will-this-one-last) · "
            "[Compare](#compare) · [How each ended](#how-each-ended)")
state.show_notices("episodes")
dataset = problems.require(PAGE_DATA.dataset, "the episodes")
problems.require(PAGE_DATA.events, "the episodes")
episodes = ui.episodes_state(dataset.episodes)
st.header("Scorecard", anchor="scorecard")
ui.scorecard_section(episodes)
st.header("Will this one last?", anchor="will-this-one-last")
st.markdown(
    "Which of the paper's risks to today's pivot have come true since December 2019, and how long the earlier "
    "turns East lasted. Each risk carries pivotdash's reading with its sources and evidence, and your own."
)
ui.risks_section(episodes)
st.header("Compare turns East, year by year", anchor="compare")
compared = ui.compare_section(episodes)
st.header("How each ended, and the paper's verdict", anchor="how-each-ended")
ui.endings_section(episodes, compared)
