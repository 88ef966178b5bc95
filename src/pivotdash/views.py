"""A view: one finished figure with the data it shows and the link that reopens it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go


@dataclass(frozen=True)
class View:
    """Everything a briefing needs about one chart."""

    id: str  # stable, used in file names: e.g. "timeline", "trade-shares"
    title: str
    subtitle: str  # the filters in words
    source: str  # citation line(s)
    figure: go.Figure
    data: pd.DataFrame = field(default_factory=pd.DataFrame)  # exactly what the chart shows
    link: str = ""  # URL path + query string that reopens this view
