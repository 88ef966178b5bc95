#!/usr/bin/env bash
# Set up everything the tests need in .venv, then lint, type-check and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system.sh --tests  # the app's packages, plus LibreOffice Impress and poppler
bash scripts/venv.sh requirements-dev.lock
# axe-core for the accessibility browser tests, pinned, from npm into .cache/ (no lock file: it would name
# the registry); skipped with a note where npm is missing, and the tests then say what to install.
AXE_VERSION=4.14.1
if [ ! -f .cache/axe/node_modules/axe-core/package.json ] \
   || ! grep -q "\"version\": \"$AXE_VERSION\"" .cache/axe/node_modules/axe-core/package.json; then
  if command -v npm >/dev/null 2>&1; then
    npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix .cache/axe "axe-core@$AXE_VERSION"
  else
    echo "note: npm not found; the accessibility tests are skipped (apt-get install npm)" >&2
  fi
fi

py=.venv/bin/python
"$py" -m ruff check .
"$py" -m mypy
"$py" -m pytest "$@"
