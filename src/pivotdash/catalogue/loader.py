"""One loader for every declared file: read, check every rule, resolve references, type; all problems at once."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

import pandas as pd

from pivotdash.catalogue import checks
from pivotdash.catalogue.files import spec as spec_named
from pivotdash.catalogue.spec import PAPER_TARGET, Column, FileSpec
from pivotdash.csvio import decode, read_text_table
from pivotdash.errors import DataError, Problem

Known = Mapping[str, Collection[str]]  # reference target ("<file>:<column>" or a name) → the ids it allows
FOOTNOTES = frozenset(f"fn{i}" for i in range(1, 100))


def _root_of(path: Path, spec: FileSpec) -> Path:
    return path.parents[len(Path(spec.name).parts) - 1]


def _outside(path: Path, root: Path) -> bool:
    """True when `path` (or a folder on its way) is a link leading out of `root`."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return True


def _file_problem(path: Path, spec: FileSpec, root: Path) -> Problem | None:
    """Why `path` cannot be read as the file `spec` declares, or None. Links out of data/ are never followed."""
    label = spec.name
    if _outside(path, root):
        target = os.readlink(path) if path.is_symlink() else str(path.resolve())
        return Problem(label, None, None, "symbolic link pointing outside data/ is refused (not followed)", target)
    if not path.exists():
        return Problem(label, None, None, "file is missing", str(path))
    if path.is_dir():
        return Problem(label, None, None, "is a directory, not a file", str(path))
    if not path.is_file():
        return Problem(label, None, None, "is not a regular file (a pipe or device?)", str(path))
    return None


def read_file(path: Path, spec: FileSpec, data_dir: Path | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one file as text and check its own rules (not references into other files)."""
    root = data_dir if data_dir is not None else _root_of(path, spec)
    problem = _file_problem(path, spec, root)
    if problem is not None:
        if spec.optional and problem.rule == "file is missing":
            return None, []
        return None, [problem]
    try:
        text = decode(path.read_bytes(), spec.name).text
        frame = read_text_table(text, spec.name)
    except DataError as err:
        return None, err.problems
    except OSError as exc:  # unreadable: permissions, a file replaced while read
        return None, [Problem(spec.name, None, None, f"file cannot be read: {exc.strerror}", str(path))]
    problems = checks.check_columns(frame, spec)
    if problems:
        return None, problems
    return frame, checks.check_cells(frame, spec) + checks.check_rows(frame, spec)


def _targets(spec: FileSpec, known: Known) -> list[str]:
    """The declared files `spec` refers into that the caller has not supplied ids for."""
    out = []
    for col in spec.columns:
        target = col.target
        if target and target != PAPER_TARGET and target not in known and ":" in target:
            out.append(target.split(":", 1)[0])
    return out


def _allowed(col: Column, frames: Mapping[str, pd.DataFrame], paragraph_ids: frozenset[str] | None,
             known: Known) -> Collection[str] | None:
    """The ids a referring column may name; None when they cannot be known (nothing to check against)."""
    target = col.target
    if target is None:
        return None
    if target in known:
        return known[target] or None  # an empty set means "not known": nothing is refused
    if target == PAPER_TARGET:
        return None if paragraph_ids is None else paragraph_ids | FOOTNOTES
    if ":" in target:
        file, column = target.split(":", 1)
        frame = frames.get(file)
        return set(frame[column]) if frame is not None and column in frame.columns else None
    return None


def check_refs(spec: FileSpec, frame: pd.DataFrame, frames: Mapping[str, pd.DataFrame],
               paragraph_ids: frozenset[str] | None, known: Known) -> list[Problem]:
    problems = []
    for col in spec.columns:
        if col.target is None or col.name not in frame.columns:
            continue
        allowed = _allowed(col, frames, paragraph_ids, known)
        if allowed is None:
            continue
        what = "paragraph of the paper" if col.target == PAPER_TARGET else col.target
        rule = col.unresolved or f"does not resolve to any {what}"
        problems += [Problem(p.file, p.row, p.column, rule, p.found)
                     for p in checks.check_references(col.name, frame, spec.name, allowed, what, multi=col.multi)]
    return problems


def check(
    specs: Iterable[FileSpec], data_dir: Path, paragraph_ids: frozenset[str] | None = None, known: Known | None = None
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read and check `specs` (and the files they refer into): the all-text frames that read, every problem."""
    known = dict(known or {})
    wanted = list(specs)
    for s in list(wanted):
        wanted += [spec_named(f) for f in _targets(s, known) if f not in {w.name for w in wanted}]
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for s in wanted:
        frame, found = read_file(data_dir / s.name, s, data_dir)
        problems += found
        if frame is not None:
            frames[s.name] = frame
    for s in wanted:
        if s.name in frames:
            problems += check_refs(s, frames[s.name], frames, paragraph_ids, known)
    return frames, problems


def typed(frame: pd.DataFrame, spec: FileSpec) -> pd.DataFrame:
    """Numbers as numbers (blank → missing), lists as tuples, text as str; columns in the declared order."""
    out = frame.copy()
    for col in spec.columns:
        if col.name not in out.columns:
            out[col.name] = ""
        values = out[col.name]
        if col.kind == "int":
            numbers = pd.to_numeric(values.replace("", None)).astype("Int64")
            out[col.name] = numbers.astype(int) if col.required else numbers
        elif col.kind == "float":
            out[col.name] = pd.to_numeric(values.replace("", None)).astype(float)
        elif col.multi:
            out[col.name] = pd.Series([checks.items(str(v)) for v in values], index=out.index, dtype=object)
        else:
            out[col.name] = values.astype(str)
    return out[list(spec.column_names) + [c for c in out.columns if c not in spec.column_names]]


def _spec(name_or_spec: str | FileSpec) -> FileSpec:
    return spec_named(name_or_spec) if isinstance(name_or_spec, str) else name_or_spec


def load_all(
    names: Iterable[str | FileSpec], data_dir: Path, paragraph_ids: frozenset[str] | None = None,
    known: Known | None = None,
) -> dict[str, pd.DataFrame]:
    """The named files, typed, keyed by name; one DataError listing every problem in all of them."""
    specs = [_spec(n) for n in names]
    frames, problems = check(specs, data_dir, paragraph_ids, known)
    missing = [s for s in specs if s.name not in frames and not s.optional]
    if problems or missing:
        raise DataError(problems)
    return {s.name: typed(frames[s.name], s) for s in specs if s.name in frames}


def load(
    name_or_spec: str | FileSpec, data_dir: Path, paragraph_ids: frozenset[str] | None = None,
    known: Known | None = None,
) -> pd.DataFrame:
    """One declared file, typed; DataError listing every problem (its references resolved too)."""
    spec = _spec(name_or_spec)
    return load_all([spec], data_dir, paragraph_ids, known)[spec.name]


def load_rows(
    name_or_spec: str | FileSpec, data_dir: Path, paragraph_ids: frozenset[str] | None = None,
    known: Known | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A file whose bad rows are left out (spec.drop_bad_rows): (its good rows typed, or None; every problem).

    An optional file that is absent gives (None, []). Problems in files it refers into are not its own:
    they leave the reference unchecked here and are reported where those files are loaded.
    """
    spec = _spec(name_or_spec)
    frames, problems = check([spec], data_dir, paragraph_ids, known)
    problems = [p for p in problems if p.file == spec.name]
    frame = frames.get(spec.name)
    if frame is None:
        return None, problems
    bad = {p.row for p in problems if p.row is not None}
    keep = [n not in bad for n in range(1, len(frame) + 1)]
    return typed(frame[keep], spec).reset_index(drop=True), problems
