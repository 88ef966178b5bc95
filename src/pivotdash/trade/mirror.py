"""Russia's trade as its partners report it: an uploaded extract of every reporter's trade *with Russia*
(partner-reported rows) turned into Russia's mirror exports and imports by partner, for the years after
Russia stopped publishing (2022). Kept apart from the DOTS series: its own table, source and labels."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from pivotdash.trade import groups as g
from pivotdash.trade.countries import Resolver
from pivotdash.trade.upload_records import Record

SERIES = "partner-reported mirror (your upload)"
REPORTER = "Russia's partners (partner-reported mirror)"
LABEL = "Partner-reported mirror data"
SHARE_OF = "the reporting partners' total"
# A reporter's flow with Russia → Russia's flow with that reporter.
_TURNED = {"exports": "imports", "imports_cif": "exports", "imports_fob": "exports"}


def is_partner_reported(records: list[Record], resolver: Resolver) -> bool:
    """Every row is a reporter's trade with Russia, and more than one country reports (a Russia-only file
    with Russia as the partner of itself is no mirror)."""
    if not records:
        return False
    partners = {resolver.resolve(r.partner, r.iso3) for r in records}
    reporters = {r.reporter for r in records}
    return partners == {"russia"} and len(reporters) > 1


def turn(records: list[Record], notes: list[str]) -> tuple[list[Record], str]:
    """The reporters' rows as Russia's: a reporter's exports to Russia are Russia's imports from it
    (f.o.b.), its imports from Russia (c.i.f. where given, else f.o.b.) are Russia's exports to it.
    Returns the rows and the basis of Russia's mirror exports (the partners' imports)."""
    has_cif = any(r.flow == "imports_cif" for r in records)
    out = []
    for r in records:
        if r.flow == "imports_fob" and has_cif:
            continue
        out.append(replace(r, flow=_TURNED[r.flow], partner=r.reporter, iso3="", reporter=REPORTER))
    exports = "c.i.f." if has_cif else "f.o.b."
    flows = {r.flow for r in out}
    said = []
    if "imports" in flows:
        said.append("Russia's imports are the partners' exports to Russia (f.o.b.)")
    if "exports" in flows:
        said.append(f"Russia's exports are the partners' imports from Russia ({exports})")
    notes.append(f"{LABEL}: every row is a partner's own report of its trade with Russia. {'; '.join(said)}. "
                 "Shares are of the total the reporting partners give that year; a partner that did not report "
                 "is a gap, never a zero.")
    return out, exports if "exports" in flows else ""


def with_reported_total(long: pd.DataFrame) -> pd.DataFrame:
    """The long frame with the 'World' total replaced by the sum over the countries that reported that year
    (an aggregate reporter in the file, e.g. 'World', is not added to its members)."""
    countries = long[long["kind"] == "country"]
    totals = (countries.dropna(subset=["value_usd_mn"]).groupby(["year", "flow"], as_index=False)["value_usd_mn"]
              .sum())
    world = totals.assign(partner=g.WORLD, partner_name="World (sum of the partners reporting)", kind="world",
                          imf_estimate=0, dots_name="")
    return pd.concat([countries, world[list(long.columns)]], ignore_index=True)


def coverage(table: pd.DataFrame) -> pd.DataFrame:
    """Which partners reported in each year: one row per flow and partner, a column per year holding
    'reported' or 'gap' (not in the file that year: a gap, never a zero)."""
    rows = table[table["kind"] == "country"]
    if rows.empty:
        return pd.DataFrame(columns=["flow", "partner", "partner_name"])
    rows = rows.assign(status=rows["value_usd_mn"].notna().map({True: "reported", False: "gap"}))
    wide = rows.pivot_table(index=["flow", "partner", "partner_name"], columns="year", values="status",
                            aggfunc="first", fill_value="gap")
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index()


def reporters_by_year(table: pd.DataFrame) -> pd.DataFrame:
    """How many partners reported each year and flow, and which of the file's partners did not."""
    rows = table[table["kind"] == "country"]
    everyone = sorted(set(rows["partner_name"]))
    out = []
    for (flow, year), sub in rows.groupby(["flow", "year"], sort=True):
        reported = set(sub[sub["value_usd_mn"].notna()]["partner_name"])
        missing = [p for p in everyone if p not in reported]
        out.append({"flow": flow, "year": int(str(year)), "partners_reporting": len(reported),
                    "not_reported": ", ".join(missing)})
    return pd.DataFrame(out, columns=["flow", "year", "partners_reporting", "not_reported"])
