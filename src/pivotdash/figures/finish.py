"""The one finishing step every figure goes through: title, subtitle, source, licence, theme."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from pivotdash import theme
from pivotdash.text import plain_label

APP_NAME = "pivotdash"
CHART_LICENCE = "Chart: pivotdash, CC BY 4.0"
SOURCE_ANNOTATION = "pivotdash-source"
# On screen a chart is as wide as the page's main column, which the server cannot measure: at 1024 px
# beside the sidebar it gets about 560 px. Wrapping for the narrowest keeps the chrome (and a legend
# below the plot) inside the frame at every width; `fit_chrome` re-wraps for the exact export width.
SCREEN_WRAP_WIDTH = 560
# Average glyph width as a share of the font size (Liberation Sans, mixed case), measured on
# exported PNGs (about 0.48 bold, 0.51 regular) and rounded up so a line breaks early, not late.
_GLYPH = 0.54
_GLYPH_BOLD = 0.54
_TITLE_X = 0.01  # title's left edge as a share of the figure width; the source note lines up with it
_LINE = 1.3  # line height as a multiple of the font size
_LEGEND_ROW = round(theme.BODY_SIZE * _LINE) + 8  # a row of a horizontal legend, symbols included
_LEGEND_SYMBOL = 44  # a legend entry's symbol and the gaps around it, in pixels


@dataclass(frozen=True)
class Chrome:
    """What a chart says about itself on the image: title, what is shown, where it comes from."""

    title: str
    subtitle: str
    source: str
    licence: str = CHART_LICENCE
    link: str = ""  # the path and query string that reopen the view; printed on exported images only

    @property
    def alt_text(self) -> str:
        """The chart's text alternative: one line of what it shows, from the facts of its title and subtitle.

        The app prints it under the chart; the deck, the PDF, the SVG (<desc>) and the HTML export carry it.
        """
        title = self.title.rstrip(". ")
        shows = self.subtitle.rstrip(". ")
        return f"{title}. Shows: {shows}." if shows else f"{title}."


def wrap(text: str, width_px: float, font_px: float, *, bold: bool = False) -> list[str]:
    """`text` broken into lines that fit `width_px` at `font_px` (long words are broken too)."""
    per_line = max(16, int(width_px / (font_px * (_GLYPH_BOLD if bold else _GLYPH))))
    return textwrap.wrap(text, per_line, break_long_words=True, break_on_hyphens=False) or [""]


def _note_text(chrome: Chrome, printed_link: str = "") -> str:
    """Source and licence, naming the app once (the default licence line already names it)."""
    tail = chrome.licence if APP_NAME in chrome.licence else f"{chrome.licence} · {APP_NAME}"
    return f"Source: {chrome.source}\n{tail}" + (f"\n{printed_link}" if printed_link else "")


@dataclass(frozen=True)
class _Lines:
    title: list[str]
    subtitle: list[str]
    note: list[str]

    @property
    def extra_top(self) -> int:
        """Pixels the title block needs beyond one title line and one subtitle line."""
        return round((len(self.title) - 1) * theme.TITLE_SIZE * _LINE
                     + (len(self.subtitle) - 1) * theme.SUBTITLE_SIZE * _LINE)

    @property
    def extra_bottom(self) -> int:
        """Pixels the source note needs beyond its usual two lines."""
        return round(max(0, len(self.note) - 2) * theme.NOTE_SIZE * _LINE)


def _lines(chrome: Chrome, width: int, note_left: float = 0, printed_link: str = "") -> _Lines:
    usable = width - 100  # left and right margins plus a little air
    note: list[str] = []
    for part in _note_text(chrome, printed_link).split("\n"):
        note += wrap(part, usable - note_left, theme.NOTE_SIZE)
    return _Lines(
        wrap(chrome.title, usable, theme.TITLE_SIZE, bold=True),
        wrap(chrome.subtitle, usable, theme.SUBTITLE_SIZE),
        note,
    )


def _note_xshift(margin_left: float, width: float) -> int:
    """Shift from the plot's left edge back to the title's left edge."""
    return -round(margin_left - _TITLE_X * width)


def _html(lines: list[str]) -> str:
    return "<br>".join(plain_label(line) for line in lines)


@dataclass(frozen=True)
class Margin:
    """A builder's own margins in pixels, before the chrome's wrapped lines are added to top and bottom."""

    l: int = 70  # noqa: E741 - plotly's name
    r: int = 30
    t: int = 100
    b: int = 96


def margins(chrome: Chrome, base: Margin = Margin(), width: int = SCREEN_WRAP_WIDTH, *,
            legend: int = 0) -> dict[str, int]:
    """The margins `finish` will set: `base` plus room for every wrapped line of title, subtitle and note,
    and for `legend` rows of a legend below the plot."""
    lines = _lines(chrome, width)
    legend_px = legend * _LEGEND_ROW + (8 if legend else 0)
    return {"l": base.l, "r": base.r, "t": base.t + lines.extra_top, "b": base.b + lines.extra_bottom + legend_px}


def legend_rows(fig: go.Figure, room: float) -> int:
    """How many rows a horizontal legend of `fig` takes in `room` pixels (the plot's width: entries flow left
    to right and wrap there), erring high so the legend never runs into what is under it."""
    names = [str(t.name) for t in fig.data if t.name and t.showlegend is not False]
    if not names:
        return 0
    # Plotly lines the entries of a wrapped horizontal legend up in columns as wide as the widest entry.
    entry = _LEGEND_SYMBOL + max(len(plain_label(n)) for n in names) * theme.BODY_SIZE * _GLYPH
    per_row = max(1, int(room // entry))
    rows = -(-len(names) // per_row)
    return rows


def _note_px(note_lines: int) -> float:
    return note_lines * theme.NOTE_SIZE * _LINE + 10


def place_legend_below(fig: go.Figure, note_lines: int) -> None:
    """Put a legend that sits below the plot just above the source note's `note_lines` lines (in pixels from
    the bottom of the figure), so the two never overprint whatever the figure's height."""
    meta = fig.layout.meta
    if not (isinstance(meta, dict) and meta.get("pivotdash", {}).get("legend_below")):
        return
    height = fig.layout.height or 450
    fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "xref": "paper", "yref": "container",
                              "y": _note_px(note_lines) / height, "yanchor": "bottom"})


