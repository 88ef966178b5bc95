"""The events table and its CSV: labels for readers, hostile cells neutralised, numbers untouched."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from pivotdash.events import event_table
from pivotdash.export.tables import neutralise_cell, to_safe_csv
from pivotdash.filters import event_frame
from pivotdash.loading import load_dataset
from pivotdash.paper import load_paper

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"


def test_hostile_events_export_as_inert_text():
    data = load_dataset(HOSTILE, load_paper().paragraph_ids)
    table = event_table(event_frame(data.events, data.episodes))
    rows = list(csv.DictReader(io.StringIO(to_safe_csv(table).decode("utf-8"))))
    titles = {r["id"]: r["title"] for r in rows}
    assert titles["1853-crimean-war"] == "'=HYPERLINK(\"http://203.0.113.9\",\"x\")"
    assert titles["hostile-1"].startswith("<script>")  # not a formula: kept verbatim, escaped where shown
    summary = {r["id"]: r["summary"] for r in rows}["1853-crimean-war"]
    assert summary == "'+SUM(A1) -2+3 @cmd \tTab"
    assert {r["category"] for r in rows} >= {"War", "Treaty"}  # labels, not ids


def test_neutralise_keeps_numbers_numeric():
    frame = pd.DataFrame({"v": [-2.5, 3.0], "t": ["-2.5", "@x"]})
    out = to_safe_csv(frame).decode("utf-8").splitlines()
    assert out == ["v,t", "-2.5,-2.5", "3.0,'@x"]  # a number written as text cannot run as a formula
    assert neutralise_cell(-1) == -1
    for bad in ("=1+1", "+1+A1", "-A1", "@SUM(1)", "\t=1", "\r=1"):
        assert str(neutralise_cell(bad)).startswith("'")
