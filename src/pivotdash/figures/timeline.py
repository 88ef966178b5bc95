"""The timeline: episodes as bands, events as markers by category, era boundaries marked."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pivotdash import schema, theme
from pivotdash.figures import marks
from pivotdash.figures.finish import Chrome, Margin, finish
from pivotdash.filters import episode_span
from pivotdash.text import plain_label

ERA_BOUNDARIES = (
    (dt.date(1917, 11, 7), "1917: Bolshevik Revolution"),
    (dt.date(1991, 12, 26), "1991: end of the USSR"),
)
PAPER_SOURCE = "Chris Miller, “Will Russia's Pivot to Asia Last?”, FPRI, Dec. 2019; later events as cited per event"


def _escaped(texts: pd.Series) -> pd.Series:
    """plain_label for a whole column: escaped and bidi-safe, so data shows as text in plotly labels."""
    return texts.map(plain_label)


def timeline_figure(
    events: pd.DataFrame,
    episodes: pd.DataFrame,
    *,
    years: tuple[int, int],
    chrome: Chrome,
    highlight: str | None = None,
) -> go.Figure:
    """Events (from `filters.event_frame`, filtered) over episode bands, within `years`."""
    fig = go.Figure()
    present = set(events["category"].unique())
    categories = [c for c in schema.CATEGORIES if c in present] or list(schema.CATEGORIES)
    shapes, notes = [], []
    for _, ep in episodes.sort_values("start_year").iterrows():
        start, end = episode_span(ep["start_year"], ep["end_year"])
        shapes.append(marks.band(start, end, fillcolor=theme.OUTCOME_COLOURS.get(ep["outcome"], theme.GRID),
                                 opacity=0.18, line={"width": 0}, layer="below"))
        notes.append(dict(  # at the band's start, or the axis start when the band began earlier
            x=max(start, dt.date(years[0], 1, 1)), y=1.0, xref="x", yref="paper", yanchor="bottom", xanchor="left",
            showarrow=False,
            text=plain_label(ep["name"]), textangle=-30,
            font={"size": 11, "color": theme.MUTED_INK},
        ))
    for boundary, text in ERA_BOUNDARIES:
        if years[0] <= boundary.year <= years[1]:
            shapes.append(marks.rule(boundary, {"color": theme.MUTED_INK, "dash": "dot", "width": 1}))
            notes.append(dict(
                x=boundary, y=0, xref="x", yref="paper", yanchor="bottom", xanchor="left", showarrow=False,
                text=text, font={"size": 11, "color": theme.MUTED_INK}, xshift=3,
            ))
    marks.place(fig, shapes, notes)
    first_driver = events["driver_list"].map(lambda ds: ds[0] if ds else "")
    # Whole columns at once, handed to plotly as arrays: at 10,000 events, per-row Python and
    # plotly's per-element list validation were most of the figure's cost.
    category = events["category"].map(schema.CATEGORIES).fillna(events["category"])
    hover = (
        "<b>" + _escaped(events["title"]) + "</b><br>" + _escaped(events["date_label"]) + "<br>"
        + _escaped(events["episode_name"].where(events["episode_name"] != "", "No episode")) + "<br>"
        + _escaped(category)
    )
    is_highlight = (events["id"] == highlight).to_numpy()
    for driver in [*schema.DRIVERS, ""]:
        rows = (first_driver == driver).to_numpy()
        if not rows.any():
            continue
        picked = is_highlight[rows]
        fig.add_trace(
            go.Scatter(
                x=events["start"].to_numpy()[rows], y=category.to_numpy()[rows],
                mode="markers", name=schema.DRIVERS.get(driver, "No driver given"),
                marker={
                    "size": np.where(picked, 16, 10) if picked.any() else 10,
                    "color": theme.DRIVER_COLOURS.get(driver, theme.OKABE_ITO["grey"]),
                    "line": {"width": np.where(picked, 3, 1) if picked.any() else 1, "color": theme.INK},
                    "symbol": "diamond" if driver else "circle",
                },
                customdata=events[["id"]].to_numpy()[rows],
                hovertext=hover.to_numpy()[rows], hoverinfo="text",
            )
        )
    fig.update_xaxes(
        type="date", range=[dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)], title=None,
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[schema.label("categories", c) for c in reversed(categories)],
        title=None,
    )
    fig.update_layout(height=560, hovermode="closest", legend_title_text="Main driver")
    return finish(fig, chrome, margin=Margin(t=190))
