"""The Map's static chart (slides, print, the page's preview): flashpoints and routes on the shipped basemap."""

from __future__ import annotations

from pivotdash import state as st
from pivotdash.figures.finish import Chrome
from pivotdash.figures.map import static_figure
from pivotdash.filters import describe
from pivotdash.maps.model import flashpoint_table, map_model
from pivotdash.views import Data, View, credits

TITLE = "Flashpoints of Russia's turns East, and the routes that carried them"
SIZE_NOTE = "circle area = events shown"


def static_map(state: st.MapState, data: Data) -> View:
    """The map for the filters; its data is the flashpoint table behind it."""
    ds = data.dataset()
    model = map_model(ds.flashpoints, ds.routes, data.events(), state.filters)
    chrome = Chrome(TITLE, f"{describe(state.filters, data.names().episodes)} · {SIZE_NOTE}", credits.MAP,
                    link=st.link(state, data.names(), chart="map"))
    return View("map", chrome, static_figure(model, data.basemap(), chrome=chrome), flashpoint_table(model))
