"""Partner ids, human names and partner groups (EU27, EU28, Japan + South Korea) for the DOTS series."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# DOTS partners that are totals over other partners: never added to their members or to each other.
DOTS_AGGREGATES: frozenset[str] = frozenset({
    "World",
    "Advanced Economies",
    "Africa",
    "Emerging and Developing Asia",
    "Emerging and Developing Economies",
    "Emerging and Developing Europe",
    "Emerging Market and Developing Economies by Source of Export Earnings: Fuel",
    "Emerging Market and Developing Economies by Source of Export Earnings: Nonfuel",
    "Euro Area",
    "European Union",
    "Middle East",
    "Middle East and Central Asia",
    "Sub-Saharan Africa",
    "Western Hemisphere",
    "South African Common Customs Area (SACCA)",
})
# Trade DOTS could not allocate to a country: kept as partners of their own, marked as such.
_UNALLOCATED = re.compile(r"not specified|not included elsewhere|^Special Categories$")

# Names whose qualifier cannot simply be dropped (two Congos, two Koreas, three Chinas) or read badly.
_EXPLICIT: dict[str, tuple[str, str]] = {
    "China, P.R.: Mainland": ("china", "China (mainland)"),
    "China, P.R.: Hong Kong": ("hong_kong", "Hong Kong SAR"),
    "China, P.R.: Macao": ("macao", "Macao SAR"),
    "Korea, Rep. of": ("south_korea", "South Korea"),
    "Korea, Dem. People's Rep. of": ("north_korea", "North Korea"),
    "Congo, Dem. Rep. of the": ("congo_dr", "Congo (Democratic Republic)"),
    "Congo, Rep. of": ("congo_republic", "Congo (Republic)"),
    "Yemen, Rep. of": ("yemen", "Yemen"),
    "Yemen Arab Rep.": ("yemen_arab_republic", "Yemen Arab Republic (North Yemen)"),
    "Yemen, People's Dem. Rep. of": ("yemen_pdr", "Yemen PDR (South Yemen)"),
    "Czech Rep.": ("czech_republic", "Czech Republic"),
    "Slovak Rep.": ("slovakia", "Slovakia"),
    "Kyrgyz Rep.": ("kyrgyzstan", "Kyrgyz Republic"),
    "Central African Rep.": ("central_african_republic", "Central African Republic"),
    "Dominican Rep.": ("dominican_republic", "Dominican Republic"),
    "Syrian Arab Rep.": ("syria", "Syria"),
    "Lao People's Dem. Rep.": ("laos", "Laos"),
    "Taiwan Province of China": ("taiwan", "Taiwan"),
    "Russian Federation": ("russia", "Russia"),
    "United States": ("united_states", "United States"),
    "Belgium-Luxembourg": ("belgium_luxembourg", "Belgium-Luxembourg (reported together)"),
    "Countries & Areas not specified": ("not_specified", "Countries and areas not specified"),
    "European Union": ("eu_dots_aggregate", "European Union (DOTS aggregate)"),
    "World": ("world", "World"),
}

EU27: tuple[str, ...] = (
    "austria", "belgium", "bulgaria", "croatia", "cyprus", "czech_republic", "denmark", "estonia", "finland",
    "france", "germany", "greece", "hungary", "ireland", "italy", "latvia", "lithuania", "luxembourg", "malta",
    "netherlands", "poland", "portugal", "romania", "slovakia", "slovenia", "spain", "sweden",
)
# A predecessor DOTS reports in place of members that all belong to the group: it stands in for them
# in the years they are not reported separately (Belgium-Luxembourg until 1996, Czechoslovakia in 1992).
SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "belgium_luxembourg": ("belgium", "luxembourg"),
    "czechoslovakia": ("czech_republic", "slovakia"),
}

# ISO 3166-1 alpha-3 codes of the partners the groups need (UN Comtrade files name partners by ISO code).
ISO3: dict[str, str] = {
    "AUT": "austria", "BEL": "belgium", "BGR": "bulgaria", "HRV": "croatia", "CYP": "cyprus",
    "CZE": "czech_republic", "DNK": "denmark", "EST": "estonia", "FIN": "finland", "FRA": "france",
    "DEU": "germany", "GRC": "greece", "HUN": "hungary", "IRL": "ireland", "ITA": "italy", "LVA": "latvia",
    "LTU": "lithuania", "LUX": "luxembourg", "MLT": "malta", "NLD": "netherlands", "POL": "poland",
    "PRT": "portugal", "ROU": "romania", "SVK": "slovakia", "SVN": "slovenia", "ESP": "spain", "SWE": "sweden",
    "GBR": "united_kingdom", "CHN": "china", "JPN": "japan", "KOR": "south_korea", "BLR": "belarus",
    "USA": "united_states", "HKG": "hong_kong", "MAC": "macao", "PRK": "north_korea", "RUS": "russia",
    "TUR": "turkey", "KAZ": "kazakhstan", "UKR": "ukraine", "IND": "india", "CHE": "switzerland",
    "W00": "world", "WLD": "world",
}
# Other spellings of the same partners (UN Comtrade, common usage) → ids.
ALIASES: dict[str, str] = {
    "china": "china", "china (mainland)": "china", "rep. of korea": "south_korea", "korea, republic of": "south_korea",
    "south korea": "south_korea", "usa": "united_states", "united states of america": "united_states",
    "czechia": "czech_republic", "belarus": "belarus", "world": "world", "netherlands": "netherlands",
    "united kingdom": "united_kingdom", "russian federation": "russia",
}


@dataclass(frozen=True)
class Group:
    """A partner group: its members' values are summed; its share is that sum over the World total."""

    id: str
    name: str
    members: tuple[str, ...]
    description: str
    substitutes: dict[str, tuple[str, ...]] = field(default_factory=dict)


