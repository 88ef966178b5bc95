"""File names of exports: descriptive, filesystem-safe, and never cut in the middle of a word."""

from __future__ import annotations

import re

from pivotdash.figures.finish import APP_NAME
from pivotdash.views import View

WHAT_LIMIT = 60  # characters of a view's description (its filters) in its file name
TITLE_LIMIT = 60  # characters of a briefing title in the briefing's file names


def slug(text: str, limit: int = WHAT_LIMIT) -> str:
    """`text` as lower-case words joined by hyphens, whole words only, at most `limit` characters.

    A first word longer than `limit` on its own is cut, as there is no word boundary to stop at.
    """
    words = [w for w in re.split(r"[^a-z0-9]+", text.casefold()) if w]
    out = ""
    for word in words:
        longer = f"{out}-{word}" if out else word
        if len(longer) > limit:
            break
        out = longer
    return out or (words[0][:limit] if words else "")


def file_stem(view: View) -> str:
    """`pivotdash-timeline-soviet-union-…`: the view's exports named for the view and its filters."""
    what = slug(view.subtitle)
    return f"{APP_NAME}-{slug(view.id) or 'chart'}" + (f"-{what}" if what else "")


def briefing_stem(title: str) -> str:
    """`pivotdash-will-russia-s-turn-to-asia-last`: the deck, PDF and zip named for the briefing's title."""
    return f"{APP_NAME}-{slug(title, TITLE_LIMIT) or 'briefing'}"


def member_stem(n: int, view: View) -> str:
    """`01-timeline`: a file inside the zip, numbered in briefing order so the files sort as the slides do."""
    return f"{n:02d}-{slug(view.id) or 'chart'}"
