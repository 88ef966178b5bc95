"""What the composition charts show: the chosen partners' series, the rest of world, stacking with gaps."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from pivotdash.trade import groups as g
from pivotdash.trade.viewstate import TradeView

CHART_COLUMNS = ("year", "flow", "partner", "partner_name", "value_usd_mn", "value_usd_bn", "share_pct",
                 "source", "note")
# Stacking order, bottom up, when several parts are equally complete: China on the axis, the EU on top.
_ORDER = ("china", "japan_korea", "japan", "south_korea", "united_states", "eu27", "eu28", "eu_year",
          "wider_europe", "belarus")


def members_of(dots: pd.DataFrame, members: pd.DataFrame, group: str) -> set[str]:
    """Member ids of a group (from dots_group_members.csv); empty for a single partner."""
    if group not in g.GROUPS:
        return set()
    rows = members[(members["group"] == group) & (members["role"] == "member")]
    return set(rows["member"]) if not rows.empty else set(g.GROUPS[group].members)


def chart_frame(dots: pd.DataFrame, members: pd.DataFrame, view: TradeView) -> pd.DataFrame:
    """Rows the chart shows, in CHART_COLUMNS, for view.flow and view.years.

    Line view: each chosen partner as it is. Area and bar views need parts that do not overlap: a group
    chosen together with some of its members shows as 'EU27 excl. Germany'; the rest of world is the
    World total minus the parts. A part missing in a year stays missing (and so does the rest of world).
    """
    lo, hi = view.years
    flow = dots[(dots["flow"] == view.flow) & (dots["year"] >= lo) & (dots["year"] <= hi)]
    years = sorted(set(flow["year"]))
    # Only the partners shown and the World are ever looked up, not all ~230 in the table.
    wanted = flow[flow["partner"].isin({*view.shown, g.WORLD})]
    by_partner = {p: f.set_index("year") for p, f in wanted.groupby("partner")}
    shown = [p for p in view.shown if p in by_partner]
    world = by_partner.get(g.WORLD)
    out: list[pd.DataFrame] = []
    stacked = view.chart in ("area", "bar")
    for pid in shown:
        part = by_partner[pid].reindex(years)
        name = str(part["partner_name"].dropna().iloc[0]) if part["partner_name"].notna().any() else pid
        values = part["value_usd_mn"].astype(float)
        note = part["note"].fillna("").astype(str)
        inside = sorted(m for m in members_of(dots, members, pid) if m in shown) if stacked else []
        if inside:
            for m in inside:
                values = values - _counted(by_partner[m].reindex(years)["value_usd_mn"].astype(float), pid, m)
            names = [str(by_partner[m]["partner_name"].iloc[0]) for m in inside]
            name = f"{name} excl. {', '.join(names)}"
            note = note.where(note == "", note + " ") + f"{', '.join(names)} shown separately."
            pid = f"{pid}_excl"
        out.append(_rows(years, view.flow, pid, name, values, world, part["source"], note))
    if stacked and world is not None:
        parts = pd.concat(out) if out else pd.DataFrame(columns=CHART_COLUMNS)
        total = parts.groupby("year")["value_usd_mn"].agg(lambda s: s.sum() if s.notna().all() else math.nan)
        w = world.reindex(years)["value_usd_mn"].astype(float)
        rest = w - total.reindex(years) if out else w
        note = pd.Series(["World minus the partners shown."] * len(years), index=years)
        missing = rest.isna() & w.notna()
        note[missing] = "World minus the partners shown; cannot be computed: a partner shown is not reported."
        out.append(_rows(years, view.flow, g.REST_OF_WORLD, g.REST_NAME, rest, world,
                         world.reindex(years)["source"], note))
    if view.chart == "area" and world is not None:
        # The stacked view needs the total too: where a partner is not reported, what is left of the World
        # total is drawn as one "not split" band rather than guessed.
        wf = world.reindex(years)
        out.append(_rows(years, view.flow, g.WORLD, "World", wf["value_usd_mn"].astype(float), world,
                         wf["source"], wf["note"].fillna("")))
    frame = pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=CHART_COLUMNS)
    if view.chart == "bar":
        frame = frame[frame["year"] == view.bar_year]
    return frame.reset_index(drop=True)[list(CHART_COLUMNS)]


def _counted(values: pd.Series, group: str, member: str) -> pd.Series:
    """A member's values in the years the group counts it (the EU as it was: from accession), else 0."""
    period = g.GROUPS[group].periods.get(member) if group in g.GROUPS else None
    if period is None:
        return values
    inside = pd.Series([member in g.GROUPS[group].members_in(int(y)) for y in values.index], index=values.index)
    return values.where(inside, 0.0)


