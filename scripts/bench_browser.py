"""Benchmark pivotdash in a real browser against a one-chart hello page served the same way, in the same run.

    python scripts/bench_browser.py [--runs 5] [--page timeline] [--write docs/benchmarks/pages.md]

Two servers on 127.0.0.1 (free ports): pivotdash (app.py) and a hello app in a temp dir (one plotly chart
and the same sidebar "Era" multiselect). Debian's Chromium through Playwright, a fresh browser context per
run (no HTTP cache, new session). Measured, median of --runs:
  - cold start: goto → the first chart's markers are drawn;
  - filter change: click on an Era option → the chart shows the new data and the app is idle.
The very first load of each server (empty caches) is reported on its own. Goal: within 2x the hello page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import bench_report  # noqa: E402  (scripts/ is on sys.path when a script runs)
from serving import CHROMIUM, CHROMIUM_ARGS, Served, free_port  # noqa: E402, F401  (re-exported)

HELLO_APP = '''import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="hello", layout="wide")
ERAS = {"imperial": "Imperial Russia", "soviet": "Soviet Union", "federation": "Russian Federation"}
BOUNDS = {"imperial": (1790, 1916), "soviet": (1917, 1991), "federation": (1992, 2026)}
eras = st.sidebar.multiselect("Era", list(ERAS), format_func=ERAS.__getitem__, key="era")
st.title("Hello chart")
years = [y for y in range(1790, 2027) if not eras or any(BOUNDS[e][0] <= y <= BOUNDS[e][1] for e in eras)]
st.caption(f"{len(years)} points")
st.plotly_chart(go.Figure(go.Scatter(x=years, y=[y % 7 for y in years], mode="markers")), key="hello")
'''
START, END = "<!-- bench_browser:start -->", "<!-- bench_browser:end -->"
OPTIONS = ("Soviet Union", "Imperial Russia", "Russian Federation")

# The chart's state: markers drawn and nothing stale or running. None while not ready.
SIGNATURE = """() => {
  if (document.querySelector('[data-stale="true"]')) return null;
  const running = Array.from(document.querySelectorAll('header button, [data-testid="stToolbar"] button'))
    .some(b => b.innerText.trim() === 'Stop');
  if (running) return null;
  const chart = document.querySelector('[data-testid="stMain"] [data-testid="stPlotlyChart"]');
  if (!chart) return null;
  const n = chart.querySelectorAll('.scatterlayer .point, .barlayer .point').length;
  return n ? String(n) : null;
}"""


def wait_signature(pg, previous: str | None = None, timeout_s: float = 60) -> str:  # type: ignore[no-untyped-def]
    """Poll (every 20 ms) until the chart is drawn, idle and, if `previous` is given, different from it."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        sig = pg.evaluate(SIGNATURE)
        if sig is not None and sig != previous:
            return str(sig)
        pg.wait_for_timeout(20)
    raise TimeoutError("chart did not update")


def pick_era(pg, option: str) -> None:  # type: ignore[no-untyped-def]
    widget = pg.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=pg.get_by_text("Era", exact=True)).first
    widget.locator('input, [role="combobox"]').first.click()
    pg.get_by_role("option", name=option, exact=True).first.click()


def one_run(browser, url: str, option: str | None) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Cold start and (if `option`) the filter change, in seconds, in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:",
                                                                                    "blob:", "about:")) else None)
    pg = context.new_page()
    try:
        t0 = time.perf_counter()
        pg.goto(url)
        sig = wait_signature(pg)
        cold = time.perf_counter() - t0
        if option is None:
            return cold, float("nan")
        pg.wait_for_timeout(500)  # let late reruns (URL sync) settle before the interaction
        sig = wait_signature(pg)
        t1 = time.perf_counter()
        pick_era(pg, option)
        wait_signature(pg, previous=sig)
        change = time.perf_counter() - t1
    finally:
        context.close()
    if outside:
        raise RuntimeError(f"requests left 127.0.0.1: {outside[:3]}")
    return cold, change


def bench(runs: int, page: str) -> dict[str, dict[str, list[float]]]:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="pivotdash-bench-browser-"))
    (tmp / "hello.py").write_text(HELLO_APP, encoding="utf-8")
    servers = {"hello": Served(tmp / "hello.py", tmp, tmp / "hello.log"),
               "pivotdash": Served(ROOT / "app.py", ROOT, tmp / "pivotdash.log")}
    urls = {"hello": servers["hello"].url + "/", "pivotdash": f"{servers['pivotdash'].url}/{page}"}
    results: dict[str, dict[str, list[float]]] = {k: {"cold": [], "change": []} for k in servers}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            # First load of each server: empty caches (and, for pivotdash, app.py's first st.navigation).
            first: dict[str, tuple[float, float]] = {}
            # pivotdash at / : on a fresh server a deep link would run the page without app.py (a known bug).
            first["hello"] = one_run(browser, urls["hello"], None)
            first["pivotdash"] = one_run(browser, servers["pivotdash"].url + "/", None)
            for i in range(runs):  # interleaved, so a busy machine slows both alike
                for name in ("hello", "pivotdash"):
                    cold, change = one_run(browser, urls[name], OPTIONS[i % len(OPTIONS)])
                    results[name]["cold"].append(cold)
                    results[name]["change"].append(change)
                print(f"run {i + 1}/{runs}", file=sys.stderr)
            browser.close()
    finally:
        for srv in servers.values():
            srv.stop()
    results["hello"]["first"] = list(first["hello"])
    results["pivotdash"]["first"] = list(first["pivotdash"])
    return results


def report(results: dict[str, dict[str, list[float]]], runs: int, page: str) -> str:
    h, p = results["hello"], results["pivotdash"]
    med = statistics.median
    rows = []
    for key, label in (("cold", "cold start → first chart drawn"), ("change", "filter change → chart updated")):
        ratio = med(p[key]) / med(h[key])
        rows.append(f"| {label} | {med(h[key]) * 1000:.0f} | {med(p[key]) * 1000:.0f} | {ratio:.1f} | "
                    f"{'met' if ratio <= 2 else 'missed'} | {min(p[key]) * 1000:.0f}–{max(p[key]) * 1000:.0f} |")
    load = os.getloadavg()
    return "\n".join([
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} by `python scripts/bench_browser.py --runs {runs} "
        f"--page {page}`: Debian Chromium (headless, software GL) through Playwright, a fresh browser context "
        "per run, both servers on 127.0.0.1 in the same run, interleaved.",
        "",
        f"| measure (pivotdash page: {page}) | hello page ms, median | pivotdash ms, median | ratio | goal ≤ 2× "
        "| pivotdash min–max ms |",
        "|---|---:|---:|---:|---|---:|",
        *rows,
        "",
        f"First load after server start (empty caches; pivotdash opened at /, the Overview): hello "
        f"{h['first'][0] * 1000:.0f} ms, pivotdash {p['first'][0] * 1000:.0f} ms.",
        "",
        f"Machine: {os.cpu_count()} CPUs; load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}.",
    ])


def write_section(path: Path, body: str) -> None:
    bench_report.write_section(path, body, START, END, "Benchmarks: pages")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="timeline", help="pivotdash page whose first chart is measured")
    parser.add_argument("--write", type=Path, help="update this markdown file's bench_browser section")
    args = parser.parse_args()
    results = bench(args.runs, args.page)
    text = report(results, args.runs, args.page)
    print(text)
    if args.write:
        write_section(args.write, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
