"""Benchmark: a six-view deck (four native charts, two pictures) against the six-picture deck, in one run."""

from __future__ import annotations

import io
import statistics
import sys
import time

from pptx import Presentation

from pivotdash import briefing
from pivotdash.export import deck
from pivotdash.export.images import Images
from pivotdash.filters import Filters
from pivotdash.state import Item
from pivotdash.views.loaded import Loaded

VIEWS = ("trade", "history", "claim_check", "compare", "timeline", "map")
RUNS = 3


def main() -> int:
    built = briefing.build([Item(briefing.standard_link(c, Filters())) for c in VIEWS], Loaded())
    timings: dict[str, list[float]] = {"native": [], "pictures": []}
    sizes: dict[str, int] = {}
    deck.build_deck(built.views[-1:], "Warm-up", images=Images(built.views[-1:]))  # start the shared browser
    for _ in range(RUNS):
        for mode in ("pictures", "native"):
            start = time.perf_counter()
            # A fresh image batch each time: the pictures are drawn in the measured time.
            data = deck.build_deck(built.views, "Benchmark", images=Images(built.views), native=mode == "native")
            timings[mode].append(time.perf_counter() - start)
            sizes[mode] = len(data)
            prs = Presentation(io.BytesIO(data))
            charts = sum(1 for s in prs.slides for sh in s.shapes if sh.has_chart)
            print(f"{mode}: {timings[mode][-1]:.2f} s, {len(data) / 1e6:.2f} MB, {charts} native charts",
                  file=sys.stderr)
    for mode, ts in timings.items():
        print(f"| {mode} | {statistics.median(ts):.2f} | {min(ts):.2f} | {max(ts):.2f} | {sizes[mode] / 1e6:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
