"""Check deploy/nginx.conf for real: nginx + two pivotdash processes on 127.0.0.1, a browser session through it.

    python deploy/check_deploy.py          (needs Debian's nginx: apt-get install -y nginx)

Starts two app servers and one nginx (not as a daemon, its files in a temp dir) with deploy/nginx.conf,
ports swapped for free ones; then (1) 20 cookie-less requests must reach both processes and one request
with a route cookie always the same one, (2) Chromium sessions through nginx must draw the timeline and
redraw it after a filter change (the websocket works through the proxy), every response of a session
coming from one process. Everything it started is stopped by PID at the end. Exit code 0 when all holds.
"""

from __future__ import annotations

import http.cookiejar
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "src"), str(ROOT)]

from bench_browser import CHROMIUM, CHROMIUM_ARGS, Served, free_port, pick_era, wait_signature  # noqa: E402

MAIN_CONF = """worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/pivotdash.conf;
}}
"""


def site_conf(ports: tuple[int, int], listen: int) -> str:
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    text = text.replace("127.0.0.1:8501", f"127.0.0.1:{ports[0]}").replace("127.0.0.1:8502", f"127.0.0.1:{ports[1]}")
    text = text.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{listen};")
    # For this check only: name the process that answered.
    return text.replace("add_header Referrer-Policy same-origin always;",
                        "add_header Referrer-Policy same-origin always;\n"
                        "    add_header X-Pivotdash-Upstream $upstream_addr always;")


def wait_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def upstream_of(url: str, cookie: str | None = None) -> str:
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return str(r.headers.get("X-Pivotdash-Upstream", ""))


def check_requests(url: str) -> list[str]:
    problems = []
    spread = Counter(upstream_of(url) for _ in range(20))
    print(f"20 requests without a cookie went to: {dict(spread)}")
    if len(spread) < 2:
        problems.append(f"no load spreading: {dict(spread)}")
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(url, timeout=10) as r:
        first = r.headers.get("X-Pivotdash-Upstream")
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "pivotdash_route=" not in cookie:
        problems.append("nginx set no route cookie")
    again = {upstream_of(url, cookie) for _ in range(10)}
    print(f"with the route cookie: first {first}, then {again}")
    if again != {first}:
        problems.append(f"not sticky: {first} then {again}")
    return problems


def check_browser(url: str, sessions: int = 3) -> list[str]:
    from playwright.sync_api import sync_playwright

    problems = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for n in range(sessions):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                seen: list[str] = []
                context.on("response", lambda r, seen=seen: seen.append(r.headers.get("x-pivotdash-upstream", "")))
                pg = context.new_page()
                pg.goto(url)  # the home page first: a deep link on a fresh server skips app.py (known bug)
                wait_signature(pg)
                pg.get_by_role("link", name="Timeline", exact=True).first.click()
                sig = wait_signature(pg)
                pg.wait_for_timeout(500)
                sig = wait_signature(pg)
                pick_era(pg, "Soviet Union")
                after = wait_signature(pg, previous=sig)
                upstreams = {u for u in seen if u}
                print(f"session {n + 1}: markers {sig} → {after} after the filter change; served by {upstreams}")
                if len(upstreams) != 1:
                    problems.append(f"session {n + 1} was served by {upstreams}")
                context.close()
        finally:
            browser.close()
    return problems


def main() -> int:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        print("nginx is not installed (apt-get install -y nginx)")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="pivotdash-nginx-"))
    started = time.monotonic()
    servers = [Served(ROOT / "app.py", ROOT, tmp / f"app{i}.log") for i in (1, 2)]
    proxy = None
    try:
        listen = free_port()
        (tmp / "pivotdash.conf").write_text(site_conf((servers[0].port, servers[1].port), listen), encoding="utf-8")
        (tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=tmp), encoding="utf-8")
        test = subprocess.run([nginx, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                              capture_output=True, text=True, timeout=30)
        if test.returncode:
            print(test.stderr)
            return 1
        proxy = subprocess.Popen([nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(listen)
        url = f"http://127.0.0.1:{listen}/"
        problems = check_requests(url) + check_browser(url)
    finally:
        if proxy is not None:
            proxy.terminate()  # nginx's master: TERM = fast shutdown, workers exit with it
            try:
                proxy.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proxy.kill()
        for srv in servers:
            srv.stop()
    print(f"{'OK' if not problems else 'FAILED'} in {time.monotonic() - started:.0f} s")
    for p in problems:
        print(f"- {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
