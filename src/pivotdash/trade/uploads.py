"""An analyst's IMF or UN Comtrade CSV export parsed and checked into the composition table, for one session."""

# One module per step: the layouts, declared as data (upload_layouts); bytes to rows: encoding, delimiter,
# overlong fields (upload_csv); rows to checked records (upload_records); here, records to the table: one
# reporter, one import basis, partner ids, units. Only annual, all-commodity (TOTAL) rows are used; the
# partner "World" gives the total for shares.

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pivotdash.catalogue import DOTS, typed
from pivotdash.errors import DataError, Problem
from pivotdash.trade import groups as g
from pivotdash.trade import mirror
from pivotdash.trade.build import derive_partner_table
from pivotdash.trade.countries import Resolver
from pivotdash.trade.upload_csv import (
    DELIMITERS,
    ENCODING_LABELS,
    ENCODINGS,
    clip,
    decode_upload,
    detect_delimiter,
    read_rows,
    reading_notes,
)
from pivotdash.trade.upload_layouts import EXPECTED, Layout, closest
from pivotdash.trade.upload_records import READERS, Record, Sheet

MAX_BYTES = 5 * 1024 * 1024  # the app's server.maxUploadSize (5 MB)
MAX_ROWS = 50_000
# Names of the partners the groups need, for files that name them otherwise (or not at all).
_NAMES: dict[str, str] = {
    "china": "China (mainland)", "south_korea": "South Korea", "japan": "Japan", "belarus": "Belarus",
    "united_states": "United States", "united_kingdom": "United Kingdom", "world": "World",
    "czech_republic": "Czech Republic", "slovakia": "Slovakia", "netherlands": "Netherlands",
}
__all__ = ["DELIMITERS", "ENCODINGS", "MAX_BYTES", "MAX_ROWS", "Upload", "parse_upload"]


@dataclass(frozen=True)
class Upload:
    """A parsed upload: the composition table built from it (typed like TradeTables.dots), what was wrong,
    and how it was read."""

    file: str
    layout: str
    encoding: str  # codec used, e.g. "utf-8", "cp1251"
    delimiter: str
    reporter: str
    table: pd.DataFrame
    problems: list[Problem]
    notes: list[str]
    publisher: str = ""
    licence: str = ""
    import_basis: str = ""  # "c.i.f." or "f.o.b." when the file has imports
    encoding_chosen: bool = False
    partner_reported: bool = False  # every row a partner's trade with Russia: Russia's mirror, not DOTS

    @property
    def series(self) -> str:
        """What the chart's CSV calls these rows."""
        return mirror.SERIES if self.partner_reported else "your upload"

    @property
    def share_of(self) -> str:
        """What a share is of, for the chart's title and subtitle."""
        return mirror.SHARE_OF if self.partner_reported else "the world total"

    @property
    def coverage(self) -> pd.DataFrame:
        """Which partners reported each year (a missing one is a gap, never a zero)."""
        return mirror.coverage(self.table)

    @property
    def years(self) -> tuple[int, int]:
        return int(self.table["year"].min()), int(self.table["year"].max())

    @property
    def how_read(self) -> str:
        """'UTF-8 (detected), columns separated by semicolons' — shown on the page."""
        how = "chosen" if self.encoding_chosen else "detected"
        return f"{ENCODING_LABELS.get(self.encoding, self.encoding)} ({how}), columns separated by " \
               f"{DELIMITERS.get(self.delimiter, repr(self.delimiter))}"

    def flow_words(self, flow: str) -> str:
        """What the chart's flow is, for its subtitle: who reported it, on which basis."""
        if self.partner_reported:
            basis = self.import_basis if flow == "exports" else "f.o.b."
            what = "exports as its partners report their imports from" if flow == "exports" else \
                "imports as its partners report their exports to"
            return f"{mirror.LABEL}: Russia's {what} Russia ({basis})"
        who = self.reporter or "the reporter"
        if flow == "exports":
            return f"Exports as {who} reports them (f.o.b.)"
        basis = f", {self.import_basis}" if self.import_basis else ""
        return f"Imports as {who} reports them{basis}; not a partner mirror"

    def chart_source(self) -> str:
        if self.partner_reported:
            n = int(self.table[(self.table["kind"] == "country")]["partner"].nunique())
            return (f"{mirror.LABEL} from your upload: {self.file} ({self.layout}; {self.publisher}; {n} reporting "
                    "partners); not the IMF DOTS series")
        return f"Your upload: {self.file} ({self.layout}; {self.publisher}, reporter {self.reporter or 'not named'})"


