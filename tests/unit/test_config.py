"""The server configuration keeps an offline analyst machine closed: loopback, no telemetry, no dev tools."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    with CONFIG.open("rb") as fh:
        return tomllib.load(fh)


def test_server_listens_on_loopback_only(config):
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["serverAddress"] in ("127.0.0.1", "localhost")
    assert config["server"]["headless"] is True


def test_xsrf_protection_is_on(config):
    assert config["server"]["enableXsrfProtection"] is True


def test_development_mode_and_run_on_save_are_off(config):
    assert config["global"]["developmentMode"] is False
    assert config["server"].get("runOnSave", False) is False


def test_no_usage_statistics_leave_the_machine(config):
    assert config["browser"]["gatherUsageStats"] is False


def test_uploads_are_small(config):
    size = config["server"]["maxUploadSize"]
    assert isinstance(size, int) and 1 <= size <= 10  # megabytes: a trade extract, not a dump


def test_no_developer_toolbar_or_error_details(config):
    assert config["client"]["toolbarMode"] == "minimal"
    assert config["client"]["showErrorDetails"] == "none"


def test_error_boxes_carry_no_links_to_outside_search_engines(config, monkeypatch: pytest.MonkeyPatch):
    from streamlit import config as st_config
    from streamlit.proto.NewSession_pb2 import Config
    from streamlit.runtime.app_session import _get_show_error_links

    assert config["client"]["showErrorLinks"] is False
    monkeypatch.chdir(CONFIG.parents[1])
    st_config.get_config_options(force_reparse=True, options_from_flags={})
    # What the browser is told when a session starts ("auto" would show the links on localhost).
    assert _get_show_error_links() == Config.ShowErrorLinks.SHOW_ERROR_LINKS_FALSE


def test_streamlit_reads_the_same_values(monkeypatch: pytest.MonkeyPatch):
    """The file is spelt so streamlit itself applies it (a typo in a key would be silently ignored)."""
    from streamlit import config as st_config

    monkeypatch.chdir(CONFIG.parents[1])  # streamlit reads ./.streamlit/config.toml

    st_config.get_config_options(force_reparse=True, options_from_flags={})
    expected = {
        "server.address": "127.0.0.1",
        "server.enableXsrfProtection": True,
        "global.developmentMode": False,
        "browser.gatherUsageStats": False,
        "client.toolbarMode": "minimal",
        "client.showErrorDetails": "none",
    }
    for key, value in expected.items():
        assert st_config.get_option(key) == value, key
    assert st_config.get_option("server.maxUploadSize") <= 10


def test_source_files_are_not_watched(config):
    """With the watcher on, a module rewritten while sessions run (a deploy, a `git pull`) is unloaded under
    the other sessions' feet: 20 concurrent sessions got 10 tracebacks (KeyError: 'pivotdash', ImportError)
    in docs/benchmarks/load.md's experiment; with `none`, 0. Analysts' data edits are still seen: the
    loaders key their caches on the data files' mtimes, not on the watcher."""
    assert config["server"].get("fileWatcherType") == "none"
