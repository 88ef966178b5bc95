#!/usr/bin/env python3
"""Derive the map's basemap from Natural Earth 1:50m (world-atlas countries-50m.json) into a clipped GeoJSON.

Usage:  python scripts/build_basemap.py TARBALL_OR_JSON [--out data/basemap/far_east_50m.geojson]

TARBALL_OR_JSON is the npm tarball of world-atlas@2.0.2 (from `npm pack world-atlas@2.0.2`) or the
countries-50m.json inside it. No network access; no dependency beyond the standard library and pivotdash.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pivotdash.maps.basemap import BASEMAP_BOX, BASEMAP_FILE, load_basemap, write_static
from pivotdash.maps.geometry import (
    Point,
    clip_line,
    clip_polygon,
    decode_arcs,
    geometry_arc_ids,
    geometry_polygons,
    shift_lon,
    simplify,
)

MEMBER = "package/countries-50m.json"
# Douglas–Peucker tolerance in degrees (~1 km): keeps the Kurils, Tsushima and Baranof recognisable
# while the whole region stays near 1.5 MB.
TOLERANCE = 0.01
DECIMALS = 3  # ~100 m


def read_topology(path: Path) -> tuple[dict, str, str]:
    """The TopoJSON, the name it was read from and the SHA-256 of the input file."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if path.suffix in (".tgz", ".gz") or tarfile.is_tarfile(path):
        with tarfile.open(path) as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{path}: no {MEMBER} inside")
            package = tar.extractfile("package/package.json")
            version = json.load(package).get("version", "?") if package else "?"
            return json.loads(member.read()), f"world-atlas@{version}/{MEMBER.split('/')[-1]}", digest
    return json.loads(raw), path.name, digest


def _round(points: list[Point]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _needs_shift(points: list[Point]) -> bool:
    """A piece lying wholly west of Greenwich, or one that crosses the antimeridian (Chukotka, Fiji)."""
    xs = [x for x, _ in points]
    return bool(xs) and (max(xs) < 0 or max(xs) - min(xs) > 180)


def _shift(points: list[Point]) -> list[Point]:
    return [(shift_lon(x), y) for x, y in points]


def _on_antimeridian(points: list[Point]) -> bool:
    # Natural Earth cuts Chukotka and Wrangel Island at ±180°; that cut is not a coastline.
    return all(abs(abs(x) - 180.0) < 1e-6 for x, _ in points)


def build(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    uses: dict[int, int] = {}
    for g in countries:
        for i in geometry_arc_ids(g):
            uses[i] = uses.get(i, 0) + 1
    simple = [simplify(a, TOLERANCE) for a in arcs]

    features = []
    for g in countries:
        polys = []
        for poly in geometry_polygons(simple, g):
            if not poly or not poly[0]:
                continue
            # A polygon moves as a whole, decided by its exterior ring, so its holes move with it.
            shifted = [_shift(r) for r in poly] if _needs_shift(poly[0]) else poly
            clipped = clip_polygon(shifted, BASEMAP_BOX)
            rings = [_round(r) for r in clipped]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                polys.append(rings)
        if polys:
            features.append({
                "type": "Feature",
                "properties": {"kind": "country", "name": g.get("properties", {}).get("name", ""),
                               "iso_n3": str(g.get("id", ""))},
                "geometry": {"type": "MultiPolygon", "coordinates": polys},
            })

    lines: dict[str, list[list[list[float]]]] = {"coast": [], "border": []}
    for i, arc in enumerate(simple):
        if i not in uses or _on_antimeridian(arc):
            continue
        kind = "border" if uses[i] > 1 else "coast"
        for piece in clip_line(_shift(arc) if _needs_shift(arc) else arc, BASEMAP_BOX):
            rounded = _round(piece)
            if len(rounded) >= 2:
                lines[kind].append(rounded)
    for kind, parts in lines.items():
        features.append({
            "type": "Feature",
            "properties": {"kind": kind, "name": ""},
            "geometry": {"type": "MultiLineString", "coordinates": parts},
        })
    return {"type": "FeatureCollection", "bbox": list(BASEMAP_BOX), "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="world-atlas npm tarball or countries-50m.json")
    parser.add_argument("--out", type=Path, default=BASEMAP_FILE)
    args = parser.parse_args(argv)
    topology, name, digest = read_topology(args.source)
    collection = build(topology)
    collection["pivotdash"] = {
        "source": "Natural Earth 1:50m Admin 0 countries (v4.1.0), via " + name,
        "source_sha256": digest,
        "licence": "Public domain (Natural Earth); TopoJSON packaging ISC, Mike Bostock",
        "derivation": (
            f"arcs decoded, Douglas-Peucker {TOLERANCE} deg per shared arc, western hemisphere +360 deg, "
            f"clipped to lon {BASEMAP_BOX[0]}..{BASEMAP_BOX[2]} lat {BASEMAP_BOX[1]}..{BASEMAP_BOX[3]}, "
            f"{DECIMALS} decimals"
        ),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    n_countries = sum(1 for f in collection["features"] if f["properties"]["kind"] == "country")
    print(f"wrote {args.out} ({len(text) / 1e6:.2f} MB, {n_countries} countries)")
    if args.out == BASEMAP_FILE:  # the copies the browser loads by URL follow the committed basemap
        for path in write_static(load_basemap(args.out)):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
