"""pivotdash.views.Data read straight from a data folder (the command line and tests): each file read once."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from pivotdash import paths
from pivotdash.filters import event_frame
from pivotdash.loading import Dataset, load_dataset
from pivotdash.maps.basemap import Basemap, basemap_path, load_basemap
from pivotdash.paper import Paper, load_paper
from pivotdash.risks import load_risks, load_status
from pivotdash.state import Names
from pivotdash.trade.tables import TradeTables, load_published, load_tables
from pivotdash.views import names_of


class Loaded:
    """The data of one folder (default: the app's data/), loaded on first use and kept."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or paths.data_dir()

    @functools.cache  # noqa: B019 - one instance per export run; the cache dies with it
    def paper(self) -> Paper:
        return load_paper()

    @functools.cache  # noqa: B019
    def dataset(self) -> Dataset:
        return load_dataset(self.folder, self.paper().paragraph_ids)

    @functools.cache  # noqa: B019
    def events(self) -> pd.DataFrame:
        ds = self.dataset()
        return event_frame(ds.events, ds.episodes)

    @functools.cache  # noqa: B019
    def trade_tables(self) -> TradeTables:
        return load_tables(self.folder)

    @functools.cache  # noqa: B019
    def published(self) -> pd.DataFrame | None:
        known = set(self.trade_tables().dots["partner"])
        return load_published(self.folder, known)[0]  # rows with problems are left out, as on the page

    @functools.cache  # noqa: B019
    def basemap(self) -> Basemap:
        return load_basemap(basemap_path())

    @functools.cache  # noqa: B019
    def names(self) -> Names:
        return names_of(self)

    @functools.cache  # noqa: B019
    def risks(self) -> pd.DataFrame:
        return load_risks(self.folder, self.paper().paragraph_ids)

    @functools.cache  # noqa: B019
    def risk_status(self) -> pd.DataFrame:
        return load_status(self.folder, self.paper().paragraph_ids)
