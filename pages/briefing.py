"""Briefing: pick views, then export each chart or the whole briefing as a deck, a PDF or a zip."""

import streamlit as st

from pivotdash.ui import briefing as ui
from pivotdash.ui.navigation import through_app
from pivotdash.ui.state import shared_filters

through_app()

st.title("Briefing")
st.caption(
    "Pick the views for a briefing. Each uses the sidebar filters, and every image carries its title, "
    "what is shown, the source and the licence."
)
filters = shared_filters()
title, ids, scale = ui.choose_views()
built = ui.build_views(ids, filters)
ui.show_notes(built.notes)
st.subheader("The whole briefing")
ui.briefing_downloads(built.views, title, filters)
st.subheader("Each chart")
for view in built.views:
    ui.chart_card(view, scale)
