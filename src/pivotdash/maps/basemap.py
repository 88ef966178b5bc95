"""The committed basemap (Natural Earth 1:50m, clipped to the region): where it lives and how it loads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pivotdash import paths
from pivotdash.errors import DataError, Problem

# West, south, east, north on the shifted sheet: 25°E across the Pacific to 115°W (245), 10°S to 82°N.
BASEMAP_BOX: tuple[float, float, float, float] = (25.0, -10.0, 245.0, 82.0)
BASEMAP_NAME = "far_east_50m.geojson"
BASEMAP_FILE = paths.REPO_ROOT / "data" / "basemap" / BASEMAP_NAME
NATURAL_EARTH = "Natural Earth 1:50m (public domain)"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one loaded basemap, many readers
class Basemap:
    """Country polygons plus coastline and border lines, longitudes on the shifted sheet."""

    countries: list[dict] = field(default_factory=list)  # GeoJSON features (MultiPolygon)
    coasts: list[list[list[float]]] = field(default_factory=list)  # lines of [lon, lat]
    borders: list[list[list[float]]] = field(default_factory=list)
    box: tuple[float, float, float, float] = BASEMAP_BOX
    source: str = NATURAL_EARTH


def basemap_path() -> Path:
    """A deployment's own basemap (`<data dir>/basemap/`) if it has one, else the one in the repository."""
    local = paths.data_dir() / "basemap" / BASEMAP_NAME
    return local if local.exists() else BASEMAP_FILE


def load_basemap(path: Path | None = None) -> Basemap:
    """Read the basemap GeoJSON; a missing or broken file is a DataError naming the file."""
    path = path or basemap_path()
    label = f"basemap/{path.name}"
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([Problem(label, None, None, "basemap file is missing; run scripts/build_basemap.py",
                                 str(path))]) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError([Problem(label, None, None, "basemap is not valid GeoJSON", str(exc)[:80])]) from None
    countries, coasts, borders = [], [], []
    for feature in collection.get("features", []):
        kind = feature.get("properties", {}).get("kind")
        geometry = feature.get("geometry") or {}
        if kind == "country":
            countries.append(feature)
        elif kind == "coast":
            coasts.extend(geometry.get("coordinates", []))
        elif kind == "border":
            borders.extend(geometry.get("coordinates", []))
    if not countries:
        raise DataError([Problem(label, None, None, "basemap has no country polygons", str(path))])
    bbox = [float(v) for v in collection.get("bbox", BASEMAP_BOX)]
    box = (bbox[0], bbox[1], bbox[2], bbox[3]) if len(bbox) == 4 else BASEMAP_BOX
    return Basemap(countries, coasts, borders, box, collection.get("pivotdash", {}).get("source", NATURAL_EARTH))


# The basemap as files the browser loads once and caches (`server.enableStaticServing` serves `static/`),
# so a filter change sends only flashpoints, routes and labels over the websocket.
STATIC_DIR = paths.REPO_ROOT / "static" / "basemap"
# Relative, so it resolves under a path prefix too: /map → /app/static/…, /pivot/map → /pivot/app/static/….
STATIC_URL = "app/static/basemap"
STATIC_LAYERS = ("land", "coasts", "borders")


def static_files(basemap: Basemap) -> dict[str, str]:
    """The basemap's land, coasts and borders as GeoJSON texts, by file name under `static/basemap/`."""

    def lines(kind: str, paths_: list[list[list[float]]]) -> dict:
        return {"type": "Feature", "properties": {"kind": kind},
                "geometry": {"type": "MultiLineString", "coordinates": paths_}}

    collections = {
        "land": basemap.countries,
        "coasts": [lines("coast", basemap.coasts)],
        "borders": [lines("border", basemap.borders)],
    }
    return {f"{name}.geojson": json.dumps({"type": "FeatureCollection", "features": features},
                                          separators=(",", ":"), ensure_ascii=False) + "\n"
            for name, features in collections.items()}


def write_static(basemap: Basemap, folder: Path = STATIC_DIR) -> list[Path]:
    """Write `static_files(basemap)` into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in static_files(basemap).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def static_url() -> str | None:
    """Where the browser loads the basemap from, or None when it must travel inline in the deck.

    Inline when a deployment has its own basemap (the static files are the repository's) or the
    files are missing (a build without `static/`).
    """
    if basemap_path() != BASEMAP_FILE:
        return None
    return STATIC_URL if all((STATIC_DIR / f"{name}.geojson").is_file() for name in STATIC_LAYERS) else None
