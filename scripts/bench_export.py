"""Benchmark the exports: PNG cold and warm, SVG, PDF, a six-view deck, the zip, eight parallel PNGs.

Each number also appears as a ratio against baselines measured in the same run on the same figure:
`fig.to_json()` (serialising the figure, the floor of any export) and plotly's own one-shot
`fig.to_image()` (a fresh browser per image, what the app would cost without the shared one).

Usage: python scripts/bench_export.py [--out docs/benchmarks/export.md] [--repeat 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from pivotdash import paths  # noqa: E402
from pivotdash.errors import DataError  # noqa: E402
from pivotdash.export import (  # noqa: E402
    browser,
    formats,
    images,
)
from pivotdash.export.deck import build_deck  # noqa: E402
from pivotdash.filters import Filters  # noqa: E402
from pivotdash.state import TimelineState  # noqa: E402
from pivotdash.views import View, build  # noqa: E402
from pivotdash.views.loaded import Loaded  # noqa: E402

FILTER_SETS = [
    Filters(),
    Filters(eras=("imperial",)),
    Filters(eras=("soviet",)),
    Filters(eras=("federation",)),
    Filters(drivers=("clash_with_west",)),
    Filters(drivers=("economic_promise", "security"), years=(1850, 2020)),
]


def _dataset() -> tuple[Loaded, str]:
    data = Loaded(paths.data_dir())
    try:
        ds = data.dataset()
        return data, f"the repository's data ({len(ds.events)} events, {len(ds.episodes)} episodes)"
    except DataError:
        from tests.export_fixtures import write_data

        data = Loaded(write_data(Path(tempfile.mkdtemp(prefix="pivotdash-bench-"))))
        return data, f"the test fixture ({len(data.dataset().events)} events; data/ was not loadable)"


def _views(data: Loaded) -> list[View]:
    out: list[View] = []
    for f in FILTER_SETS:
        view = build("timeline", TimelineState(f), data)
        if view is not None:
            out.append(replace(view, id=f"timeline-{len(out)}"))
    return out


def _time(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def _machine() -> list[str]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next((int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
                   if ln.startswith("MemTotal")), 0)
    os_name = next((ln.split("=", 1)[1].strip('"') for ln in Path("/etc/os-release").read_text().splitlines()
                    if ln.startswith("PRETTY_NAME")), platform.platform())
    chrome_path = browser.browser_path()
    try:
        chrome = subprocess.run([str(chrome_path), "--version"], capture_output=True, text=True,
                                timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chrome = "unknown"
    from importlib.metadata import version

    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; RAM {mem_kb / 1024 / 1024:.1f} GiB",
        f"- OS: {os_name}; Python {platform.python_version()}",
        f"- Browser: {chrome} at {chrome_path}",
        f"- plotly {version('plotly')}, kaleido {version('kaleido')}, python-pptx {version('python-pptx')}, "
        f"fpdf2 {version('fpdf2')}",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" / "export.md")
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args(argv)
    if not browser.available():
        print(browser.unavailable_reason(), file=sys.stderr)
        return 3
    load_before = os.getloadavg()
    ds, data_note = _dataset()
    views = _views(ds)
    fig = views[0].figure
    n = args.repeat

    to_json = statistics.median(_time(fig.to_json, max(n, 20)))
    browser.shutdown()
    cold = _time(lambda: images.to_png(fig), 1)[0]
    rows: list[tuple[str, float, str]] = [("PNG 2× (1280×720 → 2560×1440), cold: starts Chromium", cold, "")]
    png = statistics.median(_time(lambda: images.to_png(fig), n))
    rows.append((f"PNG 2×, warm (median of {n})", png, "goal ≤ 0.4 s"))
    rows.append((f"PNG 3×, warm (median of {n})", statistics.median(_time(lambda: images.to_png(fig, scale=3), n)), ""))
    rows.append((f"SVG, warm (median of {n})", statistics.median(_time(lambda: images.to_svg(fig), n)), ""))
    rows.append((f"PDF (one chart), warm (median of {n})", statistics.median(_time(lambda: images.to_pdf(fig), n)), ""))
    deck = statistics.median(_time(lambda: build_deck(views, "Benchmark"), 3))
    rows.append(("PPTX deck of six views (6 PNGs + deck), median of 3", deck, "goal ≤ 3 s"))
    def zipped() -> bytes:
        return formats.BY_KEY["zip"].build(formats.Request(tuple(views), "Benchmark"))

    rows.append(("Zip of six views (6 PNG + 6 SVG + 6 CSV + README), median of 3",
                 statistics.median(_time(zipped, 3)), ""))

    def parallel() -> None:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda i: images.to_png(views[i % len(views)].figure), range(8)))

    rows.append(("Eight PNG exports from eight threads at once (wall time)",
                 statistics.median(_time(parallel, 3)), "serialised by the lock"))
    oneshot = statistics.median(_time(lambda: fig.to_image(format="png", width=1280, height=720, scale=2), 2))

    load_after = os.getloadavg()
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Export benchmarks",
        "",
        f"Measured {today} with `python scripts/bench_export.py` on {data_note}; the figure is the timeline "
        "(all eras, all drivers) finished for a 16:9 slide.",
        "",
        "## Machine",
        "",
        *_machine(),
        f"- Load average (1 min) before / after the run: {load_before[0]:.2f} / {load_after[0]:.2f} "
        "(other work on the machine slows every row alike; the ratios hold better than the seconds)",
        "",
        "## Results",
        "",
        "Baselines, same run, same figure: `fig.to_json()` "
        f"= {to_json * 1000:.1f} ms; plotly's one-shot `fig.to_image()` (new browser per image) = {oneshot:.2f} s.",
        "",
        "| export | seconds | × to_json | × one-shot to_image | note |",
        "|---|---:|---:|---:|---|",
    ]
    for name, secs, note in rows:
        lines.append(f"| {name} | {secs:.3f} | {secs / to_json:.0f}× | {secs / oneshot:.2f} | {note} |")
    lines += [
        "",
        "The shared Chromium is started once per process (the cold row) and reused by every session. A lock "
        "lets one export call in at a time, so parallel single exports queue; a deck's or a zip's charts go in "
        "as one batch that the browser's two tabs draw side by side.",
        "",
    ]
    text = "\n".join(lines)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
