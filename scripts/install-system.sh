#!/usr/bin/env bash
# Debian packages pivotdash needs: Chromium (static chart export, browser tests) and the fonts charts
# and PDFs are drawn with. Skipped when already present; needs root or sudo.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if ! command -v chromium >/dev/null 2>&1 || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
   || [ ! -d /usr/share/fonts/truetype/liberation ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-dejavu-core \
    fonts-liberation >/dev/null
fi
