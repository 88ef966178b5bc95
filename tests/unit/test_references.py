"""Paragraph ↔ event links both ways, footnotes, sections, and the errata checked against the paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pivotdash.errors import DataError
from pivotdash.filters import event_frame
from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper
from pivotdash.references import cited_by, load_errata, of_kind, resolve, sections
from pivotdash.risks import load_risks

ROOT = Path(__file__).resolve().parents[2]
PAPER = load_paper()


@pytest.fixture(scope="module")
def data():
    d = load_dataset(ROOT / "data", PAPER.paragraph_ids)
    return d.episodes, event_frame(d.events, d.episodes)


@pytest.fixture(scope="module")
def errata():
    return load_errata(ROOT / "data", PAPER.paragraph_ids)


def refs(value: tuple[str, ...]) -> set[str]:
    return set(value)  # the loader parses ';'-lists into tuples


def test_event_to_paragraph_and_back(data):
    episodes, events = data
    cites = cited_by(episodes, events)
    # Every paragraph an event cites lists that event ...
    for ev in events.itertuples():
        for ref in refs(ev.paper_ref):
            assert ev.id in {c.id for c in of_kind(cites.get(ref, []), "event")}, (ev.id, ref)
    # ... and every event a paragraph lists cites that paragraph.
    by_id = events.set_index("id")
    for ref, items in cites.items():
        for c in of_kind(items, "event"):
            assert ref in refs(by_id.loc[c.id, "paper_ref"]), (ref, c.id)


def test_episode_links_both_ways(data):
    episodes, events = data
    cites = cited_by(episodes, events)
    for ep in episodes.itertuples():
        for ref in refs(ep.paper_ref):
            assert ep.id in {c.id for c in of_kind(cites[ref], "episode")}
    assert [c.id for c in of_kind(cites["p24"], "episode")] == ["witte_trans_siberian"]


def test_events_listed_by_date_with_labels(data):
    episodes, events = data
    items = of_kind(cited_by(episodes, events)["p24"], "event")
    assert items[0].date == "1888" and items[0].label == "French loans to Russia begin"
    ids = [c.id for c in items]
    order = events.set_index("id").loc[ids, "start"].tolist()
    assert order == sorted(order)


def test_risks_and_errata_are_citations_too(data, errata):
    episodes, events = data
    risks = load_risks(ROOT / "data", PAPER.paragraph_ids)
    cites = cited_by(episodes, events, risks, errata)
    assert "china_slowdown" in {c.id for c in of_kind(cites["p36"], "risk")}
    assert "witte_count_1880s" in {c.id for c in of_kind(cites["p48"], "erratum")}


def test_resolve_paragraphs_and_footnotes():
    assert resolve("p24", PAPER) == "p24"
    assert resolve("abstract", PAPER) == "abstract"
    assert resolve("fn5", PAPER) == "p9"
    assert resolve("fn29", PAPER) == "p49"
    assert resolve("p999", PAPER) is None
    assert resolve("javascript:alert(1)", PAPER) is None


def test_sections_cover_every_paragraph_in_order():
    flat = [pid for _, ids in sections(PAPER) for pid in ids]
    assert flat == [p.id for p in PAPER.paragraphs]
    names = [name for name, _ in sections(PAPER)]
    assert names[:2] == ["Abstract", "Introduction"]
    assert len(names) == len(set(names))


def _norm(text: str) -> str:
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return " ".join(re.sub("[⁰¹²³⁴⁵⁶⁷⁸⁹]", "", text).split())


def test_every_erratum_has_a_source_url_and_quotes_the_paper_exactly(errata):
    assert len(errata) >= 10
    for row in errata.itertuples():
        assert re.match(r"^https?://\S+$", row.source_url), row.id
        assert row.source.strip() and row.record_says.strip(), row.id
        for ref in refs(row.paper_ref):
            assert _norm(row.paper_says) in _norm(PAPER.paragraph(ref).text), (row.id, ref)


def test_errata_without_url_are_refused(tmp_path):
    (tmp_path / "errata.csv").write_text(
        "id,paper_ref,kind,paper_says,record_says,source,source_url,source_grade,note\n"
        "x,p1,factual,words,record,somewhere,,,\n"
        "y,p999,guess,words,record,somewhere,ftp://example.org,news,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_errata(tmp_path, PAPER.paragraph_ids)
    found = {(p.row, p.column) for p in info.value.problems}
    assert {(1, "source_url"), (2, "source_url"), (2, "paper_ref"), (2, "kind")} <= found
