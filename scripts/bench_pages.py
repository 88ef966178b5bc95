"""Benchmark each page's script run (AppTest) against an empty Streamlit page, and the 10,000-event scale path.

    python scripts/bench_pages.py [--runs 7] [--events 10000] [--write docs/benchmarks/pages.md]

Pages: for every page, the run that first draws it (switch_page from the home page) and the rerun after a
shared filter changes (sidebar era), each as a ratio to an empty page (a title and one multiselect, in a
temp dir) run the same way in the same process. Runs are interleaved (empty, page, empty, page …) so a
busy machine slows both alike; medians over --runs, wall and CPU time. The first, cold run (empty caches)
is reported on its own. Goal: a page's rerun within 3x the empty page's.

Scale: a SYNTHETIC dataset (pivotdash.synthetic; not history) of --events events through load_dataset,
event_frame, filter_events and timeline_figure. Goal: 0.3 s or less; past it, the cProfile hot spots.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bench_report  # scripts/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

PAGES = ("overview", "timeline", "episodes", "trade", "map", "briefing", "sources")
EMPTY_APP = """import streamlit as st

st.title("Empty page")
st.sidebar.multiselect("Era", ["imperial", "soviet", "federation"], key="era")
"""
ERAS = (["soviet"], ["federation"], ["imperial", "soviet"], [])
START, END = "<!-- bench_pages:start -->", "<!-- bench_pages:end -->"


def navigation_mode() -> None:
    """As tests/app/conftest.py: keep Streamlit's legacy pages/ mode off, as st.navigation does in the server."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        PagesManager.uses_pages_directory = False
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    PagesManager.__init__ = init  # type: ignore[method-assign]


