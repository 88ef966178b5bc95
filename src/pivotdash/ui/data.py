"""The one cached accessor every page reads data through: bounded, keyed by the data folder and its fingerprint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from pivotdash import catalogue, paths, provenance
from pivotdash.errors import DataError, Problem
from pivotdash.filters import event_frame
from pivotdash.loading import Dataset, load_dataset
from pivotdash.maps.basemap import basemap_path
from pivotdash.paper import Paper, load_paper
from pivotdash.references import load_errata
from pivotdash.risks import load_risks, load_status
from pivotdash.trade.tables import TradeTables, load_published, load_tables

__all__ = ["DataError", "core", "core_tables", "errata", "events", "fingerprint", "paper", "provenance_table",
           "published", "risk_status", "risks", "table", "trade_tables", "version"]

# (path, mtime, size) of every declared file and the basemap in use: any edit, replacement or removal
# changes it, so the next rerun misses the cache. A real (hashed) argument, never `_fp`.
Fingerprint = tuple[tuple[str, float, int], ...]


def fingerprint(folder: Path, names: tuple[str, ...] | None = None) -> Fingerprint:
    """Names, mtimes and sizes of `names` (default: every catalogue file and the basemap in use)."""
    paths_ = [folder / n for n in names] if names is not None else [
        *(folder / s.name for s in catalogue.CATALOGUE), basemap_path()]
    out = []
    for p in paths_:
        try:
            st_ = p.stat()
            out.append((str(p), st_.st_mtime, st_.st_size))
        except OSError:  # missing, a dangling link, a loop: still a distinct version
            out.append((str(p), -1.0, -1))
    return tuple(out)


def version() -> tuple[str, Fingerprint]:
    """The data version a cached view or export depends on: the folder and its fingerprint."""
    folder = paths.data_dir()
    return str(folder), fingerprint(folder)


@st.cache_resource(max_entries=1)
def paper() -> Paper:
    return load_paper()


def _build(part: str, folder: Path) -> Any:
    ids = paper().paragraph_ids
    if part == "core":
        return load_dataset(folder, ids)
    if part == "events":
        dataset = _get("core")
        return event_frame(dataset.events, dataset.episodes)
    if part == "risks":
        return load_risks(folder, ids)
    if part == "risk_status":
        return load_status(folder, ids)
    if part == "errata":
        return load_errata(folder, ids)
    if part == "trade":
        return load_tables(folder)
    if part == "published":
        try:
            known = _get("trade").partners
        except DataError:
            known = frozenset()  # the DOTS table is broken: partners go unchecked, the Trade page says why
        return load_published(folder, known)
    if part == "provenance":
        return provenance.provenance_table(folder)
    return catalogue.load(part, folder, ids)  # any other declared file, by its name under data/


@st.cache_data(max_entries=32, show_spinner=False)
def _load(folder: str, fp: Fingerprint, part: str) -> tuple[Any, list[Problem] | None]:
    """(value, None) or (None, problems): a broken file is cached too, not re-read on every rerun."""
    try:
        return _build(part, Path(folder)), None
    except DataError as err:
        return None, err.problems


def _get(part: str) -> Any:
    folder, fp = version()
    value, problems = _load(folder, fp, part)
    if problems is not None:
        raise DataError(problems)
    return value


def core() -> Dataset:
    """Episodes, events, flashpoints and routes, validated; raises DataError with every problem."""
    dataset: Dataset = _get("core")
    return dataset


def events() -> pd.DataFrame:
    """Events with derived dates, eras and drivers (see filters.event_frame); cached per data version."""
    frame: pd.DataFrame = _get("events")
    return frame


def core_tables() -> tuple[pd.DataFrame | None, pd.DataFrame | None, DataError | None]:
    """(events, episodes, error): the core data when it validates, else (None, None, the error)."""
    try:
        dataset = core()
    except DataError as err:
        return None, None, err
    return dataset.events, dataset.episodes, None


def risks() -> pd.DataFrame:
    """data/risks.csv, validated; raises DataError with every problem."""
    frame: pd.DataFrame = _get("risks")
    return frame


def risk_status() -> pd.DataFrame:
    """data/risk_status.csv, validated (no rows when absent); raises DataError with every problem."""
    frame: pd.DataFrame = _get("risk_status")
    return frame


def errata() -> pd.DataFrame:
    """data/errata.csv, validated; raises DataError with every problem."""
    frame: pd.DataFrame = _get("errata")
    return frame


def trade_tables() -> TradeTables:
    """The DOTS, group-member and history tables (pivotdash.trade); raises DataError with every problem."""
    tables: TradeTables = _get("trade")
    return tables


def published() -> tuple[pd.DataFrame | None, list[Problem]]:
    """data/trade/published_figures.csv: its valid rows (None if absent or unreadable) and its problems.

    One validation for every page: cells, ranges, shares, and partners known to the DOTS table.
    """
    result: tuple[pd.DataFrame | None, list[Problem]] = _get("published")
    return result


def table(name: str) -> pd.DataFrame:
    """Any declared file by its name under data/, validated and typed; raises DataError with every problem."""
    catalogue.spec(name)  # KeyError now, for a name the catalogue does not declare
    frame: pd.DataFrame = _get(name)
    return frame


def provenance_table() -> pd.DataFrame:
    """Every data file with its source, licence and row count (pivotdash.provenance), counted once per version."""
    table: pd.DataFrame = _get("provenance")
    return table
