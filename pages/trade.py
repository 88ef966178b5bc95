"""trade page."""

import streamlit as st

st.title("Trade")
