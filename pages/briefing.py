"""Briefing: the views added from any chart, in order, each with a title and key message; the deck, PDF, zip."""

import streamlit as st

from pivotdash.ui import briefing as ui
from pivotdash.ui import state
from pivotdash.ui.navigation import through_app

through_app()
st.title("Briefing")
st.caption(
    "The views you added with “Add to briefing” under any chart, exactly as you built them (filters, switches, "
    "picks). Every image carries its title, what is shown, the source and the licence."
)
state.show_notices("briefing")
brief = ui.briefing_state()
ui.show_notes(ui.build_views(brief.items).notes)
brief = ui.edit_items(brief, ui.build_views(brief.items))
built = ui.build_views(brief.items)
st.subheader("The whole briefing")
ui.briefing_downloads(built, brief)
st.subheader("Each chart")
ui.chart_cards(built, brief.scale)
