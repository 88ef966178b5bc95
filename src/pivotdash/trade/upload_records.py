"""An upload's rows read by its layout into records: each number and year checked, each bad cell a problem."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from pivotdash.errors import Problem
from pivotdash.trade.upload_csv import clip
from pivotdash.trade.upload_layouts import IMF_FLOWS, Layout

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_SUB_ANNUAL = re.compile(r"^\d{4}-?[QM]\d+$")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")
_MISSING = {"", "..", "...", "…", "-", "–", "n/a", "na", "null"}  # not "nan": refused, as the core loader does
_NOT_FINITE = re.compile(r"^[-+]?(inf|infinity|nan)$", re.IGNORECASE)


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
class Sheet:
    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (1-based data row number, cells)
    decimal_comma: bool
    problems: list[Problem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def col(self, name: str) -> int | None:
        """Index of a column by case-insensitive name."""
        lowered = [h.lower() for h in self.header]
        return lowered.index(name.lower()) if name and name.lower() in lowered else None

    def cell(self, cells: list[str], name: str) -> str:
        i = self.col(name)
        return cells[i].strip() if i is not None else ""

    def number(self, row: int, index: int, text: str) -> tuple[bool, float | None]:
        """(ok, value): blank and '..' are missing values; text that is not a finite number is a problem."""
        value = text.strip()
        if value.lower() in _MISSING:
            return True, None
        number: float | None = None
        if _PLAIN.match(value):
            number = float(value)
        elif self.decimal_comma and _DECIMAL_COMMA.match(value):
            number = float(value.replace(".", "").replace(",", "."))
        elif _THOUSANDS.match(value):
            number = float(value.replace(",", ""))
        rule = None
        if number is None:
            rule = "must be a finite number" if _NOT_FINITE.match(value) else "must be a number"
            if self.decimal_comma and rule == "must be a number":
                rule += " (decimal comma allowed in ';'-separated files)"
        elif not math.isfinite(number):  # 1e309 overflows to infinity
            rule = "must be a finite number"
        elif number < 0:
            rule = "a trade value cannot be negative"
        if rule is not None:
            self.problems.append(Problem(self.file, row, self.header[index], rule, clip(text)))
            return False, None
        return True, number

    def year(self, row: int, index: int, text: str) -> int | None:
        value = text.strip()
        if not _YEAR.match(value):
            self.problems.append(Problem(self.file, row, self.header[index], "must be a year (YYYY)", clip(text)))
            return None
        return int(value)


def _code(text: str, with_labels: bool) -> tuple[str, str]:
    """(code, label) of a cell; 'RUS: Russian Federation' splits in two when the layout writes labels."""
    if with_labels and ": " in text:
        code, label = text.split(": ", 1)
        return code.strip(), label.strip()
    return text.strip(), text.strip()


def imf_flow(code: str, name: str = "") -> str | None:
    """exports / imports_cif / imports_fob for an IMF indicator code or name; None for other indicators."""
    found = next((flow for key, flow in IMF_FLOWS.items() if re.search(rf"\b{key}\b", code.upper())), None)
    if found:
        return found
    text = name.upper()
    if "EXPORTS" in text and ("FOB" in text or "FREE ON BOARD" in text):
        return "exports"
    if "IMPORTS" in text and ("CIF" in text or "COST, INSURANCE" in text):
        return "imports_cif"
    if "IMPORTS" in text and ("FOB" in text or "FREE ON BOARD" in text):
        return "imports_fob"
    return None


def _kept(sheet: Sheet, layout: Layout, cells: list[str]) -> bool:
    for test in layout.filters:
        i = sheet.col(test.column)
        if i is not None and _code(cells[i], layout.codes_with_labels)[0].upper() not in test.allowed:
            sheet.skipped[test.what] += 1
            return False
    return True


def _partner(sheet: Sheet, layout: Layout, cells: list[str]) -> tuple[str, str]:
    """(name, ISO3) of a row's partner; the layout's world codes become 'World'."""
    code, name = _code(sheet.cell(cells, layout.partner), layout.codes_with_labels)
    iso = _code(sheet.cell(cells, layout.partner_iso), layout.codes_with_labels)[0] if layout.partner_iso else ""
    marker = _code(sheet.cell(cells, layout.partner_code), False)[0] if layout.partner_code else iso
    if marker.upper() in layout.world_codes or code.upper() in layout.world_codes:
        return "World", "W00"
    return name, iso


def _reporter(sheet: Sheet, layout: Layout, cells: list[str]) -> str:
    return _code(sheet.cell(cells, layout.reporter), layout.codes_with_labels)[1]


def _read_year_columns(sheet: Sheet, layout: Layout) -> list[Record]:
    years = [(i, int(h)) for i, h in enumerate(sheet.header) if _YEAR.match(h.strip())]
    if not years:
        sheet.problems.append(Problem(sheet.file, None, None, "no annual columns (a header like '2019'); quarterly "
                                      "and monthly ones are not used", ", ".join(sheet.header[:12])))
    if any(_SUB_ANNUAL.match(h.strip()) for h in sheet.header):
        sheet.skipped["quarterly and monthly columns"] += 1
    out = []
    for n, cells in sheet.rows:
        if layout.attribute and sheet.cell(cells, layout.attribute).lower() != "value":
            sheet.skipped["rows whose Attribute is not 'Value' (e.g. Status)"] += 1
            continue
        flow = imf_flow(sheet.cell(cells, layout.flow), sheet.cell(cells, "Indicator Name"))
        if flow is None:
            sheet.skipped["rows of other indicators (e.g. trade balance)"] += 1
            continue
        partner, iso = _partner(sheet, layout, cells)
        for i, year in years:
            ok, value = sheet.number(n, i, cells[i])
            if ok:
                out.append(Record(n, year, flow, _reporter(sheet, layout, cells), partner, iso, value))
    return out


def _year_of(sheet: Sheet, layout: Layout, n: int, cells: list[str]) -> int | None:
    i = next((c for c in (sheet.col(name) for name in layout.year) if c is not None), None)
    assert i is not None  # a required column
    if _SUB_ANNUAL.match(cells[i].strip()):
        sheet.skipped["quarterly and monthly rows"] += 1
        return None
    return sheet.year(n, i, cells[i])


def _read_flow_columns(sheet: Sheet, layout: Layout) -> list[Record]:
    flows = [(i, f) for i, h in enumerate(sheet.header) if "(" in h and (f := imf_flow(h, h))]
    if not flows:
        sheet.problems.append(Problem(sheet.file, None, None, "no export or import column (e.g. one ending in "
                                      "'(TXG_FOB_USD)')", ", ".join(sheet.header)))
    out = []
    for n, cells in sheet.rows:
        year = _year_of(sheet, layout, n, cells)
        if year is None:
            continue
        partner, iso = _partner(sheet, layout, cells)
        for i, flow in flows:
            ok, value = sheet.number(n, i, cells[i])
            if ok:
                out.append(Record(n, year, flow, _reporter(sheet, layout, cells), partner, iso, value))
    return out


def _read_long(sheet: Sheet, layout: Layout) -> list[Record]:
    c_val = sheet.col(layout.value)
    assert c_val is not None  # a required column
    out = []
    for n, cells in sheet.rows:
        if not _kept(sheet, layout, cells):
            continue
        code = _code(sheet.cell(cells, layout.flow), layout.codes_with_labels)[0].upper()
        flow = layout.flows.get(code)
        if flow is None:
            sheet.skipped[f"rows of other flows ({clip(code, 20) or 'blank'})"] += 1
            continue
        year = _year_of(sheet, layout, n, cells)
        ok, value = sheet.number(n, c_val, cells[c_val])
        if year is None or not ok:
            continue
        partner, iso = _partner(sheet, layout, cells)
        out.append(Record(n, year, flow, _reporter(sheet, layout, cells), partner, iso, value))
    return out


READERS = {"year_columns": _read_year_columns, "flow_columns": _read_flow_columns, "long": _read_long}
