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
    xs = [x for trace in fig["data"] for x in trace["x"]]
    assert len(xs) == 5
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


def test_many_events_table_and_picker_list_the_first_rows_and_say_where_the_rest_are(open_page, tmp_path):
    from pivotdash.synthetic import write_dataset
    from pivotdash.ui.timeline import PICKER_ROWS, TABLE_ROWS

    n = TABLE_ROWS + 200
    at = open_page("timeline", data_dir=write_dataset(tmp_path / "many", n))
    table = at.dataframe[0].value
    assert len(table) == TABLE_ROWS
    dates = [c for c in at.caption if c.value.startswith("The first")]
    assert dates and f"of {n} events" in dates[0].value and "CSV download under the chart" in dates[0].value
    picker = at.selectbox(key="timeline_event_picker")
    assert len(picker.options) == PICKER_ROWS
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
