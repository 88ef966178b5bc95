"""Reading an analyst's IMF DOTS or UN Comtrade CSV export into the composition table, for one session.

Supported layouts (header names as the services write them; matched case-insensitively):
- IMF DOTS, data.imf.org "time series" CSV: Country Name, Country Code, Indicator Name, Indicator Code,
  Counterpart Country Name, Counterpart Country Code, Attribute, then one column per period ("2019",
  "2019Q1", "2019M01"); rows with Attribute "Value" hold the numbers, indicator TXG_FOB_USD = exports,
  TMG_CIF_USD (or TMG_FOB_USD) = imports.
- IMF DOTS, data.imf.org "panel" CSV: Country Name, Country Code, Counterpart Country Name, Counterpart
  Country Code, Time Period, then one column per indicator, e.g. "Goods, Value of Exports, Free on board
  (FOB), US Dollars (TXG_FOB_USD)".
- UN Comtrade (comtradeplus) CSV: typeCode, freqCode, refPeriodId, refYear, refMonth, period, reporterCode,
  reporterISO, reporterDesc, flowCode (X/M), flowDesc, partnerCode, partnerISO, partnerDesc, …, cmdCode,
  …, primaryValue (US$), …
- UN Comtrade legacy CSV: Classification, Year, Period, …, Trade Flow Code, Trade Flow, Reporter Code,
  Reporter, Reporter ISO, Partner Code, Partner, Partner ISO, …, Commodity Code, …, Trade Value (US$), Flag.
Only annual, all-commodity (TOTAL) rows are used; the partner "World" gives the total for shares.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from pivotdash.catalogue import DOTS, typed
from pivotdash.csvio import decode, sniff_delimiter
from pivotdash.errors import DataError, Problem
from pivotdash.trade import groups as g
from pivotdash.trade.build import derive_partner_table

MAX_BYTES = 5 * 1024 * 1024  # the app's server.maxUploadSize (5 MB)
MAX_ROWS = 50_000
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")
_MISSING = {"", "..", "...", "…", "-", "–", "n/a", "na", "nan", "null"}
# Names of the partners the groups need, for files that name them otherwise (or not at all).
_NAMES: dict[str, str] = {
    "china": "China (mainland)", "south_korea": "South Korea", "japan": "Japan", "belarus": "Belarus",
    "united_states": "United States", "united_kingdom": "United Kingdom", "world": "World",
    "czech_republic": "Czech Republic", "slovakia": "Slovakia", "netherlands": "Netherlands",
}


@dataclass(frozen=True)
class Layout:
    name: str
    required: tuple[str, ...]  # header names that identify it (matched case-insensitively)
    reader: Callable[[_Sheet], list[Record]]
    in_us_dollars: bool | None  # True: values in US$; None: decide from the size of the World totals


@dataclass
class Record:
    row: int
    year: int
    flow: str
    reporter: str
    partner: str
    iso3: str
    value: float | None


@dataclass
class _Sheet:
    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (1-based data row number, cells)
    decimal_comma: bool
    problems: list[Problem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def col(self, name: str) -> int | None:
        """Index of a column by case-insensitive name."""
        lowered = [h.lower() for h in self.header]
        return lowered.index(name.lower()) if name.lower() in lowered else None

    def name(self, index: int) -> str:
        return self.header[index]

    def number(self, row: int, index: int, text: str) -> tuple[bool, float | None]:
        """(ok, value): blank and '..' are missing values; text that is not a number is a problem."""
        value = text.strip()
        if value.lower() in _MISSING:
            return True, None
        try:
            if _PLAIN.match(value):
                number = float(value)
            elif self.decimal_comma and _DECIMAL_COMMA.match(value):
                number = float(value.replace(".", "").replace(",", "."))
            elif _THOUSANDS.match(value):
                number = float(value.replace(",", ""))
            else:
                raise ValueError(value)
        except ValueError:
            rule = "must be a number"
            if self.decimal_comma:
                rule += " (decimal comma allowed in ';'-separated files)"
            self.problems.append(Problem(self.file, row, self.name(index), rule, text))
            return False, None
        if number < 0:
            self.problems.append(Problem(self.file, row, self.name(index), "a trade value cannot be negative", text))
            return False, None
        return True, number

    def year(self, row: int, index: int, text: str) -> int | None:
        value = text.strip()
        if not _YEAR.match(value):
            self.problems.append(Problem(self.file, row, self.name(index), "must be a year (YYYY)", text))
            return None
        return int(value)


@dataclass(frozen=True)
class Upload:
    """A parsed upload: the composition table built from it (typed like TradeTables.dots), what was wrong,
    and how it was read."""

    file: str
    layout: str
    encoding: str
    delimiter: str
    reporter: str
    table: pd.DataFrame
    problems: list[Problem]
    notes: list[str]

    @property
    def years(self) -> tuple[int, int]:
        return int(self.table["year"].min()), int(self.table["year"].max())


# ------------------------------------------------------------------ layouts


def _imf_flow(code: str, name: str) -> str | None:
    text = f"{code} {name}".upper()
    if "TXG_FOB" in text or ("EXPORTS" in text and "FOB" in text):
        return "exports"
    if "TMG_CIF" in text or ("IMPORTS" in text and "CIF" in text):
        return "imports_cif"
    if "TMG_FOB" in text or ("IMPORTS" in text and "FREE ON BOARD" in text):
        return "imports_fob"
    return None


def _read_imf_series(sheet: _Sheet) -> list[Record]:
    c_rep, c_part = sheet.col("Country Name"), sheet.col("Counterpart Country Name")
    c_code, c_ind, c_attr = sheet.col("Indicator Code"), sheet.col("Indicator Name"), sheet.col("Attribute")
    years = [(i, int(h)) for i, h in enumerate(sheet.header) if _YEAR.match(h.strip())]
    if not years:
        sheet.problems.append(Problem(sheet.file, None, None,
                                      "no annual columns (a header like '2019'); quarterly and monthly ones are "
                                      "not used", ", ".join(sheet.header[:12])))
    if any(not _YEAR.match(h.strip()) and re.match(r"^\d{4}[QM]\d+$", h.strip()) for h in sheet.header):
        sheet.skipped["quarterly and monthly columns"] += 1
    out = []
    for n, cells in sheet.rows:
        if c_attr is not None and cells[c_attr].strip().lower() != "value":
            sheet.skipped["rows whose Attribute is not 'Value' (e.g. Status)"] += 1
            continue
        flow = _imf_flow(cells[c_code] if c_code is not None else "", cells[c_ind] if c_ind is not None else "")
        if flow is None:
            sheet.skipped["rows of other indicators (e.g. trade balance)"] += 1
            continue
        for i, year in years:
            ok, value = sheet.number(n, i, cells[i])
            if ok:
                out.append(Record(n, year, flow, cells[c_rep] if c_rep is not None else "", cells[c_part] if
                                  c_part is not None else "", "", value))
    return out


def _read_imf_panel(sheet: _Sheet) -> list[Record]:
    c_rep, c_part, c_year = sheet.col("Country Name"), sheet.col("Counterpart Country Name"), sheet.col("Time Period")
    assert c_year is not None
    flows = [(i, f) for i, h in enumerate(sheet.header) if (f := _imf_flow("", h) if "(" in h else None)]
    if not flows:
        sheet.problems.append(Problem(sheet.file, None, None,
                                      "no export or import column (e.g. one ending in '(TXG_FOB_USD)')",
                                      ", ".join(sheet.header)))
    out = []
    for n, cells in sheet.rows:
        if not _YEAR.match(cells[c_year].strip()) and re.match(r"^\d{4}[QM]\d+$", cells[c_year].strip()):
            sheet.skipped["quarterly and monthly rows"] += 1
            continue
        year = sheet.year(n, c_year, cells[c_year])
        if year is None:
            continue
        for i, flow in flows:
            ok, value = sheet.number(n, i, cells[i])
            if ok:
                out.append(Record(n, year, flow, cells[c_rep] if c_rep is not None else "",
                                  cells[c_part] if c_part is not None else "", "", value))
    return out


def _comtrade_filter(sheet: _Sheet, cells: list[str], tests: list[tuple[str, set[str], str]]) -> bool:
    for column, allowed, what in tests:
        i = sheet.col(column)
        if i is not None and cells[i].strip().upper() not in allowed:
            sheet.skipped[what] += 1
            return False
    return True


@dataclass(frozen=True)
class _ComtradeColumns:
    """Where one Comtrade layout keeps what a record needs, and which codes mean what."""

    year: tuple[str, ...]  # first present wins
    flow: str
    reporter: str
    partner: str
    iso: str
    value: str
    partner_code: str
    flows: dict[str, str]
    tests: tuple[tuple[str, set[str], str], ...]


_COMTRADE_PLUS = _ComtradeColumns(
    ("refYear", "period"), "flowCode", "reporterDesc", "partnerDesc", "partnerISO", "primaryValue", "partnerCode",
    {"X": "exports", "M": "imports"},
    (("freqCode", {"A"}, "monthly rows"), ("cmdCode", {"TOTAL"}, "rows for single commodities (not TOTAL)"),
     ("partner2Code", {"0", ""}, "rows by second partner"), ("customsCode", {"C00", ""}, "rows by customs procedure"),
     ("motCode", {"0", ""}, "rows by mode of transport")),
)
_COMTRADE_LEGACY = _ComtradeColumns(
    ("Year",), "Trade Flow", "Reporter", "Partner", "Partner ISO", "Trade Value (US$)", "Partner Code",
    {"EXPORT": "exports", "IMPORT": "imports"},
    (("Commodity Code", {"TOTAL"}, "rows for single commodities (not TOTAL)"),),
)


def _read_comtrade(sheet: _Sheet, cols: _ComtradeColumns) -> list[Record]:
    c_year = next((c for c in (sheet.col(name) for name in cols.year) if c is not None), None)
    c_flow, c_rep, c_part = sheet.col(cols.flow), sheet.col(cols.reporter), sheet.col(cols.partner)
    c_iso, c_val, c_pcode = sheet.col(cols.iso), sheet.col(cols.value), sheet.col(cols.partner_code)
    assert c_year is not None and c_flow is not None and c_val is not None and c_part is not None
    out = []
    for n, cells in sheet.rows:
        if not _comtrade_filter(sheet, cells, list(cols.tests)):
            continue
        flow = cols.flows.get(cells[c_flow].strip().upper())
        if flow is None:
            sheet.skipped[f"rows of other flows ({cells[c_flow].strip() or 'blank'})"] += 1
            continue
        year = sheet.year(n, c_year, cells[c_year])
        ok, value = sheet.number(n, c_val, cells[c_val])
        if year is None or not ok:
            continue
        partner = cells[c_part].strip()
        iso = cells[c_iso].strip() if c_iso is not None else ""
        if c_pcode is not None and cells[c_pcode].strip() == "0":
            partner, iso = "World", "W00"
        out.append(Record(n, year, flow, cells[c_rep].strip() if c_rep is not None else "", partner, iso, value))
    return out


def _read_comtrade_plus(sheet: _Sheet) -> list[Record]:
    return _read_comtrade(sheet, _COMTRADE_PLUS)


def _read_comtrade_legacy(sheet: _Sheet) -> list[Record]:
    return _read_comtrade(sheet, _COMTRADE_LEGACY)


LAYOUTS: tuple[Layout, ...] = (
    Layout("IMF DOTS (time series CSV)",
           ("Country Name", "Indicator Code", "Counterpart Country Name", "Attribute"), _read_imf_series, None),
    Layout("IMF DOTS (panel CSV)", ("Country Name", "Counterpart Country Name", "Time Period"), _read_imf_panel,
           None),
    Layout("UN Comtrade (comtradeplus CSV)", ("refYear", "reporterDesc", "flowCode", "partnerDesc", "primaryValue"),
           _read_comtrade_plus, True),
    Layout("UN Comtrade (legacy CSV)", ("Year", "Trade Flow", "Reporter", "Partner", "Trade Value (US$)"),
           _read_comtrade_legacy, True),
)


# ------------------------------------------------------------------ reading


def _table(text: str, file: str, delimiter: str, max_rows: int) -> tuple[list[str], list[tuple[int, list[str]]],
                                                                         list[Problem]]:
    """Header and rows; a row with the wrong number of fields is a problem and is skipped, the rest is kept."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    n = 0
    for cells in reader:
        if header is None:
            if any(c.strip() for c in cells):
                header = [c.strip() for c in cells]
                # Some exports end every line with a delimiter: an unnamed empty last column.
                while header and header[-1] == "":
                    header.pop()
            continue
        if not any(c.strip() for c in cells):
            continue
        n += 1
        if n > max_rows:
            problems.append(Problem(file, n, None, f"more than {max_rows:,} data rows: only the first {max_rows:,} "
                                                   "were read", "file too long"))
            break
        while len(cells) > len(header) and cells[-1].strip() == "":
            cells = cells[:-1]
        if len(cells) != len(header):
            problems.append(Problem(file, n, None, f"row has {len(cells)} fields, the header has {len(header)}",
                                    delimiter.join(cells)[:80]))
            continue
        rows.append((n, cells))
    return header or [], rows, problems


