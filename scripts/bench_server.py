"""Each page on a real server, over its websocket, against the empty app and its naive page in the same run.

    python scripts/bench_server.py [--rounds 7] [--reruns 3] [--write docs/benchmarks/pages.md]
    python scripts/bench_server.py --scale 1000,10000,50000 [--rounds 5] [--write docs/benchmarks/pages.md]

Three `streamlit run` servers on 127.0.0.1, with the same options (runner.postScriptGC off, no file watcher,
as pivotdash's .streamlit/config.toml has them): pivotdash (app.py), the naive pivotdash
(scripts/naive/app.py: the same content as a competent Streamlit user writes it) and the empty app
(scripts/naive/empty.py: a title and the sidebar filters). For every page, and every Trade tab (chosen by
its URL parameter, as a link opens it), one websocket session per app opens the page, then each round
changes the sidebar Era filter --reruns times. Rounds are round-robin: for each page, the empty app, the
naive page and pivotdash's page one after the other in a shuffled order, so other work on the machine slows
all three alike. Measured per rerun:

  - server CPU: user + system CPU seconds of the server process over the reruns (/proc, 10 ms ticks, hence
    several reruns per sample), divided by their number: the script run, the serialisation of its
    messages and the websocket send;
  - wall: rerun message sent -> script_finished received;
  - bytes: websocket bytes the server sent for the rerun.

Goal: every page's rerun CPU at most 1.0x its naive page's. With --scale, the Timeline alone on synthetic
datasets (pivotdash.synthetic) of each size, pivotdash and the naive Timeline on the same files.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "src")]

import bench_report  # noqa: E402  (scripts/ is on sys.path when a script runs)
from serving import Served  # noqa: E402
from wsclient import Run, Session, cpu_s, rss_mb  # noqa: E402

NAIVE = ROOT / "scripts" / "naive"
OPTIONS = ("--runner.postScriptGC", "false", "--server.fileWatcherType", "none", "--runner.magicEnabled", "false")
ERAS = (["Soviet Union"], [], ["Russian Federation"], [], ["Imperial Russia", "Soviet Union"], [])
TABS = ("Composition", "Paper's numbers checked", "History", "Your own data")
PARTS = ("plotly_chart", "dataframe", "selectbox")  # the Timeline's chart, table and event picker
START, END = "<!-- bench_server:start -->", "<!-- bench_server:end -->"
SCALE_START, SCALE_END = "<!-- bench_server_scale:start -->", "<!-- bench_server_scale:end -->"


@dataclass(frozen=True)
class Target:
    """A page (and query string) measured on pivotdash and, if it has one, on the naive app."""

    label: str
    page: str
    query: str = ""
    naive: bool = True


TARGETS = (
    Target("Overview", "overview"), Target("Timeline", "timeline"), Target("Episodes", "episodes"),
    *(Target(f"Trade: {tab}", "trade", urlencode({"trade_tab": tab})) for tab in TABS),
    Target("Map", "map"), Target("Sources", "sources"), Target("Briefing (empty)", "briefing", naive=False),
)


@dataclass
class Samples:
    cpu: list[float] = field(default_factory=list)  # seconds per rerun, one per round
    wall: list[float] = field(default_factory=list)  # seconds, one per rerun
    size: list[int] = field(default_factory=list)  # bytes, one per rerun
    parts: list[dict[str, int]] = field(default_factory=list)  # bytes by element type, one per rerun
    first: Run | None = None  # the session's first run (the page opened)
    problems: list[str] = field(default_factory=list)


class Bench:
    """Open sessions on several servers and measure reruns on them, one sample at a time."""

    def __init__(self, servers: dict[str, Served], reruns: int) -> None:
        self.servers, self.reruns = servers, reruns
        self.sessions: dict[tuple[str, str], Session] = {}
        self.samples: dict[tuple[str, str], Samples] = {}

    async def open(self, app: str, key: str, page: str, query: str) -> None:
        session = await Session(self.servers[app].port, page, query).__aenter__()
        s = Samples()
        s.first = await session.rerun()
        s.problems += s.first.problems
        if "Era" not in session.widgets:
            s.problems.append("no Era widget")
        self.sessions[app, key], self.samples[app, key] = session, s

    async def sample(self, app: str, key: str, round_no: int) -> None:
        session, s = self.sessions[app, key], self.samples[app, key]
        pid = self.servers[app].proc.pid
        await asyncio.sleep(0.15)  # the server idle before the sample
        before = cpu_s(pid)
        for i in range(self.reruns):
            run = await session.rerun({"Era": ERAS[(round_no * self.reruns + i) % len(ERAS)]})
            s.wall.append(run.wall)
            s.size.append(run.size)
            s.parts.append(run.by_type)
            s.problems += run.problems
        await asyncio.sleep(0.1)  # work the server does just after script_finished belongs to the rerun
        s.cpu.append((cpu_s(pid) - before) / self.reruns)

    async def close(self) -> None:
        for session in self.sessions.values():
            await session.__aexit__()


def med_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f}" if values else "–"


def range_ms(values: list[float]) -> str:
    return f"{min(values) * 1000:.0f}–{max(values) * 1000:.0f}" if values else "–"


def kb(values: list[int]) -> str:
    return f"{statistics.median(values) / 1000:.1f}" if values else "–"


def ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(a) / statistics.median(b) if a and b and statistics.median(b) > 0 else float("nan")


def servers_for(env: dict[str, str] | None, tmp: Path, tag: str, naive: bool = True) -> dict[str, Served]:
    out = {"pivotdash": Served(ROOT / "app.py", ROOT, tmp / f"pivotdash{tag}.log", OPTIONS, env)}
    if naive:
        out["naive"] = Served(NAIVE / "app.py", NAIVE, tmp / f"naive{tag}.log", OPTIONS, env)
    return out


async def measure(bench: Bench, plan: list[tuple[str, str, str, str]], rounds: int) -> None:
    """`plan`: (app, key, page, query) to open and then sample once per round, in a shuffled order."""
    for app, key, page, query in plan:
        await bench.open(app, key, page, query)
    for app, key, _page, _query in plan:  # a first rerun of each, untimed: caches filled for this filter
        await bench.sessions[app, key].rerun({"Era": ERAS[-2]})
    rng = random.Random(2019)
    groups: dict[str, list[tuple[str, str]]] = {}
    for app, key, _page, _query in plan:
        groups.setdefault(key.split("|")[0], []).append((app, key))
    for r in range(rounds):
        for members in groups.values():
            order = members[:]
            rng.shuffle(order)
            for app, key in order:
                await bench.sample(app, key, r)
        print(f"round {r + 1}/{rounds} done", file=sys.stderr)


def load_line(start: tuple[float, ...], end: tuple[float, ...]) -> str:
    return (f"Load average (1 / 5 / 15 min) at the start {start[0]:.1f} / {start[1]:.1f} / {start[2]:.1f}, at the "
            f"end {end[0]:.1f} / {end[1]:.1f} / {end[2]:.1f}: the machine's {os.cpu_count()} CPUs were shared "
            "with other work during the run.")


def pages_report(bench: Bench, rounds: int, reruns: int) -> list[str]:
    s = bench.samples
    rows = ["| page | pivotdash CPU ms per rerun, median (range) | naive CPU ms | empty app CPU ms "
            "| ÷ naive | goal ≤ 1.0× naive | pivotdash wall ms (range) | naive wall ms | empty wall ms "
            "| pivotdash KB per rerun | naive KB | empty KB | pivotdash first run ms / KB |",
            "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    met = missed = 0
    for t in TARGETS:
        p, e = s["pivotdash", t.label], s["empty", t.label]
        n = s.get(("naive", t.label))
        r = ratio(p.cpu, n.cpu) if n else float("nan")
        goal = "–" if n is None else ("met" if r <= 1.0 else "**missed**")
        met += goal == "met"
        missed += goal == "**missed**"
        first = p.first
        rows.append(
            f"| {t.label} | {med_ms(p.cpu)} ({range_ms(p.cpu)}) | {med_ms(n.cpu) if n else '–'} | {med_ms(e.cpu)} | "
            f"{r:.2f} | {goal} | {med_ms(p.wall)} ({range_ms(p.wall)}) | {med_ms(n.wall) if n else '–'} | "
            f"{med_ms(e.wall)} | {kb(p.size)} | {kb(n.size) if n else '–'} | {kb(e.size)} | "
            f"{first.wall * 1000:.0f} / {first.size / 1000:.0f} |" if first else "| |")
    problems = [f"- {app} {key}: {'; '.join(sorted(set(v.problems))[:3])}"
                for (app, key), v in s.items() if v.problems]
    return [*rows, "", f"Goal (rerun CPU ≤ 1.0× the naive page's): met on {met}, missed on {missed} of "
            f"{met + missed} pages with a naive page. {rounds} rounds × {reruns} reruns per page and app; "
            "CPU is one sample per round (the reruns' total ÷ their number), wall and bytes one per rerun.",
            "", *problem_lines(problems)]


def problem_lines(problems: list[str]) -> list[str]:
    return ["Problems seen:", *problems] if problems else ["No exception, st.error or failed run in any session."]


async def run_pages(args: argparse.Namespace) -> list[str]:
    tmp = Path(tempfile.mkdtemp(prefix="pivotdash-bench-server-"))
    servers = servers_for(None, tmp, "")
    servers["empty"] = Served(NAIVE / "empty.py", NAIVE, tmp / "empty.log", OPTIONS)
    bench = Bench(servers, args.reruns)
    plan = []
    for t in TARGETS:
        plan.append(("empty", t.label, "", ""))
        if t.naive:
            plan.append(("naive", t.label, t.page, t.query))
        plan.append(("pivotdash", t.label, t.page, t.query))
    try:
        await measure(bench, plan, args.rounds)
        rss = {name: rss_mb(srv.proc.pid) for name, srv in servers.items()}
    finally:
        await bench.close()
        for srv in servers.values():
            srv.stop()
    return [*pages_report(bench, args.rounds, args.reruns), "",
            "Server RSS at the end: " + ", ".join(f"{k} {v:.0f} MB" for k, v in rss.items()) + "."]


async def run_scale(args: argparse.Namespace, sizes: list[int]) -> list[str]:
    from pivotdash.synthetic import write_dataset

    tmp = Path(tempfile.mkdtemp(prefix="pivotdash-bench-scale-"))
    servers: dict[str, Served] = {"empty": Served(NAIVE / "empty.py", NAIVE, tmp / "empty.log", OPTIONS)}
    try:
        for n in sizes:
            folder = write_dataset(tmp / f"events-{n}", n)
            for app, srv in servers_for({"PIVOTDASH_DATA_DIR": str(folder)}, tmp, f"-{n}").items():
                servers[f"{app}|{n}"] = srv
        bench = Bench(servers, args.reruns)
        plan = [("empty", f"{n}|empty", "", "") for n in sizes]
        for n in sizes:
            plan += [(f"naive|{n}", f"{n}|naive", "timeline", ""),
                     (f"pivotdash|{n}", f"{n}|pivotdash", "timeline", "")]
        try:
            await measure(bench, plan, args.rounds)
        finally:
            await bench.close()
    finally:
        for srv in servers.values():
            srv.stop()
    s = {key: v for (_app, key), v in bench.samples.items()}
    rows = ["| events | app | CPU ms per rerun, median (range) | ÷ naive | wall ms, median (range) | KB per rerun "
            "| of which chart / table / picker KB | page opened: ms / KB |",
            "|---:|---|---:|---:|---:|---:|---|---:|"]
    for n in sizes:
        for app in ("empty", "naive", "pivotdash"):
            v, naive = s[f"{n}|{app}"], s[f"{n}|naive"]
            first = v.first
            rows.append(f"| {n:,} | {app} | {med_ms(v.cpu)} ({range_ms(v.cpu)}) | "
                        f"{ratio(v.cpu, naive.cpu):.2f} | {med_ms(v.wall)} ({range_ms(v.wall)}) | {kb(v.size)} | "
                        f"{' / '.join(kb([p.get(t, 0) for p in v.parts]) for t in PARTS)} | "
                        f"{first.wall * 1000:.0f} / {first.size / 1000:.0f} |" if first else "| |")
    problems = [f"- {key}: {'; '.join(sorted(set(v.problems))[:3])}" for key, v in s.items() if v.problems]
    return [*rows, "", f"{args.rounds} rounds × {args.reruns} reruns per size and app (Era filter changes; the "
            "empty app is measured beside each size).", "",
            *problem_lines(problems)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--reruns", type=int, default=3, help="Era changes per sample (CPU ticks are 10 ms)")
    parser.add_argument("--scale", default="", help="e.g. 1000,10000,50000: the Timeline on synthetic events")
    parser.add_argument("--write", type=Path, help="update this markdown file's bench_server section")
    args = parser.parse_args()
    load_start = os.getloadavg()
    sizes = [int(x) for x in args.scale.split(",") if x.strip()]
    lines = asyncio.run(run_scale(args, sizes) if sizes else run_pages(args))
    command = f"python scripts/bench_server.py --rounds {args.rounds} --reruns {args.reruns}"
    command += f" --scale {args.scale}" if sizes else ""
    text = "\n".join([f"Measured {time.strftime('%Y-%m-%d %H:%M')} UTC by `{command}`; three kinds of server on "
                      "127.0.0.1 (pivotdash, the naive app, the empty app), each its own process.", "", *lines, "",
                      load_line(load_start, os.getloadavg())])
    print(text)
    if args.write:
        start, end = (SCALE_START, SCALE_END) if sizes else (START, END)
        bench_report.write_section(args.write, text, start, end, "Benchmarks: pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
