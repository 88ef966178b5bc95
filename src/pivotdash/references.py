"""What cites each paragraph of the paper (events, episodes, risks, errata), and the errata themselves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pivotdash import catalogue
from pivotdash.paper import Paper


@dataclass(frozen=True)
class Citing:
    """One row of the data that cites a paragraph."""

    kind: str  # episode, event, risk or erratum
    id: str
    label: str  # what the analyst reads: title, name or risk
    date: str = ""  # events: the date label


def cited_by(
    episodes: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    risks: pd.DataFrame | None = None,
    errata: pd.DataFrame | None = None,
) -> dict[str, list[Citing]]:
    """Paragraph (or footnote) id → the rows citing it in their paper_ref, episodes first, events by date.

    `events` may be the raw table or the event frame (filters.event_frame, which adds date labels).
    """
    out: dict[str, list[Citing]] = {}
    frame = None if events is None else (events.sort_values(["start", "id"]) if "start" in events.columns else events)
    tables = (
        (episodes.sort_values("start_year") if episodes is not None else None,
         lambda r: Citing("episode", str(r.id), str(r.name))),
        (frame, lambda r: Citing("event", str(r.id), str(r.title), str(getattr(r, "date_label", r.date)))),
        (risks, lambda r: Citing("risk", str(r.id), str(r.risk))),
        (errata, lambda r: Citing("erratum", str(r.id), str(r.paper_says))),
    )
    for table, cite in tables:
        for row in () if table is None else table.itertuples():
            for ref in catalogue.listed(row.paper_ref):
                out.setdefault(ref, []).append(cite(row))
    return out


def of_kind(items: list[Citing], kind: str) -> list[Citing]:
    return [c for c in items if c.kind == kind]


def sections(paper: Paper) -> list[tuple[str, list[str]]]:
    """The paper's sections in reading order, each with its paragraph ids."""
    out: list[tuple[str, list[str]]] = []
    for p in paper.paragraphs:
        if not out or out[-1][0] != p.section:
            out.append((p.section, []))
        out[-1][1].append(p.id)
    return out


def resolve(ref: str, paper: Paper) -> str | None:
    """A paragraph id as given (`p24`), the paragraph holding a footnote (`fn5` → `p9`), else None."""
    if ref in paper.paragraph_ids:
        return ref
    if ref.startswith("fn") and ref[2:].isdigit():
        number = int(ref[2:])
        for p in paper.paragraphs:
            if number in p.footnotes:
                return p.id
    return None


def load_errata(data_dir: Path, paragraph_ids: frozenset[str]) -> pd.DataFrame:
    """data/errata.csv, validated (every erratum names a paragraph of the paper and a public URL)."""
    return catalogue.load(catalogue.ERRATA, data_dir, paragraph_ids)
