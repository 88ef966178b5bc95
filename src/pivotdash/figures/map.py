"""The same map as a static plotly figure for export: land as filled traces (no geo traces, no CDN)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from pivotdash import schema, theme
from pivotdash.figures.finish import Chrome, Margin, finish, margins
from pivotdash.maps.basemap import Basemap
from pivotdash.maps.geometry import Point, clip_line, clip_polygon, simplify
from pivotdash.maps.labels import place_labels
from pivotdash.maps.model import MapModel
from pivotdash.text import plain_label

Box = tuple[float, float, float, float]  # west, south, east, north on the shifted sheet

# The main panel shows the Far East; the inset the whole sheet, from Crimea to California.
MAIN_BOX: Box = (92.0, 19.0, 170.0, 55.0)
MAIN_X = (0.0, 0.74)
INSET_BOX: Box = (25.0, 12.0, 245.0, 66.0)
INSET_X = (0.77, 1.0)
STANDARD_PARALLEL = 40.0  # equirectangular: 1° of latitude drawn 1/cos(40°) times 1° of longitude
RATIO = 1 / math.cos(math.radians(STANDARD_PARALLEL))
SIZE = (theme.SLIDE_WIDTH, theme.SLIDE_HEIGHT)  # drawn for a 16:9 slide; exports scale it
MARGIN = Margin(l=56, r=20, t=100, b=70)  # narrow sides; room under the panel for the source note
LABEL_PX = 11
# Cartographic names on the main panel (placed by hand where no flashpoint sits), in pale capitals.
AREA_NAMES = (("RUSSIA", 108.0, 53.0), ("CHINA", 106.0, 33.0), ("MONGOLIA", 104.0, 46.0), ("JAPAN", 139.5, 37.5),
              ("PACIFIC OCEAN", 152.0, 31.0))
INSET_LABEL_PX = 9
INSET_TOLERANCE = 0.25  # degrees; the inset is small, so its coasts are simplified further
# A panel keeps its aspect (scaleanchor), so wherever it is drawn wider or taller than the 16:9 slide (the
# page's preview, the HTML export in a browser window) plotly shows more than its box. Land and sea are
# drawn out to this margin around the box (within the basemap), simplified there, so the frame is always
# filled and the railways never run into white.
SURROUND = (60.0, 35.0)  # degrees of longitude, latitude
SURROUND_TOLERANCE = 0.1


@dataclass(frozen=True)
class _Panel:
    """A map panel on the page: its box, axis domains, pixel origin and pixels per degree of longitude."""

    box: Box
    xdomain: tuple[float, float]
    ydomain: tuple[float, float]
    left: float
    top: float
    k: float

    def px(self, lon: float, lat: float) -> tuple[float, float]:
        return self.left + (lon - self.box[0]) * self.k, self.top + (self.box[3] - lat) * self.k * RATIO

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        x1, y1 = self.px(self.box[2], self.box[1])
        return (self.left, self.top, x1, y1)


def _fit(box: Box, xdom: tuple[float, float], margin: dict[str, int]) -> _Panel:
    """The largest panel with the map's aspect inside a column of the plot, anchored top-left."""
    plot_w = SIZE[0] - margin["l"] - margin["r"]
    plot_h = SIZE[1] - margin["t"] - margin["b"]
    k = min(plot_w * (xdom[1] - xdom[0]) / (box[2] - box[0]), plot_h / ((box[3] - box[1]) * RATIO))
    w, h = k * (box[2] - box[0]), k * (box[3] - box[1]) * RATIO
    return _Panel(box, (xdom[0], xdom[0] + w / plot_w), (1 - h / plot_h, 1.0),
                  margin["l"] + plot_w * xdom[0], margin["t"], k)


def _ring_xy(rings: list[list[Point]]) -> tuple[list[float | None], list[float | None]]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        xs += [p[0] for p in ring] + [None]
        ys += [p[1] for p in ring] + [None]
    return xs, ys


def _land(basemap: Basemap, box: Box, tolerance: float) -> list[list[Point]]:
    rings: list[list[Point]] = []
    for feature in basemap.countries:
        for poly in feature["geometry"]["coordinates"]:
            exterior = [(float(x), float(y)) for x, y in poly[0]]
            if tolerance:
                exterior = simplify(exterior, tolerance)
            clipped = clip_polygon([exterior], box)
            if clipped and len(clipped[0]) >= 4:
                rings.append(clipped[0])
    return rings


