"""Timeline widgets: the page's own filters and picking an event (chart click or list, in the URL)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pivotdash import schema
from pivotdash.filters import Filters
from pivotdash.text import plain_markdown
from pivotdash.ui import state

PICKER_KEY = "timeline_event_picker"


def page_filters(shared: Filters, episodes: pd.DataFrame) -> Filters:
    """Category, outcome, episode and search, above the chart; merged with the shared filters."""
    names = dict(zip(episodes["id"], episodes["name"], strict=True))
    c1, c2, c3, c4 = st.columns([1, 1, 1.3, 1.2])
    categories = c1.multiselect("Category", list(schema.CATEGORIES), format_func=schema.CATEGORIES.__getitem__,
                                key=state.CATEGORY_KEY, bind="query-params", placeholder="All categories")
    outcomes = c2.multiselect("Outcome of the turn", list(schema.OUTCOMES), format_func=schema.OUTCOMES.__getitem__,
                              key=state.OUTCOME_KEY, bind="query-params", placeholder="All outcomes")
    picked = c3.multiselect("Turn East (episode)", list(names), format_func=lambda i: names.get(i, i),
                            key=state.EPISODE_KEY, bind="query-params", placeholder="All episodes")
    query = c4.text_input("Search titles, summaries, sources", key=state.QUERY_KEY, bind="query-params",
                          max_chars=200, placeholder="e.g. Korea")
    return Filters(
        eras=shared.eras, drivers=shared.drivers, years=shared.years,
        categories=tuple(categories), outcomes=tuple(outcomes), episodes=tuple(picked), query=query,
    )


def _clicked(selection: Any) -> str | None:
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for point in points:
        custom = point.get("customdata")
        if custom:
            return str(custom[0] if isinstance(custom, list | tuple) else custom)
    return None


def linked_event() -> str | None:
    """The event named in the URL (`?event=<id>`), if any."""
    return st.query_params.get(state.EVENT_KEY) or None


def picked_event(selection: Any, shown: pd.DataFrame) -> str | None:
    """The event whose card is open; the URL's `event` holds its id, so one event is a link.

    A marker click or a URL that changed since the last run (a pasted link, a link from the map)
    moves the picker; otherwise the picker is the truth and the URL follows it.
    """
    url_now = linked_event()
    clicked = _clicked(selection)
    if clicked and clicked != st.session_state.get("_timeline_last_click"):
        st.session_state["_timeline_last_click"] = clicked
        url_now = clicked
    titles = dict(zip(shown["id"], shown["date_label"] + " · " + shown["title"], strict=True))
    if url_now != st.session_state.get("_timeline_url_seen"):
        if url_now and url_now not in titles:
            shown_id = plain_markdown(repr(url_now))
            st.warning(f"The linked event {shown_id} is hidden by the current filters or does not exist.")
        st.session_state[PICKER_KEY] = url_now if url_now in titles else None
    choice = st.selectbox(
        "Open an event card (or click a marker)", list(titles), format_func=lambda i: titles.get(i, i),
        index=None, key=PICKER_KEY, placeholder="Choose an event…",
    )
    if choice and st.query_params.get(state.EVENT_KEY) != choice:
        st.query_params[state.EVENT_KEY] = choice
    elif not choice and state.EVENT_KEY in st.query_params and url_now in titles:
        del st.query_params[state.EVENT_KEY]
    st.session_state["_timeline_url_seen"] = choice or url_now
    return choice if choice in titles else None
