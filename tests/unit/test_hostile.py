"""Hostile strings in the data stay text: in validation, chart labels and hover text, and exported files."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pivotdash.errors import DataError
from pivotdash.events import event_table
from pivotdash.export.tables import to_safe_csv
from pivotdash.figures.episodes import episode_strip
from pivotdash.figures.finish import Chrome
from pivotdash.figures.timeline import timeline_figure
from pivotdash.filters import Filters, describe, event_frame
from pivotdash.loading import Dataset, load_dataset
from pivotdash.paper import load_paper
from tests.fixtures.hostile_full.make_hostile import FORMULAS, HERE, HOST, MARK, UNTERMINATED

PARAS = load_paper().paragraph_ids
# Tags plotly would draw as markup (its HTML subset) plus the ones a browser would run or fetch.
LIVE_TAG = re.compile(r"<\s*/?\s*(a|img|script|iframe|svg|span|i|em|sub|sup|s|u|style)\b", re.I)
HOUSE_TAGS = {"<b>", "</b>", "<br>"}  # what `finish` and the builders write themselves
# Embeddings, overrides and open isolates: never drawn (right-to-left text comes wrapped in FSI … PDI instead).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066\u2067]")


@pytest.fixture(scope="module")
def hostile() -> Dataset:
    return load_dataset(HERE, PARAS)


@pytest.fixture(scope="module")
def frame(hostile: Dataset) -> pd.DataFrame:
    return event_frame(hostile.events, hostile.episodes)


UNDRAWN = {"meta", "customdata", "uid"}  # carried in the figure, never drawn by plotly


def strings(node: Any) -> list[str]:
    """Every string plotly may draw (labels, hover text, annotations, legend names, titles)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() if k not in UNDRAWN for s in strings(v)]
    if isinstance(node, list | tuple):
        return [s for v in node for s in strings(v)]
    return []


def assert_inert(fig_json: dict[str, Any]) -> list[str]:
    """No live tag anywhere; any <b>/<br> is the house style's, never the data's; returns the labels."""
    labels = strings({"data": fig_json["data"], "layout": fig_json["layout"]})
    for text in labels:
        assert not LIVE_TAG.search(text), text[:300]
        for tag in re.findall(r"<[^>]*>", text):
            assert tag in HOUSE_TAGS, (tag, text[:300])
        assert not BIDI_CONTROLS.search(text), ascii(text[-300:])
        assert text.count("\u2068") == text.count("\u2069"), ascii(text[-300:])  # every isolate is closed
    return labels


def test_hostile_dataset_validates_and_keeps_every_payload_verbatim(hostile):
    titles = list(hostile.events["title"])
    assert sum(t.startswith(MARK) for t in titles) >= 6
    first = hostile.events.iloc[0]
    assert len(first["title"]) > 6000
    assert "<script>window.__pwned=" in first["title"]
    assert "\u202e" in first["title"] and "\u200b" in first["title"]  # kept: the data is not rewritten
    assert first["title"].endswith(UNTERMINATED)  # an override left open at the end of the cell
    assert set(FORMULAS) <= set(titles)
    assert any(n.startswith(MARK) for n in hostile.episodes["name"])
    assert any(n.startswith(MARK) for n in hostile.flashpoints["name"])
    assert any(n.startswith(MARK) for n in hostile.routes["name"])


def test_timeline_figure_shows_payloads_as_escaped_text(hostile, frame):
    fig = timeline_figure(frame, hostile.episodes, years=(1790, 2026), chrome=Chrome("t", describe(Filters()), "s"),
                          highlight=frame.iloc[0]["id"])
    fig_json = json.loads(fig.to_json())
    labels = assert_inert(fig_json)
    hover = " ".join(s for trace in fig_json["data"] for s in trace.get("hovertext", []))
    assert "&lt;script&gt;window.__pwned=" in hover  # the attack is visible to the analyst, as text
    assert f"&lt;img src=\"http://{HOST}/" in hover
    assert "&lt;a href=\"javascript:" in hover
    bands = [a["text"] for a in fig_json["layout"]["annotations"] if MARK in a.get("text", "")]
    # Labels are short forms (cut at a word, so the payload may be cut off); whatever shows is escaped text.
    assert bands and not any("<script" in b or "<img" in b for b in bands)
    assert any("W" * 2500 in s for s in labels)  # the long title is shown whole in its hover label


def test_episode_strip_escapes_names(hostile):
    fig_json = json.loads(episode_strip(hostile.episodes, chrome=Chrome("t", "s", "src")).to_json())
    assert_inert(fig_json)
    names = [y for trace in fig_json["data"] for y in trace["y"]]
    # The payload holds right-to-left words, so each name comes isolated: FSI … PDI around it.
    assert any(n.startswith("\u2068" + MARK) and "&lt;iframe" in n and n.endswith("\u2069") for n in names)


