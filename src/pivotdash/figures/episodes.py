"""The seven turns East on one strip: years as bars, coloured by how each ended."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pivotdash import schema, theme
from pivotdash.figures.finish import Chrome, finish
from pivotdash.filters import episode_span
from pivotdash.text import plain_label

PAPER_SOURCE = "Chris Miller, “Will Russia's Pivot to Asia Last?”, Foreign Policy Research Institute, Dec. 2019"


def episode_strip(episodes: pd.DataFrame, *, subtitle: str = "Years as dated in data/episodes.csv") -> go.Figure:
    """One horizontal bar per episode on a shared time axis, ongoing ones running to today."""
    fig = go.Figure()
    rows = episodes.sort_values("start_year")
    seen: set[str] = set()
    for _, ep in rows.iterrows():
        start, end = episode_span(ep["start_year"], ep["end_year"])
        years = f"{ep['start_year']}–{'' if pd.isna(ep['end_year']) else ep['end_year']}"
        fig.add_trace(
            go.Bar(
                base=[start], x=[(end - start).days * 86_400_000], y=[plain_label(ep["name"])], orientation="h",
                marker_color=theme.OUTCOME_COLOURS.get(ep["outcome"], theme.OKABE_ITO["grey"]),
                name=schema.label("outcomes", ep["outcome"]), legendgroup=ep["outcome"],
                showlegend=ep["outcome"] not in seen,
                hovertext="<br>".join(
                    plain_label(x) for x in (ep["name"], years, schema.label("outcomes", ep["outcome"]))
                ),
                hoverinfo="text", customdata=[ep["id"]],
            )
        )
        seen.add(ep["outcome"])
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(barmode="overlay", height=380, bargap=0.35, legend_title_text="How it ended")
    return finish(fig, Chrome("Seven turns East, 1799 to today", subtitle, PAPER_SOURCE))
