"""deploy/nginx.conf holds the hardening the deployment promises (deploy/check_deploy.py tests it live)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "deploy" / "nginx.conf"
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|[{};]|[^\s{};]+')


@dataclass
class Block:
    """One nginx block: its directives (name → list of argument lists) and its child blocks."""

    name: str
    args: list[str]
    directives: dict[str, list[list[str]]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    def one(self, name: str) -> list[str]:
        values = self.directives.get(name, [])
        assert len(values) == 1, f"{self.name} {' '.join(self.args)}: {name} appears {len(values)} times"
        return values[0]

    def headers(self) -> dict[str, str]:
        return {a[0].lower(): " ".join(a[1:]) for a in self.directives.get("add_header", [])}

    def children(self, name: str) -> list[Block]:
        return [b for b in self.blocks if b.name == name]


def parse(text: str) -> Block:
    tokens = [t.strip('"') for t in _TOKEN.findall(re.sub(r"(?m)#.*$", "", text))]
    top = Block("http", [])
    stack: list[Block] = [top]
    words: list[str] = []
    for token in tokens:
        if token == "{":
            child = Block(words[0], words[1:])
            stack[-1].blocks.append(child)
            stack.append(child)
            words = []
        elif token == "}":
            stack.pop()
        elif token == ";":
            stack[-1].directives.setdefault(words[0], []).append(words[1:])
            words = []
        else:
            words.append(token)
    assert len(stack) == 1 and not words, "unbalanced braces or a directive without ';'"
    return top


@pytest.fixture(scope="module")
def conf() -> Block:
    return parse(CONF.read_text(encoding="utf-8"))


def app_server(conf: Block) -> Block:
    served = [s for s in conf.children("server") if "_" not in s.one("server_name")]
    assert len(served) == 1
    return served[0]


def test_no_version_in_the_server_header(conf):
    assert conf.one("server_tokens") == ["off"]


def test_a_default_server_refuses_every_host_not_configured(conf):
    defaults = [s for s in conf.children("server") if any("default_server" in a for a in s.directives["listen"])]
    assert len(defaults) == 1
    assert defaults[0].one("return") == ["444"]  # close without an answer: no page, no websocket
    assert not defaults[0].blocks  # nothing proxied from it
    names = app_server(conf).one("server_name")
    assert names and not any(n in ("_", "*", "") or n.startswith("~") for n in names)
    listens = {a[0] for s in conf.children("server") for a in s.directives["listen"]}
    assert len(listens) == 1  # the refusing server listens wherever the app is served


def test_anti_framing_and_content_security_policy(conf):
    headers = app_server(conf).headers()
    assert headers["x-frame-options"] == "DENY always"
    csp = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].removesuffix(" always")
               .split(";") if part.strip())
    assert csp["frame-ancestors"] == "'none'"
    assert csp["default-src"] == "'self'" and csp["connect-src"] == "'self'" and csp["object-src"] == "'none'"
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert not any("http" in v or "*" in v for v in csp.values())  # no other host, no wildcard


def test_metrics_are_closed(conf):
    server = app_server(conf)
    metrics = [b for b in server.children("location") if b.args[-1] == "/_stcore/metrics"]
    assert len(metrics) == 1 and metrics[0].args[0] in ("^~", "=")
    assert metrics[0].one("return")[0] in ("403", "404") and "proxy_pass" not in metrics[0].directives


def test_websocket_limits_and_idle_timeout(conf):
    stream = next(b for b in app_server(conf).children("location") if b.args[-1] == "/_stcore/stream")
    zones = {a[1].removeprefix("zone=").split(":")[0]
             for a in conf.directives["limit_conn_zone"] + conf.directives["limit_req_zone"]}
    assert stream.directives["limit_conn"] and stream.directives["limit_req"]
    assert {a[0] for a in stream.directives["limit_conn"]} <= zones
    assert {a[0].removeprefix("zone=") for a in stream.directives["limit_req"]} <= zones
    timeout = stream.one("proxy_read_timeout")[0]
    seconds = int(timeout.rstrip("s")) if timeout.rstrip("s").isdigit() else 10**9
    assert seconds <= 300  # Streamlit pings every 30 s: only a dead peer is silent longer
    assert any(a[0] == "Upgrade" for a in stream.directives["proxy_set_header"])  # still a websocket


def test_nginx_accepts_the_file():
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed (apt-get install -y nginx-light); the parse tests above still ran")
    sys.path.insert(0, str(ROOT / "deploy"))
    try:
        import check_deploy
    finally:
        sys.path.pop(0)
    tmp = Path(tempfile.mkdtemp(prefix="pivotdash-nginx-t-"))
    (tmp / "pivotdash.conf").write_text(check_deploy.site_conf((8501, 8502), 8080), encoding="utf-8")
    (tmp / "nginx.conf").write_text(check_deploy.MAIN_CONF.format(tmp=tmp), encoding="utf-8")
    result = subprocess.run([nginx, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")], capture_output=True,
                            text=True, timeout=30)
    shutil.rmtree(tmp, ignore_errors=True)
    assert result.returncode == 0, result.stderr
