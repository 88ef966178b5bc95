"""The one-chart hello page: the sidebar Era filter and one plotly chart (a browser benchmark baseline)."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="hello", layout="wide")
ERAS = {"imperial": "Imperial Russia", "soviet": "Soviet Union", "federation": "Russian Federation"}
BOUNDS = {"imperial": (1790, 1916), "soviet": (1917, 1991), "federation": (1992, 2026)}
eras = st.sidebar.multiselect("Era", list(ERAS), format_func=ERAS.__getitem__, key="era")
st.title("Hello chart")
years = [y for y in range(1790, 2027) if not eras or any(BOUNDS[e][0] <= y <= BOUNDS[e][1] for e in eras)]
st.caption(f"{len(years)} points")
st.plotly_chart(go.Figure(go.Scatter(x=years, y=[y % 7 for y in years], mode="markers")), key="hello")
