"""Column specs and vocabularies of the data files: the single source of column names and rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["id", "text", "int", "float", "date", "vocab", "multi_vocab", "url", "refs", "ref"]

DRIVERS: dict[str, str] = {
    "economic_promise": "Promised Asian riches",
    "clash_with_west": "Clash with the West",
    "imperial_competition": "Imperial competition",
    "ideology": "Ideology",
    "security": "Security",
    "leadership_change": "Leadership change",
}
DRIVER_NOTES: dict[str, str] = {
    "economic_promise": "promised Asian markets and riches",
    "clash_with_west": "a break with Europe pushes Russia East",
    "imperial_competition": "racing other powers in Asia",
    "ideology": "revolution, communism, authoritarian solidarity",
    "security": "military position and threats",
    "leadership_change": "a new ruler, a new diplomacy",
}
OUTCOMES: dict[str, str] = {
    "retreat": "Retreat",
    "backwater": "Backwater",
    "catastrophe": "Catastrophe",
    "failed": "Failed",
    "strategic_error": "Strategic error",
    "economic_collapse": "Economic collapse",
    "ongoing": "Ongoing",
}
END_REASONS: dict[str, str] = {
    "riches_disappointed": "Promised riches disappointed",
    "west_clash_eased": "The clash with the West eased",
    "war": "War",
    "economic_crisis": "Economic crisis",
    "domestic_crisis": "Domestic crisis",
    "overreach": "Overreach",
    "lost_interest": "Lost interest",
}
CATEGORIES: dict[str, str] = {
    "war": "War",
    "treaty": "Treaty",
    "diplomacy": "Diplomacy",
    "economy": "Economy",
    "infrastructure": "Infrastructure",
    "military_exercise": "Military exercise",
    "territorial": "Territorial",
    "leadership": "Leadership",
}
FLASHPOINT_KINDS: dict[str, str] = {
    "battle": "Battle",
    "border_clash": "Border clash",
    "territorial_dispute": "Territorial dispute",
    "outpost": "Outpost",
    "port_city": "Port city",
    "occupation": "Occupation",
    "military_exercise": "Military exercise",
    "railway_hub": "Railway hub",
    "capital": "Capital",
}
ROUTES: dict[str, str] = {
    "trans_siberian": "Trans-Siberian Railway",
    "chinese_eastern": "Chinese Eastern Railway",
    "power_of_siberia": "Power of Siberia pipeline",
}

VOCABULARIES: dict[str, dict[str, str]] = {
    "drivers": DRIVERS,
    "outcomes": OUTCOMES,
    "end_reasons": END_REASONS,
    "categories": CATEGORIES,
    "flashpoint_kinds": FLASHPOINT_KINDS,
    "routes": ROUTES,
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True
    vocab: str | None = None  # key of VOCABULARIES for vocab / multi_vocab columns
    description: str = ""
    min_value: float | None = None
    max_value: float | None = None


@dataclass(frozen=True)
class FileSpec:
    name: str  # file name relative to data/
    description: str
    columns: tuple[Column, ...]
    id_columns: tuple[str, ...] = ("id",)  # together unique
    source_columns: tuple[str, ...] = field(default=("source_url",))  # at least one must be set

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


EPISODES = FileSpec(
    "episodes.csv",
    "Russia's turns East as the paper describes them, one row each.",
    (
        Column("id", "id", description="Stable episode id, e.g. putin_pivot."),
        Column("name", "text", description="Human name of the turn East."),
        Column("start_year", "int", min_value=1700, max_value=2100, description="First year."),
        Column("end_year", "int", required=False, min_value=1700, max_value=2100,
               description="Last year; blank while the turn is ongoing."),
        Column("leaders", "text", description="Leaders behind it, ';'-separated."),
        Column("drivers", "multi_vocab", vocab="drivers", description="Why Russia turned East."),
        Column("outcome", "vocab", vocab="outcomes", description="How it ended."),
        Column("end_reasons", "multi_vocab", vocab="end_reasons", required=False,
               description="Why it ended, in the paper's terms; blank while ongoing."),
        Column("ended_how", "text", description="How and why it ended, per the paper."),
        Column("verdict", "text", description="The paper's verdict."),
        Column("paper_ref", "refs", required=False, description="Paragraph ids of the paper."),
        Column("years_note", "text", required=False, description="Why these years."),
        Column("source", "text", required=False, description="Citation text."),
        Column("source_url", "url", required=False, description="Public source URL."),
    ),
    source_columns=("paper_ref", "source_url"),
)

EVENTS = FileSpec(
    "events.csv",
    "Dated events of Russia's turns East: every one the paper names, plus sourced later events.",
    (
        Column("id", "id", description="Stable event id (slug)."),
        Column("date", "date", description="YYYY, YYYY-MM or YYYY-MM-DD."),
        Column("end_date", "date", required=False, description="Same forms; blank for one-day events."),
        Column("title", "text", description="Short title."),
        Column("summary", "text", description="One or two sentences."),
        Column("episode_id", "ref", required=False, description="The turn East it belongs to."),
        Column("category", "vocab", vocab="categories", description="Kind of event."),
        Column("drivers", "multi_vocab", vocab="drivers", required=False, description="Drivers at work."),
        Column("flashpoint_id", "ref", required=False, description="Place on the map."),
        Column("paper_ref", "refs", required=False, description="Paragraph ids of the paper."),
        Column("source", "text", required=False, description="Citation text."),
        Column("source_url", "url", required=False, description="Public source URL."),
        Column("date_note", "text", required=False,
               description="Why this date; where the paper and the record differ."),
    ),
    source_columns=("paper_ref", "source_url"),
)

FLASHPOINTS = FileSpec(
    "flashpoints.csv",
    "Places of Russia's turns East and its conflicts in Asia.",
    (
        Column("id", "id", description="Stable flashpoint id."),
        Column("name", "text", description="Place name."),
        Column("lat", "float", min_value=-90, max_value=90, description="Latitude, WGS84."),
        Column("lon", "float", min_value=-180, max_value=180, description="Longitude, WGS84."),
        Column("kind", "vocab", vocab="flashpoint_kinds", description="What happened there."),
        Column("countries", "text", description="Countries involved, ';'-separated."),
        Column("years", "text", description="When, as text."),
        Column("summary", "text", description="One or two sentences."),
        Column("source", "text", required=False, description="Citation of the coordinates."),
        Column("source_url", "url", description="Public source of the coordinates."),
    ),
)

ROUTE_POINTS = FileSpec(
    "routes.csv",
    "Ordered waypoints of the railways and the pipeline.",
    (
        Column("route_id", "vocab", vocab="routes", description="Which route."),
        Column("seq", "int", min_value=1, max_value=10000, description="Order along the route."),
        Column("name", "text", description="Waypoint name."),
        Column("lat", "float", min_value=-90, max_value=90, description="Latitude, WGS84."),
        Column("lon", "float", min_value=-180, max_value=180, description="Longitude, WGS84."),
        Column("source", "text", required=False, description="Citation."),
        Column("source_url", "url", description="Public source."),
    ),
    id_columns=("route_id", "seq"),
)

ERRATA = FileSpec(
    "errata.csv",
    "Where the paper's statements differ from the historical record.",
    (
        Column("id", "id", description="Stable erratum id."),
        Column("paper_ref", "refs", description="The paragraph of the paper."),
        Column("paper_says", "text", description="The paper's words."),
        Column("record_says", "text", description="What the record says."),
        Column("source", "text", description="Citation of the record."),
        Column("source_url", "url", description="Public source."),
        Column("note", "text", required=False, description="Context."),
    ),
)

CORE_FILES: tuple[FileSpec, ...] = (EPISODES, EVENTS, FLASHPOINTS, ROUTE_POINTS)
ALL_FILES: tuple[FileSpec, ...] = (*CORE_FILES, ERRATA)

ERAS: dict[str, str] = {
    "imperial": "Imperial Russia",
    "soviet": "Soviet Union",
    "federation": "Russian Federation",
}
ERA_BOUNDS: dict[str, tuple[int, int]] = {
    "imperial": (1700, 1916),
    "soviet": (1917, 1991),
    "federation": (1992, 2026),
}


def era_of(year: int) -> str:
    """The era a year falls in: before 1917 imperial, 1917–1991 soviet, from 1992 federation."""
    if year < 1917:
        return "imperial"
    if year <= 1991:
        return "soviet"
    return "federation"


def label(vocab: str, key: str) -> str:
    """Human label of a vocabulary id (the id itself when unknown)."""
    table = ERAS if vocab == "eras" else VOCABULARIES[vocab]
    return table.get(key, key)
