"""Trade: Russia's exports and imports by partner (IMF DOTS 1992–2020), the paper's numbers checked, 1827–1937."""

import streamlit as st

from pivotdash.state import P
from pivotdash.ui import problems, state
from pivotdash.ui import trade as ui
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.navigation import through_app

through_app()
st.title("Trade: is Russia's trade turning East?")
st.caption(
    "Where Russia's exports go and its imports come from, by partner: the EU against China, Japan and South "
    "Korea. Source: International Monetary Fund, Direction of Trade Statistics (DOTS), 1992–2020; the Russian "
    "Empire and the USSR 1827–1937 from RICardo. Russia stopped publishing trade by partner in 2022: later "
    "figures appear only as labelled points."
)
state.show_notices("trade")
tables = problems.require(PAGE_DATA.trade_tables, "the trade page")
trade = ui.trade_state(tables)
tabs = st.tabs(ui.tab_labels(), key=P.TAB, bind="query-params")
for tab, section in zip(tabs, (ui.composition_section, ui.claims_section, ui.history_section, ui.upload_section),
                        strict=True):
    if tab.open:
        with tab:
            section(tables, trade)
