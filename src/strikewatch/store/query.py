"""The store's query API: filter events, count them, say why none match, summarise the store."""

from __future__ import annotations

import string
from typing import Any

from sqlalchemy import Engine, Select, String, Table, and_, column, func, or_, select, text

from strikewatch.filters import EventFilter
from strikewatch.model import Certainty, EventType, SubEventType
from strikewatch.store.match import actor_names, admin1_names, canonical_choice, closest, country_names
from strikewatch.store.rows import event_dict
from strikewatch.store.schema import TABLES, ActorRow, DocumentRow, EventRow, IncidentEvent, QuarantineRow

EVENT_TYPES = [str(member) for member in EventType]
SUB_EVENT_TYPES = [str(member) for member in SubEventType]
CERTAINTIES = [str(member) for member in Certainty]
ACTORS: Table = ActorRow.__table__  # type: ignore[assignment]
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


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def lowered(value: str, dialect: str) -> str:
    """Return ``value`` lower-cased as the database's ``lower()`` does it (SQLite: ASCII letters only)."""
    return value.translate(_ASCII_LOWER) if dialect == "sqlite" else value.lower()


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _names(
    columns: list[Any], names: tuple[str, ...], dialect: str, *, suffixed: bool = False, like: str | None = None
) -> Any:
    """Return the condition "one of ``columns`` is one of ``names``", ignoring case.

    ``suffixed`` also accepts a stored name that adds a parenthesised suffix ("Islamic State (Syria)",
    "Military Forces of Russia (2000-)"); ``like`` also accepts any stored name containing it.
    """
    keys = sorted({lowered(name, dialect) for name in names})
    conditions: list[Any] = []
    for col in columns:
        low = func.lower(col)
        conditions.append(low.in_(keys))
        if suffixed:
            conditions += [low.like(_like_escape(key) + " (%", escape="\\") for key in keys]
        if like:
            conditions.append(low.like("%" + _like_escape(lowered(like, dialect)) + "%", escape="\\"))
    return or_(*conditions)


def _actor_match(actor: str, like: bool, dialect: str) -> Any:
    # Names are matched in the small table of distinct actor names (every event's actors are there: a
    # foreign key), and the events through their actor indexes.
    names = select(ACTORS.c.name).where(
        _names([ACTORS.c.name], actor_names(actor), dialect, suffixed=True, like=actor if like else None)
    )
    return or_(EVENTS.c.actor1.in_(names), EVENTS.c.actor2.in_(names))


def _type_match(value: str, like: bool) -> Any:
    if like:
        parts = [kind for kind in (*EVENT_TYPES, *SUB_EVENT_TYPES) if value.casefold() in kind.casefold()]
        return or_(EVENTS.c.event_type.in_(parts), EVENTS.c.sub_event_type.in_(parts))
    kind = canonical_choice(value, EVENT_TYPES)
    if kind is not None:
        return EVENTS.c.event_type == kind
    sub = canonical_choice(value, SUB_EVENT_TYPES)
    if sub is not None:
        return EVENTS.c.sub_event_type == sub
    return or_(EVENTS.c.event_type == value, EVENTS.c.sub_event_type == value)


def filter_conditions(where: EventFilter, dialect: str) -> list[Any]:
    """Return the SQL conditions of ``where`` (see :class:`EventFilter` for what each field matches)."""
    like = where.like
    conditions: list[Any] = [EVENTS.c.namespace == where.namespace]
    if where.date_from:
        conditions.append(EVENTS.c.date_start >= where.date_from)
    if where.date_to:
        conditions.append(EVENTS.c.date_start <= where.date_to)
    if where.country:
        names = country_names(where.country)
        conditions.append(_names([EVENTS.c.country], names, dialect, like=where.country if like else None))
    if where.admin1:
        names = admin1_names(where.admin1)
        conditions.append(_names([EVENTS.c.admin1], names, dialect, like=where.admin1 if like else None))
    if where.admin2:
        conditions.append(EVENTS.c.admin2 == where.admin2)
    if where.bbox:
        min_lon, min_lat, max_lon, max_lat = where.bbox
        conditions += [EVENTS.c.lat.between(min_lat, max_lat), EVENTS.c.lon.between(min_lon, max_lon)]
    if where.actor:
        conditions.append(_actor_match(where.actor, like, dialect))
    if where.event_type:
        conditions.append(_type_match(where.event_type, like))
    if where.certainty:
        conditions.append(EVENTS.c.certainty == (canonical_choice(where.certainty, CERTAINTIES) or where.certainty))
    if where.min_fatalities is not None:
        conditions.append(EVENTS.c.fatalities >= where.min_fatalities)  # NULL (unknown) never passes
    if where.stored_since is not None:
        stored = select(DOCUMENTS.c.id).where(DOCUMENTS.c.processed_at >= where.stored_since)
        conditions.append(EVENTS.c.document_id.in_(stored))
    if where.sub_event_type:
        sub_type = canonical_choice(where.sub_event_type, SUB_EVENT_TYPES) or where.sub_event_type
        conditions.append(EVENTS.c.sub_event_type == sub_type)
    if where.review_status:
        conditions.append(EVENTS.c.review_status == where.review_status)
    if where.text:
        conditions.append(_text_match(dialect, where.text))
    if where.incident:
        linked = select(LINKS.c.event_id).where(LINKS.c.incident_id == where.incident)
        conditions.append(EVENTS.c.id.in_(linked))
    return conditions


