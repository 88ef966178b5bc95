"""Every data file the app ships, declared once: path, columns, whole-file rules and provenance."""

from __future__ import annotations

from pivotdash.catalogue import checks
from pivotdash.catalogue.spec import Column, FileSpec, Provenance
from pivotdash.export.citations import PAPER as PAPER_CITATION

PAPER = PAPER_CITATION.cite.rstrip(".")


def source_grade(*, listed: bool = False) -> Column:
    """The grade of a row's source_url (one per URL when the URLs are listed); blank where no URL is."""
    return Column("source_grade", "multi_vocab" if listed else "vocab", required=False, vocab="source_grades",
                  description=GRADE_WORDS + ("; ';'-separated, one per URL, in the same order." if listed else
                                             "; blank when the row has no source_url."))

PROJECT_LICENCE = "CC BY 4.0 (pivotdash); quotations from the paper © FPRI, used with attribution"
TRADE_README = "data/trade/README.md"
DOTS_PARTNER = "trade/dots_russia_partners.csv:partner"
GRADE_WORDS = ("What kind of work source_url is: primary (the actors' own documents, official records and "
               "statistics), scholarly (journal, university press, book, research institute), reference "
               "(encyclopaedia, gazetteer), news (a newsroom or agency) or other")
INDICATORS = "indicators"  # risks.csv's indicator ids: supplied by pivotdash.indicators at load time

EPISODES = FileSpec(
    "episodes.csv",
    "Russia's turns East as the paper describes them, one row each.",
    (
        Column("id", "id", description="Stable episode id, e.g. putin_pivot."),
        Column("name", "text", description="Human name of the turn East."),
        Column("start_year", "int", min_value=1700, max_value=2100, description="First year."),
        Column("end_year", "int", required=False, min_value=1700, max_value=2100,
               description="Last year; blank while the turn is ongoing."),
        Column("leaders", "text", listed=True, description="Leaders behind it, ';'-separated."),
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
        source_grade(),
    ),
    Provenance(
        f"{PAPER}: the paragraphs named per row (paper_ref); years where the paper is vague from the public "
        "sources quoted in years_note.", PROJECT_LICENCE, "The paper: December 2019.",
        "Written by hand from the paper: one row per turn East it describes, its verdict close to the paper's words.",
        cites=("paper",),
    ),
    source_columns=("paper_ref", "source_url"),
    order=(("start_year", "end_year"),),
    checks=(checks.graded,),
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
        Column("episode_id", "ref", required=False, description="The turn East it belongs to.",
               refers="episodes.csv:id", unresolved="does not resolve to any episode in episodes.csv"),
        Column("category", "vocab", vocab="categories", description="Kind of event."),
        Column("drivers", "multi_vocab", vocab="drivers", required=False, description="Drivers at work."),
        Column("flashpoint_id", "ref", required=False, description="Place on the map.",
               refers="flashpoints.csv:id", unresolved="does not resolve to any flashpoint in flashpoints.csv"),
        Column("paper_ref", "refs", required=False, description="Paragraph ids of the paper."),
        Column("source", "text", required=False, description="Citation text."),
        Column("source_url", "url", required=False, description="Public source URL."),
        source_grade(),
        Column("date_note", "text", required=False,
               description="Why this date; where the paper and the record differ."),
    ),
    Provenance(
        f"{PAPER} (paper_ref) for every event it names; later events and exact dates from the public source "
        "named per row (source, source_url).", PROJECT_LICENCE,
        "The paper's events to 2019; later events as dated per row.",
        "Written by hand; date_note says why a date was chosen when the paper is vague or differs from the record.",
        cites=("paper",),
    ),
    source_columns=("paper_ref", "source_url"),
    order=(("date", "end_date"),),
    checks=(checks.graded,),
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
        Column("countries", "text", listed=True, description="Countries involved, ';'-separated."),
        Column("years", "text", description="When, as text."),
        Column("summary", "text", description="One or two sentences."),
        Column("source", "text", required=False, description="Citation of the coordinates."),
        Column("source_url", "url", description="Public source of the coordinates."),
        source_grade(),
    ),
    Provenance(
        "Coordinates and facts from the public source named per row (source, source_url).", PROJECT_LICENCE,
        "As of each row's source.", "Written by hand; coordinates copied from the named source.",
    ),
    checks=(checks.graded,),
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
        source_grade(),
    ),
    Provenance(
        "Waypoints from the public source named per row (source, source_url).", PROJECT_LICENCE,
        "As of each row's source.", "Written by hand; coordinates copied from the named source.",
    ),
    id_columns=("route_id", "seq"),
    checks=(checks.graded,),
)

