"""Each page's whole state as frozen data; every URL parameter name, page path and link is built here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode, urlsplit

from pivotdash import schema
from pivotdash.filters import YEAR_MAX, YEAR_MIN, Filters
from pivotdash.maps.model import VIEW_LABELS
from pivotdash.passages import SEARCH_MAX
from pivotdash.timeline import CUSTOM, ZOOM_PRESETS, Zoom
from pivotdash.trade import viewstate as tv
from pivotdash.trade.viewstate import DEFAULT_PARTNERS, TradeView

DEFAULT_BASE_URL = "http://127.0.0.1:8501"

# Page id → URL path (also the file pages/<id>.py). The Overview is the default page.
PAGES: dict[str, str] = {p: p for p in ("overview", "timeline", "episodes", "trade", "map", "briefing", "sources")}
DEFAULT_PAGE = "overview"
HOME_PATH = "home"  # the default page's own entry, served at "/" (links use /overview)


def page_file(page: str) -> str:
    """The script behind a page, as st.Page and st.page_link name it."""
    return f"pages/{PAGES[page]}.py"


class P:
    """URL parameter names; each is also the key of the widget bound to it."""

    ERA, DRIVER, YEARS = "era", "driver", "years"
    CATEGORY, OUTCOME, EPISODE, QUERY, EVENT = "category", "outcome", "episode", "q", "event"
    ZOOM, ZOOM_YEARS = "zoom", "zoom_years"  # the timeline's detail view: a preset or turn East; its own years
    MEASURE, FLOW, EU, CHART = "trade_measure", "trade_flow", "trade_eu", "trade_chart"
    PARTNERS, TRADE_YEAR, TAB, HIST_PARTNERS = "trade_partners", "trade_year", "trade_tab", "trade_hist_partners"
    COMPARE = "compare"
    # The analyst's own reading of each risk: `my_status.<risk id>`, `my_confidence.<risk id>`, `my_reason.<risk id>`.
    MY_STATUS, MY_CONFIDENCE, MY_REASON = "my_status", "my_confidence", "my_reason"
    MAP_VIEW, PLACE = "view", "place"
    PARA, PAPER_QUERY = "para", "paper_q"
    TITLE, ITEM, ITEM_TITLE, ITEM_MESSAGE, SCALE = "title", "item", "item_title", "item_message", "scale"
    LEGACY_VIEWS = "views"  # briefing links before views were links: `?views=Timeline&views=Map`


SHARED_PARAMS = (P.ERA, P.DRIVER, P.YEARS)
QUERY_MAX = 200
TITLE_MAX = 120
MESSAGE_MAX = 600
MAX_ITEMS = 40
COMPARE_MAX = 3
REASON_MAX = 200
PAPER_QUERY_MAX = SEARCH_MAX
READING_PARAMS = (P.MY_STATUS, P.MY_CONFIDENCE, P.MY_REASON)
_RISK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,59}", re.ASCII)
# ASCII digits only: str.isdigit() accepts '²', which int() refuses.
_YEAR = re.compile(r"[0-9]{1,4}", re.ASCII)
_EVENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,119}", re.ASCII)
_PARA_ID = re.compile(r"abstract|p[0-9]{1,3}|fn[0-9]{1,3}", re.ASCII)
HISTORY_PARTNERS: tuple[str, ...] = ("china", "japan", "germany", "united_kingdom", "france")


@dataclass(frozen=True)
class Names:
    """The data's names that links carry (episode, partner and place names), id → name."""

    episodes: Mapping[str, str] = field(default_factory=dict)
    partners: Mapping[str, str] = field(default_factory=dict)
    history_partners: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Notice:
    """A link parameter that could not be used, and what was done instead."""

    param: str
    value: str
    problem: str

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= 80 else self.value[:77] + "…"
        return f"The link's “{self.param}” value “{shown}” {self.problem}; it was left out."


@dataclass(frozen=True)
class OverviewState:
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True)
class TimelineState:
    filters: Filters = field(default_factory=Filters)
    event: str | None = None
    zoom: Zoom = field(default_factory=Zoom)


