"""The vocabularies of the data files and the eras: ids, human labels and their one home."""

from __future__ import annotations

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
    "chinese_eastern_south": "CER southern branch",
    "power_of_siberia": "Power of Siberia pipeline",
}

# The trade tables' vocabularies (pivotdash.catalogue declares which column uses which).
FLOWS: dict[str, str] = {"exports": "Exports", "imports": "Imports"}
PUBLISHED_FLOWS: dict[str, str] = {**FLOWS, "total": "Total trade"}
PARTNER_KINDS: dict[str, str] = {
    "world": "World total",
    "group": "Group of partners",
    "country": "Country",
    "unallocated": "Trade not allocated to a country",
    "dots_aggregate": "DOTS's own aggregate",
}
METRICS: dict[str, str] = {"share_pct": "Share (%)", "value_usd_bn": "Value (US$ bn)"}
MEMBER_ROLES: dict[str, str] = {"member": "Member", "substitute": "Predecessor standing in for members"}
# How far a risk of the paper has come true since December 2019 (data/risk_status.csv, the analyst's reading).
RISK_STATUSES: dict[str, str] = {
    "materialised": "Materialised",
    "partly": "Partly materialised",
    "not_yet": "Not yet",
    "reversed": "Reversed (the opposite happened)",
}
CONFIDENCES: dict[str, str] = {"low": "Low", "medium": "Medium", "high": "High"}
# How an erratum differs from the paper (data/errata.csv, kind).
ERRATUM_KINDS: dict[str, str] = {
    "factual": "Factual: the record contradicts the paper",
    "interpretive": "Interpretive: the record complicates the paper's reading",
}
# What kind of work a row's source_url is (data/README.md says how each is judged).
SOURCE_GRADES: dict[str, str] = {
    "primary": "Primary source",
    "scholarly": "Scholarly work",
    "reference": "Reference work",
    "news": "News",
    "other": "Other",
}

VOCABULARIES: dict[str, dict[str, str]] = {
    "drivers": DRIVERS,
    "outcomes": OUTCOMES,
    "end_reasons": END_REASONS,
    "categories": CATEGORIES,
    "flashpoint_kinds": FLASHPOINT_KINDS,
    "routes": ROUTES,
    "flows": FLOWS,
    "published_flows": PUBLISHED_FLOWS,
    "partner_kinds": PARTNER_KINDS,
    "metrics": METRICS,
    "member_roles": MEMBER_ROLES,
    "risk_statuses": RISK_STATUSES,
    "source_grades": SOURCE_GRADES,
    "erratum_kinds": ERRATUM_KINDS,
}


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

# What the era filter means, in words (its help): an event falls in the era of its date, an episode in every era
# its years touch.
ERA_NOTE = (f"{ERAS['imperial']}: to {ERA_BOUNDS['imperial'][1]}; {ERAS['soviet']}: {ERA_BOUNDS['soviet'][0]}–"
            f"{ERA_BOUNDS['soviet'][1]}; {ERAS['federation']}: from {ERA_BOUNDS['federation'][0]}. An event is in "
            "the era of its date; a turn East, in every era its years touch.")


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
