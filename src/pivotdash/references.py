"""What cites each paragraph of the paper (events, episodes, risks, errata), and the errata themselves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pivotdash import catalogue
from pivotdash.paper import Paper

KINDS = ("episode", "event", "risk", "erratum")


@dataclass(frozen=True)
class Citing:
    """One row of the data that cites a paragraph."""

    kind: str  # one of KINDS
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

    def add(ref: str, item: Citing) -> None:
        out.setdefault(ref, []).append(item)

    if episodes is not None:
        for ep in episodes.sort_values("start_year").itertuples():
            for ref in catalogue.listed(ep.paper_ref):
                add(ref, Citing("episode", str(ep.id), str(ep.name)))
    if events is not None:
        frame = events.sort_values(["start", "id"]) if "start" in events.columns else events
        for ev in frame.itertuples():
            date = str(getattr(ev, "date_label", ev.date))
            for ref in catalogue.listed(ev.paper_ref):
                add(ref, Citing("event", str(ev.id), str(ev.title), date))
    if risks is not None:
        for rk in risks.itertuples():
            for ref in catalogue.listed(rk.paper_ref):
                add(ref, Citing("risk", str(rk.id), str(rk.risk)))
    if errata is not None:
        for er in errata.itertuples():
            for ref in catalogue.listed(er.paper_ref):
                add(ref, Citing("erratum", str(er.id), str(er.paper_says)))
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
