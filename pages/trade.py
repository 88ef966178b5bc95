"""Trade: Russia's exports and imports by partner (IMF DOTS 1992–2020), the paper's numbers checked, 1827–1937."""

from __future__ import annotations

import streamlit as st

from pivotdash.errors import DataError
from pivotdash.trade.viewstate import KEY_TAB
from pivotdash.ui import data
from pivotdash.ui import trade as ui
from pivotdash.ui.navigation import through_app
from pivotdash.ui.problems import show_data_error

through_app()

st.title("Trade: is Russia's trade turning East?")
st.caption(
    "Where Russia's exports go and its imports come from, by partner: the EU against China, Japan and South "
    "Korea. Source: International Monetary Fund, Direction of Trade Statistics (DOTS), 1992–2020; the Russian "
    "Empire and the USSR 1827–1937 from RICardo. Russia stopped publishing trade by partner in 2022: later "
    "figures appear only as labelled points."
)

try:
    tables = data.trade_tables()
except DataError as err:
    show_data_error(err, "the trade page")
    st.stop()

ctx = ui.load_context(tables)
view = ui.controls(tables, ctx)
composition, claims, history, upload = st.tabs(ui.tab_labels(), key=KEY_TAB, bind="query-params")
if composition.open:
    with composition:
        ui.composition_section(tables, view, ctx)
if claims.open:
    with claims:
        ui.claims_section(tables, ctx)
if history.open:
    with history:
        ui.history_section(tables, view, ctx)
if upload.open:
    with upload:
        ui.upload_section(tables, view, ctx)
