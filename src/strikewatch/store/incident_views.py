"""Read incidents for the desk: a page of incidents, and one incident with its reports.

Written for the web desk (issue 12) before the incident listing of ``strikewatch incidents``
(issue 16) landed; the integrator reconciles the two into one module.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from strikewatch.errors import NotFound
from strikewatch.store.incidents import INCIDENTS, LINKS
from strikewatch.store.query import DOCUMENTS, EVENTS
from strikewatch.store.rows import event_dict


def incident_dict(row: Any) -> dict[str, Any]:
    """Return a stored incident row as JSON-ready data."""
    out = {k: v for k, v in row._mapping.items() if k != "place_key"}
    for key in ("date_start", "date_end"):
        if isinstance(out[key], date):
            out[key] = out[key].isoformat()
    return out


def list_incidents(
    engine: Engine,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    country: str | None = None,
    grade: str | None = None,
    min_reports: int = 1,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Return a page of incidents (latest first) and how many match in all."""
    conditions = [INCIDENTS.c.reports >= min_reports]
    if date_from:
        conditions.append(INCIDENTS.c.date_end >= date_from)
    if date_to:
        conditions.append(INCIDENTS.c.date_start <= date_to)
    if country:
        conditions.append(INCIDENTS.c.country == country)
    if grade:
        conditions.append(INCIDENTS.c.grade == grade)
    query = select(INCIDENTS).where(*conditions)
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())
        rows = conn.execute(
            query.order_by(INCIDENTS.c.date_start.desc(), INCIDENTS.c.id).limit(limit).offset(offset)
        ).all()
    return [incident_dict(row) for row in rows], total


def get_incident(engine: Engine, incident_id: str) -> dict[str, Any]:
    """Return one incident with its reports (events, with their documents' title and URL)."""
    with engine.connect() as conn:
        row = conn.execute(select(INCIDENTS).where(INCIDENTS.c.id == incident_id)).first()
        if row is None:
            raise NotFound(f"incident {incident_id!r} not found: list incidents with GET /api/v1/incidents")
        reports = conn.execute(
            select(
                EVENTS,
                DOCUMENTS.c.ref.label("document_ref"),
                DOCUMENTS.c.title.label("document_title"),
                DOCUMENTS.c.url.label("document_url"),
                LINKS.c.incident_id,
            )
            .join(LINKS, LINKS.c.event_id == EVENTS.c.id)
            .outerjoin(DOCUMENTS, DOCUMENTS.c.id == EVENTS.c.document_id)
            .where(LINKS.c.incident_id == incident_id)
            .order_by(EVENTS.c.date_start, EVENTS.c.id)
        ).all()
    out = incident_dict(row)
    out["events"] = [
        {**event_dict(r), "document_title": r.document_title, "document_url": r.document_url} for r in reports
    ]
    return out
