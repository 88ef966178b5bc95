"""Timeline: Russia's turns East as bands, their events as markers, each event's card and the table."""

from __future__ import annotations

import streamlit as st

from pivotdash import schema
from pivotdash.errors import DataError
from pivotdash.events import timeline_view
from pivotdash.export.plotly_config import plotly_config
from pivotdash.export.tables import to_safe_csv
from pivotdash.filters import describe, filter_episodes, filter_events
from pivotdash.text import plain_markdown
from pivotdash.ui import data, state
from pivotdash.ui.cards import render_event_card
from pivotdash.ui.links import show_link
from pivotdash.ui.navigation import through_app
from pivotdash.ui.problems import show_data_error
from pivotdash.ui.timeline import linked_event, page_filters, picked_event

through_app()

st.title("Timeline of Russia's turns East")

try:
    dataset = data.core()
    frame = data.events()
except DataError as err:
    show_data_error(err, "the timeline")
    st.stop()

filters = page_filters(state.shared_filters(), dataset.episodes)
shown = filter_events(frame, filters)
bands = filter_episodes(dataset.episodes, filters)
words = describe(filters)
st.caption(f"{len(shown)} of {len(frame)} events · {plain_markdown(words)}")

if shown.empty:
    st.info(
        f"No event matches these filters ({plain_markdown(words)}). Widen the year range or clear a filter "
        "in the sidebar or above the chart."
    )
    st.stop()

view = timeline_view(shown, bands, filters, highlight=linked_event())
selection = st.plotly_chart(view.figure, key="timeline_chart", on_select="rerun", selection_mode="points",
                            config=plotly_config(view))
show_link(view)
event_id = picked_event(selection, shown)
if event_id is not None:
    render_event_card(shown[shown["id"] == event_id].iloc[0], data.paper())

st.subheader("Events", anchor=False)
st.dataframe(view.data, hide_index=True, width="stretch")
st.download_button(
    "Download these events (CSV)", to_safe_csv(view.data), file_name="pivotdash-timeline-events.csv",
    mime="text/csv", key="timeline_csv", on_click="ignore",
)
st.caption("Eras: " + "; ".join(f"{v}" for v in schema.ERAS.values()) + " (derived from each event's date).")
