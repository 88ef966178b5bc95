"""The timeline: a detail view (bands, spans, labelled events) over an overview strip of every year shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pivotdash import schema, theme
from pivotdash import timeline as tl
from pivotdash.figures import marks
from pivotdash.figures.finish import Chrome, Margin, category_margin, finish
from pivotdash.filters import episode_span
from pivotdash.text import plain_label

ERA_BOUNDARIES = (
    (dt.date(1917, 11, 7), "1917: Bolshevik Revolution"),
    (dt.date(1991, 12, 26), "1991: end of the USSR"),
)
PAPER_SOURCE = "Chris Miller, “Will Russia's Pivot to Asia Last?”, FPRI, Dec. 2019; later events as cited per event"
PAPER_NOTE = "Paper published, Dec 2019"
PAPER_KEY = "The paper, Dec 2019"  # its legend entry, in the narrowest column
EVENT_LABEL = "event-label:"  # annotation names of event labels: `event-label:<event id>`

# The labels are placed for the smallest the chart is drawn: 564 px wide (the page at a 1024-px window) and a
# detail area 230 px tall (the slide picture, 1280×600, without its chrome). Drawn larger, markers only move
# apart while the labels keep their size in pixels, so no two labels ever meet.
LABEL_FIGURE_WIDTH = 564
LABEL_DETAIL_HEIGHT = 230
LABEL_FONT = 11
LANE = 14  # pixels between a label's lines: on the marker's line, above it, below it
HEAD = 1.7  # rows' worth of room above the first row, free of markers: the era lines' and the paper's labels
BAND_LANES = (-10, -24, -38)  # centres of the lanes above the detail view holding the turns' names
MARGIN_R = 24
TOP, DETAIL, GAP, OVERVIEW, BOTTOM = 152, 300, 58, 40, 236  # the figure's parts, top to bottom, in pixels
HEIGHT = TOP + DETAIL + GAP + OVERVIEW + BOTTOM
LEGEND_X = (0.01, 0.35, 0.65)  # three legends side by side under the overview, as shares of the figure width


@dataclass(frozen=True)
class Frame:
    """The detail view's pixel geometry for label placement: window, width, rows (top first), height."""

    start: dt.date
    end: dt.date
    width: float
    rows: tuple[str, ...]
    height: float = LABEL_DETAIL_HEIGHT

    def x(self, when: Any) -> float:
        day = pd.Timestamp(when)
        return float((day - pd.Timestamp(self.start)) / (pd.Timestamp(self.end) - pd.Timestamp(self.start))
                     * self.width)

    def y(self, row: str) -> float:
        return (HEAD + self.rows.index(row) + 0.5) / (len(self.rows) + HEAD) * self.height

    @property
    def bounds(self) -> tl.Box:
        return (0.0, 0.0, self.width, self.height)


def _escaped(texts: pd.Series) -> pd.Series:
    """plain_label for a whole column: escaped and bidi-safe, so data shows as text in plotly labels."""
    return texts.map(plain_label)


def _margin_left(rows: list[str]) -> int:
    """Room for the row names: measured, or what `finish` will give them if that is more (the labels are placed
    for the plot's real width)."""
    measured = max((tl.text_width(r, theme.BODY_SIZE) for r in rows), default=60) + 18
    return round(category_margin(rows, theme.BODY_SIZE, at_least=measured))


def _note(x: Any, text: str, spot: tl.Spot, *, yref: str, y: Any, yshift: float, name: str = "",
          bold: bool = False, size: int = LABEL_FONT, colour: str = theme.MUTED_INK) -> dict[str, Any]:
    return dict(x=x, y=y, xref="x", yref=yref, xanchor=spot.anchor, yanchor="middle", xshift=spot.dx, yshift=yshift,
                showarrow=False, text=f"<b>{plain_label(text)}</b>" if bold else plain_label(text), name=name,
                font={"size": size, "color": colour}, bgcolor="rgba(255,255,255,0.8)", borderpad=0)


def _fixed_labels(frame: Frame, window: tuple[dt.date, dt.date],
                  markers: list[tl.Box]) -> tuple[list[dict[str, Any]], list[tl.Box]]:
    """Era lines' and the paper's labels in the head of the detail view (above its first row), beside their
    lines, kept inside its sides and off the `markers`."""
    fixed = [(when, text) for when, text in ERA_BOUNDARIES if window[0] <= when <= window[1]]
    if window[0] <= tl.PAPER_MONTH[0] <= window[1]:
        fixed.append((tl.PAPER_MONTH[1], PAPER_NOTE))
    notes: list[dict[str, Any]] = []
    boxes: list[tl.Box] = []
    y = 9.0
    spots = [tl.Spot(side * 3, lane * LANE, "left" if side > 0 else "right") for lane in range(3) for side in (1, -1)]
    for when, text in fixed:
        for label in tl.place([tl.Mark(text, frame.x(when), y, 0, text)], font_px=LABEL_FONT, bounds=frame.bounds,
                              spots=spots, obstacles=boxes + markers):
            boxes.append(label.box)
            notes.append(_note(when, text, label.spot, yref="y domain", y=1 - y / frame.height,
                               yshift=-label.spot.dy))
    return notes, boxes


