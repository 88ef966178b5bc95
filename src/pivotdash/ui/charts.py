"""One chart on a page: the figure, its downloads (built on click), the link that reopens it, add to briefing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from pivotdash import state as ps
from pivotdash.export.formats import PER_VIEW, Request
from pivotdash.export.plotly_config import plotly_config
from pivotdash.ui.appearance import for_screen
from pivotdash.ui.downloads import prepared
from pivotdash.ui.links import base_url
from pivotdash.views import View

BRIEFING_ITEMS = "briefing_items"  # the briefing's views (their links), kept for the whole session


def briefing_items() -> list[ps.Item]:
    return list(st.session_state.get(BRIEFING_ITEMS, []))


def add_to_briefing(link: str) -> None:
    st.session_state[BRIEFING_ITEMS] = [*briefing_items(), ps.Item(link)][: ps.MAX_ITEMS]
    st.toast("Added to the briefing.")


def briefing_count(slot: Any) -> None:
    """How many views the briefing holds, in its sidebar `slot`, with the way to it. Filled after the page
    has run, so views the page itself adds (a briefing link or file opened) are counted on the same run."""
    n = len(briefing_items())
    slot.page_link(ps.page_file("briefing"), label=f"Briefing: {n} view{'' if n == 1 else 's'}")


def downloads(view: View, key: str, *, scale: int = 2, add: bool = True) -> None:
    """Each per-view format of the export table for exactly this view (drawn ones prepared on a click), and
    the button that adds this exact view to the briefing."""
    req = Request((view,), view.title, view.subtitle, base_url(), scale)
    cols = st.columns(len(PER_VIEW) + (1 if view.link and add else 0))
    labels = {"png": f"PNG {scale}×"}
    items = [(f, f"dl-{key}-{f.key}", labels.get(f.key, f.label)) for f in PER_VIEW]
    drawn = [f.label for f in PER_VIEW if f.draws() and f.unavailable() is None]
    prepared(items, req, prepare_label=f"Prepare {', '.join(drawn)}", prepare_key=f"prepare-{key}",
             what=f"the {', '.join(drawn)} of “{view.title}”", slots=cols[:len(PER_VIEW)])
    if view.link and add:
        cols[-1].button("Add to briefing", key=f"brief-{key}", on_click=add_to_briefing, args=(view.link,),
                        help="Adds this exact view (filters, switches, picks) to the Briefing page.")
    for reason in dict.fromkeys(r for f in PER_VIEW if (r := f.unavailable())):
        st.caption(reason)


def show_link(view: View) -> None:
    """The full URL that reopens this view, ready to paste into an e-mail or a slide's notes."""
    if view.link:
        st.caption("Link to this view")
        st.code(ps.absolute(view.link, base_url()), language=None, wrap_lines=True)


def show(view: View, key: str, *, select: bool = False, caption: str = "") -> Any:
    """The chart as it exports, its downloads and its link; with `select`, clicks on points rerun the page."""
    kw: dict[str, Any] = {"on_select": "rerun", "selection_mode": "points"} if select else {}
    selection = st.plotly_chart(for_screen(view.figure), key=f"{key}_chart", config=plotly_config(view), **kw)
    downloads(view, key)
    if caption:
        st.caption(caption)
    show_link(view)
    return selection
