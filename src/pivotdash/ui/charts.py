"""One chart on a page: the figure, its downloads (built on click), the link that reopens it, add to briefing."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import streamlit as st

from pivotdash import state as ps
from pivotdash.export import images
from pivotdash.export.tables import to_safe_csv
from pivotdash.ui.links import base_url
from pivotdash.views import View

BRIEFING_ITEMS = "briefing_items"  # the briefing's views (their links), kept for the whole session


def _download(label: str, data: Callable[[], bytes], file_name: str, mime: str, key: str, **kw: Any) -> None:
    # Deferred data: the bytes are made on click, so a rerun never renders images nobody asked for.
    st.download_button(label, data, file_name=file_name, mime=mime, key=key, on_click="ignore", **kw)


def briefing_items() -> list[ps.Item]:
    return list(st.session_state.get(BRIEFING_ITEMS, []))


def add_to_briefing(link: str) -> None:
    st.session_state[BRIEFING_ITEMS] = [*briefing_items(), ps.Item(link)][: ps.MAX_ITEMS]
    st.toast("Added to the briefing.")


def briefing_count() -> None:
    """How many views the briefing holds, in the sidebar, with the way to it."""
    n = len(briefing_items())
    st.sidebar.page_link(ps.page_file("briefing"), label=f"Briefing: {n} view{'' if n == 1 else 's'}")


def downloads(view: View, key: str, *, scale: int = 2, add: bool = True) -> None:
    """PNG, SVG, PDF (when a browser is there), HTML and CSV of exactly this view, and add it to the briefing."""
    stem = images.file_stem(view)
    fig = view.figure
    reason = images.unavailable_reason()
    cols = st.columns(6 if view.link and add else 5)
    if not reason:
        with cols[0]:
            _download(f"PNG {scale}×", functools.partial(images.to_png, fig, scale=scale), f"{stem}.png",
                      images.MIME["png"], f"dl-{key}-png")
        with cols[1]:
            _download("SVG", functools.partial(images.to_svg, fig), f"{stem}.svg", images.MIME["svg"],
                      f"dl-{key}-svg")
        with cols[2]:
            _download("PDF", functools.partial(images.to_pdf, fig), f"{stem}.pdf", images.MIME["pdf"],
                      f"dl-{key}-pdf")
    with cols[3]:
        _download("HTML", functools.partial(images.to_html, view, base_url()), f"{stem}.html", images.MIME["html"],
                  f"dl-{key}-html", help="Interactive and offline: plotly.js is inside the file.")
    with cols[4]:
        _download("CSV", functools.partial(to_safe_csv, view.data), f"{stem}.csv", images.MIME["csv"],
                  f"dl-{key}-csv", help="Exactly the data this chart shows.")
    if view.link and add:
        with cols[5]:
            st.button("Add to briefing", key=f"brief-{key}", on_click=add_to_briefing, args=(view.link,),
                      help="Adds this exact view (filters, switches, picks) to the Briefing page.")
    if reason:
        st.caption(reason)


def show_link(view: View) -> None:
    """The full URL that reopens this view, ready to paste into an e-mail or a slide's notes."""
    if view.link:
        st.caption("Link to this view")
        st.code(ps.absolute(view.link, base_url()), language=None, wrap_lines=True)


def show(view: View, key: str, *, select: bool = False, caption: str = "") -> Any:
    """The chart as it exports, its downloads and its link; with `select`, clicks on points rerun the page."""
    kw: dict[str, Any] = {"on_select": "rerun", "selection_mode": "points"} if select else {}
    selection = st.plotly_chart(view.figure, key=f"{key}_chart", config=images.plotly_config(view), **kw)
    downloads(view, key)
    if caption:
        st.caption(caption)
    show_link(view)
    return selection
