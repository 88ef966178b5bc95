"""pivotdash: page config, the shared sidebar filters and the navigation between pages."""

from __future__ import annotations

import streamlit as st

from pivotdash import paths
from pivotdash import state as ps
from pivotdash.ui.appearance import inject_css
from pivotdash.ui.charts import briefing_count
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.state import check_link, render_shared_filters

st.set_page_config(
    page_title="pivotdash: Russia's turns East",
    page_icon=str(paths.ASSETS_DIR / "favicon.png"),
    layout="wide",
    menu_items={"About": "pivotdash: will Russia's turn to Asia last? Built on Chris Miller (FPRI, 2019)."},
)
inject_css()

TITLES = {"overview": "Overview", "timeline": "Timeline", "episodes": "Episodes", "trade": "Trade", "map": "Map",
          "briefing": "Briefing", "sources": "Sources"}
# Streamlit serves the default page at "/" only (its url_path must merely be unique), so /overview, the
# address links and bookmarks use, is a second, hidden entry for the same page.
HOME = st.Page(ps.page_file(ps.DEFAULT_PAGE), title=TITLES[ps.DEFAULT_PAGE], url_path=ps.HOME_PATH, default=True)
PAGES = {page: st.Page(ps.page_file(page), title=TITLES[page], url_path=path,
                       visibility="hidden" if page == ps.DEFAULT_PAGE else "visible")
         for page, path in ps.PAGES.items()}

page = st.navigation([HOME, *PAGES.values()])
check_link(ps.DEFAULT_PAGE if page is HOME else next(p for p, sp in PAGES.items() if sp is page), PAGE_DATA.names)
render_shared_filters()
count = st.sidebar.empty()
try:
    page.run()
finally:  # also when the page stops early: the sidebar always says how many views the briefing holds
    briefing_count(count)
