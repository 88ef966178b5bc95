"""data/flashpoints.csv and data/routes.csv: fixed ids, a source on every row, places where they belong."""

from __future__ import annotations

import csv
import itertools
import math
from pathlib import Path

import pytest

from pivotdash import catalogue, schema
from pivotdash.loading import read_file
from pivotdash.maps import basemap
from pivotdash.maps.geometry import shift_lon

DATA = Path(__file__).resolve().parents[2] / "data"

# The contract's fixed flashpoint ids (CONTRACT.md).
FIXED_IDS = {
    "kuril_islands", "southern_kurils", "sakhalin", "vladivostok", "amur_aigun", "damansky_zhenbao",
    "zhalanashkol", "khalkhin_gol", "port_arthur", "tsushima", "mukden", "harbin", "beijing", "parallel_38",
    "dokdo_takeshima", "south_china_sea_2016", "sitka", "fort_ross", "fort_elizabeth_kauai", "guangzhou", "crimea",
}

# Rough boxes (lat_min, lat_max, lon_min, lon_max; western longitudes negative) for every country named in
# the countries column. A flashpoint must lie in the box of at least one of its countries.
BOXES: dict[str, list[tuple[float, float, float, float]]] = {
    "Russia": [(41.0, 82.0, 19.0, 180.0), (60.0, 72.0, -180.0, -169.0)],
    "China": [(18.0, 53.6, 73.5, 135.1)],
    "Japan": [(24.0, 45.6, 122.9, 153.99)],
    "Mongolia": [(41.5, 52.2, 87.7, 119.95)],
    "Kazakhstan": [(40.5, 55.5, 46.5, 87.4)],
    "North Korea": [(37.6, 43.0, 124.2, 130.7)],
    "South Korea": [(33.0, 38.7, 124.5, 131.9)],
    "Ukraine": [(44.3, 52.4, 22.1, 40.3)],
    "United States": [(51.0, 71.5, -179.0, -129.9),   # Alaska
                      (24.5, 49.4, -125.0, -66.9),    # contiguous states
                      (18.9, 22.3, -160.3, -154.8)],  # Hawaii
}
# States of their time, named where a place's history predates today's borders.
BOXES["Soviet Union"] = BOXES["Russia"] + BOXES["Kazakhstan"]
BOXES["Kingdom of Hawaii"] = [BOXES["United States"][2]]


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def flashpoints() -> list[dict[str, str]]:
    return _rows("flashpoints.csv")


@pytest.fixture(scope="module")
def routes() -> list[dict[str, str]]:
    return _rows("routes.csv")


def test_files_pass_the_project_validation():
    for spec in (catalogue.FLASHPOINTS, catalogue.ROUTE_POINTS):
        frame, problems = read_file(DATA / spec.name, spec)
        assert frame is not None and problems == [], [str(p) for p in problems]


def test_flashpoint_ids_are_exactly_the_contract(flashpoints):
    ids = [r["id"] for r in flashpoints]
    assert len(ids) == len(set(ids))
    assert set(ids) == FIXED_IDS


def test_every_row_names_its_source(flashpoints, routes):
    for row in flashpoints + routes:
        assert row["source"].strip(), row
        assert row["source_url"].startswith(("https://", "http://")), row


def test_texts_are_plain(flashpoints):
    for row in flashpoints:
        for col in ("name", "summary", "years", "countries"):
            assert not set(row[col]) & set("<>*[]`"), (row["id"], col)
        assert row["kind"] in schema.FLASHPOINT_KINDS


@pytest.mark.parametrize("fid", sorted(FIXED_IDS))
def test_flashpoint_lies_in_one_of_its_countries(flashpoints, fid):
    row = next(r for r in flashpoints if r["id"] == fid)
    lat, lon = float(row["lat"]), float(row["lon"])
    assert -90 <= lat <= 90 and -180 <= lon <= 180
    countries = [c for c in row["countries"].split(";") if c]
    assert countries and all(c in BOXES for c in countries), countries
    assert any(a <= lat <= b and c <= lon <= d for name in countries for a, b, c, d in BOXES[name]), (
        fid, lat, lon, countries)


def _km(a: dict[str, str], b: dict[str, str]) -> float:
    p1, p2 = math.radians(float(a["lat"])), math.radians(float(b["lat"]))
    dl = math.radians(float(b["lon"]) - float(a["lon"]))
    return 6371 * math.acos(min(1.0, math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)))


def test_routes_are_ordered_and_continuous(routes):
    by_route: dict[str, list[dict[str, str]]] = {}
    for row in routes:
        by_route.setdefault(row["route_id"], []).append(row)
    assert set(by_route) == set(schema.ROUTES)
    for route_id, rows in by_route.items():
        seqs = [int(r["seq"]) for r in rows]
        assert seqs == list(range(1, len(rows) + 1)), route_id
        # consecutive waypoints are stations on one line, not a jump across the continent
        assert all(_km(a, b) < 1200 for a, b in itertools.pairwise(rows)), route_id
    names = {k: [r["name"] for r in v] for k, v in by_route.items()}
    assert names["trans_siberian"][0].startswith("Moscow") and names["trans_siberian"][-1] == "Vladivostok"
    assert "Harbin" in names["chinese_eastern"] and names["chinese_eastern"][0] == "Chita"
    assert names["power_of_siberia"][-1] == "Blagoveshchensk"
    # the southern branch leaves the main line at Harbin and runs by Mukden to Port Arthur
    south = names["chinese_eastern_south"]
    assert south[0] == "Harbin" and "Mukden (Shenyang)" in south and south[-1] == "Port Arthur (Lüshun)"
    harbin = next(r for r in by_route["chinese_eastern"] if r["name"] == "Harbin")
    assert (harbin["lat"], harbin["lon"]) == (by_route["chinese_eastern_south"][0]["lat"],
                                              by_route["chinese_eastern_south"][0]["lon"])


def test_the_basemap_covers_every_route_and_flashpoint(routes, flashpoints):
    west, south, east, north = basemap.BASEMAP_BOX
    for row in [*routes, *flashpoints]:
        lon = shift_lon(float(row["lon"]))
        assert west <= lon <= east and south <= float(row["lat"]) <= north, row["name"]


def test_every_event_flashpoint_resolves(flashpoints):
    assert (DATA / "events.csv").is_file(), "data/events.csv is committed: it must be there"
    ids = {r["id"] for r in flashpoints}
    used = {r["flashpoint_id"] for r in _rows("events.csv") if r.get("flashpoint_id")}
    assert used <= ids, used - ids
