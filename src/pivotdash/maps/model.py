"""What the map shows: flashpoints with their (filtered) event counts, routes as paths, and the legend."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from plotly.colors import hex_to_rgb

from pivotdash import schema, theme
from pivotdash.filters import Filters, filter_events
from pivotdash.maps.geometry import shift_lon
from pivotdash.text import bidi_safe

FLASHPOINT_COLUMNS = (
    "id", "name", "label", "lat", "lon", "x", "kind", "kind_label", "countries", "years", "summary",
    "source", "source_url", "n_events", "n_total", "active", "colour", "radius", "tooltip",
)

# The map's opening views (pivotdash.maps.deck holds their camera positions), with the labels links carry.
VIEW_LABELS = {"far_east": "Far East", "whole": "Crimea to California"}


@dataclass(frozen=True)
class MapModel:
    """The map's content for one set of filters; every frame has plain columns, ready to draw."""

    flashpoints: pd.DataFrame  # FLASHPOINT_COLUMNS; x is the longitude on the shifted Pacific sheet
    routes: pd.DataFrame  # route_id, name, colour, path ([[x, lat], ...]), waypoints, tooltip
    events: pd.DataFrame  # the events that pass the filters (rows of filters.event_frame)
    filters: Filters
    filtered: bool  # True when any filter narrows the events


def short_label(name: str) -> str:
    """The map label: the name without its parenthesis ('Port Arthur (Lüshun)' → 'Port Arthur')."""
    return name.split(" (", 1)[0].strip() or name


def marker_radius(n_events: int, active: bool) -> float:
    """Circle radius in pixels: area grows with the number of events, so radius with its square root."""
    return 5.0 + 3.2 * math.sqrt(n_events) if active else 4.0


def hex_rgb(colour: str, alpha: int = 255) -> list[int]:
    """'#RRGGBB' → [r, g, b, a] for deck.gl."""
    return [*hex_to_rgb(colour), alpha]


def _tooltip(row: pd.Series, filtered: bool) -> str:
    if filtered:
        count = f"{row.n_events} of {row.n_total} events pass the filters"
    else:
        count = f"{row.n_total} event{'s' if row.n_total != 1 else ''}"
    countries = ", ".join(row.countries)
    return f"{row['name']}\n{row.kind_label} · {row.years} · {countries}\n{count}\n{row.summary}"


def map_model(flashpoints: pd.DataFrame, routes: pd.DataFrame, frame: pd.DataFrame, filters: Filters) -> MapModel:
    """Join flashpoints to the events that pass `filters` (frame from filters.event_frame).

    A flashpoint with no passing event stays on the map, grey and small, so the geography keeps its
    bearings and the analyst sees what the filters hide; it is never dropped.
    """
    passing = filter_events(frame, filters)
    shown = passing["flashpoint_id"].value_counts().to_dict()
    total = frame["flashpoint_id"].value_counts().to_dict()
    filtered = filters != Filters()
    fp = flashpoints.copy()
    fp["label"] = [bidi_safe(short_label(n)) for n in fp["name"]]
    fp["x"] = [shift_lon(float(x)) for x in fp["lon"]]
    fp["kind_label"] = [schema.label("flashpoint_kinds", k) for k in fp["kind"]]
    fp["n_events"] = [int(shown.get(i, 0)) for i in fp["id"]]
    fp["n_total"] = [int(total.get(i, 0)) for i in fp["id"]]
    fp["active"] = fp["n_events"] > 0
    fp["colour"] = [
        theme.colour_for(k, theme.KIND_COLOURS, i) if a else theme.INACTIVE_COLOUR
        for i, (k, a) in enumerate(zip(fp["kind"], fp["active"], strict=True))
    ]
    fp["radius"] = [marker_radius(n, a) for n, a in zip(fp["n_events"], fp["active"], strict=True)]
    # deck.gl draws tooltips and labels as text: bidi controls are neutralised as everywhere text is shown.
    fp["tooltip"] = [bidi_safe(_tooltip(row, filtered)) for _, row in fp.iterrows()]
    # Draw the grey ones first and the busiest last, so big circles do not hide small ones' centres.
    fp = fp.sort_values(["active", "n_events"], ascending=[True, False], kind="stable").reset_index(drop=True)
    return MapModel(fp[list(FLASHPOINT_COLUMNS)], route_paths(routes), passing, filters, filtered)


