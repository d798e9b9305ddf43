"""Read incidents back: the incidents a filter's reports belong to, and one incident with its reports."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select

from strikewatch.errors import NotFound
from strikewatch.filters import EventFilter
from strikewatch.store.incidents import DOCUMENTS, EVENTS, INCIDENTS, LINKS
from strikewatch.store.query import select_events

if TYPE_CHECKING:
    from strikewatch.store.repo import Store

_CHUNK = 500


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _row(row: Any) -> dict[str, Any]:
    data = {key: _iso(value) for key, value in row._mapping.items() if key != "place_key"}
    data["events"], data["publishers"] = [], []
    return data


def _reports(engine: Engine, incident_ids: list[str]) -> dict[str, list[tuple[str, str | None]]]:
    """Return ``(event id, publisher)`` of each incident's reports, by incident id, in report order."""
    found: dict[str, list[tuple[str, str | None]]] = {i: [] for i in incident_ids}
    statement = (
        select(LINKS.c.incident_id, LINKS.c.event_id, DOCUMENTS.c.publisher)
        .select_from(
            LINKS.join(EVENTS, EVENTS.c.id == LINKS.c.event_id).outerjoin(
                DOCUMENTS, DOCUMENTS.c.id == EVENTS.c.document_id
            )
        )
        .order_by(LINKS.c.incident_id, EVENTS.c.date_start, LINKS.c.event_id)
    )
    with engine.connect() as conn:
        for start in range(0, len(incident_ids), _CHUNK):
            chunk = incident_ids[start : start + _CHUNK]
            for row in conn.execute(statement.where(LINKS.c.incident_id.in_(chunk))):
                found[row.incident_id].append((row.event_id, row.publisher))
    return found


def query_incidents(engine: Engine, where: EventFilter) -> list[dict[str, Any]]:
    """Return the incidents with a report matching ``where``, by first day: their columns plus ``events``
    (the reports' event ids) and ``publishers`` (distinct, in report order)."""
    reports = select_events(dataclasses.replace(where, limit=None), engine.dialect.name, [EVENTS.c.id]).order_by(None)
    ids = select(LINKS.c.incident_id).where(LINKS.c.event_id.in_(reports))
    statement = select(INCIDENTS).where(INCIDENTS.c.id.in_(ids)).order_by(INCIDENTS.c.date_start, INCIDENTS.c.id)
    if where.limit:
        statement = statement.limit(where.limit)
    with engine.connect() as conn:
        incidents = [_row(row) for row in conn.execute(statement)]
    by_id = {incident["id"]: incident for incident in incidents}
    for incident_id, linked in _reports(engine, list(by_id)).items():
        by_id[incident_id]["events"] = [event_id for event_id, _ in linked]
        by_id[incident_id]["publishers"] = list(dict.fromkeys(name for _, name in linked if name))
    return incidents


def publishers(engine: Engine, incident_ids: Iterable[str]) -> dict[str, list[str]]:
    """Return the distinct publishers of each incident's reports, by incident id."""
    linked = _reports(engine, sorted(set(incident_ids)))
    return {i: list(dict.fromkeys(name for _, name in rows if name)) for i, rows in linked.items()}


def incident(store: Store, incident_id: str) -> dict[str, Any]:
    """Return incident ``incident_id`` (its columns: ``reports`` counts its reports) with
    ``report_events``: its reports' event dicts, each with its document's ``title``, ``url``,
    ``published`` and ``publisher``."""
    with store.engine.connect() as conn:
        row = conn.execute(select(INCIDENTS).where(INCIDENTS.c.id == incident_id)).first()
    if row is None:
        raise NotFound(f"no incident {incident_id!r}: `strikewatch incidents` lists them")
    found = _row(row)
    reports = store.events(EventFilter(incident=incident_id))
    documents = store.documents(r["document_id"] for r in reports if r.get("document_id"))
    for report in reports:
        document = documents.get(report.get("document_id") or "", {})
        for key in ("title", "url", "publisher"):
            report[key] = document.get(key)
        report["published"] = _iso(document.get("published"))
    found["report_events"] = reports
    found["events"] = [r["id"] for r in reports]
    found["publishers"] = list(dict.fromkeys(r["publisher"] for r in reports if r["publisher"]))
    return found