@dataclass(frozen=True)
class AnalystReading:
    """The analyst's own reading of one risk, beside pivotdash's: a status, a confidence and a one-line reason."""

    risk: str  # risks.csv id
    status: str = ""  # a key of schema.RISK_STATUSES; "" when not set
    confidence: str = ""  # a key of schema.CONFIDENCES; "" when not set
    reason: str = ""  # at most REASON_MAX characters

    @property
    def empty(self) -> bool:
        return not (self.status or self.confidence or self.reason)


def reading_param(param: str, risk: str) -> str:
    """The URL parameter (and widget key) of one part of the analyst's reading of `risk`: `my_status.china_slowdown`."""
    return f"{param}.{risk}"


@dataclass(frozen=True)
class EpisodesState:
    filters: Filters = field(default_factory=Filters)
    compare: tuple[str, ...] | None = None  # None: the page's default pair
    readings: tuple[AnalystReading, ...] = ()  # the analyst's own, one per risk set, in risk-id order

    def reading(self, risk: str) -> AnalystReading:
        return next((r for r in self.readings if r.risk == risk), AnalystReading(risk))


@dataclass(frozen=True)
class TradeState:
    filters: Filters = field(default_factory=Filters)
    view: TradeView = field(default_factory=TradeView)
    tab: str = "composition"
    history_partners: tuple[str, ...] = HISTORY_PARTNERS


@dataclass(frozen=True)
class MapState:
    filters: Filters = field(default_factory=Filters)
    opening: str = "far_east"
    place: str | None = None


@dataclass(frozen=True)
class SourcesState:
    para: str | None = None
    query: str = ""  # a search inside the paper


@dataclass(frozen=True)
class Item:
    """One view of a briefing: the link that opens it, and the analyst's own title and key message."""

    link: str
    title: str = ""
    message: str = ""


@dataclass(frozen=True)
class BriefingState:
    filters: Filters = field(default_factory=Filters)
    title: str = ""
    items: tuple[Item, ...] = ()  # in briefing order
    scale: int = 2
    legacy_views: tuple[str, ...] = ()  # standard views named by an old link, added with the shared filters


PageState = (OverviewState | TimelineState | EpisodesState | TradeState | MapState | SourcesState | BriefingState)
STATE_OF_PAGE: dict[str, type] = {
    "overview": OverviewState, "timeline": TimelineState, "episodes": EpisodesState, "trade": TradeState,
    "map": MapState, "sources": SourcesState, "briefing": BriefingState,
}


# Every chart of the app: id → (its page, the anchor a link scrolls to). The id names the builder in
# pivotdash.views and the chart's files; a link's #anchor picks a chart where a page has several.
CHARTS: dict[str, tuple[str, str]] = {
    "timeline": ("timeline", ""),
    "episodes-strip": ("overview", ""),
    "episodes-matrix": ("episodes", "scorecard"),
    "episodes-compare": ("episodes", "compare"),
    "episodes-durability": ("episodes", "will-this-one-last"),
    "trade-composition": ("trade", ""),
    "trade-claims": ("trade", ""),
    "trade-history": ("trade", ""),
    "map": ("map", ""),
}
TRADE_TAB_CHARTS = {"composition": "trade-composition", "claims": "trade-claims", "history": "trade-history"}


def page_of(state: PageState) -> str:
    return next(page for page, cls in STATE_OF_PAGE.items() if isinstance(state, cls))


# ---- state → query ---------------------------------------------------------------------------

Params = list[tuple[str, str]]


def _labels(param: str, ids: Iterable[str], table: Mapping[str, str]) -> Params:
    return [(param, table.get(i, i)) for i in ids]


def _filters_query(f: Filters, names: Names, *, page_filters: bool) -> Params:
    out = _labels(P.ERA, f.eras, schema.ERAS) + _labels(P.DRIVER, f.drivers, schema.DRIVERS)
    if f.years != (YEAR_MIN, YEAR_MAX):
        out += [(P.YEARS, str(f.years[0])), (P.YEARS, str(f.years[1]))]
    if page_filters:
        out += _labels(P.CATEGORY, f.categories, schema.CATEGORIES) + _labels(P.OUTCOME, f.outcomes, schema.OUTCOMES)
        out += _labels(P.EPISODE, f.episodes, names.episodes)
        if f.query.strip():
            out.append((P.QUERY, f.query.strip()))
    return out


