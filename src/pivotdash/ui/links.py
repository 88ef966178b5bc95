"""The app's own address, for the links in notes, PDFs and READMEs (pivotdash.state builds the paths)."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from pivotdash.state import DEFAULT_BASE_URL


def base_url() -> str:
    """The app's own address (scheme and host) as the browser reached it."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else DEFAULT_BASE_URL
