"""The interactive map as a pydeck Deck that draws its own basemap: no tiles, no network, text tooltips."""

from __future__ import annotations

import functools
import json
import math

import pydeck as pdk
from pydeck.types import String

from pivotdash import theme
from pivotdash.maps.basemap import Basemap
from pivotdash.maps.labels import Placement, place_labels
from pivotdash.maps.model import MapModel, hex_rgb

# Opening views: the Far East (Manchuria and the Sea of Japan in the middle, Lake Baikal to the Kurils),
# or the whole sheet from Crimea across the Pacific to California, centred on the sheet (25°E to 115°W) so that
# where the frame is wider than the sheet, the zoom the bounds below raise it to keeps both ends in view.
VIEWS: dict[str, dict[str, float]] = {
    "far_east": {"longitude": 132.0, "latitude": 44.0, "zoom": 2.7},
    "whole": {"longitude": 135.0, "latitude": 50.5, "zoom": 1.62},
}
# The camera never looks past the basemap's box (deck.gl's maxBounds: it also raises the least zoom to what
# the map's frame needs), so the frame is always sea or land: nothing lies beyond the box but blank page.
# No rotation or tilt: a turned or tilted view would show past the box at its corners or horizon.
CONTROLLER = {"dragRotate": False, "touchRotate": False, "keyboard": {"rotateSpeedX": 0, "rotateSpeedY": 0}}
VIEW = VIEWS["far_east"]
VIEW_PX = (1100, 600)  # the page's usual map size, used to lay labels out for the opening view
LABEL_FONT_PX = 12
# Text, never html: deck.gl puts it in with innerText, so data stays inert. Narrow, so long summaries wrap.
TOOLTIP = {"text": "{tooltip}", "style": {"maxWidth": "360px", "fontSize": "13px", "lineHeight": "1.35"}}

PIXELS = String("pixels")  # pydeck reads a bare string as a data accessor; String keeps it a literal
_DECK_ANCHOR = {"left": "start", "right": "end", "center": "middle"}
_DECK_BASELINE = {"middle": "center", "bottom": "bottom", "top": "top"}