def _rows(years: list[int], flow: str, pid: str, name: str, values: pd.Series, world: pd.DataFrame | None,
          source: pd.Series, note: pd.Series) -> pd.DataFrame:
    w = world.reindex(years)["value_usd_mn"].astype(float) if world is not None else pd.Series(math.nan, index=years)
    values = values.reindex(years).astype(float)
    return pd.DataFrame({
        "year": years, "flow": flow, "partner": pid, "partner_name": name,
        "value_usd_mn": values.round(6).to_numpy(), "value_usd_bn": (values / 1000).round(6).to_numpy(),
        "share_pct": (values / w * 100).round(4).to_numpy(),
        "source": source.reindex(years).fillna("").to_numpy(), "note": note.reindex(years).fillna("").to_numpy(),
    })


@dataclass(frozen=True)
class Band:
    """One stacked layer: its lower and upper edge per year (None where it cannot be drawn)."""

    partner: str
    name: str
    years: list[int]
    lower: list[float | None]
    upper: list[float | None]
    values: list[float | None]


UNSPLIT = "not_split"
UNSPLIT_NAME = "Not split (a partner shown is not reported)"


def stack(frame: pd.DataFrame, column: str) -> list[Band]:
    """Stacked layers, bottom up, with holes where a part (or any part below it) is not reported.

    Parts with fewer gaps go lower, so one missing partner (Belarus in 2001) leaves a hole only in
    itself and the layers above it; nothing is ever drawn as zero. The rest of world is on top. Where
    the frame holds the World total, the hole becomes one 'not split' band from the highest known edge to
    the total: what is known (the sum) is drawn, how it splits is not.
    """
    years = sorted(set(frame["year"]))
    parts = [p for p in dict.fromkeys(frame["partner"]) if p not in (g.REST_OF_WORLD, g.WORLD)]
    gaps = {p: int(frame[frame["partner"] == p][column].isna().sum()) for p in parts}
    rank = {p: (_ORDER.index(p.removesuffix("_excl")) if p.removesuffix("_excl") in _ORDER else 3) for p in parts}
    order = sorted(parts, key=lambda p: (gaps[p], rank[p], parts.index(p)))
    if g.REST_OF_WORLD in set(frame["partner"]):
        order.append(g.REST_OF_WORLD)
    bands = []
    base: list[float | None] = [0.0] * len(years)
    top: list[float] = [0.0] * len(years)  # highest edge drawn so far, per year
    for pid in order:
        sub = frame[frame["partner"] == pid].set_index("year").reindex(years)
        vals = [None if pd.isna(v) else float(v) for v in sub[column]]
        upper = [None if b is None or v is None else b + v for b, v in zip(base, vals, strict=True)]
        lower = [b if u is not None else None for b, u in zip(base, upper, strict=True)]
        bands.append(Band(pid, str(sub["partner_name"].dropna().iloc[0]) if sub["partner_name"].notna().any() else pid,
                          years, lower, upper, vals))
        top = [u if u is not None else t for u, t in zip(upper, top, strict=True)]
        base = upper
    if g.WORLD in set(frame["partner"]):
        world = frame[frame["partner"] == g.WORLD].set_index("year").reindex(years)[column]
        lower_u: list[float | None] = []
        upper_u: list[float | None] = []
        for b, t, w in zip(base, top, world, strict=True):
            known = b is None and not pd.isna(w)
            lower_u.append(t if known else None)
            upper_u.append(float(w) if known else None)
        if any(v is not None for v in upper_u):
            values = [None if lo is None or up is None else up - lo for lo, up in zip(lower_u, upper_u, strict=True)]
            bands.append(Band(UNSPLIT, UNSPLIT_NAME, years, lower_u, upper_u, values))
    return bands


Run = tuple[list[int], list[float], list[float]]


def segments(years: list[int], lower: list[float | None], upper: list[float | None]) -> list[Run]:
    """Runs of consecutive drawable years (both edges known)."""
    runs: list[Run] = []
    current: Run = ([], [], [])
    for y, lo, up in zip(years, lower, upper, strict=True):
        if lo is None or up is None:
            if current[0]:
                runs.append(current)
            current = ([], [], [])
            continue
        current[0].append(y)
        current[1].append(lo)
        current[2].append(up)
    if current[0]:
        runs.append(current)
    return runs


def published_points(published: pd.DataFrame | None, view: TradeView, shown: set[str],
                     names: dict[str, str] | None = None) -> pd.DataFrame:
    """Published post-2020 figures matching the view's flow, measure and partners (never joined to DOTS)."""
    if published is None or published.empty:
        return pd.DataFrame(columns=["id", "year", "flow", "partner", "metric", "value", "label", "source",
                                     "source_url", "note", "comparable_with", "partner_name"])
    metric = "share_pct" if view.measure == "share" else "value_usd_bn"
    lo, hi = view.years
    keep = (published["flow"] == view.flow) & (published["metric"] == metric) & \
        published["partner"].isin(shown) & (published["year"] >= lo) & (published["year"] <= hi)
    out = published[keep].reset_index(drop=True)
    return out.assign(partner_name=[(names or {}).get(p, p) for p in out["partner"]])
