"""pivotdash: page config, the shared sidebar filters and the navigation between pages."""

from __future__ import annotations

import streamlit as st

from pivotdash import paths
from pivotdash import state as ps
from pivotdash.ui.charts import briefing_count
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.state import check_link, render_shared_filters

st.set_page_config(
    page_title="pivotdash: Russia's turns East",
    page_icon=str(paths.ASSETS_DIR / "favicon.png"),
    layout="wide",
    menu_items={"About": "pivotdash: will Russia's turn to Asia last? Built on Chris Miller (FPRI, 2019)."},
)

TITLES = {"overview": "Overview", "timeline": "Timeline", "episodes": "Episodes", "trade": "Trade", "map": "Map",
          "briefing": "Briefing", "sources": "Sources"}
PAGES = {page: st.Page(ps.page_file(page), title=TITLES[page], url_path=path, default=page == ps.DEFAULT_PAGE)
         for page, path in ps.PAGES.items()}

page = st.navigation(list(PAGES.values()))
check_link(next(p for p, sp in PAGES.items() if sp is page), PAGE_DATA.names)
render_shared_filters()
briefing_count()
page.run()
