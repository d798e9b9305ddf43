"""Conversions between the domain model and the store's rows (plain dicts, for SQLAlchemy Core)."""

from __future__ import annotations

from datetime import date
from typing import Any

from strikewatch.model import Event
from strikewatch.store.schema import place_id

# The contract's EVENT fields, in the contract's order, as stored on an event row.
EVENT_FIELDS = (
    "event_type",
    "sub_event_type",
    "date_start",
    "date_end",
    "time_precision",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "lat",
    "lon",
    "geonameid",
    "geo_precision",
    "fatalities",
    "fatalities_max",
    "weapons",
    "certainty",
    "attribution",
)


def event_row(event: Event, document_id: str, seq: int, namespace: str) -> dict[str, Any]:
    """Return the ``events`` row of an extracted event (``seq`` is its rank in the document)."""
    data = event.to_dict()
    place = event.place
    row: dict[str, Any] = {name: data[name] for name in EVENT_FIELDS}
    row.update(
        id=f"{document_id}:{seq}",
        namespace=namespace,
        document_id=document_id,
        seq=seq,
        ref=None,
        date_start=event.date_start,
        date_end=event.date_end or event.date_start,
        admin2=place.admin2 if place else None,
        place_id=place_row(row)["id"] if place else None,
        evidence={**data["evidence"], "spans": data["spans"]},
        notes=None,
        review_status="machine",
    )
    return row


def place_row(row: dict[str, Any]) -> dict[str, Any]:
    """Return the ``places`` row of the place an event row names."""
    return {
        "id": place_id(row["location"], row["admin1"], row["country"], row["lat"], row["lon"]),
        "name": row["location"],
        "admin1": row["admin1"],
        "admin2": row.get("admin2"),
        "country": row["country"],
        "lat": row["lat"],
        "lon": row["lon"],
        "geonameid": row.get("geonameid"),
        "feature": row.get("feature"),
    }


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else None


def event_dict(row: Any) -> dict[str, Any]:
    """Return the contract's EVENT object of a stored event row, plus ``id``, ``document``, ``namespace``,
    ``incident`` and the document's ``publisher``."""
    mapping = row._mapping if hasattr(row, "_mapping") else row
    out: dict[str, Any] = {name: mapping[name] for name in EVENT_FIELDS}
    out["date_start"] = _iso(mapping["date_start"])
    out["date_end"] = _iso(mapping["date_end"]) or out["date_start"]
    out["weapons"] = list(mapping["weapons"] or [])
    evidence = dict(mapping["evidence"] or {})
    out["spans"] = evidence.pop("spans", {})
    out["evidence"] = evidence or None
    out["admin2"] = mapping["admin2"]
    out["id"] = mapping["id"]
    out["namespace"] = mapping["namespace"]
    out["document"] = mapping.get("document_ref")
    out["document_url"] = mapping.get("document_url")  # as the document gave it: outputs ask safe_link
    out["document_id"] = mapping["document_id"]
    out["incident"] = mapping.get("incident_id")
    out["publisher"] = mapping.get("publisher")
    out["ref"] = mapping["ref"]
    out["notes"] = mapping["notes"]
    out["review_status"] = mapping.get("review_status") or "machine"
    return out
