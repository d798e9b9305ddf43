"""Query parameters shared by the API's routes: the event filter, and page cursors."""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Annotated, Any

from fastapi import Query

from strikewatch.errors import ConfigError
from strikewatch.filters import EventFilter
from strikewatch.model import NAMESPACE

MAX_LIMIT = 1000


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """Return ``MIN_LON,MIN_LAT,MAX_LON,MAX_LAT`` as numbers (ConfigError when it is not that)."""
    if value is None or value == "":
        return None
    try:
        parts = [float(part) for part in value.split(",")]
    except ValueError as exc:
        raise ConfigError(f"bbox {value!r}: give MIN_LON,MIN_LAT,MAX_LON,MAX_LAT") from exc
    if len(parts) == 6:  # OGC allows a 3D box: drop the heights
        parts = [parts[0], parts[1], parts[3], parts[4]]
    if len(parts) != 4 or any(p != p or abs(p) == float("inf") for p in parts):
        raise ConfigError(f"bbox {value!r}: give four numbers MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")
    west, south, east, north = parts
    if south > north or not (-90 <= south <= 90 and -90 <= north <= 90):
        raise ConfigError(f"bbox {value!r}: latitudes must lie in -90..90, the southern one first")
    if east < west:  # across the antimeridian: two boxes are not expressible, take the whole width
        west, east = -180.0, 180.0
    return west, south, east, north


def event_filter(
    date_from: Annotated[date | None, Query(alias="from", description="Earliest start date (YYYY-MM-DD).")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Latest start date (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, Query(max_length=200)] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="Event type or sub-event type.")] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor on either side.")] = None,
    certainty: Annotated[str | None, Query(max_length=20)] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words to find in the documents' text.")] = None,
    review_status: Annotated[str | None, Query(max_length=20, description="machine, reviewed, verified…")] = None,
    namespace: Annotated[str, Query(max_length=16, description="strikewatch, acled or ucdp.")] = NAMESPACE,
) -> EventFilter:
    """Return the :class:`EventFilter` of the request's query parameters (those of ``strikewatch events``)."""
    for name, value in (("country", country), ("admin1", admin1), ("event_type", event_type),
                        ("sub_event_type", sub_event_type), ("actor", actor), ("certainty", certainty),
                        ("review_status", review_status), ("namespace", namespace)):  # fmt: skip
        if value and "\x00" in value:
            raise ConfigError(f"{name} contains a NUL character: send plain text")
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        country=country or None,
        admin1=admin1 or None,
        bbox=parse_bbox(bbox),
        actor=actor or None,
        event_type=event_type or None,
        certainty=certainty or None,
        text=q.strip() or None if q else None,
        sub_event_type=sub_event_type or None,
        review_status=review_status or None,
        namespace=namespace,
    )


def encode_cursor(values: list[Any]) -> str:
    """Return an opaque cursor for the position after a row."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    """Return the position a cursor names (ConfigError for one this server did not make)."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError("cursor is not one this server gave: start again without it") from exc
    if not isinstance(values, list) or len(values) != 2 or not isinstance(values[1], str):
        raise ConfigError("cursor is not one this server gave: start again without it")
    if values[0] is not None:
        try:
            values[0] = date.fromisoformat(values[0])
        except (TypeError, ValueError) as exc:
            raise ConfigError("cursor is not one this server gave: start again without it") from exc
    return values
