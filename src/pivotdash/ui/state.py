"""Shared filters in the sidebar, bound to the URL so a view is a link and survives a page switch."""

from __future__ import annotations

import streamlit as st

from pivotdash import schema
from pivotdash.export.plotly_config import camera_config
from pivotdash.filters import YEAR_MAX, YEAR_MIN, Filters

# Widget keys double as URL parameter names; the URL holds the human labels (readable links).
ERA_KEY, DRIVER_KEY, YEARS_KEY = "era", "driver", "years"
CATEGORY_KEY, OUTCOME_KEY, EPISODE_KEY, QUERY_KEY = "category", "outcome", "episode", "q"
EVENT_KEY = "event"
SHARED_KEYS = (ERA_KEY, DRIVER_KEY, YEARS_KEY)


def render_shared_filters() -> None:
    """The sidebar filters every page shares (called once, from app.py, before the page runs)."""
    sb = st.sidebar
    sb.header("Filters")
    sb.multiselect(
        "Era", list(schema.ERAS), format_func=schema.ERAS.__getitem__, key=ERA_KEY,
        bind="query-params", placeholder="All eras",
    )
    sb.multiselect(
        "Driver (why Russia turned East)", list(schema.DRIVERS), format_func=schema.DRIVERS.__getitem__,
        key=DRIVER_KEY, bind="query-params", placeholder="All drivers",
        help="; ".join(f"{schema.DRIVERS[k]}: {v}" for k, v in schema.DRIVER_NOTES.items()),
    )
    sb.slider("Years", YEAR_MIN, YEAR_MAX, (YEAR_MIN, YEAR_MAX), key=YEARS_KEY, bind="query-params")


def shared_filters() -> Filters:
    """The shared filters as data, read from the session (their widgets live in the sidebar)."""
    years = st.session_state.get(YEARS_KEY, (YEAR_MIN, YEAR_MAX))
    return Filters(
        eras=tuple(st.session_state.get(ERA_KEY, ())),
        drivers=tuple(st.session_state.get(DRIVER_KEY, ())),
        years=(int(years[0]), int(years[1])),
    )


def chart_config(filename: str) -> dict[str, object]:
    """Plotly config for a chart that is not a briefing view (see export.plotly_config.camera_config)."""
    return camera_config(filename)
