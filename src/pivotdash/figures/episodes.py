"""The turns East as figures: the strip of their years, the drivers/end-reasons matrix, the comparison."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pivotdash import schema, theme
from pivotdash import timeline as tl
from pivotdash.figures.finish import SCREEN_WRAP_WIDTH, Chrome, Margin, category_margin, finish
from pivotdash.filters import episode_span
from pivotdash.text import plain_label

PAPER_SOURCE = "Chris Miller, “Will Russia's Pivot to Asia Last?”, Foreign Policy Research Institute, Dec. 2019"


STRIP_SUBTITLE = "Each turn East from its start to its end; colour shows how it ended, per the paper"


def episode_strip(episodes: pd.DataFrame, *, chrome: Chrome) -> go.Figure:
    """One horizontal bar per episode on a shared time axis, ongoing ones running to today; each bar's ending in
    words beside it: after its end where that fits in the narrowest column the chart is drawn in, else before its
    start."""
    fig = go.Figure()
    rows = episodes.sort_values("start_year")
    spans = [episode_span(ep["start_year"], ep["end_year"]) for _, ep in rows.iterrows()]
    lo = dt.date(min((s.year for s, _ in spans), default=1800) - 10, 1, 1)
    hi = dt.date(max((e.year for _, e in spans), default=1800) + 45, 1, 1)
    plot = SCREEN_WRAP_WIDTH - category_margin([plain_label(n) for n in rows["name"]], at_least=Margin().l) - Margin().r
    notes = []
    for (_, ep), (start, end) in zip(rows.iterrows(), spans, strict=True):
        years = f"{ep['start_year']}–{'' if pd.isna(ep['end_year']) else ep['end_year']}"
        ending = plain_label(schema.label("outcomes", ep["outcome"]))
        words = tl.text_width(ending, theme.NOTE_SIZE) + 12  # and plotly's padding
        after = (end - lo) / (hi - lo) * plot + words <= plot
        if not after:
            notes.append({"x": start, "y": plain_label(ep["name"]), "xanchor": "right", "xshift": -4,
                          "showarrow": False, "text": ending, "font": {"size": theme.NOTE_SIZE, "color": theme.INK}})
        fig.add_trace(
            go.Bar(
                base=[start], x=[(end - start).days * 86_400_000], y=[plain_label(ep["name"])],
                orientation="h", marker_color=theme.OUTCOME_COLOURS.get(ep["outcome"], theme.OKABE_ITO["grey"]),
                # The ending in words beside each bar: the colour is never the only cue.
                text=[ending] if after else None, textposition="outside" if after else "none",
                cliponaxis=False, textfont={"size": theme.NOTE_SIZE, "color": theme.INK},
                name=schema.label("outcomes", ep["outcome"]), showlegend=False,
                hovertext="<br>".join(
                    plain_label(x) for x in (ep["name"], years, schema.label("outcomes", ep["outcome"]))
                ),
                hoverinfo="text", customdata=[ep["id"]],
            )
        )
    fig.update_xaxes(type="date", range=[lo, hi])
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(barmode="overlay", height=440, bargap=0.35, annotations=notes)
    return finish(fig, chrome)


LABEL_WIDTH = 24  # characters per line of a turn's name beside a bar: two short lines leave the plot its width


def _two_lines(label: str, width: int = 11) -> str:
    """A column label broken onto short lines, each escaped for plotly."""
    return "<br>".join(plain_label(part) for part in textwrap.wrap(label, width, break_long_words=False) or [label])


MATRIX_NAME_WIDTH = 27  # characters per line of a turn's name beside the matrix: one line for most, two at most


def _row_label(row: pd.Series) -> str:
    """'The Amur seizure' over '1854–1860', the name wrapped and escaped (how long each lasted is in the scorecard
    and the durability chart)."""
    return f"{_two_lines(str(row['turn_east']), MATRIX_NAME_WIDTH)}<br>{plain_label(row['years'])}"


MATRIX_SQUARE = 18  # px: a cell's square, narrower than a column at 564 px so neighbours stay apart
MATRIX_TICK_SIZE = 10  # px: the column labels' font


def matrix_column_labels(vocab: dict[str, str], keys: list[str]) -> list[str]:
    """A panel's column labels as drawn: one line each (they stand upright), escaped for plotly."""
    return [plain_label(vocab.get(k, k)) for k in keys]


def matrix_label_room(labels: list[str]) -> int:
    """Pixels above the squares that the upright column labels take (their longest, and air)."""
    return int(max((tl.text_width(label, MATRIX_TICK_SIZE) for label in labels), default=0)) + 6


