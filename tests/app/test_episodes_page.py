"""The Episodes page as an analyst uses it: the scorecard, the risks checklist, ?compare= from the URL."""

from __future__ import annotations

import base64
import csv
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from pivotdash.catalogue import RISKS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RISK_ROWS = [
    {"id": "glue", "risk": "The ideological glue weakens",
     "paper_argues": "Ideology is *useful* glue [x](javascript:1)", "paper_ref": "p41;p42", "indicator": "",
     "bears_on": "ideological glue", "event_ids": "2022-no-limits"},
    {"id": "foundations", "risk": "Weak economic foundations", "paper_argues": "Trade with China is small.",
     "paper_ref": "p35", "indicator": "china_share", "bears_on": "economic foundations", "event_ids": ""},
]


def add_risks(folder: Path, rows: list[dict[str, str]] | None = None) -> Path:
    with (folder / RISKS.name).open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(RISKS.column_names))
        w.writeheader()
        w.writerows(RISK_ROWS if rows is None else rows)
    return folder


def charts(at) -> dict[str, dict]:
    out = {}
    for chart in at.get("plotly_chart"):
        fig = json.loads(chart.proto.spec)
        out[fig["layout"]["meta"]["pivotdash"]["title"]] = fig
    return out


def values(array: list | dict) -> list:
    """A plotly JSON array: a plain list, or plotly 7's typed array {"dtype", "bdata"} (base64)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def page_links(at) -> list[tuple[str, str, str]]:
    return [(p.proto.page, p.proto.label, p.proto.query_string) for p in at.get("page_link")]


def test_scorecard_matrix_and_verdicts_from_the_data(open_page, minimal_dir):
    at = open_page("episodes", data_dir=add_risks(minimal_dir))
    assert at.title[0].value == "The turns East compared"
    assert "2 of 2 turns East · All eras · all drivers · 1740–2026" in [c.value for c in at.caption]
    table = at.dataframe[0].value
    assert list(table["turn_east"]) == ["Amur seizure", "Putin's pivot"]
    assert list(table["years"]) == ["1854–1860", "2014–today"]
    assert list(table["lasted_years"]) == [6, 12]
    assert list(table["why_it_ended"]) == ["Promised riches disappointed", ""]
    matrix = charts(at)["What drove each turn East, and what ended it"]
    coloured = [t for t in matrix["data"] if t.get("hovertext")]
    cells = {h.replace("<br>", " | ") for t in coloured for h in t["hovertext"]}
    assert "Amur seizure | driver: Clash with the West" in cells
    assert "Putin's pivot | driver: Ideology" in cells
    assert "Amur seizure | ended by: Promised riches disappointed" in cells
    verdicts = [e.label for e in at.expander]
    assert "Amur seizure · 1854–1860 · Backwater" in verdicts


def test_verdict_quotes_its_passage_and_links_to_the_sources_page(open_page, minimal_dir):
    at = open_page("episodes", {"compare": "Amur seizure"}, data_dir=add_risks(minimal_dir))
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "The paper's verdict:** A backwater for decades." in text
    assert "The passage, ¶ p23" in text
    assert "it remained a backwater for decades" in text
    assert ("sources", "Read ¶ p23 in the paper", "para=p23") in page_links(at)


def test_compare_comes_from_the_url(open_page, minimal_dir):
    at = open_page("episodes", {"compare": ["Putin's pivot", "Amur seizure"]}, data_dir=add_risks(minimal_dir))
    assert at.multiselect(key="compare").value == ["putin_pivot", "amur"]
    fig = charts(at)["Turns East compared, year by year"]
    xs = {t["name"]: values(t["x"]) for t in fig["data"] if t["type"] == "scatter"}
    assert len(xs["Amur seizure"]) == 2 and min(xs["Amur seizure"]) < 0  # the Crimean War came before the turn
    assert len(xs["Putin's pivot"]) == 3
    aligned = at.dataframe[-1].value
    assert list(aligned["turn_east"]) == ["Putin's pivot"] * 3 + ["Amur seizure"] * 2
    assert "Putin's pivot: 2014–today, 12 years so far · Amur seizure: 1854–1860, 6 years" in [
        c.value.replace("\\", "") for c in at.caption]  # as read: markdown escapes removed


def test_compare_defaults_to_the_two_latest_and_can_be_cleared(open_page, minimal_dir):
    at = open_page("episodes", data_dir=add_risks(minimal_dir))
    assert at.multiselect(key="compare").value == ["amur", "putin_pivot"]
    at.multiselect(key="compare").set_value([]).run()
    assert "Turns East compared, year by year" not in charts(at)
    assert any("Choose two or three turns East" in i.value for i in at.info)


def test_risks_checklist_quotes_the_paper_and_links_events_to_their_cards(open_page, minimal_dir):
    at = open_page("episodes", data_dir=add_risks(minimal_dir))
    md = [m.value for m in at.markdown]
    assert "#### 1. The ideological glue weakens" in md
    argued = next(m for m in md if m.startswith("**The paper argues:** Ideology"))
    assert "\\*useful\\*" in argued and "\\[x\\]\\(javascript" in argued  # data escaped
    text = " ".join(md).replace("\\", "")
    assert "The passage, ¶ p41" in text
    links = page_links(at)
    assert ("timeline", "4 February 2022 · No\\-limits statement", "event=2022-no-limits") in links
    assert ("sources", "¶ p42", "para=p42") in links
    assert any("Indicator: China's share of Russia's exports and imports" in m.replace("\\", "") for m in md)
    # The fixture has no trade tables: the indicator says so instead of inventing numbers.
    assert any("could not be read" in c.value for c in at.caption)


def test_missing_risks_file_breaks_only_the_checklist(open_page, minimal_dir):
    at = open_page("episodes", data_dir=minimal_dir)
    assert any("the risks checklist" in e.value for e in at.error)
    assert "What drove each turn East, and what ended it" in charts(at)


def test_shared_filters_narrow_the_scorecard(open_page, minimal_dir):
    at = open_page("episodes", {"era": "Imperial Russia"}, data_dir=add_risks(minimal_dir))
    assert list(at.dataframe[0].value["turn_east"]) == ["Amur seizure"]
    at = open_page("episodes", {"years": ["1900", "1910"]}, data_dir=add_risks(minimal_dir))
    assert any("No turn East matches" in i.value for i in at.info)


def test_the_real_data_answers_the_question(open_page):
    at = open_page("episodes")
    table = at.dataframe[0].value
    assert len(table) == 7
    risks = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert len(risks) == 6  # the paper's five risks and the renewed Russia–China rivalry it ranks lower (p5)
    links = page_links(at)
    assert ("timeline", "9 May 2025 · Xi attends Victory Day parade in Moscow", "event=2025-05-xi-victory-day") \
        in [(p, label.replace("\\", ""), q) for p, label, q in links]
    assert not at.warning, [w.value for w in at.warning]


def test_hostile_strings_render_as_text(open_page, tmp_path):
    target = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "hostile", target)
    at = open_page("episodes", {"compare": ["Putin's pivot"]}, data_dir=add_risks(target))
    unescaped = re.compile(r"(?<!\\)<(script|i|b|img)\b")
    for md in at.markdown:
        assert not unescaped.search(md.value), md.value
        assert "](javascript:" not in md.value
    for fig in charts(at).values():
        dumped = json.dumps(fig)
        assert "<script" not in dumped and "<i>Amur" not in dumped


@pytest.mark.parametrize("name", ["Amur seizure"])
def test_csv_downloads_exist(open_page, minimal_dir, name):
    at = open_page("episodes", {"compare": name}, data_dir=add_risks(minimal_dir))
    keys = [b.key for b in at.get("download_button")]
    assert {"scorecard_csv", "dl-episodes_matrix-csv", "dl-episodes_compare-csv"} <= set(keys)


def test_each_risk_says_its_status_why_and_evidence_and_the_summary_counts_them(open_page):
    at = open_page("episodes")
    text = [m.value.replace("\\", "") for m in at.markdown]
    badges = [t for t in text if "pivotdash's reading:" in t]
    assert len(badges) == 6  # one per risk, each with its words and symbol beside the colour
    assert any("-badge[↺ pivotdash's reading: Reversed (the opposite happened)]" in b for b in badges), badges
    assert any(t.startswith("**Of the paper's 6 risks: 0 materialised, 2 partly materialised, 3 not yet, 1 reversed.")
               for t in text)
    assert {m.label: m.value for m in at.metric}["↺ Reversed (the opposite happened)"] == "1"
    assert any("**Why:** Instead of mending ties with Europe" in t for t in text)
    assert any("[The Kyiv Independent" in t and "https://kyivindependent.com/" in t for t in text)
    links = [(p, q) for p, _, q in page_links(at)]
    assert ("timeline", "event=2022-12-oil-price-cap") in links  # the turn back to Europe's evidence
    assert ("trade", "trade_measure=Value") in links  # China–Russia trade in US$, the slowdown's indicator
    durability = charts(at)["How long each turn East lasted, and where today's stands"]
    bars = [t for t in durability["data"] if t["type"] == "bar"]
    assert len(bars) == 7 and [values(b["x"])[0] for b in bars][-1] == 12
    assert "older than 4 of the 6 earlier turns East lasted" in durability["layout"]["meta"]["pivotdash"]["subtitle"]


HOSTILE_REASON = "<script>alert(1)</script> [x](javascript:1) =cmd|' /C calc'!A0"


def test_the_analyst_s_reading_opens_from_the_link_beside_pivotdash_s(open_page):
    at = open_page("episodes", {"my_status.china_rivalry": "Materialised", "my_confidence.china_rivalry": "Low",
                                "my_reason.china_rivalry": HOSTILE_REASON})
    assert at.selectbox(key="my_status.china_rivalry").value == "materialised"
    assert at.selectbox(key="my_confidence.china_rivalry").value == "low"
    assert at.text_input(key="my_reason.china_rivalry").value == HOSTILE_REASON
    assert at.selectbox(key="my_status.china_slowdown").value is None
    text = [m.value for m in at.markdown]
    assert any("-badge[● Analyst's reading: Materialised]" in t for t in text)
    captions = [c.value for c in at.caption if c.value.startswith("Analyst's confidence\\: Low")]
    assert len(captions) == 1 and "\\<script\\>" in captions[0] and "](javascript:" not in captions[0]
    link = durability_link(at)
    assert "my_status.china_rivalry=Materialised" in link and "my_confidence.china_rivalry=Low" in link
    at.selectbox(key="my_status.china_slowdown").select("reversed").run()
    assert "my_status.china_slowdown=Reversed" in durability_link(at)  # the chart's link follows the widget


def durability_link(at) -> str:
    fig = charts(at)["How long each turn East lasted, and where today's stands"]
    return fig["layout"]["meta"]["pivotdash"]["link"]


def test_the_summary_compares_the_turns_at_the_same_age_on_trade(open_page):
    at = open_page("episodes")
    answer = [m.value for m in at.markdown if m.value.startswith("**At the same age, on trade:**")]
    assert len(answer) == 1 and "At 6 years old (2020, the last year DOTS covers)" in answer[0].replace("\\", "")
    tables = [d.value for d in at.dataframe if "china_japan_korea_share_pct" in d.value.columns]
    assert len(tables) == 1
    table = tables[0]
    putin = table[table["turn_east"] == "Putin's turn to the East"]
    assert list(putin["year"].astype("string").fillna("")) == ["2014", "2020", ""]
    gaps = table[table["china_share_pct"].isna()]
    assert (gaps["gap"] != "").all()  # every blank share says why
    assert "same_age_csv" in {b.key for b in at.get("download_button")}