GROUPS: dict[str, Group] = {
    "eu27": Group(
        "eu27", "EU27", EU27,
        "The 27 member states of the European Union in 2020 (after the UK left), summed for every year.",
        SUBSTITUTES,
    ),
    "eu28": Group(
        "eu28", "EU28", (*EU27, "united_kingdom"),
        "EU27 plus the United Kingdom: the EU as it was when the paper was written (2019).",
        SUBSTITUTES,
    ),
    "japan_korea": Group(
        "japan_korea", "Japan + South Korea", ("japan", "south_korea"), "Japan and South Korea together.",
    ),
}
# The paper's "Europe" (p35, December 2019): the EU as it was when the paper was written, the UK included.
# The claims check, the risk indicator and the charts' paper markers all read this one id.
EUROPE = "eu28"
# The EU after the UK left (2020): what figures published since then call "the EU".
EU_NOW = "eu27"
# The partners the composition view shows by default; 'rest of world' is whatever they leave of the World.
CORE_PARTNERS: tuple[str, ...] = ("china", "japan", "south_korea", "belarus", "united_states")
REST_OF_WORLD = "rest_of_world"
REST_NAME = "Rest of world"
WORLD = "world"


def human_name(dots_name: str) -> str:
    """A readable partner name: DOTS's trailing qualifier dropped ("Poland, Rep. of" → "Poland")."""
    if dots_name in _EXPLICIT:
        return _EXPLICIT[dots_name][1]
    return dots_name.split(", ", 1)[0] if ", " in dots_name else dots_name


def slug(text: str) -> str:
    """Lowercase ASCII id: letters and digits joined by '_'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "unnamed"


def partner_id(dots_name: str) -> str:
    """The project's stable id for a DOTS partner name."""
    if dots_name in _EXPLICIT:
        return _EXPLICIT[dots_name][0]
    return slug(human_name(dots_name))


def partner_kind(dots_name: str) -> str:
    """world, dots_aggregate, unallocated or country."""
    if dots_name == "World":
        return "world"
    if dots_name in DOTS_AGGREGATES:
        return "dots_aggregate"
    if _UNALLOCATED.search(dots_name):
        return "unallocated"
    return "country"


def resolve_name(name: str, iso3: str = "") -> str:
    """Id for a partner named in an uploaded file: ISO3 code first, then DOTS names, then aliases, else a slug."""
    code = iso3.strip().upper()
    if code in ISO3:
        return ISO3[code]
    if name in _EXPLICIT:
        return _EXPLICIT[name][0]
    key = name.strip().casefold()
    if key in ALIASES:
        return ALIASES[key]
    return partner_id(name.strip())
