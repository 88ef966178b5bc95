"""The Trade page's charts as pivotdash.views.View objects (figure, data behind it, link), without Streamlit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from pivotdash.figures import trade as ft
from pivotdash.filters import YEAR_MAX, YEAR_MIN
from pivotdash.trade import claims as tc
from pivotdash.trade.composition import CHART_COLUMNS, chart_frame, published_points
from pivotdash.trade.markers import EpisodeBand, Marker, history_bands, key_event_markers, pivot_band
from pivotdash.trade.tables import TradeTables
from pivotdash.trade.viewstate import TradeView, clip_years, describe, link
from pivotdash.views import View

HISTORY_PARTNERS: tuple[str, ...] = ("china", "japan", "germany", "united_kingdom", "france")
HISTORY_YEARS = (1827, 1937)
HISTORY_COLUMNS = ("year", "flow", "partner", "partner_name", "share_pct", "value", "unit", "source", "note")


def axis_end(tables: TradeTables, published: pd.DataFrame | None, markers: Sequence[Marker]) -> int:
    """Last year of the time axis: the DOTS series, or later published figures and key events."""
    last = tables.years[1]
    if published is not None and not published.empty:
        last = max(last, int(published["year"].max()))
    if markers:
        last = max(last, int(max(m.x for m in markers)))
    return last


def composition_title(view: TradeView) -> str:
    what = "exports" if view.flow == "exports" else "imports"
    how = "share of the world total" if view.measure == "share" else "value in US$ billion"
    when = str(view.bar_year) if view.chart == "bar" else f"{view.years[0]}–{view.years[1]}"
    return f"Where Russia's {what} {'go' if view.flow == 'exports' else 'come from'}, {when}: {how}"


def composition_data(frame: pd.DataFrame, points: pd.DataFrame, series: str = "IMF DOTS") -> pd.DataFrame:
    """The chart's rows plus its published points, marked by series; exactly what the chart shows."""
    data = frame.assign(series=series)
    if points.empty:
        return data.reset_index(drop=True)
    is_value = points["metric"] == "value_usd_bn"
    values = points["value"].astype(float)
    extra = pd.DataFrame({
        "year": points["year"], "flow": points["flow"], "partner": points["partner"],
        "partner_name": points["label"],
        "value_usd_mn": (values * 1000).where(is_value), "value_usd_bn": values.where(is_value),
        "share_pct": values.where(~is_value),
        "source": points["source"] + " " + points["source_url"],
        "note": "Published figure, not part of the DOTS series. " + points["note"],
        "series": "published figure",
    })
    return pd.concat([data, extra], ignore_index=True)[[*CHART_COLUMNS, "series"]]


def composition_view(
    tables: TradeTables,
    view: TradeView,
    *,
    published: pd.DataFrame | None = None,
    markers: Sequence[Marker] = (),
    band: EpisodeBand | None = None,
    x_max: int | None = None,
    shared_years: tuple[int, int] = (YEAR_MIN, YEAR_MAX),
    source: str = ft.DOTS_SOURCE,
    licence: str = ft.DOTS_LICENCE,
    flow_text: str | None = None,
    view_id: str = "trade-composition",
    with_link: bool = True,
) -> View:
    """The composition chart for `view` (whose years are already clipped to the data). An uploaded file's
    chart passes its own `source`, `licence` and `flow_text` (who reported the flow, on which basis)."""
    names = tables.partner_names
    frame = chart_frame(tables.dots, tables.members, view)
    shown = set(view.shown)
    points = published_points(published, replace(view, years=(view.years[0], x_max or view.years[1])), shown, names) \
        if view.chart != "bar" else published_points(None, view, shown)
    subtitle = describe(view, names, flow_text=flow_text)
    src = source + ("; imports are partners' reported exports to Russia (mirror)" if view.flow == "imports" and
                    source == ft.DOTS_SOURCE else "")
    if not points.empty:
        src += "; points after 2020: published figures, each with its source in the CSV"
    title = composition_title(view)
    fig = ft.composition_figure(frame, view, title=title, subtitle=subtitle, source=src, licence=licence,
                                published=points,
                                markers=markers if view.chart != "bar" else (), band=band if view.chart != "bar"
                                else None, x_max=x_max, data_last_year=tables.years[1])
    series = "IMF DOTS" if source == ft.DOTS_SOURCE else "your upload"
    return View(view_id, title, subtitle, src, fig, composition_data(frame, points, series),
                link(view, names, shared_years=shared_years) if with_link else "")


