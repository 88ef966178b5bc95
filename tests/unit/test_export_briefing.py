"""The briefing registry: providers by id, order kept, missing or broken providers become notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pivotdash import briefing
from pivotdash.errors import DataError, Problem
from pivotdash.filters import Filters
from pivotdash.links import absolute, view_link
from pivotdash.loading import Dataset, load_dataset
from pivotdash.paper import load_paper
from tests.export_fixtures import bar_view, write_data


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = write_data(tmp_path_factory.mktemp("data"))
    return load_dataset(folder, load_paper().paragraph_ids)


def _choice(cid: str, provider) -> briefing.Choice:
    return briefing.Choice(cid, cid.title(), "", provider)


def test_views_come_back_in_the_chosen_order() -> None:
    table = {c: _choice(c, lambda _i, c=c: bar_view(c, c)) for c in ("a", "b", "c")}
    built = briefing.build(["c", "a", "b"], briefing.Inputs(), table)
    assert [v.id for v in built.views] == ["c", "a", "b"] and built.notes == []


def test_missing_unknown_broken_and_empty_providers_become_notes() -> None:
    def broken(_inputs):
        raise ValueError("bad column")

    def bad_data(_inputs):
        raise DataError([Problem("trade.csv", 1, "value", "must be a number", "x")])

    table = {
        "ok": _choice("ok", lambda _i: [bar_view("ok", "OK")]),
        "missing": _choice("missing", briefing._external("pivotdash.not_written_yet:views")),
        "noattr": _choice("noattr", briefing._external("pivotdash.filters:no_such_provider")),
        "broken": _choice("broken", broken),
        "data": _choice("data", bad_data),
        "empty": _choice("empty", lambda _i: []),
    }
    built = briefing.build(["missing", "ok", "noattr", "broken", "data", "empty", "nope"], briefing.Inputs(), table)
    assert [v.id for v in built.views] == ["ok"]
    text = "\n".join(built.notes)
    assert "Missing: not available yet (pivotdash.not_written_yet is not there yet)" in text
    assert "has no no_such_provider() yet" in text
    assert "ValueError: bad column" in text
    assert "1 problem(s)" in text
    assert "Empty: nothing to show" in text
    assert "Unknown view 'nope'" in text


def test_external_providers_get_the_inputs_they_name_and_may_return_several_views(dataset: Dataset) -> None:
    seen = {}

    def trade_views(filters: Filters, events) -> list:
        seen["filters"], seen["events"] = filters, events
        return [bar_view("trade-shares", "Shares"), bar_view("claim-check", "Claims")]

    f = Filters(eras=("soviet",))
    inputs = briefing.Inputs(f, dataset)
    assert [v.id for v in briefing.call_with(trade_views, inputs)] == ["trade-shares", "claim-check"]
    assert seen["filters"] is f and seen["events"] is dataset.events


def test_the_menu_offers_the_issue_views() -> None:
    assert [c.id for c in briefing.CHOICES] == ["timeline", "episodes", "trade", "claim_check", "map"]


def test_timeline_view_uses_the_filters_and_links_back(dataset: Dataset) -> None:
    f = Filters(eras=("soviet", "federation"), drivers=("security",), years=(1900, 2020))
    built = briefing.build(["timeline"], briefing.Inputs(f, dataset))
    (view,) = built.views
    assert view.id == "timeline"
    assert view.subtitle == "Soviet Union and Russian Federation · driver: Security · 1900–2020"
    assert view.data["id"].tolist() == ["e3"]  # exactly the events drawn
    assert view.link == "/timeline?era=Soviet+Union&era=Russian+Federation&driver=Security&years=1900&years=2020"
    assert "Chris Miller" in view.source


def test_timeline_without_data_is_a_note() -> None:
    built = briefing.build(["timeline"], briefing.Inputs(Filters(), None))
    assert built.views == [] and "core data did not load" in built.notes[0]


def test_links() -> None:
    assert view_link("timeline", Filters()) == "/timeline"
    assert absolute("/timeline?era=X", "http://h:1/") == "http://h:1/timeline?era=X"
    assert absolute("https://a/b", "http://h") == "https://a/b"


def test_fixture_data_path_is_used_by_the_cli(tmp_path: Path) -> None:
    # The fixture files validate against the schema, so CLI and page tests can rely on them.
    assert load_dataset(write_data(tmp_path), load_paper().paragraph_ids).events.shape[0] == 3