def _closest(header: list[str]) -> tuple[Layout | None, Layout | None, list[str]]:
    """(layout, None, []) when one matches; else (None, nearest layout or None, its missing columns)."""
    have = {h.lower() for h in header}
    best: tuple[int, Layout] | None = None
    for layout in LAYOUTS:
        missing = [c for c in layout.required if c.lower() not in have]
        if not missing:
            return layout, None, []
        score = len(layout.required) - len(missing)
        if score and (best is None or score > best[0]):
            best = (score, layout)
    if best is None:
        return None, None, []
    return None, best[1], [c for c in best[1].required if c.lower() not in have]


def parse_upload(raw: bytes, file: str, *, names: Mapping[str, str] | None = None, max_bytes: int = MAX_BYTES,
                 max_rows: int = MAX_ROWS) -> Upload:
    """Parse an uploaded CSV into the composition table; raises DataError when nothing usable can be read.

    Problems with single cells or rows are collected in Upload.problems and those cells are left out (a
    missing value stays missing); the rest of the file is used. `names` gives the app's partner names.
    """
    if len(raw) > max_bytes:
        raise DataError([Problem(file, None, None, f"file is larger than the {max_bytes / 1024 / 1024:g} MB limit",
                                 f"{len(raw):,} bytes")])
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise DataError([Problem(file, None, None, "file is empty", "")])
    decoded = decode(raw, file, allow_legacy=True)
    notes = []
    if decoded.encoding == "cp1251":
        notes.append("The file is not UTF-8; it was read as Windows-1251 (cp1251). Check that names look right.")
    elif decoded.encoding == "utf-8-sig":
        notes.append("The file starts with a UTF-8 byte-order mark (BOM); it was removed.")
    elif decoded.encoding == "utf-16":
        notes.append("The file is UTF-16; it was read as such.")
    text = decoded.text.lstrip("\ufeff")
    delimiter = sniff_delimiter(text)
    if delimiter != ",":
        notes.append(f"Columns are separated by {'semicolons' if delimiter == ';' else 'tabs'}, not commas; "
                     + ("numbers may use a decimal comma." if delimiter == ";" else "read accordingly."))
    header, rows, problems = _table(text, file, delimiter, max_rows)
    if not header:
        raise DataError([Problem(file, None, None, "file is empty", "")])
    layout, nearest, missing = _closest(header)
    if layout is None:
        found = ", ".join(header)[:200]
        if nearest is None:
            raise DataError([Problem(
                file, None, None, "the header matches neither an IMF DOTS nor a UN Comtrade CSV export; expected "
                "e.g. 'Country Name, Indicator Code, Counterpart Country Name, Attribute, 2019, …' (IMF) or "
                "'refYear, reporterDesc, flowCode, partnerDesc, primaryValue' (UN Comtrade)", found)])
        raise DataError([Problem(file, None, m, f"required column of an {nearest.name} export is missing", found)
                         for m in missing])
    if not rows:
        raise DataError([*problems, Problem(file, None, None, "file has a header but no data rows", "")])
    sheet = _Sheet(file, header, rows, decimal_comma=delimiter == ";", problems=problems)
    records = layout.reader(sheet)
    problems = sheet.problems
    notes += [f"Left out {n:,} {what}." for what, n in sheet.skipped.items()]
    records, reporter, more = _one_reporter(records, file, header)
    problems += more
    records = _one_import_basis(records, notes)
    if not [r for r in records if r.value is not None]:
        raise DataError([*problems, Problem(file, None, None, "no usable annual export or import values found",
                                            layout.name)])
    long, more = _long(records, file, names or {})
    problems += more
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
    source = f"Your upload: {file} ({layout.name}, reporter {reporter})"
    table = derive_partner_table(long, sorted(set(long["year"])), {"exports": source, "imports": source},
                                 coverage_notes=False, names=_NAMES | dict(names or {}),
                                 gap_note="Not in the file for this year: a gap, not a zero.")
    table = typed(table, DOTS).astype({"year": int})
    return Upload(file, layout.name, decoded.encoding, delimiter, reporter, table, problems, notes)


