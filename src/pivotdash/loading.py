"""The core data (episodes, events, flashpoints, routes) loaded together through the catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pivotdash import catalogue
from pivotdash.catalogue import check_references, read_file, typed

__all__ = ["Dataset", "check_references", "load_dataset", "read_file", "typed"]


@dataclass(frozen=True)
class Dataset:
    """The validated core data: text as str, numbers parsed, ';'-lists as tuples, dates kept as text."""

    episodes: pd.DataFrame
    events: pd.DataFrame
    flashpoints: pd.DataFrame
    routes: pd.DataFrame


def load_dataset(data_dir: Path, paragraph_ids: frozenset[str]) -> Dataset:
    """Load episodes, events, flashpoints and routes; raise one DataError listing every problem."""
    frames = catalogue.load_all(catalogue.CORE_FILES, data_dir, paragraph_ids)
    return Dataset(
        episodes=frames[catalogue.EPISODES.name],
        events=frames[catalogue.EVENTS.name],
        flashpoints=frames[catalogue.FLASHPOINTS.name],
        routes=frames[catalogue.ROUTE_POINTS.name],
    )
