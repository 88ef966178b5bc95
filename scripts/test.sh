#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then lint, type-check and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system.sh

python3 -m pip install -q --disable-pip-version-check -r requirements-dev.txt
python3 -m pip install -q --disable-pip-version-check --no-deps -e .

python3 -m ruff check .
python3 -m mypy
python3 -m pytest "$@"
