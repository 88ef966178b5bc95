"""The Timeline page as an analyst uses it: filters from the URL, cards, table, CSV, empty results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def figure_json(at):
    charts = [e for e in at.get("plotly_chart")]
    assert charts, "no plotly chart on the page"
    return json.loads(charts[0].proto.spec)


def caption_texts(at):
    """Captions as the reader sees them (markdown escapes removed)."""
    return [c.value.replace("\\", "") for c in at.caption]


def test_renders_all_events_with_bands_and_era_lines(open_page, minimal_dir):
    at = open_page("timeline", data_dir=minimal_dir)
    assert at.title[0].value == "Timeline of Russia's turns East"
    assert "5 of 5 events · All eras · all drivers · 1740–2026" in caption_texts(at)
    fig = figure_json(at)
    markers = [t for t in fig["data"] if t.get("customdata") and t.get("xaxis", "x") == "x"]
    assert sum(len(t["x"]) for t in markers) == 5  # one marker per event on the detail view
    overview = [t for t in fig["data"] if t.get("xaxis") == "x2"]
    assert sum(len(t["x"]) for t in overview) == 5  # and one tick per event on the overview strip
    texts = [a.get("text", "") for a in fig["layout"]["annotations"]]
    assert "Amur seizure" in texts and "Putin's pivot" in texts
    assert "1917: Bolshevik Revolution" in texts and "1991: end of the USSR" in texts
    assert len(at.dataframe[0].value) == 5


def test_shared_and_page_filters_come_from_the_url(open_page, minimal_dir):
    at = open_page(
        "timeline",
        {"era": "Russian Federation", "driver": ["Ideology", "Security"], "years": ["2015", "2026"]},
        data_dir=minimal_dir,
    )
    assert at.sidebar.multiselect(key="era").value == ["federation"]
    assert at.sidebar.slider(key="years").value == (2015, 2026)
    assert "2 of 5 events · Russian Federation · driver: Ideology and Security · 2015–2026" in caption_texts(at)
    assert list(at.dataframe[0].value["id"]) == ["2019-bombers", "2022-no-limits"]


def test_search_and_category_filters(open_page, minimal_dir):
    at = open_page("timeline", {"q": "treaty", "category": "Treaty"}, data_dir=minimal_dir)
    assert list(at.dataframe[0].value["id"]) == ["1858-aigun"]


def test_event_deep_link_opens_card_with_paper_passage(open_page, minimal_dir):
    at = open_page("timeline", {"event": "1858-aigun"}, data_dir=minimal_dir)
    assert "Treaty of Aigun" in [s.value for s in at.subheader]
    quoted = " ".join(m.value for m in at.markdown)
    assert "The paper, ¶ p23" in quoted
    assert "Russia seized the Amur from China in the late 1850s" in quoted.replace("\\", "")


def test_the_card_says_what_kind_of_source_it_cites(open_page, minimal_dir):
    at = open_page("timeline", {"event": "2022-no-limits"}, data_dir=minimal_dir)
    text = " ".join(m.value for m in at.markdown)
    assert "**Source** (Other): Reuters, 4 Feb 2022" in text
    assert [b.proto.url for b in at.get("link_button")] == ["https://example.org/no-limits"]
    at = open_page("timeline", {"event": "1858-aigun"}, data_dir=minimal_dir)
    assert "**Source** (Reference work): the page linked" in " ".join(m.value for m in at.markdown)


def test_filter_matching_nothing_says_so_instead_of_an_empty_chart(open_page, minimal_dir):
    at = open_page("timeline", {"q": "no such thing anywhere"}, data_dir=minimal_dir)
    assert not at.get("plotly_chart")
    assert at.info and "No event matches these filters" in at.info[0].value


def test_csv_download_neutralises_formulas(open_page, minimal_dir, deferred):
    path = minimal_dir / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Treaty of Aigun", "=HYPERLINK(\"http://x\")"),
                    encoding="utf-8")
    at = open_page("timeline", data_dir=minimal_dir)
    button = next(b for b in at.get("download_button") if b.key == "dl-timeline-csv")
    assert button.proto.label == "CSV"
    text = deferred[button.proto.deferred_file_id]().decode("utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_broken_data_shows_every_problem_not_a_traceback(open_page, minimal_dir):
    path = minimal_dir / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",treaty,", ",skirmish,"), encoding="utf-8")
    (minimal_dir / "routes.csv").unlink()
    at = open_page("timeline", data_dir=minimal_dir)
    assert "has 2 problem(s)" in at.error[0].value
    problems = at.dataframe[0].value
    assert set(problems["file"]) == {"events.csv", "routes.csv"}
    assert "skirmish" in set(problems["found"])


@pytest.mark.parametrize("page", ["overview", "timeline"])
def test_hostile_strings_render_as_text(open_page, tmp_path, page):
    import shutil

    target = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "hostile", target)
    at = open_page(page, {"event": "hostile-1"} if page == "timeline" else None, data_dir=target)
    for md in at.markdown:
        assert "<script" not in md.value and "<img" not in md.value
        assert "](javascript:" not in md.value


def test_the_card_quotes_the_supporting_sentences_with_the_whole_paragraph_one_click_away(open_page):
    at = open_page("timeline", {"event": "1858-treaty-of-aigun"})
    card = [m.value.replace("\\", "") for m in at.markdown]
    quotes = [m for m in card if m.startswith("> ")]
    expanders = [e.label for e in at.expander if e.label.startswith("The whole paragraph")]
    assert len(expanders) == 6  # one per paragraph the event cites, each closed behind its excerpt
    excerpt = next(q for q in quotes if "Amur River basin" in q)
    assert "Russia seized the Amur from China in the late 1850s" in excerpt and excerpt.startswith("> …")
    whole = "\n".join(md.value for e in at.expander if e.label == "The whole paragraph ¶ p23" for md in e.markdown)
    assert len(whole) > 2 * len(excerpt)  # the paragraph itself is there, whole


def _link(at) -> str:  # type: ignore[no-untyped-def]
    """The view's own link, as the page prints it under the chart."""
    return next(c.value for c in at.code if "/timeline" in c.value)