def scorecard_matrix_figure(
    drivers: pd.DataFrame, end_reasons: pd.DataFrame, table: pd.DataFrame, *, chrome: Chrome
) -> go.Figure:
    """Episode × driver and episode × end reason as coloured squares (heatmap-like), side by side.

    The column labels stand upright, one line each: a column then needs only a line's height of width, so all
    thirteen fit at 564 px (the chart column of a 1024 px window), where wrapped horizontal labels collided, and
    the figure stays short enough for a 16:9 slide.
    `drivers` and `end_reasons` are boolean matrices indexed by episode name (scorecard.driver_matrix,
    scorecard.end_reason_matrix); `table` (scorecard.scorecard_table) gives years and durations.
    """
    labels = {r["turn_east"]: _row_label(r) for _, r in table.iterrows()}
    rows = [labels.get(name, plain_label(name)) for name in drivers.index]
    lines = max((r.count("<br>") + 1 for r in rows), default=1)
    pitch = max(40, 16 * lines + 2)  # a row: every line of the tallest label, and air
    fig = make_subplots(
        rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.03,
        column_widths=[len(drivers.columns), len(end_reasons.columns)],
        subplot_titles=("What drove it", "What ended it"),  # short: each stands over its own panel at 564 px
    )
    panels = (
        (1, drivers, schema.DRIVERS, lambda key: theme.DRIVER_COLOURS.get(key, theme.OKABE_ITO["grey"]), "driver"),
        (2, end_reasons, schema.END_REASONS, lambda key: theme.INK, "ended by"),
    )
    ongoing = [labels.get(n, plain_label(n)) for n in table.loc[table["ongoing"], "turn_east"]]
    room = 0
    for col, frame, vocab, colour, verb in panels:
        xs = matrix_column_labels(vocab, list(frame.columns))
        room = max(room, matrix_label_room(xs))
        # The empty grid first, so every cell shows and a missing square reads as "no"; an ongoing
        # turn has no end-reason cells, only a note.
        grid_rows = [y for y in rows if col == 1 or y not in ongoing]
        fig.add_trace(go.Scatter(
            x=[x for x in xs for _ in grid_rows], y=[y for _ in xs for y in grid_rows], mode="markers",
            marker={"symbol": "square", "size": MATRIX_SQUARE, "color": theme.GRID}, hoverinfo="skip",
            showlegend=False,
        ), row=1, col=col)
        for key, x in zip(frame.columns, xs, strict=True):
            hits = [y for y, on in zip(rows, frame[key], strict=True) if on]
            if not hits:
                continue
            names = [n for n, on in zip(frame.index, frame[key], strict=True) if on]
            fig.add_trace(go.Scatter(
                x=[x] * len(hits), y=hits, mode="markers", showlegend=False,
                marker={"symbol": "square", "size": MATRIX_SQUARE, "color": colour(key),
                        "line": {"width": 1, "color": theme.INK}},
                hovertext=[f"{plain_label(n)}<br>{verb}: {plain_label(vocab.get(key, key))}" for n in names],
                hoverinfo="text",
            ), row=1, col=col)
    for y in ongoing:
        fig.add_annotation(x=0.5, xref="x2 domain", y=y, yref="y2", text="ongoing: not ended", showarrow=False,
                           font={"size": theme.NOTE_SIZE, "color": theme.MUTED_INK}, bgcolor=theme.BACKGROUND)
    fig.update_yaxes(autorange="reversed", title=None, showgrid=False)
    fig.update_xaxes(side="top", showgrid=False, tickfont={"size": MATRIX_TICK_SIZE}, tickangle=-90)
    fig.update_layout(height=100 + room + 30 + pitch * max(len(rows), 1) + 96, plot_bgcolor=theme.BACKGROUND)
    for note in fig.layout.annotations:
        if note.text and note.text.startswith("What "):
            note.yshift = room  # the panel's title above its upright labels
    return finish(fig, chrome, margin=Margin(l=20, r=10, t=100 + room + 30))