def test_search_for_a_payload_is_escaped_in_the_chart_subtitle(hostile, frame):
    query = f"![x](http://{HOST}/q.png) <img src=x onerror=alert(1)>"
    fig = timeline_figure(frame, hostile.episodes, years=(1790, 2026),
                          chrome=Chrome("t", describe(Filters(query=query)), "s"))
    fig_json = json.loads(fig.to_json())
    assert_inert(fig_json)
    subtitle = fig_json["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    assert "&lt;img src=x onerror=alert(1)&gt;" in subtitle


def test_csv_export_neutralises_formulas_and_keeps_the_text(frame):
    table = event_table(frame)
    rows = list(csv.DictReader(io.StringIO(to_safe_csv(table).decode("utf-8"), newline="")))
    assert len(rows) == len(table)
    titles = [r["title"] for r in rows]
    for formula in FORMULAS:
        assert "'" + formula in titles, formula
    for title in titles:
        assert not title.startswith(("=", "+", "-", "@", "\t", "\r")), title
    by_id = {r["id"]: r for r in rows}
    original = frame.set_index("id")
    for event_id, row in by_id.items():
        if row["title"].startswith(MARK):
            assert row["title"] == original.loc[event_id, "title"]  # payload round-trips byte for byte
    multi_line = [r["summary"] for r in rows if "# not a heading" in r["summary"]]
    assert multi_line and "\n" in multi_line[0]


@pytest.mark.parametrize(
    ("file", "column", "value", "rule"),
    [
        ("events.csv", "source_url", "javascript:window.__pwned=1", "must be an http(s) URL"),
        ("events.csv", "source_url", "data:text/html;base64,PHNjcmlwdD4=", "must be an http(s) URL"),
        ("events.csv", "source_url", 'https://example.org/"><script>alert(1)</script>', "must be an http(s) URL"),
        ("events.csv", "source_url", "  JaVaScRiPt:alert(1)", "must be an http(s) URL"),
        ("events.csv", "id", "<script>alert(1)</script>", "id must be letters"),
        ("events.csv", "date", "<img src=x onerror=alert(1)>", "malformed or impossible date"),
        ("events.csv", "category", "<b>war</b>", "unknown categories"),
        ("episodes.csv", "drivers", "ideology;<svg onload=alert(1)>", "unknown drivers"),
        ("flashpoints.csv", "lat", "1e999", "must be between"),
        ("flashpoints.csv", "lon", "NaN", "must be between"),
        ("events.csv", "paper_ref", "p1;javascript:alert(1)", "malformed paper reference"),
    ],
)
def test_hostile_values_in_constrained_columns_are_refused(minimal_dir: Path, file, column, value, rule):
    path = minimal_dir / file
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[0][column] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError) as info:
        load_dataset(minimal_dir, PARAS)
    hits = [p for p in info.value.problems if p.file == file and p.column == column and p.row == 1]
    assert hits, info.value.problems
    assert rule in hits[0].rule
    assert hits[0].found == value.strip()  # the analyst sees exactly what is in the file


def test_html_export_of_a_hostile_timeline_carries_no_live_markup(hostile):
    from pivotdash import briefing
    from pivotdash.export.html import to_html
    from pivotdash.state import Item, TimelineState, link
    from pivotdash.views.loaded import Loaded

    built = briefing.build([Item(link(TimelineState(Filters(query=MARK))))], Loaded(HERE))
    assert built.views, built.notes
    page = to_html(built.views[0], "http://127.0.0.1:8501").decode("utf-8")
    for needle in ("<script>window.__pwned", f'<img src="http://{HOST}', "<iframe", "<svg onload",
                   "<a href=\"javascript:"):
        assert needle not in page, needle
    # The subtitle (the filters in words) is in the page's note as escaped text.
    assert f"matching “{MARK}”" in page


_ESCAPE = re.compile(r"\\(.)")
# What Streamlit's markdown turns into a link by itself (GFM autolink literals), escaped or not: the
# renderer drops the backslashes first. Checked in the browser: `http\:\/\/…`, `&#58;` do not help.
_AUTOLINK = re.compile(r"(?i)(https?://|ftp://|\bwww\.|[\w.+-]@[\w-]+\.\w)")


@pytest.mark.parametrize("text", [
    f'<img src="http://{HOST}/a.png">', "see www.example.org now", f"https://{HOST}/b", "write to x@example.org",
])
def test_plain_markdown_leaves_no_bare_link_for_the_renderer_to_make(text):
    from pivotdash.text import plain_markdown

    shown = _ESCAPE.sub(r"\1", plain_markdown(text))
    assert not _AUTOLINK.search(shown), shown


def test_a_title_with_an_open_override_is_shown_neutralised_on_the_card(hostile, frame):
    from pivotdash.text import plain_markdown

    title = frame.iloc[0]["title"]
    assert "\u202e" in title
    card = f"**{plain_markdown(title)}** · {plain_markdown(frame.iloc[0]['date_label'])}"
    assert not BIDI_CONTROLS.search(card)
    assert "open isolate open override" in card and card.count("\u2068") == card.count("\u2069") == 1
