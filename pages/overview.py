"""Overview: the question, the seven turns East on one strip, and the way into each page."""

import streamlit as st

from pivotdash.text import plain_markdown
from pivotdash.ui import overview as ui
from pivotdash.ui import problems, state
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.navigation import through_app

through_app()
st.title("Will Russia's turn to Asia last?")
paper = PAGE_DATA.paper()
st.markdown(
    "Russia has turned East again and again since the early 1800s. Chris Miller's paper "
    f"*{plain_markdown(paper.title)}* (Foreign Policy Research Institute, {plain_markdown(paper.date)}) "
    "argues that most of those turns sputtered out or ended in disaster: the promised Asian riches "
    "disappointed, the clash with the West that drove the turn eased, or war and domestic crisis intervened. "
    "pivotdash lays that history beside today's numbers so you can judge the current turn for yourself."
)
state.show_notices("overview")
problems.require(PAGE_DATA.dataset, "the overview")
ui.turns_east()
ui.trade_headline()
ui.conclusion(paper)
ui.next_steps()
