"""The empty app: a title and the same sidebar filters as pivotdash, nothing else (a benchmark baseline)."""

import streamlit as st
from common import sidebar

st.title("Empty page")
sidebar()