def mercator_px(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator world pixels at `zoom` (512-pixel world at zoom 0, as deck.gl counts)."""
    scale = 512 * 2**zoom
    lat = max(min(lat, 85.0), -85.0)
    x = scale * (lon + 180) / 360
    y = scale * (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2
    return x, y


def _label_records(model: MapModel, view: dict[str, float], surface: theme.Surface) -> list[dict]:
    fp = model.flashpoints
    order = fp.sort_values(["active", "n_events"], ascending=[False, False], kind="stable")
    rows = order.to_dict("records")
    cx, cy = mercator_px(view["longitude"], view["latitude"], view["zoom"])
    w, h = VIEW_PX
    pts = []
    for row in rows:
        x, y = mercator_px(float(row["x"]), float(row["lat"]), view["zoom"])
        pts.append((x - cx + w / 2, y - cy + h / 2, float(row["radius"])))
    seen = [0 <= x <= w and 0 <= y <= h for x, y, _ in pts]
    # Labels are laid out for the opening view; a place outside it keeps its label to the right.
    placed = iter(place_labels([p for p, s in zip(pts, seen, strict=True) if s],
                               [str(r["label"]) for r, s in zip(rows, seen, strict=True) if s],
                               font_px=LABEL_FONT_PX, bounds=(0, 0, w, h)))
    placements = [next(placed) if s else Placement(r + 3, 0, "left", "middle", 0.0)
                  for (_, _, r), s in zip(pts, seen, strict=True)]
    records = []
    for row, p in zip(rows, placements, strict=True):
        if p.overlap > 0:
            continue  # no free spot in this view: the tooltip still names the place, and zooming in frees room
        active = bool(row["active"])
        records.append({
            "position": [row["x"], row["lat"]], "label": row["label"], "offset": [p.dx, p.dy],
            "anchor": _DECK_ANCHOR[p.anchor], "baseline": _DECK_BASELINE[p.baseline],
            "rgba": hex_rgb(surface.ink if active else surface.muted_ink, 255 if active else 200), "id": row["id"],
        })
    return records


@functools.lru_cache(maxsize=4)
def basemap_layers_json(basemap: Basemap, url: str | None = None,
                        surface: theme.Surface = theme.LIGHT) -> tuple[str, ...]:
    """Sea, land, coasts and borders as deck.gl JSON layers (one text each), written once per basemap.

    With `url` (a folder holding basemap.static_files) the land, coasts and borders are loaded by the
    browser from there and cached; without it they travel inline in every deck message (about 1 MB).
    Built by hand rather than through pydeck: pydeck walks every coordinate to rename keys, which
    costs about a second per rerun for 1 MB of geometry that never changes.
    """
    west, south, east, north = basemap.box

    def lines(layer_id: str, paths: list, colour: list[int]) -> dict:
        if url:
            return {"@@type": "GeoJsonLayer", "id": layer_id, "data": f"{url}/{layer_id}.geojson", "filled": False,
                    "stroked": True, "getLineColor": colour, "getLineWidth": 1, "lineWidthUnits": "pixels",
                    "pickable": False}
        return {"@@type": "PathLayer", "id": layer_id, "data": [{"path": p} for p in paths], "getPath": "@@=path",
                "getColor": colour, "getWidth": 1, "widthUnits": "pixels", "pickable": False}

    land = f"{url}/land.geojson" if url else {"type": "FeatureCollection", "features": basemap.countries}
    layers = [
        {"@@type": "PolygonLayer", "id": "ocean", "stroked": False, "pickable": False, "getPolygon": "@@=polygon",
         "data": [{"polygon": [[west, south], [east, south], [east, north], [west, north]]}],
         "getFillColor": hex_rgb(surface.map_ocean)},
        {"@@type": "GeoJsonLayer", "id": "land", "filled": True, "stroked": False, "pickable": False,
         "data": land, "getFillColor": hex_rgb(surface.map_land)},
        lines("coasts", basemap.coasts, hex_rgb(surface.map_coast)),
        lines("borders", basemap.borders, hex_rgb(surface.map_border, 200)),
    ]
    return tuple(json.dumps(layer, separators=(",", ":")) for layer in layers)


class CompactDeck(pdk.Deck):
    """A Deck with compact JSON and ready-made basemap layers spliced in under its own layers."""

    _prefix = ""  # JSON of layers drawn before this deck's own

    def to_json(self) -> str:
        raw = json.loads(super().to_json())
        raw.pop("_prefix", None)  # pydeck writes every instance attribute; this one is spliced in below
        spec = json.dumps(raw, separators=(",", ":"))
        if not self._prefix:
            return spec
        joiner = "," if '"layers":[]' not in spec else ""
        return spec.replace('"layers":[', '"layers":[' + self._prefix + joiner, 1)


def build_deck(model: MapModel, basemap: Basemap, *, tiles: bool = False, view: str = "far_east",
               basemap_url: str | None = None, surface: theme.Surface = theme.LIGHT) -> pdk.Deck:
    """Layers: sea, land, coasts, borders, routes, flashpoints (colour = kind, size = events), labels.

    With `tiles` the sea, land and coasts come from Carto's tiles instead (needs internet; opt-in).
    `view` names the opening view (VIEWS); labels are laid out for it. `basemap_url`: the folder the
    browser loads the basemap's files from (basemap.static_url()), else the basemap goes inline. `surface`: the
    page's light or dark roles; a kind or route colour too dark for the dark land is lifted to 3:1 against it.
    """
    opening = VIEWS.get(view, VIEW)

    def mark(colour: str, alpha: int = 255) -> list[int]:
        return hex_rgb(theme.series_on(colour, surface.map_land), alpha)

    flashpoints = [
        {"position": [r["x"], r["lat"]], "id": r["id"], "name": r["name"], "tooltip": r["tooltip"],
         "rgba": mark(str(r["colour"]), 235 if r["active"] else 210), "radius": float(r["radius"])}
        for r in model.flashpoints.to_dict("records")
    ]
    routes = [
        {"path": r["path"], "route_id": r["route_id"], "name": r["name"], "rgba": mark(str(r["colour"])),
         "tooltip": r["tooltip"]}
        for r in model.routes.to_dict("records")
    ]
    layers = [
        pdk.Layer("PathLayer", id="routes", data=routes, get_path="path", get_color="rgba", get_width=3,
                  width_units=PIXELS, width_min_pixels=2, joint_rounded=True, cap_rounded=True,
                  pickable=True, auto_highlight=True),
        pdk.Layer("ScatterplotLayer", id="flashpoints", data=flashpoints, get_position="position",
                  get_fill_color="rgba", get_radius="radius", radius_units=PIXELS, stroked=True,
                  get_line_color=hex_rgb(surface.background), line_width_min_pixels=1, pickable=True,
                  auto_highlight=True),
        pdk.Layer("TextLayer", id="labels", data=_label_records(model, opening, surface), get_position="position",
                  get_text="label", get_size=LABEL_FONT_PX, size_units=PIXELS, get_color="rgba",
                  get_pixel_offset="offset",
                  get_text_anchor="anchor", get_alignment_baseline="baseline", character_set=String("auto"),
                  font_family=String(theme.FONT_FAMILY), background=True,
                  get_background_color=hex_rgb(surface.background, 170),
                  background_padding=[2, 1], pickable=False),
    ]
    west, south, east, north = basemap.box
    # normalize=False: the sheet runs past 180°E (to California), where deck.gl would otherwise wrap the centre.
    state = pdk.ViewState(**opening, min_zoom=1, max_zoom=9, max_pitch=0, normalize=False,
                          max_bounds=[[west, south], [east, north]])
    views = [pdk.View("MapView", controller=CONTROLLER)]
    if tiles:
        deck = CompactDeck(layers=layers, initial_view_state=state, map_provider="carto", map_style=surface.name,
                           tooltip=TOOLTIP, views=views)
    else:
        # map_provider=None and no map_style at all: even map_style=None makes pydeck fetch Carto's style.
        deck = CompactDeck(layers=layers, initial_view_state=state, map_provider=None, tooltip=TOOLTIP,
                           views=views)
    # With tiles the land and sea come from them; the borders stay ours either way.
    layers_json = basemap_layers_json(basemap, basemap_url, surface)
    deck._prefix = ",".join(layers_json[-1:] if tiles else layers_json)
    return deck