def _lines(lines: list[list[list[float]]], box: Box, tolerance: float) -> list[list[Point]]:
    out: list[list[Point]] = []
    for line in lines:
        pts = [(float(x), float(y)) for x, y in line]
        out += clip_line(simplify(pts, tolerance) if tolerance else pts, box)
    return out


def surround(box: Box, within: Box) -> Box:
    """`box` widened by SURROUND on every side, kept within the basemap's own box `within`."""
    dx, dy = SURROUND
    return (max(box[0] - dx, within[0]), max(box[1] - dy, within[1]), min(box[2] + dx, within[2]),
            min(box[3] + dy, within[3]))


def _tiles(box: Box, outer: Box) -> list[Box]:
    """`outer` less `box`, as four boxes around it (left, right, below, above); empty ones left out."""
    (w, s, e, n), (ow, os_, oe, on) = box, outer
    tiles = [(ow, os_, w, on), (e, os_, oe, on), (w, os_, e, s), (w, n, e, on)]
    return [t for t in tiles if t[2] > t[0] and t[3] > t[1]]


def _basemap(fig: go.Figure, basemap: Basemap, parts: list[tuple[Box, float]], axes: tuple[str, str],
             line_width: float) -> None:
    """Sea (a shape under everything), land (filled traces), then coasts and dotted borders, each part of the
    sheet (a box and its simplification tolerance) clipped to its box."""
    ax, ay = axes
    west, south = min(b[0] for b, _ in parts), min(b[1] for b, _ in parts)
    east, north = max(b[2] for b, _ in parts), max(b[3] for b, _ in parts)
    fig.add_shape(type="rect", xref=ax, yref=ay, x0=west, x1=east, y0=south, y1=north,
                  fillcolor=theme.MAP_OCEAN, line={"width": 0}, layer="below")
    xs, ys = _ring_xy([ring for box, tol in parts for ring in _land(basemap, box, tol)])
    fig.add_trace(go.Scatter(x=xs, y=ys, xaxis=ax, yaxis=ay, mode="lines", fill="toself", fillcolor=theme.MAP_LAND,
                             line={"width": 0}, hoverinfo="skip", showlegend=False, name="land"))
    for lines, colour, dash in ((basemap.coasts, theme.MAP_COAST, "solid"), (basemap.borders, theme.MAP_BORDER, "dot")):
        lx, ly = _ring_xy([line for box, tol in parts for line in _lines(lines, box, tol)])
        fig.add_trace(go.Scatter(x=lx, y=ly, xaxis=ax, yaxis=ay, mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"width": line_width, "color": colour, "dash": dash}))


def _routes(fig: go.Figure, model: MapModel) -> None:
    for route in model.routes.to_dict("records"):
        xs = [p[0] for p in route["path"]]
        ys = [p[1] for p in route["path"]]
        for (ax, ay), width, legend in ((("x", "y"), 2.6, True), (("x2", "y2"), 1.2, False)):
            fig.add_trace(go.Scatter(x=xs, y=ys, xaxis=ax, yaxis=ay, mode="lines", name=route["name"],
                                     legendgroup="routes", legendgrouptitle_text="Routes" if legend else None,
                                     line={"color": route["colour"], "width": width}, showlegend=legend,
                                     hovertext=plain_label(route["name"]), hoverinfo="text"))


# A kind of flashpoint differs by shape as well as colour (the legend shows both); a place with no event
# under the filters is a grey ring.
KIND_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "hexagon", "star",
                "hourglass", "cross")


def kind_symbol(kind: str) -> str:
    kinds = list(schema.FLASHPOINT_KINDS)
    return KIND_SYMBOLS[kinds.index(kind) % len(KIND_SYMBOLS)] if kind in kinds else "circle-open-dot"


