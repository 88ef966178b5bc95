"""The offline HTML export: one standalone page with the interactive chart, its source and its link."""

from __future__ import annotations

import html

import plotly.io as pio

from pivotdash import theme
from pivotdash.export.images import export_figure
from pivotdash.export.plotly_config import plotly_config
from pivotdash.figures.finish import APP_NAME, chrome_of
from pivotdash.state import absolute
from pivotdash.views import View


def to_html(view: View, base_url: str = "") -> bytes:
    """A standalone, offline HTML page: the interactive chart (plotly.js inlined), source and link."""
    fig = export_figure(view.figure, theme.SLIDE_WIDTH, None)
    fig.update_layout(width=None, autosize=True)  # responsive in the browser; chrome wrapped for a slide
    div = pio.to_html(
        fig, include_plotlyjs=True, full_html=False, config=plotly_config(view),
        default_width="100%", default_height=f"{theme.SLIDE_HEIGHT}px",
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
.note{{color:{theme.MUTED_INK};font-size:13px;line-height:1.5}}</style>
</head>
<body>
{div}
<p class="note">Shown: {esc(view.subtitle)}<br>Source: {esc(view.source)}<br>{esc(licence)}{link_html}</p>
</body>
</html>
"""
    return page.encode("utf-8")
