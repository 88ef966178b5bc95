"""Serving a Streamlit script on a free loopback port, and Debian's Chromium flags: for browser tests,
benchmarks and the deployment check alike."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-default-apps", "--disable-extensions", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """`streamlit run SCRIPT` on a free loopback port, importing this checkout's `src`; stopped by PID."""

    def __init__(self, script: Path, cwd: Path, log: Path, extra: tuple[str, ...] = (),
                 env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environ = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        environ["NO_PROXY"] = "127.0.0.1,localhost"
        environ["PYTHONPATH"] = str(ROOT / "src")  # the checkout under test, whatever is installed
        environ.update(env or {})
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             *extra],
            cwd=cwd, env=environ, stdout=self.log, stderr=subprocess.STDOUT,
        )
        if not healthy(self.url):
            self.stop()
            raise RuntimeError(f"{script} did not start on {self.url}")

    def stop(self) -> None:
        stop(self.proc)
        self.log.close()


def healthy(url: str, timeout_s: float = 60) -> bool:
    """Wait until a Streamlit server at `url` answers its health check; False if it never does in time."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)  # polling a server that is still starting: nothing to wait on but time
    return False


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a server this process started, by its PID: politely, then for good."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
