"""The declaration types of the catalogue: a column, a file, and how the file came to be."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from pivotdash.errors import Problem

Kind = Literal["id", "text", "int", "float", "date", "vocab", "multi_vocab", "url", "refs", "ref"]
# A whole-file rule: the all-text frame and the file's name in → the problems it finds.
FileCheck = Callable[[pd.DataFrame, str], list[Problem]]

PAPER_TARGET = "paper"  # `refers` of paper_ref columns: paragraph ids of the paper (and footnotes)


@dataclass(frozen=True)
class Column:
    """One column: its kind, whether it must be filled, its vocabulary or range, what it refers to."""

    name: str
    kind: Kind
    required: bool = True
    vocab: str | None = None  # key of schema.VOCABULARIES for vocab / multi_vocab columns
    description: str = ""
    min_value: float | None = None
    max_value: float | None = None
    # What each value must name: "<file>:<column>" of another declared file, PAPER_TARGET, or a name the
    # caller supplies (`known=`); None when the column refers to nothing.
    refers: str | None = None
    unresolved: str = ""  # the rule a value that names nothing in `refers` breaks
    listed: bool = False  # a ';'-separated list of free text (leaders, countries): loaded as a tuple

    @property
    def multi(self) -> bool:
        """Cells hold ';'-separated lists, loaded as tuples of str."""
        return self.listed or self.kind in ("multi_vocab", "refs")

    @property
    def target(self) -> str | None:
        return PAPER_TARGET if self.kind == "refs" and self.refers is None else self.refers


@dataclass(frozen=True)
class Provenance:
    """How one data file came to be: its source, terms, citation keys, vintage and derivation."""

    source: str
    licence: str
    vintage: str
    derived: str
    cites: tuple[str, ...] = ()  # keys of pivotdash.export.citations.ALL


@dataclass(frozen=True)
class FileSpec:
    """One data file, declared once: path under data/, columns, whole-file rules and provenance."""

    name: str  # path relative to data/
    description: str
    columns: tuple[Column, ...]
    provenance: Provenance | None = None
    id_columns: tuple[str, ...] = ("id",)  # together unique
    source_columns: tuple[str, ...] = ("source_url",)  # at least one must be set on every row
    order: tuple[tuple[str, str], ...] = ()  # (start, end) pairs: end never before start
    checks: tuple[FileCheck, ...] = ()  # per-file rules beyond the cells
    non_empty: bool = True  # a header with no rows is a problem
    optional: bool = False  # absent is not a problem (the loader returns no frame)
    drop_bad_rows: bool = False  # problems leave their rows out instead of refusing the file
    fmt: Literal["csv", "geojson"] = "csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def multi_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.multi)
