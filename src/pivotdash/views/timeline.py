"""The Timeline's chart: the turns East as bands and their events as markers, over the chosen eras."""

from __future__ import annotations

from pivotdash import state as st
from pivotdash.events import event_table
from pivotdash.figures.finish import Chrome
from pivotdash.figures.timeline import timeline_figure
from pivotdash.filters import describe, filter_episodes, filter_events, view_years
from pivotdash.views import Data, View, credits


def timeline(state: st.TimelineState, data: Data) -> View:
    """The events the filters pass (its data is the table the page shows), the open event highlighted."""
    f = state.filters
    shown = filter_events(data.events(), f)
    bands = filter_episodes(data.dataset().episodes, f)
    years = view_years(f)
    chrome = Chrome(f"Russia's turns East, {years[0]}–{years[1]}", describe(f), credits.PAPER_AND_EVENTS,
                    link=st.link(state, data.names(), chart="timeline"))
    fig = timeline_figure(shown, bands, years=years, chrome=chrome, highlight=state.event)
    return View("timeline", chrome, fig, event_table(shown))
