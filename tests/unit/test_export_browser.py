"""The shared Chromium: retried once when it dies (whatever its death raises), ended when it hangs, no temp space."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import signal
import tempfile
import threading
from pathlib import Path
from typing import ClassVar

import plotly.graph_objects as go
import pytest

from pivotdash.errors import ExportUnavailable
from pivotdash.export import browser, images
from pivotdash.figures.finish import Chrome, finish

needs_browser = pytest.mark.skipif(not browser.available(), reason="no Chrome/Chromium on this machine")


def _figure(title: str) -> go.Figure:
    return finish(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), Chrome(title, "All eras", "Fixture source"))


class _Fake:
    """A stand-in renderer: each instance fails its renders with the next error of `script` (None: succeeds)."""

    script: ClassVar[list[BaseException | None]] = []
    starts = 0

    def __init__(self, _path: object) -> None:
        type(self).starts += 1
        self.error = type(self).script.pop(0) if type(self).script else None
        self.pid = None

    def render(self, jobs: list[browser.Job], topojson: object) -> list[bytes]:
        if self.error is not None:
            raise self.error
        return [spec["layout"]["meta"]["pivotdash"]["title"].encode() for spec, _ in jobs]

    def alive(self) -> bool:
        return self.error is None

    def close(self) -> None:
        pass


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> type[_Fake]:
    browser.shutdown()
    exe = tmp_path / "chromium"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    monkeypatch.setenv(browser.BROWSER_ENV, str(exe))
    monkeypatch.setattr(browser, "_Renderer", _Fake)
    _Fake.starts = 0
    yield _Fake
    browser.shutdown()


@pytest.mark.parametrize("death", [asyncio.CancelledError(), concurrent.futures.CancelledError(),
                                   concurrent.futures.TimeoutError(), BrokenPipeError(), RuntimeError("tab crashed")])
def test_a_browser_that_dies_mid_batch_is_replaced_once_whatever_its_death_raised(fake, death) -> None:
    fake.script = [death, None]
    out = images.render_many([_figure("One"), _figure("Two")], "svg")
    assert out == [b"One", b"Two"] and fake.starts == 2


def test_a_browser_that_dies_twice_gives_a_message_with_what_to_do(fake) -> None:
    fake.script = [asyncio.CancelledError(), asyncio.CancelledError()]
    with pytest.raises(ExportUnavailable, match=r"stopped responding twice.*Try again"):
        images.to_png(_figure("One"))
    assert fake.starts == 2


def test_a_chart_the_live_browser_cannot_draw_is_not_retried(fake, monkeypatch: pytest.MonkeyPatch) -> None:
    fake.script = [ValueError("bad trace")]
    monkeypatch.setattr(_Fake, "alive", lambda self: True)
    with pytest.raises(ExportUnavailable, match=r"could not draw the chart \(ValueError: bad trace\)"):
        images.to_svg(_figure("One"))
    assert fake.starts == 1


@needs_browser
def test_killing_the_shared_chromium_mid_export_still_returns_every_image(caplog: pytest.LogCaptureFixture) -> None:
    browser.shutdown()
    images.to_svg(_figure("Warm-up"))  # starts the shared browser
    pid = browser.running_pid()
    assert pid is not None and browser.group_alive(pid)
    figs = [_figure(f"Killed batch {i}") for i in range(8)]
    killer = threading.Timer(0.3, lambda: os.killpg(pid, signal.SIGKILL))
    killer.start()
    try:
        svgs = images.render_many(figs, "svg")
    finally:
        killer.join()
    assert [set(re.findall(r"Killed batch \d", s.decode())) for s in svgs] == [{f"Killed batch {i}"} for i in range(8)]
    assert browser.running_pid() != pid and not browser.group_alive(pid)
    assert "Chromium died during an export" in caplog.text  # the kill landed mid-batch and was retried


@needs_browser
def test_a_hung_chromium_is_ended_and_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    browser.shutdown()
    images.to_svg(_figure("Warm-up"))
    pid = browser.running_pid()
    assert pid is not None
    monkeypatch.setattr(browser, "RENDER_TIMEOUT", 2.0)
    monkeypatch.setattr(browser, "CLOSE_TIMEOUT", 2.0)
    os.killpg(pid, signal.SIGSTOP)  # the browser stops answering but does not die
    try:
        svg = images.to_svg(_figure("After the hang")).decode()
    finally:
        if browser.group_alive(pid):
            os.killpg(pid, signal.SIGKILL)
    assert "After the hang" in svg
    assert not browser.group_alive(pid)  # the hung browser's processes were ended, not left behind
    fresh = browser.running_pid()
    browser.shutdown()
    assert fresh is not None and not browser.group_alive(fresh)


def test_a_browser_that_hangs_at_start_is_ended(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    browser.shutdown()
    pids = tmp_path / "pids"
    exe = tmp_path / "chromium"
    exe.write_text(f"#!/bin/sh\necho $$ >> {pids}\nexec sleep 300\n")  # never answers on its pipe
    exe.chmod(0o755)
    monkeypatch.setenv(browser.BROWSER_ENV, str(exe))
    monkeypatch.setattr(browser, "START_TIMEOUT", 3.0)
    with pytest.raises(ExportUnavailable, match=r"did not start within 3 s and was ended"):
        images.to_png(_figure("Never"))
    started = [int(p) for p in pids.read_text().split()]
    assert started and not any(_running(p) for p in started)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@needs_browser
def test_no_usable_temp_space_names_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    browser.shutdown()
    not_a_folder = tmp_path / "tmp-is-a-file"
    not_a_folder.write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    with pytest.raises(ExportUnavailable, match=r"no usable temporary folder.*TMPDIR"):
        images.to_png(_figure("No temp"))
