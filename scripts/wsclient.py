"""One Streamlit session over its websocket, as the browser speaks it: open a page, rerun with widget states,
count what the server sent back. For the benchmarks that measure a real server (not AppTest)."""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def cpu_s(pid: int) -> float:
    """User plus system CPU seconds `pid` has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of `pid` in MB, from /proc (no psutil needed)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Run:
    """One script run as the client saw it."""

    wall: float = 0.0  # rerun sent -> script_finished, seconds
    size: int = 0  # websocket bytes the server sent for it
    elements: list[str] = field(default_factory=list)  # element types, in order
    problems: list[str] = field(default_factory=list)
    widgets: dict[str, str] = field(default_factory=dict)  # label -> widget id
    by_type: dict[str, int] = field(default_factory=dict)  # element type -> bytes of its messages


_WIDGETS = ("multiselect", "selectbox", "radio", "slider", "text_input", "checkbox", "button_group",
            "segmented_control", "date_input", "number_input", "toggle")


def _note(el: Any, run: Run) -> None:
    etype = el.WhichOneof("type")
    run.elements.append(etype)
    if etype == "exception":
        run.problems.append(f"exception: {el.exception.type}: {el.exception.message[:160]}")
    elif etype == "alert" and el.alert.format == 1:  # Alert.ERROR
        run.problems.append(f"st.error: {el.alert.body[:160]}")
    elif etype in _WIDGETS:
        widget = getattr(el, etype)
        label = getattr(widget, "label", "")
        if label and getattr(widget, "id", ""):
            run.widgets.setdefault(label, widget.id)


class Session:
    """A websocket session on a Streamlit server at 127.0.0.1:`port`."""

    def __init__(self, port: int, page: str = "", query: str = "") -> None:
        self.port, self.page, self.query = port, page, query
        self.ws: Any = None
        self.widgets: dict[str, str] = {}

    async def __aenter__(self) -> Session:
        import websockets

        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"http://127.0.0.1:{self.port}", max_size=None, open_timeout=60)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def rerun(self, strings: dict[str, list[str]] | None = None, timeout: float = 120) -> Run:
        """Run the page with these multiselect values (by widget label; None: the first run)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.page_name = self.page
        msg.rerun_script.query_string = self.query
        for label, values in (strings or {}).items():
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = self.widgets[label]
            state.string_array_value.data.extend(values)
        run = Run()
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=timeout)
            run.size += len(raw)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                _note(fm.delta.new_element, run)
                etype = run.elements[-1]
                run.by_type[etype] = run.by_type.get(etype, 0) + len(raw)
            elif kind == "script_finished":
                if fm.script_finished == 2:  # finished early for a rerun the server started itself
                    continue
                if fm.script_finished == 1:
                    run.problems.append("script failed to compile")
                run.wall = time.perf_counter() - started
                self.widgets.update(run.widgets)
                return run
