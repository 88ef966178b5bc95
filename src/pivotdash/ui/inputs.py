"""The data the view builders read, served from the app's caches (pivotdash.views.Data for the pages)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pivotdash import paths, views
from pivotdash import state as ps
from pivotdash.loading import Dataset
from pivotdash.maps.basemap import Basemap
from pivotdash.paper import Paper
from pivotdash.trade.tables import TradeTables
from pivotdash.ui import data, trade_data


class PageData:
    """pivotdash.views.Data through the bounded st.cache_data loaders: each file is read once per version."""

    def dataset(self) -> Dataset:
        return data.core()

    def events(self) -> pd.DataFrame:
        return data.events()

    def paper(self) -> Paper:
        return data.paper()

    def trade_tables(self) -> TradeTables:
        return trade_data.tables()

    def published(self) -> pd.DataFrame | None:
        # One validation for every page: rows naming a partner the DOTS table lacks are left out.
        return trade_data.published(frozenset(self.trade_tables().dots["partner"]))[0]

    def basemap(self) -> Basemap:
        from pivotdash.ui.maps import basemap

        return basemap()

    def names(self) -> ps.Names:
        return views.names(self)


PAGE_DATA = PageData()


def version() -> tuple[tuple[str, float, int], ...]:
    """Every data file's name, mtime and size (and the basemap's): a new version of any rebuilds the views."""
    from pivotdash.maps.basemap import basemap_path

    folder = paths.data_dir()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    out = [(str(p.relative_to(folder)), p.stat().st_mtime, p.stat().st_size) for p in files]
    base = basemap_path()
    if base.exists():
        out.append((str(base), base.stat().st_mtime, base.stat().st_size))
    return tuple(out)


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def _build(chart: str, state: ps.PageState, data_version: tuple[tuple[str, float, int], ...]) -> views.View | None:
    return views.build(chart, state, PAGE_DATA)


def build(chart: str, state: ps.PageState) -> views.View | None:
    """The chart for `state`, built once per state and data version and shared (its figure is never changed)."""
    return _build(chart, state, version())
