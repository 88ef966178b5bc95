"""Map page widgets: the cached basemap, picking a place (list or click), its events, legend and downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pivotdash import state as ps
from pivotdash import theme
from pivotdash.figures.finish import SCREEN_WRAP_WIDTH, fit_chrome
from pivotdash.maps.basemap import Basemap, basemap_path, load_basemap, static_url
from pivotdash.maps.model import VIEW_LABELS, MapModel, events_at, legend_frame, map_model, route_legend
from pivotdash.text import plain_markdown
from pivotdash.ui import charts, inputs
from pivotdash.ui.appearance import surface
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.state import shared_filters, url_params

PLACE_KEY = ps.P.PLACE  # ?place=<flashpoint name>
TILES_KEY = "tiles"
VIEW_KEY = ps.P.MAP_VIEW
DECK_KEY = "map_deck"


@st.cache_resource(max_entries=2, show_spinner=False)
def _basemap(path: str, version: tuple[float, int]) -> Basemap:
    # `version` (mtime, size) is hashed: a replaced or deleted basemap is read again, never served from cache.
    return load_basemap(Path(path))


def basemap() -> Basemap:
    """The basemap, read once per file version and shared (it is large and never modified)."""
    path = basemap_path()
    stat = path.stat() if path.exists() else None
    return _basemap(str(path), (stat.st_mtime, stat.st_size) if stat else (-1.0, -1))


def basemap_url() -> str | None:
    """The folder the browser loads the basemap from, when this server serves `static/`; else None (inline)."""
    return static_url() if st.get_option("server.enableStaticServing") else None


def map_state() -> tuple[ps.MapState, bool]:
    """The map's state (the sidebar's filters, the opening view, the place chosen) and the opt-in web tiles."""
    opening, tiles = view_options()
    place = st.session_state.get(PLACE_KEY)
    if PLACE_KEY not in st.session_state:  # before the picker first runs, the link's place
        linked, _ = ps.from_query("map", url_params(), PAGE_DATA.names())
        place = linked.place if isinstance(linked, ps.MapState) else None
    return ps.MapState(shared_filters(), opening, place), tiles


def model(state: ps.MapState) -> MapModel:
    ds = PAGE_DATA.dataset()
    return map_model(ds.flashpoints, ds.routes, PAGE_DATA.events(), state.filters)


def view_options() -> tuple[str, bool]:
    """The opening view (Far East, or the whole sheet; kept in the URL) and the opt-in web tiles.

    The tiles switch is never bound to the URL: a shared link must not make the recipient's browser
    fetch from a tile server; each user turns tiles on in their own session.
    """
    left, right = st.columns([3, 2], vertical_alignment="center")
    view = left.segmented_control("Show", list(VIEW_LABELS), format_func=VIEW_LABELS.__getitem__, key=VIEW_KEY,
                                  default="far_east", required=True, bind="query-params", label_visibility="collapsed")
    tiles = right.toggle("Web map tiles (needs internet)", key=TILES_KEY,
                         help="Off by default: the map draws its own Natural Earth basemap and needs no network. "
                              "This session only: a link never turns tiles on.")
    return str(view or "far_east"), bool(tiles)


def picked_on_map() -> None:
    """Deck selection callback: a click on a flashpoint chooses it in the place picker."""
    try:
        objects = st.session_state[DECK_KEY]["selection"]["objects"].get("flashpoints", [])
    except (KeyError, TypeError, AttributeError):
        return
    if objects and objects[0].get("id"):
        st.session_state[PLACE_KEY] = objects[0]["id"]


def place_picker(model: MapModel) -> str | None:
    """Choose a flashpoint (by name); bound to the URL so a link can open one place."""
    fp = model.flashpoints.sort_values("name")
    names = dict(zip(fp["id"], fp["name"], strict=True))
    if st.session_state.get(PLACE_KEY) not in (None, *names):
        st.session_state[PLACE_KEY] = None  # a stale id from an older link or edited data
    return st.selectbox(
        "Flashpoint (or click one on the map)", list(names), format_func=lambda i: names.get(i, i), index=None,
        key=PLACE_KEY, bind="query-params", placeholder="Choose a flashpoint…",
    )


def render_place(model: MapModel, frame: pd.DataFrame, place: str) -> None:
    """The place's card and its events under the filters, each linking to its card on the Timeline."""
    row = model.flashpoints[model.flashpoints["id"] == place].iloc[0]
    st.markdown(f"**{plain_markdown(row['name'])}** · {plain_markdown(row['kind_label'])} · "
                f"{plain_markdown(row['years'])}")
    st.markdown(plain_markdown(row["summary"]))
    st.caption(f"Coordinates {row['lat']:.3f}, {row['lon']:.3f} · {plain_markdown(row['source'])}")
    here, hidden = events_at(model, frame, place)
    if here.empty:
        st.info("No event at this place passes the current filters." if hidden else "No event is recorded here.")
    for event in here.itertuples():
        st.page_link(ps.page_file("timeline"), query_params={ps.P.EVENT: str(event.id)}, icon=":material/event:",
                     label=f"{plain_markdown(event.date_label)} · {plain_markdown(event.title)}")
    if hidden and not here.empty:
        st.caption(f"{hidden} more event{'s' if hidden > 1 else ''} here fall{'' if hidden > 1 else 's'} "
                   "outside the current filters.")


def _swatches(frame: pd.DataFrame) -> Any:
    """Paint each row's colour cell in its own colour as the map draws it on this page's surface (lifted on the
    dark basemap like the marks); the hex text stays for screen readers."""
    land = surface().map_land
    frame = frame.assign(colour=[theme.series_on(str(c), land) for c in frame["colour"]])
    return frame.style.map(lambda c: f"background-color: {c}; color: {c}", subset=["colour"])


def render_legend(model: MapModel) -> None:
    st.dataframe(_swatches(legend_frame(model)), hide_index=True, width="stretch", key="map_legend")
    st.dataframe(_swatches(route_legend(model)), hide_index=True, width="stretch", key="map_routes")
    st.caption("Circle area grows with the number of events at the place that pass the filters. "
               f"Grey ({theme.INACTIVE_COLOUR}): a place with no event under these filters stays on the map.")


def export_section(state: ps.MapState) -> None:
    """The static map (slides, print): its downloads, and a preview as it exports."""
    view = inputs.build("map", state)
    if view is None:
        return
    charts.downloads(view, "map")
    charts.show_link(view)
    # Runs only while open: the preview is a large figure, and a closed expander would still receive it.
    preview = st.expander("Preview the static map (as exported: 1280×720, title, source and licence on the image)",
                          key="map_preview", on_change="rerun")
    if preview.open:
        with preview:
            # Drawn as wide as the page's column, its title re-wrapped for the narrowest column.
            charts.chart_or_table(view, "map_static", figure=fit_chrome(go.Figure(view.figure), SCREEN_WRAP_WIDTH))
    else:
        charts.text_alternative(view)


__all__ = ["basemap", "basemap_url", "export_section", "map_state", "model", "picked_on_map", "place_picker",
           "render_legend", "render_place", "view_options"]
