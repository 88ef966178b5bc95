"""Plain-Python geometry for the basemap: TopoJSON decoding, simplification, clipping, point-in-polygon."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence

Point = tuple[float, float]  # (lon, lat) in degrees
Ring = list[Point]
Polygon = list[Ring]  # exterior ring first, then holes

# The map's seam sits in the Atlantic instead of the Pacific: longitudes west of this are shifted by +360,
# so the North Pacific (Sitka, Fort Ross, Kauai) lies east of Kamchatka on one continuous sheet.
WEST_SHIFT_BELOW = 0.0


def shift_lon(lon: float) -> float:
    """A longitude on the map's continuous Pacific sheet (western hemisphere moved past 180°)."""
    return lon + 360.0 if lon < WEST_SHIFT_BELOW else lon


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Absolute (lon, lat) points of every arc: quantized arcs are delta-encoded, then transformed."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        pts: list[Point] = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def arc_points(arcs: Sequence[Sequence[Point]], index: int) -> list[Point]:
    """The points of arc `index`; a negative index (~i) means arc i walked backwards."""
    return list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))


def ring_from_arcs(arcs: Sequence[Sequence[Point]], indexes: Iterable[int]) -> Ring:
    """Join a ring's arcs; consecutive arcs share an end point, which is kept once."""
    ring: Ring = []
    for i in indexes:
        pts = arc_points(arcs, i)
        ring.extend(pts if not ring else pts[1:])
    return ring


def geometry_polygons(arcs: Sequence[Sequence[Point]], geometry: dict) -> list[Polygon]:
    """A TopoJSON Polygon or MultiPolygon as a list of polygons (lists of rings)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[ring_from_arcs(arcs, r) for r in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[ring_from_arcs(arcs, r) for r in poly] for poly in geometry["arcs"]]
    return []


def geometry_arc_ids(geometry: dict) -> set[int]:
    """Every arc (as a non-negative id) a Polygon or MultiPolygon uses."""
    kind = geometry.get("type")
    polys = [geometry["arcs"]] if kind == "Polygon" else geometry.get("arcs", []) if kind == "MultiPolygon" else []
    return {i if i >= 0 else ~i for poly in polys for ring in poly for i in ring}


def _perpendicular(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker on one line; end points are kept, so arcs shared by two countries stay shared.

    A closed line (an island drawn as one arc) is split at its farthest point first, so it keeps
    at least a triangle instead of collapsing onto its start.
    """
    n = len(points)
    if n < 3 or tolerance <= 0:
        return list(points)
    if points[0] == points[-1]:
        far = max(range(n), key=lambda i: math.hypot(points[i][0] - points[0][0], points[i][1] - points[0][1]))
        if far in (0, n - 1):
            return list(points)
        return simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        lo, hi = stack.pop()
        best, best_d = -1, tolerance
        for i in range(lo + 1, hi):
            d = _perpendicular(points[i], points[lo], points[hi])
            if d > best_d:
                best, best_d = i, d
        if best > 0:
            keep[best] = True
            stack += [(lo, best), (best, hi)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _clip_edge(ring: Ring, inside: Callable[[Point], bool], cross: Callable[[Point, Point], Point]) -> Ring:
    out: Ring = []
    if not ring:
        return out
    prev = ring[-1]
    for cur in ring:
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur))
        prev = cur
    return out


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland–Hodgman: the part of a ring inside box (west, south, east, north)."""
    west, south, east, north = box

    def at_x(x: float) -> Callable[[Point, Point], Point]:
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y: float) -> Callable[[Point, Point], Point]:
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    out = list(ring[:-1]) if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    out = _clip_edge(out, lambda p: p[0] >= west, at_x(west))
    out = _clip_edge(out, lambda p: p[0] <= east, at_x(east))
    out = _clip_edge(out, lambda p: p[1] >= south, at_y(south))
    out = _clip_edge(out, lambda p: p[1] <= north, at_y(north))
    if len(out) < 3:
        return []
    return [*out, out[0]]


def clip_polygon(polygon: Polygon, box: tuple[float, float, float, float]) -> Polygon:
    """Clip a polygon's rings; an exterior ring wholly outside drops the polygon."""
    rings = [clip_ring(r, box) for r in polygon]
    if not rings or not rings[0]:
        return []
    return [rings[0], *[r for r in rings[1:] if r]]


def _clip_segment(p: Point, q: Point, box: tuple[float, float, float, float]) -> tuple[Point, Point] | None:
    """Liang–Barsky: the part of segment p→q inside box, or None."""
    west, south, east, north = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for step, room in ((-dx, p[0] - west), (dx, east - p[0]), (-dy, p[1] - south), (dy, north - p[1])):
        if step == 0:
            if room < 0:
                return None
            continue
        t = room / step
        if step < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (p[0] + t0 * dx, p[1] + t0 * dy), (p[0] + t1 * dx, p[1] + t1 * dy)


def clip_line(line: Sequence[Point], box: tuple[float, float, float, float]) -> list[list[Point]]:
    """The pieces of a line inside box, cut exactly at the box edges."""
    pieces: list[list[Point]] = []
    current: list[Point] = []
    for p, q in itertools.pairwise(line):
        part = _clip_segment(p, q, box)
        if part is None:
            if current:
                pieces.append(current)
                current = []
            continue
        a, b = part
        if current and current[-1] == a:
            current.append(b)
        else:
            if current:
                pieces.append(current)
            current = [a, b]
        if b != q:  # left the box inside this segment
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [piece for piece in pieces if len(piece) > 2 or (len(piece) == 2 and piece[0] != piece[1])]


def point_in_ring(point: Point, ring: Sequence[Point]) -> bool:
    """Even–odd ray casting."""
    x, y = point
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_polygon(point: Point, polygon: Polygon) -> bool:
    """Inside the exterior ring and outside every hole."""
    return bool(polygon) and point_in_ring(point, polygon[0]) and not any(point_in_ring(point, h) for h in polygon[1:])
