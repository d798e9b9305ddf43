"""Maps of events over admin-1 boundaries: a static one (matplotlib PNG/SVG) and an offline Leaflet one.

The basemap is the world's country outlines (Natural Earth, :mod:`strikewatch.geo.basemap`), the same
the web desk draws, with the admin-1 GeoJSON files shipped in ``strikewatch/data``
(``admin1_XX.geojson``) over them. A boundary set is drawn when an event falls inside its bounding
box. Events only placed on a province or region (geo precision 3) outside every drawn boundary set
(a sea, a vague region) are left off the map extent and counted instead. The interactive map has no tile layer: its base
map is the boundary outlines, and Leaflet's JS and CSS come from the ``xstatic-leaflet`` package
and are inlined, so the page makes no network request.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from strikewatch.analyze import Record
from strikewatch.geo.basemap import rings
from strikewatch.report.charts import figure_bytes

DATA = Path(__file__).resolve().parents[1] / "data"
NEIGHBOURS, SEA = "#e9e5db", "#dce9f2"  # countries around the shipped admin-1 sets, and the sea
COLOURS = ["#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#117a65", "#873600", "#566573"]


@cache
def boundary_sets() -> dict[str, dict[str, Any]]:
    """Return the admin-1 GeoJSON FeatureCollection of each country shipped, by ISO code."""
    out = {}
    for path in sorted(DATA.glob("admin1_*.geojson")):
        out[path.stem.split("_", 1)[1]] = json.loads(path.read_text(encoding="utf-8"))
    return out


@cache
def _bbox(code: str) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for feature in boundary_sets()[code]["features"]:
        for ring in rings(feature["geometry"]):
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def countries_within(extent: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """Return the world's country outlines (the basemap's GeoJSON features) that reach into ``extent``."""
    from strikewatch.geo.basemap import world_countries

    west, south, east, north = extent
    out = []
    for feature in world_countries()["features"]:
        points = [p for ring in rings(feature["geometry"]) for p in ring]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if points and min(xs) <= east and max(xs) >= west and min(ys) <= north and max(ys) >= south:
            out.append(feature)
    return out


def lonlat(record: Record) -> tuple[float, float]:
    """Return the longitude and latitude of a located record (``nan`` when it has none)."""
    place = record.event.place
    if place is None or place.lon is None or place.lat is None:
        return float("nan"), float("nan")
    return float(place.lon), float(place.lat)


def _inside(box: tuple[float, float, float, float], lon: float, lat: float) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


@dataclass(frozen=True, slots=True)
class MapData:
    """What a map shows: boundary sets, located events, the extent and how many events were left off."""

    boundaries: list[str]
    points: list[Record]
    extent: tuple[float, float, float, float]
    left_off: int


def map_data(items: list[Record]) -> MapData:
    """Return the boundary sets, points and extent of the map of ``items``."""
    located = [r for r in items if r.event.place and r.event.place.lat is not None and r.event.place.lon is not None]
    sets = boundary_sets()
    used = sorted(code for code in sets if any(_inside(_bbox(code), *lonlat(r)) for r in located))
    boxes = [_bbox(c) for c in used]
    points = []
    for r in located:
        inside = any(_inside(b, *lonlat(r)) for b in boxes)
        if inside or (r.event.geo_precision or 1) < 3:
            points.append(r)
    xs = [b[0] for b in boxes] + [b[2] for b in boxes] + [lonlat(r)[0] for r in points]
    ys = [b[1] for b in boxes] + [b[3] for b in boxes] + [lonlat(r)[1] for r in points]
    if not xs:
        return MapData(used, points, (35.5, 32.0, 42.5, 37.5), len(items) - len(points))
    pad_x, pad_y = max(0.5, (max(xs) - min(xs)) * 0.05), max(0.5, (max(ys) - min(ys)) * 0.05)
    extent = (min(xs) - pad_x, min(ys) - pad_y, max(xs) + pad_x, max(ys) + pad_y)
    return MapData(used, points, extent, len(items) - len(points))


def _colour_index(items: list[Record]) -> dict[str, str]:
    kinds: dict[str, int] = {}
    for r in items:
        kind = str(r.event.sub_event_type or r.event.event_type or "Other")
        kinds[kind] = kinds.get(kind, 0) + 1
    ordered = sorted(kinds, key=lambda k: -kinds[k])
    return {k: COLOURS[min(i, len(COLOURS) - 1)] for i, k in enumerate(ordered)}


def static_map(data: MapData, fmt: str = "png", dpi: int = 130) -> bytes:
    """Return the static map as PNG or SVG bytes: boundaries, labels and events sized by fatalities."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection

    fig, ax = plt.subplots(figsize=(8, 6.5))
    try:
        ax.set_facecolor(SEA)
        countries = [ring for f in countries_within(data.extent) for ring in rings(f["geometry"])]
        ax.add_collection(
            PolyCollection(countries, facecolors=NEIGHBOURS, edgecolors="#8a8a8a", linewidths=0.5, zorder=0)
        )
        for code in data.boundaries:
            polys, labels = [], []
            for feature in boundary_sets()[code]["features"]:
                outlines = rings(feature["geometry"])
                polys += outlines
                biggest = max(outlines, key=len)
                cx = sum(p[0] for p in biggest) / len(biggest)
                cy = sum(p[1] for p in biggest) / len(biggest)
                labels.append((cx, cy, feature["properties"].get("name", "")))
            ax.add_collection(PolyCollection(polys, facecolors="#f4f1ea", edgecolors="#6b6b6b", linewidths=0.6))
            for cx, cy, name in labels:
                ax.annotate(name, (cx, cy), fontsize=6.5, color="#555555", ha="center", alpha=0.8)
        colours = _colour_index(data.points)
        for kind, colour in colours.items():
            pts = [r for r in data.points if str(r.event.sub_event_type or r.event.event_type or "Other") == kind]
            sizes = [18 + 4 * min(60, r.event.fatalities or 0) for r in pts]
            ax.scatter(
                [lonlat(r)[0] for r in pts],
                [lonlat(r)[1] for r in pts],
                s=sizes,
                c=colour,
                alpha=0.75,
                edgecolors="white",
                linewidths=0.5,
                label=f"{kind} ({len(pts)})",
                zorder=3,
            )
        ax.set_xlim(data.extent[0], data.extent[2])
        ax.set_ylim(data.extent[1], data.extent[3])
        ax.set_aspect(1 / math.cos(math.radians((data.extent[1] + data.extent[3]) / 2)))
        ax.set_xlabel("longitude")
        ax.set_ylabel("latitude")
        title = f"{len(data.points)} located events"
        if data.left_off:
            title += f" ({data.left_off} without a point on this map)"
        ax.set_title(title, fontsize=10)
        if colours:
            ax.legend(loc="lower left", fontsize=7, framealpha=0.9)
        return figure_bytes(fig, fmt, dpi)
    finally:
        plt.close(fig)


