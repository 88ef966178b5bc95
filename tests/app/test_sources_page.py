"""The Sources page: the ?para= deep link, the paper with what cites each paragraph, errata, provenance."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def page_links(at) -> list[tuple[str, str, str]]:
    return [(p.proto.page, p.proto.label.replace("\\", ""), p.proto.query_string) for p in at.get("page_link")]


def test_para_deep_link_opens_the_paragraph_at_the_top(open_page, minimal_dir):
    at = open_page("sources", {"para": "p23"}, data_dir=minimal_dir)
    assert at.subheader[0].value == "Linked paragraph: ¶ p23"
    quoted = [m.value for m in at.markdown if m.value.startswith("> It took several decades")]
    assert quoted, "the linked paragraph is quoted at the top"
    links = page_links(at)
    # The paragraph -> the event that cites it (its timeline card) and the episode (Episodes page).
    assert ("timeline", "Event: 28 May 1858 · Treaty of Aigun", "event=1858-aigun") in links
    assert ("episodes", "Turn East: Amur seizure", "compare=Amur+seizure") in links
    # Further down, in the paper itself, the same paragraph is marked and its citations expanded.
    assert "The linked paragraph" in [c.value for c in at.caption]
    expanded = [e for e in at.expander if e.label.startswith("Cited by") and e.proto.expanded]
    assert [e.label for e in expanded] == ["Cited by 1 turn(s) East, 1 event(s)"]


def test_footnote_link_shows_its_paragraph(open_page, minimal_dir):
    at = open_page("sources", {"para": "fn5"}, data_dir=minimal_dir)
    assert at.subheader[0].value == "Linked paragraph: ¶ p9"
    assert "Footnote fn5 belongs to ¶ p9." in [c.value for c in at.caption]


def test_unknown_paragraph_says_so(open_page, minimal_dir):
    at = open_page("sources", {"para": "p999"}, data_dir=minimal_dir)
    assert any("has no paragraph or footnote 'p999'" in w.value for w in at.warning)
    assert at.tabs[0].label == "The paper"


def test_without_a_link_the_paper_is_listed_with_anchored_ids(open_page, minimal_dir):
    at = open_page("sources", data_dir=minimal_dir)
    headings = [m.value for m in at.markdown if m.value.startswith("##### ¶ ")]
    assert headings[0] == "##### ¶ abstract" and headings[-1] == "##### ¶ p49" and len(headings) == 50
    assert not any(s.value.startswith("Linked paragraph") for s in at.subheader)
    text = " ".join(m.value for m in at.markdown)
    # The paper's own * and _ stay text: the ship names in p6 are italic in the source, escaped here.
    assert "\\*Admiral Vinogradov\\*" in text
    assert "**fn29**" in text


def test_event_card_link_round_trip(open_page, minimal_dir):
    # The timeline card links to sources?para=<ref>; that paragraph links back to the card.
    at = open_page("timeline", {"event": "1858-aigun"}, data_dir=minimal_dir)
    (card_link,) = [q for page, _, q in page_links(at) if page == "sources"]
    para = card_link.split("=", 1)[1]
    at = open_page("sources", {"para": para}, data_dir=minimal_dir)
    assert ("timeline", "Event: 28 May 1858 · Treaty of Aigun", "event=1858-aigun") in page_links(at)


def test_errata_show_both_sides_and_link_buttons(open_page, minimal_dir):
    shutil.copy(ROOT / "data" / "errata.csv", minimal_dir / "errata.csv")
    at = open_page("sources", data_dir=minimal_dir)
    buttons = at.get("link_button")
    n_errata = len((ROOT / "data" / "errata.csv").read_text(encoding="utf-8").strip().splitlines()) - 1
    assert len(buttons) == n_errata and all(re.match(r"^https?://", b.proto.url) for b in buttons)
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "The paper says:" in text and "The record says:** Russia was never a member of the G7" in text
    assert ("sources", "Read ¶ p49 in the paper", "para=p49") in page_links(at)
    # each erratum says whether the record contradicts the paper or complicates it, and the tab counts both
    with (ROOT / "data" / "errata.csv").open(encoding="utf-8") as fh:
        kinds = [r["kind"] for r in csv.DictReader(fh)]
    assert "**g7\\_not\\_g8** · ¶ p1 · *Factual: the record contradicts the paper*" in [m.value for m in at.markdown]
    assert f"{len(kinds)} errata: {kinds.count('factual')} factual" in " ".join(c.value for c in at.caption)
    assert "*Interpretive: the record complicates the paper's reading*" in text.replace("\\", "") or any(
        m.value.endswith("*Interpretive: the record complicates the paper's reading*") for m in at.markdown)


def test_missing_errata_is_reported_not_fatal(open_page, minimal_dir):
    at = open_page("sources", data_dir=minimal_dir)
    errors = " ".join(e.value for e in at.error)
    assert "the errata (data/errata.csv)" in errors
    assert len([m for m in at.markdown if m.value.startswith("##### ¶ ")]) == 50


def test_provenance_and_dictionary_tables(open_page, minimal_dir):
    at = open_page("sources", data_dir=minimal_dir)
    files = next(d.value for d in at.dataframe if "licence" in d.value.columns)
    dictionary = next(d.value for d in at.dataframe if "description" in d.value.columns)
    events = files[files["file"] == "data/events.csv"].iloc[0]
    assert events["rows"] == 5 and "paper" in events["source"].lower()
    assert {"data/episodes.csv", "data/risks.csv", "data/trade/published_figures.csv"} <= set(dictionary["file"])
    assert "end_reasons" in set(dictionary[dictionary["file"] == "data/episodes.csv"]["column"])


def test_the_provenance_tab_counts_sources_of_each_grade(open_page, minimal_dir):
    shutil.copy(ROOT / "data" / "errata.csv", minimal_dir / "errata.csv")
    at = open_page("sources", data_dir=minimal_dir)
    grades = []
    for name in ("events.csv", "flashpoints.csv", "routes.csv", "errata.csv"):
        with (minimal_dir / name).open(encoding="utf-8") as fh:
            grades += [g for r in csv.DictReader(fh) for g in r["source_grade"].split(";") if g]
    with (ROOT / "data" / "errata.csv").open(encoding="utf-8") as fh:
        errata = [r["source_grade"] for r in csv.DictReader(fh)]
    summary = [m.value for m in at.markdown if m.value.startswith("**Sources by grade:**")]
    assert summary and f"{grades.count('reference')} reference work" in summary[0]
    assert f"the data cites {len(grades)} sources: " in summary[0] and f"{grades.count('news')} news" in summary[0]
    counts = next(d.value for d in at.dataframe if list(d.value.columns)[1:] == [
        "primary", "scholarly", "reference", "news", "other", "not graded"]).set_index("file")
    assert counts.loc["data/events.csv"].to_dict() == {
        "primary": 0, "scholarly": 0, "reference": 1, "news": 0, "other": 1, "not graded": 0}
    assert counts.loc["data/errata.csv", "news"] == errata.count("news")
    files = next(d.value for d in at.dataframe if "licence" in d.value.columns)
    assert files.set_index("file").loc["data/events.csv", "other"] == 1


def test_real_data_every_file_documented(open_page):
    at = open_page("sources", {"para": "p36"})
    assert not at.warning, [w.value for w in at.warning]
    links = page_links(at)
    assert ("episodes", "Risk to today's pivot: A slowdown in China", "") in links


def test_hostile_strings_render_as_text(open_page, tmp_path):
    target = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "hostile", target)
    at = open_page("sources", {"para": "p23"}, data_dir=target)
    unescaped = re.compile(r"(?<!\\)<(script|i|b|img)\b")
    for md in at.markdown:
        assert not unescaped.search(md.value), md.value
        assert "](javascript:" not in md.value
    for link in at.get("page_link"):
        assert not unescaped.search(link.proto.label) and "](javascript:" not in link.proto.label


def test_the_paper_can_be_searched_and_each_match_lands_on_its_paragraph(open_page, minimal_dir):
    at = open_page("sources", {"paper_q": "Witte"}, data_dir=minimal_dir)
    assert at.text_input(key="paper_q").value == "Witte"
    assert "3 paragraph(s) of the paper match “Witte”" in [c.value for c in at.caption]
    links = [(p, label, q) for p, label, q in page_links(at) if "paper_q=" in q]
    assert [q for _, _, q in links] == ["para=p24&paper_q=Witte", "para=p48&paper_q=Witte",
                                        "para=fn28&paper_q=Witte"]
    shown = [m.value for m in at.markdown if "**Witte**" in m.value]
    assert len(shown) >= 2 and all("Count Sergei **Witte**" in s or "**Witte**" in s for s in shown)
    at.text_input(key="paper_q").input("1905 Japanese").run()  # a year and a word: both must appear
    hits = [q for _, _, q in page_links(at) if "paper_q=" in q]
    assert hits == ["para=p41&paper_q=1905+Japanese", "para=p46&paper_q=1905+Japanese"]
    at.text_input(key="paper_q").input("xyzzy").run()
    assert any("No paragraph of the paper holds every word" in i.value for i in at.info)


def test_a_hostile_search_is_shown_as_text(open_page, minimal_dir):
    at = open_page("sources", {"paper_q": "<script>alert(1)</script> [x](javascript:1)"}, data_dir=minimal_dir)
    info = [i.value for i in at.info if "No paragraph" in i.value]
    assert info and "\\<script\\>" in info[0] and "](javascript:" not in info[0]


def test_a_readme_and_file_names_under_data_render_as_text_never_markdown(open_page, minimal_dir):
    """An image written into data/trade/README.md, or a file named like one, is shown as text: no request."""
    (minimal_dir / "trade").mkdir(exist_ok=True)
    (minimal_dir / "trade" / "README.md").write_text("# Trade\n![x](http://evil.example/a.png) <b>bold</b>\n",
                                                     encoding="utf-8")
    (minimal_dir / "![y](http%3A%2F%2Fevil.example%2Fb.png).csv").write_text("a\n1\n", encoding="utf-8")
    at = open_page("sources", data_dir=minimal_dir)
    assert not at.exception
    assert any("![x](http://evil.example/a.png)" in t.value for t in at.text)  # the README, verbatim as text
    rendered = [m.value for m in at.markdown] + [w.value for w in at.warning]
    assert not any(re.search(r"(?<!\\)!\[[xy]\]\(", v) for v in rendered)  # never an unescaped image
    assert any("without a provenance entry" in w.value and "evil" in w.value for w in at.warning)