# ------------------------------------------------------------------ the entry point


def _layout_of(header: list[str], file: str) -> Layout:
    layout, nearest, missing = closest(header)
    if layout is not None:
        return layout
    found = clip(", ".join(header), 200)
    if nearest is None:
        raise DataError([Problem(file, None, None, "the header matches neither an IMF nor a UN Comtrade CSV export; "
                                 f"expected {EXPECTED}", found)])
    raise DataError([Problem(file, None, m, f"required column of an {nearest.name} export is missing", found)
                     for m in missing])


def parse_upload(raw: bytes, file: str, *, names: Mapping[str, str] | None = None, max_bytes: int = MAX_BYTES,
                 max_rows: int = MAX_ROWS, encoding: str | None = None) -> Upload:
    """Parse an uploaded CSV into the composition table; raises DataError when nothing usable can be read.

    Problems with single cells or rows are collected in Upload.problems and those cells are left out (a
    missing value stays missing); the rest of the file is used. `names` gives the app's partner names;
    `encoding` (a key of ENCODINGS) overrides the detected one.
    """
    if len(raw) > max_bytes:
        raise DataError([Problem(file, None, None, f"file is larger than the {max_bytes / 1024 / 1024:g} MB limit",
                                 f"{len(raw):,} bytes")])
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise DataError([Problem(file, None, None, "file is empty", "")])
    read = decode_upload(raw, file, encoding)
    delimiter = detect_delimiter(read.text)
    notes = reading_notes(read, delimiter)
    table = read_rows(read.text, file, delimiter, max_rows)
    if not table.header:
        raise DataError([*table.problems, Problem(file, None, None, "file is empty", "")])
    layout = _layout_of(table.header, file)
    if not table.rows:
        raise DataError([*table.problems, Problem(file, None, None, "file has a header but no data rows", "")])
    sheet = Sheet(file, table.header, table.rows, decimal_comma=delimiter == ";", problems=list(table.problems))
    records = READERS[layout.shape](sheet, layout)
    problems = sheet.problems
    notes += [f"Left out {n:,} {what}." for what, n in sheet.skipped.items()]
    resolver = Resolver({**_NAMES, **(names or {})})
    partner_reported = mirror.is_partner_reported(records, resolver)
    if partner_reported:
        records, basis = mirror.turn(records, notes)
        reporter = mirror.REPORTER
    else:
        records, reporter, more = _one_reporter(records, file, layout.reporter)
        problems += more
        records, basis = _one_import_basis(records, notes)
    if not [r for r in records if r.value is not None]:
        raise DataError([*problems, Problem(file, None, None, "no usable annual export or import values found",
                                            layout.name)])
    long, more = _long(records, file, names or {}, resolver)
    problems += more
    if partner_reported:
        long = mirror.with_reported_total(long)
    scale, scale_note = _scale(long, layout)
    long["value_usd_mn"] = long["value_usd_mn"] / scale
    notes.append(scale_note)
    worlds = long[long["partner"] == g.WORLD]
    for flow in sorted(set(long["flow"])):
        missing_world = sorted(set(long[long["flow"] == flow]["year"]) - set(worlds[worlds["flow"] == flow]["year"]))
        if missing_world:
            problems.append(Problem(file, None, None, f"no 'World' total for {flow} in "
                                    f"{', '.join(map(str, missing_world))}: shares cannot be computed there",
                                    ""))
    source = (f"{mirror.LABEL}: your upload {file} ({layout.name})" if partner_reported else
              f"Your upload: {file} ({layout.name}, reporter {reporter})")
    frame = derive_partner_table(long, sorted(set(long["year"])), {"exports": source, "imports": source},
                                 coverage_notes=False, names=_NAMES | dict(names or {}),
                                 gap_note="Not in the file for this year: a gap, not a zero.")
    frame = typed(frame, DOTS).astype({"year": int})
    return Upload(file, layout.name, read.encoding, delimiter, reporter, frame, problems, notes,
                  publisher=layout.publisher, licence=f"{layout.licence} · Chart: pivotdash, CC BY 4.0",
                  import_basis=basis, encoding_chosen=read.chosen, partner_reported=partner_reported)


