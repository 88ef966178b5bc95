"""Deriving the project's tidy trade tables from the IMF DOTS and RICardo extracts (pure functions)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from pivotdash import catalogue
from pivotdash.trade import groups as g

FIRST_YEAR, LAST_YEAR = 1992, 2020
EXPORTS_SERIES = "exports_reported_by_russia_or_ussr"
MIRROR_SERIES = "exports_to_russia_or_ussr_reported_by_partner"
RUSSIA = "Russian Federation"

# Short per-row source names; the full citation is in data/trade/README.md and on every chart.
SOURCES = {
    "exports": "IMF DOTS: exports reported by Russia",
    "imports": "IMF DOTS: partners' exports to Russia (mirror)",
}
# Column lists come from the catalogue: what the build writes is what the loader checks.
DOTS_COLUMNS = catalogue.DOTS.column_names
MEMBER_COLUMNS = catalogue.MEMBERS.column_names

NETHERLANDS_NOTE = (
    "Inflated by oil and other goods shipped through Rotterdam to other destinations: DOTS records the port "
    "country, so part of this is trade with the rest of Europe."
)
GAP_NOTE = "Not reported in DOTS for this year: a gap, not a zero."
THIN_COVERAGE = 0.6  # a year with fewer than 60% of the usual number of partners reporting is flagged


def _fmt(value: float | None, digits: int) -> str:
    """Fixed-decimal text for a CSV cell; blank for missing (a gap stays a gap)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:.{digits}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


# ---------------------------------------------------------------- DOTS


def dots_long(extract: pd.DataFrame, years: tuple[int, int] = (FIRST_YEAR, LAST_YEAR)) -> pd.DataFrame:
    """Russia's rows of the DOTS extract as one row per flow, year and DOTS partner name.

    exports: Russia's own figures (reporter Russian Federation); imports: every reporter's exports to
    Russia (the mirror). Columns: year, flow, dots_name, value_usd_mn (float or NaN), imf_estimate (0/1).
    """
    frame = extract.copy()
    frame["year"] = frame["year"].astype(int)
    frame = frame[(frame["year"] >= years[0]) & (frame["year"] <= years[1])]
    exports = frame[(frame["series"] == EXPORTS_SERIES) & (frame["reporter"] == RUSSIA)]
    imports = frame[(frame["series"] == MIRROR_SERIES) & (frame["partner"] == RUSSIA)]
    parts = [
        pd.DataFrame({"year": exports["year"], "flow": "exports", "dots_name": exports["partner"],
                      "value": exports["value_usd_mn"], "imf_estimate": exports["imf_estimate"]}),
        pd.DataFrame({"year": imports["year"], "flow": "imports", "dots_name": imports["reporter"],
                      "value": imports["value_usd_mn"], "imf_estimate": imports["imf_estimate"]}),
    ]
    long = pd.concat(parts, ignore_index=True)
    long["value_usd_mn"] = pd.to_numeric(long.pop("value").replace("", None)).astype(float)
    long["imf_estimate"] = pd.to_numeric(long["imf_estimate"].replace("", "0")).astype(int)
    dup = long.duplicated(["flow", "year", "dots_name"])
    if dup.any():
        first = long[dup].iloc[0]
        raise ValueError(f"duplicate DOTS rows, e.g. {first['flow']} {first['year']} {first['dots_name']}")
    return long.sort_values(["flow", "dots_name", "year"]).reset_index(drop=True)


