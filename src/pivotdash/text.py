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
# The explicit bidi formatting characters: embeddings (LRE, RLE), overrides (LRO, RLO), their terminator
# (PDF) and the isolates (LRI, RLI, FSI, PDI). An override left open reverses everything drawn after it.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, …, and their presentation forms).
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate and its end


def bidi_safe(text: object) -> str:
    """A data string that cannot reverse or reorder the text around it, however it is shown or drawn.

    The explicit controls are removed: Hebrew and Arabic read right to left from their letters alone
    (the Unicode bidi algorithm's implicit levels), so a name needs no override, while an override is
    what makes "exe.gnp" read "png.exe" or flips a card's title. A string that holds right-to-left
    letters is then wrapped in an isolate (FSI … PDI): it keeps its own direction, and the digits and
    punctuation that follow it in a label stay where they are. Zero-width characters stay (ZWJ and
    ZWNJ are part of correct Persian, Indic and emoji text).
    """
    cleaned = _BIDI_CONTROLS.sub("", str(text))
    return f"{FSI}{cleaned}{PDI}" if _RIGHT_TO_LEFT.search(cleaned) else cleaned


def plain_label(text: object) -> str:
    """Escape a string for plotly's HTML-subset labels so tags show as text, never as markup; bidi-safe."""
    return html.escape(bidi_safe(text), quote=False)


def plain_markdown(text: object) -> str:
    """Escape a string for st.markdown so links, images, emphasis and HTML show literally; bidi-safe.

    Backslash escapes do not stop GFM's autolinks (bare URLs, www., e-mail addresses): an invisible
    word joiner inside each such pattern does, and the text still reads the same.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", bidi_safe(text))
    for start in _AUTOLINK_STARTS:
        escaped = start.sub(lambda m: m.group(1) + WORD_JOINER + m.group(2), escaped)
    return escaped
