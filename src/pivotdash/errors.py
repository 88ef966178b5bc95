"""The project's error types: one DataError carries every problem found in the data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of a data file."""

    file: str
    row: int | None  # 1-based data row (header excluded); None for file-level problems
    column: str | None
    rule: str
    found: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.rule} (found: {self.found!r})"


class PivotdashError(Exception):
    """Base class of every error the domain raises on purpose."""


class DataError(PivotdashError):
    """A data file (or upload) broke one or more rules; `problems` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in the data"
        super().__init__(head + ":\n" + "\n".join(f"- {p}" for p in self.problems))


class ExportUnavailable(PivotdashError):
    """A static export cannot run here (no Chrome/Chromium); the message names the fix."""
