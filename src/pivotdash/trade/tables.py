"""The committed trade tables and the published post-2020 figures, loaded through the catalogue."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pivotdash import catalogue
from pivotdash.errors import Problem


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
    def partners(self) -> frozenset[str]:
        return frozenset(self.dots["partner"])

    @property
    def years(self) -> tuple[int, int]:
        return int(self.dots["year"].min()), int(self.dots["year"].max())


def load_tables(data_dir: Path) -> TradeTables:
    """The DOTS, group-member and history tables; one DataError listing every problem in all three."""
    frames = catalogue.load_all(catalogue.TRADE_TABLES, data_dir)
    return TradeTables(
        dots=frames[catalogue.DOTS.name],
        members=frames[catalogue.MEMBERS.name],
        history=frames[catalogue.HISTORY.name],
    )


def load_published(data_dir: Path, known_partners: Collection[str]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """published_figures.csv if present: (valid rows, problems). Absent → (None, []); invalid rows are dropped.

    A partner must be one of `known_partners` (the DOTS table's); an empty set leaves partners unchecked.
    """
    return catalogue.load_rows(catalogue.PUBLISHED, data_dir,
                               known={catalogue.files.DOTS_PARTNER: frozenset(known_partners)})
