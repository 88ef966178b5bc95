"""Where the app's data, seeds and assets live (overridable for tests and deployments)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The data folder: `PIVOTDASH_DATA_DIR` if set, else the repository's `data/`."""
    override = os.environ.get("PIVOTDASH_DATA_DIR")
    return Path(override) if override else REPO_ROOT / "data"


def seeds_dir() -> Path:
    """The folder holding the paper the app is built on."""
    return REPO_ROOT / "seeds"


PAPER_FILE = "000_989e6c13240c27ed.txt"
ASSETS_DIR = REPO_ROOT / "assets"
