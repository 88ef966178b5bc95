"""sources page."""

import streamlit as st

st.title("Sources")