ERRATA = FileSpec(
    "errata.csv",
    "Where the paper's statements differ from the historical record.",
    (
        Column("id", "id", description="Stable erratum id."),
        Column("paper_ref", "refs", description="The paragraph of the paper."),
        Column("kind", "vocab", vocab="erratum_kinds",
               description="factual (the record contradicts the paper) or interpretive (a claim the record "
                           "complicates rather than contradicts)."),
        Column("paper_says", "text", description="The paper's words."),
        Column("record_says", "text", description="What the record says."),
        Column("source", "text", description="Citation of the record."),
        Column("source_url", "url", description="Public source."),
        source_grade(),
        Column("note", "text", required=False, description="Context."),
    ),
    Provenance(
        f"{PAPER} (the words quoted in paper_says) against the public record named per row.",
        PROJECT_LICENCE, "Checked against the sources named per row.",
        "Written by hand where a statement of the paper and the historical record differ.", cites=("paper",),
    ),
    checks=(checks.graded,),
)

RISKS = FileSpec(
    "risks.csv",
    "The paper's risks to the durability of Russia's current turn East, one row each, with the "
    "indicator the project's data gives for it and the events since the paper that bear on it.",
    (
        Column("id", "id", description="Stable risk id, e.g. china_slowdown."),
        Column("risk", "text", description="The risk in a few words."),
        Column("paper_argues", "text", description="What the paper argues about it, close to its words."),
        Column("paper_ref", "refs", description="Paragraph ids of the paper, ';'-separated; the first is quoted."),
        Column("indicator", "text", required=False, listed=True, refers=INDICATORS,
               unresolved="does not resolve to any indicator",
               description="';'-separated indicator ids the project's data gives for this risk: "
                           "china_share, eu_share, china_trade_value; blank when the project has no data on it."),
        Column("bears_on", "text",
               description="The phrase an event's date_note uses for this risk after 'bears on:' "
                           "(e.g. 'ideological glue'); matched without regard to case."),
        Column("event_ids", "text", required=False, listed=True,
               description="Further events.csv ids (dated December 2019 or later) that bear on the risk, "
                           "';'-separated, beyond those whose date_note names it."),
    ),
    Provenance(
        f"{PAPER}: its risks to the durability of Russia's pivot (paper_ref per row).", PROJECT_LICENCE,
        "The paper: December 2019; events bearing on each risk are dated in events.csv.",
        "Written by hand from the paper's sections on economic and geopolitical risks.", cites=("paper",),
    ),
    source_columns=("paper_ref",),
)

RISK_STATUS = FileSpec(
    "risk_status.csv",
    "pivotdash's own reading of each risk of the paper since December 2019: its status, why, the events "
    "and indicators that bear on it, its sources and the date of assessment.",
    (
        Column("risk_id", "ref", description="The risk (risks.csv id).", refers="risks.csv:id",
               unresolved="does not resolve to any risk in risks.csv"),
        Column("status", "vocab", vocab="risk_statuses",
               description="materialised, partly, not_yet or reversed (the opposite of the risk happened)."),
        Column("why", "text", description="Why, in one sentence, from the events, indicators and sources named."),
        Column("event_ids", "text", listed=True, refers="events.csv:id",
               unresolved="does not resolve to any event in events.csv",
               description="events.csv ids the reading rests on, ';'-separated."),
        Column("indicator", "text", required=False, listed=True, refers=INDICATORS,
               unresolved="does not resolve to any indicator",
               description="';'-separated indicator ids (china_share, eu_share, china_trade_value) it rests on."),
        Column("source", "text", listed=True, description="Citations, ';'-separated, one per URL."),
        Column("source_url", "url", listed=True, description="Public URLs, ';'-separated, in the order of source."),
        source_grade(listed=True),
        Column("assessed_on", "date", description="When the status was assessed, YYYY-MM-DD."),
    ),
    Provenance(
        "pivotdash's reading of the events in events.csv since December 2019, the trade indicators and the public "
        "sources named per row (source, source_url).", PROJECT_LICENCE, "As assessed per row (assessed_on).",
        "Written by hand: one row per risk in risks.csv; figures quoted in `why` come from the sources named.",
    ),
    id_columns=("risk_id",),
    checks=(checks.sources_paired, checks.graded),
    optional=True,  # without it the risks are shown unassessed
)