def leaflet_assets() -> tuple[str, str]:
    """Return Leaflet's JavaScript and CSS from the ``xstatic-leaflet`` package (to inline in a page)."""
    from xstatic.pkg import leaflet

    base = Path(leaflet.BASE_DIR)
    return (base / "leaflet.js").read_text(encoding="utf-8"), (base / "leaflet.css").read_text(encoding="utf-8")


def leaflet_data(data: MapData, anchors: dict[str, str]) -> dict[str, Any]:
    """Return the JSON the interactive map draws: boundary features, event points and the extent."""
    colours = _colour_index(data.points)
    features = [f for code in data.boundaries for f in boundary_sets()[code]["features"]]
    points = []
    for r in data.points:
        e = r.event
        kind = str(e.sub_event_type or e.event_type or "Other")
        points.append(
            {
                "lat": lonlat(r)[1],
                "lon": lonlat(r)[0],
                "colour": colours[kind],
                "radius": 4 + min(10, (e.fatalities or 0) ** 0.5),
                "anchor": anchors.get(r.key, ""),
                "label": f"{r.day or 'undated'} · {e.location} · {kind}"
                + (f" · {e.fatalities} killed" if e.fatalities else ""),
            }
        )
    west, south, east, north = data.extent
    wider = (west - (east - west), south - (north - south), east + (east - west), north + (north - south))
    return {
        "countries": {"type": "FeatureCollection", "features": countries_within(wider)},
        "boundaries": {"type": "FeatureCollection", "features": features},
        "points": points,
        "bounds": [[data.extent[1], data.extent[0]], [data.extent[3], data.extent[2]]],
    }