def _markers(fig: go.Figure, model: MapModel) -> None:
    """One trace per kind (the legend is the colour key), greys last; small copies on the inset."""
    fp = model.flashpoints
    kinds = [k for k in schema.FLASHPOINT_KINDS if k in set(fp.loc[fp["active"], "kind"])]
    groups = [(k, fp[(fp["kind"] == k) & fp["active"]]) for k in kinds] + [("", fp[~fp["active"]])]
    first = True
    for kind, sub in groups:
        if sub.empty:
            continue
        name = schema.label("flashpoint_kinds", kind) if kind else "No event under these filters"
        colour = theme.KIND_COLOURS.get(kind, theme.INACTIVE_COLOUR) if kind else theme.INACTIVE_COLOUR
        symbol = kind_symbol(kind)
        hover = [plain_label(t).replace("\n", "<br>") for t in sub["tooltip"]]
        fig.add_trace(go.Scatter(
            x=sub["x"], y=sub["lat"], mode="markers", name=name, legendgroup="kinds",
            legendgrouptitle_text="Kind of flashpoint" if first else None,
            marker={"color": colour, "size": [2 * r for r in sub["radius"]], "symbol": symbol,
                    "line": {"color": "white", "width": 1}},
            customdata=sub[["id"]].to_numpy(), hovertext=hover, hoverinfo="text",
        ))
        fig.add_trace(go.Scatter(x=sub["x"], y=sub["lat"], xaxis="x2", yaxis="y2", mode="markers", showlegend=False,
                                 marker={"color": colour, "size": 5, "symbol": symbol,
                                         "line": {"color": "white", "width": 0.5}},
                                 hoverinfo="skip"))
        first = False


def _labels(fig: go.Figure, model: MapModel, main: _Panel, inset: _Panel) -> None:
    """Names beside markers, placed so they do not overlap; places off the main panel go on the inset."""
    fp = model.flashpoints.sort_values(["active", "n_events"], ascending=[False, False], kind="stable")
    west, south, east, north = main.box
    on_main = (fp["x"] >= west) & (fp["x"] <= east) & (fp["lat"] >= south) & (fp["lat"] <= north)
    areas = []
    for name, lon, lat in AREA_NAMES:
        fig.add_annotation(x=lon, y=lat, xref="x", yref="y", text=name, showarrow=False,
                           font={"size": 12, "color": theme.MAP_LABEL})
        x, y = main.px(lon, lat)
        areas.append((x - len(name) * 4.2, y - 8, x + len(name) * 4.2, y + 8))
    # On the inset, the main panel's markers and frame are obstacles for the labels of the far places.
    ix0, iy0 = inset.px(west, north)
    ix1, iy1 = inset.px(east, south)
    frame = [(ix0 - 1, iy0 - 1, ix1 + 1, iy0 + 1), (ix0 - 1, iy1 - 1, ix1 + 1, iy1 + 1),
             (ix0 - 1, iy0, ix0 + 1, iy1), (ix1 - 1, iy0, ix1 + 1, iy1)]
    cluster = [(x - 3, y - 3, x + 3, y + 3) for x, y in (inset.px(a, b) for a, b in zip(
        fp.loc[on_main, "x"], fp.loc[on_main, "lat"], strict=True))]
    for panel, rows, axes, font, gap, blocks in ((main, fp[on_main], ("x", "y"), LABEL_PX, 3.0, areas),
                                                 (inset, fp[~on_main], ("x2", "y2"), INSET_LABEL_PX, 2.0,
                                                  frame + cluster)):
        texts = [str(t) if panel is main else str(t).split(" /", 1)[0] for t in rows["label"]]
        radius = [float(r) if panel is main else 2.5 for r in rows["radius"]]
        pts = [(*panel.px(x, y), r) for x, y, r in zip(rows["x"], rows["lat"], radius, strict=True)]
        placed = place_labels(pts, texts, font_px=font, gap=gap, bounds=panel.bounds, obstacles=blocks)
        for row, text, p in zip(rows.itertuples(), texts, placed, strict=True):
            fig.add_annotation(
                x=row.x, y=row.lat, xref=axes[0], yref=axes[1], text=plain_label(text), showarrow=False,
                xshift=p.dx, yshift=-p.dy, xanchor=p.anchor, yanchor=p.baseline,
                font={"size": font, "color": theme.INK if row.active else theme.MUTED_INK},
                bgcolor="rgba(255,255,255,0.65)" if panel is main else None, borderpad=1,
            )
    fig.add_shape(type="rect", xref="x2", yref="y2", x0=west, x1=east, y0=south, y1=north,
                  line={"color": theme.INK, "width": 1}, fillcolor="rgba(0,0,0,0)")