DOTS = FileSpec(
    "trade/dots_russia_partners.csv",
    "Russia's exports (Russia-reported) and imports (partner-reported mirror) by partner and partner group, "
    "1992–2020, US$ million and share of the DOTS World total. Derived by scripts/build_trade.py.",
    (
        Column("year", "int", min_value=1992, max_value=2020, description="Calendar year."),
        Column("flow", "vocab", vocab="flows", description="exports or imports."),
        Column("partner", "id", description="Partner id (country, group, world, rest_of_world)."),
        Column("partner_name", "text", description="Human name of the partner."),
        Column("kind", "vocab", vocab="partner_kinds",
               description="world, group, country, unallocated or dots_aggregate."),
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
    Provenance(
        "International Monetary Fund, Direction of Trade Statistics (DOTS).",
        "Data © IMF; extracting, redistributing and deriving works allowed with attribution",
        "Annual data 1992–2020.", f"Derived by scripts/build_trade.py from the DOTS extract. See {TRADE_README}.",
        cites=("imf_dots",),
    ),
    id_columns=("year", "flow", "partner"),
    source_columns=("source",),
    checks=(checks.dots_shares_and_world,),
)

MEMBERS = FileSpec(
    "trade/dots_group_members.csv",
    "Which DOTS partners make up each partner group.",
    (
        Column("group", "id", description="Group id (eu27, eu28, eu_year, wider_europe, japan_korea)."),
        Column("group_name", "text", description="Group name."),
        Column("member", "id", description="Member partner id."),
        Column("member_name", "text", description="Member name."),
        Column("dots_name", "text", required=False, description="Member's name in DOTS."),
        Column("role", "vocab", vocab="member_roles",
               description="member, or substitute (a predecessor reported in its members' place)."),
        Column("note", "text", required=False, description="When a substitute or a member counts."),
    ),
    Provenance(
        "Partner groups (EU27, EU28, the EU as it was each year, wider Europe, Japan and South Korea) over DOTS "
        "partners.", "CC BY 4.0 (pivotdash)",
        "EU membership as defined by the trade package.",
        f"Written by scripts/build_trade.py from the trade package's partner groups. See {TRADE_README}.",
    ),
    id_columns=("group", "member"),
    source_columns=(),
)

EUROPE_GROUPS = FileSpec(
    "trade/europe_groups.csv",
    "The declared European groups: EU members with their accession (and exit) dates, EFTA, the European CIS "
    "and the Western Balkans, each member with its source. Read by the trade package (the EU as it was each "
    "year, wider Europe) and by scripts/build_trade.py.",
    (
        Column("group", "id", description="eu, efta, european_cis or western_balkans."),
        Column("member", "id", description="Partner id as in the DOTS table."),
        Column("member_name", "text", description="Member name."),
        Column("joined", "date", required=False, description="EU accession (YYYY-MM-DD); blank outside the EU."),
        Column("left", "date", required=False, description="Date it left (the UK: 2020-01-31); blank = a member."),
        Column("source", "text", description="Publisher and page read."),
        Column("source_url", "url", description="Page of record."),
        source_grade(),
        Column("note", "text", required=False, description="How the member is counted."),
    ),
    Provenance(
        "europa.eu (EU members by year of entry), the Swiss Federal Department of Foreign Affairs (EFTA), the CIA "
        "World Factbook (CIS), the European Parliament and Reuters (Western Balkans), named per row.",
        "Facts, cited per row", "EU membership 1958–2020.",
        f"Typed from each named page; a member counts in a year when it belonged on 31 December. See {TRADE_README}.",
    ),
    id_columns=("group", "member"),
    order=(("joined", "left"),),
)

HISTORY = FileSpec(
    "trade/ricardo_russia_history.csv",
    "Russian Empire (1827–1917, Valetov) and USSR (1926–1937, League of Nations) trade by partner, from "
    "RICardo. ODbL 1.0. Derived by scripts/build_trade.py.",
    (
        Column("year", "int", min_value=1700, max_value=1950, description="Year."),
        Column("flow", "vocab", vocab="flows", description="exports or imports, as Russia reported them."),
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
    Provenance(
        "RICardo historical trade database (Dedinger and Girard, 2017; dataset 2017.12, "
        "doi:10.5281/zenodo.1119592).", "Open Database License (ODbL 1.0), attributed",
        "Historical years from the RICardo extract (to 1938).",
        f"Derived by scripts/build_trade.py from the RICardo extract. See {TRADE_README}.", cites=("ricardo",),
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
        Column("flow", "vocab", vocab="published_flows", description="exports, imports or total."),
        Column("partner", "id", description="Partner id as in the DOTS table (china, eu27, …).",
               refers=DOTS_PARTNER, unresolved="not a partner id of the DOTS table (e.g. china, eu27)"),
        Column("metric", "vocab", vocab="metrics", description="share_pct or value_usd_bn."),
        Column("value", "float", min_value=0, max_value=1e6, description="The number as published."),
        Column("label", "text", description="Short human label."),
        Column("source", "text", description="Publisher, title, date."),
        Column("source_url", "url", description="Public source."),
        source_grade(),
        Column("note", "text", required=False, description="Method and caveats."),
        Column("comparable_with", "text", required=False,
               description="The DOTS series the figure can be compared with, or 'none: why not'."),
    ),
    Provenance(
        "News reports and research notes quoting China's customs (GACC), Russia's Federal Customs Service and "
        "the OEC, named per row (source, source_url).", "Published figures, cited per row",
        "Figures for 2021–2025, published up to January 2026.",
        f"Typed from each named publication; never joined to the DOTS series (different methods). See {TRADE_README}.",
    ),
    checks=(checks.shares_at_most_100,),
    optional=True,
    drop_bad_rows=True,
)

BASEMAP = FileSpec(
    "basemap/far_east_50m.geojson",
    "Country outlines, coastlines and borders of the region the map shows (read by pivotdash.maps.basemap).",
    (),
    Provenance(
        "Natural Earth 1:50m country outlines, as shipped in the npm package world-atlas@2.0.2 "
        "(countries-50m.json).", "Public domain", "Natural Earth via world-atlas 2.0.2.",
        "Clipped to the Far East and converted to GeoJSON by scripts/build_basemap.py.", cites=("natural_earth",),
    ),
    id_columns=(),
    source_columns=(),
    fmt="geojson",
)

CORE_FILES: tuple[FileSpec, ...] = (EPISODES, EVENTS, FLASHPOINTS, ROUTE_POINTS)
TRADE_TABLES: tuple[FileSpec, ...] = (DOTS, MEMBERS, HISTORY)
# Every file the app ships, in the order the data dictionary and data/README.md list them.
CATALOGUE: tuple[FileSpec, ...] = (*CORE_FILES, ERRATA, RISKS, RISK_STATUS, *TRADE_TABLES, EUROPE_GROUPS, PUBLISHED,
                                   BASEMAP)
TABLES: tuple[FileSpec, ...] = tuple(s for s in CATALOGUE if s.fmt == "csv")  # what the loader reads


def spec(name: str) -> FileSpec:
    """The declared file at `name` (a path under data/); KeyError names it when it is not declared."""
    for s in CATALOGUE:
        if s.name == name:
            return s
    raise KeyError(f"{name} is not declared in pivotdash.catalogue")
