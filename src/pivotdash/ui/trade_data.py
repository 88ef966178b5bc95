"""Cached loaders for the Trade page: the derived trade tables and the published post-2020 figures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from pivotdash import paths
from pivotdash.errors import DataError, Problem
from pivotdash.trade import schema as ts
from pivotdash.trade.tables import TradeTables, load_published, load_tables
from pivotdash.ui import data
from pivotdash.ui.data import fingerprint

Fingerprint = tuple[tuple[str, float, int], ...]


# The fingerprint is a hashed argument (no leading underscore), so editing a file reloads it.
@st.cache_data(max_entries=2, show_spinner="Loading the trade tables…")
def _tables(folder: str, fp: Fingerprint) -> TradeTables:
    return load_tables(Path(folder))


def tables() -> TradeTables:
    """The DOTS, group-member and history tables, validated; raises DataError listing every problem."""
    folder = paths.data_dir()
    return _tables(str(folder), fingerprint(folder, tuple(s.name for s in ts.TABLES)))


@st.cache_data(max_entries=2, show_spinner=False)
def _published(folder: str, fp: Fingerprint, known: frozenset[str]) -> tuple[pd.DataFrame | None, list[Problem]]:
    return load_published(Path(folder), set(known))


def published(known: frozenset[str]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """data/trade/published_figures.csv if present (valid rows) and the problems of the others."""
    folder = paths.data_dir()
    return _published(str(folder), fingerprint(folder, (ts.PUBLISHED.name,)), known)


def core_tables() -> tuple[pd.DataFrame | None, pd.DataFrame | None, DataError | None]:
    """(events, episodes, error): the core data when it validates, else (None, None, the error)."""
    try:
        dataset = data.core()
    except DataError as err:
        return None, None, err
    except FileNotFoundError as err:
        return None, None, DataError([Problem(str(err.filename or "data"), None, None, "file is missing", "")])
    return dataset.events, dataset.episodes, None