def _allowed(outer: Box) -> tuple[dict[str, float], dict[str, float]]:
    """The x and y ranges a panel may show at most (plotly's minallowed/maxallowed)."""
    return {"minallowed": outer[0], "maxallowed": outer[2]}, {"minallowed": outer[1], "maxallowed": outer[3]}


def _lon_ticks(box: Box, step: int) -> tuple[list[float], list[str]]:
    vals = list(range(math.ceil(box[0] / step) * step, int(box[2]) + 1, step))
    return [float(v) for v in vals], [f"{v}°E" if v <= 180 else f"{360 - v}°W" for v in vals]


def static_figure(model: MapModel, basemap: Basemap, *, chrome: Chrome) -> go.Figure:
    """The map for slides and print (1280×720): a Far East panel, a whole-region inset, labels and key."""
    fig = go.Figure()
    # The chrome's wrapped title and source note decide how much room the panels get.
    margin = margins(chrome, MARGIN, SIZE[0])
    main, inset = _fit(MAIN_BOX, MAIN_X, margin), _fit(INSET_BOX, INSET_X, margin)

    main_outer, inset_outer = surround(MAIN_BOX, basemap.box), surround(INSET_BOX, basemap.box)
    around = [(t, SURROUND_TOLERANCE) for t in _tiles(MAIN_BOX, main_outer)]
    _basemap(fig, basemap, [(MAIN_BOX, 0.0), *around], ("x", "y"), 0.7)
    inset_parts = [INSET_BOX, *_tiles(INSET_BOX, inset_outer)]
    _basemap(fig, basemap, [(t, INSET_TOLERANCE) for t in inset_parts], ("x2", "y2"), 0.4)
    _routes(fig, model)
    _markers(fig, model)
    _labels(fig, model, main, inset)

    # Drawn in another shape than the slide, a panel shows more than its box, but never past where its land and
    # sea reach (the basemap ends at 82°N and 10°S): there the frame would show white paper. Plotly then
    # stretches the panel a little rather than show past them (about 10% at the page's preview at 1024 px).
    main_x, main_y = _allowed(main_outer)
    inset_x, inset_y = _allowed(inset_outer)
    ticks, text = _lon_ticks(MAIN_BOX, 10)
    frame = {"showgrid": False, "zeroline": False, "showline": True, "linecolor": theme.MUTED_INK, "mirror": True,
             "tickfont": {"size": 10, "color": theme.MUTED_INK}}
    bare = {**frame, "showticklabels": False, "ticks": ""}
    fig.update_layout(
        # pad 0: the frame is the panel's edge (the page's plotly would otherwise leave 8 px of paper inside it)
        width=SIZE[0], height=SIZE[1], hovermode="closest", margin={"pad": 0},
        xaxis={**frame, **main_x, "ticks": "outside", "domain": list(main.xdomain),
               "range": [MAIN_BOX[0], MAIN_BOX[2]], "tickvals": ticks, "ticktext": text},
        yaxis={**frame, **main_y, "ticks": "outside", "domain": list(main.ydomain),
               "range": [MAIN_BOX[1], MAIN_BOX[3]], "scaleanchor": "x", "scaleratio": RATIO, "ticksuffix": "°N",
               "dtick": 10},
        xaxis2={**bare, **inset_x, "domain": list(inset.xdomain), "range": [INSET_BOX[0], INSET_BOX[2]],
                "anchor": "y2"},
        yaxis2={**bare, **inset_y, "domain": list(inset.ydomain), "range": [INSET_BOX[1], INSET_BOX[3]],
                "anchor": "x2", "scaleanchor": "x2", "scaleratio": RATIO},
    )
    fig.add_annotation(
        text="Circle area: events shown at the place<br>Equirectangular, 40°N standard parallel",
        xref="paper", yref="paper", x=INSET_X[0], y=main.ydomain[0], xanchor="left", yanchor="bottom",
        align="left", showarrow=False, font={"size": 10, "color": theme.MUTED_INK},
    )
    legend = {"orientation": "v", "x": INSET_X[0], "xanchor": "left", "y": inset.ydomain[0] - 0.04,
              "yanchor": "top", "font": {"size": 11}, "itemsizing": "constant", "tracegroupgap": 6,
              "bgcolor": "rgba(255,255,255,0)"}
    return finish(fig, chrome, margin=MARGIN, width=SIZE[0], layout={"legend": legend})
