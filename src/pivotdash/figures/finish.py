"""The one finishing step every figure goes through: title, subtitle, source, licence, theme."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from pivotdash import theme
from pivotdash.text import plain_label

APP_NAME = "pivotdash"
CHART_LICENCE = "Chart: pivotdash, CC BY 4.0"


@dataclass(frozen=True)
class Chrome:
    """What a chart says about itself on the image: title, what is shown, where it comes from."""

    title: str
    subtitle: str
    source: str
    licence: str = CHART_LICENCE


def finish(fig: go.Figure, chrome: Chrome, *, margin_bottom: int = 96) -> go.Figure:
    """Apply the house style and write the chrome onto the figure itself, so exports carry it.

    Label text is escaped for plotly's HTML subset, so a title from the data shows as text.
    """
    fig.update_layout(
        template="plotly_white",
        paper_bgcolor=theme.BACKGROUND,
        plot_bgcolor=theme.BACKGROUND,
        font={"family": theme.FONT_FAMILY, "size": theme.BODY_SIZE, "color": theme.INK},
        title={
            "text": f"<b>{plain_label(chrome.title)}</b>",
            "subtitle": {
                "text": plain_label(chrome.subtitle),
                "font": {"size": theme.SUBTITLE_SIZE, "color": theme.MUTED_INK},
            },
            "x": 0.01,
            "xanchor": "left",
            "y": 0.97,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": theme.TITLE_SIZE},
        },
        margin={"l": 70, "r": 30, "t": 100, "b": margin_bottom},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
        meta={
            "pivotdash": {
                "title": chrome.title,
                "subtitle": chrome.subtitle,
                "source": chrome.source,
                "licence": chrome.licence,
            }
        },
    )
    fig.add_annotation(
        text=f"Source: {plain_label(chrome.source)}<br>{plain_label(chrome.licence)} · {APP_NAME}",
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="bottom",
        yshift=-(margin_bottom - 4),
        showarrow=False,
        align="left",
        font={"size": theme.NOTE_SIZE, "color": theme.MUTED_INK},
        name="pivotdash-source",
    )
    fig.update_xaxes(gridcolor=theme.GRID, zeroline=False)
    fig.update_yaxes(gridcolor=theme.GRID, zeroline=False)
    return fig


def chrome_of(fig: go.Figure) -> Chrome | None:
    """Read back the chrome `finish` wrote (for exports and tests)."""
    meta = fig.layout.meta
    if isinstance(meta, dict) and "pivotdash" in meta:
        m = meta["pivotdash"]
        return Chrome(m["title"], m["subtitle"], m["source"], m["licence"])
    return None
