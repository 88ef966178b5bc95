"""Map page widgets: the cached basemap, picking a place (list or click), its events, legend and downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from pivotdash import paths, theme
from pivotdash.export.formats import BY_KEY, Request
from pivotdash.export.names import file_stem
from pivotdash.export.plotly_config import plotly_config
from pivotdash.export.tables import to_safe_csv
from pivotdash.filters import Filters
from pivotdash.maps.basemap import Basemap, basemap_path, load_basemap
from pivotdash.maps.deck import VIEW_LABELS
from pivotdash.maps.model import MapModel, events_at, legend_frame, route_legend
from pivotdash.maps.view import map_view
from pivotdash.text import plain_markdown
from pivotdash.ui import data
from pivotdash.ui.downloads import prepared
from pivotdash.views import View

PLACE_KEY = "place"  # also the URL parameter: ?place=<flashpoint name>
TILES_KEY = "tiles"
VIEW_KEY = "view"
DECK_KEY = "map_deck"


@st.cache_resource(max_entries=2, show_spinner=False)
def _basemap(path: str, _mtime: float) -> Basemap:
    return load_basemap(Path(path))


def basemap() -> Basemap:
    """The basemap, read once per file version and shared (it is large and never modified)."""
    path = basemap_path()
    return _basemap(str(path), path.stat().st_mtime if path.exists() else -1.0)


def view_options() -> tuple[str, bool]:
    """The opening view (Far East, or the whole sheet) and the opt-in web tiles, both kept in the URL."""
    left, right = st.columns([3, 2], vertical_alignment="center")
    view = left.segmented_control("Show", list(VIEW_LABELS), format_func=VIEW_LABELS.__getitem__, key=VIEW_KEY,
                                  default="far_east", required=True, bind="query-params", label_visibility="collapsed")
    tiles = right.toggle("Web map tiles (needs internet)", key=TILES_KEY, bind="query-params",
                         help="Off by default: the map draws its own Natural Earth basemap and needs no network.")
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
        st.page_link("pages/timeline.py", label=f"{plain_markdown(event.date_label)} · {plain_markdown(event.title)}",
                     query_params={"event": str(event.id)}, icon=":material/event:")
    if hidden and not here.empty:
        st.caption(f"{hidden} more event{'s' if hidden > 1 else ''} here fall{'' if hidden > 1 else 's'} "
                   "outside the current filters.")


def _swatches(frame: pd.DataFrame) -> Any:
    """Paint each row's colour cell in its own colour (the hex text stays for screen readers)."""
    return frame.style.map(lambda c: f"background-color: {c}; color: {c}", subset=["colour"])


def render_legend(model: MapModel) -> None:
    st.dataframe(_swatches(legend_frame(model)), hide_index=True, width="stretch", key="map_legend")
    st.dataframe(_swatches(route_legend(model)), hide_index=True, width="stretch", key="map_routes")
    st.caption("Circle area grows with the number of events at the place that pass the filters. "
               f"Grey ({theme.INACTIVE_COLOUR}): a place with no event under these filters stays on the map.")


@st.cache_resource(max_entries=12, show_spinner=False)
def _view(eras: tuple[str, ...], drivers: tuple[str, ...], years: tuple[int, int], version: object) -> View:
    dataset = data.core()
    return map_view(dataset.flashpoints, dataset.routes, data.events(), Filters(eras, drivers, years), basemap())


def export_view(filters: Filters) -> View:
    """The static map for these filters, built once per filter set and data version (shared, read-only)."""
    folder = paths.data_dir()
    version = (data.fingerprint(folder, ("episodes.csv", "events.csv", "flashpoints.csv", "routes.csv")),
               str(basemap_path()), basemap_path().stat().st_mtime if basemap_path().exists() else -1.0)
    return _view(filters.eras, filters.drivers, filters.years, version)


def chart_config(view: View) -> dict[str, Any]:
    """Plotly config for the preview: its camera button saves the slide-size PNG offline, in the browser."""
    return plotly_config(view)


def render_downloads(view: View) -> None:
    """PNG and SVG of the static map (drawn when prepared, see ui.downloads), and the flashpoint table as CSV."""
    stem = file_stem(view)
    cols = st.columns(3)
    items = [(BY_KEY[k], f"map_{k}", f"Map as {BY_KEY[k].label}") for k in ("png", "svg")]
    prepared(items, Request((view,)), prepare_label="Prepare the map as PNG and SVG", prepare_key="map_prepare",
             what="the map as PNG and SVG", slots=cols[:2])
    cols[2].download_button(
        "Flashpoints (CSV)", to_safe_csv(view.data), file_name=f"{stem}-flashpoints.csv", mime="text/csv",
        key="map_csv", on_click="ignore",
    )
    if reason := BY_KEY["png"].unavailable():
        st.caption(plain_markdown(reason + " The camera icon on the preview still saves a PNG."))


__all__ = ["basemap", "chart_config", "export_view", "picked_on_map", "place_picker", "render_downloads",
           "render_legend", "render_place", "view_options"]
