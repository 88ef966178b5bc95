"""Sources: the paper with paragraph anchors and what cites each paragraph, the errata, provenance, data dictionary."""

import streamlit as st

from pivotdash.text import plain_markdown
from pivotdash.ui import sources as ui
from pivotdash.ui import state
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.navigation import through_app
from pivotdash.ui.problems import show_data_error

through_app()
st.title("Sources")
paper = PAGE_DATA.paper()
st.markdown(
    f"The paper behind every claim: {plain_markdown(paper.author)}, *{plain_markdown(paper.title)}*, "
    f"Foreign Policy Research Institute, {plain_markdown(paper.date)}. Each paragraph carries the id the "
    "data cites (`paper_ref`): a link such as `sources?para=p24` opens it here."
)
state.show_notices("sources")
ui.search_box(paper)
recs = ui.load_records()
ui.paper_tab(paper, recs)
for err, what in recs.problems:
    show_data_error(err, what)
