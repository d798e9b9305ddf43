"""The store's query API: filter events, count them, summarise the store."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Select, String, Table, and_, column, func, or_, select, text

from strikewatch.filters import EventFilter
from strikewatch.model import EventType, SubEventType
from strikewatch.store.rows import event_dict
from strikewatch.store.schema import TABLES, DocumentRow, EventRow, IncidentEvent, QuarantineRow

EVENT_TYPES = {str(member) for member in EventType}
SUB_EVENT_TYPES = {str(member) for member in SubEventType}
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]
LINKS: Table = IncidentEvent.__table__  # type: ignore[assignment]
QUARANTINE: Table = QuarantineRow.__table__  # type: ignore[assignment]


def _fts_query(words: str) -> str:
    return " ".join('"' + word.replace('"', '""') + '"' for word in words.split())


def _text_match(engine_name: str, words: str) -> Any:
    # control characters (a NUL ends an FTS5 string; PostgreSQL refuses NUL in text) separate words
    words = "".join(" " if ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in words)
    if engine_name == "sqlite":
        matching = text("SELECT id FROM documents_fts WHERE documents_fts MATCH :fts").bindparams(fts=_fts_query(words))
    else:
        matching = text(
            "SELECT id FROM documents WHERE to_tsvector('english', coalesce(title, '') || ' ' || text) "
            "@@ plainto_tsquery('english', :fts)"
        ).bindparams(fts=words)
    return or_(EVENTS.c.document_id.in_(matching.columns(column("id", String))), EVENTS.c.notes.ilike(f"%{words}%"))


def select_events(where: EventFilter, dialect: str, columns: list[Any] | None = None) -> Select[Any]:
    """Return the SELECT of the events matching ``where`` (``dialect`` picks the full-text syntax)."""
    conditions: list[Any] = [EVENTS.c.namespace == where.namespace]
    if where.date_from:
        conditions.append(EVENTS.c.date_start >= where.date_from)
    if where.date_to:
        conditions.append(EVENTS.c.date_start <= where.date_to)
    if where.country:
        conditions.append(EVENTS.c.country == where.country)
    if where.admin1:
        conditions.append(EVENTS.c.admin1 == where.admin1)
    if where.bbox:
        min_lon, min_lat, max_lon, max_lat = where.bbox
        conditions += [EVENTS.c.lat.between(min_lat, max_lat), EVENTS.c.lon.between(min_lon, max_lon)]
    if where.actor:
        conditions.append(or_(EVENTS.c.actor1 == where.actor, EVENTS.c.actor2 == where.actor))
    if where.event_type in EVENT_TYPES:
        conditions.append(EVENTS.c.event_type == where.event_type)
    elif where.event_type in SUB_EVENT_TYPES:
        conditions.append(EVENTS.c.sub_event_type == where.event_type)
    elif where.event_type:
        conditions.append(or_(EVENTS.c.event_type == where.event_type, EVENTS.c.sub_event_type == where.event_type))
    if where.sub_event_type:
        conditions.append(EVENTS.c.sub_event_type == where.sub_event_type)
    if where.certainty:
        conditions.append(EVENTS.c.certainty == where.certainty)
    if where.review_status:
        conditions.append(EVENTS.c.review_status == where.review_status)
    if where.text:
        conditions.append(_text_match(dialect, where.text))
    if columns is None:
        columns = [EVENTS, DOCUMENTS.c.ref.label("document_ref"), LINKS.c.incident_id]
        base = (
            select(*columns)
            .outerjoin(DOCUMENTS, DOCUMENTS.c.id == EVENTS.c.document_id)
            .outerjoin(LINKS, LINKS.c.event_id == EVENTS.c.id)
        )
    else:
        base = select(*columns)
    statement = base.where(and_(*conditions)).order_by(EVENTS.c.date_start, EVENTS.c.id)
    return statement.limit(where.limit) if where.limit else statement


def query_events(engine: Engine, where: EventFilter) -> list[dict[str, Any]]:
    """Return the matching events as contract EVENT dicts plus ``id``, ``document``, ``incident``."""
    with engine.connect() as conn:
        return [event_dict(row) for row in conn.execute(select_events(where, engine.dialect.name))]


def count_events(engine: Engine, where: EventFilter) -> int:
    """Return how many events match ``where``."""
    inner = select_events(where, engine.dialect.name, [EVENTS.c.id]).order_by(None).subquery()
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(inner)).scalar_one())


def status(engine: Engine) -> dict[str, Any]:
    """Return the row count of every table, documents by state, events by namespace, incidents by grade
    and the quarantined input (``ref``, ``reason``, ``at``)."""
    from strikewatch.store.incidents import INCIDENTS

    with engine.connect() as conn:
        counts = {
            table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one()) for table in TABLES
        }
        unprocessed = conn.execute(
            select(func.count()).select_from(DOCUMENTS).where(DOCUMENTS.c.processed_at.is_(None))
        ).scalar_one()
        failed = conn.execute(
            select(func.count()).select_from(DOCUMENTS).where(DOCUMENTS.c.extract_error.is_not(None))
        ).scalar_one()
        namespaces = {
            row[0]: int(row[1])
            for row in conn.execute(select(EVENTS.c.namespace, func.count()).group_by(EVENTS.c.namespace))
        }
        grades = {
            row[0]: int(row[1])
            for row in conn.execute(select(INCIDENTS.c.grade, func.count()).group_by(INCIDENTS.c.grade))
        }
        quarantine = [
            {"ref": row.ref, "reason": row.reason, "at": row.at.isoformat(timespec="seconds")}
            for row in conn.execute(select(QUARANTINE).order_by(QUARANTINE.c.id))
        ]
    return {
        "url": engine.url.render_as_string(hide_password=True),
        "tables": counts,
        "documents_unprocessed": int(unprocessed),
        "documents_failed": int(failed),
        "events_by_namespace": namespaces,
        "incidents_by_grade": grades,
        "quarantine": quarantine,
    }
