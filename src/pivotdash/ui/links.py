"""The app's own address and the 'link to this view' every chart shows."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from pivotdash.links import DEFAULT_BASE_URL, absolute
from pivotdash.views import View


def base_url() -> str:
    """The app's own address (scheme and host), for links in notes, PDFs and READMEs."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else DEFAULT_BASE_URL


def show_link(view: View) -> None:
    """The full URL that reopens this view, ready to paste into an e-mail or a slide's notes."""
    if view.link:
        st.caption("Link to this view")
        st.code(absolute(view.link, base_url()), language=None, wrap_lines=True)
