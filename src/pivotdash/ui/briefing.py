"""Briefing widgets: choose and order views, export each chart, download the deck, PDF and zip."""

from __future__ import annotations

import streamlit as st

from pivotdash import briefing, paths, schema
from pivotdash.errors import DataError
from pivotdash.export.formats import PER_VIEW, WHOLE, Request
from pivotdash.export.plotly_config import plotly_config
from pivotdash.filters import Filters, describe
from pivotdash.links import absolute
from pivotdash.text import plain_markdown
from pivotdash.trade import schema as ts
from pivotdash.ui.data import core, fingerprint
from pivotdash.ui.downloads import prepared, share_images
from pivotdash.ui.links import base_url
from pivotdash.views import View

TITLE_KEY, VIEWS_KEY, SCALE_KEY = "title", "views", "scale"
DEFAULT_TITLE = "Will Russia's turn to Asia last?"
DEFAULT_VIEWS = ["timeline"]


def _label(choice_id: str) -> str:
    return briefing.BY_ID[choice_id].label if choice_id in briefing.BY_ID else choice_id


def _move(index: int, step: int) -> None:
    """Swap a chosen view with its neighbour (runs before the rerun, so the widget shows the new order)."""
    order = list(st.session_state.get(VIEWS_KEY, []))
    j = index + step
    if 0 <= index < len(order) and 0 <= j < len(order):
        order[index], order[j] = order[j], order[index]
        st.session_state[VIEWS_KEY] = order


def choose_views() -> tuple[str, list[str], int]:
    """Title, the chosen view ids in briefing order, and the PNG scale."""
    title = st.text_input("Briefing title", DEFAULT_TITLE, key=TITLE_KEY, bind="query-params", max_chars=120)
    ids = st.multiselect(
        "Views, in briefing order", [c.id for c in briefing.CHOICES], default=DEFAULT_VIEWS,
        format_func=_label, key=VIEWS_KEY, bind="query-params",
        help="Each view uses the sidebar filters (era, driver, years). Use the arrows to reorder.",
    )
    for i, cid in enumerate(ids):
        left, up, down = st.columns([8, 1, 1], vertical_alignment="center")
        left.text(f"{i + 1}. {_label(cid)}")
        up.button("↑", key=f"up-{cid}", on_click=_move, args=(i, -1), disabled=i == 0, help="Move up")
        down.button("↓", key=f"down-{cid}", on_click=_move, args=(i, 1), disabled=i == len(ids) - 1,
                    help="Move down")
    scale = st.segmented_control("PNG resolution", [2, 3], default=2, key=SCALE_KEY, required=True,
                                 format_func=lambda s: f"{s}× (slide {1280 * s}×{720 * s})")
    return (title or DEFAULT_TITLE).strip(), ids, int(scale or 2)


@st.cache_data(max_entries=16, show_spinner="Building the views…")
def _build(ids: tuple[str, ...], filters: Filters, data_fp: tuple[tuple[str, float, int], ...]) -> briefing.Built:
    # data_fp is part of the key: an edited data file rebuilds the views on the next rerun.
    notes: list[str] = []
    try:
        dataset = core()
    except DataError as err:
        dataset = None
        notes.append(f"The core data has {len(err.problems)} problem(s); the Sources page lists them.")
    built = briefing.build(ids, briefing.Inputs(filters, dataset))
    return briefing.Built(built.views, notes + built.notes)


def build_views(ids: list[str], filters: Filters) -> briefing.Built:
    """The chosen views (cached per choice, filters and data); problems become notes, not an error page."""
    folder = paths.data_dir()
    names = tuple(s.name for s in schema.CORE_FILES) + tuple(s.name for s in (*ts.TABLES, ts.PUBLISHED))
    return _build(tuple(ids), filters, fingerprint(folder, names))


def show_notes(notes: list[str]) -> None:
    for note in notes:
        st.warning(plain_markdown(note))


def briefing_downloads(views: list[View], title: str, filters: Filters) -> None:
    """The whole briefing as each format the table lists for it: the deck, the PDF briefing, the zip."""
    if not views:
        st.info("Choose at least one view to build a briefing.")
        return
    req = share_images(Request(tuple(views), title, describe(filters), base_url()))
    for fmt, col in zip(WHOLE, st.columns(len(WHOLE)), strict=True):
        key = f"dl-briefing-{fmt.key}"
        if reason := fmt.unavailable():
            # Our own message (the fix in `code`), not data: shown as markdown.
            col.info(f"{fmt.label}: not on this machine. {reason}")
        prepared([(fmt, key, fmt.label)], req, prepare_label=f"Prepare the {fmt.label}", prepare_key=f"prepare-{key}",
                 what=f"the {fmt.label} of “{title}”", slots=[col], primary=fmt is WHOLE[0])


def chart_card(view: View, scale: int) -> None:
    """The chart as it will export, and its downloads (each per-view format of the table) and the link."""
    with st.container(border=True):
        st.plotly_chart(view.figure, theme=None, config=plotly_config(view), key=f"chart-{view.id}")
        base = base_url()
        req = Request((view,), view.title, view.subtitle, base, scale)
        cols = st.columns(len(PER_VIEW) + 1)
        labels = {"png": f"PNG {scale}×"}
        items = [(f, f"dl-{view.id}-{f.key}", labels.get(f.key, f.label)) for f in PER_VIEW]
        drawn = [f.label for f in PER_VIEW if f.draws()]
        prepared(items, req, prepare_label=f"Prepare {', '.join(drawn)}", prepare_key=f"prepare-{view.id}",
                 what=f"the {', '.join(drawn)} of “{view.title}”", slots=cols[:len(PER_VIEW)])
        for reason in dict.fromkeys(r for f in PER_VIEW if (r := f.unavailable())):
            st.info(reason)
        if view.link:
            with cols[-1]:
                st.link_button("Open view", absolute(view.link, base))
            st.code(absolute(view.link, base), language=None, wrap_lines=True)
