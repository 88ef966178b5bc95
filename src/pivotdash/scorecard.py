"""The turns East side by side: years, leaders, drivers, how and why each ended, the paper's verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pivotdash import schema
from pivotdash.filters import YEAR_MAX
from pivotdash.paper import Paper

COMPARE_MAX = 3  # the Episodes page compares two or three turns East
_WORD = re.compile(r"[a-z]+")
# Words too common to tell one paragraph from another when matching a verdict to its passage.
_STOP = frozenset({
    "that", "this", "with", "from", "were", "have", "been", "which", "their", "there", "would", "could", "into",
    "than", "then", "they", "them", "what", "when", "also", "only", "about", "after", "before", "over", "more",
    "most", "some", "such", "even", "just", "like", "other",
})


def is_ongoing(end_year: Any) -> bool:
    return end_year is None or bool(pd.isna(end_year))


def duration(start_year: Any, end_year: Any, this_year: int = YEAR_MAX) -> int:
    """Years from the first year to the last (to `this_year` for an ongoing turn)."""
    last = this_year if is_ongoing(end_year) else int(end_year)
    return last - int(start_year)


def years_label(start_year: Any, end_year: Any) -> str:
    return f"{int(start_year)}–{'today' if is_ongoing(end_year) else int(end_year)}"


def scorecard_table(episodes: pd.DataFrame, this_year: int = YEAR_MAX) -> pd.DataFrame:
    """One row per turn East, oldest first, as analysts read it: labels instead of ids."""
    eps = episodes.sort_values("start_year")
    spans = list(zip(eps["start_year"], eps["end_year"], strict=True))
    return pd.DataFrame(
        {
            "turn_east": eps["name"],
            "years": [years_label(s, e) for s, e in spans],
            "lasted_years": [duration(s, e, this_year) for s, e in spans],
            "ongoing": [is_ongoing(e) for e in eps["end_year"]],
            "leaders": ["; ".join(v) for v in eps["leaders"]],
            "drivers": ["; ".join(schema.label("drivers", d) for d in v) for v in eps["drivers"]],
            "outcome": [schema.label("outcomes", v) for v in eps["outcome"]],
            "why_it_ended": ["; ".join(schema.label("end_reasons", r) for r in v) for v in eps["end_reasons"]],
            "ended_how": eps["ended_how"],
            "verdict": eps["verdict"],
            "paper_paragraphs": ["; ".join(v) for v in eps["paper_ref"]],
            "id": eps["id"],
        }
    ).reset_index(drop=True)


def matrix(episodes: pd.DataFrame, column: str, vocab: dict[str, str]) -> pd.DataFrame:
    """Episodes (rows, oldest first, by name) × vocabulary ids (columns): True where the cell lists the id."""
    eps = episodes.sort_values("start_year")
    rows = [[key in cell for key in vocab] for cell in eps[column]]
    return pd.DataFrame(rows, index=pd.Index(list(eps["name"]), name="turn_east"), columns=list(vocab))


def driver_matrix(episodes: pd.DataFrame) -> pd.DataFrame:
    """Episode × driver: what drove each turn East."""
    return matrix(episodes, "drivers", schema.DRIVERS)


def end_reason_matrix(episodes: pd.DataFrame) -> pd.DataFrame:
    """Episode × end reason: what ended each one, in the paper's terms (the ongoing turn has none)."""
    return matrix(episodes, "end_reasons", schema.END_REASONS)


def matrix_table(episodes: pd.DataFrame) -> pd.DataFrame:
    """Drivers and end reasons as one readable table: ✓ where they apply, labelled columns."""
    drivers = driver_matrix(episodes).rename(columns=lambda c: f"Driver: {schema.DRIVERS[c]}")
    ends = end_reason_matrix(episodes).rename(columns=lambda c: f"Ended by: {schema.END_REASONS[c]}")
    both = pd.concat([drivers, ends], axis=1)
    return both.map(lambda v: "✓" if v else "").reset_index()


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) > 3 and w not in _STOP}


def verdict_passage(verdict: str, refs: list[str], paper: Paper) -> str | None:
    """The cited paragraph that states the verdict: the one sharing most words with it (first on ties)."""
    known = [r for r in refs if r in paper.paragraph_ids]
    if not known:
        return None
    wanted = _words(verdict)
    return max(known, key=lambda r: len(wanted & _words(paper.paragraph(r).plain_text)))


@dataclass(frozen=True)
class EpisodeCard:
    """One turn East as its card shows it."""

    id: str
    name: str
    years: str
    lasted: int
    ongoing: bool
    leaders: tuple[str, ...]
    drivers: tuple[str, ...]  # labels
    outcome: str  # label
    end_reasons: tuple[str, ...]  # labels
    ended_how: str
    verdict: str
    verdict_ref: str | None  # the paragraph quoted with the verdict
    refs: tuple[str, ...]  # every paragraph it cites that the paper has
    unknown_refs: tuple[str, ...]
    years_note: str
    source: str
    source_url: str


