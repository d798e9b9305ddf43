"""Events: the filtered list (cursor pages), one event with its evidence and history, edits, review, undo."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import and_, or_, select, tuple_

from strikewatch.errors import ConfigError, NotFound
from strikewatch.filters import EventFilter
from strikewatch.links import safe_link
from strikewatch.serve.auth import Caller, analyst, reader
from strikewatch.serve.params import MAX_LIMIT, decode_cursor, encode_cursor, event_filter
from strikewatch.store import edits
from strikewatch.store.query import DOCUMENTS, EVENTS, LINKS, select_events
from strikewatch.store.rows import event_dict

router = APIRouter(prefix="/api/v1", tags=["events"])
EXPORT_LIMIT = 200_000


def api_event(row: Any) -> dict[str, Any]:
    """Return a stored event row as the API shows it: contract fields, ids, incident, review status."""
    out = event_dict(row)
    out["incident_id"] = out.pop("incident")
    return out


def stored_event(conn: Any, event_id: str) -> Any:
    """Return the row of event ``event_id`` with its document's ref and its incident (NotFound if none)."""
    row = conn.execute(
        select(EVENTS, DOCUMENTS.c.ref.label("document_ref"), LINKS.c.incident_id)
        .outerjoin(DOCUMENTS, DOCUMENTS.c.id == EVENTS.c.document_id)
        .outerjoin(LINKS, LINKS.c.event_id == EVENTS.c.id)
        .where(EVENTS.c.id == event_id)
    ).first()
    if row is None:
        raise NotFound(f"event {event_id!r} not found: list events with GET /api/v1/events")
    return row


def _after(dialect: str, cursor: list[Any]) -> Any:
    """Return the condition "after this (date_start, id)" in the order the dialect sorts (NULL dates first in
    SQLite, last in PostgreSQL)."""
    day, event_id = cursor
    if day is None:
        tail = and_(EVENTS.c.date_start.is_(None), EVENTS.c.id > event_id)
        return or_(tail, EVENTS.c.date_start.is_not(None)) if dialect == "sqlite" else tail
    later = tuple_(EVENTS.c.date_start, EVENTS.c.id) > tuple_(day, event_id)
    return later if dialect == "sqlite" else or_(later, EVENTS.c.date_start.is_(None))


def page_events(request: Request, where: EventFilter, limit: int, cursor: str | None) -> dict[str, Any]:
    """Return a page of matching events, the cursor of the next page and the total."""
    desk = request.app.state.desk
    engine = desk.store.engine
    statement = select_events(where, engine.dialect.name)
    if cursor:
        statement = statement.where(_after(engine.dialect.name, decode_cursor(cursor)))
    with engine.connect() as conn:
        rows = conn.execute(statement.limit(limit + 1)).all()
    more = len(rows) > limit
    events = [api_event(row) for row in rows[:limit]]
    total = desk.index.count(where)
    if total is None:
        total = desk.store.count_events(where)
    last = events[-1] if events else None
    following = encode_cursor([last["date_start"], last["id"]]) if more and last else None
    return {"events": events, "next": following, "total": total}


@router.get("/events", summary="List events matching the filters, a page at a time", response_class=JSONResponse)
def list_events(
    request: Request,
    where: Annotated[EventFilter, Depends(event_filter)],
    _caller: Annotated[Caller, Depends(reader)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=400, description="`next` of the previous page.")] = None,
) -> JSONResponse:
    """Return ``{"events": [...], "next": CURSOR|null, "total": N}``, by start date."""
    # already JSON-ready: sent as it is, without a second pass through response validation
    return JSONResponse(page_events(request, where, limit, cursor))


@router.get("/events/export", summary="Download the events of a filter as CSV or GeoJSON")
def export_events(
    request: Request,
    where: Annotated[EventFilter, Depends(event_filter)],
    _caller: Annotated[Caller, Depends(reader)],
    format: Annotated[str, Query(pattern="^(csv|geojson)$")] = "csv",
) -> Response:
    """Return every matching event (up to 200,000) as a CSV or GeoJSON file."""
    from strikewatch.export import write_csv, write_geojson

    desk = request.app.state.desk
    rows = desk.store.events(replace(where, limit=EXPORT_LIMIT))
    out = io.StringIO()
    (write_csv if format == "csv" else write_geojson)(rows, out)
    media = "text/csv" if format == "csv" else "application/geo+json"
    headers = {"Content-Disposition": f'attachment; filename="strikewatch-events.{format}"'}
    return Response(out.getvalue(), media_type=f"{media}; charset=utf-8", headers=headers)


def _document(conn: Any, document_id: str | None) -> dict[str, Any] | None:
    if not document_id:
        return None
    row = conn.execute(select(DOCUMENTS).where(DOCUMENTS.c.id == document_id)).first()
    if row is None:
        return None
    return document_dict(row)


