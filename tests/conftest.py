"""Shared fixtures: the small valid dataset and a way to break one cell of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def minimal_dir(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid dataset."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    return target