def select_events(where: EventFilter, dialect: str, columns: list[Any] | None = None) -> Select[Any]:
    """Return the SELECT of the events matching ``where`` (``dialect`` picks the full-text syntax)."""
    conditions = filter_conditions(where, dialect)
    if columns is None:
        columns = [
            EVENTS,
            DOCUMENTS.c.ref.label("document_ref"),
            DOCUMENTS.c.url.label("document_url"),
            DOCUMENTS.c.publisher,
            LINKS.c.incident_id,
        ]
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
    """Return the matching events as contract EVENT dicts plus ``id``, ``document``, ``document_url``, ``incident``."""
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


_NAMED_FILTERS = (
    ("country", "--country", ("country",)),
    ("admin1", "--admin1", ("admin1",)),
    ("actor", "--actor", ("actor1", "actor2")),
    ("event_type", "--type", ("event_type", "sub_event_type")),
    ("certainty", "--certainty", ("certainty",)),
)
MAX_DISTINCT = 20_000  # stored values read to suggest the closest ones


def _count(conn: Any, where: EventFilter, dialect: str) -> int:
    inner = select_events(where, dialect, [EVENTS.c.id]).order_by(None).limit(1).subquery()
    return int(conn.execute(select(func.count()).select_from(inner)).scalar_one())


def _stored_values(conn: Any, namespace: str, columns: tuple[str, ...]) -> list[str]:
    values: dict[str, int] = {}
    for name in columns:
        col = EVENTS.c[name]
        statement = (
            select(col, func.count())
            .where(EVENTS.c.namespace == namespace, col.is_not(None))
            .group_by(col)
            .order_by(func.count().desc())
            .limit(MAX_DISTINCT)
        )
        for value, n in conn.execute(statement):
            values[value] = values.get(value, 0) + int(n)
    return sorted(values, key=lambda v: (-values[v], v))


def why_empty(engine: Engine, where: EventFilter) -> str:
    """Return, in one line, why no event matches ``where``: an empty store, a filter value no stored
    event has (with the closest values the store holds), dates outside the stored span, or filters
    that each match but not together."""
    dialect = engine.dialect.name
    namespace = where.namespace
    with engine.connect() as conn:
        if _count(conn, EventFilter(namespace=namespace), dialect) == 0:
            others = {
                row[0]: int(row[1])
                for row in conn.execute(select(EVENTS.c.namespace, func.count()).group_by(EVENTS.c.namespace))
            }
            where_at = engine.url.render_as_string(hide_password=True)
            if others:
                held = ", ".join(f"{n} {name}" for name, n in others.items())
                return f"the store holds no {namespace} events (it holds {held}): try --namespace"
            return f"the store at {where_at} holds no events yet: run `strikewatch ingest FILES` first"
        for field, option, columns in _NAMED_FILTERS:
            value = getattr(where, field)
            if value is None:
                continue
            alone = EventFilter(namespace=namespace, like=where.like, **{field: value})
            if _count(conn, alone, dialect):
                continue
            read_as = {"actor": actor_names, "admin1": admin1_names, "country": country_names}.get(field)
            names = [n for n in (read_as(value) if read_as else ()) if n.casefold() != value.casefold()]
            also = f" (nor {', '.join(names[:4])})" if names else ""
            stored = _stored_values(conn, namespace, columns)
            near = closest(value, stored) or stored[:5]
            held = "closest in the store" if closest(value, stored) else "the store holds"
            return f"no {namespace} event has {option} {value!r}{also}; {held}: {', '.join(near)}"
        if where.date_from or where.date_to:
            alone = EventFilter(namespace=namespace, date_from=where.date_from, date_to=where.date_to)
            if not _count(conn, alone, dialect):
                first, last = conn.execute(
                    select(func.min(EVENTS.c.date_start), func.max(EVENTS.c.date_start)).where(
                        EVENTS.c.namespace == namespace
                    )
                ).one()
                asked = f"from {where.date_from or 'the start'} to {where.date_to or 'the end'}"
                return f"no event {asked}: the stored events run from {first} to {last}"
        checks = (
            ("bbox", "no located event inside --bbox"),
            ("text", "no stored document contains --text"),
            ("incident", "no incident has the id"),
        )
        for field, reason in checks:
            value = getattr(where, field)
            if value is not None and not _count(conn, EventFilter(namespace=namespace, **{field: value}), dialect):
                return f"{reason} {value!r}" if field != "bbox" else f"{reason} {','.join(map(str, value))}"
    return "each filter matches some events, but no event matches all of them together"