def document_dict(row: Any) -> dict[str, Any]:
    """Return a stored document as the API shows it; ``url`` only when it is a safe http(s) link."""
    return {
        "id": row.id,
        "ref": row.ref,
        "title": row.title,
        "url": safe_link(row.url),
        "url_text": row.url,
        "source": row.source,
        "published": row.published.isoformat() if isinstance(row.published, date) else None,
        "text": row.text,
    }


def evidence_spans(event: dict[str, Any], text: str | None) -> dict[str, dict[str, Any]]:
    """Return each field's evidence span with the words it covers (the sentence is ``evidence``)."""
    spans: dict[str, dict[str, Any]] = {}
    for name, pair in (event.get("spans") or {}).items():
        if isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(p, int) for p in pair):
            start, end = pair
            spans[name] = {"start": start, "end": end, "text": text[start:end] if text else None}
    return spans


@router.get("/events/{event_id}", summary="One event with its document, evidence spans and history")
def get_event(request: Request, event_id: str, _caller: Annotated[Caller, Depends(reader)]) -> dict[str, Any]:
    """Return the event, its source document (text included), each field's evidence span and its history."""
    engine = request.app.state.desk.store.engine
    with engine.connect() as conn:
        event = api_event(stored_event(conn, event_id))
        document = _document(conn, event["document_id"])
    event["document"] = document
    event["evidence_spans"] = evidence_spans(event, document["text"] if document else None)
    event["history"] = edits.history(engine, event_id)
    event["edited_fields"] = sorted(
        {
            k
            for entry in event["history"]
            if entry["undone_by"] is None and entry["action"] == "edit"
            for k in entry["new"]
        }
    )
    return event


class EventEdit(BaseModel):
    """Fields to change (any of them; null clears one) and the reason, which is required."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)
    event_type: str | None = None
    sub_event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    actor1: str | None = Field(default=None, max_length=500)
    actor2: str | None = Field(default=None, max_length=500)
    location: str | None = Field(default=None, max_length=500)
    admin1: str | None = Field(default=None, max_length=500)
    admin2: str | None = Field(default=None, max_length=500)
    country: str | None = Field(default=None, max_length=500)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: int | None = Field(default=None, ge=1, le=3)
    fatalities: int | None = Field(default=None, ge=0, le=10**9)
    fatalities_max: int | None = Field(default=None, ge=0, le=10**9)
    weapons: list[str] | None = None
    certainty: str | None = None
    attribution: str | None = Field(default=None, max_length=500)
    notes: str | None = Field(default=None, max_length=500)


class Review(BaseModel):
    """A review step: the new status, and why."""

    model_config = ConfigDict(extra="forbid")

    status: str = Field(description="reviewed, verified or rejected")
    reason: str | None = Field(default=None, max_length=2000)


class Undo(BaseModel):
    """Why a change is undone."""

    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2000)


@router.patch("/events/{event_id}", summary="Correct fields of an event (with a reason)")
def patch_event(
    request: Request, event_id: str, body: EventEdit, caller: Annotated[Caller, Depends(analyst)]
) -> dict[str, Any]:
    """Set the given fields; return the audit entry (who, when, old, new, reason)."""
    values = {name: getattr(body, name) for name in body.model_fields_set if name != "reason"}
    if not values:
        raise ConfigError("give at least one field to change besides the reason")
    return edits.edit_event(request.app.state.desk.store.engine, event_id, values, body.reason, caller.name)


@router.post("/events/{event_id}/review", summary="Move an event through review")
def review_event(
    request: Request, event_id: str, body: Review, caller: Annotated[Caller, Depends(analyst)]
) -> dict[str, Any]:
    """machine → reviewed → verified, or → rejected; return the audit entry."""
    return edits.review_event(request.app.state.desk.store.engine, event_id, body.status, caller.name, body.reason)


@router.get("/events/{event_id}/history", summary="The changes made to an event")
def event_history(request: Request, event_id: str, _caller: Annotated[Caller, Depends(reader)]) -> dict[str, Any]:
    """Return the event's audit entries, oldest first."""
    engine = request.app.state.desk.store.engine
    with engine.connect() as conn:
        if conn.execute(select(EVENTS.c.id).where(EVENTS.c.id == event_id)).first() is None:
            raise NotFound(f"event {event_id!r} not found: list events with GET /api/v1/events")
    return {"event_id": event_id, "history": edits.history(engine, event_id)}


@router.post("/edits/{edit_id}/undo", summary="Undo a change (an edit, review step, merge or split)")
def undo_edit(
    request: Request, edit_id: int, body: Undo, caller: Annotated[Caller, Depends(analyst)]
) -> dict[str, Any]:
    """Restore what change ``edit_id`` replaced; return the undo's audit entry."""
    if edit_id < 1 or edit_id > 2**62:
        raise NotFound(f"edit {edit_id} not found")
    return edits.undo(request.app.state.desk.store.engine, edit_id, caller.name, body.reason)
