"""Partner ids, human names and partner groups (EU27, EU28, the EU as it was, wider Europe, Japan + South
Korea) for the DOTS series."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pivotdash import paths

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

@dataclass(frozen=True)
class Group:
    """A partner group: its members' values are summed; its share is that sum over the World total.

    `periods` limits a member to the years it belonged (first, last; None = still a member): the EU as it
    was that year. `optional` members are counted where reported and their absence is noted, not a gap
    (partners DOTS does not itemise, e.g. Liechtenstein, inside Switzerland's figures)."""

    id: str
    name: str
    members: tuple[str, ...]
    description: str
    substitutes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    periods: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    optional: tuple[str, ...] = ()

    def members_in(self, year: int) -> tuple[str, ...]:
        """The members counted in `year` (a member on 31 December of that year)."""
        return tuple(m for m in self.members if _within(self.periods.get(m), year))


def _within(period: tuple[int, int | None] | None, year: int) -> bool:
    return period is None or (period[0] <= year and (period[1] is None or year <= period[1]))


# The declared European groups, each member with its source: EU accessions and the UK's exit (europa.eu),
# EFTA, the European CIS members and the Western Balkans. The app's shipped copy, not an operator's data.
EUROPE_GROUPS_FILE = paths.REPO_ROOT / "data" / "trade" / "europe_groups.csv"


@dataclass(frozen=True)
class GroupMember:
    group: str
    member: str
    name: str
    first_year: int | None  # counted from this year (a member at its end); None: no date (not the EU)
    last_year: int | None  # counted to this year; None: still a member
    source: str
    source_url: str
    note: str


def read_europe_groups(path: Path = EUROPE_GROUPS_FILE) -> tuple[GroupMember, ...]:
    """data/trade/europe_groups.csv: a member counts in a year when it belonged on 31 December (joined on
    or before it, left after it): Croatia (1 July 2013) counts from 2013, the UK (left 31 January 2020) to 2019."""
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            joined, left = row["joined"].strip(), row["left"].strip()
            out.append(GroupMember(row["group"], row["member"], row["member_name"],
                                   int(joined[:4]) if joined else None,
                                   (int(left[:4]) - 1 if left[5:] != "12-31" else int(left[:4])) if left else None,
                                   row["source"], row["source_url"], row["note"]))
    return tuple(out)


EUROPE_MEMBERS = read_europe_groups()


def _declared(group: str) -> tuple[str, ...]:
    return tuple(m.member for m in EUROPE_MEMBERS if m.group == group)


def eu_size(year: int) -> int:
    """How many members the EU had at the end of `year` (12 in 1992, 15 from 1995, … 27 in 2020)."""
    return sum(1 for m in EUROPE_MEMBERS if m.group == "eu" and _within((m.first_year or 0, m.last_year), year))


# Not itemised by DOTS in one or both flows: counted where a file reports them, their absence noted.
_UNITEMISED = ("liechtenstein", "kosovo")
_YUGOSLAV = {"yugoslavia": ("serbia", "montenegro"), "serbia_and_montenegro": ("serbia", "montenegro")}

GROUPS: dict[str, Group] = {
    "eu27": Group(
        "eu27", "EU27 (2020 members, every year)", EU27,
        "The 27 member states of the European Union in 2020 (after the UK left), back-cast: summed for every "
        "year, including years before they joined.",
        SUBSTITUTES,
    ),
    "eu28": Group(
        "eu28", "EU28 (2013–2020 members, every year)", (*EU27, "united_kingdom"),
        "EU27 plus the United Kingdom: the EU as it was when the paper was written (2019), back-cast to every "
        "year.",
        SUBSTITUTES,
    ),
    "eu_year": Group(
        "eu_year", "EU as it was that year", _declared("eu"),
        "The members of each year (a member on 31 December): EU12 to 1994, EU15 from 1995, EU25 from 2004, "
        "EU27 from 2007, EU28 from 2013, EU27 again in 2020 (data/trade/europe_groups.csv, from europa.eu).",
        SUBSTITUTES,
        periods={m.member: (m.first_year or 0, m.last_year) for m in EUROPE_MEMBERS if m.group == "eu"},
    ),
    "wider_europe": Group(
        "wider_europe", "Wider Europe (EU28, EFTA, European CIS, Western Balkans)",
        tuple(dict.fromkeys((*EU27, "united_kingdom", *_declared("efta"), *_declared("european_cis"),
                             *_declared("western_balkans")))),
        "The EU28 (the EU of 2019, with the UK), EFTA (Iceland, Liechtenstein, Norway, Switzerland), the "
        "European CIS (Belarus, Moldova, Ukraine) and the Western Balkans (Albania, Bosnia and Herzegovina, "
        "Kosovo, Montenegro, North Macedonia, Serbia), every year (data/trade/europe_groups.csv).",
        {**SUBSTITUTES, **_YUGOSLAV},
        optional=_UNITEMISED,
    ),
    "japan_korea": Group(
        "japan_korea", "Japan + South Korea", ("japan", "south_korea"), "Japan and South Korea together.",
    ),
}
# The paper's "Europe" (p35, December 2019): the EU as it was when the paper was written, the UK included.
# The claims check, the risk indicator and the charts' paper markers all read this one id. Kept over the
# EU as it was each year because the paper speaks of the Europe of its day, and over wider Europe because
# "Europe" in Russian trade debates of 2019 meant the EU; wider Europe is shown beside it.
EUROPE = "eu28"
WIDER_EUROPE = "wider_europe"
EU_AS_IT_WAS = "eu_year"
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


def explicit_id(dots_name: str) -> str | None:
    """The id of a DOTS name whose qualifier matters (two Congos, two Koreas, three Chinas); else None."""
    return _EXPLICIT[dots_name][0] if dots_name in _EXPLICIT else None
