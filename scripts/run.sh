#!/usr/bin/env bash
# Set up pivotdash in .venv and serve the app on http://127.0.0.1:8501 (offline, loopback only).
# Extra arguments go to `streamlit run`, e.g. `bash scripts/run.sh --server.port 8502`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system.sh
bash scripts/venv.sh requirements.lock
exec .venv/bin/pivotdash serve "$@"
