"""episodes page."""

import streamlit as st

st.title("Episodes")
