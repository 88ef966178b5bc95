"""Loading the committed trade tables and the published post-2020 figures, validated, every problem reported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pivotdash.errors import DataError, Problem
from pivotdash.loading import read_file, typed
from pivotdash.schema import FileSpec
from pivotdash.trade import schema as ts


@dataclass(frozen=True)
class TradeTables:
    """The derived tables, typed: years as int, values and shares as float (NaN = not reported)."""

    dots: pd.DataFrame
    members: pd.DataFrame
    history: pd.DataFrame

    @property
    def partner_names(self) -> dict[str, str]:
        """Partner id → name, for every partner of the DOTS table."""
        first = self.dots.drop_duplicates("partner")
        return dict(zip(first["partner"], first["partner_name"], strict=True))

    @property
    def years(self) -> tuple[int, int]:
        return int(self.dots["year"].min()), int(self.dots["year"].max())


def check_vocab(frame: pd.DataFrame, spec: FileSpec) -> list[Problem]:
    """Values of this module's vocabulary columns (flow, kind, metric, role) must be known ids."""
    problems = []
    for column, allowed in ts.VOCAB_COLUMNS.get(spec.name, {}).items():
        if column not in frame.columns:
            continue
        for n, value in enumerate(frame[column], start=1):
            if value and value not in allowed:
                problems.append(Problem(spec.name, n, column, f"unknown value; allowed: {', '.join(allowed)}", value))
    return problems


def read_checked(data_dir: Path, spec: FileSpec) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One file read and checked against its spec and vocabularies (all text)."""
    frame, problems = read_file(data_dir / spec.name, spec)
    if frame is not None:
        problems = problems + check_vocab(frame, spec)
    return frame, problems


def _check_dots(frame: pd.DataFrame) -> list[Problem]:
    """A share needs its value; every flow and year needs its World total."""
    problems = []
    for n, (value, share) in enumerate(zip(frame["value_usd_mn"], frame["share_pct"], strict=True), start=1):
        if bool(value) != bool(share):
            problems.append(Problem(ts.DOTS.name, n, "share_pct", "share and value must both be given or both blank",
                                    f"value={value!r}, share={share!r}"))
    world = frame[(frame["partner"] == "world") & (frame["value_usd_mn"] != "")]
    for flow in sorted(set(frame["flow"])):
        have = set(world[world["flow"] == flow]["year"])
        for year in sorted(set(frame[frame["flow"] == flow]["year"]) - have):
            problems.append(Problem(ts.DOTS.name, None, "partner", f"no World total for {flow} {year}", ""))
    return problems


def load_tables(data_dir: Path) -> TradeTables:
    """The DOTS, group-member and history tables; one DataError listing every problem in all three."""
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for spec in ts.TABLES:
        frame, found = read_checked(data_dir, spec)
        problems += found
        if frame is not None:
            frames[spec.name] = frame
    if ts.DOTS.name in frames:
        problems += _check_dots(frames[ts.DOTS.name])
    if problems or len(frames) < len(ts.TABLES):
        raise DataError(problems)
    return TradeTables(
        dots=typed(frames[ts.DOTS.name], ts.DOTS).astype({"year": int}),
        members=typed(frames[ts.MEMBERS.name], ts.MEMBERS),
        history=typed(frames[ts.HISTORY.name], ts.HISTORY).astype({"year": int}),
    )


def load_published(data_dir: Path, known_partners: set[str]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """published_figures.csv if present: (rows, problems). Absent → (None, []); invalid rows are dropped."""
    path = data_dir / ts.PUBLISHED.name
    if not path.exists():
        return None, []
    frame, problems = read_checked(data_dir, ts.PUBLISHED)
    if frame is None:
        return None, problems
    bad_rows = {p.row for p in problems if p.row is not None}
    for n, (partner, metric, value) in enumerate(zip(frame["partner"], frame["metric"], frame["value"],
                                                     strict=True), start=1):
        if partner and known_partners and partner not in known_partners:
            problems.append(Problem(ts.PUBLISHED.name, n, "partner",
                                    "not a partner id of the DOTS table (e.g. china, eu27)", partner))
            bad_rows.add(n)
        try:
            share_too_big = metric == "share_pct" and float(value) > 100
        except ValueError:
            share_too_big = False
        if share_too_big:
            problems.append(Problem(ts.PUBLISHED.name, n, "value", "a share must be between 0 and 100", value))
            bad_rows.add(n)
    keep = [n not in bad_rows for n in range(1, len(frame) + 1)]
    return typed(frame[keep], ts.PUBLISHED).astype({"year": int}).reset_index(drop=True), problems
