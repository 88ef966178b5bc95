"""Events as a table for reading and export: labels instead of ids, one row per event."""

from __future__ import annotations

import pandas as pd

from pivotdash import schema
from pivotdash.figures.finish import chrome_of
from pivotdash.filters import Filters, describe, view_years
from pivotdash.links import view_link
from pivotdash.views import View


def event_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The filtered events (from filters.event_frame) as analysts read them: labels, not ids."""
    return pd.DataFrame(
        {
            "id": frame["id"],
            "date": frame["date_label"],
            "title": frame["title"],
            "category": [schema.label("categories", c) for c in frame["category"]],
            "era": [schema.ERAS[e] for e in frame["era"]],
            "turn_east": frame["episode_name"],
            "drivers": ["; ".join(schema.label("drivers", d) for d in ds) for ds in frame["driver_list"]],
            "summary": frame["summary"],
            "paper_paragraphs": [";".join(refs) for refs in frame["paper_ref"]],
            "source": frame["source"],
            "source_url": frame["source_url"],
        }
    ).reset_index(drop=True)


def timeline_view(shown: pd.DataFrame, bands: pd.DataFrame, f: Filters, *, highlight: str | None = None) -> View:
    """The timeline as one view: the figure over the chosen eras, the events it draws, the link back.

    The page and the briefing both build it here, so what is exported is what is on screen.
    """
    from pivotdash.figures.timeline import timeline_figure  # plotly only when a figure is wanted

    subtitle = describe(f)
    fig = timeline_figure(shown, bands, years=view_years(f), subtitle=subtitle, highlight=highlight)
    chrome = chrome_of(fig)
    return View(
        id="timeline",
        title=chrome.title if chrome else "Timeline",
        subtitle=subtitle,
        source=chrome.source if chrome else "",
        figure=fig,
        data=event_table(shown),
        # Episodes are bound to the URL by name; the bands shown hold the names of those chosen.
        link=view_link("timeline", f, [("episode", n) for i, n in zip(bands["id"], bands["name"], strict=True)
                                       if i in f.episodes]),
    )
