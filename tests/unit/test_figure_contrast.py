"""Every text colour in every chart's layout reads at 4.5:1 on its background, light and dark (axe cannot see
inside plotly's SVG); the dark copy is really dark, its series keep 3:1, and the light figure is left as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import plotly.graph_objects as go
import pytest

from pivotdash import state as ps
from pivotdash import theme, views
from pivotdash.figures.surface import on_surface, parse_colour
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]
SURFACES = {"light": theme.LIGHT, "dark": theme.DARK}


@pytest.fixture(scope="module")
def built() -> dict[str, go.Figure]:
    data = Loaded(ROOT / "data")
    out = {}
    for chart, (page, _) in ps.CHARTS.items():
        state, _ = ps.from_query(page, {}, data.names())
        view = views.build(chart, state, data)
        assert view is not None, chart
        out[chart] = view.figure
    return out


def opaque(colour: str, over: str) -> str:
    """`colour` (any plotly colour string) as seen over the opaque `over`."""
    parsed = parse_colour(colour)
    assert parsed is not None, f"not a colour: {colour!r}"
    hex_colour, alpha = parsed
    if alpha is None:
        return hex_colour
    top, under = theme.rgb(hex_colour), theme.rgb(over)
    return "#{:02X}{:02X}{:02X}".format(*(round(a * alpha + b * (1 - alpha)) for a, b in zip(top, under, strict=True)))


def _faded(colour: str, opacity: float | None) -> str:
    parsed = parse_colour(colour)
    assert parsed is not None
    hex_colour, alpha = parsed
    r, g, b = theme.rgb(hex_colour)
    return f"rgba({r},{g},{b},{(1 if alpha is None else alpha) * (1 if opacity is None else opacity):g})"


def _outside_the_plots(note: go.layout.Annotation) -> bool:
    """An annotation anchored beyond its axis domain (or the paper's plot area) on the side away from it: it is
    drawn on the paper, never over a band or a filled area (a title above a strip, the source under the plot)."""
    yref, y, anchor, shift = str(note.yref or "y"), note.y, note.yanchor, note.yshift or 0
    if not (yref == "paper" or yref.endswith("domain")) or not isinstance(y, (int, float)):
        return False
    return (y >= 1 and anchor == "bottom" and shift >= 0) or (y <= 0 and (anchor == "top" or shift < 0)
                                                              and (anchor == "top" or shift <= -20))


def texts(fig: go.Figure) -> Iterator[tuple[str, str, str]]:
    """(what, text colour, background) for every text the layout draws: title, subtitle, ticks, axis titles,
    legend, annotations (on their own box if they have one, else on both the plot and the paper)."""
    lay = fig.layout
    paper = opaque(lay.paper_bgcolor, "#FFFFFF")
    plot = opaque(lay.plot_bgcolor or lay.paper_bgcolor, paper)
    base = lay.font.color
    assert base, "the layout names its text colour"
    yield "title", lay.title.font.color or base, paper
    yield "subtitle", lay.title.subtitle.font.color or base, paper
    for name in [k for k in lay if k.startswith(("xaxis", "yaxis"))]:
        axis = lay[name]
        yield f"{name} ticks", axis.tickfont.color or base, paper
        yield f"{name} title", axis.title.font.color or base, paper
    yield "legend", lay.legend.font.color or base, opaque(lay.legend.bgcolor or paper, paper)
    yield "legend title", lay.legend.title.font.color or lay.legend.font.color or base, paper
    # What an annotation may sit on: the plot, the paper, any filled area (land, sea) and any band drawn on the plot.
    # (land and sea: opaque filled shapes; a translucent stacked area is not a ground text is put on)
    fills = [opaque(t.fillcolor, plot) for t in fig.data
             if getattr(t, "fill", None) == "toself" and t.fillcolor and parse_colour(t.fillcolor)[1] in (None, 1)]
    bands = [opaque(_faded(s.fillcolor, s.opacity), plot) for s in lay.shapes if s.fillcolor]
    for i, note in enumerate(lay.annotations):
        colour = note.font.color or base
        boxed = note.bgcolor and parse_colour(note.bgcolor)[1] != 0
        if boxed:
            grounds = [opaque(note.bgcolor, g) for g in (plot, *fills)]
        else:
            grounds = [paper] if _outside_the_plots(note) else [plot, paper, *fills, *bands]
        for ground in grounds:
            yield f"annotation {i} ({str(note.text)[:30]!r})", colour, ground


@pytest.mark.parametrize("name", list(SURFACES))
def test_every_layout_text_reads_at_4_5_to_1(built, name: str) -> None:
    surface = SURFACES[name]
    failures = []
    for chart, fig in built.items():
        drawn = on_surface(fig, surface)
        assert opaque(drawn.layout.paper_bgcolor, "#FFFFFF") == surface.background, f"{chart} is not on {name}"
        for what, colour, ground in texts(drawn):
            ratio = theme.contrast(opaque(colour, ground), ground)
            if ratio < 4.5:
                failures.append(f"{chart} {what}: {colour} on {ground} = {ratio:.2f}:1")
    assert not failures, "\n".join(failures)


def test_dark_series_keep_3_to_1_and_keep_their_hue() -> None:
    for mapping in (theme.PARTNER_COLOURS, theme.DRIVER_COLOURS, theme.OUTCOME_COLOURS, theme.KIND_COLOURS,
                    theme.ROUTE_COLOURS, theme.RISK_STATUS_COLOURS):
        for key, colour in mapping.items():
            lifted = theme.series_on(colour, theme.DARK.background)
            assert theme.contrast(lifted, theme.DARK.background) >= 3.0, (key, colour, lifted)
            assert theme.series_on(colour, theme.LIGHT.background) == colour  # light: the palette as it is
            r, g, b = theme.rgb(colour)
            lr, lg, lb = theme.rgb(lifted)
            # lifted toward white: each channel moves by the same share of its distance to 255
            shares = [(lv - v) / (255 - v) for v, lv in ((r, lr), (g, lg), (b, lb)) if v < 255]
            assert max(shares) - min(shares) < 0.02, (key, colour, lifted)
    assert theme.series_on("#332288", theme.DARK.background) != "#332288"  # Tol's indigo is lifted on dark


def test_the_dark_copy_leaves_the_figure_light(built) -> None:
    fig = built["trade-composition"]
    before = fig.to_plotly_json()
    dark = on_surface(fig, theme.DARK)
    assert fig.to_plotly_json() == before  # downloads built from the view stay light
    assert on_surface(fig, theme.LIGHT) is fig
    assert dark.layout.font.color == theme.DARK.ink and dark.layout.plot_bgcolor == theme.DARK.background
    assert dark.layout.xaxis.gridcolor == theme.DARK.grid
    lines = [t.line.color for t in dark.data if getattr(t, "line", None) is not None and t.line.color]
    assert lines and all(theme.contrast(opaque(c, theme.DARK.background), theme.DARK.background) >= 3 for c in lines)


def test_the_check_can_fail() -> None:
    """A tick label in the light grid colour is reported."""
    fig = go.Figure(go.Scatter(x=[1], y=[1])).update_layout(
        paper_bgcolor="#FFFFFF", font={"color": "#222222"}, xaxis={"tickfont": {"color": theme.GRID}})
    bad = [w for w, c, g in texts(fig) if theme.contrast(opaque(c, g), g) < 4.5]
    assert bad == ["xaxis ticks"]
