"""Small, dependency-free polygon tools: Douglas-Peucker simplification and point-in-polygon.

Geometries are GeoJSON-shaped nested lists of ``[lon, lat]`` pairs. A *multipolygon* here is a list
of polygons, each a list of rings (the first the outer ring, the others holes).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "AdminArea",
    "AdminPolygons",
    "as_multipolygon",
    "bbox",
    "point_in_multipolygon",
    "point_in_ring",
    "simplify_ring",
]

Ring = list[list[float]]
Polygon = list[Ring]
MultiPolygon = list[Polygon]


def _perp_distance(p: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
    """Distance (in coordinate units) from point ``p`` to the segment ``a``-``b``."""
    ax, ay = a[0], a[1]
    dx, dy = b[0] - ax, b[1] - ay
    if dx == 0 and dy == 0:
        return float(((p[0] - ax) ** 2 + (p[1] - ay) ** 2) ** 0.5)
    t = ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return float(((p[0] - ax - t * dx) ** 2 + (p[1] - ay - t * dy) ** 2) ** 0.5)


def _douglas_peucker(points: Sequence[Sequence[float]], tolerance: float) -> list[list[float]]:
    """Iterative Douglas-Peucker on an open polyline; keeps both end points."""
    n = len(points)
    if n < 3:
        return [list(p) for p in points]
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        a, b = points[first], points[last]
        for i in range(first + 1, last):
            d = _perp_distance(points[i], a, b)
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [list(points[i]) for i in range(n) if keep[i]]


def simplify_ring(ring: Sequence[Sequence[float]], tolerance: float, digits: int = 4) -> Ring:
    """Simplify a closed ring with Douglas-Peucker, rounding coordinates to ``digits`` decimals.

    The ring is split at the vertex farthest from its first vertex, so a closed ring does not
    collapse; a ring that would keep fewer than 4 points (3 corners plus closure) is returned with its
    extreme points so that it stays a valid (if coarse) ring.
    """
    pts = [[round(float(x), digits), round(float(y), digits)] for x, y, *_ in ring]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]
    if len(pts) < 3:
        return [*pts, pts[0]] if pts else []
    far = max(range(len(pts)), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
    left = _douglas_peucker(pts[: far + 1], tolerance)
    right = _douglas_peucker([*pts[far:], pts[0]], tolerance)
    out = left[:-1] + right[:-1]
    if len(out) < 3:
        out = pts if len(pts) <= 4 else [pts[0], pts[len(pts) // 3], pts[2 * len(pts) // 3]]
    return [*out, out[0]]


def as_multipolygon(geometry: dict[str, Any]) -> MultiPolygon:
    """Return a GeoJSON Polygon/MultiPolygon geometry's coordinates as a multipolygon."""
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    raise ValueError(f"not a polygon geometry: {kind!r}")


def point_in_ring(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    """Ray casting: is ``(lon, lat)`` inside the closed ``ring``?"""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_multipolygon(lon: float, lat: float, multipolygon: MultiPolygon) -> bool:
    """Is ``(lon, lat)`` inside any polygon's outer ring and outside that polygon's holes?"""
    for polygon in multipolygon:
        if (
            polygon
            and point_in_ring(lon, lat, polygon[0])
            and not any(point_in_ring(lon, lat, hole) for hole in polygon[1:])
        ):
            return True
    return False


def bbox(multipolygon: MultiPolygon) -> tuple[float, float, float, float]:
    """Bounding box ``(min_lon, min_lat, max_lon, max_lat)`` of the outer rings."""
    xs = [p[0] for poly in multipolygon for p in poly[0]]
    ys = [p[1] for poly in multipolygon for p in poly[0]]
    return min(xs), min(ys), max(xs), max(ys)


def _ring_distance(lon: float, lat: float, multipolygon: MultiPolygon) -> float:
    """Smallest distance (degrees) from a point to any outer ring's vertices and edges."""
    best = float("inf")
    p = (lon, lat)
    for polygon in multipolygon:
        ring = polygon[0]
        for a, b in itertools.pairwise(ring):
            best = min(best, _perp_distance(p, a, b))
    return best


@dataclass(frozen=True, slots=True)
class AdminArea:
    """One administrative area with its (simplified) geometry."""

    name: str
    pcode: str
    parent: str | None
    geometry: MultiPolygon
    bbox: tuple[float, float, float, float]


class AdminPolygons:
    """The admin areas of one level, answering "which area holds this point?".

    ``snap`` (degrees) lets a point just outside every polygon (a coastal town, or a border town
    cut off by simplification) take the nearest area within that distance.
    """

    def __init__(self, areas: Iterable[AdminArea], snap: float = 0.05) -> None:
        self.areas = list(areas)
        self.snap = snap

    @classmethod
    def from_geojson(cls, path: str | Path, level: int, snap: float = 0.05) -> AdminPolygons:
        """Load a FeatureCollection whose features carry ``name``/``pcode``/``parent`` (or OCHA's
        ``admN_name``/``admN_pcode``) properties."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        areas = []
        for feature in data.get("features", []):
            props = feature.get("properties") or {}
            name = props.get("name") or props.get(f"adm{level}_name")
            pcode = props.get("pcode") or props.get(f"adm{level}_pcode")
            parent = props.get("parent") or props.get(f"adm{level - 1}_name")
            geom = as_multipolygon(feature["geometry"])
            areas.append(AdminArea(str(name), str(pcode), parent, geom, bbox(geom)))
        return cls(areas, snap=snap)

    def locate(self, lat: float, lon: float) -> AdminArea | None:
        """Return the area holding the point, else the nearest one within ``snap`` degrees."""
        near: list[AdminArea] = []
        for area in self.areas:
            x0, y0, x1, y1 = area.bbox
            if x0 <= lon <= x1 and y0 <= lat <= y1:
                if point_in_multipolygon(lon, lat, area.geometry):
                    return area
                near.append(area)
            elif x0 - self.snap <= lon <= x1 + self.snap and y0 - self.snap <= lat <= y1 + self.snap:
                near.append(area)
        if not near or self.snap <= 0:
            return None
        best = min(near, key=lambda a: _ring_distance(lon, lat, a.geometry))
        return best if _ring_distance(lon, lat, best.geometry) <= self.snap else None
