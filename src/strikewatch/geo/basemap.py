"""The basemap every map draws, offline and without tiles: world country outlines plus admin-1 boundaries.

- Countries: Natural Earth's 1:50m admin-0 countries (public domain), as TopoJSON from the npm
  package ``world-atlas`` 2.0.2 (``countries-50m.json``), shipped as
  ``data/world_countries_50m.topojson`` and turned into GeoJSON here.
- Admin-1: the ``data/admin1_XX.geojson`` sets strikewatch ships (OCHA's Syrian governorates).

The web desk draws them as vector layers (``GET /api/v1/basemap``); the static report maps
(:mod:`strikewatch.report.maps`) draw the same polygons under their points.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
WORLD = DATA / "world_countries_50m.topojson"


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Return the topology's arcs as absolute coordinates (quantized arcs are delta-encoded)."""
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        out.append(points)
    return out


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[list[float]]:
    ring: list[list[float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # consecutive arcs share their joining point
        ring.extend([list(p) for p in (points if not ring else points[1:])])
    return ring


def topology_features(topology: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Return the GeoJSON features of object ``name`` of a TopoJSON topology."""
    arcs = _arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates: Any = [_ring(arcs, ring) for ring in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(arcs, ring) for ring in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": dict(geometry.get("properties") or {}),
                "geometry": {"type": kind, "coordinates": coordinates},
            }
        )
    return features


@cache
def world_countries() -> dict[str, Any]:
    """Return the world's country outlines as a GeoJSON FeatureCollection (Natural Earth 1:50m)."""
    topology = json.loads(WORLD.read_text(encoding="utf-8"))
    return {"type": "FeatureCollection", "features": topology_features(topology, "countries")}


@cache
def admin1_boundaries() -> dict[str, Any]:
    """Return every shipped admin-1 boundary set as one FeatureCollection (``properties.country`` is the ISO code)."""
    features = []
    for path in sorted(DATA.glob("admin1_*.geojson")):
        code = path.stem.split("_", 1)[1]
        for item in json.loads(path.read_text(encoding="utf-8"))["features"]:
            features.append({**item, "properties": {**item.get("properties", {}), "country": code}})
    return {"type": "FeatureCollection", "features": features}


def rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """Return the outer and inner rings of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []
