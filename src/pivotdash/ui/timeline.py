"""Timeline widgets: the page's own filters, picking an event (chart click or list, in the URL), its card."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from pivotdash import schema
from pivotdash import state as ps
from pivotdash import timeline as tl
from pivotdash.filters import describe, view_years
from pivotdash.text import plain_markdown
from pivotdash.ui.cards import render_event_card
from pivotdash.ui.charts import TABLE_ROWS, chart_key
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.state import shared_filters
from pivotdash.views import Data, View

P = ps.P
PICKER_KEY = "timeline_event_picker"
OPEN_KEY = "_timeline_open_event"  # the card last open, kept for the session (the picker's own state is not)


def timeline_state(episodes: pd.DataFrame) -> ps.TimelineState:
    """Category, outcome, episode and search above the chart, with the sidebar's filters and the linked event."""
    names = dict(zip(episodes["id"], episodes["name"], strict=True))
    c1, c2, c3, c4 = st.columns([1, 1, 1.3, 1.2])
    categories = c1.multiselect("Category", list(schema.CATEGORIES), format_func=schema.CATEGORIES.__getitem__,
                                key=P.CATEGORY, bind="query-params", placeholder="All categories")
    outcomes = c2.multiselect("Outcome of the turn", list(schema.OUTCOMES), format_func=schema.OUTCOMES.__getitem__,
                              key=P.OUTCOME, bind="query-params", placeholder="All outcomes")
    picked = c3.multiselect("Turn East (episode)", list(names), format_func=lambda i: names.get(i, i),
                            key=P.EPISODE, bind="query-params", placeholder="All episodes")
    query = c4.text_input("Search titles, summaries, sources", key=P.QUERY, bind="query-params",
                          max_chars=ps.QUERY_MAX, placeholder="e.g. Korea")
    filters = replace(shared_filters(), categories=tuple(categories), outcomes=tuple(outcomes),
                      episodes=tuple(picked), query=query or "")
    return ps.TimelineState(filters, linked_event(), zoom_control(episodes, view_years(filters)))


def zoom_control(episodes: pd.DataFrame, years: tuple[int, int]) -> tl.Zoom:
    """What the detail view shows: every year the filters leave, a preset, one turn East or years of one's own
    (in the URL as `zoom`, and `zoom_years` for one's own); the strip under it always shows every year."""
    ordered = episodes.sort_values("start_year")
    names = dict(zip(ordered["id"], ordered["name"], strict=True))
    options = [tl.ALL, tl.SINCE_2014, tl.SINCE_PAPER, *names, tl.CUSTOM]
    left, right = st.columns([1, 1.4], vertical_alignment="bottom")
    preset = left.selectbox(
        "Zoom the detail view to", options, format_func=lambda k: tl.ZOOM_PRESETS.get(k) or names.get(k, k),
        key=P.ZOOM, bind="query-params",
        help="The chart's upper part shows these years, its events labelled as far as room allows; the strip "
             "under it always shows every year the filters leave, the zoomed part framed. Drag across the chart "
             "to zoom to those years.",
    )
    if preset != tl.CUSTOM:
        return tl.Zoom(preset or tl.ALL)
    lo, hi = years
    chosen = right.slider("Years in the detail view", lo, hi, (max(lo, hi - 10), hi), key=P.ZOOM_YEARS,
                          bind="query-params")
    return tl.Zoom(tl.CUSTOM, (int(chosen[0]), int(chosen[1])))


def caption_or_stop(view: View, state: ps.TimelineState, total: int) -> bool:
    """How many of the `total` events the filters pass; False (and what to do) when none does."""
    words = plain_markdown(describe(state.filters, PAGE_DATA.names().episodes))
    if view.data.empty:
        st.info(f"No event matches these filters ({words}). Widen the year range or clear a filter "
                "in the sidebar or above the chart.")
        return False
    st.caption(f"{len(view.data)} of {total} events · {words}")
    return True


CHART = "timeline"  # the chart's key on the page (ui.charts.show)


