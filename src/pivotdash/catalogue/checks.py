"""The catalogue's rules: per cell, per file and across files, each problem naming file, row, column and value."""

from __future__ import annotations

import math
import re
from collections.abc import Collection

import pandas as pd

from pivotdash import schema
from pivotdash.catalogue.spec import Column, FileSpec
from pivotdash.dates import parse_date
from pivotdash.errors import Problem

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_REF = re.compile(r"^(abstract|p\d+|fn\d+)$")
NON_EMPTY = "non-empty: the file has a header but no data rows"


def items(value: str) -> tuple[str, ...]:
    """The items of a ';'-separated cell, stripped, blanks dropped."""
    return tuple(v.strip() for v in value.split(";") if v.strip())


def listed(value: object) -> tuple[str, ...]:
    """A loaded ';'-list cell (the loader makes it a tuple of str), typed for its readers; else empty."""
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()


def check_columns(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    missing = [c for c in spec.column_names if c not in frame.columns and spec.column(c).required]
    return [Problem(spec.name, None, c, "required column is missing from the header", ", ".join(frame.columns))
            for c in missing]


def _number_problem(value: str, col: Column) -> str | None:
    try:
        num = int(value) if col.kind == "int" else float(value)
    except ValueError:
        return f"must be a{'n integer' if col.kind == 'int' else ' number'}"
    too_low = col.min_value is not None and num < col.min_value
    too_high = col.max_value is not None and num > col.max_value
    if not math.isfinite(num):
        if col.min_value is None or col.max_value is None:
            return "must be a finite number"
        too_low = True  # NaN and infinities are outside every range
    if too_low or too_high:
        return f"must be between {col.min_value:g} and {col.max_value:g}"
    return None


def _vocab_problem(value: str, col: Column) -> str | None:
    assert col.vocab is not None
    allowed = schema.VOCABULARIES[col.vocab]
    found = value.split(";") if col.kind == "multi_vocab" else [value]
    bad = [i for i in found if i.strip() not in allowed]
    return f"unknown {col.vocab} {bad[0]!r}; allowed: {', '.join(allowed)}" if bad else None


def _date_problem(value: str) -> str | None:
    try:
        parse_date(value)
    except ValueError as exc:
        return f"malformed or impossible date: {exc}"
    return None


def cell_problem(value: str, col: Column) -> str | None:
    """The rule `value` breaks in `col`, or None."""
    if col.kind == "id":
        return None if _ID.match(value) else "id must be letters, digits, '_', '-', '.', ':' only"
    if col.kind in ("int", "float"):
        return _number_problem(value, col)
    if col.kind == "date":
        return _date_problem(value)
    if col.kind == "url":
        urls = items(value) if col.listed else (value,)
        bad = [u for u in urls if not _URL.match(u)]
        return None if not bad else "must be an http(s) URL" + (f" (not {bad[0]!r})" if col.listed else "")
    if col.kind in ("vocab", "multi_vocab"):
        return _vocab_problem(value, col)
    if col.kind == "refs":
        bad = [r for r in value.split(";") if not _REF.match(r.strip())]
        return f"malformed paper reference {bad[0]!r}; expected abstract, p<n> or fn<n>" if bad else None
    return None


def check_cells(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    """Per-cell rules: required values present, each value of the column's kind, vocabulary and range."""
    problems: list[Problem] = []
    for col in spec.columns:
        if col.name not in frame.columns:
            continue
        verdicts: dict[str, str | None] = {}  # values repeat (dates, vocabularies): check each one once
        for n, value in enumerate(frame[col.name].tolist(), start=1):
            value = str(value)
            if not value:
                if col.required:
                    problems.append(Problem(spec.name, n, col.name, "required value is blank", value))
                continue
            if col.kind == "text":
                continue  # free text has no rule beyond being present
            if value not in verdicts:
                verdicts[value] = cell_problem(value, col)
            rule = verdicts[value]
            if rule:
                problems.append(Problem(spec.name, n, col.name, rule, value))
    return problems


def check_rows(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    """Whole-file rules: non-empty, unique ids, a source on every row, end not before start, the file's checks."""
    if spec.non_empty and frame.empty:
        return [Problem(spec.name, None, None, NON_EMPTY, "0 rows")]
    problems = _check_unique(frame, spec) + _check_sources(frame, spec) + _check_order(frame, spec)
    for check in spec.checks:
        problems += check(frame, spec.name)
    return problems


def _check_unique(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    ids = [c for c in spec.id_columns if c in frame.columns]
    if not ids:
        return []
    problems = []
    # Column-wise, not row-wise: iterrows/agg over 10,000 rows cost about a second each.
    keys = ["|".join(str(v) for v in row) for row in zip(*(frame[c].tolist() for c in ids), strict=True)]
    seen: set[str] = set()
    for n, key in enumerate(keys, start=1):
        if key in seen:
            problems.append(Problem(spec.name, n, "+".join(ids), "duplicate id", key))
        seen.add(key)
    return problems


def _check_sources(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    present = [c for c in spec.source_columns if c in frame.columns]
    if not present:
        return []
    return [Problem(spec.name, n, "/".join(spec.source_columns), "row names no source (a paper paragraph or a URL)", "")
            for n, values in enumerate(zip(*(frame[c].tolist() for c in present), strict=True), start=1)
            if not any(str(v).strip() for v in values)]


def _before(start: str, a: str, b: str) -> bool:
    try:
        return (parse_date(b).end < parse_date(a).start) if start == "date" else int(b) < int(a)
    except ValueError:
        return False  # already reported as malformed


def _check_order(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    problems = []
    for start, end in spec.order:
        if start not in frame.columns or end not in frame.columns:
            continue
        for n, (a, b) in enumerate(zip(frame[start], frame[end], strict=True), start=1):
            if a and b and _before(start, a, b):
                problems.append(Problem(spec.name, n, end, f"{end} is before {start} ({a})", b))
    return problems


def check_references(
    column: str, frame: pd.DataFrame, file: str, known: Collection[str], what: str, multi: bool = False
) -> list[Problem]:
    """Every non-blank value (each item, for lists) of `column` must name one of `known`."""
    problems = []
    for n, value in enumerate(frame[column], start=1):
        for item in (str(value).split(";") if multi else [str(value)]):
            item = item.strip()
            if item and item not in known:
                problems.append(Problem(file, n, column, f"does not resolve to any {what}", item))
    return problems


# --- per-file checks, named on their FileSpec ---------------------------------------------------------------

def dots_shares_and_world(frame: pd.DataFrame, file: str) -> list[Problem]:
    """A share needs its value; every flow and year needs its World total."""
    problems = []
    for n, (value, share) in enumerate(zip(frame["value_usd_mn"], frame["share_pct"], strict=True), start=1):
        if bool(value) != bool(share):
            problems.append(Problem(file, n, "share_pct", "share and value must both be given or both blank",
                                    f"value={value!r}, share={share!r}"))
    world = frame[(frame["partner"] == "world") & (frame["value_usd_mn"] != "")]
    for flow in sorted(set(frame["flow"])):
        have = set(world[world["flow"] == flow]["year"])
        for year in sorted(set(frame[frame["flow"] == flow]["year"]) - have):
            problems.append(Problem(file, None, "partner", f"no World total for {flow} {year}", ""))
    return problems


def shares_at_most_100(frame: pd.DataFrame, file: str) -> list[Problem]:
    """A published share (metric share_pct) lies between 0 and 100."""
    problems = []
    for n, (metric, value) in enumerate(zip(frame["metric"], frame["value"], strict=True), start=1):
        try:
            too_big = metric == "share_pct" and float(value) > 100
        except ValueError:
            too_big = False  # already reported as not a number
        if too_big:
            problems.append(Problem(file, n, "value", "a share must be between 0 and 100", value))
    return problems


def sources_paired(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Listed `source` and `source_url` cells name as many sources as URLs, in the same order."""
    problems = []
    for n, (names, urls) in enumerate(zip(frame["source"], frame["source_url"], strict=True), start=1):
        if len(items(str(names))) != len(items(str(urls))):
            problems.append(Problem(file, n, "source_url", "one URL for each ';'-separated source",
                                    f"{len(items(str(names)))} source(s), {len(items(str(urls)))} URL(s)"))
    return problems


def graded(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Every URL in `source_url` has its grade in `source_grade`, in the same order; no grade without a URL."""
    if "source_grade" not in frame.columns:
        return [Problem(file, None, "source_grade", "required column is missing from the header",
                        ", ".join(frame.columns))]
    problems = []
    for n, (urls, grades) in enumerate(zip(frame["source_url"], frame["source_grade"], strict=True), start=1):
        n_urls, n_grades = len(items(str(urls))), len(items(str(grades)))
        if n_urls != n_grades:
            problems.append(Problem(file, n, "source_grade", "one grade for each source_url "
                                    "(primary, scholarly, reference, news or other)",
                                    f"{n_urls} URL(s), {n_grades} grade(s): {grades!r}"))
    return problems
