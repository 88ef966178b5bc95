"""briefing page."""

import streamlit as st

st.title("Briefing")