def _one_reporter(records: list[Record], file: str, header: list[str]) -> tuple[list[Record], str, list[Problem]]:
    """Keep one reporter (Russia if present, else the most common); the others are reported, not mixed in."""
    counts = Counter(r.reporter for r in records)
    if len(counts) <= 1:
        return records, next(iter(counts), ""), []
    russian = [k for k in counts if k.strip().casefold() in ("russian federation", "russia")]
    keep = russian[0] if russian else counts.most_common(1)[0][0]
    column = next((h for h in header if h.lower() in ("country name", "reporterdesc", "reporter")), None)
    problems = [Problem(file, next(r.row for r in records if r.reporter == other), column,
                        f"the file holds several reporters; only {keep!r} is shown", other)
                for other in counts if other != keep]
    return [r for r in records if r.reporter == keep], keep, problems


def _one_import_basis(records: list[Record], notes: list[str]) -> list[Record]:
    """Imports c.i.f. are used; f.o.b. imports only when a file has no c.i.f. figures."""
    has_cif = any(r.flow == "imports_cif" for r in records)
    out = []
    for r in records:
        if r.flow == "imports_fob" and has_cif:
            continue
        if r.flow.startswith("imports"):
            r.flow = "imports"
        out.append(r)
    if has_cif:
        notes.append("Imports are the reporter's own c.i.f. figures (not a partner mirror).")
    elif any(r.flow == "imports" for r in out):
        notes.append("Imports are the reporter's own figures.")
    return out


def _long(records: list[Record], file: str, names: Mapping[str, str]) -> tuple[pd.DataFrame, list[Problem]]:
    problems = []
    seen: dict[tuple[int, str, str], int] = {}
    rows = []
    for r in records:
        pid = g.resolve_name(r.partner, r.iso3)
        key = (r.year, r.flow, pid)
        if key in seen:
            problems.append(Problem(file, r.row, None, f"second value for {r.flow} {r.year} {r.partner!r} "
                                    f"(first on row {seen[key]}); the first is used", r.partner))
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
