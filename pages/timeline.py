"""Timeline: Russia's turns East as bands, their events as markers (their table on the chart's Table tab) and
each event's card."""

import streamlit as st

from pivotdash.filters import view_years
from pivotdash.ui import charts, inputs, problems, state
from pivotdash.ui import timeline as ui
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.navigation import through_app

through_app()
st.title("Timeline of Russia's turns East")
state.show_notices("timeline")
dataset = problems.require(PAGE_DATA.dataset, "the timeline")
timeline = ui.timeline_state(dataset.episodes)
view = inputs.build("timeline", timeline)
if ui.caption_or_stop(view, timeline, len(PAGE_DATA.events())):
    selection = charts.show(view, ui.CHART, select=("points", "box"),
                            on_select=ui.zoom_by_drag(view_years(timeline.filters)))
    ui.event_card(selection, view, PAGE_DATA)
