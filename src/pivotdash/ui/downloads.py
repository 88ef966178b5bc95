"""Download buttons from the formats table: drawn files are prepared on a click, so a failure shows on the page."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import plotly.io as pio
import streamlit as st

from pivotdash.errors import ExportUnavailable
from pivotdash.export.browser import RETRY_HINT
from pivotdash.export.formats import Format, Request
from pivotdash.export.tables import to_safe_csv
from pivotdash.text import plain_markdown

# A download button whose file is made on click (deferred data) runs that code outside the page's
# script run: when it raises, Streamlit can show nothing but a generic "Failed to generate file"
# for a few seconds. So every file the browser draws (PNG, SVG, PDF, deck, PDF briefing, zip) is
# made by a "Prepare" button inside the script run instead: a spinner while it is drawn, then a
# download button holding the finished bytes, or a message naming what failed and what to do.
# Files that need no browser (HTML, CSV, a zip of CSVs when there is no browser) stay one click.

READY_KEY = "export-ready"  # session: button key → (signature of what it exports, the file's bytes)
IMAGES_KEY = "export-images"  # session: (signature of the briefing's views, their one image batch)
_log = logging.getLogger(__name__)


def _views_signature(req: Request) -> str:
    h = hashlib.sha256()
    for view in req.views:
        for part in (view.id, view.link, pio.to_json(view.figure, validate=False) or "", str(view.data.shape)):
            h.update(part.encode())
            h.update(b"\0")
    return h.hexdigest()


def signature(req: Request) -> str:
    """What a prepared file depends on: its views (figures included), the request's words and scale, its template."""
    words = "\0".join((req.title, req.subtitle, req.base_url, str(req.scale), *req.messages,
                       req.template.digest if req.template else ""))
    return hashlib.sha256(f"{_views_signature(req)}\0{words}".encode()).hexdigest()


def share_images(req: Request) -> Request:
    """Give `req` this session's image batch for the same views, so the deck, PDF and zip draw each chart once."""
    sig = _views_signature(req)
    cached = st.session_state.get(IMAGES_KEY)
    if cached is not None and cached[0] == sig:
        req.images = cached[1]
    else:
        st.session_state[IMAGES_KEY] = (sig, req.images)
    return req


def _deferred(fmt: Format, req: Request, key: str, label: str, **kw: Any) -> None:
    st.download_button(label, lambda: fmt.build(req), file_name=fmt.file_name(req), mime=fmt.mime, key=key,
                       on_click="ignore", help=fmt.help or None, **kw)


def failure_message(what: str, exc: BaseException) -> str:
    """What failed and what to do, as text (an exception's words never render as markdown)."""
    if isinstance(exc, ExportUnavailable):
        return plain_markdown(f"{what} could not be made. {exc}")
    return plain_markdown(f"{what} could not be made ({type(exc).__name__}: {exc}). {RETRY_HINT}")


def _build_all(items: Sequence[tuple[Format, str]], req: Request, sig: str, what: str) -> bool:
    """Build each format into the session's ready files; on failure show why and return False."""
    ready: dict[str, tuple[str, bytes]] = st.session_state.setdefault(READY_KEY, {})
    try:
        with st.spinner(plain_markdown(f"Drawing {what}…")):
            for fmt, key in items:
                ready[key] = (sig, fmt.build(req))
    except Exception as exc:  # every failure becomes a message: a download that silently does nothing is worse
        if not isinstance(exc, ExportUnavailable):
            _log.exception("Export of %s failed", what)
        st.error(failure_message(what, exc))
        return False
    return True


def prepared(
    items: Sequence[tuple[Format, str, str]],
    req: Request,
    *,
    prepare_label: str,
    prepare_key: str,
    what: str,
    slots: Sequence[Any] | None = None,
    primary: bool = False,
) -> None:
    """Download buttons (format, key, label) for files drawn on a "Prepare" click, one slot each.

    Until they are ready, one prepare button stands in the first of their slots. `what` names the
    files in the spinner and in a failure message. A format that cannot be made here (its
    `unavailable` reason, which the caller shows) gets no button; one that draws nothing right now
    (the zip of CSVs without a browser) is a one-click download.
    """
    slots = list(slots) if slots is not None else [st.container() for _ in items]
    drawn = [(f, k, label) for f, k, label in items if f.unavailable() is None and f.draws()]
    for (fmt, key, label), slot in zip(items, slots, strict=True):
        if fmt.unavailable() is None and (fmt, key, label) not in drawn:
            with slot:
                _deferred(fmt, req, key, label, type="primary" if primary else "secondary")
    if not drawn:
        return
    sig = signature(req)
    ready: dict[str, tuple[str, bytes]] = st.session_state.get(READY_KEY, {})

    def all_ready() -> bool:
        return all(ready.get(k, ("",))[0] == sig for _, k, _ in drawn)

    if not all_ready():
        holder = slots[items.index(drawn[0])].empty()
        clicked = holder.button(prepare_label, key=prepare_key, type="primary" if primary else "secondary",
                                help=plain_markdown(f"Draws {what} now; a download button then takes its place."))
        if not clicked or not _build_all([(f, k) for f, k, _ in drawn], req, sig, what):
            return
        holder.empty()
        ready = st.session_state[READY_KEY]
    for fmt, key, label in drawn:
        data = ready[key][1]
        with slots[items.index((fmt, key, label))]:
            st.download_button(label, _constant(data), file_name=fmt.file_name(req), mime=fmt.mime, key=key,
                               on_click="ignore", type="primary", help=fmt.help or None)


def csv_data(frame: pd.DataFrame) -> Callable[[], bytes]:
    """A download button's data for `frame` as safe CSV, written only when the button is clicked."""
    return lambda: to_safe_csv(frame)


def _constant(data: bytes) -> Callable[[], bytes]:
    # Deferred, so the bytes reach the media store only when clicked; they are already made and cannot fail.
    return lambda: data
