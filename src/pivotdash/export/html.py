"""The offline HTML export: one standalone page with the interactive chart, its source and its link."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio

from pivotdash import theme
from pivotdash.export.images import export_figure
from pivotdash.export.plotly_config import plotly_config
from pivotdash.figures.finish import APP_NAME, chrome_of
from pivotdash.state import absolute
from pivotdash.views import View


def _keeps_aspect(fig: go.Figure) -> bool:
    """Whether an axis of `fig` is tied to another's scale (a map's degrees): then it must not be stretched."""
    return any(getattr(fig.layout[name], "scaleanchor", None) for name in fig.layout if name.startswith(("xaxis",
                                                                                                    "yaxis")))


def to_html(view: View, base_url: str = "") -> bytes:
    """A standalone, offline HTML page: the interactive chart (plotly.js inlined), source and link."""
    fig = export_figure(view.figure, theme.SLIDE_WIDTH, None)
    fixed = _keeps_aspect(fig)
    if fixed:  # a map: drawn at the slide's size it was laid out for, never stretched into empty strips
        fig.update_layout(height=theme.SLIDE_HEIGHT)
    else:
        fig.update_layout(width=None, autosize=True)  # responsive in the browser; chrome wrapped for a slide
    div = pio.to_html(
        fig, include_plotlyjs=True, full_html=False, config={**plotly_config(view), "responsive": not fixed},
        default_width=f"{theme.SLIDE_WIDTH}px" if fixed else "100%", default_height=f"{theme.SLIDE_HEIGHT}px",
    )
    chrome = chrome_of(view.figure)
    licence = chrome.licence if chrome else ""
    link = absolute(view.link, base_url) if base_url else view.link
    esc = html.escape
    link_html = f'<br>Open this view in {APP_NAME}: <a href="{esc(link)}">{esc(link)}</a>' if link else ""
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(view.title)} · {APP_NAME}</title>
<style>body{{font-family:{esc(theme.FONT_FAMILY)};color:{theme.INK};background:{theme.BACKGROUND};margin:16px}}
figure{{margin:0;overflow-x:auto}} .note{{color:{theme.MUTED_INK};font-size:13px;line-height:1.5}}</style>
</head>
<body>
<figure role="group" aria-describedby="alt">
{div}
<figcaption id="alt" class="note">In words: {esc(view.alt_text)}</figcaption>
</figure>
<p class="note">Shown: {esc(view.subtitle)}<br>Source: {esc(view.source)}<br>{esc(licence)}{link_html}</p>
</body>
</html>
"""
    return page.encode("utf-8")
