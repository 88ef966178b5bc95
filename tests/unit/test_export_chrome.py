"""The chrome every exported chart carries: title, subtitle, source, licence, app name; light theme."""

from __future__ import annotations

import plotly.graph_objects as go

from pivotdash.export.images import export_figure
from pivotdash.figures.finish import APP_NAME, SOURCE_ANNOTATION, Chrome, chrome_of, finish, fit_chrome

LONG_SUBTITLE = (
    "Imperial Russia, Soviet Union and Russian Federation · driver: Promised Asian riches, Clash with the West, "
    "Imperial competition, Ideology and Security · 1790–2026 · category: War, Treaty and Diplomacy"
)


def _note(fig: go.Figure):
    return next(a for a in fig.layout.annotations if a.name == SOURCE_ANNOTATION)


def test_finish_writes_title_subtitle_source_licence_into_the_figure_json() -> None:
    fig = finish(go.Figure(go.Bar(x=["a"], y=[1])), Chrome("Exports by partner", "1992–2020", "IMF DOTS"))
    js = fig.to_plotly_json()["layout"]
    assert "Exports by partner" in js["title"]["text"]
    assert js["title"]["subtitle"]["text"] == "1992–2020"
    note = next(a for a in js["annotations"] if a.get("name") == SOURCE_ANNOTATION)
    assert "Source: IMF DOTS" in note["text"]
    assert "CC BY 4.0" in note["text"] and APP_NAME in note["text"]
    assert chrome_of(fig) == Chrome("Exports by partner", "1992–2020", "IMF DOTS")


def test_app_name_is_added_when_the_licence_does_not_name_it() -> None:
    fig = finish(go.Figure(), Chrome("T", "S", "RICardo", licence="Data: ODbL 1.0"))
    assert _note(fig).text.endswith(f"Data: ODbL 1.0 · {APP_NAME}")


def test_labels_from_data_are_escaped() -> None:
    fig = finish(go.Figure(), Chrome("<img src=x>", "<b>s</b>", "<a href='x'>src</a>"))
    assert "<img" not in fig.layout.title.text and "&lt;img src=x&gt;" in fig.layout.title.text
    assert "<a href" not in _note(fig).text


def test_long_subtitle_wraps_and_the_top_margin_grows() -> None:
    short = finish(go.Figure(), Chrome("T", "1992–2020", "S"))
    long = finish(go.Figure(), Chrome("T", LONG_SUBTITLE, "S"))
    assert "<br>" in long.layout.title.subtitle.text
    assert long.layout.margin.t > short.layout.margin.t
    for line in long.layout.title.subtitle.text.split("<br>"):
        assert len(line) <= 130  # fits 960 px at the subtitle size


def test_fit_chrome_rewraps_for_the_slide_and_keeps_a_builders_own_margin() -> None:
    fig = finish(go.Figure(), Chrome("T", LONG_SUBTITLE * 2, "S"))
    fig.update_layout(margin={"t": 190 + fig.layout.margin.t - 100})  # a builder adding room for band labels
    lines_screen = fig.layout.title.subtitle.text.count("<br>") + 1
    top_screen = fig.layout.margin.t
    fit_chrome(fig, 1280)
    lines_slide = fig.layout.title.subtitle.text.count("<br>") + 1
    assert lines_slide < lines_screen
    # Only the lines saved come off the margin (15 px subtitle × 1.3 line height each): 190 stays built in.
    assert abs(fig.layout.margin.t - (top_screen - (lines_screen - lines_slide) * 15 * 1.3)) <= 1
    assert fig.layout.margin.t >= 190


def test_long_source_wraps_and_the_note_moves_down_with_the_bottom_margin() -> None:
    fig = finish(go.Figure(), Chrome("T", "S", "A source line that goes on " * 20))
    note = _note(fig)
    assert note.text.count("<br>") >= 2
    assert fig.layout.margin.b > 96
    assert note.yshift == -(fig.layout.margin.b - 4)


def test_exports_use_the_light_theme_whatever_the_figure_had() -> None:
    fig = finish(go.Figure(go.Scatter(x=[1], y=[1])), Chrome("T", "S", "Src"))
    fig.update_layout(template="plotly_dark", paper_bgcolor="#111111", plot_bgcolor="#000000",
                      font_color="#EEEEEE")
    out = export_figure(fig, 1280, 720)
    assert out.layout.paper_bgcolor == "#FFFFFF" and out.layout.plot_bgcolor == "#FFFFFF"
    assert out.layout.font.color == "#222222"
    assert out.layout.template.layout.paper_bgcolor == "white"  # plotly_white
    assert (out.layout.width, out.layout.height) == (1280, 720)
    assert fig.layout.paper_bgcolor == "#111111"  # the on-screen figure is untouched


def test_long_axis_labels_get_their_margin_so_the_source_note_lines_up_with_the_title() -> None:
    source = "International Monetary Fund, Direction of Trade Statistics (DOTS); Chris Miller, FPRI (2019) " * 2
    label = "A category label that is very long indeed (p35)"
    short = finish(go.Figure(go.Scatter(x=[1, 2], y=["a", "b"])), Chrome("T", "S", source))
    long = finish(go.Figure(go.Scatter(x=[1, 2], y=[label, "b"])), Chrome("T", "S", source))
    fit_chrome(short, 1280)
    fit_chrome(long, 1280)
    # The labels' room is in the margin (not left to plotly's automargin), so the note's shift back to the
    # title's edge is exact and it wraps for the whole width, as beside short labels.
    assert long.layout.margin.l >= len(label) * 14 * 0.5 > short.layout.margin.l
    for fig in (short, long):
        assert fig.layout.margin.l + _note(fig).xshift == round(0.01 * 1280)
    assert _note(long).text == _note(short).text
