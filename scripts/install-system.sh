#!/usr/bin/env bash
# The Debian packages pivotdash uses, installed by apt when run as root and missing:
#   python3-venv             the checkout's .venv (Debian's python3 refuses pip outside a venv)
#   chromium                 PNG/SVG/PDF charts, the deck, the PDF briefing and the zip; browser tests
#   fonts-dejavu-core        the PDF briefing's fonts (Cyrillic and typographic quotes)
#   fonts-liberation         the charts' font (DejaVu is the fallback)
# With `--tests` (scripts/test.sh) also what only the tests use, which the app never needs:
#   libreoffice-impress      opens each test deck headless and converts it to PDF (the deck→PDF page test)
#   poppler-utils            pdftoppm and pdftotext: that PDF's pages as images, the PDF briefing's text
# Without root it installs nothing: it names what is missing, how to install it, and what works without it.
set -euo pipefail

tests=0
case "${1:-}" in
  --tests) tests=1 ;;
  "") ;;
  *) echo "usage: $0 [--tests]" >&2; exit 2 ;;
esac
python="${PYTHON:-python3}"
browser="${PIVOTDASH_BROWSER:-}"
font_dir="${PIVOTDASH_FONT_DIR:-}"
missing=()
notes=()

# python3-venv only helps Debian's own interpreter; another Python brings (or lacks) its own venv.
py_path="$(command -v "$python" 2>/dev/null || true)"
if [ -n "$py_path" ] && [[ "$(readlink -f "$py_path")" == /usr/bin/* ]] \
   && ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=(python3-venv)
  notes+=("python3-venv: nothing can be installed without it (the app and the tests run in .venv)")
fi
if [ -n "$browser" ]; then
  [ -x "$browser" ] || echo "warning: PIVOTDASH_BROWSER=$browser is not an executable file" >&2
elif ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium chromium-driver)
  notes+=("chromium: the app runs; HTML and CSV exports and each chart's camera button work. PNG, SVG and PDF" \
          "  charts, the PowerPoint deck, the PDF briefing and the zip need a Chrome/Chromium (or set" \
          "  PIVOTDASH_BROWSER=/path/to/chrome); the browser tests need /usr/bin/chromium")
fi
if [ -n "$font_dir" ]; then
  for f in DejaVuSans.ttf DejaVuSans-Bold.ttf; do
    [ -f "$font_dir/$f" ] || echo "warning: PIVOTDASH_FONT_DIR=$font_dir holds no $f" >&2
  done
elif [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ ! -f /usr/share/fonts/dejavu/DejaVuSans.ttf ]; then
  missing+=(fonts-dejavu-core)
  notes+=("fonts-dejavu-core: everything but the PDF briefing works (or set PIVOTDASH_FONT_DIR to a folder" \
          "  holding DejaVuSans.ttf and DejaVuSans-Bold.ttf)")
fi
if [ ! -d /usr/share/fonts/truetype/liberation ]; then
  missing+=(fonts-liberation)
  notes+=("fonts-liberation: charts fall back to DejaVu Sans or the browser's sans-serif")
fi

if [ "$tests" -eq 1 ]; then
  if ! command -v soffice >/dev/null 2>&1; then
    missing+=(libreoffice-impress)
    notes+=("libreoffice-impress: the test that opens a deck in LibreOffice and checks no page is blank is skipped")
  fi
  if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    missing+=(poppler-utils)
    notes+=("poppler-utils: the deck→PDF page test is skipped and the PDF briefing's text is not read back")
  fi
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
{
  echo "pivotdash: these Debian packages are missing: ${missing[*]}"
  echo "  install them as root:  apt-get install ${missing[*]}   (or: sudo apt-get install ${missing[*]})"
  echo "  without them:"
  printf '    %s\n' "${notes[@]}"
} >&2
# Only a missing venv stops the set-up; the rest degrades as described above.
if [[ " ${missing[*]} " == *" python3-venv "* ]]; then
  exit 1
fi
