"""Reading CSV bytes into all-text frames: encodings, delimiters and ragged rows, reported not guessed."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from pivotdash.errors import DataError, Problem


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


_ARCHIVES = (
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive (or an Excel workbook)"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
)


def decode(raw: bytes, file: str, *, allow_legacy: bool = False) -> Decoded:
    """Decode bytes: UTF-8 (with or without BOM) or UTF-16 with BOM; cp1251 only when allowed.

    Binary content (NUL bytes without a UTF-16 BOM) is refused with a precise problem.
    """
    for magic, kind in _ARCHIVES:
        if raw.startswith(magic):
            # Never unpacked: a small archive can expand to gigabytes (a "zip bomb").
            raise DataError([Problem(file, None, None, f"file is a {kind}, not CSV text; unpack it and upload "
                                     "the CSV inside", repr(raw[:8]))])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(raw.decode("utf-16"), "utf-16")
    if b"\x00" in raw[:4096]:
        raise DataError([Problem(file, None, None, "file is binary, not CSV text", repr(raw[:16]))])
    try:
        return Decoded(raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        if allow_legacy:
            return Decoded(raw.decode("cp1251"), "cp1251")
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [Problem(file, None, None, f"file must be UTF-8; undecodable byte on line {line}",
                     repr(raw[exc.start : exc.start + 8]))]
        ) from None


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the header line into the most fields."""
    header = text.split("\n", 1)[0]
    return max([",", ";", "\t"], key=header.count)


def read_text_table(text: str, file: str, *, delimiter: str = ",") -> pd.DataFrame:
    """Parse CSV text into a frame of strings; a row with the wrong number of fields is a problem."""
    if not text.strip():
        raise DataError([Problem(file, None, None, "file is empty", "")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as exc:
        # An unterminated quote (a file cut short) or a stray quote: the rest cannot be trusted.
        raise DataError(
            [Problem(file, max(reader.line_num - 1, 1), None, f"malformed CSV quoting: {exc}",
                     text.splitlines()[reader.line_num - 1][:80] if reader.line_num else "")]
        ) from None
    header = [h.strip() for h in rows[0]]
    problems: list[Problem] = []
    seen: set[str] = set()
    for h in header:
        if h in seen:
            problems.append(Problem(file, None, h, "column name appears twice in the header", h))
        seen.add(h)
    body = []
    for n, row in enumerate(rows[1:], start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(file, n, None, f"row has {len(row)} fields, header has {len(header)}", delimiter.join(row)[:80])
            )
            continue
        body.append([cell.strip() for cell in row])
    if problems:
        raise DataError(problems)
    return pd.DataFrame(body, columns=header, dtype=object)
