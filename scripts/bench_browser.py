"""Benchmark pivotdash in a real browser against a one-chart hello page served the same way, in the same run.

    python scripts/bench_browser.py [--runs 5] [--page timeline] [--write docs/benchmarks/pages.md]
    python scripts/bench_browser.py --map [--runs 7] [--write docs/benchmarks/pages.md]

Two servers on 127.0.0.1 (free ports): pivotdash (app.py) and a hello app in a temp dir (one plotly chart
and the same sidebar "Era" multiselect). Debian's Chromium through Playwright, a fresh browser context per
run (no HTTP cache, new session). Measured, median of --runs:
  - cold start: goto → the first chart's markers are drawn;
  - filter change: click on an Era option → the chart shows the new data and the app is idle.
The very first load of each server (empty caches) is reported on its own. Goal: within 2x the hello page.

With --map: the Map's cold start (goto -> the deck.gl canvas drawn, then drawn with its basemap) against the
hello page's (goto -> its chart drawn) and the naive Map's (scripts/naive), the three interleaved, each run in a
fresh context. "Drawn" is judged on screenshots of the element, the same way for all three: at least 40
colours; "with its basemap": also no colour covering more than 85% of the canvas (land and sea both drawn).
Goal: at most 1.5x the hello page.
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

NAIVE = ROOT / "scripts" / "naive"
HELLO_APP = (NAIVE / "hello.py").read_text(encoding="utf-8")
START, END = "<!-- bench_browser:start -->", "<!-- bench_browser:end -->"
MAP_START, MAP_END = "<!-- bench_browser_map:start -->", "<!-- bench_browser_map:end -->"
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


def colours(locator) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    """How many colours an element shows, and the share of its pixels the commonest one covers."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(locator.screenshot(timeout=5_000))) as im:
        rgb = im.convert("RGB")
        found = rgb.getcolors(maxcolors=1 << 20) or []
        pixels = rgb.width * rgb.height
    return len(found), max((n for n, _ in found), default=pixels) / max(1, pixels)


def cold_drawn(browser, url: str, selector: str, full: bool, timeout_s: float = 90) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Seconds from goto until the element is drawn (40+ colours) and, if `full`, until no colour covers
    more than 85% of it (for a map: land and sea drawn); (drawn, drawn) when not `full`."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:",
                                                                                    "blob:", "about:")) else None)
    pg = context.new_page()
    drawn = float("nan")
    try:
        t0 = time.perf_counter()
        pg.goto(url)
        target = pg.locator(selector).first
        target.wait_for(state="visible", timeout=timeout_s * 1000)
        while time.perf_counter() - t0 < timeout_s:
            try:
                n, commonest = colours(target)
            except PlaywrightTimeout:  # the element was replaced by a rerun (the URL synced): look again
                continue
            if n >= 40 and drawn != drawn:  # first frame with something on it (nan != nan)
                drawn = time.perf_counter() - t0
            if n >= 40 and (not full or commonest <= 0.85):
                return drawn, time.perf_counter() - t0
        raise TimeoutError(f"{url}: {selector} not drawn in {timeout_s} s")
    finally:
        context.close()
        if outside:
            raise RuntimeError(f"requests left 127.0.0.1: {outside[:3]}")


MAP_TARGETS = (  # name, server, page path, element, judged with its basemap
    ("hello", "hello", "/", '[data-testid="stMain"] [data-testid="stPlotlyChart"]', False),
    ("naive map", "naive", "/map", '[data-testid="stDeckGlJsonChart"] canvas', True),
    ("pivotdash map", "pivotdash", "/map", '[data-testid="stDeckGlJsonChart"] canvas', True),
)


def bench_map(runs: int) -> dict[str, list[tuple[float, float]]]:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="pivotdash-bench-map-"))
    (tmp / "hello.py").write_text(HELLO_APP, encoding="utf-8")
    servers = {"hello": Served(tmp / "hello.py", tmp, tmp / "hello.log"),
               "naive": Served(NAIVE / "app.py", NAIVE, tmp / "naive.log"),
               "pivotdash": Served(ROOT / "app.py", ROOT, tmp / "pivotdash.log")}
    results: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in MAP_TARGETS}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            # Each server's first runs (cold caches; pivotdash at / first: see `bench`), not counted.
            cold_drawn(browser, servers["pivotdash"].url + "/", MAP_TARGETS[0][3], False)  # the Overview's chart
            for _name, srv, path, selector, full in MAP_TARGETS:
                cold_drawn(browser, servers[srv].url + path, selector, full)
            for i in range(runs):
                order = list(MAP_TARGETS) if i % 2 == 0 else list(reversed(MAP_TARGETS))
                for name, srv, path, selector, full in order:
                    results[name].append(cold_drawn(browser, servers[srv].url + path, selector, full))
                print(f"run {i + 1}/{runs}", file=sys.stderr)
            browser.close()
    finally:
        for srv in servers.values():
            srv.stop()
    return results


def map_report(results: dict[str, list[tuple[float, float]]], runs: int, load_start: tuple[float, ...]) -> str:
    med = statistics.median
    hello = med(d for d, _ in results["hello"])
    rows = []
    for name, *_ in MAP_TARGETS:
        drawn = [d for d, _ in results[name]]
        full = [f for _, f in results[name]]
        rows.append(f"| {name} | {med(drawn) * 1000:.0f} ({min(drawn) * 1000:.0f}–{max(drawn) * 1000:.0f}) | "
                    f"{med(drawn) / hello:.2f} | {med(full) * 1000:.0f} ({min(full) * 1000:.0f}–"
                    f"{max(full) * 1000:.0f}) | {med(full) / hello:.2f} |")
    ratio = med(f for _, f in results["pivotdash map"]) / hello
    load = os.getloadavg()
    return "\n".join([
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} UTC by `python scripts/bench_browser.py --map --runs {runs}`: "
        "Debian Chromium (headless, software GL, the flags of tests/e2e/conftest.py) through Playwright, a fresh "
        "browser context per run (empty HTTP cache: the basemap files are fetched every time), three servers on "
        "127.0.0.1 (Streamlit defaults for the hello and naive apps, .streamlit/config.toml for pivotdash), "
        "interleaved (the order reversed every other run).",
        "",
        "| page | cold start → canvas drawn, ms median (range) | ÷ hello | → drawn with its basemap, ms median "
        "(range) | ÷ hello |",
        "|---|---:|---:|---:|---:|",
        *rows,
        "",
        f"Goal (the Map's cold start to its drawn map ≤ 1.5× the hello page's to its drawn chart): "
        f"**{'met' if ratio <= 1.5 else 'missed'}** at {ratio:.2f}×.",
        "",
        f"Load average (1 / 5 / 15 min) at the start {load_start[0]:.1f} / {load_start[1]:.1f} / "
        f"{load_start[2]:.1f}, at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}: the machine's "
        f"{os.cpu_count()} CPUs were shared with other work during the run.",
    ])


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
    parser.add_argument("--map", action="store_true", help="the Map's cold start against the hello page")
    args = parser.parse_args()
    if args.map:
        load_start = os.getloadavg()
        text = map_report(bench_map(args.runs), args.runs, load_start)
        print(text)
        if args.write:
            bench_report.write_section(args.write, text, MAP_START, MAP_END, "Benchmarks: pages")
        return 0
    results = bench(args.runs, args.page)
    text = report(results, args.runs, args.page)
    print(text)
    if args.write:
        write_section(args.write, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
