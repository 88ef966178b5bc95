"""Small synthetic data and views for the export tests (clearly fixture values, not facts)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from pivotdash import catalogue
from pivotdash.errors import ExportUnavailable
from pivotdash.export.images import BatchFormat, Images
from pivotdash.figures.finish import Chrome, finish
from pivotdash.views import View

URL = "https://example.org/fixture"

EPISODES = [
    {"id": "amur", "name": "Fixture Amur push", "start_year": "1850", "end_year": "1860", "leaders": "A",
     "drivers": "imperial_competition", "outcome": "backwater", "end_reasons": "lost_interest",
     "ended_how": "Fixture.", "verdict": "Fixture.", "paper_ref": "", "years_note": "", "source": "fixture",
     "source_url": URL},
    {"id": "putin_pivot", "name": "Fixture pivot", "start_year": "2014", "end_year": "", "leaders": "B",
     "drivers": "clash_with_west;economic_promise", "outcome": "ongoing", "end_reasons": "",
     "ended_how": "Fixture.", "verdict": "Fixture.", "paper_ref": "", "years_note": "", "source": "fixture",
     "source_url": URL},
]
EVENTS = [
    {"id": "e1", "date": "1858-05-28", "end_date": "", "title": "Fixture treaty", "summary": "Fixture.",
     "episode_id": "amur", "category": "treaty", "drivers": "", "flashpoint_id": "fp1", "paper_ref": "",
     "source": "fixture", "source_url": URL, "date_note": ""},
    {"id": "e2", "date": "2014-05", "end_date": "", "title": "=HYPERLINK(\"x\") fixture gas deal",
     "summary": "Fixture.", "episode_id": "putin_pivot", "category": "economy", "drivers": "economic_promise",
     "flashpoint_id": "", "paper_ref": "", "source": "fixture", "source_url": URL, "date_note": ""},
    {"id": "e3", "date": "1969", "end_date": "", "title": "Fixture clash", "summary": "Fixture.",
     "episode_id": "", "category": "war", "drivers": "security", "flashpoint_id": "fp1", "paper_ref": "",
     "source": "fixture", "source_url": URL, "date_note": ""},
]
FLASHPOINTS = [
    {"id": "fp1", "name": "Fixture place", "lat": "48.0", "lon": "135.0", "kind": "border_clash",
     "countries": "A;B", "years": "1969", "summary": "Fixture.", "source": "fixture", "source_url": URL},
]
ROUTES = [
    {"route_id": "trans_siberian", "seq": "1", "name": "Fixture A", "lat": "55.0", "lon": "37.0",
     "source": "fixture", "source_url": URL},
    {"route_id": "trans_siberian", "seq": "2", "name": "Fixture B", "lat": "43.0", "lon": "131.0",
     "source": "fixture", "source_url": URL},
]


def write_data(folder: Path) -> Path:
    """Write the fixture core files (valid against the schema) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for spec, rows in ((catalogue.EPISODES, EPISODES), (catalogue.EVENTS, EVENTS),
                       (catalogue.FLASHPOINTS, FLASHPOINTS), (catalogue.ROUTE_POINTS, ROUTES)):
        with (folder / spec.name).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(spec.column_names))
            writer.writeheader()
            # the fixture's one URL is a placeholder page: graded 'other' wherever a row cites it
            writer.writerows({**r, "source_grade": "other" if r.get("source_url") else ""} for r in rows)
    return folder


def bar_view(view_id: str, title: str, n_bars: int = 3, subtitle: str = "All eras · all drivers · 1790–2026") -> View:
    """A finished bar chart view with `n_bars` bars and its data."""
    data = pd.DataFrame({"partner": [f"Partner {i}" for i in range(n_bars)],
                         "share_pct": [10.0 + i for i in range(n_bars)]})
    fig = go.Figure(go.Bar(x=data["partner"], y=data["share_pct"], name="share"))
    chrome = Chrome(title, subtitle, "Fixture source, 2020", link=f"/trade?view={view_id}")
    finish(fig, chrome)
    return View(id=view_id, chrome=chrome, figure=fig, data=data)


def tiny_png(view: View) -> bytes:
    """A 16:9 PNG standing in for a rendered chart (no browser needed)."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (320, 180), (240, 240, 240)).save(buf, "PNG")
    return buf.getvalue()


def tiny_svg(view: View) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><text>{view.id}</text></svg>'.encode()


def six_views() -> list[View]:
    return [bar_view(f"view-{i}", f"Fixture chart {i}", n_bars=2 + i) for i in range(6)]


def fake_images(views: list[View]) -> Images:
    """A briefing's image batch already drawn with the stand-ins above (no browser needed)."""
    return Images.given(views, [tiny_png(v) for v in views], [tiny_svg(v) for v in views])


class NoImages(Images):
    """An image batch that cannot be drawn: each draw raises ExportUnavailable with `reason` and is counted."""

    def __init__(self, views: list[View], reason: str = "no Chrome or Chromium (`apt-get install chromium`)") -> None:
        super().__init__(views)
        self.reason = reason
        self.attempts = 0

    def draw(self, *kinds: BatchFormat) -> Images:
        self.attempts += 1
        raise ExportUnavailable(self.reason)
