"""Briefing widgets: choose and order views, export each chart, download the deck, PDF and zip."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import streamlit as st

from pivotdash import briefing
from pivotdash.errors import DataError, ExportUnavailable
from pivotdash.export import images
from pivotdash.export.bundle import build_bundle
from pivotdash.export.deck import build_deck
from pivotdash.export.report import build_report, font_files
from pivotdash.export.tables import to_safe_csv
from pivotdash.filters import Filters, describe
from pivotdash.links import absolute
from pivotdash.text import plain_markdown
from pivotdash.ui import data
from pivotdash.ui.data import core
from pivotdash.ui.links import base_url
from pivotdash.views import View

TITLE_KEY, VIEWS_KEY, SCALE_KEY = "title", "views", "scale"
DEFAULT_TITLE = "Will Russia's turn to Asia last?"
DEFAULT_VIEWS = ["timeline"]
MIME_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


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
def _build(ids: tuple[str, ...], filters: Filters, data_fp: object) -> briefing.Built:
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
    return _build(tuple(ids), filters, data.version())


def show_notes(notes: list[str]) -> None:
    for note in notes:
        st.warning(plain_markdown(note))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "briefing"


def _download(label: str, data: Callable[[], bytes], file_name: str, mime: str, key: str, **kw: object) -> None:
    # Deferred data: the bytes are made on click, so a rerun never renders images nobody asked for.
    st.download_button(label, data, file_name=file_name, mime=mime, key=key, on_click="ignore", **kw)  # type: ignore[arg-type]


def briefing_downloads(views: list[View], title: str, filters: Filters) -> None:
    """One click each: the PPTX deck, the PDF briefing, the zip of every chart and its data."""
    if not views:
        st.info("Choose at least one view to build a briefing.")
        return
    base, subtitle, stem = base_url(), describe(filters), f"pivotdash-{_slug(title)}"
    reason = images.unavailable_reason()
    deck_col, pdf_col, zip_col = st.columns(3)
    if reason:
        # Our own message (the fix in `code`), not data: shown as markdown.
        deck_col.info(f"The deck and the PDF need chart images. {reason}")
    else:
        with deck_col:
            _download("PowerPoint deck (.pptx)", functools.partial(
                build_deck, views, title, subtitle=subtitle, base_url=base), f"{stem}.pptx", MIME_PPTX,
                "dl-briefing-pptx", type="primary")
        with pdf_col:
            try:
                font_files()
            except ExportUnavailable as exc:
                st.info(str(exc))
            else:
                _download("PDF briefing", functools.partial(
                    build_report, views, title, subtitle=subtitle, base_url=base), f"{stem}.pdf",
                    "application/pdf", "dl-briefing-pdf")
    with zip_col:
        _download("Zip: PNG, SVG, CSV + README", functools.partial(
            build_bundle, views, title, base_url=base, images=reason is None), f"{stem}.zip", "application/zip",
            "dl-briefing-zip")


def chart_card(view: View, scale: int) -> None:
    """The chart as it will export, and its downloads: PNG, SVG, PDF, HTML, CSV and the link."""
    with st.container(border=True):
        st.plotly_chart(view.figure, theme=None, config=images.plotly_config(view), key=f"chart-{view.id}")
        stem = images.file_stem(view)
        fig = view.figure
        reason = images.unavailable_reason()
        cols = st.columns(6)
        if reason:
            st.info(reason)
        else:
            with cols[0]:
                _download(f"PNG {scale}×", functools.partial(images.to_png, fig, scale=scale), f"{stem}.png",
                          images.MIME["png"], f"dl-{view.id}-png")
            with cols[1]:
                _download("SVG", functools.partial(images.to_svg, fig), f"{stem}.svg", images.MIME["svg"],
                          f"dl-{view.id}-svg")
            with cols[2]:
                _download("PDF", functools.partial(images.to_pdf, fig), f"{stem}.pdf", images.MIME["pdf"],
                          f"dl-{view.id}-pdf")
        base = base_url()
        with cols[3]:
            _download("HTML", functools.partial(images.to_html, view, base), f"{stem}.html", images.MIME["html"],
                      f"dl-{view.id}-html", help="Interactive and offline: plotly.js is inside the file.")
        with cols[4]:
            _download("CSV", functools.partial(to_safe_csv, view.data), f"{stem}.csv", images.MIME["csv"],
                      f"dl-{view.id}-csv", help="Exactly the data this chart shows.")
        if view.link:
            with cols[5]:
                st.link_button("Open view", absolute(view.link, base))
            st.code(absolute(view.link, base), language=None, wrap_lines=True)
