"""The catalogue in words: the provenance table, the data dictionary and data/README.md."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd

from pivotdash import catalogue, schema
from pivotdash.catalogue import PAPER, PROJECT_LICENCE, TRADE_README, FileSpec, Provenance

__all__ = ["GRADE_COLUMNS", "PAPER", "PROJECT_LICENCE", "PROVENANCE", "TRADE_README", "data_dictionary",
           "grade_counts", "grade_totals", "provenance_table", "readme_markdown", "specs"]

PROVENANCE: tuple[tuple[str, Provenance], ...] = tuple(
    (s.name, s.provenance) for s in catalogue.CATALOGUE if s.provenance is not None
)
DATA_SUFFIXES = (".csv", ".geojson", ".json")
REFUSED_LINK = "symbolic link pointing outside data/ (refused, not read)"
UNGRADED = "not graded"
# The provenance table's count of cited sources of each grade (schema.SOURCE_GRADES), then those without one.
GRADE_COLUMNS: tuple[str, ...] = (*schema.SOURCE_GRADES, UNGRADED)


def specs() -> tuple[FileSpec, ...]:
    """Every tabular file the catalogue declares (the basemap aside): core files, errata, risks, trade tables."""
    return catalogue.TABLES


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def data_files(data_dir: Path) -> list[str]:
    """Data files under `data_dir`, as paths relative to it, sorted; links out of it are listed, never read."""
    return sorted(
        p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*")
        if p.suffix in DATA_SUFFIXES and (p.is_symlink() or p.is_file())
    )


def _csv_rows(text: str) -> list[list[str]]:
    return [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]


def grade_counts(path: Path) -> dict[str, int] | None:
    """How many URLs a CSV's `source_url` cells cite of each grade (its `source_grade`, one per URL, in order).

    A URL whose grade is missing or not a known grade counts as 'not graded' (the loader names the cell). None
    when the file has no source_url column or cannot be read.
    """
    try:
        rows = _csv_rows(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    if not rows or "source_url" not in rows[0]:
        return None
    header = rows[0]
    url_at, grade_at = header.index("source_url"), header.index("source_grade") if "source_grade" in header else None
    counts = dict.fromkeys(GRADE_COLUMNS, 0)
    for row in rows[1:]:
        urls = catalogue.items(row[url_at]) if url_at < len(row) else ()
        grades = catalogue.items(row[grade_at]) if grade_at is not None and grade_at < len(row) else ()
        for n in range(len(urls)):
            grade = grades[n] if n < len(grades) and len(grades) == len(urls) else UNGRADED
            counts[grade if grade in schema.SOURCE_GRADES else UNGRADED] += 1
    return counts


def grade_totals(table: pd.DataFrame) -> dict[str, int]:
    """The provenance table's grade counts summed over every file."""
    return {g: int(table[g].fillna(0).sum()) for g in GRADE_COLUMNS}


