"""The views a briefing can hold: ids mapped to provider callables, tolerant of missing providers."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pivotdash import paths
from pivotdash.errors import DataError
from pivotdash.filters import Filters, event_frame, filter_episodes, filter_events
from pivotdash.loading import Dataset
from pivotdash.views import View


@dataclass(frozen=True)
class Inputs:
    """What providers build from: the analyst's filters and the validated core data (if it loaded)."""

    filters: Filters = field(default_factory=Filters)
    dataset: Dataset | None = None


Provider = Callable[[Inputs], "View | Iterable[View]"]


@dataclass(frozen=True)
class Choice:
    """One entry of the briefing menu."""

    id: str
    label: str
    help: str
    provider: Provider


@dataclass(frozen=True)
class Built:
    """The views built for a briefing, in the order chosen, and why any choice was skipped."""

    views: list[View]
    notes: list[str]


class ProviderMissing(Exception):
    """The module or function behind a choice does not exist (yet)."""


def resolve(dotted: str) -> Callable[..., Any]:
    """`package.module:function` imported on demand; ProviderMissing when it is not there."""
    module_name, _, attr = dotted.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise ProviderMissing(f"{module_name} is not there yet") from exc
    fn = getattr(module, attr, None)
    if not callable(fn):
        raise ProviderMissing(f"{module_name} has no {attr}() yet")
    return fn


def call_with(fn: Callable[..., Any], inputs: Inputs) -> Any:
    """Call a provider passing the inputs it names: filters, dataset, its tables, or `frame` (event_frame)."""
    offer: dict[str, Any] = {"filters": inputs.filters, "f": inputs.filters, "dataset": inputs.dataset}
    if inputs.dataset is not None:
        ds = inputs.dataset
        offer |= {name: getattr(ds, name) for name in ("episodes", "events", "flashpoints", "routes")}
        if "frame" in inspect.signature(fn).parameters:
            offer["frame"] = event_frame(ds.events, ds.episodes)
    params = inspect.signature(fn).parameters
    kwargs = {name: offer[name] for name in params if name in offer}
    return fn(**kwargs)


def _dataset(inputs: Inputs) -> Dataset:
    if inputs.dataset is None:
        raise ProviderMissing("the core data did not load")
    return inputs.dataset


def timeline_views(inputs: Inputs) -> list[View]:
    """The timeline with the shared filters, the events it shows as its data (as on the page)."""
    from pivotdash.events import timeline_view

    f = inputs.filters
    ds = _dataset(inputs)
    shown = filter_events(event_frame(ds.events, ds.episodes), f)
    return [timeline_view(shown, filter_episodes(ds.episodes, f), f)]


def episode_views(inputs: Inputs) -> list[View]:
    """The Episodes page's charts (pivotdash.scorecard), narrowed by the shared filters."""
    provide = resolve("pivotdash.scorecard:episodes_views")
    ds = _dataset(inputs)
    return list(provide(ds.episodes, event_frame(ds.events, ds.episodes), inputs.filters))


def map_views(inputs: Inputs) -> list[View]:
    """The static Far East map (pivotdash.maps.view) with the shared filters."""
    provide = resolve("pivotdash.maps.view:map_view")
    load_basemap = resolve("pivotdash.maps.basemap:load_basemap")
    ds = _dataset(inputs)
    return [provide(ds.flashpoints, ds.routes, event_frame(ds.events, ds.episodes), inputs.filters, load_basemap())]


def trade_views(inputs: Inputs) -> list[View]:
    """The Trade page's charts (pivotdash.trade.views): composition, claims checked, history.

    They follow the shared years; era and driver do not apply to trade series.
    """
    provide = resolve("pivotdash.trade.views:trade_views")
    load_tables = resolve("pivotdash.trade.tables:load_tables")
    load_published = resolve("pivotdash.trade.tables:load_published")
    folder = paths.data_dir()
    tables = load_tables(folder)
    published, _problems = load_published(folder, set(tables.dots["partner"]))  # bad rows are dropped
    ds = inputs.dataset
    return list(provide(tables, published=published, events=ds.events if ds else None,
                        episodes=ds.episodes if ds else None, shared_years=inputs.filters.years))


def _only(provider: Provider, keep: Callable[[View], bool]) -> Provider:
    def provide(inputs: Inputs) -> list[View]:
        built = provider(inputs)
        return [v for v in ([built] if isinstance(built, View) else built) if keep(v)]

    return provide


def _external(dotted: str, keep: Callable[[View], bool] | None = None) -> Provider:
    """A provider another module owns, looked up at call time; `keep` picks some of its views."""

    def provide(inputs: Inputs) -> list[View]:
        result = call_with(resolve(dotted), inputs)
        views = [result] if isinstance(result, View) else list(result)
        return [v for v in views if keep is None or keep(v)]

    return provide


def _is_claim_check(view: View) -> bool:
    return "claim" in view.id


CHOICES: tuple[Choice, ...] = (
    Choice("timeline", "Timeline", "Episodes as bands, events as markers.", timeline_views),
    Choice("episodes", "Episodes", "The turns East side by side.", episode_views),
    Choice("trade", "Trade charts", "Export and import shares by partner, and the 1827–1937 history.",
           _only(trade_views, lambda v: not _is_claim_check(v))),
    Choice("claim_check", "Claim check", "The paper's trade claims against the data.",
           _only(trade_views, _is_claim_check)),
    Choice("map", "Map", "Far East flashpoints and routes.", map_views),
)
BY_ID = {c.id: c for c in CHOICES}


def build(choice_ids: Iterable[str], inputs: Inputs, choices: dict[str, Choice] | None = None) -> Built:
    """The views of the chosen entries, in order; a choice that cannot be built becomes a note."""
    table = choices if choices is not None else BY_ID
    views: list[View] = []
    notes: list[str] = []
    for cid in choice_ids:
        choice = table.get(cid)
        if choice is None:
            notes.append(f"Unknown view {cid!r} skipped.")
            continue
        try:
            built = choice.provider(inputs)
            made = [built] if isinstance(built, View) else list(built)
        except ProviderMissing as exc:
            notes.append(f"{choice.label}: not available yet ({exc}); skipped.")
            continue
        except DataError as exc:
            notes.append(f"{choice.label}: its data has {len(exc.problems)} problem(s); skipped.")
            continue
        except Exception as exc:
            notes.append(f"{choice.label}: could not be built ({type(exc).__name__}: {exc}); skipped.")
            continue
        if not made:
            notes.append(f"{choice.label}: nothing to show with these filters; skipped.")
        views += made
    return Built(views, notes)