def zoom_by_drag(years: tuple[int, int]) -> Callable[[], None]:
    """The chart's selection callback: a box dragged across the chart zooms the detail view to its years (the
    zoom control then shows them, and the link holds them), so the labels are placed again for that window."""
    def on_select() -> None:
        chosen = tl.dragged_years(_dragged(st.session_state.get(chart_key(CHART))), years)
        if chosen is not None:
            st.session_state[P.ZOOM] = tl.CUSTOM
            st.session_state[P.ZOOM_YEARS] = chosen
            # A bound widget drawn for the first time on this run does not write a value set here to the URL; one
            # drawn before does (and then the URL's parameter is its own and cannot be set).
            with suppress(StreamlitAPIException):
                st.query_params[P.ZOOM_YEARS] = [str(y) for y in chosen]
    return on_select


def _dragged(selection: Any) -> list[Any]:
    """The x ends of the last box dragged on the chart, or []."""
    try:
        boxes = selection["selection"]["box"]
        return list(boxes[-1]["x"]) if boxes else []
    except (KeyError, TypeError, IndexError):
        return []


def _clicked(selection: Any) -> str | None:
    if _dragged(selection):
        return None  # a drag zooms; the points inside the box are not a click
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
    return st.query_params.get(P.EVENT) or None


def picked_event(selection: Any, shown: pd.DataFrame) -> str | None:
    """The event whose card is open; the URL's `event` holds its id, so one event is a link.

    A marker click or a URL that changed since the last run (a pasted link, a link from the map)
    moves the picker; otherwise the picker is the truth and the URL follows it.
    """
    url_now = linked_event()
    arrived = PICKER_KEY not in st.session_state  # first run since the page was opened (or come back to)
    if arrived and url_now is None:
        url_now = st.session_state.get(OPEN_KEY)  # the card open when the analyst left the page
    clicked = _clicked(selection)
    if clicked and clicked != st.session_state.get("_timeline_last_click"):
        st.session_state["_timeline_last_click"] = clicked
        url_now = clicked
    titles = dict(zip(shown["id"], shown["date"] + " · " + shown["title"], strict=True))
    if arrived or url_now != st.session_state.get("_timeline_url_seen"):
        if url_now and url_now not in titles:
            shown_id = plain_markdown(repr(url_now))
            st.warning(f"The linked event {shown_id} is hidden by the current filters or does not exist.")
        st.session_state[PICKER_KEY] = url_now if url_now in titles else None
    choice = st.selectbox(
        "Open an event card (or click a marker)", picker_events(list(titles), st.session_state.get(PICKER_KEY)),
        format_func=lambda i: titles.get(i, i),
        index=None, key=PICKER_KEY, placeholder="Choose an event…",
        help=(f"Lists the first {PICKER_ROWS:,} of {len(titles):,} events, by date, as the chart's Table tab "
              "does; a marker click opens any event, and the CSV download under the chart has them all. Narrow the "
              "filters to list the rest.") if len(titles) > PICKER_ROWS else None,
    )
    if choice and st.query_params.get(P.EVENT) != choice:
        st.query_params[P.EVENT] = choice
    elif not choice and P.EVENT in st.query_params and url_now in titles:
        del st.query_params[P.EVENT]
    st.session_state["_timeline_url_seen"] = choice or url_now
    st.session_state[OPEN_KEY] = choice if choice in titles else None
    return choice if choice in titles else None


def event_card(selection: Any, view: View, data: Data) -> None:
    """The picker, and the card of the event it (or a click on a marker) opens."""
    event_id = picked_event(selection, view.data)
    if event_id is not None:
        frame = data.events()
        render_event_card(frame[frame["id"] == event_id].iloc[0], data.paper())


# A list, like a table (ui.charts.TABLE_ROWS), is scrolled, not read, past a few hundred entries, and every
# entry is sent to the browser on every rerun (50,000 events: about 12 MB for the table and the picker).
PICKER_ROWS = TABLE_ROWS


def picker_events(ids: list[str], keep: str | None, limit: int = PICKER_ROWS) -> list[str]:
    """The picker's events: the first `limit` of those shown (in date order), and `keep` (the open event,
    picked by a click or a link) wherever it falls, so it stays open."""
    options = ids[:limit]
    if keep is not None and keep not in options and keep in ids:
        options.append(keep)
    return options
