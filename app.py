"""pivotdash: page config, the shared sidebar filters and the navigation between pages."""

from __future__ import annotations

import streamlit as st

from pivotdash import paths
from pivotdash.ui.state import render_shared_filters

st.set_page_config(
    page_title="pivotdash: Russia's turns East",
    page_icon=str(paths.ASSETS_DIR / "favicon.png"),
    layout="wide",
    menu_items={"About": "pivotdash: will Russia's turn to Asia last? Built on Chris Miller (FPRI, 2019)."},
)

PAGES = [
    # Streamlit serves the default page at "/" only (its url_path must merely be unique), so /overview,
    # the address bookmarks and links use, is a second, hidden entry for the same page.
    st.Page("pages/overview.py", title="Overview", url_path="home", default=True),
    st.Page("pages/overview.py", title="Overview", url_path="overview", visibility="hidden"),
    st.Page("pages/timeline.py", title="Timeline", url_path="timeline"),
    st.Page("pages/episodes.py", title="Episodes", url_path="episodes"),
    st.Page("pages/trade.py", title="Trade", url_path="trade"),
    st.Page("pages/map.py", title="Map", url_path="map"),
    st.Page("pages/briefing.py", title="Briefing", url_path="briefing"),
    st.Page("pages/sources.py", title="Sources", url_path="sources"),
]

page = st.navigation(PAGES)
render_shared_filters()
page.run()
