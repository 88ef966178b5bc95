"""Ships the app beside the code: a built wheel holds app.py, pages/, data/, seeds/, assets/, static/ and the
Streamlit config under pivotdash/_app/, where pivotdash.paths finds them once installed."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# The checkout keeps these at the top level; an editable install reads them there instead.
APP_FILES = ("app.py", "pages", "data", "seeds", "assets", "static", ".streamlit/config.toml")


class BuildWithApp(build_py):
    """build_py, plus a copy of the app's files into the built package (not for editable installs)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "pivotdash" / "_app"
        shutil.rmtree(target, ignore_errors=True)  # a file deleted from the checkout must not linger in a build
        for name in APP_FILES:
            source, dest = ROOT / name, target / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, dest)


setup(cmdclass={"build_py": BuildWithApp})
