"""Incidents: list, one incident with its reports, merge several, split reports off."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from strikewatch.serve.auth import Caller, analyst, reader
from strikewatch.store import edits
from strikewatch.store.incident_edits import merge_incidents, split_incident
from strikewatch.store.incident_views import get_incident, list_incidents

router = APIRouter(prefix="/api/v1", tags=["incidents"])


class Merge(BaseModel):
    """Incidents to merge into the first of them, and why."""

    model_config = ConfigDict(extra="forbid")

    ids: list[str] = Field(min_length=2, max_length=100)
    reason: str = Field(min_length=1, max_length=2000)


class Split(BaseModel):
    """Reports (event ids) to move out into a new incident, and why."""

    model_config = ConfigDict(extra="forbid")

    event_ids: list[str] = Field(min_length=1, max_length=1000)
    reason: str = Field(min_length=1, max_length=2000)


@router.get("/incidents", summary="List incidents, latest first")
def incidents(
    request: Request,
    _caller: Annotated[Caller, Depends(reader)],
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    country: Annotated[str | None, Query(max_length=200)] = None,
    grade: Annotated[str | None, Query(max_length=40)] = None,
    min_reports: Annotated[int, Query(ge=1, le=10**6)] = 1,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**7)] = 0,
) -> dict[str, Any]:
    """Return ``{"incidents": [...], "total": N}`` with each incident's reports, sources, grade, fatality range."""
    rows, total = list_incidents(
        request.app.state.desk.store.engine, date_from=date_from, date_to=date_to, country=country, grade=grade,
        min_reports=min_reports, limit=limit, offset=offset,
    )  # fmt: skip
    return {"incidents": rows, "total": total}


@router.get("/incidents/{incident_id}", summary="One incident with its reports and history")
def incident(request: Request, incident_id: str, _caller: Annotated[Caller, Depends(reader)]) -> dict[str, Any]:
    """Return the incident, the events (reports) that make it up and its history of merges and splits."""
    engine = request.app.state.desk.store.engine
    out = get_incident(engine, incident_id)
    out["history"] = edits.history(engine, incident_id, target="incident")
    return out


@router.post("/incidents/merge", summary="Merge incidents into the first one")
def merge(request: Request, body: Merge, caller: Annotated[Caller, Depends(analyst)]) -> dict[str, Any]:
    """Move the reports of the other incidents into the first; return the audit entry."""
    return merge_incidents(request.app.state.desk.store.engine, body.ids, caller.name, body.reason)


@router.post("/incidents/{incident_id}/split", summary="Split reports off an incident into a new one")
def split(
    request: Request, incident_id: str, body: Split, caller: Annotated[Caller, Depends(analyst)]
) -> dict[str, Any]:
    """Move ``event_ids`` into a new incident; return the audit entry (``new.incident`` is its id)."""
    return split_incident(request.app.state.desk.store.engine, incident_id, body.event_ids, caller.name, body.reason)
