"""Cached loaders for the paper's risks, the errata, and the trade tables the risks' indicators read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from pivotdash import paths, schema
from pivotdash.errors import Problem
from pivotdash.references import load_errata
from pivotdash.risks import RISKS, load_risks
from pivotdash.trade import schema as trade_schema
from pivotdash.trade.tables import TradeTables, load_published, load_tables
from pivotdash.ui import data

# The fingerprint is a real (hashed) argument: an edited file must miss the cache.
Fingerprint = tuple[tuple[str, float, int], ...]


@st.cache_data(max_entries=4, show_spinner=False)
def _risks(folder: str, fp: Fingerprint) -> pd.DataFrame:
    return load_risks(Path(folder), data.paper().paragraph_ids)


def risks() -> pd.DataFrame:
    """data/risks.csv, validated; raises DataError with every problem."""
    folder = paths.data_dir()
    return _risks(str(folder), data.fingerprint(folder, (RISKS.name,)))


@st.cache_data(max_entries=4, show_spinner=False)
def _errata(folder: str, fp: Fingerprint) -> pd.DataFrame:
    return load_errata(Path(folder), data.paper().paragraph_ids)


def errata() -> pd.DataFrame:
    """data/errata.csv, validated; raises DataError with every problem."""
    folder = paths.data_dir()
    return _errata(str(folder), data.fingerprint(folder, (schema.ERRATA.name,)))


@st.cache_data(max_entries=4, show_spinner=False)
def _trade(folder: str, fp: Fingerprint) -> TradeTables:
    return load_tables(Path(folder))


def trade_tables() -> TradeTables:
    """The DOTS, group-member and history tables (pivotdash.trade); raises DataError with every problem."""
    folder = paths.data_dir()
    return _trade(str(folder), data.fingerprint(folder, tuple(s.name for s in trade_schema.TABLES)))


@st.cache_data(max_entries=4, show_spinner=False)
def _published(folder: str, fp: Fingerprint) -> tuple[pd.DataFrame | None, list[Problem]]:
    return load_published(Path(folder), set())


def published() -> tuple[pd.DataFrame | None, list[Problem]]:
    """data/trade/published_figures.csv: its valid rows (None if absent or unreadable) and its problems."""
    folder = paths.data_dir()
    return _published(str(folder), data.fingerprint(folder, (trade_schema.PUBLISHED.name,)))
