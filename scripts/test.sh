#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then lint, type-check and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian's Chromium drives the browser tests and renders static exports (kaleido); fonts for images/PDF.
if ! command -v chromium >/dev/null 2>&1 || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-dejavu-core \
    fonts-liberation >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -r requirements-dev.txt
python3 -m pip install -q --disable-pip-version-check --no-deps -e .

python3 -m ruff check .
python3 -m mypy
python3 -m pytest "$@"
