"""The one palette and type scale: colour-blind safe, one fixed colour per partner, driver and era."""

from __future__ import annotations

# Okabe & Ito (2008) colour-blind-safe set, extended with Paul Tol's muted scheme where more
# categories are needed. Every category keeps its colour on every chart and in every export.
# Every pair within a palette stays apart (CIE76 ΔE at least CVD_MIN_DELTA_E) in normal vision and under
# simulated deuteranopia and protanopia (tests/unit/test_colour_vision.py); colour is never the only cue.
CVD_MIN_DELTA_E = 12.0
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

PARTNER_COLOURS: dict[str, str] = {
    "eu27": "#0072B2",
    "eu28": "#56B4E9",
    "china": "#D55E00",
    "japan": "#CC79A7",
    "south_korea": "#E69F00",
    "japan_korea": "#882255",
    "belarus": "#009E73",
    "united_states": "#117733",
    "rest_of_world": "#BBBBBB",
    # historical partners (RICardo)
    "germany": "#332288",
    "united_kingdom": "#661100",  # not Tol's teal: beside Japan's pink it vanished under deuteranopia
    "france": "#88CCEE",
    "netherlands": "#DDCC77",
    "ottoman_turkey": "#999933",
    "persia_iran": "#994455",  # not #AA4499: it read as the EU27's blue under protanopia
}
FALLBACK_COLOURS = ["#117733", "#999933", "#AA4499", "#661100", "#6699CC", "#888888"]

DRIVER_COLOURS: dict[str, str] = {
    "economic_promise": "#E69F00",
    "clash_with_west": "#0072B2",
    "imperial_competition": "#CC79A7",
    "ideology": "#D55E00",
    "security": "#009E73",
    "leadership_change": "#56B4E9",
}

OUTCOME_COLOURS: dict[str, str] = {
    "retreat": "#999999",
    "backwater": "#DDCC77",
    "catastrophe": "#882255",
    "failed": "#CC6677",
    "strategic_error": "#AA4499",
    "economic_collapse": "#661100",
    "ongoing": "#117733",
}

# A risk's status since the paper: the badge's colour, always beside its symbol and words (never colour alone).
RISK_STATUS_COLOURS: dict[str, str] = {
    "materialised": "#D55E00",
    "partly": "#E69F00",
    "not_yet": "#0072B2",
    "reversed": "#009E73",
}
RISK_STATUS_SYMBOLS: dict[str, str] = {"materialised": "●", "partly": "◐", "not_yet": "○", "reversed": "↺"}

# Flashpoint kinds on the map: Okabe & Ito first, Tol's muted set for the rest; none is the grey
# that marks a flashpoint with no event under the current filters.
KIND_COLOURS: dict[str, str] = {
    "battle": "#D55E00",
    "border_clash": "#E69F00",
    "territorial_dispute": "#CC79A7",
    "outpost": "#009E73",
    "port_city": "#0072B2",
    "occupation": "#882255",
    "military_exercise": "#56B4E9",
    "railway_hub": "#999933",
    "capital": "#332288",
}
INACTIVE_COLOUR = "#BBBBBB"

# Routes are lines, so dark, saturated colours that stay legible over the pale land.
ROUTE_COLOURS: dict[str, str] = {
    "trans_siberian": "#661100",
    "chinese_eastern": "#997700",
    "power_of_siberia": "#004488",
}

# The basemap: pale land on a pale sea, thin coasts, darker dotted borders.
MAP_OCEAN = "#DCE9F2"
MAP_LAND = "#F2EFE9"
MAP_COAST = "#8DA6B8"
MAP_BORDER = "#8C7F70"

INK = "#222222"
MUTED_INK = "#555555"
GRID = "#E5E5E5"
BACKGROUND = "#FFFFFF"
FONT_FAMILY = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"

# Sizes for a 16:9 slide at 1280x720 CSS pixels; exported at 2x or 3x scale.
SLIDE_WIDTH = 1280
SLIDE_HEIGHT = 720
TITLE_SIZE = 22
SUBTITLE_SIZE = 15
BODY_SIZE = 14
NOTE_SIZE = 12


def colour_for(category: str, mapping: dict[str, str], index: int = 0) -> str:
    """The fixed colour of `category`, or a stable fallback for one the palette does not name."""
    if category in mapping:
        return mapping[category]
    return FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)]
