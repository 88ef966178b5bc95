"""Trade figures: composition by partner (stacked area, lines, bars), the 1827–1937 history, claims checked."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb

from pivotdash import theme
from pivotdash.figures import marks
from pivotdash.figures.finish import SCREEN_WRAP_WIDTH, Chrome, Margin, finish, planned_margins
from pivotdash.figures.point_text import POINT_FONT, PlotFrame, place_point_text
from pivotdash.text import plain_label
from pivotdash.timeline import CLEARANCE, short_label, text_width
from pivotdash.trade import claims as tc
from pivotdash.trade import groups as g
from pivotdash.trade.composition import UNSPLIT, segments, stack
from pivotdash.trade.markers import EpisodeBand, Marker, comparable, comparable_with, series_name
from pivotdash.trade.viewstate import TradeView

DOTS_SOURCE = "International Monetary Fund, Direction of Trade Statistics (DOTS)"
DOTS_LICENCE = "Data: IMF DOTS, reuse with attribution · Chart: pivotdash, CC BY 4.0"
RICARDO_SOURCE = (
    "RICardo: Dedinger & Girard (2017), “Exploring trade globalization in the long run: the RICardo project”, "
    "Historical Methods 50(1):30–48; dataset 2017.12, doi:10.5281/zenodo.1119592 (Valetov 1827–1917; "
    "League of Nations 1926–1937)"
)
CLAIMS_SOURCE = DOTS_SOURCE + "; Chris Miller, “Will Russia's Pivot to Asia Last?”, FPRI (Dec. 2019), p33 and p35"
RICARDO_LICENCE = "Data: RICardo, ODbL 1.0 (derived table ODbL) · Chart: pivotdash, CC BY 4.0"
MAX_LABEL = 48
EVENT_LABEL = 40  # a key event's rotated label, in characters (the hover has it whole)
END_LABEL = 22  # a series' name at the end of its line, in characters
END_FONT = 12
# Each series also differs by shape (markers) or dash (long lines without markers), never by colour alone.
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x", "star", "pentagon",
           "hexagon")
# The same shapes as text, so a line's end label carries its marker: the label is the line's key.
GLYPHS = dict(zip(SYMBOLS, "●■◆▲▼✚✖★⬟⬢", strict=True))
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
# A year's value is drawn centred on the year (its column spans year ± 0.5), so a date maps to
# year − 0.5 + fraction of the year: 1 January 2014 is the left edge of the 2014 column.
DATE_SHIFT = -0.5
HEIGHT = 600
# The "DOTS ends" note stands this many pixels above the plot, over the one-line "Shaded" note of the band.
NOTE_LIFT = 18
POINT_ROOM = 1.0  # years of axis past the last year when published points are drawn, so their values fit


End = tuple[str, float, str, str]  # a series' name, last value, colour and marker shape as text


def end_labels(items: Sequence[End], y_range: tuple[float, float], plot_px: float) -> list[dict]:
    """Each series' name at the right end of the plot, level with its last value, nudged apart so no two
    overlap, led by its marker shape in its colour (`plot_px`: the plot's height in pixels)."""
    if not items or y_range[1] <= y_range[0]:
        return []
    per_px = (y_range[1] - y_range[0]) / max(plot_px, 1)
    gap = (END_FONT * 1.25) * per_px
    ordered = sorted(items, key=lambda it: it[1])
    ys: list[float] = []
    for item in ordered:
        ys.append(max(item[1], ys[-1] + gap) if ys else max(item[1], y_range[0] + gap / 2))
    overflow = ys[-1] - (y_range[1] - gap / 2)
    if overflow > 0:  # pushed past the top: slide the stack down, keeping the gaps
        ys = [y - overflow for y in ys]
        for k in range(len(ys) - 2, -1, -1):
            ys[k] = min(ys[k], ys[k + 1] - gap)
    return [dict(x=1, xref="paper", xanchor="left", xshift=6, y=y, yref="y", showarrow=False, align="left",
                 text=f'<span style="color:{c}">{glyph}</span> {plain_label(end_name(name))}',
                 font={"size": END_FONT, "color": theme.INK})
            for (name, _, c, glyph), y in zip(ordered, ys, strict=True)]


def end_name(name: str) -> str:
    """A series' name at the end of its line: without its parenthesis when the whole would be cut ("EU27 (2020
    members, every year)" → "EU27"; the subtitle, legend and hover say what it is), cut at a word past
    END_LABEL characters."""
    if len(name) > END_LABEL and " (" in name:
        name = name.split(" (", 1)[0]
    return short_label(name, END_LABEL)


def end_margin(items: Sequence[End]) -> int:
    """Room right of the plot for the end labels."""
    longest = max((len(end_name(item[0])) for item in items), default=0)
    return 30 if not items else round(24 + (longest + 2) * END_FONT * 0.54)


def _last(ys: Sequence[float | None]) -> float | None:
    return next((y for y in reversed(ys) if y is not None and not math.isnan(y)), None)


def colour(pid: str, index: int = 0) -> str:
    return theme.colour_for(pid.removesuffix("_excl"), theme.PARTNER_COLOURS, index)


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g_, b = hex_to_rgb(hex_colour)
    return f"rgba({r},{g_},{b},{alpha})"


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fmt(v: float | None, measure: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "not reported"
    return f"{v:.1f}%" if measure == "share" else f"US$ {v:,.1f} bn"


def _axis_title(view: TradeView) -> str:
    what = "exports" if view.flow == "exports" else "imports"
    return f"Share of Russia's {what} (%)" if view.measure == "share" else f"Russia's {what}, US$ billion"


def composition_figure(
    frame: pd.DataFrame,
    view: TradeView,
    *,
    chrome: Chrome,
    published: pd.DataFrame | None = None,
    markers: Sequence[Marker] = (),
    band: EpisodeBand | None = None,
    x_max: int | None = None,
    data_last_year: int | None = None,
) -> go.Figure:
    """The chart frame (composition.chart_frame) as a stacked area, lines or bars, with the post-2014
    band, key events and published post-2020 points; gaps stay gaps."""
    column = "share_pct" if view.measure == "share" else "value_usd_bn"
    fig = go.Figure()
    margin = Margin(t=120)
    if view.chart == "bar":
        _bars(fig, frame, column, view)
    else:
        ends = _area(fig, frame, column, view) if view.chart == "area" else _lines(fig, frame, column, view)
        lo = view.years[0]
        hi = max(x_max or view.years[1], lo)
        top = 100.0 if view.chart == "area" and view.measure == "share" else _top(fig, published)
        margin = Margin(t=120, r=end_margin(ends))
        labels = end_labels(ends, (0.0, top), HEIGHT - 120 - 96)
        drawn = published is not None and not published.empty
        x_end = hi + 0.5 + (POINT_ROOM if drawn else 0.0)
        _time_extras(fig, view, published, markers, band, lo, hi, data_last_year, labels, x_end=x_end)
        if published is not None and drawn:
            points = _published(fig, view, published)
            box, _ = planned_margins(fig, chrome, margin=margin, legend_below=True)
            plot = PlotFrame(box, HEIGHT - margin.t - margin.b, (lo - 0.5, x_end), (0.0, top))
            place_point_text(fig, points, plot, None if data_last_year is None else data_last_year + 0.5)
        fig.update_xaxes(range=[lo - 0.5, x_end], title=None, dtick=2 if hi - lo <= 16 else 4)
        fig.update_yaxes(title=_axis_title(view), range=[0, top])
    fig.update_layout(height=HEIGHT, hovermode="closest", legend_title_text="")
    return finish(fig, chrome, margin=margin, legend_below=True)


def _top(fig: go.Figure, published: pd.DataFrame | None) -> float:
    """The top of the value axis: the highest value drawn plus a little air (fixed, so end labels line up)."""
    values = [float(y) for t in fig.data for y in (t.y or ()) if y is not None and not math.isnan(float(y))]
    if published is not None and not published.empty:
        values += published["value"].astype(float).tolist()
    return max([1.0, *values]) * 1.08


def _hover(name: str, years: Sequence[int], values: Sequence[float | None], measure: str) -> list[str]:
    return [f"<b>{plain_label(name)}</b><br>{y}: {_fmt(v, measure)}" for y, v in zip(years, values, strict=True)]


def _area(fig: go.Figure, frame: pd.DataFrame, column: str, view: TradeView) -> list[End]:
    """The stacked bands; returns each band's name, the middle of its last reported year and its colour."""
    bands = stack(frame, column)
    ends: list[End] = []
    for i, band in enumerate(bands):
        unsplit = band.partner == UNSPLIT
        c = theme.OKABE_ITO["grey"] if unsplit else colour(band.partner, i)
        xs: list[float | None] = []
        ys: list[float | None] = []
        # Each year is a column one year wide, so a missing year is a clean gap of exactly that year.
        for years, lower, upper in segments(band.years, band.lower, band.upper):
            sx = [x for y in years for x in (y - 0.5, y + 0.5)]
            xs += [*sx, *reversed(sx), None]
            ys += [v for v in upper for _ in (0, 1)] + [v for v in reversed(lower) for _ in (0, 1)] + [None]
        fill = {"fillcolor": "rgba(255,255,255,0)", "fillpattern": {"shape": "/", "fgcolor": c, "size": 8,
                                                                    "solidity": 0.25}} if unsplit \
            else {"fillcolor": _rgba(c, 0.75)}
        fig.add_trace(go.Scatter(
            x=xs, y=ys, fill="toself", line={"width": 0}, mode="lines", hoverinfo="skip",
            showlegend=unsplit, legendgroup=band.partner, name=plain_label(band.name), **fill,
        ))
        if unsplit:
            missing = {y: [b.name for b in bands if b.partner != UNSPLIT and b.values[k] is None]
                       for k, y in enumerate(band.years)}
            fig.add_trace(go.Scatter(
                x=band.years, y=band.upper, mode="markers", marker={"size": 8, "color": "rgba(0,0,0,0)"},
                showlegend=False, legendgroup=band.partner, name=plain_label(band.name),
                hovertext=[f"<b>{y}: not split</b><br>{_fmt(v, view.measure)} of the total cannot be split: "
                           f"{plain_label(', '.join(missing[y]))} not reported" for y, v in
                           zip(band.years, band.values, strict=True)],
                hoverinfo="text",
            ))
            continue
        fig.add_trace(go.Scatter(
            x=band.years, y=band.upper, mode="lines+markers", line={"color": c, "width": 1, "shape": "hvh"},
            marker={"size": 5, "color": c, "symbol": SYMBOLS[i % len(SYMBOLS)]}, connectgaps=False,
            name=plain_label(band.name), legendgroup=band.partner, showlegend=False,  # its end label is its key
            hovertext=_hover(band.name, band.years, band.values, view.measure), hoverinfo="text",
        ))
        mids = [None if v is None or hi is None or lo is None else (hi + lo) / 2
                for v, hi, lo in zip(band.values, band.upper, band.lower, strict=True)]
        mid = _last(mids)
        if mid is not None:
            ends.append((band.name, mid, c, GLYPHS[SYMBOLS[i % len(SYMBOLS)]]))
    return ends


def _lines(fig: go.Figure, frame: pd.DataFrame, column: str, view: TradeView) -> list[End]:
    """One line per partner, each with its own marker shape; returns each one's end label."""
    ends: list[End] = []
    for i, (pid, sub) in enumerate(frame.groupby("partner", sort=False)):
        values = [None if pd.isna(v) else float(v) for v in sub[column]]
        if all(v is None for v in values):
            continue  # nothing reported in these years: no empty legend entry (the CSV still lists the gaps)
        name = str(sub["partner_name"].iloc[0])
        c = colour(str(pid), i)
        fig.add_trace(go.Scatter(
            x=list(sub["year"]), y=values, mode="lines+markers", connectgaps=False, name=plain_label(name),
            showlegend=False,  # its end label, led by its marker, is its key
            line={"color": c, "width": 2.5}, marker={"size": 7, "symbol": SYMBOLS[i % len(SYMBOLS)]},
            hovertext=_hover(name, list(sub["year"]), values, view.measure), hoverinfo="text",
        ))
        last = _last(values)
        if last is not None:
            ends.append((name, last, c, GLYPHS[SYMBOLS[i % len(SYMBOLS)]]))
    return ends


def _bars(fig: go.Figure, frame: pd.DataFrame, column: str, view: TradeView) -> None:
    data = frame.assign(_v=frame[column]).sort_values("_v", ascending=True, na_position="first")
    rest = data[data["partner"] == g.REST_OF_WORLD]
    data = pd.concat([rest, data[data["partner"] != g.REST_OF_WORLD]])
    names = [plain_label(n) for n in data["partner_name"]]
    values = [None if pd.isna(v) else float(v) for v in data["_v"]]
    fig.add_trace(go.Bar(
        x=[0 if v is None else v for v in values], y=names, orientation="h",
        marker_color=[colour(str(p), i) for i, p in enumerate(data["partner"])],
        text=[_fmt(v, view.measure) for v in values], textposition="outside", cliponaxis=False,
        hovertext=[f"<b>{n}</b><br>{view.bar_year}: {_fmt(v, view.measure)}" for n, v in zip(names, values,
                                                                                             strict=True)],
        hoverinfo="text", showlegend=False,
    ))
    # A missing value is labelled "not reported" at the axis; its bar has no length (it is not a zero).
    fig.update_traces(marker_line_width=0)
    fig.update_xaxes(title=_axis_title(view), rangemode="tozero")
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=names)


def _time_extras(fig: go.Figure, view: TradeView, published: pd.DataFrame | None, markers: Sequence[Marker],
                 band: EpisodeBand | None, lo: int, hi: int, data_last_year: int | None,
                 labels: Sequence[dict] = (), *, x_end: float | None = None) -> None:
    """The band of today's turn East (an ongoing one runs to `x_end`, the axis's end), the key events' rules
    and labels, and where DOTS ends."""
    shapes: list[dict] = []
    notes: list[dict] = list(labels)
    end = hi + 0.5 if x_end is None else x_end
    if band is not None and band.start <= hi:
        x0 = max(band.start + DATE_SHIFT, lo - 0.5)
        x1 = min(band.end + DATE_SHIFT, hi + 0.5) if band.end is not None else end
        shapes.append(marks.band(x0, x1, fillcolor=theme.OKABE_ITO["grey"], opacity=0.15, line={"width": 0},
                                 layer="below"))
        notes.append(dict(x=x0, y=1.0, xref="x", yref="paper", xanchor="left", yanchor="bottom", showarrow=False,
                          text=plain_label(f"Shaded: {band.name} (from {int(band.start)})"),
                          font={"size": 12, "color": theme.MUTED_INK}))
    for m in markers:
        x = m.x + DATE_SHIFT
        if not lo - 0.5 <= x <= hi + 0.5:
            continue
        shapes.append(marks.rule(x, {"color": theme.INK, "dash": "dot", "width": 1}))
        # No background box: the label runs along its rule and never hides a line or marker under it.
        notes.append(dict(x=x, y=0.99, xref="x", yref="paper", xanchor="right", yanchor="top", textangle=-90,
                          showarrow=False, text=plain_label(short_label(m.chart_label, EVENT_LABEL)),
                          hovertext=plain_label(m.label), font={"size": 11, "color": theme.INK}))
    if data_last_year is not None and data_last_year < hi:
        shapes.append(marks.rule(data_last_year + 0.5, {"color": theme.MUTED_INK, "dash": "dash", "width": 1}))
        # Above the plot, right of the rule, over the "Shaded" note: no marker, label or band is drawn up
        # there, so at any width the note can cover none of the points it speaks of.
        notes.append(dict(x=data_last_year + 0.5, y=1.0, xref="x", yref="paper", xanchor="left", yanchor="bottom",
                          showarrow=False, xshift=3, yshift=NOTE_LIFT, font={"size": 11, "color": theme.MUTED_INK},
                          align="left", text=f"DOTS ends {data_last_year};<br>later points: published<br>"
                                             "figures, not joined"))
    marks.place(fig, shapes, notes)


def _hover_lines(text: str, width: int = 70) -> str:
    """Escaped `text` in hover lines of about `width` characters, whole (the reason a point is not joined)."""
    return "<br>".join(plain_label(line) for line in textwrap.wrap(text, width))


def _point_text(value: float, metric: str) -> str:
    """A published point's value beside it, in three figures (the hover and the CSV have it whole): a share
    with its %, a value bare, since the axis says US$ billion (a post-2020 point has about five years of
    room at the narrowest column, and "114.15 bn" would not fit in it)."""
    digits = max(0, 2 - math.floor(math.log10(abs(value)))) if value else 0
    return f"{value:.{digits}f}" + ("%" if metric == "share_pct" else "")


def _published(fig: go.Figure, view: TradeView, published: pd.DataFrame) -> list[go.Scatter]:
    """Published post-2020 points: a figure comparable with the series shown as a filled diamond in its
    partner's colour; one that is not (e.g. China customs' imports from Russia on Russia's own export series)
    hollow and grey under its own legend entry, its hover saying what it is not comparable with."""
    shown = series_name(view.flow, view.measure)
    traces: list[go.Scatter] = []
    rows = published.assign(_why=comparable_with(published))
    rows["_fits"] = [comparable(c, view.flow) for c in rows["_why"]]
    for i, (pid, sub) in enumerate(rows.groupby("partner", sort=False)):
        for fit, part in sub.groupby("_fits", sort=False):
            ys = part["value"].astype(float).tolist()
            why = part["_why"].tolist()
            partner = part["partner_name"].iloc[0]
            if fit:
                name, c = f"Published after 2020: {partner}", colour(str(pid), i)
                marker = {"symbol": "diamond", "size": 12, "color": c, "line": {"width": 1.5, "color": theme.INK}}
                tails = [f"Published figure; not part of the DOTS series, comparable with {shown}:<br>"
                         f"{_hover_lines(w)}" for w in why]
                ink = theme.INK
            else:
                name, ink = f"Published after 2020, not comparable with this series: {partner}", theme.MUTED_INK
                marker = {"symbol": "diamond-open", "size": 12, "color": theme.OKABE_ITO["grey"],
                          "line": {"width": 2}}
                tails = [f"Published figure; not comparable with {shown}:<br>"
                         f"{_hover_lines(w.removeprefix('none: ') or 'not stated')}" for w in why]
            traces.append(go.Scatter(
                x=part["year"].tolist(), y=ys, mode="markers+text", name=plain_label(name), marker=marker,
                text=[_point_text(v, m) for v, m in zip(ys, part["metric"], strict=True)],
                textposition="top center", textfont={"size": POINT_FONT, "color": ink}, cliponaxis=False,
                hovertext=[f"<b>{plain_label(lbl)}</b><br>{plain_label(_short(src, 90))}<br>{t}"
                           for lbl, src, t in zip(part["label"], part["source"], tails, strict=True)],
                hoverinfo="text", legendgroup=f"published-{fit}",
            ))
    fig.add_traces(traces)
    return list(fig.data[-len(traces):]) if traces else []


BAND_FONT = 11


def _band_label_overflows(x: float, text: str, x_range: tuple[float, float], margin_right: int) -> bool:
    """Whether a band's label, starting at year `x`, runs past the figure's right edge at the narrowest column
    (finish.SCREEN_WRAP_WIDTH, the builder's left margin, `margin_right`)."""
    plot_w = SCREEN_WRAP_WIDTH - Margin().l - margin_right
    left = Margin().l + (x - x_range[0]) / (x_range[1] - x_range[0]) * plot_w
    return left + text_width(text, BAND_FONT) + 2 * CLEARANCE > SCREEN_WRAP_WIDTH


def history_figure(
    frame: pd.DataFrame,
    *,
    partners: Sequence[str],
    flow: str,
    bands: Sequence[EpisodeBand] = (),
    years: tuple[int, int] = (1827, 1937),
    chrome: Chrome,
) -> go.Figure:
    """Russia's trade shares by partner, 1827–1937 (rows of ricardo_russia_history.csv, one flow), the
    paper's turns East as bands; the 1918–1925 gap (no series) stays a gap."""
    fig = go.Figure()
    lo, hi = years
    axis = list(range(lo, hi + 1))
    ends: list[End] = []
    for i, pid in enumerate(partners):
        sub = frame[(frame["partner"] == pid) & (frame["flow"] == flow)].set_index("year").reindex(axis)
        if sub["share_pct"].notna().sum() == 0:
            continue
        name = str(sub["partner_name"].dropna().iloc[0])
        values = [None if pd.isna(v) else float(v) for v in sub["share_pct"]]
        last = _last(values)
        if last is not None:
            ends.append((name, last, colour(pid, i), "■"))
        fig.add_trace(go.Scatter(
            x=axis, y=values, mode="lines", connectgaps=False, name=plain_label(name),
            line={"color": colour(pid, i), "width": 2.2, "dash": DASHES[i % len(DASHES)]},
            hovertext=[f"<b>{plain_label(name)}</b><br>{y}: {_fmt(v, 'share')}" for y, v in zip(axis, values,
                                                                                                strict=True)],
            hoverinfo="text",
        ))
    shapes: list[dict] = []
    notes: list[dict] = []
    for i, band in enumerate(bands):
        x0 = max(band.start + DATE_SHIFT, lo - 0.5)
        x1 = min(band.end + DATE_SHIFT if band.end is not None else hi + 0.5, hi + 0.5)
        if x1 <= x0:
            continue
        shapes.append(marks.band(x0, x1, fillcolor=theme.OKABE_ITO["orange"], opacity=0.12, line={"width": 0},
                                 layer="below"))
        # From the band's start, cut at a word where it would run past the figure's edge at the narrowest
        # column (its hover has it whole).
        text = next((t for t in (short_label(band.name, n) for n in range(40, 8, -2))
                     if not _band_label_overflows(x0, t, (lo - 0.5, hi + 0.5), end_margin(ends))),
                    short_label(band.name, 8))
        notes.append(dict(x=x0, y=1.0 if i % 2 == 0 else 0.93, xref="x", yref="paper", xanchor="left",
                          yanchor="bottom", showarrow=False, text=plain_label(text), hovertext=plain_label(band.name),
                          font={"size": BAND_FONT, "color": theme.MUTED_INK}))
    if lo <= 1921 <= hi:
        notes.append(dict(x=1921.5, y=0.5, xref="x", yref="paper", showarrow=False, textangle=-90,
                          text="No series 1918–1925", font={"size": 11, "color": theme.MUTED_INK}))
    if flow == "exports" and lo <= 1917 and hi >= 1916:
        shapes.append(marks.band(max(1915.5, lo - 0.5), min(1917.5, hi + 0.5), fillcolor=theme.OKABE_ITO["grey"],
                                 opacity=0.3, line={"width": 0}, layer="below"))
        notes.append(dict(x=1915.5, y=0.72, xref="x", yref="paper", xanchor="right", showarrow=False,
                          textangle=-90, font={"size": 10, "color": theme.MUTED_INK},
                          text="1916–17: Asian frontier missing",
                          hovertext="In 1916–1917 the source's exports to every Asian-frontier partner are 0 while "
                                    "imports from them are not: the figures seem to cover the European frontier only."))
    top = _top(fig, None)
    notes += end_labels(ends, (0.0, top), HEIGHT - 120 - 96)
    marks.place(fig, shapes, notes)
    fig.update_xaxes(range=[lo - 0.5, hi + 0.5], title=None)
    fig.update_yaxes(title=f"Share of Russia's {flow} (%)", range=[0, top])
    fig.update_layout(height=HEIGHT, hovermode="closest")
    return finish(fig, chrome, margin=Margin(t=120, r=end_margin(ends)), legend_below=True)


def claims_figure(table: pd.DataFrame, *, chrome: Chrome) -> go.Figure:
    """Each claim's data as a percentage of the paper's figure (100 = exactly as the paper says), per year,
    over the tolerance bands; `table` is claims.check() output."""
    fig = go.Figure()
    labels = {c.id: f"{c.short} ({c.paragraph})" + ("<br>under 100 holds" if c.kind == "below" else "")
              for c in tc.CLAIMS}
    paper = {c.id: c.paper_value for c in tc.CLAIMS}
    order = [labels[c.id] for c in reversed(tc.CLAIMS)]
    _claim_bands(fig, order, {labels[c.id]: c for c in tc.CLAIMS})
    symbols = ["circle", "square", "diamond", "triangle-up"]
    for i, (year, sub) in enumerate(table.groupby("year", sort=True)):
        xs = [None if pd.isna(v) else 100 * float(v) / paper[c] for c, v in zip(sub["claim"], sub["exact"],
                                                                                   strict=True)]
        fig.add_trace(go.Scatter(
            x=xs, y=[labels[c] for c in sub["claim"]], mode="markers", name=str(year),
            marker={"size": 13, "symbol": symbols[i % len(symbols)],
                    "color": [theme.OKABE_ITO[k] for k in ("vermillion", "blue", "orange")][i % 3],
                    "line": {"width": 1, "color": theme.INK}},
            hovertext=[f"<b>{plain_label(q)}</b><br>{year}: {d}{' ×' if u == 'ratio' else '%'} "
                       f"(paper: {plain_label(p)}) — {v}"
                       for q, d, u, p, v in zip(sub["paper_says"], sub["data"], sub["unit"], sub["paper_figure"],
                                                sub["verdict"], strict=True)],
            hoverinfo="text",
        ))
    # Three short lines: centred under a plot that the claims' labels leave narrow at 564 px, two ran off the chart.
    fig.update_xaxes(title={"text": "Data as % of the paper's figure<br>(100 = as the paper says;<br>green: holds, "
                                    "yellow: roughly)", "font": {"size": 12}}, rangemode="tozero")
    fig.update_yaxes(categoryorder="array", categoryarray=order, title=None, automargin=True,
                     tickfont={"size": 12})
    fig.update_layout(height=560, hovermode="closest", legend_title_text="Year of data")
    # The claim labels widen the left margin at draw time (automargin).
    return finish(fig, chrome, margin=Margin(t=130, b=146), legend_below=True)  # 16 px: the third title line


def claim_band_edges(claim: tc.Claim) -> tuple[tuple[float, float], tuple[float, float]]:
    """The 'holds' and 'roughly holds' ranges of a claim on the chart's scale (100 = the paper's figure),
    from the same tolerances claims.verdict applies: an upper bound ('less than 4%') holds anywhere under
    it (0–100) and roughly holds up to the bound + 10%; a point claim holds within ±10%, roughly ±25%."""
    if claim.kind == "below":
        return (0.0, 100.0), (100.0, 100 * (1 + tc.TOLERANCE_HOLDS))
    return ((100 * (1 - tc.TOLERANCE_HOLDS), 100 * (1 + tc.TOLERANCE_HOLDS)),
            (100 * (1 - tc.TOLERANCE_ROUGHLY), 100 * (1 + tc.TOLERANCE_ROUGHLY)))


def _claim_bands(fig: go.Figure, order: list[str], claims: dict[str, tc.Claim]) -> None:
    """Each claim's own bands on its own row (the category axis puts row i at y = i)."""
    for i, label in enumerate(order):
        holds, roughly = claim_band_edges(claims[label])
        for (x0, x1), colour_, alpha in ((roughly, "#DDCC77", 0.25), (holds, "#117733", 0.2)):
            fig.add_shape(type="rect", xref="x", yref="y", x0=x0, x1=x1, y0=i - 0.45, y1=i + 0.45,
                          fillcolor=colour_, opacity=alpha, line_width=0, layer="below")
