"""`pivotdash serve`: the app on http://127.0.0.1:8501 with the project's Streamlit config, as scripts/run.sh does."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pivotdash import paths

# Also in .streamlit/config.toml; repeated here so a user-wide Streamlit config cannot widen the address.
DEFAULTS = ("--server.address", "127.0.0.1", "--server.port", "8501")


def command(extra: Sequence[str] = ()) -> list[str]:
    """The `streamlit run` command line; `extra` arguments come last, so they win (e.g. --server.port)."""
    return [sys.executable, "-m", "streamlit", "run", "app.py", *DEFAULTS, *extra]


def serve(extra: Sequence[str] = (), home: Path | None = None) -> int:
    """Replace this process by Streamlit serving app.py from `home` (Streamlit reads .streamlit/ from the cwd)."""
    home = home or paths.REPO_ROOT
    if not (home / "app.py").is_file():
        print(f"error: {home / 'app.py'} is missing: reinstall pivotdash (pip install .)", file=sys.stderr)
        return 1
    os.chdir(home)
    argv = command(extra)
    sys.stdout.flush()
    os.execv(argv[0], argv)
    return 0  # pragma: no cover - execv does not return
