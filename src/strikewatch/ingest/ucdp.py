"""Read UCDP's Georeferenced Event Dataset (GED) CSV exports into event dicts."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from typing import Any, TextIO

# UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians).
_TYPES = {"1": "Battles", "2": "Battles", "3": "Violence against civilians"}
_SUFFIXES = (" governorate", " province", " district", " region", " state")


def _admin(value: str | None) -> str | None:
    value = (value or "").strip()
    for suffix in _SUFFIXES:
        if value.lower().endswith(suffix):
            return value[: -len(suffix)]
    return value or None


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(float(value)) if value else None


def read_ucdp(handle: TextIO) -> Iterator[dict[str, Any]]:
    """Yield an event dict (contract fields, ``ref``, ``notes``) per row of a UCDP GED CSV export."""
    reader = csv.DictReader(handle)
    missing = {"id", "date_start", "type_of_violence", "side_a"} - set(reader.fieldnames or [])
    if missing:
        raise ValueError(f"not a UCDP GED export: missing columns {', '.join(sorted(missing))}")
    for row in reader:
        start = date.fromisoformat(row["date_start"].strip()[:10])
        end = row.get("date_end", "").strip()
        precision = _int(row.get("where_prec"))
        yield {
            "ref": row["id"],
            "event_type": _TYPES.get(row["type_of_violence"].strip()),
            "sub_event_type": "Attack" if row["type_of_violence"].strip() == "3" else "Armed clash",
            "date_start": start,
            "date_end": date.fromisoformat(end[:10]) if end else start,
            "actor1": row.get("side_a") or None,
            "actor2": row.get("side_b") or None,
            "location": (row.get("where_coordinates") or "").split(";")[0].strip() or None,
            "admin1": _admin(row.get("adm_1")),
            "admin2": _admin(row.get("adm_2")),
            "country": row.get("country") or None,
            "lat": float(row["latitude"]) if row.get("latitude") else None,
            "lon": float(row["longitude"]) if row.get("longitude") else None,
            "geo_precision": None if precision is None else min(precision, 3),
            "fatalities": _int(row.get("low")) if row.get("low") else _int(row.get("best")),
            "fatalities_max": _int(row.get("high")),
            "certainty": None,
            "weapons": [],
            "attribution": row.get("source_office") or None,
            "notes": row.get("source_headline") or row.get("where_description") or None,
        }
