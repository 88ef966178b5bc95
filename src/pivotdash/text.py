"""Making data strings safe to show: plotly labels, markdown and spreadsheet cells."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_BIDI_AND_ZERO_WIDTH = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plain_label(text: object) -> str:
    """Escape a string for plotly's HTML-subset labels so tags show as text, never as markup."""
    return html.escape(str(text), quote=False)


def plain_markdown(text: object) -> str:
    """Escape a string for st.markdown so links, images, emphasis and HTML show literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def strip_invisible(text: str) -> str:
    """Remove bidi overrides and zero-width characters that could disguise a string."""
    return _BIDI_AND_ZERO_WIDTH.sub("", text)
