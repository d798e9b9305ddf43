"""Batched writes of extracted documents (the ``dask`` engine of ingest): store first, link after.

:func:`store_extracted` writes a batch of documents with their events in one transaction, with
multi-row inserts that skip rows already there: documents are keyed by the hash of their text and
events by document and rank, so loading a batch twice, or the output of a task that ran twice,
stores nothing twice.

:func:`link_documents` then links the events of documents to incidents in a second pass, in a
fixed order (the documents in input order, each document's events by rank), against the incidents
linked before them: the order in which the one-document-at-a-time writer (:meth:`Store.save_document`)
links them. So the store ends the same whether the events were extracted here or on a cluster, by
one worker or many, in one run or over interrupted ones.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import JSON, Connection, Table, and_, exists, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import SQLAlchemyError

from strikewatch.errors import StoreError
from strikewatch.model import NAMESPACE, Document
from strikewatch.publishers import publisher
from strikewatch.store.audit import Changes, now
from strikewatch.store.incidents import LINKS, link_event
from strikewatch.store.repo import _MARK_PROCESSED, ACTORS, DOCUMENTS, EVENTS, PLACES, SOURCES, Store
from strikewatch.store.rows import place_row

#: Documents per statement when reading by id.
CHUNK = 500
_DATES = ("date_start", "date_end")


def row_json(row: dict[str, Any]) -> dict[str, Any]:
    """Return an event row (from :func:`~strikewatch.store.rows.event_row`) with its dates as ISO text."""
    return {key: value.isoformat() if key in _DATES and value is not None else value for key, value in row.items()}


def row_from_json(data: dict[str, Any]) -> dict[str, Any]:
    """Return the event row :func:`row_json` was given."""
    row = dict(data)
    for key in _DATES:
        if row.get(key) is not None:
            row[key] = date.fromisoformat(row[key])
    return row


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document with what extraction made of it: its content id, event rows, or the reason it failed."""

    document: Document
    doc_id: str
    events: list[dict[str, Any]]
    error: str | None = None

    @property
    def ref(self) -> str:
        """Where the document was read from (as :func:`~strikewatch.store.loader.load` names it)."""
        return self.document.url or self.document.id


@dataclass(slots=True)
class Stored:
    """Counts of one :func:`store_extracted` call."""

    new: int = 0
    duplicates: int = 0
    events: int = 0
    failed: int = 0


def _insert_new(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[Any]:
    """Insert ``rows`` except those whose key is there; return the keys of the new ones.

    PostgreSQL gets the rows by ``COPY`` into a temporary table, then one ``INSERT ... SELECT ... ON
    CONFLICT DO NOTHING``: many times faster than a multi-row ``INSERT`` of thousands of parameters.
    """
    if not rows:
        return []
    if conn.dialect.name == "postgresql":
        return _copy_new(conn, table, rows)
    statement = sqlite.insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)
    return list(conn.execute(statement, rows).all())


def _value(value: Any, as_json: bool) -> Any:
    from psycopg.types.json import Json

    return Json(value) if as_json and value is not None else value


def _copy_new(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[Any]:
    columns = [column.name for column in table.columns]
    as_json = {column.name for column in table.columns if isinstance(column.type, JSON)}
    stage, names = f"sw_stage_{table.name}", ", ".join(f'"{name}"' for name in columns)
    keys = ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f'CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE "{table.name}") ON COMMIT DELETE ROWS')
        with cursor.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_value(row.get(name), name in as_json) for name in columns])
        cursor.execute(
            f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM {stage} ON CONFLICT DO NOTHING RETURNING {keys}'
        )
        found = list(cursor.fetchall())
        cursor.execute(f"TRUNCATE {stage}")
        return found
    finally:
        cursor.close()


