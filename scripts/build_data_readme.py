#!/usr/bin/env python3
"""Write data/README.md from the data catalogue (pivotdash.catalogue): rerun after declaring or changing a file.

Usage:  python scripts/build_data_readme.py [--check]
--check exits 1 if data/README.md differs from what the code would write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pivotdash.provenance import readme_markdown  # noqa: E402

TARGET = ROOT / "data" / "README.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that data/README.md is up to date")
    args = parser.parse_args()
    text = readme_markdown()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python scripts/build_data_readme.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
