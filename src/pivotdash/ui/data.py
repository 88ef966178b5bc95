"""Cached loaders: the only place pages get data from; caches bounded, keyed by file fingerprints."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from pivotdash import paths, schema
from pivotdash.errors import DataError
from pivotdash.filters import event_frame
from pivotdash.loading import Dataset, load_dataset
from pivotdash.paper import Paper, load_paper


def fingerprint(folder: Path, names: tuple[str, ...]) -> tuple[tuple[str, float, int], ...]:
    """Names, mtimes and sizes: an edited data file invalidates the cache on the next rerun."""
    out = []
    for name in names:
        p = folder / name
        st_ = p.stat() if p.exists() else None
        out.append((name, st_.st_mtime if st_ else -1.0, st_.st_size if st_ else -1))
    return tuple(out)


@st.cache_resource(max_entries=1)
def paper() -> Paper:
    return load_paper()


@st.cache_data(max_entries=4, show_spinner=False)
def _core(folder: str, fp: tuple[tuple[str, float, int], ...]) -> Dataset:
    return load_dataset(Path(folder), paper().paragraph_ids)


def core() -> Dataset:
    """Episodes, events, flashpoints and routes, validated; raises DataError with every problem."""
    folder = paths.data_dir()
    return _core(str(folder), fingerprint(folder, tuple(s.name for s in schema.CORE_FILES)))


__all__ = ["DataError", "core", "events", "fingerprint", "paper"]


@st.cache_data(max_entries=4, show_spinner=False)
def _event_frame(folder: str, fp: tuple[tuple[str, float, int], ...]) -> pd.DataFrame:
    data = _core(folder, fp)
    return event_frame(data.events, data.episodes)


def events() -> pd.DataFrame:
    """Events with derived dates, eras and drivers (see filters.event_frame); cached per data version."""
    folder = paths.data_dir()
    return _event_frame(str(folder), fingerprint(folder, tuple(s.name for s in schema.CORE_FILES)))
