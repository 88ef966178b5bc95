"""A briefing as links: each item builds exactly its page's view; the briefing file round-trips; bad ones explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pivotdash import briefing
from pivotdash.filters import Filters
from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper
from pivotdash.state import Item, absolute
from pivotdash.views.loaded import Loaded
from tests.export_fixtures import write_data


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    return Loaded(write_data(tmp_path_factory.mktemp("data")))


def test_views_come_back_in_the_briefing_order(data: Loaded) -> None:
    items = [Item(briefing.standard_link(c, Filters(), None)) for c in ("map", "timeline", "episodes")]
    built = briefing.build(items, data)
    assert [v.id for v in built.views] == ["map", "timeline", "episodes-matrix"] and built.notes == []
    assert built.items == items


def test_links_that_open_nothing_become_notes(data: Loaded) -> None:
    items = [Item("/atlantis?x=1"), Item("/sources?para=p3"), Item("/timeline?years=2100&years=2200"),
             Item("/timeline?era=Soviet+Union&q=no+such+words+anywhere")]
    built = briefing.build(items, data)
    text = "\n".join(built.notes)
    assert built.views[0].id == "timeline"  # the malformed years are noted, the rest of the view opens
    assert "“/atlantis” is not a page of pivotdash" in text
    assert "opens the sources page, which has no chart" in text
    assert "“years” value “2100&2200” is not two years" in text
    assert len(built.views) == 2  # the search that matches nothing still draws an (empty) timeline


def test_timeline_item_uses_its_link_and_the_analysts_title(data: Loaded) -> None:
    f = Filters(eras=("soviet", "federation"), drivers=("security",), years=(1900, 2020))
    link = briefing.standard_link("timeline", f, None)
    assert link == "/timeline?era=Soviet+Union&era=Russian+Federation&driver=Security&years=1900&years=2020"
    (view,) = briefing.build([Item(link, title="Security since 1900")], data).views
    assert view.subtitle == "Soviet Union and Russian Federation · driver: Security · 1900–2020"
    assert view.data["id"].tolist() == ["e3"]  # exactly the events drawn
    assert view.title == "Security since 1900" and "Security since 1900" in view.figure.layout.title.text
    assert view.link == link and "Chris Miller" in view.source


def test_the_menu_offers_every_chart_kind() -> None:
    assert briefing.CHOICE_IDS == ("timeline", "episodes", "compare", "trade", "history", "claim_check", "map")


def test_absolute_links() -> None:
    assert absolute("/timeline?era=X", "http://h:1/") == "http://h:1/timeline?era=X"
    assert absolute("https://a/b", "http://h") == "https://a/b"


def test_file_names_come_from_the_title_and_never_cut_a_word() -> None:
    from pivotdash.export.names import briefing_stem

    assert briefing_stem("Will Russia's turn to Asia last?") == "pivotdash-will-russia-s-turn-to-asia-last"
    long = briefing_stem("Siberia " * 20)
    assert long.endswith("siberia") and len(long) <= len("pivotdash-") + 60
    assert briefing_stem("<script>") == "pivotdash-script" and briefing_stem("§§") == "pivotdash-briefing"


def test_the_briefing_file_round_trips_hostile_text_as_text() -> None:
    hostile = "=HYPERLINK(\"http://x\") <script>alert(1)</script> ‮RTL [x](javascript:1)"
    b = briefing.Briefing(hostile[:120], (Item("/map?place=Port+Arthur", hostile[:120], hostile * 3),))
    again = briefing.from_file(briefing.to_file(b))
    assert again == briefing.Briefing(b.title, (Item("/map?place=Port+Arthur", hostile[:120], (hostile * 3)[:600]),))


@pytest.mark.parametrize(("raw", "expected"), [
    (b"\xff\xfe", "is not UTF-8 text"),
    (b"{not json", "is not a briefing file: line 1"),
    (b'{"format": "other"}', "“format” must be “pivotdash-briefing”"),
    (b'{"format": "pivotdash-briefing", "version": 9, "views": []}', "version 9 is not one"),
    (b'{"format": "pivotdash-briefing", "version": 1, "views": {}}', "“views” must be a list"),
    (b'{"format": "pivotdash-briefing", "version": 1, "views": [{"link": "/nowhere"}]}',
     "view 1: “/nowhere” is not a page"),
    (b'{"format": "pivotdash-briefing", "version": 1, "views": [{"link": "/map", "title": 7}]}',
     "view 1: “title” must be text, found int"),
    (json.dumps({"format": "pivotdash-briefing", "version": 1, "views": [{"link": "/map", "message": "x" * 5000}]}
                ).encode(), "view 1: “message” is 5,000 characters long"),
])
def test_a_bad_briefing_file_names_the_entry_and_the_problem(raw: bytes, expected: str) -> None:
    with pytest.raises(briefing.BriefingFileError, match=None) as exc:
        briefing.from_file(raw, "brief.json")
    assert expected in str(exc.value) and "brief.json" in str(exc.value)


def test_fixture_data_path_is_used_by_the_cli(tmp_path: Path) -> None:
    # The fixture files validate against the schema, so CLI and page tests can rely on them.
    assert load_dataset(write_data(tmp_path), load_paper().paragraph_ids).events.shape[0] == 3
