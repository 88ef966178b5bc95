"""The map as a briefing view: the static figure, the flashpoint table behind it and the link that reopens it."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

from pivotdash import schema
from pivotdash.filters import YEAR_MAX, YEAR_MIN, Filters, describe
from pivotdash.maps.basemap import Basemap
from pivotdash.maps.model import flashpoint_table, map_model
from pivotdash.maps.static import SOURCE, TITLE, static_figure
from pivotdash.views import View

VIEW_ID = "map"
SIZE_NOTE = "circle area = events shown"


def map_link(filters: Filters, place: str | None = None) -> str:
    """URL path and query that reopen the map with these filters (labels, as the sidebar binds them)."""
    params: list[tuple[str, str]] = [("era", schema.ERAS[e]) for e in filters.eras]
    params += [("driver", schema.DRIVERS[d]) for d in filters.drivers]
    if filters.years != (YEAR_MIN, YEAR_MAX):
        params += [("years", str(filters.years[0])), ("years", str(filters.years[1]))]
    if place:
        params.append(("place", place))
    query = urlencode(params)
    return f"{VIEW_ID}?{query}" if query else VIEW_ID


def map_subtitle(filters: Filters) -> str:
    return f"{describe(filters)} · {SIZE_NOTE}"


def map_view(
    flashpoints: pd.DataFrame, routes: pd.DataFrame, frame: pd.DataFrame, filters: Filters, basemap: Basemap,
) -> View:
    """The map for the Briefing page: events from `filters.event_frame`, flashpoints and routes as loaded."""
    model = map_model(flashpoints, routes, frame, filters)
    subtitle = map_subtitle(filters)
    return View(
        id=VIEW_ID, title=TITLE, subtitle=subtitle, source=SOURCE,
        figure=static_figure(model, basemap, subtitle=subtitle), data=flashpoint_table(model), link=map_link(filters),
    )