def episode_cards(episodes: pd.DataFrame, paper: Paper, this_year: int = YEAR_MAX) -> list[EpisodeCard]:
    cards = []
    for ep in episodes.sort_values("start_year").to_dict("records"):
        refs = list(ep["paper_ref"])
        cards.append(EpisodeCard(
            id=str(ep["id"]), name=str(ep["name"]), years=years_label(ep["start_year"], ep["end_year"]),
            lasted=duration(ep["start_year"], ep["end_year"], this_year), ongoing=is_ongoing(ep["end_year"]),
            leaders=tuple(ep["leaders"]),
            drivers=tuple(schema.label("drivers", d) for d in ep["drivers"]),
            outcome=schema.label("outcomes", str(ep["outcome"])),
            end_reasons=tuple(schema.label("end_reasons", r) for r in ep["end_reasons"]),
            ended_how=str(ep["ended_how"]), verdict=str(ep["verdict"]),
            verdict_ref=verdict_passage(str(ep["verdict"]), refs, paper),
            refs=tuple(r for r in refs if r in paper.paragraph_ids),
            unknown_refs=tuple(r for r in refs if r not in paper.paragraph_ids),
            years_note=str(ep["years_note"]), source=str(ep["source"]), source_url=str(ep["source_url"]),
        ))
    return cards


def default_compare(episodes: pd.DataFrame) -> list[str]:
    """The two most recent turns East: today's pivot and the one before it."""
    return list(episodes.sort_values("start_year")["id"].tail(2))


def _by_id(episodes: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {str(r["id"]): {str(k): v for k, v in r.items()} for r in episodes.to_dict("records")}


def aligned_events(events: pd.DataFrame, episodes: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Events of the chosen episodes (from filters.event_frame) on years since each episode began.

    An event dated before its episode's first year (a war that set it off) gets a negative value.
    """
    eps = _by_id(episodes)
    chosen = [i for i in ids if i in eps]
    rows = events[events["episode_id"].isin(chosen)]
    starts = {i: pd.Timestamp(int(eps[i]["start_year"]), 1, 1) for i in chosen}
    since = [(s - starts[e]).days / 365.25 for s, e in zip(rows["start"], rows["episode_id"], strict=True)]
    order = {i: n for n, i in enumerate(chosen)}
    out = pd.DataFrame(
        {
            "episode_id": rows["episode_id"],
            "turn_east": [str(eps[e]["name"]) for e in rows["episode_id"]],
            "years_since_start": pd.Series(since, index=rows.index, dtype=float),
            "id": rows["id"],
            "date": rows["date_label"],
            "title": rows["title"],
            "category": [schema.label("categories", c) for c in rows["category"]],
            "paper_paragraphs": [";".join(r) for r in rows["paper_ref"]],
        }
    )
    out["_order"] = out["episode_id"].map(order)
    out = out.sort_values(["_order", "years_since_start", "id"]).drop(columns="_order").reset_index(drop=True)
    out["years_since_start"] = out["years_since_start"].round(2)
    return out


def compare_spans(episodes: pd.DataFrame, ids: list[str], this_year: int = YEAR_MAX) -> pd.DataFrame:
    """Each chosen episode's length in years (to `this_year` if ongoing), in the order chosen."""
    eps = _by_id(episodes)
    chosen = [eps[i] for i in ids if i in eps]
    return pd.DataFrame(
        {
            "episode_id": [str(e["id"]) for e in chosen],
            "turn_east": [str(e["name"]) for e in chosen],
            "years": [years_label(e["start_year"], e["end_year"]) for e in chosen],
            "lasted_years": [duration(e["start_year"], e["end_year"], this_year) for e in chosen],
            "ongoing": [is_ongoing(e["end_year"]) for e in chosen],
            "outcome": [str(e["outcome"]) for e in chosen],
        }
    )


def spans_caption(spans: pd.DataFrame) -> str:
    """'The Amur seizure: 1854–1860, 6 years · …' for the compared turns East."""
    return " · ".join(f"{r.turn_east}: {r.years}, {r.lasted_years} years{' so far' if r.ongoing else ''}"
                      for r in spans.itertuples())


def durability(episodes: pd.DataFrame, this_year: int = YEAR_MAX) -> pd.DataFrame:
    """How long each turn East lasted, oldest first, and whether the ongoing one has reached that age.

    `age_now` is the ongoing turn's years since it began (the first ongoing turn's, if several);
    `outlasted` says whether it is already older than each ended turn lasted.
    """
    table = scorecard_table(episodes, this_year)[["id", "turn_east", "years", "lasted_years", "ongoing"]]
    ongoing = table[table["ongoing"]]
    age = int(ongoing["lasted_years"].iloc[0]) if len(ongoing) else None
    out = table.copy()
    out["age_now"] = age
    out["outlasted"] = [bool(age is not None and not o and age > n)
                        for o, n in zip(out["ongoing"], out["lasted_years"], strict=True)]
    return out


def durability_sentence(table: pd.DataFrame) -> str:
    """'Putin's turn to the East is 12 years old: older than 4 of the 6 earlier turns East lasted.'"""
    ongoing = table[table["ongoing"]]
    ended = table[~table["ongoing"]]
    if ongoing.empty:
        return f"No turn East is ongoing; the {len(ended)} shown lasted {_range(ended)} years."
    row = ongoing.iloc[0]
    return (f"{row['turn_east']} is {row['lasted_years']} years old: older than {int(ended['outlasted'].sum())} "
            f"of the {len(ended)} earlier turns East lasted ({_range(ended)} years).")


def _range(ended: pd.DataFrame) -> str:
    if ended.empty:
        return "no"
    return f"{int(ended['lasted_years'].min())}–{int(ended['lasted_years'].max())}"