def route_paths(routes: pd.DataFrame) -> pd.DataFrame:
    """One row per route: its ordered waypoints as a path on the shifted sheet."""
    rows = []
    for route_id, group in routes.sort_values(["route_id", "seq"]).groupby("route_id", sort=False):
        name = schema.label("routes", str(route_id))
        stops = list(group["name"])
        rows.append({
            "route_id": route_id,
            "name": name,
            "colour": theme.colour_for(str(route_id), theme.ROUTE_COLOURS),
            "path": [[shift_lon(float(x)), float(y)] for x, y in zip(group["lon"], group["lat"], strict=True)],
            "waypoints": len(stops),
            "tooltip": bidi_safe(f"{name}\n{stops[0]} – {stops[-1]} · {len(stops)} sourced waypoints"),
        })
    order = {k: i for i, k in enumerate(schema.ROUTES)}
    out = pd.DataFrame(rows, columns=["route_id", "name", "colour", "path", "waypoints", "tooltip"])
    return out.sort_values("route_id", key=lambda s: s.map(order)).reset_index(drop=True)


def events_at(model: MapModel, frame: pd.DataFrame, place: str) -> tuple[pd.DataFrame, int]:
    """The passing events at one flashpoint (by date), and how many more the filters hide there."""
    here = model.events[model.events["flashpoint_id"] == place]
    hidden = int((frame["flashpoint_id"] == place).sum()) - len(here)
    return here.sort_values(["start", "id"]), hidden


def legend_frame(model: MapModel) -> pd.DataFrame:
    """The colour key, from the same mapping the map uses: kind, colour, flashpoints and events shown."""
    fp = model.flashpoints
    rows = []
    for kind, label in schema.FLASHPOINT_KINDS.items():
        mine = fp[fp["kind"] == kind]
        if mine.empty:
            continue
        rows.append({"kind": label, "colour": theme.KIND_COLOURS.get(kind, theme.INACTIVE_COLOUR),
                     "flashpoints": int(mine["active"].sum()), "events": int(mine["n_events"].sum())})
    if (~fp["active"]).any():
        rows.append({"kind": "No event under these filters", "colour": theme.INACTIVE_COLOUR,
                     "flashpoints": int((~fp["active"]).sum()), "events": 0})
    return pd.DataFrame(rows, columns=["kind", "colour", "flashpoints", "events"])


def route_legend(model: MapModel) -> pd.DataFrame:
    """The routes' colour key: route, colour, first and last waypoint."""
    return pd.DataFrame({
        "route": model.routes["name"], "colour": model.routes["colour"],
        "from_to": [t.split("\n")[1].split(" · ")[0] for t in model.routes["tooltip"]],
    })


def caption(model: MapModel, description: str) -> str:
    """One line under the page title: how many places have events under the filters, and the key to size."""
    fp = model.flashpoints
    active = int(fp["active"].sum())
    grey = f"; grey: no event under these filters ({len(fp) - active})" if active < len(fp) else ""
    placed = int(model.events["flashpoint_id"].isin(set(fp["id"])).sum())
    return (f"{active} of {len(fp)} flashpoints with events · {placed} events at them · {description}"
            f" · circle area = events at the place{grey}")


def flashpoint_table(model: MapModel) -> pd.DataFrame:
    """The flashpoints as analysts read and export them: labels, counts and sources."""
    fp = model.flashpoints.sort_values(["n_events", "name"], ascending=[False, True])
    return pd.DataFrame({
        "id": fp["id"], "name": fp["name"], "kind": fp["kind_label"], "lat": fp["lat"], "lon": fp["lon"],
        "countries": ["; ".join(c) for c in fp["countries"]], "years": fp["years"],
        "events_shown": fp["n_events"], "events_total": fp["n_total"], "summary": fp["summary"],
        "source": fp["source"], "source_url": fp["source_url"],
    }).reset_index(drop=True)