def compare_figure(aligned: pd.DataFrame, spans: pd.DataFrame, *, chrome: Chrome) -> go.Figure:
    """The chosen turns East on one axis of years since each began: its span as a bar, its events as markers.

    `aligned` comes from scorecard.aligned_events, `spans` from scorecard.compare_spans (same order).
    """
    fig = go.Figure()
    records = spans.to_dict("records")
    names = [_two_lines(f"{r['turn_east']} ({r['years']})", LABEL_WIDTH) for r in records]
    for r, y in zip(records, names, strict=True):
        outcome = str(r["outcome"])
        fig.add_trace(go.Bar(
            # The bar covers every calendar year of the turn, so events in its last year sit inside it.
            base=[0], x=[int(r["lasted_years"]) + 1], y=[y], orientation="h", width=0.5, opacity=0.35,
            marker_color=theme.OUTCOME_COLOURS.get(outcome, theme.OKABE_ITO["grey"]),
            name=schema.label("outcomes", outcome), showlegend=False,
            hovertext=plain_label(f"{r['turn_east']}: {r['years']}, {r['lasted_years']} years from first to last year"
                                  + (" so far" if r["ongoing"] else "")
                                  + f" · {schema.label('outcomes', outcome)}"),
            hoverinfo="text",
        ))
    for r, y in zip(records, names, strict=True):
        sub = aligned[aligned["episode_id"] == r["episode_id"]]
        if sub.empty:
            continue
        fig.add_trace(go.Scatter(
            x=sub["years_since_start"], y=[y] * len(sub), mode="markers", name=plain_label(r["turn_east"]),
            marker={"size": 11, "color": theme.INK, "line": {"width": 1.5, "color": theme.BACKGROUND},
                    "symbol": "diamond"},
            customdata=sub[["id"]].to_numpy(), showlegend=False,
            hovertext=[f"<b>{plain_label(t)}</b><br>{plain_label(d)} · {plain_label(c)}<br>"
                       f"{x:+.1f} years from the start"
                       for t, d, c, x in zip(sub["title"], sub["date"], sub["category"], sub["years_since_start"],
                                             strict=True)],
            hoverinfo="text",
        ))
    lo = min([0.0, *aligned["years_since_start"].tolist()]) - 1
    hi = max([1.0, *(spans["lasted_years"] + 1).tolist(), *aligned["years_since_start"].tolist()]) + 0.5
    fig.add_vline(x=0, line={"color": theme.MUTED_INK, "dash": "dot", "width": 1})
    fig.update_xaxes(range=[lo, hi], title="Years since the turn East began (its first year)", zeroline=False)
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(barmode="overlay", height=200 + 90 * max(len(spans), 1), hovermode="closest")
    return finish(fig, chrome)


def durability_figure(table: pd.DataFrame, *, chrome: Chrome) -> go.Figure:
    """How long each turn East lasted (bars) against the ongoing turn's age so far (hatched bar and a line).

    `table` comes from scorecard.durability: ended turns are solid bars, the ongoing one is hatched, and
    every bar is labelled with its years, so the figure reads without colour.
    """
    fig = go.Figure()
    rows = table.to_dict("records")
    for r in rows:
        ongoing = bool(r["ongoing"])
        label = f"{r['lasted_years']} yrs so far" if ongoing else f"{r['lasted_years']} yrs"
        fig.add_trace(go.Bar(
            x=[int(r["lasted_years"])], y=[_two_lines(f"{r['turn_east']} ({r['years']})", LABEL_WIDTH)],
            orientation="h",
            marker={"color": theme.OUTCOME_COLOURS["ongoing"] if ongoing else theme.OKABE_ITO["grey"],
                    "pattern": {"shape": "/" if ongoing else ""}},
            text=[plain_label(label)], textposition="outside", cliponaxis=False, showlegend=False,
            name=plain_label(str(r["turn_east"])), customdata=[r["id"]],
            hovertext=plain_label(f"{r['turn_east']}: {r['years']}, {label}"), hoverinfo="text",
        ))
    age = rows[0]["age_now"] if rows else None
    shapes, notes = [], []
    if age is not None and not pd.isna(age):
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": age, "x1": age, "y0": 0, "y1": 1,
                       "line": {"color": theme.INK, "dash": "dash", "width": 1.5}})
        notes.append({"x": age, "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom", "showarrow": False,
                      "text": plain_label(f"today's turn: {int(age)} years"), "font": {"size": theme.NOTE_SIZE}})
    longest = max([1, *(int(r["lasted_years"]) for r in rows)])
    fig.update_xaxes(range=[0, longest * 1.15], title="Years from the first year to the last")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(shapes=shapes, annotations=notes)  # set once, before finish adds the source note
    # Rows tall enough for three-line labels, under a subtitle that runs to seven lines at 564 px.
    return finish(fig, chrome, layout={"height": 260 + 50 * max(len(rows), 1), "bargap": 0.35})
