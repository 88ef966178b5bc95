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


def _contrast(a: str, b: str) -> float:
    from pivotdash.theme import contrast

    return contrast(a, b)


def _over(colour: str, alpha: float, background: str) -> str:
    fg, bg = colour.lstrip("#"), background.lstrip("#")
    return "#" + "".join(f"{round(alpha * int(fg[i:i + 2], 16) + (1 - alpha) * int(bg[i:i + 2], 16)):02x}"
                         for i in (0, 2, 4))


# The page and the sidebar in each theme (Streamlit's light sidebar, and secondaryBackgroundColor in the dark one).
GROUNDS = [("light", "#ffffff"), ("light", "#f8f8f7"), ("dark", "#0e1117"), ("dark", "#262730")]


@pytest.mark.parametrize(("section", "background"), GROUNDS)
def test_theme_text_streamlit_derives_meets_wcag_aa_contrast(config, section, background):
    """Captions are textColor at 60% opacity; a selected segmented control is primaryColor on a 10% tint of it
    (Streamlit's defaults give 3.9:1 and 4.47:1, measured by axe-core; AA needs 4.5:1 for body-size text)."""
    text, primary = config["theme"][section]["textColor"], config["theme"][section]["primaryColor"]
    assert _contrast(_over(text, 0.6, background), background) >= 4.5
    assert _contrast(primary, _over(primary, 0.1, background)) >= 4.5
    assert _contrast(primary, background) >= 4.5  # the slider's year labels


def test_the_dark_theme_is_the_charts_dark_surface_and_its_primary_labels_read(config):
    """Charts and the map sit on the page's own dark colour; on the light dark-theme primaryColor, primary buttons
    and chosen tags are labelled in that dark colour (pivotdash.ui.appearance), not Streamlit's white."""
    from pivotdash import theme
    from pivotdash.ui.appearance import DARK_CSS

    dark = config["theme"]["dark"]
    assert dark["backgroundColor"].upper() == theme.DARK.background
    assert config["theme"]["light"]["backgroundColor"].upper() == theme.LIGHT.background
    assert f"color: {theme.DARK.background}" in DARK_CSS
    assert _contrast(theme.DARK.background, dark["primaryColor"]) >= 4.5
    assert _contrast("#ffffff", dark["primaryColor"]) < 4.5  # why the override is needed
    assert "base" not in config["theme"]  # a fixed base would stop the app following the browser


def test_streamlit_reads_the_same_values(config, monkeypatch: pytest.MonkeyPatch):
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
        "client.showErrorLinks": False,
        "theme.light.textColor": config["theme"]["light"]["textColor"],
        "theme.light.primaryColor": config["theme"]["light"]["primaryColor"],
        "theme.dark.backgroundColor": config["theme"]["dark"]["backgroundColor"],
        "theme.dark.primaryColor": config["theme"]["dark"]["primaryColor"],
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


def test_the_basemap_is_served_and_reruns_skip_the_full_collection(config):
    """static/ is served (the map's basemap loads by URL, once), and Streamlit's gc.collect() after every run
    is off: docs/benchmarks/load.md measured 30 sessions at p95 2.4 s with it, 0.32 s without."""
    assert config["server"].get("enableStaticServing") is True
    assert config["runner"].get("postScriptGC") is False
