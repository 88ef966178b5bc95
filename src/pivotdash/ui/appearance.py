"""How the page looks in the browser: the surface charts and the map are drawn on (light or dark), and print."""

from __future__ import annotations

import weakref

import plotly.graph_objects as go
import streamlit as st

from pivotdash import theme
from pivotdash.figures.surface import on_surface

# The browser's print of a page: no sidebar, header or toolbars; the main column takes the page's width;
# a chart, a table or the map is never split across pages; a plotly chart drawn wider than the page is
# scaled down to fit (its SVG has a fixed pixel size, so it is scaled as a whole).
PRINT_CSS = """
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stElementToolbar"], .modebar-container, [data-testid="stToast"] { display: none !important; }
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] {
    max-width: none !important; width: 100% !important; padding: 0 !important; margin: 0 !important;
  }
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stTable"],
  [data-testid="stDeckGlJsonChart"], [data-testid="stImage"], [data-testid="stExpander"],
  [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"""
# A plotly chart's SVG keeps the pixel width it was drawn at on screen, and a print lays the page out at the
# paper's width without redrawing it (nor a table's or the map's canvas): while printing (or emulating print),
# each chart, table or map wider than the printed
# column (A4 landscape less 10 mm margins: 277 mm, 1047 CSS px) is zoomed to fit it, and restored afterwards.
PRINT_JS = """<script>
(() => {
  if (window.__pivotdashPrintFit) return;
  window.__pivotdashPrintFit = true;
  const COLUMN = 1047;
  const ITEMS = '[data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stDeckGlJsonChart"]';
  let timer = null;
  const width = (el) => {  // the width it is drawn at, whatever zoom it has now
    const svg = el.querySelector('svg.main-svg');
    return svg ? svg.width.baseVal.value : el.getBoundingClientRect().width / (parseFloat(el.style.zoom) || 1);
  };
  const fit = () => document.querySelectorAll(ITEMS).forEach((el) => {
    const w = width(el);
    const zoom = w > COLUMN ? String(Math.floor(COLUMN / w * 1000) / 1000) : '';
    if (el.style.zoom !== zoom) el.style.zoom = zoom;
  });
  const printing = (on) => {
    clearInterval(timer);
    timer = null;
    if (on) { fit(); timer = setInterval(fit, 250); }  // a chart redrawn while printing is fitted again
    else document.querySelectorAll(ITEMS).forEach((el) => { el.style.zoom = ''; });
  };
  window.matchMedia('print').addEventListener('change', (e) => printing(e.matches));
  window.addEventListener('beforeprint', () => printing(true));
  window.addEventListener('afterprint', () => printing(false));
})();
</script>"""
# Streamlit writes a primary button's label and a multiselect's chosen tags in white on primaryColor; the dark
# theme's primaryColor is light (so a selected segmented control's label reads 4.5:1 on the dark page), on which
# white would not read: those labels take the page's dark colour instead (6.9:1).
DARK_CSS = (f'[data-testid^="stBaseButton-primary"], [data-tag], [data-tag] * '
            f'{{ color: {theme.DARK.background} !important; }}\n')


def surface() -> theme.Surface:
    """The surface the page is drawn on: dark when the browser or the settings menu asks for it."""
    return theme.DARK if st.context.theme.type == "dark" else theme.LIGHT


# Dark copies of the finished figures, by the figure they copy. The views are cached (ui.inputs.build), so the
# same figure comes back on every rerun: it is recoloured once (30–50 ms a chart), not on each rerun. An entry
# goes when its figure does.
_DARK_COPIES: dict[int, go.Figure] = {}


def for_screen(fig: go.Figure) -> go.Figure:
    """A finished figure as the page draws it: a dark copy on the dark theme; the figure itself on light."""
    drawn_on = surface()
    if drawn_on == theme.LIGHT:
        return fig
    copy = _DARK_COPIES.get(id(fig))
    if copy is None:
        copy = _DARK_COPIES[id(fig)] = on_surface(fig, drawn_on)
        weakref.finalize(fig, _DARK_COPIES.pop, id(fig), None)
    return copy


def inject_css() -> None:
    """The app's own CSS and print fitting: print rules always, the dark theme's fixes when the page is dark."""
    css = PRINT_CSS + (DARK_CSS if surface() == theme.DARK else "")
    st.html(f"<style>{css}</style>")
    st.sidebar.html(PRINT_JS, unsafe_allow_javascript=True)  # in the sidebar: it takes no room on the page
