"""Map: the Far East flashpoints and routes on a basemap that ships with the app; a place lists its events."""

from __future__ import annotations

import streamlit as st

from pivotdash.errors import DataError
from pivotdash.filters import describe
from pivotdash.maps.deck import build_deck
from pivotdash.maps.model import caption, map_model
from pivotdash.text import plain_markdown
from pivotdash.ui import data, state
from pivotdash.ui import maps as ui
from pivotdash.ui.navigation import through_app
from pivotdash.ui.problems import show_data_error

through_app()

st.title("Map of the Far East flashpoints")

try:
    dataset = data.core()
    frame = data.events()
    basemap = ui.basemap()
except DataError as err:
    show_data_error(err, "the map")
    st.stop()

filters = state.shared_filters()
model = map_model(dataset.flashpoints, dataset.routes, frame, filters)
st.caption(plain_markdown(caption(model, describe(filters))))

opening, tiles = ui.view_options()
st.pydeck_chart(build_deck(model, basemap, tiles=tiles, view=opening), height=600, key=ui.DECK_KEY,
                on_select=ui.picked_on_map, selection_mode="single-object")

left, right = st.columns([3, 2], gap="large")
with left:
    place = ui.place_picker(model)
    if place:
        ui.render_place(model, frame, place)
with right:
    ui.render_legend(model)

st.subheader("Export the map", anchor=False)
view = ui.export_view(filters)
ui.render_downloads(view)
with st.expander("Preview the static map (as exported: 1280×720, title, source and licence on the image)"):
    st.plotly_chart(view.figure, key="map_static", config=ui.chart_config(view))