def _band_labels(episodes: pd.DataFrame, frame: Frame) -> list[dict[str, Any]]:
    """Each turn's name in a lane above the detail view, from where its band enters the view or else ending where
    it ends (or leaves the view), its short form when the full one finds no room."""
    notes: list[dict[str, Any]] = []
    placed: list[tl.Box] = []
    bounds = (0.0, -46.0, frame.width, 0.0)
    after = [tl.Spot(2, dy, "left") for dy in BAND_LANES]
    before = [tl.Spot(-2, dy, "right") for dy in BAND_LANES]
    # Today's turn first (it is what the analyst briefs on), then the others in order.
    ordered = episodes.assign(now=episodes["outcome"] != "ongoing").sort_values(["now", "start_year"])
    for _, ep in ordered.iterrows():
        start, end = episode_span(ep["start_year"], ep["end_year"])
        if end < frame.start or start > frame.end:
            continue
        texts = list(dict.fromkeys((str(ep["name"]), tl.short_label(ep["name"], 18))))
        # From the band's start, full then short; only then ending at its end (it may run past the view).
        tries = [(max(start, frame.start), after, t) for t in texts] + [(min(end, frame.end), before, t) for t in texts]
        found = next(((when, label) for when, spots, text in tries for label in tl.place(
            [tl.Mark(str(ep["id"]), frame.x(when), 0, 0, text)], font_px=LABEL_FONT, bounds=bounds, spots=spots,
            obstacles=placed)), None)
        if found:
            when, label = found
            placed.append(label.box)
            notes.append(_note(when, label.text, label.spot, yref="y domain", y=1, yshift=-label.spot.dy,
                               colour=theme.INK))
    return notes


def _marker_boxes(events: pd.DataFrame, frame: Frame) -> list[tl.Box]:
    return [(x - 6, y - 6, x + 6, y + 6) for x, y in zip(events["at"].map(frame.x), events["row"].map(frame.y),
                                                         strict=True)]


def _event_labels(events: pd.DataFrame, frame: Frame, highlight: str | None,
                  obstacles: list[tl.Box]) -> list[dict[str, Any]]:
    """Short labels for the events in view, most important first, placed where they meet nothing."""
    in_view = events[(events["at"] >= pd.Timestamp(frame.start)) & (events["at"] <= pd.Timestamp(frame.end))]
    ordered = tl.importance(in_view, highlight)
    marks_ = [tl.Mark(str(row.id), frame.x(row.at), frame.y(str(row.row)), 8 if row.id == highlight else 6,
                      tl.short_label(str(row.title)), bold=row.id == highlight) for row in ordered.itertuples()]
    by_id = ordered.set_index("id")
    notes = []
    for label in tl.place(marks_, font_px=LABEL_FONT, bounds=frame.bounds, spots=tl.beside(9, LANE),
                          obstacles=obstacles):
        row = by_id.loc[label.key]
        notes.append(_note(row["at"], label.text, label.spot, yref="y", y=row["row"], yshift=-label.spot.dy,
                           name=EVENT_LABEL + label.key, bold=label.key == highlight, colour=theme.INK))
    return notes


def _bands(episodes: pd.DataFrame, window: tuple[dt.date, dt.date]) -> list[dict[str, Any]]:
    """Each turn as a band on both views (the detail's in the outcome legend), the paper's month, the window."""
    shapes = []
    for _, ep in episodes.sort_values("start_year").iterrows():
        start, end = episode_span(ep["start_year"], ep["end_year"])
        colour = theme.OUTCOME_COLOURS.get(ep["outcome"], theme.GRID)
        outcome = schema.OUTCOMES.get(ep["outcome"], ep["outcome"])
        shapes.append(marks.band(start, end, fillcolor=colour, opacity=0.2, line={"width": 0}, layer="below",
                                 showlegend=True, legend="legend2", name=plain_label(outcome)))
        shapes.append(marks.band(start, end, axis="2", fillcolor=colour, opacity=0.45, line={"width": 0},
                                 layer="below"))
    paper: dict[str, Any] = {"fillcolor": theme.INK, "opacity": 0.55, "line": {"width": 0}}
    shapes.append(marks.band(*tl.PAPER_MONTH, **paper, showlegend=True, legend="legend3", name=PAPER_KEY))
    shapes.append(marks.band(*tl.PAPER_MONTH, axis="2", **paper))
    shapes.append(marks.band(*window, axis="2", fillcolor="rgba(0,0,0,0)", line={"color": theme.INK, "width": 2}))
    return shapes


