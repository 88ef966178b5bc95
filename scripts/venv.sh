#!/usr/bin/env bash
# Make or refresh the checkout's virtual environment (.venv) from a lock file: bash scripts/venv.sh LOCK.
# Debian's own python3 refuses `pip install` outside a venv (PEP 668), so everything goes into .venv.
# A stamp holding the lock's and pyproject.toml's hash skips pip when neither has changed.
set -euo pipefail
cd "$(dirname "$0")/.."
lock="${1:?usage: bash scripts/venv.sh requirements.lock|requirements-dev.lock}"
venv=.venv
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "error: $python not found. Install Python 3.11 or later (Debian: apt-get install python3 python3-venv)." >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: $(command -v "$python") is Python $("$python" -c 'import platform; print(platform.python_version())');" \
       "pivotdash needs 3.11 or later (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi

# A .venv whose interpreter is gone or has no pip (a venv made without ensurepip) is rebuilt.
if [ -d "$venv" ] && ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  echo "$venv is broken (no working python or pip): recreating it"
  rm -rf "$venv"
fi
if [ ! -d "$venv" ]; then
  if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    echo "error: $(command -v "$python") cannot create a virtual environment (no venv/ensurepip module)." >&2
    echo "  On Debian or Ubuntu: apt-get install python3-venv   (as root, or with sudo)" >&2
    echo "  Or point PYTHON at another Python 3.11+ that has venv, e.g. PYTHON=/opt/python3.11/bin/python3" >&2
    exit 1
  fi
  echo "creating $venv with $(command -v "$python")"
  "$python" -m venv "$venv"
fi

stamp="$venv/.pivotdash-$(basename "$lock").sha256"
want="$(cat "$lock" pyproject.toml | "$venv/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "installing $lock into $venv"
rm -f "$stamp"
pip=("$venv/bin/python" -m pip -q --disable-pip-version-check)
"${pip[@]}" install --require-hashes -r "$lock"
# setuptools comes from the lock, so building pivotdash itself needs nothing unlocked.
"${pip[@]}" install --no-deps --no-build-isolation -e .
echo "$want" > "$stamp"
