"""Briefing widgets: its views in order (move, copy, remove, retitle, a key message), its file, its downloads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from pivotdash import briefing
from pivotdash import state as ps
from pivotdash.export import template
from pivotdash.export.formats import WHOLE, Request
from pivotdash.export.names import briefing_stem
from pivotdash.export.plotly_config import plotly_config
from pivotdash.state import Item
from pivotdash.text import plain_markdown
from pivotdash.ui import charts, data
from pivotdash.ui.downloads import prepared, share_images
from pivotdash.ui.inputs import PAGE_DATA
from pivotdash.ui.links import base_url
from pivotdash.ui.state import shared_filters, url_params
from pivotdash.views import View

P = ps.P
SCALE_KEY, ADD_KEY, FILE_KEY, TEMPLATE_KEY = P.SCALE, "briefing_add", "briefing_file", "briefing_template"
DEFAULT_TITLE = briefing.DEFAULT_TITLE
_WRITTEN, _FILE_SEEN, _TEMPLATE_READ = "_briefing_url_written", "_briefing_file_seen", "_briefing_template_read"
# The menu labels older briefing links carried (`?views=Trade+charts`), and their standard views.
LEGACY = {"Timeline": "timeline", "Episodes": "episodes", "Trade charts": "trade", "Claim check": "claim_check",
          "Map": "map"}


def _items() -> list[Item]:
    return charts.briefing_items()


def _set(items: list[Item]) -> None:
    st.session_state[charts.BRIEFING_ITEMS] = items[: briefing.MAX_ITEMS]
    for key in [k for k in st.session_state if str(k).startswith(("brief-title-", "brief-msg-"))]:
        del st.session_state[key]  # the editors refill from the items in their new order


def sync_with_link() -> None:
    """A briefing link (pasted, or a fresh visit) sets the briefing; otherwise the session's briefing stays."""
    linked, _ = ps.from_query("briefing", url_params(), PAGE_DATA.names())
    assert isinstance(linked, ps.BriefingState)
    legacy = [Item(briefing.standard_link(LEGACY.get(v, v), linked.filters, PAGE_DATA.names()))
              for v in linked.legacy_views if LEGACY.get(v, v) in briefing.CHOICE_IDS]
    from_url = list(linked.items) + legacy
    if from_url and from_url != st.session_state.get(_WRITTEN):
        _set(from_url)


def write_link(items: list[Item]) -> None:
    """The briefing's views into the URL, so the whole briefing is a link."""
    for key in (P.ITEM, P.ITEM_TITLE, P.ITEM_MESSAGE, P.LEGACY_VIEWS):
        if key in st.query_params:
            del st.query_params[key]
    grouped: dict[str, list[str]] = {}
    for key, value in ps.to_query(ps.BriefingState(items=tuple(items))):
        grouped.setdefault(key, []).append(value)
    for key, values in grouped.items():
        st.query_params[key] = values
    st.session_state[_WRITTEN] = list(items)


def open_file() -> None:
    """A saved briefing file opened: its title and views replace the briefing's (once per file)."""
    file = st.file_uploader("Open a saved briefing (.json)", type=["json"], key=FILE_KEY,
                            help="A file saved with “Save the briefing”. Nothing in it runs; links must open "
                                 "pages of pivotdash.")
    if file is None or st.session_state.get(_FILE_SEEN) == file.file_id:
        return
    st.session_state[_FILE_SEEN] = file.file_id
    try:
        opened = briefing.from_file(file.getvalue(), file.name)
    except briefing.BriefingFileError as exc:
        st.error(plain_markdown(str(exc)))
        return
    _set(list(opened.items))
    st.session_state[P.TITLE] = opened.title


def briefing_state() -> ps.BriefingState:
    """The title, the views in order, the PNG scale; the standard-view menu adds to the views."""
    sync_with_link()
    open_file()
    title = st.text_input("Briefing title", DEFAULT_TITLE, key=P.TITLE, bind="query-params",
                          max_chars=briefing.TITLE_MAX)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    choice = left.selectbox("Add a standard view (with the sidebar's filters)", briefing.CHOICE_IDS,
                            format_func=briefing.CHOICE_LABELS.__getitem__, key=ADD_KEY, index=None,
                            placeholder="Choose a view…",
                            help="Or use “Add to briefing” under any chart, to add the view exactly as you built it.")
    if right.button("Add", key="briefing_add_button", disabled=choice is None) and choice:
        _set([*_items(), Item(briefing.standard_link(choice, shared_filters(), PAGE_DATA.names()))])
    scale = st.segmented_control("PNG resolution", [2, 3], default=2, key=SCALE_KEY, required=True,
                                 format_func=lambda s: f"{s}× (slide {1280 * s}×{720 * s})")
    return ps.BriefingState(shared_filters(), (title or DEFAULT_TITLE).strip(), tuple(_items()), int(scale or 2))


def _move(i: int, step: int) -> None:
    items = _items()
    j = i + step
    if 0 <= i < len(items) and 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
        _set(items)


def _copy(i: int) -> None:
    items = _items()
    _set(items[: i + 1] + items[i:])


def _remove(i: int) -> None:
    items = _items()
    _set(items[:i] + items[i + 1:])


