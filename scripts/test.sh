#!/usr/bin/env bash
# Set up everything the tests need in .venv, then lint, type-check and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system.sh
bash scripts/venv.sh requirements-dev.lock

py=.venv/bin/python
"$py" -m ruff check .
"$py" -m mypy
"$py" -m pytest "$@"
