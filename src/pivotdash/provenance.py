"""Where every data file comes from, and the data dictionary generated from the schema's FileSpecs."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pivotdash import schema
from pivotdash.risks import RISKS
from pivotdash.schema import FileSpec
from pivotdash.trade import schema as trade_schema

PAPER = "Chris Miller, “Will Russia's Pivot to Asia Last?”, Foreign Policy Research Institute, December 2019"
PROJECT_LICENCE = "CC BY 4.0 (pivotdash); quotations from the paper © FPRI, used with attribution"
TRADE_README = "data/trade/README.md"


@dataclass(frozen=True)
class Provenance:
    """How one data file came to be: its source, terms, vintage and derivation."""

    file: str  # path relative to data/
    source: str
    licence: str
    vintage: str
    derived: str


# One entry per file the app ships. A file missing here is reported on the Sources page and by a test.
PROVENANCE: tuple[Provenance, ...] = (
    Provenance(
        "episodes.csv", f"{PAPER}: the paragraphs named per row (paper_ref); years where the paper is vague "
        "from the public sources quoted in years_note.", PROJECT_LICENCE, "The paper: December 2019.",
        "Written by hand from the paper: one row per turn East it describes, its verdict close to the paper's words.",
    ),
    Provenance(
        "events.csv", f"{PAPER} (paper_ref) for every event it names; later events and exact dates from the "
        "public source named per row (source, source_url).", PROJECT_LICENCE,
        "The paper's events to 2019; later events as dated per row.",
        "Written by hand; date_note says why a date was chosen when the paper is vague or differs from the record.",
    ),
    Provenance(
        "flashpoints.csv", "Coordinates and facts from the public source named per row (source, source_url).",
        PROJECT_LICENCE, "As of each row's source.", "Written by hand; coordinates copied from the named source.",
    ),
    Provenance(
        "routes.csv", "Waypoints from the public source named per row (source, source_url).", PROJECT_LICENCE,
        "As of each row's source.", "Written by hand; coordinates copied from the named source.",
    ),
    Provenance(
        "errata.csv", f"{PAPER} (the words quoted in paper_says) against the public record named per row.",
        PROJECT_LICENCE, "Checked against the sources named per row.",
        "Written by hand where a statement of the paper and the historical record differ.",
    ),
    Provenance(
        "risks.csv", f"{PAPER}: its risks to the durability of Russia's pivot (paper_ref per row).",
        PROJECT_LICENCE, "The paper: December 2019; events bearing on each risk are dated in events.csv.",
        "Written by hand from the paper's sections on economic and geopolitical risks.",
    ),
    Provenance(
        "trade/published_figures.csv", "News reports and research notes quoting China's customs (GACC), "
        "Russia's Federal Customs Service and the OEC, named per row (source, source_url).",
        "Published figures, cited per row", "Figures for 2021–2025, published up to January 2026.",
        "Typed from each named publication; never joined to the DOTS series (different methods). "
        f"See {TRADE_README}.",
    ),
    Provenance(
        "trade/dots_russia_partners.csv", "International Monetary Fund, Direction of Trade Statistics (DOTS).",
        "Data © IMF; extracting, redistributing and deriving works allowed with attribution",
        "Annual data 1992–2020.", f"Derived by scripts/build_trade.py from the DOTS extract. See {TRADE_README}.",
    ),
    Provenance(
        "trade/dots_group_members.csv", "Partner groups (EU27, EU28, Japan and South Korea) over DOTS partners.",
        "CC BY 4.0 (pivotdash)", "EU membership as defined by the trade package.",
        f"Written by scripts/build_trade.py from the trade package's partner groups. See {TRADE_README}.",
    ),
    Provenance(
        "trade/ricardo_russia_history.csv", "RICardo historical trade database (Dedinger and Girard, 2017; "
        "dataset 2017.12, doi:10.5281/zenodo.1119592).", "Open Database License (ODbL 1.0), attributed",
        "Historical years from the RICardo extract (to 1938).",
        f"Derived by scripts/build_trade.py from the RICardo extract. See {TRADE_README}.",
    ),
    Provenance(
        "basemap/far_east_50m.geojson", "Natural Earth 1:50m country outlines, as shipped in the npm package "
        "world-atlas@2.0.2 (countries-50m.json).", "Public domain", "Natural Earth via world-atlas 2.0.2.",
        "Clipped to the Far East and converted to GeoJSON by scripts/build_basemap.py.",
    ),
)

DATA_SUFFIXES = (".csv", ".geojson", ".json")


def specs() -> tuple[FileSpec, ...]:
    """Every FileSpec the app validates: the core files, errata, risks, the trade tables and published figures."""
    return (*schema.ALL_FILES, RISKS, *trade_schema.TABLES, trade_schema.PUBLISHED)


def data_files(data_dir: Path) -> list[str]:
    """Data files under `data_dir`, as paths relative to it, sorted."""
    return sorted(
        p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES
    )


def count_rows(path: Path) -> int | None:
    """Data rows of a CSV (header excluded, blank lines skipped) or features of a GeoJSON; None if unreadable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if path.suffix == ".csv":
        rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
        return max(len(rows) - 1, 0)
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    return len(doc.get("features", [])) if isinstance(doc, dict) else None