def derive_partner_table(
    long: pd.DataFrame, years: Iterable[int], sources: dict[str, str], *, coverage_notes: bool = True,
    names: Mapping[str, str] | None = None, gap_note: str = GAP_NOTE,
) -> pd.DataFrame:
    """The tidy composition table from single-partner values (one row per flow, year, partner).

    `long` has year, flow, partner, partner_name, kind (world/country/unallocated/dots_aggregate),
    value_usd_mn, imf_estimate, dots_name. Group members and core partners get a row for every year,
    other partners from their first to their last reported year; a blank value marks a gap. Groups are
    added: a group's value is the sum of its members and is missing when a member is missing (unless a
    predecessor entity stands in for it); rest_of_world is the World total minus EU27 and the core
    partners. Shares are of the World total of that flow and year. `names` names partners absent from `long`.
    """
    years = sorted(set(years))
    rows: list[dict[str, object]] = []
    for flow in ("exports", "imports"):
        sub = long[long["flow"] == flow]
        if not sub.empty:
            rows += _flow_rows(_FlowInput(sub, flow, years, sources[flow], coverage_notes, gap_note), names or {})
    table = pd.DataFrame(rows, columns=list(DOTS_COLUMNS))
    kind_order = {"world": 0, "group": 1, "dots_aggregate": 2, "country": 3, "unallocated": 4}
    table["_k"] = table["kind"].map(kind_order)
    table = table.sort_values(["flow", "_k", "partner", "year"], kind="stable").drop(columns="_k")
    return table.reset_index(drop=True)


@dataclass(frozen=True)
class _FlowInput:
    """One flow's single-partner values and what its rows say about their source and gaps."""

    sub: pd.DataFrame
    flow: str
    years: list[int]
    source: str
    coverage_notes: bool
    gap_note: str

    @property
    def keys(self) -> list[tuple[str, int]]:
        return [(str(p), int(y)) for p, y in zip(self.sub["partner"], self.sub["year"], strict=True)]


def _flow_rows(f: _FlowInput, names: Mapping[str, str]) -> list[dict[str, object]]:
    """Every partner's, group's and the rest of the world's rows for one flow."""
    keys = f.keys
    value: dict[tuple[str, int], float] = dict(zip(keys, f.sub["value_usd_mn"].astype(float), strict=True))
    estimate: dict[tuple[str, int], int] = dict(zip(keys, f.sub["imf_estimate"].astype(int), strict=True))
    info = f.sub.drop_duplicates("partner").set_index("partner")
    world = {y: _known(value.get((g.WORLD, y))) for y in f.years}
    thin = _thin_years(f.sub, f.years) if f.coverage_notes else {}
    rows = _partner_rows(f, info, value, estimate, world, thin)
    declared = {m.member: m.name for m in g.EUROPE_MEMBERS}
    names_here = {**declared, **names, **{str(p): str(m["partner_name"]) for p, m in info.iterrows()}}
    for group in g.GROUPS.values():
        for y in f.years:
            v, n_est, notes = _group_value(group, y, value, estimate, names_here)
            if y in thin:
                notes.append(thin[y])
            if "netherlands" in group.members:
                notes.append("Includes the Netherlands: " + NETHERLANDS_NOTE)
            rows.append(_row(y, f.flow, group.id, group.name, "group", v, world[y], n_est, f.source, "", notes))
    return rows + _rest_rows(f, rows, world, names_here)


def _partner_rows(f: _FlowInput, info: pd.DataFrame, value: dict[tuple[str, int], float],
                  estimate: dict[tuple[str, int], int], world: dict[int, float | None],
                  thin: dict[int, str]) -> list[dict[str, object]]:
    # Group members and core partners get a row every year; others from their first to their last report.
    always = {m for grp in g.GROUPS.values() for m in grp.members} | set(g.CORE_PARTNERS) | {g.WORLD}
    rows: list[dict[str, object]] = []
    for pid_, meta in info.iterrows():
        pid = str(pid_)
        reported = [y for y in f.years if _known(value.get((pid, y))) is not None]
        for y in f.years:
            if pid not in always and (not reported or not reported[0] <= y <= reported[-1]):
                continue
            v = _known(value.get((pid, y)))
            notes = [f.gap_note] if v is None else (["IMF estimate."] if estimate.get((pid, y)) else [])
            if pid == "netherlands":
                notes.append(NETHERLANDS_NOTE)
            if meta["kind"] == "world" and y in thin:
                notes.append(thin[y])
            rows.append(_row(y, f.flow, pid, str(meta["partner_name"]), str(meta["kind"]), v, world[y],
                             estimate.get((pid, y), 0) if v is not None else None, f.source,
                             str(meta["dots_name"]), notes))
    return rows


