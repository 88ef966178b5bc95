"""`pip install .` ships a working app: the wheel holds app.py, pages, data, the paper, assets and the config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pivotdash import cli, paths, serve
from tests.wheel_fixtures import ROOT, build_wheel, can_build_offline, install_into, wheel_names


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not can_build_offline():
        pytest.skip("this interpreter's setuptools is older than 70.1 (scripts/test.sh's .venv has the locked one)")
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def _checkout_files(*folders: str) -> set[str]:
    return {p.relative_to(ROOT).as_posix() for f in folders for p in (ROOT / f).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def test_the_wheel_carries_the_app_its_data_paper_and_config(wheel: Path) -> None:
    names = wheel_names(wheel)
    app_files = _checkout_files("pages", "data", "seeds", "assets", "static") | {"app.py", ".streamlit/config.toml"}
    missing = sorted(f for f in app_files if f"pivotdash/_app/{f}" not in names)
    assert not missing, f"not in {wheel.name}: {missing}"
    assert f"pivotdash/_app/seeds/{paths.PAPER_FILE}" in names
    assert "pivotdash/paths.py" in names and "pivotdash/serve.py" in names
    assert not any(n.startswith(("tests/", "pivotdash/_app/tests/")) for n in names)


def test_an_installed_copy_finds_its_files_outside_any_checkout(wheel: Path, tmp_path: Path) -> None:
    site = install_into(wheel, tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = ("from pivotdash import paths, paper; print(paths.REPO_ROOT); print(paths.data_dir()); "
             "print(len(paper.load_paper().paragraph_ids))")
    env = {k: v for k, v in os.environ.items() if k != "PIVOTDASH_DATA_DIR"} | {"PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", probe], cwd=elsewhere, env=env, capture_output=True, text=True,
                         check=True).stdout.split("\n")
    home = site / "pivotdash" / "_app"
    assert out[0] == str(home) and out[1] == str(home / "data")
    assert int(out[2]) > 20  # the paper parsed from the shipped seed


def test_the_checkout_is_the_home_of_an_editable_install() -> None:
    assert paths.REPO_ROOT == ROOT


def test_serve_runs_streamlit_on_loopback_8501_and_extra_arguments_win() -> None:
    argv = serve.command(["--server.port", "8600"])
    assert argv[:5] == [sys.executable, "-m", "streamlit", "run", "app.py"]
    rest = argv[5:]
    assert rest[rest.index("--server.address") + 1] == "127.0.0.1"
    assert rest[-2:] == ["--server.port", "8600"]  # click keeps the last value of a repeated option


def test_serve_without_app_py_says_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert serve.serve([], home=tmp_path) == 1
    assert str(tmp_path / "app.py") in capsys.readouterr().err


def test_cli_serve_hands_every_later_argument_to_streamlit(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(serve, "serve", lambda extra: seen.append(list(extra)) or 0)
    assert cli.main(["serve", "--server.port", "8600", "--help"]) == 0
    assert seen == [["--server.port", "8600", "--help"]]
