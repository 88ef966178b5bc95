"""Benchmark, in one run, interleaved: the six-view deck (four native charts, two pictures) against the six-picture
deck, and the same native deck on an uploaded 5 MB template (the upload's check included in the time)."""

from __future__ import annotations

import io
import statistics
import sys
import time

from pptx import Presentation

from pivotdash import briefing
from pivotdash.export import deck, template
from pivotdash.export.images import Images
from pivotdash.filters import Filters
from pivotdash.state import Item
from pivotdash.views.loaded import Loaded
from tests import template_fixtures

VIEWS = ("trade", "history", "claim_check", "compare", "timeline", "map")
RUNS = 5
MODES = ("pictures", "native", "native on a 5 MB template")


def _build(mode: str, views: list, upload: bytes) -> bytes:
    # A fresh image batch each time: the pictures are drawn in the measured time.
    images = Images(views)
    if mode == "pictures":
        return deck.build_deck(views, "Benchmark", images=images, native=False)
    # The upload's time: the template is checked (and a .potx retyped) from its bytes, then the deck built on it.
    own = template.read(upload, "brand.pptx") if "template" in mode else None
    return deck.build_deck(views, "Benchmark", images=images, template=own)


def _table(title: str, views: list, modes: tuple[str, ...], runs: int, upload: bytes) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {m: [] for m in modes}
    sizes: dict[str, int] = {}
    for _ in range(runs):
        for mode in modes:  # interleaved: a load spike hits every mode alike
            start = time.perf_counter()
            data = _build(mode, views, upload)
            timings[mode].append(time.perf_counter() - start)
            sizes[mode] = len(data)
            prs = Presentation(io.BytesIO(data))
            charts = sum(1 for s in prs.slides for sh in s.shapes if sh.has_chart)
            print(f"{title} / {mode}: {timings[mode][-1]:.2f} s, {len(data) / 1e6:.2f} MB, {charts} native charts",
                  file=sys.stderr)
    print(f"\n{title} ({runs} runs each)\n")
    print("| deck | median (s) | fastest (s) | slowest (s) | file (MB) |\n|---|--:|--:|--:|--:|")
    for mode, ts in timings.items():
        print(f"| {mode} | {statistics.median(ts):.2f} | {min(ts):.2f} | {max(ts):.2f} | {sizes[mode] / 1e6:.2f} |")
    if MODES[2] in modes:
        # The template's cost, run by run: each template deck against the native deck built just before it.
        extra = [t - n for t, n in zip(timings[MODES[2]], timings[MODES[1]], strict=True)]
        print(f"| template's extra time, paired | {statistics.median(extra):.2f} | {min(extra):.2f} | "
              f"{max(extra):.2f} | |")
    return timings


def main() -> int:
    built = briefing.build([Item(briefing.standard_link(c, Filters())) for c in VIEWS], Loaded())
    upload = template_fixtures.heavy()
    print(f"template: {len(upload):,} bytes", file=sys.stderr)
    start = time.perf_counter()
    template.read(upload, "brand.pptx")
    print(f"template check alone: {time.perf_counter() - start:.2f} s", file=sys.stderr)
    deck.build_deck(built.views[-1:], "Warm-up", images=Images(built.views[-1:]))  # start the shared browser
    _table("Six views: four native charts and two pictures", list(built.views), MODES, RUNS, upload)
    # The same comparison without the browser's share (the four native charts only), where the template's
    # own cost is not lost in the pictures' drawing time.
    _table("Four native charts, no pictures", list(built.views[:4]), MODES[1:], 2 * RUNS, upload)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