def _rest_rows(f: _FlowInput, rows: list[dict[str, object]], world: dict[int, float | None],
               names_here: Mapping[str, str]) -> list[dict[str, object]]:
    """The rest of the world: the World total minus EU27 and the core partners, where all are reported."""
    core = ("eu27", *g.CORE_PARTNERS)
    by_key = {(r["partner"], r["year"]): r for r in rows if r["flow"] == f.flow}
    core_names = ", ".join("EU27" if c == "eu27" else names_here.get(c, c) for c in core)
    out: list[dict[str, object]] = []
    for y in f.years:
        parts = [_known(_num(by_key.get((c, y), {}).get("value_usd_mn"))) for c in core]
        missing = [names_here.get(c, c) if c != "eu27" else "EU27" for c, p in zip(core, parts, strict=True)
                   if p is None]
        w = world[y]
        v = None if missing or w is None else w - sum(p for p in parts if p is not None)
        notes = [f"World minus {core_names}."]
        if missing:
            notes.append(f"Cannot be computed: {', '.join(missing)} not reported.")
        out.append(_row(y, f.flow, g.REST_OF_WORLD, g.REST_NAME, "group", v, w, None, f.source, "", notes))
    return out


def _num(text: object) -> float | None:
    if text is None or text == "":
        return None
    return float(str(text))


def _known(v: object) -> float | None:
    if v is None:
        return None
    f = float(v)  # type: ignore[arg-type]
    return None if math.isnan(f) else f


def _row(year: int, flow: str, pid: str, name: str, kind: str, value: float | None, world: float | None,
         estimate: int | None, source: str, dots_name: str, notes: list[str]) -> dict[str, object]:
    share = None if value is None or not world else value / world * 100
    return {
        "year": year, "flow": flow, "partner": pid, "partner_name": name, "kind": kind,
        "value_usd_mn": _fmt(value, 6), "share_pct": _fmt(share, 4),
        "imf_estimate": "" if estimate is None else str(estimate),
        "source": source, "dots_name": dots_name, "note": " ".join(n for n in notes if n),
    }


def _group_value(
    group: g.Group, year: int, value: dict[tuple[str, int], float], estimate: dict[tuple[str, int], int],
    names: dict[str, str],
) -> tuple[float | None, int | None, list[str]]:
    """Sum of the year's members (and of predecessors standing in for absent members); None if any is
    missing, except an optional member (not itemised by DOTS), whose absence is noted."""
    members = group.members_in(year)
    got = {m: _known(value.get((m, year))) for m in members}
    total = sum(v for v in got.values() if v is not None)
    n_est = sum(estimate.get((m, year), 0) for m, v in got.items() if v is not None)
    notes: list[str] = []
    covered: set[str] = set()
    for sub_id, successors in group.substitutes.items():
        sv = _known(value.get((sub_id, year)))
        if sv is None or any(got.get(s) is not None for s in successors) or not set(successors) <= set(members):
            continue
        total += sv
        n_est += estimate.get((sub_id, year), 0)
        covered.update(successors)
        notes.append(f"{' and '.join(names.get(s, s) for s in successors)} reported together as "
                     f"{names.get(sub_id, sub_id).split(' (')[0]}.")
    missing = [m for m, v in got.items() if v is None and m not in covered and m not in group.optional]
    if missing:
        return None, None, [f"Cannot be summed: {', '.join(names.get(m, m) for m in missing)} not reported "
                            "for this year (a gap, not a partial sum)."]
    unitemised = [names.get(m, m) for m, v in got.items() if v is None and m in group.optional]
    if unitemised:
        notes.append(f"Not itemised (so not added): {', '.join(unitemised)}.")
    if group.periods:
        notes.append(f"{len(members)} members this year.")
    if n_est:
        notes.append(f"Includes IMF estimates for {n_est} member(s).")
    return total, n_est, notes


