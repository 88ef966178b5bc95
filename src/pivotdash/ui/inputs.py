"""The data the view builders read, served from the app's caches (pivotdash.views.Data for the pages)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pivotdash import state as ps
from pivotdash import views
from pivotdash.loading import Dataset
from pivotdash.maps.basemap import Basemap
from pivotdash.paper import Paper
from pivotdash.trade.tables import TradeTables
from pivotdash.ui import data


class PageData:
    """pivotdash.views.Data through the bounded st.cache_data loaders: each file is read once per version."""

    def dataset(self) -> Dataset:
        return data.core()

    def events(self) -> pd.DataFrame:
        return data.events()

    def paper(self) -> Paper:
        return data.paper()

    def trade_tables(self) -> TradeTables:
        return data.trade_tables()

    def published(self) -> pd.DataFrame | None:
        return data.published()[0]  # validated once for every page; rows with problems are left out

    def basemap(self) -> Basemap:
        from pivotdash.ui.maps import basemap

        return basemap()

    def risks(self) -> pd.DataFrame:
        return data.risks()

    def risk_status(self) -> pd.DataFrame:
        return data.risk_status()

    def names(self) -> ps.Names:
        return _names(data.version())


PAGE_DATA = PageData()


@st.cache_data(max_entries=4, show_spinner=False)
def _names(data_version: tuple[str, data.Fingerprint]) -> ps.Names:
    # Read by app.py on every run that has a link to check: worked out once per data version.
    return views.names_of(PAGE_DATA)


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def _build(chart: str, state: ps.PageState, data_version: tuple[str, data.Fingerprint]) -> views.View | None:
    return views.build(chart, state, PAGE_DATA)


def build(chart: str, state: ps.PageState) -> views.View | None:
    """The chart for `state`, built once per state and data version and shared (its figure is never changed)."""
    return _build(chart, state, data.version())
