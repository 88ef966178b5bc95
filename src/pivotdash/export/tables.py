"""CSV export that spreadsheet apps cannot turn into formulas."""

from __future__ import annotations

import re

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number written as text ("-3.5", "+2e3") cannot run as a formula: it stays a number.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would execute with a quote; leave numbers alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells (and column names) are safe to open in a spreadsheet."""
    out = frame.copy()
    out.columns = [str(neutralise_cell(str(c))) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    return out


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes of `frame` with formula-like text neutralised and numbers kept numeric."""
    # CRLF line ends (RFC 4180) make the writer quote any cell holding a bare CR, which a
    # spreadsheet would otherwise read as the start of a new row.
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")
