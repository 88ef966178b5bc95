"""Making data strings safe to show: plotly labels, markdown and spreadsheet cells."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
WORD_JOINER = "\u2060"
# The points where GFM starts an autolink: "http(s)/ftp" before "://", "www" before ".", and the
# character before an e-mail address's "@".
_AUTOLINK_STARTS = (
    re.compile(r"(?i)(\b(?:https?|ftp))(\\?:)"),
    re.compile(r"(?i)(\bwww)(\\?\.)"),
    re.compile(r"([\w.+-])(@)"),
)
_BIDI_AND_ZERO_WIDTH = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plain_label(text: object) -> str:
    """Escape a string for plotly's HTML-subset labels so tags show as text, never as markup."""
    return html.escape(str(text), quote=False)


def plain_markdown(text: object) -> str:
    """Escape a string for st.markdown so links, images, emphasis and HTML show literally.

    Backslash escapes do not stop GFM's autolinks (bare URLs, www., e-mail addresses): an invisible
    word joiner inside each such pattern does, and the text still reads the same.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    for start in _AUTOLINK_STARTS:
        escaped = start.sub(lambda m: m.group(1) + WORD_JOINER + m.group(2), escaped)
    return escaped


def strip_invisible(text: str) -> str:
    """Remove bidi overrides and zero-width characters that could disguise a string."""
    return _BIDI_AND_ZERO_WIDTH.sub("", text)
