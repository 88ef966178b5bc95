"""Load test on 127.0.0.1: many concurrent sessions changing filters; errors, rerun latency, server memory.

    python scripts/load_test.py [--ws 1,10,50] [--browser 1,5,10] [--changes 8] [--page timeline]
                                [--deadline 180] [--write docs/benchmarks/load.md]

One pivotdash server (streamlit run app.py) on a free loopback port, then for each level:
  ws       N sessions speaking Streamlit's own websocket protocol (what the browser sends: a rerun with
           the widget states), all at once; each opens the page, then changes the sidebar Era filter
           --changes times. Latency: rerun request sent → script_finished. An error is an exception
           element, an st.error, a missing chart, a failed run, a dropped connection or a timeout.
  browser  N headless Chromium contexts in one browser, all at once; each opens the page and changes
           the Era filter --changes times. Latency: option clicked → chart redrawn with the new data and
           the app idle. An error is an exception element, a page error, a timeout or a request that
           left 127.0.0.1.
Server memory: VmRSS of the server process from /proc (before the level, peak during, after).
Every level is bounded by --changes and by --deadline seconds; the server is stopped by its PID.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "src"), str(ROOT)]

import bench_report  # noqa: E402  (scripts/ is on sys.path when a script runs)
from bench_browser import CHROMIUM, CHROMIUM_ARGS, SIGNATURE, Served  # noqa: E402
from wsclient import cpu_s, rss_mb  # noqa: E402

ERA_LABELS = ("Soviet Union", "Imperial Russia", "Russian Federation")
PAGE_TITLES = {"timeline": "Timeline of Russia's turns East"}
START, END = "<!-- load_test:start -->", "<!-- load_test:end -->"


def think(text: str) -> tuple[float, float]:
    """'0.05-0.3' or '5' (a fixed pause, jittered ±20%) as a (low, high) range of seconds."""
    low, _, high = text.partition("-")
    return (float(low), float(high)) if high else (float(low) * 0.8, float(low) * 1.2)


class RssSampler(threading.Thread):
    """Peak resident memory of a process, sampled every 100 ms until stopped; one (seconds, MB) sample of
    the series every `every` seconds, to see whether memory levels off over a long run."""

    def __init__(self, pid: int, every: float = 10.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._stop_event = pid, 0.0, threading.Event()
        self.every, self.series = every, []  # type: list[tuple[float, float]]

    def run(self) -> None:
        started, next_sample = time.monotonic(), 0.0
        while not self._stop_event.is_set():
            try:
                now_mb = rss_mb(self.pid)
            except OSError:
                return
            self.peak = max(self.peak, now_mb)
            elapsed = time.monotonic() - started
            if elapsed >= next_sample:
                self.series.append((elapsed, now_mb))
                next_sample += self.every
            self._stop_event.wait(0.1)

    def stop(self) -> float:
        self._stop_event.set()
        self.join(timeout=2)
        return self.peak


@dataclass
class Level:
    mode: str
    sessions: int
    latencies: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)  # websocket bytes the server sent per filter change
    errors: list[str] = field(default_factory=list)
    opened: int = 0
    rss_before: float = 0.0
    rss_peak: float = 0.0
    rss_after: float = 0.0
    seconds: float = 0.0
    cpu: float = 0.0  # server CPU seconds used during the level
    rss_series: list[tuple[float, float]] = field(default_factory=list)  # (seconds into the level, MB)
    done_at: list[float] = field(default_factory=list)  # seconds into the level when each change finished
    started: float = 0.0  # time.monotonic() at the level's start
    probe: list[float] = field(default_factory=list)  # the empty app's rerun latencies during the level
    probe_at: list[float] = field(default_factory=list)  # seconds into the level when each finished


# --- websocket sessions -------------------------------------------------------------------------------


async def ws_session(port: int, page: str, changes: int, deadline: float, level: Level, seed: int,
                     think: tuple[float, float] = (0.05, 0.3)) -> None:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    rng = random.Random(seed)

    async def rerun(ws, era_id: str | None, eras: list[str]) -> tuple[float, str | None, list[str], int]:  # type: ignore[no-untyped-def]
        msg = BackMsg()
        msg.rerun_script.page_name = page
        if era_id is not None:
            states = WidgetStates()
            state = states.widgets.add()
            state.id = era_id
            state.string_array_value.data.extend(eras)
            msg.rerun_script.widget_states.CopyFrom(states)
        started = time.perf_counter()
        await ws.send(msg.SerializeToString())
        found_era, problems, charts, size = era_id, [], 0, 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("deadline")
            fm = ForwardMsg()
            raw = await asyncio.wait_for(ws.recv(), timeout=min(left, 60))
            size += len(raw)
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                etype = el.WhichOneof("type")
                if etype == "multiselect" and el.multiselect.label == "Era":
                    found_era = el.multiselect.id
                elif etype == "exception":
                    problems.append(f"exception: {el.exception.message[:120]}")
                elif etype == "alert" and el.alert.format == 1:  # Alert.ERROR
                    problems.append(f"st.error: {el.alert.body[:120]}")
                elif etype in ("plotly_chart", "deck_gl_json_chart"):
                    charts += 1
            elif kind == "script_finished":
                if fm.script_finished == 2:  # finished early for a rerun the server started itself
                    continue
                if fm.script_finished == 1:
                    problems.append("script failed to compile")
                if not charts:
                    problems.append("no chart drawn")
                return time.perf_counter() - started, found_era, problems, size

    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                      origin=f"http://127.0.0.1:{port}", max_size=None, open_timeout=60) as ws:
            _, era_id, problems, _ = await rerun(ws, None, [])
            level.opened += 1
            level.errors += problems
            if era_id is None:
                level.errors.append("no Era widget on the page")
                return
            for i in range(changes):
                if time.monotonic() > deadline:
                    break
                eras = [] if i % 2 else [ERA_LABELS[(i // 2 + seed) % 3]]
                latency, _, problems, size = await rerun(ws, era_id, eras)
                level.latencies.append(latency)
                level.done_at.append(time.monotonic() - level.started)
                level.sizes.append(size)
                level.errors += problems
                await asyncio.sleep(rng.uniform(*think))  # an analyst does not click in lockstep
    except Exception as exc:
        level.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")


async def ws_level(port: int, page: str, n: int, changes: int, deadline: float, level: Level,
                   think: tuple[float, float] = (0.05, 0.3)) -> None:
    # Sessions start spread over one think time, as analysts arrive, not in one burst.
    async def staggered(seed: int) -> None:
        await asyncio.sleep(random.Random(-seed).uniform(0, think[1]) if think[1] >= 1 else 0)
        await ws_session(port, page, changes, deadline, level, seed, think)

    await asyncio.gather(*(staggered(seed) for seed in range(n)))


# --- browser sessions -----------------------------------------------------------------------------------


async def browser_session(browser, url: str, changes: int, deadline: float, level: Level, seed: int) -> None:  # type: ignore[no-untyped-def]
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")) else None)
    pg = await context.new_page()
    pg.on("pageerror", lambda e: level.errors.append(f"page error: {str(e)[:120]}"))

    async def signature(previous: str | None) -> str:
        while time.monotonic() < deadline:
            sig = await pg.evaluate(SIGNATURE)
            if sig is not None and sig != previous:
                return str(sig)
            await asyncio.sleep(0.02)
        raise TimeoutError("deadline")

    try:
        await pg.goto(url, timeout=120_000)
        sig = await signature(None)
        level.opened += 1
        await asyncio.sleep(0.5)
        sig = await signature(None)
        era = pg.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
            has=pg.get_by_text("Era", exact=True)).first
        box = era.locator('input, [role="combobox"]').first
        for i in range(changes):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            await box.click()
            if i % 2 == 0:
                await pg.get_by_role("option", name=ERA_LABELS[(i // 2 + seed) % 3], exact=True).first.click()
            else:
                await pg.keyboard.press("Backspace")  # removes the chosen era: back to all eras
            sig = await signature(sig)
            level.latencies.append(time.perf_counter() - started)
            await pg.keyboard.press("Escape")
            if await pg.locator('[data-testid="stException"]').count():
                level.errors.append("exception element on the page")
            await asyncio.sleep(random.Random(seed * 100 + i).uniform(0.05, 0.3))
    except Exception as exc:
        level.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
    finally:
        await context.close()
    if outside:
        level.errors.append(f"requests left 127.0.0.1: {outside[:3]}")


async def browser_level(url: str, n: int, changes: int, deadline: float, level: Level) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            await asyncio.gather(*(browser_session(browser, url, changes, deadline, level, s) for s in range(n)))
        finally:
            await browser.close()


# --- running and reporting -----------------------------------------------------------------------------


async def probe_session(port: int, level: Level, done: asyncio.Event, pause: tuple[float, float]) -> None:
    """One session on the empty app (another process) changing its Era filter every think time while the
    level runs: the latency a trivial rerun sees on this machine at the same moments, the baseline."""
    from wsclient import Session

    async with Session(port) as session:
        await session.rerun()
        i = 0
        while not done.is_set():
            run = await session.rerun({"Era": [] if i % 2 else [ERA_LABELS[i // 2 % 3]]})
            level.probe.append(run.wall)
            level.probe_at.append(time.monotonic() - level.started)
            i += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), timeout=random.Random(i).uniform(*pause))


async def ws_level_probed(srv_port: int, probe_port: int | None, args: argparse.Namespace, n: int,
                          deadline: float, level: Level) -> None:
    done = asyncio.Event()
    probe = (asyncio.create_task(probe_session(probe_port, level, done, think(args.think)))
             if probe_port is not None else None)
    await ws_level(srv_port, args.page, n, args.changes, deadline, level, think(args.think))
    done.set()
    if probe is not None:
        await probe


def run_level(srv: Served, mode: str, n: int, args: argparse.Namespace, probe: Served | None = None) -> Level:
    level = Level(mode, n)
    time.sleep(2)  # let the previous level's sessions be cleaned up
    level.rss_before = rss_mb(srv.proc.pid)
    sampler = RssSampler(srv.proc.pid)
    sampler.start()
    started, cpu_before = time.monotonic(), cpu_s(srv.proc.pid)
    level.started = started
    deadline = started + args.deadline
    if mode == "ws":
        asyncio.run(ws_level_probed(srv.port, probe.port if probe else None, args, n, deadline, level))
    else:
        asyncio.run(browser_level(f"{srv.url}/{args.page}", n, args.changes, deadline, level))
    level.seconds = time.monotonic() - started
    level.cpu = cpu_s(srv.proc.pid) - cpu_before
    level.rss_peak = sampler.stop()
    level.rss_series = sampler.series
    time.sleep(1)
    level.rss_after = rss_mb(srv.proc.pid)
    print(f"{mode} x{n}: {len(level.latencies)} reruns, {len(level.errors)} errors, "
          f"peak RSS {level.rss_peak:.0f} MB, {level.seconds:.0f} s", file=sys.stderr)
    return level


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def over_time(lv: Level, window: float = 60.0) -> list[str]:
    """A long level minute by minute: the changes that finished in each window, their p50/p95, and the
    server's RSS at the window's end, to see whether latency and memory level off."""
    if lv.seconds < 2 * window:
        return []
    lines = [f"Over time, {lv.mode} ×{lv.sessions} ({lv.seconds / 60:.1f} min):", "",
             "| minute | changes finished | p50 ms | p95 ms | empty app p50 / p95 ms, same minute "
             "| RSS at the end MB | RSS max in the minute MB |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for k in range(int(lv.seconds // window) + 1):
        lo, hi = k * window, (k + 1) * window
        lat = [x for x, t in zip(lv.latencies, lv.done_at, strict=True) if lo <= t < hi]
        rss = [mb for t, mb in lv.rss_series if lo <= t < hi]
        probe = [x for x, t in zip(lv.probe, lv.probe_at, strict=True) if lo <= t < hi]
        if not lat and not rss:
            continue
        lines.append(f"| {k + 1} | {len(lat)} | {pct(lat, 0.5) * 1000:.0f} | {pct(lat, 0.95) * 1000:.0f} | "
                     f"{pct(probe, 0.5) * 1000:.0f} / {pct(probe, 0.95) * 1000:.0f} | "
                     f"{rss[-1] if rss else float('nan'):.0f} | {max(rss, default=float('nan')):.0f} |")
    return [*lines, ""]


def report(levels: list[Level], args: argparse.Namespace, idle_rss: float,
           load_start: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> str:
    load = os.getloadavg()
    rows = []
    for lv in levels:
        rows.append(
            f"| {lv.mode} | {lv.sessions} | {lv.opened}/{lv.sessions} | {len(lv.latencies)} | {len(lv.errors)} | "
            f"{pct(lv.latencies, 0.5) * 1000:.0f} | {pct(lv.latencies, 0.95) * 1000:.0f} | "
            f"{max(lv.latencies, default=float('nan')) * 1000:.0f} | {lv.rss_before:.0f} | {lv.rss_peak:.0f} | "
            f"{lv.rss_after:.0f} | {lv.seconds:.0f} | {lv.cpu / max(1, len(lv.latencies)) * 1000:.0f} | "
            f"{(sum(lv.sizes) / len(lv.sizes) / 1000) if lv.sizes else float('nan'):.1f} |"
        )
    probes = [f"- ws ×{lv.sessions}: the empty app's reruns, measured beside it in the same run: {len(lv.probe)}, "
              f"p50 {pct(lv.probe, 0.5) * 1000:.0f} ms, p95 {pct(lv.probe, 0.95) * 1000:.0f} ms, max "
              f"{max(lv.probe) * 1000:.0f} ms" for lv in levels if lv.probe]
    errors = [f"- {lv.mode} ×{lv.sessions}: " + "; ".join(sorted(set(lv.errors))[:5]) for lv in levels if lv.errors]
    return "\n".join([
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} by `python scripts/load_test.py --ws "
        f"{args.ws} --browser {args.browser} --changes {args.changes} --page {args.page} "
        f"--deadline {args.deadline:g} --think {args.think}{' --no-watch' if args.no_watch else ''}"
        f"{' --probe' if args.probe else ''}"
        f"{''.join(f' --set {o}' for o in args.set)}`; "
        f"one server process, {os.cpu_count()} CPUs; server RSS when idle after "
        f"start and one warm-up session: {idle_rss:.0f} MB.",
        "",
        "| sessions via | concurrent sessions | opened | filter changes | errors | p50 ms | p95 ms | max ms "
        "| RSS before MB | RSS peak MB | RSS after MB | seconds | server CPU ms per change | KB per change |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        *(["Errors:", *errors] if errors else ["No errors at any level."]),
        "",
        *(["Baseline (one session on the empty app, another server process, changing its Era filter every "
           "think time while the level ran):", *probes, ""] if probes else []),
        *[line for lv in levels for line in over_time(lv)],
        f"Load average (1 / 5 / 15 min) at the start: {load_start[0]:.1f} / {load_start[1]:.1f} / "
        f"{load_start[2]:.1f}; at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (a shared machine: "
        "other work ran beside this).",
    ])


def write_section(path: Path, body: str, section: str = "") -> None:
    start, end = (START, END) if not section else (f"<!-- load_test:{section}:start -->",
                                                   f"<!-- load_test:{section}:end -->")
    bench_report.write_section(path, body, start, end, "Benchmarks: load")


def counts(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ws", default="1,10,50", help="websocket session counts, e.g. 1,10,50 ('' for none)")
    parser.add_argument("--browser", default="1,5,10", help="Chromium context counts ('' for none)")
    parser.add_argument("--changes", type=int, default=8, help="filter changes per session")
    parser.add_argument("--page", default="timeline")
    parser.add_argument("--deadline", type=float, default=180, help="seconds per level, at most")
    parser.add_argument("--write", type=Path, help="update this markdown file's load_test section")
    parser.add_argument("--section", default="", help="with --write: the named section (e.g. soak) instead")
    parser.add_argument("--no-watch", action="store_true",
                        help="server.fileWatcherType=none (no module reloads when source files change)")
    parser.add_argument("--think", default="0.05-0.3",
                        help="seconds between a session's changes: a range LOW-HIGH, or one value jittered ±20%%")
    parser.add_argument("--probe", action="store_true",
                        help="beside each ws level, one session on the empty app (scripts/naive/empty.py), "
                             "the baseline")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.OPTION=VALUE",
                        help="a Streamlit config option for the server, e.g. runner.postScriptGC=false")
    args = parser.parse_args()
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"pivotdash-load-{os.getpid()}.log"
    extra = [f"--{opt.partition('=')[0]}={opt.partition('=')[2]}" for opt in args.set]
    if args.no_watch:
        extra += ["--server.fileWatcherType", "none"]
    load_start = os.getloadavg()
    srv = Served(ROOT / "app.py", ROOT, log, tuple(extra))
    naive = ROOT / "scripts" / "naive"
    probe = Served(naive / "empty.py", naive, log.with_suffix(".empty.log"), tuple(extra)) if args.probe else None
    levels: list[Level] = []
    try:
        warm = Level("ws", 1)  # the first session pays for cold caches and st.navigation's first run
        asyncio.run(ws_level(srv.port, args.page, 1, 1, time.monotonic() + 120, warm))
        idle_rss = rss_mb(srv.proc.pid)
        for n in counts(args.ws):
            levels.append(run_level(srv, "ws", n, args, probe))
        for n in counts(args.browser):
            levels.append(run_level(srv, "browser", n, args))
    finally:
        srv.stop()
        if probe is not None:
            probe.stop()
    text = report(levels, args, idle_rss, load_start)
    tracebacks = log.read_text(errors="replace").count("Traceback") if log.exists() else 0
    text += f"\n\nServer log: {tracebacks} traceback(s)."
    print(text)
    if args.write:
        write_section(args.write, text, args.section)
    return 1 if any(lv.errors for lv in levels) or tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