def _trade_query(s: TradeState, names: Names) -> Params:
    base, v, out = TradeView(), s.view, []
    for param, value, default, table in ((P.MEASURE, v.measure, base.measure, tv.MEASURES),
                                         (P.FLOW, v.flow, base.flow, tv.FLOWS), (P.EU, v.eu, base.eu, tv.EU_DEFS),
                                         (P.CHART, v.chart, base.chart, tv.CHARTS)):
        if value != default:
            out.append((param, table[value]))
    if tuple(v.partners) != DEFAULT_PARTNERS:
        # An empty pick is written as one empty value, as the bound multiselect writes it.
        out += _labels(P.PARTNERS, v.partners, names.partners) or [(P.PARTNERS, "")]
    if v.chart == "bar" and v.year is not None:
        out.append((P.TRADE_YEAR, str(v.year)))
    if s.tab != "composition":
        out.append((P.TAB, tv.TABS[s.tab]))
    if s.tab == "history" and tuple(s.history_partners) != HISTORY_PARTNERS:
        out += _labels(P.HIST_PARTNERS, s.history_partners, names.history_partners)
    return out


def _page_query(state: PageState, names: Names) -> Params:
    """The page's own parameters, after the shared filters."""
    if isinstance(state, TimelineState):
        return _zoom_query(state.zoom, names) + ([(P.EVENT, state.event)] if state.event else [])
    if isinstance(state, EpisodesState):
        out = [] if state.compare is None else _labels(P.COMPARE, state.compare, names.episodes) or [(P.COMPARE, "")]
        return out + _readings_query(state.readings)
    if isinstance(state, TradeState):
        return _trade_query(state, names)
    if isinstance(state, MapState):
        out = [(P.MAP_VIEW, VIEW_LABELS[state.opening])] if state.opening != "far_east" else []
        return out + ([(P.PLACE, names.places.get(state.place, state.place))] if state.place else [])
    if isinstance(state, BriefingState):
        return _briefing_query(state)
    return []


def _zoom_query(zoom: Zoom, names: Names) -> Params:
    if not zoom.preset:
        return []
    out = [(P.ZOOM, ZOOM_PRESETS.get(zoom.preset) or names.episodes.get(zoom.preset, zoom.preset))]
    if zoom.preset == CUSTOM and zoom.years:
        out += [(P.ZOOM_YEARS, str(zoom.years[0])), (P.ZOOM_YEARS, str(zoom.years[1]))]
    return out


def _readings_query(readings: Iterable[AnalystReading]) -> Params:
    out: Params = []
    for r in sorted(readings, key=lambda r: r.risk):
        if r.status:
            out.append((reading_param(P.MY_STATUS, r.risk), schema.RISK_STATUSES.get(r.status, r.status)))
        if r.confidence:
            out.append((reading_param(P.MY_CONFIDENCE, r.risk), schema.CONFIDENCES.get(r.confidence, r.confidence)))
        if r.reason.strip():
            out.append((reading_param(P.MY_REASON, r.risk), r.reason.strip()))
    return out


def _briefing_query(state: BriefingState) -> Params:
    out = [(P.TITLE, state.title)] if state.title else []
    out += [(P.ITEM, i.link) for i in state.items]
    # Titles and messages only when one is set, then one per item (parallel lists).
    if any(i.title for i in state.items):
        out += [(P.ITEM_TITLE, i.title) for i in state.items]
    if any(i.message for i in state.items):
        out += [(P.ITEM_MESSAGE, i.message) for i in state.items]
    return out + ([(P.SCALE, str(state.scale))] if state.scale != 2 else [])


