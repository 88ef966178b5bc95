#!/usr/bin/env bash
# Install pivotdash's dependencies and serve the app on http://127.0.0.1:8501 (offline, loopback only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system.sh
python3 -m pip install -q --disable-pip-version-check -r requirements.txt
python3 -m pip install -q --disable-pip-version-check --no-deps -e .
exec python3 -m streamlit run app.py --server.address 127.0.0.1 --server.port 8501
