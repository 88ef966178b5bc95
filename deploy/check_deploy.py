"""Check deploy/nginx.conf for real: nginx + two pivotdash processes on 127.0.0.1, browser sessions through it.

    python deploy/check_deploy.py          (needs Debian's nginx: apt-get install -y nginx-light)

Starts two app servers (with the deployment's --server.maxMessageSize) and one nginx (not as a daemon, its
files in a temp dir) with deploy/nginx.conf, ports swapped for free ones; then checks (1) 20 cookie-less
requests reach both processes and requests with a route cookie always the same one; (2) the security headers
(no nginx version, anti-framing, the content security policy); (3) a Host nginx does not serve (DNS
rebinding: Host and Origin both an attacker's) gets no answer, on a page and on the websocket; (4)
/_stcore/metrics answers 404 through nginx, however spelt; (5) Chromium sessions through nginx, under the
CSP, open every page with no CSP violation and no request off 127.0.0.1, draw the timeline and redraw it
after a filter change, every response of a session from one process; the largest websocket message is
measured against maxMessageSize; (6) the websocket limits: a burst of new websockets from one address and
more than 20 open at once are refused (429). Everything it started is stopped by PID. Exit code 0 when all
holds.
"""

from __future__ import annotations

import base64
import http.client
import http.cookiejar
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "src"), str(ROOT)]

from bench_browser import CHROMIUM, CHROMIUM_ARGS, Served, free_port, pick_era, wait_signature  # noqa: E402

from tests.e2e.conftest import wait_for_app  # noqa: E402

