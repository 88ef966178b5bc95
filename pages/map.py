"""Map: the Far East flashpoints and routes on a basemap that ships with the app; a place lists its events."""

import streamlit as st

from pivotdash.filters import describe
from pivotdash.maps.deck import build_deck
from pivotdash.maps.model import caption
from pivotdash.text import plain_markdown
from pivotdash.ui import maps as ui
from pivotdash.ui import problems, state
from pivotdash.ui.appearance import surface
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.navigation import through_app

through_app()
st.title("Map of the Far East flashpoints")
state.show_notices("map")
problems.require(PAGE_DATA.dataset, "the map")
basemap = problems.require(ui.basemap, "the map")
where, tiles = ui.map_state()
model = ui.model(where)
st.caption(plain_markdown(caption(model, describe(where.filters, PAGE_DATA.names().episodes))))
deck = build_deck(model, basemap, tiles=tiles, view=where.opening, basemap_url=ui.basemap_url(),
                  surface=surface())
st.pydeck_chart(deck, height=600, key=ui.DECK_KEY, on_select=ui.picked_on_map, selection_mode="single-object")
left, right = st.columns([3, 2], gap="large")
with left:
    place = ui.place_picker(model)
    if place:
        ui.render_place(model, PAGE_DATA.events(), place)
with right:
    ui.render_legend(model)
st.subheader("Export the map", anchor=False)
ui.export_section(where)