def _title(at) -> str:  # type: ignore[no-untyped-def]
    return figure_json(at)["layout"]["title"]["text"]


def test_the_zoom_control_zooms_the_detail_view_and_writes_the_link(open_page):
    at = open_page("timeline")
    zoom = at.selectbox(key="zoom")
    assert zoom.value == "" and _title(at) == "<b>Russia's turns East, 1740–2026</b>"
    zoom.set_value("since_2014").run()
    assert _title(at) == "<b>Russia's turns East, 2014–2026</b>"
    assert "zoom=Since+2014" in _link(at)
    fig = figure_json(at)
    assert fig["layout"]["xaxis"]["range"][0].startswith("2013")
    assert fig["layout"]["xaxis2"]["range"][0].startswith("1731")  # the overview keeps every year
    at.selectbox(key="zoom").set_value("custom").run()
    slider = at.slider(key="zoom_years")
    slider.set_value((1904, 1906)).run()
    assert _title(at) == "<b>Russia's turns East, 1904–1906</b>"
    assert _link(at).endswith("zoom=Years+of+your+choice&zoom_years=1904&zoom_years=1906")


def test_a_zoom_link_opens_zoomed_and_a_bad_one_says_so(open_page):
    at = open_page("timeline", {"zoom": "Stalin and the Korean War"})
    assert at.selectbox(key="zoom").value == "stalin_korea"
    assert _title(at) == "<b>Russia's turns East, 1950–1953</b>"
    at = open_page("timeline", {"zoom": "Since 1066"})
    assert any("zoom" in w.value and "Since 1066" in w.value for w in at.warning)
    assert _title(at) == "<b>Russia's turns East, 1740–2026</b>"


def test_the_open_card_survives_a_page_switch(open_page):
    at = open_page("timeline", {"event": "1858-treaty-of-aigun"})
    assert any("Treaty of Aigun" in s.value for s in at.subheader)
    at.switch_page("pages/overview.py").run()
    at.query_params.clear()  # the navigation's own link carries no event
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert any("Treaty of Aigun" in s.value for s in at.subheader)
    assert at.query_params["event"] == "1858-treaty-of-aigun"


def test_many_events_table_and_picker_list_the_first_rows_and_say_where_the_rest_are(open_page, tmp_path):
    from pivotdash.synthetic import write_dataset
    from pivotdash.ui.timeline import PICKER_ROWS, TABLE_ROWS

    n = TABLE_ROWS + 200
    at = open_page("timeline", data_dir=write_dataset(tmp_path / "many", n))
    table = at.dataframe[0].value
    assert len(table) == TABLE_ROWS
    assert any(c.value.startswith(f"The first {TABLE_ROWS} of {n} rows") for c in at.caption)
    assert len(at.dataframe) == 1  # the events are listed once: on the chart's Table tab
    picker = at.selectbox(key="timeline_event_picker")
    assert len(picker.options) == PICKER_ROWS
    assert f"first {PICKER_ROWS:,} of {n:,} events" in picker.help and "CSV download under the chart" in picker.help
    button = next(b for b in at.get("download_button") if b.key == "dl-timeline-csv")
    assert button.proto.label == "CSV"  # the CSV of all n events stays under the chart


def test_an_event_past_the_picker_list_opened_by_a_link_stays_open(open_page, tmp_path):
    import csv

    from pivotdash.synthetic import write_dataset
    from pivotdash.ui.timeline import PICKER_ROWS

    folder = write_dataset(tmp_path / "many", PICKER_ROWS + 50)
    labels = open_page("timeline", data_dir=folder).selectbox(key="timeline_event_picker").options  # date · title
    listed = {label.split(" · ", 1)[1] for label in labels}
    rows = list(csv.DictReader((folder / "events.csv").open(encoding="utf-8")))
    beyond = next(row["id"] for row in rows if row["title"] not in listed)
    at = open_page("timeline", {"event": beyond}, data_dir=folder)
    assert at.selectbox(key="timeline_event_picker").value == beyond
    assert f"Synthetic event {int(beyond.split('-')[1])}" in [s.value for s in at.subheader]


def test_picker_events_keeps_the_open_one_past_the_limit():
    from pivotdash.ui.timeline import picker_events

    ids = [f"e{i}" for i in range(10)]
    assert picker_events(ids, None, limit=3) == ["e0", "e1", "e2"]
    assert picker_events(ids, "e7", limit=3) == ["e0", "e1", "e2", "e7"]
    assert picker_events(ids, "e1", limit=3) == ["e0", "e1", "e2"]
    assert picker_events(ids, "gone", limit=3) == ["e0", "e1", "e2"]
    assert picker_events(ids[:2], None, limit=3) == ["e0", "e1"]
