"""The data catalogue: every data file declared once (columns, rules, provenance) and the one loader for them."""

from __future__ import annotations

from pivotdash.catalogue.checks import NON_EMPTY, check_references, items, listed
from pivotdash.catalogue.files import (
    BASEMAP,
    CATALOGUE,
    CORE_FILES,
    DOTS,
    EPISODES,
    ERRATA,
    EVENTS,
    FLASHPOINTS,
    HISTORY,
    MEMBERS,
    PAPER,
    PROJECT_LICENCE,
    PUBLISHED,
    RISK_STATUS,
    RISKS,
    ROUTE_POINTS,
    TABLES,
    TRADE_README,
    TRADE_TABLES,
    spec,
)
from pivotdash.catalogue.loader import check, load, load_all, load_rows, read_file, typed
from pivotdash.catalogue.spec import Column, FileSpec, Kind, Provenance

__all__ = [
    "BASEMAP", "CATALOGUE", "CORE_FILES", "DOTS", "EPISODES", "ERRATA", "EVENTS", "FLASHPOINTS", "HISTORY",
    "MEMBERS", "NON_EMPTY", "PAPER", "PROJECT_LICENCE", "PUBLISHED", "RISKS", "RISK_STATUS", "ROUTE_POINTS", "TABLES",
    "TRADE_README", "TRADE_TABLES", "Column", "FileSpec", "Kind", "Provenance", "check", "check_references",
    "items", "listed", "load", "load_all", "load_rows", "read_file", "spec", "typed",
]
