"""A briefing as data: its title and views (each a link, with the analyst's own title and key message)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pivotdash import state as ps
from pivotdash.errors import DataError
from pivotdash.filters import Filters
from pivotdash.state import Item
from pivotdash.views import Data, View, build_link

FILE_FORMAT = "pivotdash-briefing"
FILE_VERSION = 1
MAX_FILE_BYTES = 256 * 1024
MAX_ITEMS = ps.MAX_ITEMS
TITLE_MAX = ps.TITLE_MAX
MESSAGE_MAX = ps.MESSAGE_MAX
DEFAULT_TITLE = "Will Russia's turn to Asia last?"


@dataclass(frozen=True)
class Briefing:
    title: str = DEFAULT_TITLE
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Built:
    """The views built for a briefing, in its order (each with its item), and why any item was skipped."""

    views: list[View]
    items: list[Item]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Choice:
    """A standard view to add from the Briefing page or the command line: a chart opened with the shared filters."""

    id: str
    label: str
    help: str
    chart: str
    page_state: ps.PageState


def _choices(f: Filters) -> tuple[Choice, ...]:
    trade = ps.TradeState(filters=Filters(years=f.years, eras=f.eras, drivers=f.drivers))
    return (
        Choice("timeline", "Timeline", "Episodes as bands, events as markers.", "timeline", ps.TimelineState(f)),
        Choice("episodes", "Episodes: drivers and endings", "What drove each turn East and what ended it.",
               "episodes-matrix", ps.EpisodesState(f)),
        Choice("compare", "Episodes: turns compared", "Two turns East on one axis of years since each began.",
               "episodes-compare", ps.EpisodesState(f)),
        Choice("trade", "Trade composition", "Export shares by partner, 1992–2020 (IMF DOTS).",
               "trade-composition", trade),
        Choice("history", "Trade 1827–1937", "Export shares by partner under the Empire and the early USSR.",
               "trade-history", replace(trade, tab="history")),
        Choice("claim_check", "Claim check", "The paper's trade claims against the data.", "trade-claims",
               replace(trade, tab="claims")),
        Choice("map", "Map", "Far East flashpoints and routes.", "map", ps.MapState(f)),
    )


CHOICE_IDS: tuple[str, ...] = tuple(c.id for c in _choices(Filters()))
CHOICE_LABELS: dict[str, str] = {c.id: c.label for c in _choices(Filters())}


def standard_link(choice_id: str, filters: Filters, names: ps.Names | None = None) -> str:
    """The link of a standard view with these shared filters; KeyError for an unknown id."""
    choice = {c.id: c for c in _choices(filters)}[choice_id]
    return ps.link(choice.page_state, names, chart=choice.chart)


def build(items: Sequence[Item], data: Data) -> Built:
    """Each item's view, exactly as its page builds it; an item that cannot be built becomes a note."""
    views: list[View] = []
    kept: list[Item] = []
    notes: list[str] = []
    for n, item in enumerate(items, start=1):
        label = f"View {n} ({item.title or item.link})"
        try:
            opened = build_link(item.link, data)
        except ValueError as exc:
            notes.append(f"{label}: {exc}; skipped.")
            continue
        except DataError as exc:
            notes.append(f"{label}: its data has {len(exc.problems)} problem(s); skipped.")
            continue
        notes += [f"{label}: {notice}" for notice in opened.parsed.notices]
        if opened.view is None:
            notes.append(f"{label}: nothing to show with these filters; skipped.")
            continue
        views.append(titled(opened.view, item.title))
        kept.append(item)
    return Built(views, kept, notes)


def titled(view: View, title: str) -> View:
    """The view under the analyst's own title (the figure re-titled too), or as it is when none is given."""
    if not title.strip():
        return view
    from pivotdash.figures.finish import retitle

    chrome = replace(view.chrome, title=title.strip())
    return replace(view, chrome=chrome, figure=retitle(view.figure, chrome.title))


# ---- the briefing file: a small JSON document the analyst saves and reopens ------------------


def to_file(b: Briefing) -> bytes:
    doc = {"format": FILE_FORMAT, "version": FILE_VERSION, "title": b.title,
           "views": [{"link": i.link, "title": i.title, "message": i.message} for i in b.items]}
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


class BriefingFileError(ValueError):
    """A briefing file that cannot be read; the message names the entry and the problem."""


def _text(entry: dict[str, object], key: str, where: str, limit: int) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise BriefingFileError(f"{where}: “{key}” must be text, found {type(value).__name__}")
    if len(value) > limit:
        raise BriefingFileError(f"{where}: “{key}” is {len(value):,} characters long; at most {limit:,} are allowed")
    return value


def _document(raw: bytes, name: str) -> dict[str, object]:
    """The file's JSON object, checked to be a briefing file of a version this pivotdash reads."""
    if len(raw) > MAX_FILE_BYTES:
        raise BriefingFileError(f"{name} is {len(raw):,} bytes; a briefing file is at most {MAX_FILE_BYTES:,}")
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BriefingFileError(f"{name} is not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise BriefingFileError(f"{name} is not a briefing file: line {exc.lineno}, column {exc.colno}: {exc.msg}"
                                ) from exc
    if not isinstance(doc, dict) or doc.get("format") != FILE_FORMAT:
        raise BriefingFileError(f"{name} is not a briefing file: “format” must be “{FILE_FORMAT}”")
    if doc.get("version") != FILE_VERSION:
        raise BriefingFileError(f"{name}: version {doc.get('version')!r} is not one this pivotdash reads "
                                f"({FILE_VERSION})")
    return doc


def _item(entry: object, where: str) -> Item:
    if not isinstance(entry, dict):
        raise BriefingFileError(f"{where}: must be an object with a “link”")
    link = _text(entry, "link", where, 4000)
    try:
        ps.parse_link(link)
    except ValueError as exc:
        raise BriefingFileError(f"{where}: {exc}") from exc
    return Item(link, _text(entry, "title", where, TITLE_MAX), _text(entry, "message", where, MESSAGE_MAX))


def from_file(raw: bytes, name: str = "briefing file") -> Briefing:
    """A briefing from its file; BriefingFileError naming the entry and the problem when it is not one."""
    doc = _document(raw, name)
    entries = doc.get("views")
    if not isinstance(entries, list):
        raise BriefingFileError(f"{name}: “views” must be a list")
    if len(entries) > MAX_ITEMS:
        raise BriefingFileError(f"{name}: {len(entries)} views; a briefing holds at most {MAX_ITEMS}")
    title = _text(doc, "title", name, TITLE_MAX)
    items = tuple(_item(entry, f"{name}, view {n}") for n, entry in enumerate(entries, start=1))
    return Briefing(title or DEFAULT_TITLE, items)