def _thin_years(sub: pd.DataFrame, years: list[int]) -> dict[int, str]:
    """Years in which far fewer partners report than usual (e.g. the 1992 mirror lacks Germany)."""
    counts = sub[sub["kind"] == "country"].dropna(subset=["value_usd_mn"]).groupby("year").size()
    if counts.empty:
        return {}
    usual = float(counts.median())
    mirror = bool((sub["flow"] == "imports").all())
    out = {}
    for y, n in zip(counts.index, counts.to_numpy(), strict=True):
        if n < THIN_COVERAGE * usual and int(y) in years:
            # In the mirror the World total is the sum of the partners that report, so it shrinks with them.
            tail = ("the World total lacks the others, so shares are not comparable with other years." if mirror
                    else "smaller partners are not itemised that year.")
            out[int(y)] = f"Only {int(n)} partners reported this year (usually about {usual:.0f}): {tail}"
    return out


def dots_partner_frame(long: pd.DataFrame) -> pd.DataFrame:
    """DOTS names → partner ids, names and kinds; USSR and DOTS aggregates other than the EU dropped."""
    frame = long.copy()
    frame = frame[frame["dots_name"] != "USSR"]  # reporters' exports to the USSR after 1991 are not Russia's
    frame["kind"] = frame["dots_name"].map(g.partner_kind)
    frame = frame[(frame["kind"] != "dots_aggregate") | (frame["dots_name"] == "European Union")]
    frame["partner"] = frame["dots_name"].map(g.partner_id)
    frame["partner_name"] = frame["dots_name"].map(g.human_name)
    clash = frame.drop_duplicates(["partner", "dots_name"]).duplicated("partner")
    if clash.any():
        raise ValueError(f"two DOTS names map to one id: {frame[clash]['partner'].iloc[0]}")
    return frame


def build_dots(extract: pd.DataFrame) -> pd.DataFrame:
    """The committed DOTS table (data/trade/dots_russia_partners.csv) from the reference extract."""
    frame = dots_partner_frame(dots_long(extract))
    return derive_partner_table(frame, sorted(set(frame["year"])), SOURCES)


def build_members(extract: pd.DataFrame) -> pd.DataFrame:
    """Which DOTS partner makes up which group (data/trade/dots_group_members.csv)."""
    names = {g.partner_id(n): n for n in set(extract["partner"]) | set(extract["reporter"])}
    rows = []
    for group in g.GROUPS.values():
        for m in group.members:
            rows.append({"group": group.id, "group_name": group.name, "member": m,
                         "member_name": g.human_name(names.get(m, m)), "dots_name": names.get(m, ""),
                         "role": "member", "note": _member_note(group, m)})
        for sub_id, successors in group.substitutes.items():
            rows.append({"group": group.id, "group_name": group.name, "member": sub_id,
                         "member_name": g.human_name(names.get(sub_id, sub_id)), "dots_name": names.get(sub_id, ""),
                         "role": "substitute",
                         "note": f"Counted for {' and '.join(successors)} in years they are not reported separately."})
    return pd.DataFrame(rows, columns=list(MEMBER_COLUMNS))


def _member_note(group: g.Group, member: str) -> str:
    """When a member counts (the EU as it was that year) or that it is counted only where reported."""
    if member in group.optional:
        return "Counted where reported: not itemised in every flow (its absence is not a gap)."
    period = group.periods.get(member)
    if period is None:
        return ""
    first, last = period
    return f"Counted {first}–{last}." if last is not None else f"Counted from {first}."


# ---------------------------------------------------------------- RICardo history

