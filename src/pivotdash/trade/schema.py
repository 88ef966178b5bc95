"""Column specs of the trade tables (same FileSpec/Column types as pivotdash.schema) and their vocabularies."""

from __future__ import annotations

from pivotdash.schema import Column, FileSpec

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

DOTS = FileSpec(
    "trade/dots_russia_partners.csv",
    "Russia's exports (Russia-reported) and imports (partner-reported mirror) by partner and partner group, "
    "1992–2020, US$ million and share of the DOTS World total. Derived by scripts/build_trade.py.",
    (
        Column("year", "int", min_value=1992, max_value=2020, description="Calendar year."),
        Column("flow", "text", description="exports or imports."),
        Column("partner", "id", description="Partner id (country, group, world, rest_of_world)."),
        Column("partner_name", "text", description="Human name of the partner."),
        Column("kind", "text", description="world, group, country, unallocated or dots_aggregate."),
        Column("value_usd_mn", "float", required=False, min_value=0, max_value=1e7,
               description="US$ million; blank = not reported (a gap, never a zero)."),
        Column("share_pct", "float", required=False, min_value=0, max_value=100.0001,
               description="Percent of the DOTS World total of that flow and year; blank where the value is."),
        Column("imf_estimate", "int", required=False, min_value=0, max_value=100,
               description="1 if the IMF flagged the value as an estimate; for groups, how many members are."),
        Column("source", "text", description="Dataset and series the value comes from."),
        Column("dots_name", "text", required=False, description="The partner's name in DOTS (countries)."),
        Column("note", "text", required=False, description="Gaps, estimates, caveats."),
    ),
    id_columns=("year", "flow", "partner"),
    source_columns=("source",),
)

MEMBERS = FileSpec(
    "trade/dots_group_members.csv",
    "Which DOTS partners make up each partner group.",
    (
        Column("group", "id", description="Group id (eu27, eu28, japan_korea)."),
        Column("group_name", "text", description="Group name."),
        Column("member", "id", description="Member partner id."),
        Column("member_name", "text", description="Member name."),
        Column("dots_name", "text", required=False, description="Member's name in DOTS."),
        Column("role", "text", description="member, or substitute (a predecessor reported in its members' place)."),
        Column("note", "text", required=False, description="When a substitute counts."),
    ),
    id_columns=("group", "member"),
    source_columns=(),
)

HISTORY = FileSpec(
    "trade/ricardo_russia_history.csv",
    "Russian Empire (1827–1917, Valetov) and USSR (1926–1937, League of Nations) trade by partner, from "
    "RICardo. ODbL 1.0. Derived by scripts/build_trade.py.",
    (
        Column("year", "int", min_value=1700, max_value=1950, description="Year."),
        Column("flow", "text", description="exports or imports, as Russia reported them."),
        Column("partner", "id", description="Harmonised partner id; 'total' is the sum over partners."),
        Column("partner_name", "text", description="Partner name."),
        Column("value", "float", required=False, min_value=0, max_value=1e13,
               description="Value in the source's currency (see unit); blank = not reported."),
        Column("unit", "text", description="Currency of value."),
        Column("share_pct", "float", required=False, min_value=0, max_value=100.0001,
               description="Percent of the year's total for that flow."),
        Column("value_gbp", "float", required=False, min_value=0, max_value=1e12,
               description="Value in pounds sterling at RICardo's exchange rate."),
        Column("source", "text", description="Primary source and RICardo (ODbL)."),
        Column("ricardo_partners", "text", required=False, description="RICardo partner entities summed here."),
        Column("note", "text", required=False, description="The source's notes and caveats."),
    ),
    id_columns=("year", "flow", "partner"),
    source_columns=("source",),
)

PUBLISHED = FileSpec(
    "trade/published_figures.csv",
    "Figures published after 2020 (Russia stopped publishing partner data in 2022); shown as labelled "
    "points, never joined to the DOTS series.",
    (
        Column("id", "id", description="Stable id."),
        Column("year", "int", min_value=2021, max_value=2100, description="Year the figure refers to."),
        Column("flow", "text", description="exports, imports or total."),
        Column("partner", "id", description="Partner id as in the DOTS table (china, eu27, …)."),
        Column("metric", "text", description="share_pct or value_usd_bn."),
        Column("value", "float", min_value=0, max_value=1e6, description="The number as published."),
        Column("label", "text", description="Short human label."),
        Column("source", "text", description="Publisher, title, date."),
        Column("source_url", "url", description="Public source."),
        Column("note", "text", required=False, description="Method and caveats."),
    ),
    source_columns=("source_url",),
)

# Columns whose values must come from a vocabulary of this module (pivotdash.loading checks the rest).
VOCAB_COLUMNS: dict[str, dict[str, dict[str, str]]] = {
    DOTS.name: {"flow": FLOWS, "kind": PARTNER_KINDS},
    MEMBERS.name: {"role": MEMBER_ROLES},
    HISTORY.name: {"flow": FLOWS},
    PUBLISHED.name: {"flow": PUBLISHED_FLOWS, "metric": METRICS},
}
TABLES: tuple[FileSpec, ...] = (DOTS, MEMBERS, HISTORY)
