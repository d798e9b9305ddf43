"""OGC API – Features (Part 1: Core, GeoJSON) over the events, so QGIS or ArcGIS add the store as a layer.

``/`` (landing page, when JSON is asked for: ``?f=json`` or ``Accept: application/json``; a browser
gets the desk), ``/conformance``, ``/collections``, ``/collections/events``,
``/collections/events/items`` (``bbox``, ``datetime``, ``limit``, ``offset``, plus the desk's
filters) and ``/collections/events/items/{featureId}``. Pages link to the next one (``rel=next``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select

from strikewatch.errors import ConfigError
from strikewatch.export.geo import feature
from strikewatch.filters import EventFilter
from strikewatch.model import NAMESPACE
from strikewatch.serve.auth import Caller, reader
from strikewatch.serve.params import event_filter
from strikewatch.store.query import EVENTS, select_events

router = APIRouter(tags=["ogc"])
GEOJSON = "application/geo+json"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
MAX_ITEMS = 10_000


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _json(data: dict[str, Any], media: str = "application/json") -> JSONResponse:
    return JSONResponse(data, media_type=media)


def landing(request: Request) -> JSONResponse:
    """Return the OGC API landing page."""
    base = _base(request)
    return _json(
        {
            "title": "strikewatch events",
            "description": "Conflict events extracted from reports, with their evidence and review status.",
            "links": [
                {"href": f"{base}/?f=json", "rel": "self", "type": "application/json", "title": "This document"},
                {
                    "href": f"{base}/openapi.json",
                    "rel": "service-desc",
                    "type": "application/vnd.oai.openapi+json;version=3.0",
                    "title": "The API definition",
                },
                {"href": f"{base}/conformance", "rel": "conformance", "type": "application/json"},
                {"href": f"{base}/collections", "rel": "data", "type": "application/json"},
            ],
        }
    )


@router.get("/conformance", summary="OGC API – Features: the conformance classes")
def conformance(_caller: Annotated[Caller, Depends(reader)]) -> JSONResponse:
    """Return the conformance classes this server implements."""
    return _json({"conformsTo": CONFORMANCE})


def _collection(request: Request) -> dict[str, Any]:
    base = _base(request)
    engine = request.app.state.desk.store.engine
    with engine.connect() as conn:
        first, last = conn.execute(
            select(func.min(EVENTS.c.date_start), func.max(EVENTS.c.date_start)).where(EVENTS.c.namespace == NAMESPACE)
        ).one()
    interval = [[_instant(first), _instant(last)]]
    return {
        "id": "events",
        "title": "Conflict events",
        "description": "Events extracted by strikewatch: type, date, actors, place, fatalities, certainty.",
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {"spatial": {"bbox": [[-180, -90, 180, 90]], "crs": CRS84}, "temporal": {"interval": interval}},
        "links": [
            {"href": f"{base}/collections/events", "rel": "self", "type": "application/json"},
            {"href": f"{base}/collections/events/items", "rel": "items", "type": GEOJSON, "title": "Events"},
        ],
    }


def _instant(value: Any) -> str | None:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.isoformat()}T00:00:00Z" if isinstance(value, date) else None


@router.get("/collections", summary="OGC API – Features: the collections")
def collections(request: Request, _caller: Annotated[Caller, Depends(reader)]) -> JSONResponse:
    """Return the one collection, ``events``."""
    base = _base(request)
    return _json(
        {
            "links": [{"href": f"{base}/collections", "rel": "self", "type": "application/json"}],
            "collections": [_collection(request)],
        }
    )


@router.get("/collections/events", summary="OGC API – Features: the events collection")
def events_collection(request: Request, _caller: Annotated[Caller, Depends(reader)]) -> JSONResponse:
    """Return the description of the ``events`` collection (extent, links)."""
    return _json(_collection(request))


def _day(text: str, *, end: bool) -> date | None:
    text = text.strip()
    if text in ("", ".."):
        return None
    try:
        if "T" in text or " " in text:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC)
            return moment.date()
        return date.fromisoformat(text)
    except ValueError as exc:
        which = "end" if end else "start"
        raise ConfigError(f"datetime: {which} {text!r} is not an RFC 3339 date or date-time") from exc


def parse_datetime(value: str | None) -> tuple[date | None, date | None]:
    """Return the days an OGC ``datetime`` (an instant, ``a/b``, ``../b`` or ``a/..``) spans."""
    if not value:
        return None, None
    if "/" in value:
        start, _, end = value.partition("/")
        first, last = _day(start, end=False), _day(end, end=True)
        if first and last and last < first:
            raise ConfigError(f"datetime {value!r}: the interval ends before it starts")
        return first, last
    day = _day(value, end=False)
    return day, day


@router.get("/collections/events/items", summary="OGC API – Features: the events as GeoJSON", response_class=Response)
def items(
    request: Request,
    where: Annotated[EventFilter, Depends(event_filter)],
    _caller: Annotated[Caller, Depends(reader)],
    datetime_: Annotated[str | None, Query(alias="datetime", max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_ITEMS)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**8)] = 0,
) -> JSONResponse:
    """Return a page of events as a GeoJSON FeatureCollection with ``numberMatched`` and a ``next`` link."""
    first, last = parse_datetime(datetime_)
    where = replace(where, date_from=first or where.date_from, date_to=last or where.date_to)
    desk = request.app.state.desk
    engine = desk.store.engine
    with engine.connect() as conn:
        rows = conn.execute(select_events(where, engine.dialect.name).limit(limit).offset(offset)).all()
    matched = desk.index.count(where)
    if matched is None:
        matched = desk.store.count_events(where)
    features = [_feature(row) for row in rows]
    query = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit")]
    base = f"{_base(request)}/collections/events/items"

    def link(rel: str, start: int) -> dict[str, str]:
        from urllib.parse import urlencode

        params = urlencode([*query, ("limit", str(limit)), ("offset", str(start))])
        return {"href": f"{base}?{params}", "rel": rel, "type": GEOJSON}

    links = [link("self", offset)]
    if offset + len(features) < matched:
        links.append(link("next", offset + limit))
    if offset > 0:
        links.append(link("prev", max(0, offset - limit)))
    body = {
        "type": "FeatureCollection",
        "features": features,
        "numberMatched": matched,
        "numberReturned": len(features),
        "timeStamp": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "links": links,
    }
    return _json(body, GEOJSON)


@router.get("/collections/events/items/{feature_id}", summary="OGC API – Features: one event", response_class=Response)
def item(request: Request, feature_id: str, _caller: Annotated[Caller, Depends(reader)]) -> JSONResponse:
    """Return one event as a GeoJSON Feature."""
    from strikewatch.serve.routes.events import stored_event

    engine = request.app.state.desk.store.engine
    with engine.connect() as conn:
        row = stored_event(conn, feature_id)
    body = _feature(row)
    body["links"] = [
        {"href": f"{_base(request)}/collections/events/items/{feature_id}", "rel": "self", "type": GEOJSON},
        {"href": f"{_base(request)}/collections/events", "rel": "collection", "type": "application/json"},
    ]
    return _json(body, GEOJSON)


def _feature(row: Any) -> dict[str, Any]:
    from strikewatch.serve.routes.events import api_event

    event = api_event(row)
    out = feature({**event, "incident": event["incident_id"]})
    out["properties"]["review_status"] = event["review_status"]
    return out
