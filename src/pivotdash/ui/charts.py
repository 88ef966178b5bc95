"""One chart on a page: the figure or its table, its text alternative, its downloads (built on click), the link
that reopens it, add to briefing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pivotdash import state as ps
from pivotdash.export.formats import PER_VIEW, Request
from pivotdash.export.plotly_config import plotly_config
from pivotdash.text import plain_markdown
from pivotdash.ui.appearance import for_screen
from pivotdash.ui.downloads import prepared
from pivotdash.ui.links import base_url
from pivotdash.views import View

BRIEFING_ITEMS = "briefing_items"  # the briefing's views (their links), kept for the whole session


def briefing_items() -> list[ps.Item]:
    return list(st.session_state.get(BRIEFING_ITEMS, []))


def add_to_briefing(link: str) -> None:
    st.session_state[BRIEFING_ITEMS] = [*briefing_items(), ps.Item(link)][: ps.MAX_ITEMS]
    st.toast("Added to the briefing.")


def briefing_count(slot: Any) -> None:
    """How many views the briefing holds, in its sidebar `slot`, with the way to it. Filled after the page
    has run, so views the page itself adds (a briefing link or file opened) are counted on the same run."""
    n = len(briefing_items())
    slot.page_link(ps.page_file("briefing"), label=f"Briefing: {n} view{'' if n == 1 else 's'}")


def downloads(view: View, key: str, *, scale: int = 2, add: bool = True) -> None:
    """Each per-view format of the export table for exactly this view (drawn ones prepared on a click), and
    the button that adds this exact view to the briefing."""
    req = Request((view,), view.title, view.subtitle, base_url(), scale)
    cols = st.columns(len(PER_VIEW) + (1 if view.link and add else 0))
    labels = {"png": f"PNG {scale}×"}
    items = [(f, f"dl-{key}-{f.key}", labels.get(f.key, f.label)) for f in PER_VIEW]
    drawn = [f.label for f in PER_VIEW if f.draws() and f.unavailable() is None]
    prepared(items, req, prepare_label=f"Prepare {', '.join(drawn)}", prepare_key=f"prepare-{key}",
             what=f"the {', '.join(drawn)} of “{view.title}”", slots=cols[:len(PER_VIEW)])
    if view.link and add:
        cols[-1].button("Add to briefing", key=f"brief-{key}", on_click=add_to_briefing, args=(view.link,),
                        help="Adds this exact view (filters, switches, picks) to the Briefing page.")
    for reason in dict.fromkeys(r for f in PER_VIEW if (r := f.unavailable())):
        st.caption(reason)


def show_link(view: View) -> None:
    """The full URL that reopens this view, ready to paste into an e-mail or a slide's notes."""
    if view.link:
        st.caption("Link to this view")
        st.code(ps.absolute(view.link, base_url()), language=None, wrap_lines=True)


# A column's unit, read from the suffix its name carries in every CSV of pivotdash.
_UNITS = (("_usd_bn", "US$ bn"), ("_usd_mn", "US$ mn"), ("_pct", "%"), ("_years", "years"), ("_km", "km"))


def column_label(name: str) -> str:
    """A data column's heading for readers: words, not identifiers, with the unit its name carries."""
    for suffix, unit in _UNITS:
        if name.endswith(suffix) and name != suffix.lstrip("_"):
            return f"{column_label(name[: -len(suffix)])} ({unit})"
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def table_config(frame: pd.DataFrame) -> dict[str, Any]:
    """Headings in words with units; decimals to one place; years as years (no thousands separator)."""
    config: dict[str, Any] = {}
    for col in frame.columns:
        label = column_label(str(col))
        dtype = frame[col].dtype
        if pd.api.types.is_float_dtype(dtype):
            config[col] = st.column_config.NumberColumn(label, format="%.1f" if "_mn" not in str(col) else "%.0f")
        elif pd.api.types.is_integer_dtype(dtype):
            config[col] = st.column_config.NumberColumn(label, format="%d")
        else:
            config[col] = st.column_config.Column(label)
    return config


TABLE_ROWS = 500  # past a few hundred rows a table is scrolled, not read, and each row is sent on every rerun


def show_table(view: View, key: str, rows: int = TABLE_ROWS) -> None:
    """The view's own data (what its CSV download writes), for reading: no index, headings with units; the
    first `rows` rows only, saying so (the CSV download has them all)."""
    if view.data.empty:
        st.info("This chart has no rows of data to show as a table.")
        return
    shown = view.data.head(rows)
    st.dataframe(shown, hide_index=True, width="stretch", column_config=table_config(shown), key=f"{key}_table")
    total = len(view.data)
    if total > rows:
        st.caption(f"The first {rows:,} of {total:,} rows the chart draws; the CSV download has them all.")
    else:
        st.caption(f"{total:,} row{'' if total == 1 else 's'}: the rows the chart draws, as its CSV download has "
                   "them.")


def text_alternative(view: View) -> None:
    """The chart in one line of words (its text alternative), for readers who cannot see the chart."""
    st.caption(f"In words: {plain_markdown(view.alt_text)}")


def chart_key(key: str) -> str:
    """The session key of the chart shown under `key` (its selection, when it has one)."""
    return f"{key}_chart"


def chart_or_table(view: View, key: str, *, figure: go.Figure | None = None, select: Sequence[str] = (),
                   on_select: Callable[[], None] | None = None) -> Any:
    """Two tabs, as OWID's grapher has: the chart (`figure`, by default the view's) with its text alternative
    under it, and the table of its data. With `select` (plotly selection modes: "points", "box"), a selection
    reruns the page, calling `on_select` first. Returns the chart's selection."""
    kw: dict[str, Any] = {"on_select": on_select or "rerun", "selection_mode": tuple(select)} if select else {}
    as_chart, as_table = st.tabs(["Chart", "Table"])
    with as_chart:
        selection = st.plotly_chart(for_screen(view.figure if figure is None else figure), key=chart_key(key),
                                    config=plotly_config(view), **kw)
        text_alternative(view)
    with as_table:
        show_table(view, key)
    return selection


def show(view: View, key: str, *, select: Sequence[str] = (), on_select: Callable[[], None] | None = None,
         caption: str = "") -> Any:
    """The chart as it exports (or, on its Table tab, its data), its text alternative, downloads and link;
    with `select`, a selection (a click on a point, a dragged box) reruns the page, calling `on_select` first."""
    selection = chart_or_table(view, key, select=select, on_select=on_select)
    downloads(view, key)
    if caption:
        st.caption(caption)
    show_link(view)
    return selection
