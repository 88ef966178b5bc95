"""The paper's risks to today's pivot (data/risks.csv): loading, and the events that bear on each."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pivotdash import catalogue, schema
from pivotdash.catalogue import RISK_STATUS, RISKS
from pivotdash.catalogue.files import INDICATORS as INDICATOR_IDS
from pivotdash.indicators import INDICATORS

# The paper is dated December 2019: events from then on are "since the paper".
PAPER_DATE = dt.date(2019, 12, 1)
_BEARS_ON = re.compile(r"bears on:\s*(.*)", re.I | re.S)


def load_risks(data_dir: Path, paragraph_ids: frozenset[str]) -> pd.DataFrame:
    """Read data/risks.csv; raise one DataError listing every problem (paragraphs and indicators checked)."""
    return catalogue.load(RISKS, data_dir, paragraph_ids, known={INDICATOR_IDS: frozenset(INDICATORS)})


def bears_on(note: str) -> list[str]:
    """The risks an event's date_note names: 'bears on: economic foundations (p35); ideological glue (p41). …'.

    Each phrase is lower-cased, without its paragraph list or trailing explanation.
    """
    m = _BEARS_ON.search(str(note))
    if not m:
        return []
    rest = re.split(r"\.(\s|$)", m.group(1), maxsplit=1)[0]  # the sentence after 'bears on:'
    phrases = []
    for item in rest.split(";"):
        phrase = re.split(r"[(:]", item, maxsplit=1)[0].strip().casefold()
        if phrase:
            phrases.append(phrase)
    return phrases


def since_paper(events: pd.DataFrame) -> pd.DataFrame:
    """Events (from filters.event_frame) dated December 2019 or later."""
    return events[events["start"] >= pd.Timestamp(PAPER_DATE)]


@dataclass(frozen=True)
class EventLink:
    id: str
    date_label: str
    title: str
    why: str  # "date note" when the event's date_note names the risk, else "listed in risks.csv"


@dataclass(frozen=True)
class RiskCard:
    """One risk as the checklist shows it."""

    id: str
    risk: str
    paper_argues: str
    refs: tuple[str, ...]
    indicators: tuple[str, ...]
    events: tuple[EventLink, ...]
    missing_events: tuple[str, ...]  # listed ids that events.csv does not hold


def risk_cards(risks: pd.DataFrame, events: pd.DataFrame) -> list[RiskCard]:
    """Each risk with the events since the paper that bear on it, oldest first.

    An event since the paper bears on a risk when its date_note says so ('bears on: <phrase>') or
    risks.csv lists it; a listed id that events.csv does not hold is reported in `missing_events`.
    """
    recent = since_paper(events)
    named = {eid: set(bears_on(note)) for eid, note in zip(recent["id"], recent["date_note"], strict=True)}
    by_id = {r.id: r for r in events.itertuples()}
    cards = []
    for row in risks.itertuples():
        phrase = str(row.bears_on).strip().casefold()
        listed = catalogue.listed(row.event_ids)
        picked: dict[str, str] = {eid: "date note" for eid, names in named.items() if phrase in names}
        for eid in listed:
            if eid in named:  # listed and dated since the paper
                picked.setdefault(eid, "listed in risks.csv")
        chosen = sorted(picked, key=lambda e: (by_id[e].start, e))
        cards.append(RiskCard(
            id=str(row.id), risk=str(row.risk), paper_argues=str(row.paper_argues),
            refs=catalogue.listed(row.paper_ref), indicators=catalogue.listed(row.indicator),
            events=tuple(EventLink(e, str(by_id[e].date_label), str(by_id[e].title), picked[e]) for e in chosen),
            missing_events=tuple(e for e in listed if e not in by_id),
        ))
    return cards


def load_status(data_dir: Path, paragraph_ids: frozenset[str]) -> pd.DataFrame:
    """Read data/risk_status.csv (no rows when absent); one DataError listing every problem (references resolved)."""
    frames = catalogue.load_all([RISK_STATUS], data_dir, paragraph_ids, known={INDICATOR_IDS: frozenset(INDICATORS)})
    return frames.get(RISK_STATUS.name, pd.DataFrame(columns=list(RISK_STATUS.column_names)))


@dataclass(frozen=True)
class Source:
    name: str
    url: str


@dataclass(frozen=True)
class Status:
    """pivotdash's reading of one risk since the paper (a row of data/risk_status.csv)."""

    risk_id: str
    status: str  # a key of schema.RISK_STATUSES
    why: str
    event_ids: tuple[str, ...]
    indicators: tuple[str, ...]
    sources: tuple[Source, ...]
    assessed_on: str

    @property
    def label(self) -> str:
        return schema.RISK_STATUSES.get(self.status, self.status)


def statuses(frame: pd.DataFrame) -> dict[str, Status]:
    """Risk id → its status, from the loaded data/risk_status.csv."""
    out = {}
    for row in frame.itertuples():
        names, urls = catalogue.listed(row.source), catalogue.listed(row.source_url)
        out[str(row.risk_id)] = Status(
            str(row.risk_id), str(row.status), str(row.why), catalogue.listed(row.event_ids),
            catalogue.listed(row.indicator), tuple(Source(n, u) for n, u in zip(names, urls, strict=False)),
            str(row.assessed_on))
    return out


def status_counts(risk_ids: list[str], by_risk: dict[str, Status]) -> dict[str, int]:
    """How many of `risk_ids` have each status, in the vocabulary's order; risks with no reading as "unassessed"."""
    counts = dict.fromkeys(schema.RISK_STATUSES, 0)
    unassessed = 0
    for rid in risk_ids:
        if rid in by_risk and by_risk[rid].status in counts:
            counts[by_risk[rid].status] += 1
        else:
            unassessed += 1
    return counts | ({"unassessed": unassessed} if unassessed else {})


def counts_sentence(counts: dict[str, int]) -> str:
    """'Of the paper's 6 risks: 0 materialised, 2 partly, 3 not yet, 1 reversed.'"""
    words = {"materialised": "materialised", "partly": "partly materialised", "not_yet": "not yet",
             "reversed": "reversed", "unassessed": "not assessed"}
    total = sum(counts.values())
    return f"Of the paper's {total} risks: " + ", ".join(f"{n} {words.get(k, k)}" for k, n in counts.items()) + "."


def readings_sentence(risk_ids: list[str], by_risk: dict[str, Status], analyst: dict[str, str]) -> str:
    """pivotdash's counts and, when the analyst has set any, theirs: the line a chart of the question carries.

    `analyst` maps risk id → the analyst's status (risks they left unset are not counted).
    """
    dates = sorted({s.assessed_on for s in by_risk.values()})
    when = f", assessed {dates[-1]}" if dates else ""
    line = counts_sentence(status_counts(risk_ids, by_risk)).rstrip(".") + f" (pivotdash's reading{when})."
    mine = {rid: s for rid, s in analyst.items() if rid in risk_ids and s in schema.RISK_STATUSES}
    if mine:
        counts = {k: n for k, n in status_counts(list(mine), {
            rid: Status(rid, s, "", (), (), (), "") for rid, s in mine.items()}).items() if n}
        words = ", ".join(f"{n} {schema.RISK_STATUSES[k].lower()}" for k, n in counts.items())
        line += f" The analyst's reading of {len(mine)}: {words}."
    return line
