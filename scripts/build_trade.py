"""Derive data/trade/*.csv from the IMF DOTS and RICardo extracts: python scripts/build_trade.py [REFERENCE_DIR]."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pivotdash.trade import build  # noqa: E402

DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "trade"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("reference", nargs="?", type=Path, default=DEFAULT_REFERENCE,
                        help="folder holding the two extracts (default: ../shared/reference/trade)")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "trade", help="where to write the tables")
    args = parser.parse_args(argv)
    raw = {}
    for name, expected in build.EXTRACT_SHA256.items():
        path = args.reference / name
        if not path.is_file():
            print(f"error: {path} not found", file=sys.stderr)
            return 2
        raw[name] = path.read_bytes()
        digest = hashlib.sha256(raw[name]).hexdigest()
        flag = "matches PROVENANCE.md" if digest == expected else f"DIFFERS from PROVENANCE.md ({expected})"
        print(f"{name}: sha256 {digest} {flag}")
    tables = build.build_all(raw[build.DOTS_EXTRACT], raw[build.RICARDO_EXTRACT])
    args.out.mkdir(parents=True, exist_ok=True)
    for name, content in tables.items():
        (args.out / name).write_bytes(content)
        rows = content.count(b"\n") - 1
        print(f"wrote {args.out / name} ({rows} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