def edit_items(state: ps.BriefingState, built: briefing.Built) -> ps.BriefingState:
    """Each view in order with its controls, its own title and key message; the briefing as edited."""
    items = _items()
    titles = {i.link: v.title for v, i in zip(built.views, built.items, strict=True)}
    for n, item in enumerate(items):
        with st.container(border=True, key=f"brief-item-{n}"):
            st.text(f"{n + 1}. {titles.get(item.link, item.link)}")
            # The title has the card's whole width; the buttons say what they do (the icons are decoration,
            # hidden from screen readers) and wrap onto a second line in a narrow column.
            with st.container(horizontal=True, gap="small", key=f"brief-buttons-{n}"):
                st.button("Move up", key=f"up-{n}", icon=":material/arrow_upward:", on_click=_move, args=(n, -1),
                          disabled=n == 0)
                st.button("Move down", key=f"down-{n}", icon=":material/arrow_downward:", on_click=_move,
                          args=(n, 1), disabled=n == len(items) - 1)
                st.button("Duplicate", key=f"copy-{n}", icon=":material/content_copy:", on_click=_copy, args=(n,))
                st.button("Remove", key=f"remove-{n}", icon=":material/delete:", on_click=_remove, args=(n,))
            t_key, m_key = f"brief-title-{n}", f"brief-msg-{n}"
            st.session_state.setdefault(t_key, item.title)
            st.session_state.setdefault(m_key, item.message)
            own = st.text_input("Your title for this slide (optional)", key=t_key, max_chars=briefing.TITLE_MAX,
                                placeholder="The chart's own title")
            message = st.text_area("Key message (one or two sentences)", key=m_key, max_chars=briefing.MESSAGE_MAX,
                                   height=68)
            items[n] = replace(item, title=own.strip(), message=message.strip())
    st.session_state[charts.BRIEFING_ITEMS] = items
    write_link(items)
    return replace(state, items=tuple(items))


@st.cache_data(max_entries=16, show_spinner="Building the views…")
def _build(items: tuple[Item, ...], version: tuple[str, data.Fingerprint]) -> briefing.Built:
    # The data version is part of the key: an edited data file rebuilds the views on the next rerun.
    return briefing.build(items, PAGE_DATA)


def build_views(items: tuple[Item, ...]) -> briefing.Built:
    """Every item's view as its page builds it (cached per items and data); problems become notes."""
    return _build(items, data.version())


def show_notes(notes: list[str]) -> None:
    for note in notes:
        st.warning(plain_markdown(note))


def deck_template(views: int) -> template.Template | None:
    """The analyst's own PowerPoint template for the deck, uploaded here (held in the session, never on disk)."""
    file = st.file_uploader(
        "Your PowerPoint template for the deck (.pptx or .potx, optional)", type=["pptx", "potx"], key=TEMPLATE_KEY,
        max_upload_size=template.MAX_BYTES // (1024 * 1024),
        help="The deck then takes its slide master, layouts and theme fonts. The briefing's link does not carry "
             "the template: add it again in a new session, or use `--template FILE` on the command line.")
    if file is None:
        return None
    read = st.session_state.get(_TEMPLATE_READ)
    if read is None or read[0] != file.file_id:  # checked once per upload, not on every rerun
        try:
            read = (file.file_id, template.read(file.getvalue(), file.name))
        except template.TemplateError as exc:
            read = (file.file_id, str(exc))
        st.session_state[_TEMPLATE_READ] = read
    found = read[1]
    if isinstance(found, str):  # the file's name and problem, as text
        st.error(plain_markdown(f"This template cannot be used, so the deck keeps pivotdash's own layout: {found}"))
        return None
    st.success(plain_markdown(f"The deck uses your template {found.describe()}."))
    for note in found.notes(views):
        st.warning(plain_markdown(note))
    return found


def briefing_downloads(built: briefing.Built, state: ps.BriefingState) -> None:
    """The briefing file, then the whole briefing as each format the table lists for it: deck, PDF, zip."""
    views, title = built.views, state.title
    saved = briefing.to_file(briefing.Briefing(title, tuple(state.items)))
    st.download_button("Save the briefing (.json)", _constant(saved), file_name=f"{briefing_stem(title)}.json",
                       mime="application/json", key="dl-briefing-file", on_click="ignore",
                       help="The title, the views (as links), your titles and messages: reopen it here or "
                            "export it with `python -m pivotdash export --briefing FILE`.")
    if not views:
        st.info("The briefing is empty: add a view with “Add to briefing” under any chart, or from the menu above.")
        return
    subtitle = f"{len(views)} view{'s' if len(views) > 1 else ''} · pivotdash"
    own = deck_template(len(views))
    req = share_images(Request(tuple(views), title, subtitle, base_url(), state.scale,
                               tuple(i.message for i in built.items), own))
    for fmt, col in zip(WHOLE, st.columns(len(WHOLE)), strict=True):
        key = f"dl-briefing-{fmt.key}"
        if reason := fmt.unavailable():
            # Our own message (the fix in `code`), not data: shown as markdown.
            col.info(f"{fmt.label}: not on this machine. {reason}")
        prepared([(fmt, key, fmt.label)], req, prepare_label=f"Prepare the {fmt.label}", prepare_key=f"prepare-{key}",
                 what=f"the {fmt.label} of “{title}”", slots=[col], primary=fmt is WHOLE[0])


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def chart_cards(built: briefing.Built, scale: int) -> None:
    """Each chart as it will export, with its downloads."""
    seen: dict[str, int] = {}
    for view, item in zip(built.views, built.items, strict=True):
        seen[view.id] = seen.get(view.id, 0) + 1
        key = view.id if seen[view.id] == 1 else f"{view.id}-{seen[view.id]}"
        with st.container(border=True):
            st.plotly_chart(view.figure, theme=None, config=plotly_config(view), key=f"chart-{key}")
            if item.message:
                st.markdown("**Key message:** " + plain_markdown(item.message))
            charts.downloads(view, key, scale=scale, add=False)
            charts.show_link(view)


__all__ = ["View", "briefing_downloads", "briefing_state", "build_views", "chart_cards", "deck_template", "edit_items",
           "show_notes", "write_link"]
