"""Making every page run through app.py, even when a fresh server's first visit is a deep link."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def through_app() -> None:
    """Rerun through app.py if Streamlit ran this page file directly.

    Streamlit decides between its legacy `pages/`-folder mode and st.navigation when the server's
    first script run starts; only app.py's st.navigation call switches the legacy mode off. If a
    fresh server's first visitor opens a deep link (e.g. /sources?para=p24), the page file would run
    alone: no shared sidebar, no layout. Switching the mode off and rerunning sends this and every
    later run through app.py, with the same URL.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
