"""Each chart as its page shows it equals the chart the Briefing and the command line build from its link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pivotdash.export.tables import to_safe_csv
from pivotdash.views import build_link
from pivotdash.views.loaded import Loaded

ROOT = Path(__file__).resolve().parents[2]

# (page, URL parameters an analyst set, the chart's key on the page)
CASES = [
    ("overview", {}, "overview_strip"),
    ("timeline", {"era": "Russian Federation", "category": ["Diplomacy", "Economy"], "q": "China"}, "timeline"),
    ("episodes", {"era": "Soviet Union"}, "episodes_matrix"),
    ("episodes", {"compare": ["The Amur seizure", "Stalin and the Korean War"]}, "episodes_compare"),
    ("trade", {"trade_flow": "Imports", "trade_chart": "Lines", "trade_partners": "India"}, "trade_composition"),
    ("trade", {"trade_measure": "Value", "trade_chart": "Bars", "trade_year": "2008", "trade_eu": "EU28"},
     "trade_composition"),
    ("trade", {"trade_tab": "Paper's numbers checked", "years": ["2000", "2020"]}, "trade_claims"),
    ("trade", {"trade_tab": "History", "trade_flow": "Imports", "trade_hist_partners": ["China", "Japan"]},
     "trade_history"),
    ("map", {"era": "Soviet Union", "driver": "Security", "place": "Port Arthur (Lüshun)"}, "map"),
]


@pytest.mark.parametrize(("page", "params", "key"), CASES, ids=[f"{p}-{k}-{i}" for i, (p, _, k) in enumerate(CASES)])
def test_the_page_and_its_link_build_the_same_chart(open_page, deferred, page, params, key) -> None:
    at = open_page(page, params)
    chart = next((c for c in at.get("plotly_chart") if c.key == f"{key}_chart"), None)
    shown = json.loads(chart.proto.spec) if chart is not None else None
    if shown is not None:
        link = shown["layout"]["meta"]["pivotdash"]["link"]
    else:  # the static map's preview is drawn only while its expander is open: the link shown beside it
        assert page == "map", [c.key for c in at.get("plotly_chart")]
        link = "/" + next(c.value for c in at.code if "/map?" in c.value).split("/", 3)[3]
    assert link, "every chart on a page carries the link that reopens it"
    assert all(f"{k}=" in link for k in params), link  # the analyst's own settings, not the defaults

    opened = build_link(link, Loaded(ROOT / "data"))
    assert opened.parsed.notices == [] and opened.view is not None
    view = opened.view
    if shown is not None:
        chrome = shown["layout"]["meta"]["pivotdash"]
        assert (view.title, view.subtitle, view.source, view.licence, view.link) == (
            chrome["title"], chrome["subtitle"], chrome["source"], chrome["licence"], link)
        built = json.loads(view.figure.to_json())
        assert built["data"] == shown["data"]  # the same traces, point for point
        assert built["layout"]["title"] == shown["layout"]["title"]

    csv_button = next(b for b in at.get("download_button") if b.key == f"dl-{key}-csv")
    assert deferred[csv_button.proto.deferred_file_id]() == to_safe_csv(view.data)  # the page's CSV is the view's
