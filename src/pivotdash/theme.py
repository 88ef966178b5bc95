"""The one palette and type scale: colour-blind safe, one fixed colour per partner, driver and era."""

from __future__ import annotations

from dataclasses import dataclass

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
    "chinese_eastern_south": "#AA3377",
    "power_of_siberia": "#004488",
}



@dataclass(frozen=True)
class Surface:
    """The colours a chart or the map is drawn with on one background: the same palette, two roles.

    Category colours are not listed here: they are the palette above on LIGHT and `series_on` lifts any
    that would be too dark on a dark background (3:1 for marks, 4.5:1 for text; WCAG 1.4.11 and 1.4.3).
    """

    name: str
    background: str
    ink: str  # titles, tick labels, body text
    muted_ink: str  # subtitles, source notes
    grid: str
    map_ocean: str
    map_land: str
    map_coast: str
    map_border: str
    map_label: str  # sea and country names on the static map: 4.5:1 on both land and sea


# Light: the page, every export (PNG, SVG, PDF, deck, HTML) and print. The basemap: pale land on a pale sea,
# thin coasts, darker dotted borders.
LIGHT = Surface("light", background="#FFFFFF", ink="#222222", muted_ink="#555555", grid="#E5E5E5",
                map_ocean="#DCE9F2", map_land="#F2EFE9", map_coast="#8DA6B8", map_border="#8C7F70",
                map_label="#4F6B80")
# Dark: the app when the browser (or the settings menu) asks for dark; the background is Streamlit's
# dark page colour set in .streamlit/config.toml [theme.dark], so a chart sits on the page seamlessly.
# Ink 16.9:1, muted ink 10.7:1, gridlines faint but visible; a night sea under slightly lighter land.
DARK = Surface("dark", background="#0E1117", ink="#F2F2F2", muted_ink="#BEC3CC", grid="#353A45",
               map_ocean="#10263A", map_land="#2B2E35", map_coast="#6F93B0", map_border="#A89A88",
               map_label="#A9C1D6")

MAP_OCEAN = LIGHT.map_ocean
MAP_LAND = LIGHT.map_land
MAP_COAST = LIGHT.map_coast
MAP_BORDER = LIGHT.map_border
MAP_LABEL = LIGHT.map_label

INK = LIGHT.ink
MUTED_INK = LIGHT.muted_ink
GRID = LIGHT.grid
BACKGROUND = LIGHT.background
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


def rgb(colour: str) -> tuple[int, int, int]:
    """#RGB or #RRGGBB as integers."""
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #RRGGBB colour."""
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def series_on(colour: str, background: str, minimum: float = 3.0) -> str:
    """`colour` as drawn on `background`: itself when it already stands out by `minimum`, else mixed toward
    white (same hue, lighter) in 5% steps until it does. Only a dark background ever changes a colour."""
    if contrast(colour, background) >= minimum or luminance(background) > 0.18:
        return colour
    r, g, b = rgb(colour)
    for step in range(1, 21):
        t = step / 20
        mixed = "#{:02X}{:02X}{:02X}".format(*(round(v + (255 - v) * t) for v in (r, g, b)))
        if contrast(mixed, background) >= minimum:
            return mixed
    return "#FFFFFF"