VALETOV = "ValetovT_RussianEmpireForeignTradeStatistics"
LEAGUE = "StatistiquesDuCommerceExtérieurDeLaSociétéDesNations"
HISTORY_SOURCES = {
    VALETOV: "RICardo (ODbL): Valetov, Russian Empire foreign trade statistics",
    LEAGUE: "RICardo (ODbL): League of Nations, foreign trade statistics",
}
HISTORY_COLUMNS = catalogue.HISTORY.column_names
# RICardo entity names (partner_RICname) → the project's harmonised partner: one line across renamings.
HISTORY_PARTNERS: dict[str, tuple[str, str]] = {
    "People's Republic of China (China)": ("china", "China"),
    "Mongolia & People's Republic of China (China)": ("china", "China"),
    "Japan": ("japan", "Japan"),
    "Korea (Chosen)": ("korea", "Korea"),
    "Germany (Zollverein)": ("germany", "Germany (and predecessors)"),
    "Germany (Zollverein) (other)": ("germany", "Germany (and predecessors)"),
    "Prussia": ("germany", "Germany (and predecessors)"),
    "Hanse Towns": ("germany", "Germany (and predecessors)"),
    "United Kingdom": ("united_kingdom", "United Kingdom"),
    "France": ("france", "France"),
    "Netherlands": ("netherlands", "Netherlands"),
    "Turkey (Ottoman Empire)": ("ottoman_turkey", "Ottoman Empire / Turkey"),
    "Asian Turkey": ("ottoman_turkey", "Ottoman Empire / Turkey"),
    "European Turkey": ("ottoman_turkey", "Ottoman Empire / Turkey"),
    "Iran (Persia)": ("persia_iran", "Persia / Iran"),
    "United States of America": ("united_states", "United States"),
    "Austria-Hungary (Austrian Empire)": ("austria_hungary", "Austria-Hungary (Austrian Empire)"),
}
HISTORY_NOTES = {
    (VALETOV, "exports"): "Exports to every Asian-frontier partner (China, Japan, Persia, India) are 0 in the "
    "source in 1916–1917 while imports from them are not: the export figures seem to cover the European "
    "frontier only. Treat these export shares with caution.",
}


def history_table(ricardo: pd.DataFrame) -> pd.DataFrame:
    """Shares by partner: Russian Empire 1827–1917 (Valetov) and USSR 1926–1937 (League of Nations).

    One source per period, so a flow reported by several sources is never counted twice. Values are
    flow × unit in the source's currency; the total is the sum over partners (Valetov has no total row)
    or the source's own 'total' row (League of Nations). Partners renamed over time are harmonised.
    """
    rows: list[dict[str, object]] = []
    for source in (VALETOV, LEAGUE):
        sub = ricardo[(ricardo["source"] == source) & (ricardo["russia_role"] == "reporter")].copy()
        sub["year"] = sub["year"].astype(int)
        sub["direction"] = sub["export_import"].str.lower().map({"exp": "exports", "imp": "imports"})
        sub = sub.dropna(subset=["direction"])
        dup = sub.duplicated(["year", "direction", "partner"])
        if dup.any():
            first = sub[dup].iloc[0]
            raise ValueError(f"duplicate RICardo rows in {source}: {first['year']} {first['direction']} "
                             f"{first['partner']}")
        sub["value"] = [float(f) * float(u) if str(f).strip() else math.nan
                        for f, u in zip(sub["flow"], sub["unit"], strict=True)]
        sub["gbp"] = pd.to_numeric(sub["flow_gbp"].replace("", None)).astype(float)
        is_total = sub["partner_RICname"] == "World"
        for (year_, flow), block in sub.groupby(["year", "direction"]):
            year = int(str(year_))
            partners = block[~is_total.loc[block.index]]
            totals = block[is_total.loc[block.index]]
            total = float(totals["value"].iloc[0]) if len(totals) else float(partners["value"].sum(min_count=1))
            total_gbp = float(totals["gbp"].iloc[0]) if len(totals) else float(partners["gbp"].sum(min_count=1))
            unit = _history_unit(block)
            base_note = HISTORY_NOTES.get((source, str(flow)), "") if year in (1916, 1917) else ""
            rows.append(_hist_row(year, str(flow), "total", "All partners (total)", total, unit, total,
                                  total_gbp, source,
                                  "total row" if len(totals) else "sum of all partners", base_note))
            partners = partners.assign(
                pid=[HISTORY_PARTNERS.get(n, (g.slug(n), n))[0] for n in partners["partner_RICname"]],
                pname=[HISTORY_PARTNERS.get(n, (g.slug(n), n))[1] for n in partners["partner_RICname"]],
            )
            for pid, part in partners.groupby("pid", sort=True):
                value = float(part["value"].sum(min_count=len(part))) if part["value"].notna().all() else math.nan
                gbp = float(part["gbp"].sum()) if part["gbp"].notna().all() else math.nan
                notes = [n for n in dict.fromkeys(part["notes"]) if n]
                if "Mongolia & People's Republic of China (China)" in set(part["partner_RICname"]):
                    notes.append("China including Mongolia: the source reports them together this year.")
                if base_note:
                    notes.append(base_note)
                if math.isnan(value):
                    notes.append("Not reported by the source for this year: a gap, not a zero.")
                rows.append(_hist_row(year, str(flow), str(pid), str(part["pname"].iloc[0]), value, unit,
                                      total, gbp, source, " + ".join(sorted(set(part["partner_RICname"]))),
                                      " ".join(notes)))
    table = pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))
    table["_t"] = table["partner"] != "total"
    return table.sort_values(["year", "flow", "_t", "partner"], kind="stable").drop(columns="_t").reset_index(drop=True)