def planned_margins(fig: go.Figure, chrome: Chrome, *, margin: Margin = Margin(), width: int = SCREEN_WRAP_WIDTH,
                    legend_below: bool = False) -> tuple[dict[str, int], int]:
    """The margins `finish` will give `fig` as it stands (and the rows of its legend below the plot), so a
    builder can place text in the plot's pixels before it finishes the figure."""
    # Room for category labels set here, not left to plotly's automargin at draw time: the source note is
    # placed from the plot's left edge, so it lines up with the title only when that edge is known.
    margin = Margin(max(margin.l, round(_label_push(fig, margin.l))), margin.r, margin.t, margin.b)
    rows = legend_rows(fig, width - margin.l - margin.r) if legend_below else 0
    return margins(chrome, margin, width, legend=rows), rows


def finish(fig: go.Figure, chrome: Chrome, *, margin: Margin = Margin(), width: int = SCREEN_WRAP_WIDTH,
           layout: dict[str, Any] | None = None, legend_below: bool = False) -> go.Figure:
    """Apply the house style and write the chrome onto the figure itself, so exports carry it. Always last.

    Label text is escaped for plotly's HTML subset, so a title from the data shows as text.
    Long titles, subtitles and source lines wrap for `width` pixels and the margins grow to fit.
    With `legend_below` the legend runs under the plot, above the source note, in as many rows as the
    width needs (the bottom margin grows by them); else it stands right of the plot.
    A builder hands its own margins and layout here rather than patching them afterwards.
    """
    lines = _lines(chrome, width)
    box, rows = planned_margins(fig, chrome, margin=margin, width=width, legend_below=legend_below)
    fig.update_layout(
        template="plotly_white",
        paper_bgcolor=theme.BACKGROUND,
        plot_bgcolor=theme.BACKGROUND,
        font={"family": theme.FONT_FAMILY, "size": theme.BODY_SIZE, "color": theme.INK},
        title={
            "text": f"<b>{_html(lines.title)}</b>",
            "subtitle": {
                "text": _html(lines.subtitle),
                "font": {"size": theme.SUBTITLE_SIZE, "color": theme.MUTED_INK},
            },
            "x": _TITLE_X,
            "xanchor": "left",
            "y": 0.97,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": theme.TITLE_SIZE},
        },
        margin=box,
        # Right of the plot, top-aligned: never under the title and subtitle, however many entries.
        legend={"orientation": "v", "yanchor": "top", "y": 1.0, "x": 1.01, "xanchor": "left"},
        meta={
            "pivotdash": {
                "title": chrome.title,
                "subtitle": chrome.subtitle,
                "source": chrome.source,
                "licence": chrome.licence,
                "link": chrome.link,
                "wrap_width": width,
                "legend_below": legend_below,
                "legend_rows": rows,
            }
        },
    )
    fig.add_annotation(
        text=_html(lines.note),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="bottom",
        yshift=-(box["b"] - 4),
        xshift=_note_xshift(box["l"], width),
        showarrow=False,
        align="left",
        font={"size": theme.NOTE_SIZE, "color": theme.MUTED_INK},
        name=SOURCE_ANNOTATION,
    )
    fig.update_xaxes(gridcolor=theme.GRID, zeroline=False)
    fig.update_yaxes(gridcolor=theme.GRID, zeroline=False)
    if layout:
        fig.update_layout(layout)
    if fig.layout.height:  # the plot keeps the height its builder gave it; wrapped lines and legend rows add to it
        extra = box["t"] - margin.t + box["b"] - margin.b
        fig.update_layout(height=fig.layout.height + extra)
    place_legend_below(fig, len(lines.note))
    return fig


