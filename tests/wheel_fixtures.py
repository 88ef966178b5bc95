"""pivotdash built as a wheel from a copy of the checkout, and installed into a plain folder (no editable link)."""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a build reads; copied so building leaves no build/ or egg-info in the checkout.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "src", "app.py", "pages",
                "data", "seeds", "assets", "static", ".streamlit")


def can_build_offline() -> bool:
    """True when this interpreter's setuptools builds wheels by itself (70.1+; the locked venv has it)."""
    try:
        major, minor = (int(p) for p in importlib.metadata.version("setuptools").split(".")[:2])
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (70, 1)


def build_wheel(work: Path) -> Path:
    """The wheel `pip install .` would install, built in `work` with no download (the build runs here)."""
    tree = work / "tree"
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            tree.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tree / name)
    out = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "-w", str(out), str(tree)], check=True, cwd=work)
    (wheel,) = out.glob("pivotdash-*.whl")
    return wheel


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as z:
        return set(z.namelist())


def install_into(wheel: Path, target: Path) -> Path:
    """The wheel's files unpacked into `target` as pip installs them (dependencies come from this interpreter)."""
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    "--disable-pip-version-check", "--target", str(target), str(wheel)], check=True)
    return target
