"""Events as a table for reading and export: labels instead of ids, one row per event."""

from __future__ import annotations

import pandas as pd

from pivotdash import schema


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
