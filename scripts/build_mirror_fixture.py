"""Write the partner-reported test fixture: every reporter's exports to Russia, 2016–2020, from the DOTS
reference extract, in the IMF data portal's IMTS SDMX-CSV layout (values in US dollars, a reporter absent
in a year has no row, as in a real download).

    python scripts/build_mirror_fixture.py [REFERENCE_DIR]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pivotdash.trade import build, countries  # noqa: E402
from pivotdash.trade import groups as g  # noqa: E402

DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "trade"
OUT = ROOT / "tests" / "fixtures" / "trade" / "imts_partner_reported_russia_2016_2020.csv"
YEARS = range(2016, 2021)
HEADER = ["DATAFLOW", "COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY", "TIME_PERIOD", "OBS_VALUE"]


def rows(extract_path: Path) -> list[list[str]]:
    extract = build.read_extract(extract_path.read_bytes())
    mirror = extract[(extract["series"] == build.MIRROR_SERIES) & (extract["partner"] == build.RUSSIA)]
    out = []
    for _, r in mirror.sort_values(["reporter", "year"]).iterrows():
        year, name, value = int(r["year"]), str(r["reporter"]), str(r["value_usd_mn"]).strip()
        if year not in YEARS or not value or g.partner_kind(name) != "country":
            continue
        code = countries.iso3(name)
        if code is None:  # unallocated or unknown reporters have no ISO code: not in an IMTS download
            continue
        out.append(["IMF.STA:IMTS(1.0.0)", f"{code}: {name}", "XG_FOB_USD",
                    "RUS: Russian Federation", "A", str(year), f"{float(value) * 1e6:.0f}"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("reference", nargs="?", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args(argv)
    path = args.reference / build.DOTS_EXTRACT
    if not path.is_file():
        print(f"error: {path} not found", file=sys.stderr)
        return 2
    data = rows(path)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(data)
    print(f"wrote {OUT} ({len(data)} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
