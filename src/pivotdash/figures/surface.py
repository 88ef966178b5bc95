"""A finished figure redrawn for the page's surface: the app's dark theme gets a dark copy, exports stay light."""

from __future__ import annotations

import re
from typing import Any

import plotly.graph_objects as go

from pivotdash import theme

_RGBA = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NAMED = {"white": "#FFFFFF", "black": "#000000"}
TEXT_MINIMUM = 4.5  # WCAG 1.4.3: text (tick labels, titles, annotations, legend)
MARK_MINIMUM = 3.0  # WCAG 1.4.11: lines, markers, bars


def parse_colour(value: str) -> tuple[str, float | None] | None:
    """A plotly colour string as (#RRGGBB, alpha or None); None for anything that is not a plain colour."""
    value = _NAMED.get(value.strip().lower(), value.strip())
    if _HEX.fullmatch(value):
        h = value.lstrip("#")
        return "#" + ("".join(c * 2 for c in h) if len(h) == 3 else h).upper(), None
    m = _RGBA.fullmatch(value)
    if m:
        r, g, b = (int(m.group(i)) for i in (1, 2, 3))
        return f"#{r:02X}{g:02X}{b:02X}", float(m.group(4)) if m.group(4) is not None else None
    return None


def _format(colour: str, alpha: float | None) -> str:
    if alpha is None:
        return colour
    r, g, b = theme.rgb(colour)
    return f"rgba({r},{g},{b},{alpha:g})"


class _Recolour:
    """Light roles to `surface` roles; any other colour lifted until it stands out on the surface."""

    def __init__(self, surface: theme.Surface) -> None:
        self.surface = surface
        light = theme.LIGHT
        roles = ("background", "ink", "muted_ink", "grid", "map_ocean", "map_land", "map_coast", "map_border",
                 "map_label")
        self.roles = {getattr(light, r).upper(): getattr(surface, r) for r in roles}

    def colour(self, value: Any, minimum: float) -> Any:
        if isinstance(value, (list, tuple)):
            return [self.colour(v, minimum) for v in value]
        parsed = parse_colour(value) if isinstance(value, str) else None
        if parsed is None or parsed[1] == 0:
            return value  # not a colour plotly writes as a string here, or fully transparent
        hex_colour, alpha = parsed
        role = self.roles.get(hex_colour)
        if role is not None:
            return _format(role, alpha)
        return _format(theme.series_on(hex_colour, self.surface.background, minimum), alpha)

    def walk(self, node: Any, text: bool = False) -> Any:
        """Every `…color` value under `node`, recoloured; text colours (under a `…font`) need 4.5:1."""
        if isinstance(node, list):
            return [self.walk(item, text) for item in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            under_text = text or key.endswith("font")
            if key.endswith("color") and not isinstance(value, dict):
                out[key] = self.colour(value, TEXT_MINIMUM if under_text else MARK_MINIMUM)
            else:
                out[key] = self.walk(value, under_text)
        return out


def on_surface(fig: go.Figure, surface: theme.Surface) -> go.Figure:
    """`fig` as the app draws it on `surface`: the figure itself on LIGHT, a recoloured copy on DARK.

    Backgrounds, ink, muted ink and gridlines take the surface's roles; every other colour (series, bands,
    outlines) keeps its hue and is lifted only if it would stand out by less than 3:1 (4.5:1 for text).
    The figure passed in is never changed, so downloads built from the same view stay light.
    """
    if surface == theme.LIGHT:
        return fig
    spec = fig.to_plotly_json()
    recolour = _Recolour(surface)
    layout = {k: v for k, v in spec.get("layout", {}).items() if k != "template"}
    layout = recolour.walk(layout)
    layout["template"] = "plotly_dark"
    return go.Figure({"data": recolour.walk(spec.get("data", [])), "layout": layout})
