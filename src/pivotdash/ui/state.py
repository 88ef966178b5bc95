"""Widgets bound to the URL, each page's state read back from them, and notices for link values left out."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from pivotdash import schema
from pivotdash import state as ps
from pivotdash.filters import YEAR_MAX, YEAR_MIN, Filters
from pivotdash.text import plain_markdown

P = ps.P
_NOTICES = "_link_notices"


def render_shared_filters() -> None:
    """The sidebar filters every page shares (called once, from app.py, before the page runs)."""
    sb = st.sidebar
    sb.header("Filters")
    sb.multiselect(
        "Era", list(schema.ERAS), format_func=schema.ERAS.__getitem__, key=P.ERA,
        bind="query-params", placeholder="All eras",
        help=schema.ERA_NOTE,
    )
    sb.multiselect(
        "Driver (why Russia turned East)", list(schema.DRIVERS), format_func=schema.DRIVERS.__getitem__,
        key=P.DRIVER, bind="query-params", placeholder="All drivers",
        help="; ".join(f"{schema.DRIVERS[k]}: {v}" for k, v in schema.DRIVER_NOTES.items()),
    )
    sb.slider("Years", YEAR_MIN, YEAR_MAX, (YEAR_MIN, YEAR_MAX), key=P.YEARS, bind="query-params")


def shared_filters() -> Filters:
    """The shared filters as data, read from the session (their widgets live in the sidebar)."""
    years = st.session_state.get(P.YEARS, (YEAR_MIN, YEAR_MAX))
    return Filters(
        eras=tuple(st.session_state.get(P.ERA, ())),
        drivers=tuple(st.session_state.get(P.DRIVER, ())),
        years=(int(years[0]), int(years[1])),
    )


_RUN_PARAMS = "_url_at_run_start"


def url_params() -> dict[str, list[str]]:
    """The URL's query parameters as this run found them (before any bound widget rewrote them), every value."""
    if _RUN_PARAMS in st.session_state:
        return dict(st.session_state[_RUN_PARAMS])
    return {key: st.query_params.get_all(key) for key in st.query_params}


def check_link(page: str, names: Callable[[], ps.Names], params: Mapping[str, Sequence[str]] | None = None) -> None:
    """Before the bound widgets drop what they cannot show, note each link value the page cannot use.

    The notices are kept for the page they were found on and shown by `show_notices`, so a value
    the widgets quietly left out is named, with the parameter, and the rest of the view still opens.
    """
    raw = {key: st.query_params.get_all(key) for key in st.query_params} if params is None else dict(params)
    st.session_state[_RUN_PARAMS] = raw
    if not raw:
        return
    _state, notices = ps.from_query(page, raw, names())
    if notices:
        st.session_state[_NOTICES] = (page, [str(n) for n in notices])
    elif st.session_state.get(_NOTICES, ("", []))[0] != page:
        st.session_state.pop(_NOTICES, None)


def show_notices(page: str) -> None:
    """The notices `check_link` found for this page (once: they go when the analyst moves on)."""
    found_on, notices = st.session_state.pop(_NOTICES, ("", []))
    if found_on == page:
        for notice in notices:
            st.warning(plain_markdown(notice))