def provenance_table(data_dir: Path) -> pd.DataFrame:
    """Every data file with its source, licence, vintage, rows (counted now) and how it was derived.

    Files in `data_dir` that PROVENANCE does not describe are listed with 'undocumented' so the gap shows.
    """
    known = {p.file: p for p in PROVENANCE}
    described = {s.name: s.description for s in specs()}
    rows = []
    for name in data_files(data_dir):
        p = known.get(name)
        rows.append({
            "file": f"data/{name}",
            "what": described.get(name, ""),
            "rows": count_rows(data_dir / name),
            "source": p.source if p else "undocumented",
            "licence": p.licence if p else "undocumented",
            "vintage": p.vintage if p else "",
            "derived": p.derived if p else "",
        })
    frame = pd.DataFrame(rows, columns=["file", "what", "rows", "source", "licence", "vintage", "derived"])
    return frame.astype({"rows": "Int64"})


def vocabulary(spec: FileSpec, column: str) -> dict[str, str]:
    """The ids (and labels) a column allows: the schema's vocabulary, or the trade package's for its files."""
    col = spec.column(column)
    if col.vocab is not None:
        return schema.VOCABULARIES[col.vocab]
    return trade_schema.VOCAB_COLUMNS.get(spec.name, {}).get(column, {})


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
    known = {p.file: p for p in PROVENANCE}
    out = [
        "# pivotdash data",
        "",
        "<!-- Generated by scripts/build_data_readme.py from pivotdash.schema, pivotdash.risks, "
        "pivotdash.trade.schema and pivotdash.provenance. Do not edit by hand: change the code and rerun. -->",
        "",
        "Plain CSV files (UTF-8, comma-separated, header row, RFC 4180 quoting). Multi-valued cells are "
        "`;`-separated with no spaces. A blank cell is an empty value. The app validates every file on load "
        "and reports every problem at once, naming the file, row, column, rule and the value found. "
        "Every row names its source: a paragraph of the paper (`paper_ref`) or a public source with a URL.",
        "",
        f"The paper: {PAPER}. Its paragraphs are numbered by the app's parser: `abstract`, then `p1`…`p49` "
        "in reading order; footnotes `fn1`…`fn29`. The Sources page shows the paper with these ids.",
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
    others = [p for p in PROVENANCE if p.file not in {s.name for s in (file_specs or specs())}]
    if others:
        out += ["## Other files", ""]
        for p in others:
            out += [f"### data/{p.file}", "", f"- Source: {p.source}", f"- Licence: {p.licence}",
                    f"- Vintage: {p.vintage}", f"- Derived: {p.derived}", ""]
    return "\n".join(out).rstrip() + "\n"
