"""An uploaded file's bytes to a header and rows: its encoding, its delimiter, fields too long or ragged."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from pivotdash.csvio import decode
from pivotdash.errors import DataError, Problem

# The encodings an analyst can choose when the guess is wrong (codec → label).
ENCODINGS: dict[str, str] = {
    "utf-8": "UTF-8",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1252": "Windows-1252 (Western European)",
    "utf-16": "UTF-16",
}
ENCODING_LABELS = ENCODINGS | {"utf-8-sig": "UTF-8 with a byte-order mark"}
DELIMITERS: dict[str, str] = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
FIELD_LIMIT = csv.field_size_limit()  # 131,072 characters unless raised: a longer field is a problem, not a crash
FOUND_CHARS = 80  # how much of a bad cell or row a problem quotes
_SAMPLE_LINES = 50


def clip(text: str, limit: int = FOUND_CHARS) -> str:
    """The start of a long value, saying how long it was (a problem table must stay small)."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


@dataclass(frozen=True)
class Text:
    """Decoded text and how it was read."""

    text: str
    encoding: str  # a codec name, e.g. "utf-8", "cp1251"
    chosen: bool  # True: the analyst chose the encoding; False: it was detected


def decode_upload(raw: bytes, file: str, encoding: str | None = None) -> Text:
    """Decode with the analyst's encoding, else detect it (UTF-8, UTF-16 with BOM, else Windows-1251)."""
    if encoding is None:
        decoded = decode(raw, file, allow_legacy=True)
        return Text(decoded.text.lstrip("\ufeff"), decoded.encoding, False)
    if encoding not in ENCODINGS:
        raise DataError([Problem(file, None, None, f"unknown encoding; choose one of {', '.join(ENCODINGS)}",
                                 encoding)])
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    try:
        return Text(raw.decode(codec).lstrip("\ufeff"), encoding, True)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(file, None, None, f"the file is not {ENCODINGS[encoding]}: undecodable bytes on "
                                 f"line {line}; choose another encoding", repr(raw[exc.start: exc.start + 8]))]
                        ) from None


def _widths(sample: str, delimiter: str) -> list[int]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    widths = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                widths.append(len(cells))
    except csv.Error:
        pass  # a runaway field: judge by the rows before it
    return widths


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number of fields (more than one), quotes respected.

    Counting characters in the header fails when quoted names hold commas ("Goods, Value of Exports, …" in a
    ';'-separated file); parsing the first lines with each candidate and keeping the one whose rows agree
    with the header does not.
    """
    lines = text.splitlines(keepends=True)[:_SAMPLE_LINES]
    sample = "".join(lines[:-1] if len(lines) == _SAMPLE_LINES else lines)  # the last may be cut
    best, score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        widths = _widths(sample, delimiter)
        if not widths or widths[0] < 2:
            continue
        agree = sum(w == widths[0] for w in widths) / len(widths)
        candidate = (round(agree * 20), widths[0])  # agreement first, then the number of columns
        if candidate > score:
            best, score = delimiter, candidate
    return best


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (1-based data row number, cells)
    problems: list[Problem]


def _header(cells: list[str]) -> list[str] | None:
    """The header row (None while lines are blank); trailing unnamed empty columns dropped, as some exports
    end every line with a delimiter."""
    if not any(c.strip() for c in cells):
        return None
    header = [c.strip() for c in cells]
    while header and header[-1] == "":
        header.pop()
    return header


def _trimmed(cells: list[str], width: int) -> list[str]:
    while len(cells) > width and cells[-1].strip() == "":
        cells = cells[:-1]
    return cells


def read_rows(text: str, file: str, delimiter: str, max_rows: int) -> Table:
    """Header and rows; a row with the wrong number of fields, or a field over the csv module's limit, is a
    problem naming its row and is skipped; the rest is kept."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    n = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            n += 1
            problems.append(Problem(
                file, n if header is not None else None, None,
                f"a field is longer than {FIELD_LIMIT:,} characters (an unterminated quote runs on, or one huge "
                f"cell): lines {start}–{reader.line_num} were left out",
                clip(str(exc))))
            continue
        if header is None:
            header = _header(cells)
            continue
        if not any(c.strip() for c in cells):
            continue
        n += 1
        if n > max_rows:
            problems.append(Problem(file, n, None, f"more than {max_rows:,} data rows: only the first {max_rows:,} "
                                                   "were read", "file too long"))
            break
        cells = _trimmed(cells, len(header))
        if len(cells) != len(header):
            problems.append(Problem(file, n, None, f"row has {len(cells)} fields, the header has {len(header)}",
                                    clip(delimiter.join(cells))))
            continue
        rows.append((n, cells))
    return Table(header or [], rows, problems)


def reading_notes(read: Text, delimiter: str) -> list[str]:
    """What the page says about how the file was read."""
    notes = []
    if read.chosen:
        notes.append(f"Read as {ENCODINGS[read.encoding]}, as chosen.")
    elif read.encoding == "cp1251":
        notes.append("The file is not UTF-8; it was read as Windows-1251 (cp1251). If names look wrong, choose "
                     "another encoding.")
    elif read.encoding == "utf-8-sig":
        notes.append("The file starts with a UTF-8 byte-order mark (BOM); it was removed.")
    elif read.encoding == "utf-16":
        notes.append("The file is UTF-16; it was read as such.")
    if delimiter != ",":
        notes.append(f"Columns are separated by {DELIMITERS[delimiter]}, not commas; "
                     + ("numbers may use a decimal comma." if delimiter == ";" else "read accordingly."))
    return notes