def _stored_state(conn: Connection, ids: Sequence[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        statement = select(DOCUMENTS.c.id, DOCUMENTS.c.processed_at).where(DOCUMENTS.c.id.in_(chunk))
        found.update({row.id: row for row in conn.execute(statement)})
    return found


def store_extracted(store: Store, batch: Sequence[Extracted], *, mode: str, origin: str = "ingest") -> Stored:
    """Store the documents of ``batch`` (once each, by content) with their events, in one transaction.

    A document already stored and processed keeps its events (only its new origin is recorded); one
    stored without events (``--no-extract``) gets these. Incidents are linked later by :func:`link_documents`.
    """
    counts = Stored()
    changes = Changes(origin)
    first: dict[str, Extracted] = {}
    for item in batch:
        first.setdefault(item.doc_id, item)
    unique = list(first.values())
    try:
        with store.engine.begin() as conn:
            stored = _stored_state(conn, [item.doc_id for item in unique])
            at = now()
            rows = [_document_row(item, at, mode) for item in unique if item.doc_id not in stored]
            new = {key for (key,) in _insert_new(conn, DOCUMENTS, rows)}
            sources = [{"document_id": item.doc_id, "ref": item.ref} for item in unique]
            new_sources = {(doc_id, ref) for doc_id, ref in _insert_new(conn, SOURCES, sources)}
            pending: list[Extracted] = []
            for item in unique:
                if item.doc_id in new:
                    changes.record("insert", "documents", item.doc_id, {"ref": item.ref})
                    pending.append(item)
                else:
                    if (item.doc_id, item.ref) in new_sources:
                        changes.record("insert", "document_sources", item.doc_id, {"ref": item.ref})
                    if item.doc_id in stored and stored[item.doc_id].processed_at is None:
                        pending.append(item)
                counts.new += item.doc_id in new
                counts.duplicates += item.doc_id not in new
            counts.events = _write_events(store, conn, changes, pending)
            late = [item for item in pending if item.doc_id not in new]
            if late:  # stored earlier without events: mark them processed now
                marks = [{"doc_id": i.doc_id, "at": at, "mode": mode, "error": i.error} for i in late]
                conn.execute(_MARK_PROCESSED, marks)
            for item in pending:
                changes.record("update", "documents", item.doc_id, {"processed": len(item.events), "error": item.error})
                counts.failed += item.error is not None
            changes.flush(conn)
        store._present |= changes.present
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store a batch of {len(batch)} documents: {exc}") from exc
    return counts


def _document_row(item: Extracted, at: Any, mode: str) -> dict[str, Any]:
    document = item.document
    return {
        "id": item.doc_id,
        "ref": item.ref,
        "text": document.text,
        "title": document.title,
        "url": document.url,
        "source": document.source,
        "publisher": publisher(document.source, document.url, document.text),
        "published": document.published,
        "ingested_at": at,
        "processed_at": at,
        "extract_mode": mode,
        "extract_error": item.error,
    }


def _write_events(store: Store, conn: Connection, changes: Changes, pending: list[Extracted]) -> int:
    rows = [row for item in pending for row in item.events]
    actors = sorted({name for row in rows for name in (row["actor1"], row["actor2"]) if name})
    actors = [name for name in actors if ("actors", name) not in store._present]
    for (name,) in _insert_new(conn, ACTORS, [{"name": name} for name in actors]):
        changes.record("insert", "actors", name)
    changes.present |= {("actors", name) for name in actors}
    places: dict[str, dict[str, Any]] = {}
    for row in rows:  # the first event naming a place describes it, as in the one-document writer
        if row["place_id"] and row["place_id"] not in places:
            places[row["place_id"]] = place_row(row)
    places = {key: place for key, place in places.items() if ("places", key) not in store._present}
    for (key,) in _insert_new(conn, PLACES, list(places.values())):
        changes.record("insert", "places", key)
    changes.present |= {("places", key) for key in places}
    for (key,) in _insert_new(conn, EVENTS, rows):
        changes.record("insert", "events", key)
    return len(rows)


def add_sources(store: Store, pairs: Iterable[tuple[str, str]], origin: str = "ingest") -> int:
    """Record further origins ``(document id, ref)`` of stored documents; return how many were new."""
    rows = [{"document_id": doc_id, "ref": ref} for doc_id, ref in dict.fromkeys(pairs)]
    changes = Changes(origin)
    added = 0
    try:
        with store.engine.begin() as conn:
            for start in range(0, len(rows), CHUNK):
                for doc_id, ref in _insert_new(conn, SOURCES, rows[start : start + CHUNK]):
                    changes.record("insert", "document_sources", doc_id, {"ref": ref})
                    added += 1
            changes.flush(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot record the origins of stored documents: {exc}") from exc
    return added


_UNLINKED = and_(
    EVENTS.c.namespace == NAMESPACE,
    EVENTS.c.date_start.is_not(None),
    EVENTS.c.event_type.is_not(None),
    ~exists().where(LINKS.c.event_id == EVENTS.c.id),
)


def _pipeline(conn: Connection) -> contextlib.AbstractContextManager[Any]:
    """On PostgreSQL, send the writes of linking without waiting for each (psycopg's pipeline mode):
    they travel with the next query, which halves the round trips per event."""
    if conn.dialect.name == "postgresql":
        return conn.connection.driver_connection.pipeline()  # type: ignore[no-any-return, union-attr]
    return contextlib.nullcontext()


def link_documents(store: Store, doc_ids: Sequence[str], origin: str = "ingest") -> int:
    """Link the not yet linked events of ``doc_ids`` to incidents: documents in the given order, events by
    rank, one transaction per :data:`CHUNK` documents; return how many events were linked."""
    linked = 0
    columns = [*EVENTS.columns, DOCUMENTS.c.source.label("doc_source"), DOCUMENTS.c.url.label("doc_url")]
    for start in range(0, len(doc_ids), CHUNK):
        chunk = list(dict.fromkeys(doc_ids[start : start + CHUNK]))
        rank = {doc_id: n for n, doc_id in enumerate(chunk)}
        statement = (
            select(*columns)
            .join_from(EVENTS, DOCUMENTS, DOCUMENTS.c.id == EVENTS.c.document_id)
            .where(EVENTS.c.document_id.in_(chunk), _UNLINKED)
        )
        changes = Changes(origin)
        try:
            with store.engine.begin() as conn:
                rows = sorted(conn.execute(statement), key=lambda row: (rank[row.document_id], row.seq))
                with _pipeline(conn):
                    for row in rows:
                        event = dict(row._mapping)
                        source, url = event.pop("doc_source"), event.pop("doc_url")
                        link_event(conn, changes, event, store.link_km, source=source, url=url)
                    changes.flush(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot link the incidents of {len(chunk)} documents: {exc}") from exc
        linked += len(rows)
    return linked


def link_leftovers(store: Store, origin: str = "ingest") -> int:
    """Link every event still unlinked (left by an interrupted run on other input): documents by the
    time they were stored, then id; return how many events were linked."""
    statement = (
        select(EVENTS.c.document_id, DOCUMENTS.c.ingested_at)
        .join_from(EVENTS, DOCUMENTS, DOCUMENTS.c.id == EVENTS.c.document_id)
        .where(_UNLINKED)
        .distinct()
    )
    try:
        with store.engine.connect() as conn:
            found = sorted((row.ingested_at, row.document_id) for row in conn.execute(statement))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot look for unlinked events: {exc}") from exc
    return link_documents(store, [doc_id for _, doc_id in found], origin)
