"""The basemap: TopoJSON decoding, simplification and clipping, and the committed file itself."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest

from pivotdash.maps.basemap import BASEMAP_BOX, BASEMAP_FILE, load_basemap
from pivotdash.maps.geometry import (
    clip_line,
    clip_ring,
    decode_arcs,
    geometry_polygons,
    point_in_polygon,
    ring_from_arcs,
    shift_lon,
    simplify,
)

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("build_basemap", ROOT / "scripts" / "build_basemap.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_arcs_are_delta_decoded_then_transformed():
    topo = {"transform": {"scale": [0.5, 2.0], "translate": [10.0, -5.0]}, "arcs": [[[2, 3], [1, 0], [0, -1]]]}
    # positions 2,3 → 3,3 → 3,2 ; times scale plus translate
    assert decode_arcs(topo) == [[(11.0, 1.0), (11.5, 1.0), (11.5, -1.0)]]


def test_rings_join_arcs_and_negative_indexes_walk_backwards():
    arcs = [[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0)]]
    # arc 0 forwards, then arc 1 backwards (~1 == -2): the shared corner (1, 1) is kept once
    assert ring_from_arcs(arcs, [0, -2]) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    multi = {"type": "MultiPolygon", "arcs": [[[0, -2]], [[0, -2]]]}
    assert len(geometry_polygons(arcs, multi)) == 2


def test_simplify_keeps_ends_and_keeps_small_islands_as_shapes():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0)]
    island = [(0.0, 0.0), (0.1, 0.0), (0.1, 0.1), (0.0, 0.1), (0.0, 0.0)]
    kept = simplify(island, 0.5)
    assert kept[0] == kept[-1] and len(kept) >= 3


def test_clipping_cuts_at_the_box():
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    clipped = clip_ring(square, (5.0, -1.0, 20.0, 20.0))
    assert {p[0] for p in clipped} == {5.0, 10.0}
    assert clip_line([(0.0, 5.0), (10.0, 5.0)], (2.0, 0.0, 8.0, 10.0)) == [[(2.0, 5.0), (8.0, 5.0)]]
    assert clip_ring(square, (20.0, 20.0, 30.0, 30.0)) == []


def test_build_shifts_the_pacific_and_tells_borders_from_coasts():
    """A tiny topology: two 'countries' sharing one arc, one of them straddling the antimeridian."""
    arcs = [
        [[179.0, 60.0], [179.0, 62.0]],                                   # 0: shared border
        [[179.0, 62.0], [-179.0, 62.0], [-179.0, 60.0], [179.0, 60.0]],   # 1: east country's outer coast
        [[179.0, 62.0], [178.0, 62.0], [178.0, 60.0], [179.0, 60.0]],     # 2: west country's outer coast
    ]
    geometries = [
        {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "Straddler"}},
        {"type": "Polygon", "arcs": [[2, -1]], "id": "2", "properties": {"name": "West"}},
    ]
    topology = {"type": "Topology", "arcs": arcs,
                "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}}}
    out = _script().build(topology)
    countries = {f["properties"]["name"]: f for f in out["features"] if f["properties"]["kind"] == "country"}
    xs = [p[0] for p in countries["Straddler"]["geometry"]["coordinates"][0][0]]
    assert min(xs) == 179.0 and max(xs) == 181.0  # -179 became 181: one continuous polygon
    lines = {f["properties"]["kind"]: f["geometry"]["coordinates"] for f in out["features"]
             if f["properties"]["kind"] in ("coast", "border")}
    assert lines["border"] == [[[179.0, 60.0], [179.0, 62.0]]]
    assert len(lines["coast"]) == 2


@pytest.fixture(scope="module")
def basemap():
    return load_basemap()


# Published coordinates (the places' Wikipedia infoboxes) of the islands 1:110m loses.
ISLANDS = {
    "Iturup (southern Kurils)": (45.033, 147.617, "Russia"),
    "Paramushir (northern Kurils)": (50.333, 155.750, "Russia"),
    "Tsushima Island": (34.417, 129.333, "Japan"),
    "Baranof Island (centre, 57°N 135°W)": (57.0, -135.0, "United States of America"),
    "Baranof Island (infobox)": (56.95139, -134.94778, "United States of America"),
    "Sakhalin": (51.0, 143.0, "Russia"),
    "Kauaʻi": (22.083, -159.5, "United States of America"),
    # An interior point of Hokkaido (the island spans 40°33′–45°33′N, 139°20′–148°53′E).
    "Hokkaido": (43.5, 142.5, "Japan"),
}


@pytest.mark.parametrize("place", sorted(ISLANDS))
def test_small_islands_are_land(basemap, place):
    lat, lon, country = ISLANDS[place]
    point = (shift_lon(lon), lat)
    hits = [f["properties"]["name"] for f in basemap.countries
            for poly in f["geometry"]["coordinates"]
            if point_in_polygon(point, [[tuple(p) for p in ring] for ring in poly])]
    assert hits == [country]


def test_sea_is_not_land(basemap):
    # The middle of the Sea of Japan and of the Sea of Okhotsk.
    for lat, lon in ((40.0, 135.0), (53.0, 148.0)):
        assert not any(point_in_polygon((lon, lat), [[tuple(p) for p in r] for r in poly])
                       for f in basemap.countries for poly in f["geometry"]["coordinates"])


def test_pacific_sheet_is_continuous_across_180(basemap):
    west, south, east, north = BASEMAP_BOX
    crossing = 0
    for f in basemap.countries:
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                xs = [p[0] for p in ring]
                assert west <= min(xs) and max(xs) <= east
                assert all(south <= p[1] <= north for p in ring)
                # no wrap-around jump between neighbouring points
                assert all(abs(a - b) < 20 for a, b in itertools.pairwise(xs))
                if min(xs) < 180 < max(xs):
                    crossing += 1
    assert crossing >= 1  # Chukotka is one ring on both sides of 180°
    for line in basemap.coasts + basemap.borders:
        xs = [p[0] for p in line]
        assert all(abs(a - b) < 20 for a, b in itertools.pairwise(xs))


def test_file_is_small_and_documented():
    assert BASEMAP_FILE.stat().st_size < 3_000_000
    meta = json.loads(BASEMAP_FILE.read_text(encoding="utf-8"))["pivotdash"]
    assert "Natural Earth" in meta["source"] and "public domain" in meta["licence"].lower()
    readme = (BASEMAP_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert "world-atlas@2.0.2" in readme and "build_basemap.py" in readme


def test_missing_basemap_is_a_data_error(tmp_path):
    from pivotdash.errors import DataError

    with pytest.raises(DataError) as err:
        load_basemap(tmp_path / "none.geojson")
    assert "missing" in err.value.problems[0].rule


def test_the_served_basemap_files_are_the_committed_basemap() -> None:
    """static/basemap/ is what the map's layers load by URL: it must be the data file's geometry, byte for byte."""
    from pivotdash.maps.basemap import STATIC_DIR, static_files, static_url

    basemap = load_basemap(BASEMAP_FILE)
    expected = static_files(basemap)
    assert sorted(expected) == ["borders.geojson", "coasts.geojson", "land.geojson"]
    for name, text in expected.items():
        assert (STATIC_DIR / name).read_text(encoding="utf-8") == text, f"static/basemap/{name} is stale: " \
            "run scripts/build_basemap.py, or write_static(load_basemap())"
    land = json.loads(expected["land.geojson"])
    assert len(land["features"]) == len(basemap.countries)
    coasts = json.loads(expected["coasts.geojson"])["features"][0]["geometry"]["coordinates"]
    assert coasts == basemap.coasts
    assert static_url() == "app/static/basemap"


def test_a_deployments_own_basemap_travels_inline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pivotdash.maps.basemap import static_url

    (tmp_path / "basemap").mkdir()
    (tmp_path / "basemap" / BASEMAP_FILE.name).write_text(BASEMAP_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("PIVOTDASH_DATA_DIR", str(tmp_path))
    assert static_url() is None  # the files under static/ are the repository's, not this deployment's