def _label_push(fig: go.Figure, margin_l: float | None = None) -> float:
    """The left margin that category labels on the y axis need (at least `margin_l`).

    Estimated from the longest line of a category label, erring wide, so plotly's automargin never has
    to widen it at draw time: the source note, placed from the plot's left edge, then lines up with the
    title and wraps for the whole width.
    """
    labels = [str(t) for t in (fig.layout.yaxis.ticktext or ())]
    for trace in fig.data:
        ys = getattr(trace, "y", None)
        if ys is not None and getattr(trace, "yaxis", None) in (None, "y"):
            labels += [y for y in ys if isinstance(y, str)]
    if margin_l is None:
        margin_l = fig.layout.margin.l if fig.layout.margin.l is not None else 70
    return category_margin(labels, fig.layout.yaxis.tickfont.size or theme.BODY_SIZE, at_least=float(margin_l))


def category_margin(labels: Iterable[str], size: float = theme.BODY_SIZE, *, at_least: float = 0) -> float:
    """The left margin `finish` gives category labels of `size` px on the y axis (at least `at_least`): a
    builder that places things in pixels before `finish` (the timeline's labels) lays them out for this one."""
    longest = max((len(line) for label in labels for line in str(label).split("<br>")), default=0)
    return max(at_least, longest * size * _GLYPH + 16) if longest else at_least


def fit_chrome(fig: go.Figure, width: int, *, link: str | None = None) -> go.Figure:
    """Re-wrap the chrome of a finished figure for an export `width`, in place; `link` is printed under the source.

    Margins move by the difference in wrapped lines only, so a builder's own margin
    (e.g. room for rotated band labels) is kept.
    """
    chrome = chrome_of(fig)
    if chrome is None:
        return fig
    meta = dict(fig.layout.meta["pivotdash"])
    old = _lines(chrome, int(meta.get("wrap_width", SCREEN_WRAP_WIDTH)))
    new = _lines(chrome, width, printed_link=link or "")
    margin = fig.layout.margin
    old_rows = int(meta.get("legend_rows", 0))
    room = width - (margin.l if margin.l is not None else 70) - (margin.r if margin.r is not None else 30)
    rows = legend_rows(fig, room) if meta.get("legend_below") else 0
    top = (margin.t if margin.t is not None else 100) + new.extra_top - old.extra_top
    bottom = ((margin.b if margin.b is not None else 96) + new.extra_bottom - old.extra_bottom
              + (rows - old_rows) * _LEGEND_ROW + (8 if rows and not old_rows else 0))
    fig.update_layout(
        title_text=f"<b>{_html(new.title)}</b>",
        title_subtitle_text=_html(new.subtitle),
        margin={"t": top, "b": bottom},
        meta={"pivotdash": {**meta, "wrap_width": width, "legend_rows": rows}},
    )
    place_legend_below(fig, len(new.note))
    for note in fig.layout.annotations:
        if note.name == SOURCE_ANNOTATION:
            note.text = _html(new.note)
            note.yshift = -(bottom - 4)
            note.xshift = _note_xshift(margin.l if margin.l is not None else 70, width)
    return fig


def chrome_of(fig: go.Figure) -> Chrome | None:
    """Read back the chrome `finish` wrote (for exports and tests)."""
    meta = fig.layout.meta
    if isinstance(meta, dict) and "pivotdash" in meta:
        m = meta["pivotdash"]
        return Chrome(m["title"], m["subtitle"], m["source"], m["licence"], m.get("link", ""))
    return None


def retitle(fig: go.Figure, title: str) -> go.Figure:
    """A copy of a finished figure under another title (an analyst's own), wrapped as `finish` wraps it."""
    chrome = chrome_of(fig)
    out = go.Figure(fig)
    if chrome is None:
        return out.update_layout(title_text=plain_label(title))
    meta = dict(fig.layout.meta["pivotdash"])
    width = int(meta.get("wrap_width", SCREEN_WRAP_WIDTH))
    old, new = _lines(chrome, width), _lines(Chrome(title, chrome.subtitle, chrome.source, chrome.licence), width)
    top = (fig.layout.margin.t if fig.layout.margin.t is not None else 100) + new.extra_top - old.extra_top
    return out.update_layout(title_text=f"<b>{_html(new.title)}</b>", margin={"t": top},
                             meta={"pivotdash": {**meta, "title": title}})