def _era_rules(window: tuple[dt.date, dt.date]) -> list[dict[str, Any]]:
    line = {"color": theme.MUTED_INK, "dash": "dot", "width": 1}
    return [marks.rule(when, line) for when, _ in ERA_BOUNDARIES if window[0] <= when <= window[1]]


def _hover(events: pd.DataFrame, category: pd.Series, exactness: pd.Series) -> pd.Series:
    words = exactness.map(tl.PRECISION_WORDS).fillna("")
    return (
        "<b>" + _escaped(events["title"]) + "</b><br>" + _escaped(events["date_label"])
        + words.where(words == "", " (" + words + ")") + "<br>"
        + _escaped(events["episode_name"].where(events["episode_name"] != "", "No episode")) + "<br>"
        + _escaped(category)
    )


def _bars(events: pd.DataFrame, rows: np.ndarray, colour: str, group: str) -> go.Scatter:
    """One line per event across the time it covers (its span, or the month or year it is known to)."""
    xs: list[Any] = []
    ys: list[Any] = []
    for start, end, row in zip(events["start"], events["end"], rows, strict=True):
        xs += [start, end + pd.Timedelta(days=1), None]
        ys += [row, row, None]
    return go.Scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": 5}, opacity=0.55, hoverinfo="skip",
                      showlegend=False, legendgroup=group, connectgaps=False)


def _event_traces(traces: list[go.Scatter], events: pd.DataFrame, highlight: str | None) -> None:
    """Per main driver: bars for the time each event covers, and markers (hollow when only month or year is known)."""
    first_driver = events["driver_list"].map(lambda ds: ds[0] if ds else "")
    exactness = tl.precision(events["date"])
    hover = _hover(events, events["row"], exactness).to_numpy()
    is_highlight = (events["id"] == highlight).to_numpy()
    covers = ((events["end"] - events["start"]) >= pd.Timedelta(days=1)).to_numpy()
    open_ = (exactness != "day").to_numpy()
    for driver in [*schema.DRIVERS, ""]:
        rows = (first_driver == driver).to_numpy()
        if not rows.any():
            continue
        colour = theme.DRIVER_COLOURS.get(driver, theme.OKABE_ITO["grey"])
        name = schema.DRIVERS.get(driver, "No driver given")
        bars = rows & covers
        if bars.any():
            traces.append(_bars(events[bars], events["row"].to_numpy()[bars], colour, name))
        symbol = "diamond" if driver else "circle"
        hollow, picked = open_[rows], is_highlight[rows]
        traces.append(go.Scatter(
            x=events["at"].to_numpy()[rows], y=events["row"].to_numpy()[rows], mode="markers", name=name,
            legendgroup=name, showlegend=False,
            marker={
                "size": np.where(picked, 16, 11), "color": colour,
                "symbol": np.where(hollow, symbol + "-open", symbol),
                "line": {"width": np.where(picked, 3, np.where(hollow, 2.5, 1)),
                         "color": np.where(hollow & ~picked, colour, theme.INK)},
            },
            customdata=events[["id"]].to_numpy()[rows], hovertext=hover[rows], hoverinfo="text",
        ))
        traces.append(go.Scatter(  # the legend's key: a filled marker, whatever the first event's date is
            x=[None], y=[None], mode="markers", name=name, legendgroup=name, hoverinfo="skip",
            marker={"size": 11, "color": colour, "symbol": symbol, "line": {"width": 1, "color": theme.INK}},
        ))


def _overview(traces: list[go.Scatter], events: pd.DataFrame, span: tuple[dt.date, dt.date]) -> dict[str, Any]:
    """Every event as a tick on the strip of all the years shown (hover and click as on the detail)."""
    traces.append(go.Scatter(
        x=events["at"], y=np.full(len(events), 0.5), xaxis="x2", yaxis="y2", mode="markers", showlegend=False,
        marker={"symbol": "line-ns-open", "size": 14, "color": theme.INK, "line": {"width": 1.5, "color": theme.INK}},
        customdata=events[["id"]].to_numpy(), hovertext=_escaped(events["title"] + " · " + events["date_label"]),
        hoverinfo="text",
    ))
    return {
        "xaxis2": {"type": "date", "range": list(tl.padded(span)), "anchor": "y2", "fixedrange": True,
                   "showgrid": False, "ticks": "outside"},
        "yaxis2": {"domain": [0, OVERVIEW / (DETAIL + GAP + OVERVIEW)], "range": [0, 1], "visible": False,
                   "fixedrange": True},
    }


