"""The naive pivotdash: the same pages and content as a competent Streamlit user would write them
(pandas + st.cache_data, plotly express, st.pydeck_chart with the GeoJSON), the baseline of
scripts/bench_server.py. Not part of the installed package. The pages live in sections/, not pages/: a
pages/ folder beside the entry script puts a fresh server in Streamlit's legacy multipage mode."""

import streamlit as st
from common import sidebar

st.set_page_config(page_title="naive pivotdash", layout="wide")
PAGES = ["overview", "timeline", "episodes", "trade", "map", "sources"]
page = st.navigation([st.Page(f"sections/{p}.py", title=p.title(), url_path=p, default=p == "overview") for p in PAGES])
st.session_state["filters"] = sidebar()
page.run()