def count_rows(path: Path) -> int | None:
    """Data rows of a CSV (header excluded, blank lines skipped) or features of a GeoJSON; None if unreadable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if path.suffix == ".csv":
        return max(len(_csv_rows(text)) - 1, 0)
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    return len(doc.get("features", [])) if isinstance(doc, dict) else None


def provenance_table(data_dir: Path) -> pd.DataFrame:
    """Every data file with its source, licence, vintage, rows (counted now), how it was derived, and how many
    of the sources its rows cite are of each grade (blank for a file without source_url).

    Files in `data_dir` that PROVENANCE does not describe are listed with 'undocumented' so the gap shows.
    """
    known = dict(PROVENANCE)
    described = {s.name: s.description for s in catalogue.CATALOGUE}
    rows = []
    for name in data_files(data_dir):
        p = known.get(name)
        inside = _inside(data_dir / name, data_dir)
        grades = grade_counts(data_dir / name) if inside and name.endswith(".csv") else None
        rows.append({
            "file": f"data/{name}",
            "what": described.get(name, "") if inside else REFUSED_LINK,
            "rows": count_rows(data_dir / name) if inside else None,
            "source": p.source if p else "undocumented",
            "licence": p.licence if p else "undocumented",
            "vintage": p.vintage if p else "",
            "derived": p.derived if p else "",
            **{g: (grades or {}).get(g) for g in GRADE_COLUMNS},
        })
    columns = ["file", "what", "rows", *GRADE_COLUMNS, "source", "licence", "vintage", "derived"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"rows": "Int64", **dict.fromkeys(GRADE_COLUMNS, "Int64")})


def vocabulary(spec: FileSpec, column: str) -> dict[str, str]:
    """The ids (and labels) a column allows: its vocabulary in pivotdash.schema, else none."""
    col = spec.column(column)
    return schema.VOCABULARIES[col.vocab] if col.vocab is not None else {}


def data_dictionary(file_specs: tuple[FileSpec, ...] | None = None) -> pd.DataFrame:
    """One row per column of every FileSpec: file, column, kind, required, vocabulary, range, description."""
    rows = []
    for spec in file_specs or specs():
        for col in spec.columns:
            bounded = col.min_value is not None and col.max_value is not None
            bounds = f"{col.min_value:g} to {col.max_value:g}" if bounded else ""
            rows.append({
                "file": f"data/{spec.name}",
                "column": col.name,
                "kind": col.kind,
                "required": col.required,
                "vocabulary": ", ".join(vocabulary(spec, col.name)),
                "range": bounds,
                "description": col.description,
            })
    return pd.DataFrame(rows, columns=["file", "column", "kind", "required", "vocabulary", "range", "description"])


_KIND_WORDS = {
    "id": "id (letters, digits, `_ - . :`)",
    "text": "text",
    "int": "integer",
    "float": "number",
    "date": "date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "vocab": "one id of a vocabulary",
    "multi_vocab": "ids of a vocabulary, `;`-separated",
    "url": "http(s) URL",
    "refs": "paper paragraph ids (`abstract`, `p1`…`p49`, `fn1`…), `;`-separated",
    "ref": "id of a row in another file",
}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def readme_markdown(file_specs: tuple[FileSpec, ...] | None = None) -> str:
    """data/README.md: the data contract in prose and tables, generated from the FileSpecs and PROVENANCE."""
    known = dict(PROVENANCE)
    out = [
        "# pivotdash data",
        "",
        "<!-- Generated by scripts/build_data_readme.py from pivotdash.catalogue (files, columns, rules, "
        "provenance) and pivotdash.schema (vocabularies). Do not edit by hand: change the code and rerun. -->",
        "",
        "Plain CSV files (UTF-8, comma-separated, header row, RFC 4180 quoting). Multi-valued cells are "
        "`;`-separated with no spaces. A blank cell is an empty value. The app validates every file on load "
        "and reports every problem at once, naming the file, row, column, rule and the value found. "
        "Every row names its source: a paragraph of the paper (`paper_ref`) or a public source with a URL.",
        "",
        f"The paper: {PAPER}. Its paragraphs are numbered by the app's parser: `abstract`, then `p1`…`p49` "
        "in reading order; footnotes `fn1`…`fn29`. The Sources page shows the paper with these ids.",
        "",
        "Source grades: every row that cites a URL says in `source_grade` what kind of work that page is, "
        "judged per page, not per host (a university's site carries treaty texts and essays alike): `primary` "
        "(the actors' own documents: treaty and speech texts, official records, statistics, a company's "
        "announcement), `scholarly` (journals, university presses, books, research institutes' studies, a "
        "government historian's study), `reference` (encyclopaedias such as Wikipedia and Britannica, "
        "gazetteers, data portals compiled from others' statistics), `news` (a newsroom or agency, including a "
        "site carrying an agency's story, whose `source` names the agency) and `other` (law-firm alerts, "
        "societies, hobby and course pages, user-edited maps). Where a row's URLs are `;`-separated, the grades "
        "are too, one per URL. The Sources page counts them per file and in all.",
        "",
        "Eras derive from dates and are never a column: Imperial Russia (before 1917), Soviet Union "
        "(1917–1991), Russian Federation (from 1992).",
        "",
        f"Trade tables: see [trade/README.md](trade/README.md) ({TRADE_README}) for how they are built from the "
        "IMF DOTS and RICardo extracts, and their licences.",
        "",
        "## Vocabularies",
        "",
    ]
    for name, vocab in schema.VOCABULARIES.items():
        out.append(f"- **{name}**: " + "; ".join(f"`{k}` ({v})" for k, v in vocab.items()))
    out.append("")
    for spec in file_specs or specs():
        p = known.get(spec.name)
        out += [f"## data/{spec.name}", "", spec.description, ""]
        if p:
            out += [f"- Source: {p.source}", f"- Licence: {p.licence}", f"- Vintage: {p.vintage}",
                    f"- Derived: {p.derived}"]
        keys = " + ".join(f"`{c}`" for c in spec.id_columns)
        out.append(f"- Unique key: {keys}")
        if spec.source_columns:
            out.append("- Each row names a source in at least one of: "
                       + ", ".join(f"`{c}`" for c in spec.source_columns))
        out += ["", "| column | kind | required | vocabulary / range | description |", "|---|---|---|---|---|"]
        for col in spec.columns:
            extra = f"`{col.vocab}`" if col.vocab else ", ".join(f"`{k}`" for k in vocabulary(spec, col.name))
            if col.min_value is not None and col.max_value is not None:
                extra = f"{col.min_value:g} to {col.max_value:g}"
            out.append(f"| `{col.name}` | {_KIND_WORDS.get(col.kind, col.kind)} | "
                       f"{'yes' if col.required else 'no'} | {extra} | {_cell(col.description)} |")
        out.append("")
    others = [(f, p) for f, p in PROVENANCE if f not in {s.name for s in (file_specs or specs())}]
    if others:
        out += ["## Other files", ""]
        for f, p in others:
            out += [f"### data/{f}", "", f"- Source: {p.source}", f"- Licence: {p.licence}",
                    f"- Vintage: {p.vintage}", f"- Derived: {p.derived}", ""]
    return "\n".join(out).rstrip() + "\n"