def _legend_keys(traces: list[go.Scatter]) -> None:
    """What a filled marker, a hollow one and a bar say about an event's date (the paper's month is a shape)."""
    grey = theme.OKABE_ITO["grey"]
    for name, symbol, mode, colour in (("Exact day", "diamond", "markers", theme.INK),
                                       ("Month or year only", "diamond-open", "markers", grey),
                                       ("Bar: span, or that month/year", "line-ew", "lines", grey)):
        traces.append(go.Scatter(
            x=[None], y=[None], mode=mode, name=name, legend="legend3", hoverinfo="skip",
            marker={"symbol": symbol, "size": 11, "color": grey, "line": {"width": 1.5, "color": colour}},
            line={"color": grey, "width": 5},
        ))


def _legends() -> dict[str, Any]:
    """Three legends side by side under the overview strip: never over the plot, at any width down to 564 px."""
    plot = DETAIL + GAP + OVERVIEW
    base = {"orientation": "v", "xref": "container", "xanchor": "left", "yanchor": "top", "y": -30 / plot,
            "font": {"size": 12}, "tracegroupgap": 2, "itemclick": False, "itemdoubleclick": False}
    titles = ("Main driver (colour)", "Band: how it ended", "Date known to")
    names = ("legend", "legend2", "legend3")
    legends: dict[str, Any] = {name: {**base, "x": x, "title": {"text": title}}
                               for name, x, title in zip(names, LEGEND_X, titles, strict=True)}
    # The margins are laid out here for every part; legends must not push them (and squeeze the plot).
    return {**legends, "margin": {"autoexpand": False}}


def timeline_figure(
    events: pd.DataFrame,
    episodes: pd.DataFrame,
    *,
    years: tuple[int, int],
    chrome: Chrome,
    window: tuple[dt.date, dt.date] | None = None,
    highlight: str | None = None,
) -> go.Figure:
    """Events (from `filters.event_frame`, filtered) over episode bands: the detail view shows `window`
    (default: all of `years`) with its events labelled, the overview strip under it all of `years`."""
    span = (dt.date(years[0], 1, 1), dt.date(years[1], 12, 31))
    window = window or span
    present = set(events["category"].unique())
    categories = [schema.label("categories", c) for c in schema.CATEGORIES if c in present] or list(
        schema.CATEGORIES.values())
    events = events.assign(at=tl.marker_dates(events),
                           row=events["category"].map(schema.CATEGORIES).fillna(events["category"]))
    left = _margin_left(categories)
    view = tl.padded(window)
    frame = Frame(view[0], view[1], LABEL_FIGURE_WIDTH - left - MARGIN_R, tuple(categories))
    fig = go.Figure()
    fixed, boxes = _fixed_labels(frame, window, _marker_boxes(events, frame))
    notes = _band_labels(episodes, frame) + fixed + _event_labels(events, frame, highlight, boxes)
    notes.append(dict(x=0, y=1, xref="x2 domain", yref="y2 domain", xanchor="left", yanchor="bottom", yshift=4,
                      showarrow=False, font={"size": 12, "color": theme.MUTED_INK},
                      text=f"Overview, {years[0]}–{years[1]}: the framed part is the view above"))
    marks.place(fig, _bands(episodes, window) + _era_rules(window), notes)
    traces: list[go.Scatter] = []  # added at once: each add_trace validates the figure again
    _event_traces(traces, events, highlight)
    axes = _overview(traces, events, span)
    _legend_keys(traces)
    fig.add_traces(traces)
    fig.update_layout(
        **axes,
        # The labels are placed for this window: the chart is not zoomed or panned in place; a box dragged
        # across it (horizontally) chooses the years to zoom to, and the page places the labels again.
        xaxis={"type": "date", "range": list(view), "title": None, "fixedrange": True},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(categories)), "title": None,
               "range": [-0.5, len(categories) - 0.5 + HEAD], "fixedrange": True, "automargin": False,
               "domain": [(GAP + OVERVIEW) / (DETAIL + GAP + OVERVIEW), 1]},
        height=HEIGHT, hovermode="closest", dragmode="select", selectdirection="h",
    )
    return finish(fig, chrome, margin=Margin(l=left, r=MARGIN_R, t=TOP, b=BOTTOM), layout=_legends())