class Clock:
    """Wall and CPU (whole process: AppTest runs the script in a thread) time of one call."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def time(self, fn: Callable[[], object]) -> object:
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        self.wall.append(time.perf_counter() - w)
        self.cpu.append(time.process_time() - c)
        return out

    def median(self, skip_first: bool = True) -> tuple[float, float]:
        wall = self.wall[1:] if skip_first and len(self.wall) > 1 else self.wall
        cpu = self.cpu[1:] if skip_first and len(self.cpu) > 1 else self.cpu
        return statistics.median(wall), statistics.median(cpu)


def _check(at: object, what: str) -> None:
    exc = getattr(at, "exception", None)
    if exc:
        raise RuntimeError(f"{what}: {[e.value for e in exc][:1]}")


def bench_pages(runs: int) -> tuple[dict[str, dict[str, Clock]], list[str]]:
    from streamlit.testing.v1 import AppTest

    navigation_mode()
    tmp = Path(tempfile.mkdtemp(prefix="pivotdash-bench-"))
    empty = tmp / "empty_app.py"
    empty.write_text(EMPTY_APP, encoding="utf-8")
    clocks: dict[str, dict[str, Clock]] = {name: {"first": Clock(), "rerun": Clock()} for name in ("empty", *PAGES)}
    problems: list[str] = []
    broken: set[str] = set()
    for i in range(runs + 1):  # +1: the first, cold round is reported on its own
        era = ERAS[i % len(ERAS)]
        at = AppTest.from_file(str(empty), default_timeout=120)
        clocks["empty"]["first"].time(at.run)
        at.sidebar.multiselect(key="era").set_value(era)
        clocks["empty"]["rerun"].time(at.run)
        for page in PAGES:
            if page in broken:
                continue
            try:
                at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
                if page != "overview":
                    at.switch_page(f"pages/{page}.py")  # before the first run: same steps as the empty page
                clocks[page]["first"].time(at.run)
                _check(at, page)
                at.sidebar.multiselect(key="era").set_value(era)
                clocks[page]["rerun"].time(at.run)
                _check(at, page)
            except Exception as exc:
                problems.append(f"{page}: {type(exc).__name__}: {str(exc)[:200]}")
                broken.add(page)
        print(f"round {i + 1}/{runs + 1} done", file=sys.stderr)
    return clocks, problems


def page_table(clocks: dict[str, dict[str, Clock]]) -> list[str]:
    e_first, _ = clocks["empty"]["first"].median()
    e_rerun, e_rerun_cpu = clocks["empty"]["rerun"].median()
    lines = [
        "| page | first run ms, cold | first run ms | ÷ empty first run | rerun after filter ms | ÷ empty rerun "
        "| ÷ empty first run | rerun CPU ms | rerun ≤ 3× empty rerun | rerun ≤ 3× empty first run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
        f"| *empty page* | {clocks['empty']['first'].wall[0] * 1000:.0f} | {e_first * 1000:.0f} | 1.0 | "
        f"{e_rerun * 1000:.0f} | 1.0 | {e_rerun / e_first:.2f} | {e_rerun_cpu * 1000:.0f} | | |",
    ]
    for page in PAGES:
        c = clocks[page]
        if len(c["rerun"].wall) < 2:
            lines.append(f"| {page} | – | – | – | – | – | – | – | not measured (see notes) | |")
            continue
        first, _ = c["first"].median()
        rerun, rerun_cpu = c["rerun"].median()
        lines.append(
            f"| {page} | {c['first'].wall[0] * 1000:.0f} | {first * 1000:.0f} | {first / e_first:.1f} | "
            f"{rerun * 1000:.0f} | {rerun / e_rerun:.0f} | {rerun / e_first:.1f} | {rerun_cpu * 1000:.0f} | "
            f"{'met' if rerun <= 3 * e_rerun else 'missed'} | {'met' if rerun <= 3 * e_first else 'missed'} |"
        )
    return lines


def bench_scale(n_events: int, runs: int) -> tuple[list[str], str]:
    from pivotdash.figures.finish import Chrome
    from pivotdash.figures.timeline import timeline_figure
    from pivotdash.filters import Filters, describe, event_frame, filter_events, view_years
    from pivotdash.loading import load_dataset
    from pivotdash.paper import load_paper
    from pivotdash.synthetic import write_dataset

    paras = load_paper().paragraph_ids
    folder = write_dataset(Path(tempfile.mkdtemp(prefix="pivotdash-synthetic-")), n_events)
    narrow = Filters(eras=("soviet", "federation"), drivers=("security", "ideology"))

    def pipeline(f: Filters) -> dict[str, float]:
        out: dict[str, float] = {}
        t = time.perf_counter()
        data = load_dataset(folder, paras)
        out["load + validate"] = time.perf_counter() - t
        t = time.perf_counter()
        frame = event_frame(data.events, data.episodes)
        out["event_frame"] = time.perf_counter() - t
        t = time.perf_counter()
        shown = filter_events(frame, f)
        out["filter_events"] = time.perf_counter() - t
        t = time.perf_counter()
        timeline_figure(shown, data.episodes, years=view_years(f), chrome=Chrome("t", describe(f), "s"))
        out["timeline_figure"] = time.perf_counter() - t
        out["rows shown"] = len(shown)
        return out

    lines = [f"Synthetic dataset: {n_events:,} events (pivotdash.synthetic, seed 2019), medians of {runs} runs "
             "after one warm-up.", "",
             "| step | all events, ms | filtered (Soviet + Federation, Security or Ideology), ms |",
             "|---|---:|---:|"]
    results = {}
    for label, f in (("all", Filters()), ("narrow", narrow)):
        pipeline(f)
        samples = [pipeline(f) for _ in range(runs)]
        results[label] = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
    steps = ["load + validate", "event_frame", "filter_events", "timeline_figure"]
    for step in steps:
        lines.append(f"| {step} | {results['all'][step] * 1000:.0f} | {results['narrow'][step] * 1000:.0f} |")
    totals = {k: sum(results[k][s] for s in steps) for k in results}
    lines.append(f"| **total** | **{totals['all'] * 1000:.0f}** | **{totals['narrow'] * 1000:.0f}** |")
    lines.append(f"| events drawn | {int(results['all']['rows shown']):,} | {int(results['narrow']['rows shown']):,} |")
    goal = "met" if max(totals.values()) <= 0.3 else "MISSED"
    lines += ["", f"Goal 0.3 s: **{goal}** (worst total {max(totals.values()):.2f} s)."]
    profiler = cProfile.Profile()
    profiler.enable()
    pipeline(Filters())
    profiler.disable()
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).strip_dirs().sort_stats("cumulative").print_stats(25)
    return lines, buf.getvalue()


def machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    import pandas
    import plotly
    import streamlit

    return (f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"streamlit {streamlit.__version__}, pandas {pandas.__version__}, plotly {plotly.__version__}; "
            f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")


def write_section(path: Path, body: str) -> None:
    bench_report.write_section(path, body, START, END, "Benchmarks: pages")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--write", type=Path, help="update this markdown file's bench_pages section")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args()
    os.chdir(ROOT)
    out: list[str] = [f"Measured {time.strftime('%Y-%m-%d %H:%M')} by `python scripts/bench_pages.py "
                      f"--runs {args.runs} --events {args.events}`.", ""]
    if not args.skip_pages:
        clocks, problems = bench_pages(args.runs)
        out += ["### Script runs (AppTest), against an empty page", "", *page_table(clocks), ""]
        if problems:
            out += ["Not measured:", *[f"- {p}" for p in problems], ""]
    if not args.skip_scale:
        lines, profile = bench_scale(args.events, max(3, args.runs // 2))
        out += [f"### Scale: {args.events:,} synthetic events", "", *lines, ""]
        out += ["<details><summary>cProfile, all events, top 25 by cumulative time</summary>", "", "```",
                profile.strip(), "```", "</details>", ""]
    out += [f"Machine: {machine()}."]
    text = "\n".join(out)
    print(text)
    if args.write:
        write_section(args.write, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