def to_query(state: PageState, names: Names | None = None) -> Params:
    """The URL parameters that reopen `state` (labels, as the bound widgets write them); defaults left out."""
    names = names or Names()
    if isinstance(state, SourcesState):
        return ([(P.PARA, state.para)] if state.para else []) + (
            [(P.PAPER_QUERY, state.query.strip())] if state.query.strip() else [])
    shared = _filters_query(state.filters, names, page_filters=isinstance(state, TimelineState))
    return shared + _page_query(state, names)


def link(state: PageState, names: Names | None = None, *, chart: str = "") -> str:
    """`/page?…#anchor`: the path and query string that reopen `state`, scrolled to `chart` where it has an anchor."""
    query = urlencode(to_query(state, names))
    anchor = CHARTS[chart][1] if chart else ""
    return f"/{PAGES[page_of(state)]}" + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def absolute(path: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """`path` made absolute against the app's address (a link already absolute is kept)."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return base_url.rstrip("/") + "/" + path.lstrip("/")


# ---- query → state ---------------------------------------------------------------------------


class _Reader:
    """Reads parameters from a query, collecting a notice for every value it cannot use."""

    def __init__(self, params: Mapping[str, Sequence[str]]) -> None:
        self.params = params
        self.notices: list[Notice] = []

    def values(self, param: str) -> list[str]:
        raw = self.params.get(param)
        if raw is None:
            return []
        return [str(v) for v in ([raw] if isinstance(raw, str) else raw)]

    def present(self, param: str) -> bool:
        return param in self.params

    def last(self, param: str) -> str | None:
        vals = self.values(param)
        return vals[-1] if vals else None

    def note(self, param: str, value: str, problem: str) -> None:
        self.notices.append(Notice(param, value, problem))

    def ids(self, param: str, table: Mapping[str, str], what: str, *, limit: int | None = None) -> tuple[str, ...]:
        """Ids for the labels (or ids) given; empty values are skipped, unknown ones noted."""
        by_label = {label: i for i, label in table.items()} | {i: i for i in table}
        out: list[str] = []
        for value in self.values(param):
            if value == "":
                continue
            if value not in by_label:
                self.note(param, value, f"is not a known {what}")
            elif by_label[value] not in out:
                out.append(by_label[value])
        if limit is not None and len(out) > limit:
            self.note(param, ", ".join(out[limit:]), f"goes beyond the {limit} allowed")
            out = out[:limit]
        return tuple(out)

    def one(self, param: str, table: Mapping[str, str], default: str, what: str) -> str:
        picked = self.ids(param, table, what)
        return picked[-1] if picked else default

    def year(self, param: str) -> int | None:
        value = self.last(param)
        if value is None or value == "":
            return None
        if not _YEAR.fullmatch(value) or not YEAR_MIN <= int(value) <= YEAR_MAX:
            self.note(param, value, f"is not a year between {YEAR_MIN} and {YEAR_MAX}")
            return None
        return int(value)

    def year_pair(self, param: str) -> tuple[int, int] | None:
        """Two years (in either order) between YEAR_MIN and YEAR_MAX; None, and a notice, for anything else."""
        raw = self.values(param)
        if not raw:
            return None
        if len(raw) == 2 and all(_YEAR.fullmatch(v) and YEAR_MIN <= int(v) <= YEAR_MAX for v in raw):
            lo, hi = sorted(int(v) for v in raw)
            return (lo, hi)
        self.note(param, "&".join(raw), f"is not two years between {YEAR_MIN} and {YEAR_MAX}")
        return None

    def pattern(self, param: str, pattern: re.Pattern[str], what: str) -> str | None:
        value = self.last(param)
        if value is None or value == "":
            return None
        if not pattern.fullmatch(value):
            self.note(param, value, f"is not {what}")
            return None
        return value


def _filters(r: _Reader, names: Names, *, page_filters: bool) -> Filters:
    eras = r.ids(P.ERA, schema.ERAS, "era")
    drivers = r.ids(P.DRIVER, schema.DRIVERS, "driver")
    f = Filters(eras=eras, drivers=drivers, years=r.year_pair(P.YEARS) or (YEAR_MIN, YEAR_MAX))
    if not page_filters:
        return f
    query = (r.last(P.QUERY) or "").strip()
    if len(query) > QUERY_MAX:
        r.note(P.QUERY, query, f"is longer than {QUERY_MAX} characters")
        query = ""
    return replace(f, categories=r.ids(P.CATEGORY, schema.CATEGORIES, "category"),
                   outcomes=r.ids(P.OUTCOME, schema.OUTCOMES, "outcome"),
                   episodes=r.ids(P.EPISODE, names.episodes, "turn East"), query=query)


def _zoom(r: _Reader, names: Names) -> Zoom:
    """The timeline's zoom a link carries: a preset's label or a turn East's name, and with `Years of your choice`
    the two years; the years alone (a hand-made link) choose them too."""
    preset = r.one(P.ZOOM, {k: v for k, v in ZOOM_PRESETS.items() if k} | dict(names.episodes), "",
                   "zoom of the timeline (a preset or a turn East)")
    years = r.year_pair(P.ZOOM_YEARS)
    if years and preset in ("", CUSTOM):
        return Zoom(CUSTOM, years)
    return Zoom(preset) if preset != CUSTOM else Zoom()


def _trade(r: _Reader, names: Names, filters: Filters) -> TradeState:
    partners = (r.ids(P.PARTNERS, names.partners, "trade partner", limit=12) if r.present(P.PARTNERS)
                else DEFAULT_PARTNERS)
    view = TradeView(measure=r.one(P.MEASURE, tv.MEASURES, "share", "measure"),
                     flow=r.one(P.FLOW, tv.FLOWS, "exports", "flow"),
                     eu=r.one(P.EU, tv.EU_DEFS, "eu27", "EU definition"),
                     chart=r.one(P.CHART, tv.CHARTS, "area", "chart"), partners=partners)
    view = replace(view, year=r.year(P.TRADE_YEAR) if view.chart == "bar" else None)
    tab = r.one(P.TAB, tv.TABS, "composition", "Trade tab")
    history = (r.ids(P.HIST_PARTNERS, names.history_partners, "partner of the 1827–1937 history", limit=10)
               if r.present(P.HIST_PARTNERS) else HISTORY_PARTNERS)
    return TradeState(filters, view, tab, history or HISTORY_PARTNERS)


def _readings(r: _Reader) -> tuple[AnalystReading, ...]:
    """The analyst's readings a link carries (`my_status.<risk>=…`), in risk-id order; bad values noted."""
    risks: set[str] = set()
    for key in r.params:
        prefix, _, risk = str(key).partition(".")
        if prefix in READING_PARAMS:
            if _RISK_ID.fullmatch(risk):
                risks.add(risk)
            else:
                r.note(str(key), risk, "does not name a risk (an id such as china_slowdown)")
    out = []
    for risk in sorted(risks):
        status = r.one(reading_param(P.MY_STATUS, risk), schema.RISK_STATUSES, "", "status of a risk")
        confidence = r.one(reading_param(P.MY_CONFIDENCE, risk), schema.CONFIDENCES, "", "confidence")
        key = reading_param(P.MY_REASON, risk)
        reason = (r.last(key) or "").strip()
        if len(reason) > REASON_MAX:
            r.note(key, reason, f"is longer than {REASON_MAX} characters")
            reason = reason[:REASON_MAX].strip()
        reading = AnalystReading(risk, status, confidence, reason)
        if not reading.empty:
            out.append(reading)
    return tuple(out)


def _sources(r: _Reader) -> SourcesState:
    query = (r.last(P.PAPER_QUERY) or "").strip()
    if len(query) > PAPER_QUERY_MAX:
        r.note(P.PAPER_QUERY, query, f"is longer than {PAPER_QUERY_MAX} characters")
        query = ""
    return SourcesState(r.pattern(P.PARA, _PARA_ID, "a paragraph id such as p24, fn3 or abstract"), query)


def _items(r: _Reader) -> tuple[Item, ...]:
    links, titles, messages = r.values(P.ITEM), r.values(P.ITEM_TITLE), r.values(P.ITEM_MESSAGE)
    out = []
    for i, link in enumerate(links):
        title = titles[i] if i < len(titles) else ""
        message = messages[i] if i < len(messages) else ""
        if not link:
            continue
        if _page_of_path(urlsplit(link).path) is None:
            r.note(P.ITEM, link, "is not a link to a page of pivotdash")
            continue
        out.append(Item(link, title[:TITLE_MAX], message[:MESSAGE_MAX]))
    if len(out) > MAX_ITEMS:
        r.note(P.ITEM, f"{len(out)} views", f"goes beyond the {MAX_ITEMS} a briefing holds")
    return tuple(out[:MAX_ITEMS])


def from_query(page: str, params: Mapping[str, Sequence[str]], names: Names | None = None
               ) -> tuple[PageState, list[Notice]]:
    """The state a page opens with for these URL parameters, and a notice for each value left out."""
    names = names or Names()
    r = _Reader(params)
    if page == "sources":
        return _sources(r), r.notices
    filters = _filters(r, names, page_filters=page == "timeline")
    state: PageState
    if page == "timeline":
        state = TimelineState(filters, r.pattern(P.EVENT, _EVENT_ID, "an event id"), _zoom(r, names))
    elif page == "episodes":
        compare = r.ids(P.COMPARE, names.episodes, "turn East", limit=COMPARE_MAX) if r.present(P.COMPARE) else None
        state = EpisodesState(filters, compare, _readings(r))
    elif page == "trade":
        state = _trade(r, names, filters)
    elif page == "map":
        place = r.ids(P.PLACE, names.places, "flashpoint") if r.present(P.PLACE) else ()
        state = MapState(filters, r.one(P.MAP_VIEW, VIEW_LABELS, "far_east", "map view"), place[-1] if place else None)
    elif page == "briefing":
        title = (r.last(P.TITLE) or "").strip()
        if len(title) > TITLE_MAX:
            r.note(P.TITLE, title, f"is longer than {TITLE_MAX} characters")
            title = title[:TITLE_MAX]
        scale = r.one(P.SCALE, {"2": "2", "3": "3"}, "2", "PNG scale")
        state = BriefingState(filters, title, _items(r), int(scale), tuple(r.values(P.LEGACY_VIEWS)))
    else:
        state = OverviewState(filters)
    return state, r.notices


@dataclass(frozen=True)
class Parsed:
    """A link taken apart: its page, the state it opens, the chart it names and what was left out."""

    page: str
    state: PageState
    chart: str
    notices: list[Notice]


def _page_of_path(path: str) -> str | None:
    """The page a URL path opens (its last segment, so a prefix such as /pivotdash/ is allowed); '/' is the Overview."""
    last = path.strip("/").split("/")[-1] if path.strip("/") else PAGES[DEFAULT_PAGE]
    return {p: page for page, p in PAGES.items()}.get(last, DEFAULT_PAGE if last == HOME_PATH else None)


def parse_link(url: str, names: Names | None = None) -> Parsed:
    """Any link of the app (absolute or a path) → its page, state and chart; ValueError if it is no page."""
    parts = urlsplit(url.strip())
    page = _page_of_path(parts.path)
    if page is None:
        raise ValueError(f"“{parts.path}” is not a page of pivotdash (pages: {', '.join(PAGES.values())})")
    state, notices = from_query(page, parse_qs(parts.query, keep_blank_values=True), names)
    return Parsed(page, state, parts.fragment, notices)


def chart_of(parsed: Parsed) -> str | None:
    """The chart a link names: its anchor where its page has several, else the page's one (the Trade tab's)."""
    by_anchor = {anchor: chart for chart, (page, anchor) in CHARTS.items() if page == parsed.page and anchor}
    if parsed.chart in by_anchor:
        return by_anchor[parsed.chart]
    if isinstance(parsed.state, TradeState):
        return TRADE_TAB_CHARTS.get(parsed.state.tab)
    charts = [chart for chart, (page, _) in CHARTS.items() if page == parsed.page]
    return charts[0] if charts else None