def _one_reporter(records: list[Record], file: str, column: str) -> tuple[list[Record], str, list[Problem]]:
    """Keep one reporter (Russia if present, else the most common); the others are reported, not mixed in."""
    counts = Counter(r.reporter for r in records)
    if len(counts) <= 1:
        return records, next(iter(counts), ""), []
    russian = [k for k in counts if k.strip().casefold() in ("russian federation", "russia", "rus")]
    keep = russian[0] if russian else counts.most_common(1)[0][0]
    problems = [Problem(file, next(r.row for r in records if r.reporter == other), column,
                        f"the file holds several reporters; only {keep!r} is shown", clip(other))
                for other in counts if other != keep]
    return [r for r in records if r.reporter == keep], keep, problems


def _one_import_basis(records: list[Record], notes: list[str]) -> tuple[list[Record], str]:
    """Imports c.i.f. are used; f.o.b. imports only when a file has no c.i.f. figures. Returns the basis used."""
    has_cif = any(r.flow == "imports_cif" for r in records)
    has_fob = any(r.flow == "imports_fob" for r in records)
    out = []
    for r in records:
        if r.flow == "imports_fob" and has_cif:
            continue
        if r.flow.startswith("imports"):
            r.flow = "imports"
        out.append(r)
    if has_cif:
        notes.append("Imports are the reporter's own c.i.f. figures (not a partner mirror).")
        return out, "c.i.f."
    if has_fob:
        notes.append("Imports are the reporter's own f.o.b. figures (not a partner mirror).")
        return out, "f.o.b."
    return out, ""


def _long(records: list[Record], file: str, names: Mapping[str, str],
          resolver: Resolver) -> tuple[pd.DataFrame, list[Problem]]:
    problems = []
    seen: dict[tuple[int, str, str], int] = {}
    rows = []
    for r in records:
        pid = resolver.resolve(r.partner, r.iso3)
        key = (r.year, r.flow, pid)
        if key in seen:
            problems.append(Problem(file, r.row, None, f"second value for {r.flow} {r.year} {clip(r.partner)!r} "
                                    f"(first on row {seen[key]}); the first is used", clip(r.partner)))
            continue
        seen[key] = r.row
        kind = "world" if pid == g.WORLD else g.partner_kind(r.partner)
        if kind == "dots_aggregate" and pid != "eu_dots_aggregate":
            continue
        name = names.get(pid) or _NAMES.get(pid) or g.human_name(r.partner)
        rows.append({"year": r.year, "flow": r.flow, "partner": pid, "partner_name": name,
                     "kind": kind, "value_usd_mn": r.value, "imf_estimate": 0, "dots_name": r.partner})
    frame = pd.DataFrame(rows, columns=["year", "flow", "partner", "partner_name", "kind", "value_usd_mn",
                                        "imf_estimate", "dots_name"])
    frame["value_usd_mn"] = frame["value_usd_mn"].astype(float)
    return frame, problems


def _scale(long: pd.DataFrame, layout: Layout) -> tuple[float, str]:
    """Divisor to US$ million. Comtrade values are US$. IMF exports come either way: a World total of
    100 million or more can only be in US$ (no country trades US$ 100 trillion a year)."""
    if layout.in_us_dollars:
        return 1e6, "Values are in US dollars in this layout; shown in US$ million."
    world = long[long["partner"] == g.WORLD]["value_usd_mn"].max()
    basis, largest = ("World totals", world) if pd.notna(world) else ("values", long["value_usd_mn"].max())
    if pd.notna(largest) and largest >= 1e8:
        return 1e6, f"Values were read as US dollars ({basis} of 100 million or more); shown in US$ million."
    return 1.0, f"Values were read as US$ million ({basis} under 100 million)."