def claims_view(tables: TradeTables, *, shared_years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)) -> View:
    """The paper's numbers (p33, p35) against the data of the best-matching year and of 2020."""
    paper_year = tc.best_year(tables.dots)
    latest = tables.years[1]
    table = tc.check(tables.dots, [paper_year, latest])
    title = "The paper's trade numbers checked against IMF DOTS"
    subtitle = (f"Paragraphs p33 and p35 · data of {paper_year} (the year the paper's figures match best) and "
                f"{latest} (latest) · holds: within ±10%, roughly: within ±25%")
    fig = ft.claims_figure(table, title=title, subtitle=subtitle)
    data = table.rename(columns={"exact": "data_unrounded"})
    return View("trade-claims", title, subtitle, ft.CLAIMS_SOURCE, fig, data,
                link(TradeView(), tables.partner_names, tab="claims", shared_years=shared_years))


def history_frame(tables: TradeTables, flow: str, partners: Sequence[str], years: tuple[int, int]) -> pd.DataFrame:
    h = tables.history
    keep = (h["flow"] == flow) & h["partner"].isin(partners) & (h["year"] >= years[0]) & (h["year"] <= years[1])
    return h[keep].sort_values(["partner", "year"])[list(HISTORY_COLUMNS)].reset_index(drop=True)


def history_view(
    tables: TradeTables,
    *,
    flow: str = "exports",
    partners: Sequence[str] = HISTORY_PARTNERS,
    episodes: pd.DataFrame | None = None,
    shared_years: tuple[int, int] = (YEAR_MIN, YEAR_MAX),
) -> View | None:
    """Shares by partner 1827–1937 with the paper's turns East; None if the shared years miss the period."""
    years = clip_years(shared_years, HISTORY_YEARS)
    if years is None:
        return None
    frame = history_frame(tables, flow, partners, years)
    bands = history_bands(episodes, *years)
    names = ", ".join(dict.fromkeys(frame["partner_name"]))
    subtitle = (f"{'Exports' if flow == 'exports' else 'Imports'} as Russia reported them · share of the year's "
                f"total (%) · {names} · {years[0]}–{years[1]} · shaded: the paper's turns East")
    fig = ft.history_figure(frame, partners=partners, flow=flow, bands=bands, years=years, subtitle=subtitle)
    title = f"Russia's {flow} by partner, {years[0]}–{years[1]}"
    view = TradeView(flow=flow)
    return View("trade-history", title, subtitle, ft.RICARDO_SOURCE, fig, frame,
                link(view, tables.partner_names, tab="history", shared_years=shared_years))


def trade_views(
    tables: TradeTables,
    view: TradeView | None = None,
    *,
    published: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    episodes: pd.DataFrame | None = None,
    shared_years: tuple[int, int] = (YEAR_MIN, YEAR_MAX),
) -> list[View]:
    """The Trade page's charts for a briefing: composition (as `view` sets it), the claims checked, the history.

    `view.years` is ignored: the composition covers `shared_years` clipped to the data (as on the page).
    `events` and `episodes` are the core tables (data/events.csv, data/episodes.csv) or None.
    """
    view = view or TradeView()
    markers = key_event_markers(events)
    end = axis_end(tables, published, markers)
    out: list[View] = []
    axis = clip_years(shared_years, (tables.years[0], end))
    if axis is not None:
        data_years = clip_years(axis, tables.years) or (axis[0], axis[0])
        shown = replace(view, years=data_years)
        out.append(composition_view(tables, shown, published=published, markers=markers, band=pivot_band(episodes),
                                    x_max=axis[1], shared_years=shared_years))
    out.append(claims_view(tables, shared_years=shared_years))
    hist = history_view(tables, flow=view.flow, episodes=episodes, shared_years=shared_years)
    if hist is not None:
        out.append(hist)
    return out