def _history_unit(block: pd.DataFrame) -> str:
    currency = str(block["currency"].iloc[0])
    if currency == "nouveaux roubles":
        return "new rubles (4.38 new rubles = 1 old gold ruble), current"
    return "rubles, current (as reported)"


def _hist_row(year: int, flow: str, pid: str, name: str, value: float, unit: str, total: float, gbp: float,
              source: str, ricardo_partners: str, note: str) -> dict[str, object]:
    share = None if math.isnan(value) or not total or math.isnan(total) else value / total * 100
    return {
        "year": year, "flow": flow, "partner": pid, "partner_name": name, "value": _fmt(value, 2),
        "unit": unit, "share_pct": _fmt(share, 4), "value_gbp": _fmt(gbp, 2), "source": HISTORY_SOURCES[source],
        "ricardo_partners": ricardo_partners, "note": note,
    }


# ---------------------------------------------------------------- files

DOTS_FILE = "dots_russia_partners.csv"
MEMBERS_FILE = "dots_group_members.csv"
HISTORY_FILE = "ricardo_russia_history.csv"
DOTS_EXTRACT = "imf_dots_russia_ussr_1960_2020.csv"
RICARDO_EXTRACT = "ricardo_russia_ussr_flows_1787_1938.csv"
EXTRACT_SHA256 = {
    DOTS_EXTRACT: "f1ddea5fdeecc9b59246a7c12e44aed6032f43b849ee0c4c50ad7a32222c4eee",
    RICARDO_EXTRACT: "11262ddb217f427a4e54482e97f57f5cad41b4eba4198063a02b2817d7cb1461",
}


def read_extract(raw: bytes) -> pd.DataFrame:
    """An extract file as a frame of strings (blank cells stay blank, never NaN or 0)."""
    import io

    return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")


def table_bytes(frame: pd.DataFrame) -> bytes:
    """The exact bytes the project commits: UTF-8, comma, RFC 4180 quoting, LF line ends."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(frame.columns)
    writer.writerows(frame.astype(str).itertuples(index=False, name=None))
    return out.getvalue().encode("utf-8")


def build_all(dots_raw: bytes, ricardo_raw: bytes) -> dict[str, bytes]:
    """File name → bytes of every derived table."""
    dots = read_extract(dots_raw)
    ricardo = read_extract(ricardo_raw)
    return {
        DOTS_FILE: table_bytes(build_dots(dots)),
        MEMBERS_FILE: table_bytes(build_members(dots)),
        HISTORY_FILE: table_bytes(history_table(ricardo)),
    }
