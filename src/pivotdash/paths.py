"""Where the app's data, seeds and assets live (overridable for tests and deployments)."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]
# `pip install .` copies app.py, pages/, data/, seeds/, assets/, static/ and .streamlit/ here (see setup.py).
SHIPPED = _PACKAGE / "_app"


def _home() -> Path:
    """The checkout (app.py beside src/pivotdash, also for `pip install -e .`), else the shipped copy."""
    if (_CHECKOUT / "app.py").is_file() and (_CHECKOUT / "src" / "pivotdash").is_dir():
        return _CHECKOUT
    return SHIPPED


REPO_ROOT = _home()
"""The folder holding app.py, pages/, data/, seeds/, assets/, static/ and .streamlit/config.toml."""


def data_dir() -> Path:
    """The data folder: `PIVOTDASH_DATA_DIR` if set, else the app's `data/`."""
    override = os.environ.get("PIVOTDASH_DATA_DIR")
    return Path(override) if override else REPO_ROOT / "data"


def seeds_dir() -> Path:
    """The folder holding the paper the app is built on."""
    return REPO_ROOT / "seeds"


PAPER_FILE = "000_989e6c13240c27ed.txt"
ASSETS_DIR = REPO_ROOT / "assets"