# The app's largest websocket message is just under 1 MB (the Map page's deck with its basemap, measured by
# this check on every page): 8 MB leaves room for a grown basemap or a long upload problem table, and
# refuses the 200 MB messages Streamlit's default would let through and hold in a process's memory.
# deploy/README.md has the command line with it.
MAX_MESSAGE_MB = 8
PAGES = ("Timeline", "Episodes", "Trade", "Map", "Briefing", "Sources", "Overview")
EXPECTED_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}
CSP_MUST_SAY = ("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "connect-src 'self'")
METRICS_SPELLINGS = ("/_stcore/metrics", "/_stcore/metrics/", "/_stcore/%6detrics", "//_stcore/metrics",
                     "/_stcore/./metrics", "/_stcore/metrics?format=protobuf")

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
    text = text.replace("listen 127.0.0.1:8080", f"listen 127.0.0.1:{listen}")
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


def raw_request(port: int, lines: list[str], timeout: float = 10) -> tuple[str, socket.socket]:
    """Send a hand-made request; return the status line ("" when nginx closed without answering) and the socket."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    return data.split(b"\r\n", 1)[0].decode("latin-1"), sock


def websocket_lines(port: int, host: str | None = None, origin: str | None = None) -> list[str]:
    host = host or f"127.0.0.1:{port}"
    key = base64.b64encode(os.urandom(16)).decode()
    return ["GET /_stcore/stream HTTP/1.1", f"Host: {host}", "Upgrade: websocket", "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Protocol: streamlit",
            f"Origin: {origin or 'http://' + host}", "Cookie: pivotdash_route=check"]


def check_headers(url: str) -> list[str]:
    problems = []
    for path in ("", "_stcore/health", "no-such-page"):
        try:
            with urllib.request.urlopen(url + path, timeout=10) as r:
                headers = r.headers
        except urllib.error.HTTPError as err:
            headers = err.headers
        for name, value in EXPECTED_HEADERS.items():
            if headers.get(name) != value:
                problems.append(f"/{path}: {name} is {headers.get(name)!r}, expected {value!r}")
        csp = headers.get("content-security-policy") or ""
        problems += [f"/{path}: the content security policy lacks {part}" for part in CSP_MUST_SAY if part not in csp]
        if headers.get("server") != "nginx":  # server_tokens off: the name, no version
            problems.append(f"/{path}: Server header is {headers.get('server')!r}, expected 'nginx' without a version")
    print(f"headers: {', '.join(EXPECTED_HEADERS)}, content-security-policy, Server: nginx (no version) "
          f"on 3 paths: {'ok' if not problems else 'FAILED'}")
    return problems


def check_refused_hosts(port: int) -> list[str]:
    """A Host nginx does not serve gets its connection closed unanswered (444), page and websocket alike."""
    problems = []
    evil = "evil.example"
    cases = {
        "page, Host evil.example": ["GET / HTTP/1.1", f"Host: {evil}"],
        "page, Host evil.example:port": ["GET / HTTP/1.1", f"Host: {evil}:{port}"],
        "page, no Host (HTTP/1.0)": ["GET / HTTP/1.0"],
        "websocket, Host and Origin evil.example": websocket_lines(port, evil, f"http://{evil}"),
        "health, Host evil.example": ["GET /_stcore/health HTTP/1.1", f"Host: {evil}"],
    }
    for what, lines in cases.items():
        status, sock = raw_request(port, lines)
        sock.close()
        if status and status.split()[1:2] not in (["400"], ["421"], ["444"]):
            problems.append(f"{what}: answered {status!r}, expected no answer")
        print(f"{what}: {status or 'closed with no answer (444)'}")
    status, sock = raw_request(port, ["GET /_stcore/health HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"])
    sock.close()
    if " 200 " not in status + " ":
        problems.append(f"the served host answered {status!r} on /_stcore/health, expected 200")
    return problems


def check_metrics(url: str, direct: str) -> list[str]:
    problems = []
    try:
        with urllib.request.urlopen(direct + "/_stcore/metrics", timeout=10) as r:
            app_says = r.status
    except urllib.error.HTTPError as err:
        app_says = err.code
    port = int(url.rsplit(":", 1)[1].strip("/"))
    answers = {}
    for path in METRICS_SPELLINGS:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        answers[path] = resp.status
        if resp.status != 404 or b"session" in body.lower():
            problems.append(f"{path} answered {resp.status} through nginx, expected 404")
    print(f"/_stcore/metrics: the app itself answers {app_says}; through nginx {answers}")
    return problems


def check_stream_limits(port: int, error_log: Path) -> list[str]:
    """A burst of new websockets from one address is cut after 21, and no address holds more than 20."""
    problems = []
    statuses = []
    for _ in range(30):  # each closed at once: only the rate limit can refuse
        status, sock = raw_request(port, websocket_lines(port))
        statuses.append(status.split()[1] if status else "closed")
        sock.close()
    burst = Counter(statuses)
    print(f"30 websockets opened back to back: {dict(burst)}")
    if burst.get("101", 0) > 22 or burst.get("429", 0) < 8:
        problems.append(f"no rate limit on new websockets: {dict(burst)}")
    time.sleep(11)  # the bucket refills at 2 a second
    held: list[socket.socket] = []
    statuses = []
    try:
        for _ in range(21):
            status, sock = raw_request(port, websocket_lines(port))
            statuses.append(status.split()[1] if status else "closed")
            held.append(sock)
    finally:
        for sock in held:
            sock.close()
    log = error_log.read_text(encoding="utf-8", errors="replace")
    print(f"21 websockets held open at once: {dict(Counter(statuses))}; nginx logged "
          f"{log.count('limiting requests')} rate and {log.count('limiting connections')} connection refusals")
    if statuses[:20] != ["101"] * 20 or statuses[20] != "429":
        problems.append(f"20 websockets at once must open and the 21st be refused: {statuses}")
    if "limiting connections" not in log or "limiting requests" not in log:
        problems.append("nginx's error log does not show both limits at work")
    return problems


_CSP_LISTENER = """document.addEventListener('securitypolicyviolation', e => window.reportViolation(
    e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile));
"""


def canvas_colours(pg) -> int:  # type: ignore[no-untyped-def]
    """How many colours the map's canvas shows (a blank or failed deck shows one or two)."""
    from PIL import Image

    shot = pg.locator('[data-testid="stDeckGlJsonChart"]').first.screenshot()
    with Image.open(io.BytesIO(shot)) as im:
        return len(im.convert("RGB").getcolors(maxcolors=1 << 20) or [])


def tour(pg) -> int:  # type: ignore[no-untyped-def]
    """Open every page by its navigation link, as an analyst does; the colours the map's canvas shows."""
    colours = 0
    for name in PAGES:
        pg.get_by_role("link", name=name, exact=True).first.click()
        wait_for_app(pg)
        if name == "Map":
            pg.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(state="visible", timeout=60_000)
            pg.wait_for_timeout(1500)  # deck.gl compiles and draws after the canvas appears
            colours = canvas_colours(pg)
            pg.get_by_text("Crimea to California", exact=True).first.click()  # the wider of the two views
            wait_for_app(pg)
            pg.wait_for_timeout(1500)
    return colours


def watch(context, pg, frames: list[tuple[int, str]]) -> tuple[list[str], list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Record a session's upstreams, CSP violations and requests off the machine; its websocket frames' sizes."""
    seen: list[str] = []
    violations: list[str] = []
    outside: list[str] = []

    def on_request(request) -> None:  # type: ignore[no-untyped-def]
        if not request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            outside.append(request.url)

    def on_console(message) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    def on_websocket(ws) -> None:  # type: ignore[no-untyped-def]
        ws.on("framereceived", lambda payload: frames.append((len(payload), pg.url)))

    context.on("response", lambda r: seen.append(r.headers.get("x-pivotdash-upstream", "")))
    context.on("request", on_request)
    context.expose_function("reportViolation", lambda text: violations.append(str(text)))
    pg.on("console", on_console)
    pg.on("websocket", on_websocket)
    pg.add_init_script(_CSP_LISTENER)
    return seen, violations, outside


def check_browser(url: str, sessions: int = 3) -> list[str]:
    from playwright.sync_api import sync_playwright

    problems = []
    frames: list[tuple[int, str]] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for n in range(sessions):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                pg = context.new_page()
                seen, violations, outside = watch(context, pg, frames)
                pg.goto(url)  # the home page first: a deep link on a fresh server skips app.py (known bug)
                wait_signature(pg)
                colours = tour(pg) if n == 0 else None
                if colours is not None and colours < 50:
                    problems.append(f"the map did not draw under the CSP: its canvas shows {colours} colours")
                pg.get_by_role("link", name="Timeline", exact=True).first.click()
                sig = wait_signature(pg)
                pg.wait_for_timeout(500)
                sig = wait_signature(pg)
                pick_era(pg, "Soviet Union")
                after = wait_signature(pg, previous=sig)
                upstreams = {u for u in seen if u}
                toured = f"every page (the map in {colours} colours), then " if colours is not None else ""
                print(f"session {n + 1}: {toured}markers {sig} → {after} after the "
                      f"filter change; served by {upstreams}; CSP violations {len(violations)}; "
                      f"requests off 127.0.0.1 {len(outside)}")
                if len(upstreams) != 1:
                    problems.append(f"session {n + 1} was served by {upstreams}")
                problems += [f"session {n + 1}: CSP violation: {v}" for v in dict.fromkeys(violations)]
                problems += [f"session {n + 1}: request off 127.0.0.1: {u}" for u in dict.fromkeys(outside)]
                context.close()
        finally:
            browser.close()
    largest, where = max(frames, default=(0, ""))
    print(f"websocket messages to the browser: {len(frames)}, the largest {largest / 1e6:.2f} MB ({where or 'n/a'}); "
          f"server.maxMessageSize is {MAX_MESSAGE_MB} MB")
    if largest * 2 > MAX_MESSAGE_MB * 1e6:
        problems.append(f"the largest message ({largest / 1e6:.2f} MB) leaves less than half of maxMessageSize free")
    return problems


def main() -> int:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        print("nginx is not installed (apt-get install -y nginx)")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="pivotdash-nginx-"))
    started = time.monotonic()
    servers = [Served(ROOT / "app.py", ROOT, tmp / f"app{i}.log", extra=("--server.maxMessageSize",
                                                                          str(MAX_MESSAGE_MB)))
               for i in (1, 2)]
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
        problems = (check_requests(url) + check_headers(url) + check_refused_hosts(listen)
                    + check_metrics(url, servers[0].url) + check_browser(url)
                    + check_stream_limits(listen, tmp / "error.log"))
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
