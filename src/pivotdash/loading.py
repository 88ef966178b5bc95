"""Loading and validating the data files: every problem in every file reported at once."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pivotdash import schema
from pivotdash.csvio import decode, read_text_table
from pivotdash.dates import parse_date
from pivotdash.errors import DataError, Problem
from pivotdash.schema import Column, FileSpec

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_REF = re.compile(r"^(abstract|p\d+|fn\d+)$")


@dataclass(frozen=True)
class Dataset:
    """The validated core data: all text columns as str, numbers parsed, dates kept as text."""

    episodes: pd.DataFrame
    events: pd.DataFrame
    flashpoints: pd.DataFrame
    routes: pd.DataFrame


def read_file(path: Path, spec: FileSpec) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one data file and check its own rules (not references to other files)."""
    label = spec.name
    if not path.exists():
        return None, [Problem(label, None, None, "file is missing", str(path))]
    try:
        text = decode(path.read_bytes(), label).text
        frame = read_text_table(text, label)
    except DataError as err:
        return None, err.problems
    problems = check_columns(frame, spec)
    if problems:
        return None, problems
    return frame, check_cells(frame, spec)


def check_columns(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    missing = [c for c in spec.column_names if c not in frame.columns and spec.column(c).required]
    return [Problem(spec.name, None, c, "required column is missing from the header", ", ".join(frame.columns))
            for c in missing]


def _cell_problem(value: str, col: Column) -> str | None:
    """The rule `value` breaks in `col`, or None."""
    if col.kind == "id":
        return None if _ID.match(value) else "id must be letters, digits, '_', '-', '.', ':' only"
    if col.kind in ("int", "float"):
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
    if col.kind == "date":
        try:
            parse_date(value)
        except ValueError as exc:
            return f"malformed or impossible date: {exc}"
        return None
    if col.kind == "url":
        return None if _URL.match(value) else "must be an http(s) URL"
    if col.kind in ("vocab", "multi_vocab"):
        assert col.vocab is not None
        allowed = schema.VOCABULARIES[col.vocab]
        items = value.split(";") if col.kind == "multi_vocab" else [value]
        bad = [i for i in items if i.strip() not in allowed]
        if bad:
            return f"unknown {col.vocab} {bad[0]!r}; allowed: {', '.join(allowed)}"
        return None
    if col.kind == "refs":
        bad = [r for r in value.split(";") if not _REF.match(r.strip())]
        return f"malformed paper reference {bad[0]!r}; expected abstract, p<n> or fn<n>" if bad else None
    return None


def check_cells(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    """Per-cell rules, duplicate ids, a source on every row, end not before start."""
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
                verdicts[value] = _cell_problem(value, col)
            rule = verdicts[value]
            if rule:
                problems.append(Problem(spec.name, n, col.name, rule, value))
    ids = [c for c in spec.id_columns if c in frame.columns]
    if ids:
        # Column-wise, not row-wise: iterrows/agg over 10,000 rows cost about a second each.
        keys = ["|".join(str(v) for v in row) for row in zip(*(frame[c].tolist() for c in ids), strict=True)]
        seen: set[str] = set()
        for n, key in enumerate(keys, start=1):
            if key in seen:
                problems.append(Problem(spec.name, n, "+".join(ids), "duplicate id", key))
            seen.add(key)
    present = [c for c in spec.source_columns if c in frame.columns]
    if present:
        for n, values in enumerate(zip(*(frame[c].tolist() for c in present), strict=True), start=1):
            if not any(str(v).strip() for v in values):
                problems.append(Problem(spec.name, n, "/".join(spec.source_columns),
                                        "row names no source (a paper paragraph or a URL)", ""))
    problems += _check_order(frame, spec)
    return problems


def _check_order(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    problems = []
    for start, end in (("start_year", "end_year"), ("date", "end_date")):
        if start not in frame.columns or end not in frame.columns:
            continue
        for n, (a, b) in enumerate(zip(frame[start], frame[end], strict=True), start=1):
            if not a or not b:
                continue
            try:
                before = (parse_date(b).end < parse_date(a).start) if start == "date" else int(b) < int(a)
            except ValueError:
                continue  # already reported as malformed
            if before:
                problems.append(Problem(spec.name, n, end, f"{end} is before {start} ({a})", b))
    return problems


def check_references(
    column: str, frame: pd.DataFrame, file: str, known: set[str] | frozenset[str], what: str, multi: bool = False
) -> list[Problem]:
    """Every non-blank value of `column` must name one of `known`."""
    problems = []
    for n, value in enumerate(frame[column], start=1):
        for item in (str(value).split(";") if multi else [str(value)]):
            item = item.strip()
            if item and item not in known:
                problems.append(Problem(file, n, column, f"does not resolve to any {what}", item))
    return problems


def load_dataset(data_dir: Path, paragraph_ids: frozenset[str]) -> Dataset:
    """Load episodes, events, flashpoints and routes; raise one DataError listing every problem."""
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for spec in schema.CORE_FILES:
        frame, found = read_file(data_dir / spec.name, spec)
        problems += found
        if frame is not None:
            frames[spec.name] = frame
    known_refs = paragraph_ids | {f"fn{i}" for i in range(1, 100)}
    episodes = frames.get("episodes.csv")
    events = frames.get("events.csv")
    flashpoints = frames.get("flashpoints.csv")
    for name, frame in frames.items():
        if "paper_ref" in frame.columns:
            problems += check_references("paper_ref", frame, name, known_refs, "paragraph of the paper", multi=True)
    if events is not None and episodes is not None:
        problems += check_references("episode_id", events, "events.csv", set(episodes["id"]), "episode in episodes.csv")
    if events is not None and flashpoints is not None:
        problems += check_references(
            "flashpoint_id", events, "events.csv", set(flashpoints["id"]), "flashpoint in flashpoints.csv"
        )
    if problems or episodes is None or events is None or flashpoints is None or "routes.csv" not in frames:
        raise DataError(problems)
    return Dataset(
        episodes=typed(episodes, schema.EPISODES),
        events=typed(events, schema.EVENTS),
        flashpoints=typed(flashpoints, schema.FLASHPOINTS),
        routes=typed(frames["routes.csv"], schema.ROUTE_POINTS),
    )


def typed(frame: pd.DataFrame, spec: FileSpec) -> pd.DataFrame:
    """Numbers as numbers (blank → missing), text as str; columns in the schema's order."""
    out = frame.copy()
    for col in spec.columns:
        if col.name not in out.columns:
            out[col.name] = ""
        if col.kind == "int":
            out[col.name] = pd.to_numeric(out[col.name].replace("", None)).astype("Int64")
        elif col.kind == "float":
            out[col.name] = pd.to_numeric(out[col.name].replace("", None)).astype(float)
        else:
            out[col.name] = out[col.name].astype(str)
    return out[list(spec.column_names) + [c for c in out.columns if c not in spec.column_names]]
