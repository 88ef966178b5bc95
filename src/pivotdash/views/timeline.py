"""The Timeline's chart: the turns East as bands and their events as markers, zoomed as the state says."""

from __future__ import annotations

from pivotdash import state as st
from pivotdash import timeline as tl
from pivotdash.events import event_table
from pivotdash.figures.finish import Chrome
from pivotdash.figures.timeline import timeline_figure
from pivotdash.filters import describe, filter_episodes, filter_events, view_years
from pivotdash.views import Data, View, credits


def zoom_words(zoom: tl.Zoom, names: st.Names) -> str:
    """The zoom in words for the subtitle: '' when the detail shows every year."""
    if zoom.preset == tl.CUSTOM and zoom.years:
        return f"detail {zoom.years[0]}–{zoom.years[1]}"
    if zoom.preset in (tl.SINCE_2014, tl.SINCE_PAPER):
        return "detail " + tl.ZOOM_PRESETS[zoom.preset].lower()
    return f"detail: {names.episodes[zoom.preset]}" if zoom.preset in names.episodes else ""


def timeline(state: st.TimelineState, data: Data) -> View:
    """The events the filters pass (its data is the table the page shows), the open event highlighted,
    the detail view zoomed to the state's window over an overview of every year the filters show."""
    f = state.filters
    shown = filter_events(data.events(), f)
    episodes = data.dataset().episodes
    bands = filter_episodes(episodes, f)
    years = view_years(f)
    window = tl.zoom_window(state.zoom, years, episodes)
    names = data.names()
    words = zoom_words(state.zoom, names) if window != tl.zoom_window(tl.Zoom(), years, episodes) else ""
    title_years = f"{window[0].year}–{window[1].year}"
    subtitle = describe(f, names.episodes) + (f" · {words}" if words else "")
    chrome = Chrome(f"Russia's turns East, {title_years}", subtitle, credits.PAPER_AND_EVENTS,
                    link=st.link(state, names, chart="timeline"))
    fig = timeline_figure(shown, bands, years=years, chrome=chrome, window=window, highlight=state.event)
    return View("timeline", chrome, fig, event_table(shown))
