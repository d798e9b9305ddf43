"""The event store: open (and migrate) a database, write documents and events, read them back.

Every write runs in its own transaction and is recorded in the audit log in that same
transaction, so a crash leaves whole documents or nothing, and the log never disagrees with the
tables. Writes are idempotent: storing a document or event that is already there changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from strikewatch.errors import NotFound, StoreError
from strikewatch.extras import require
from strikewatch.model import NAMESPACE, Document, Event
from strikewatch.publishers import publisher
from strikewatch.settings import database_url, get_float
from strikewatch.store import documents as stored
from strikewatch.store import incident_query
from strikewatch.store import query as q
from strikewatch.store.audit import Changes, insert_ignore, now
from strikewatch.store.edits import overlay
from strikewatch.store.incidents import link_event, unlink_events
from strikewatch.store.rows import event_row, place_row
from strikewatch.store.schema import (
    ActorRow,
    DocumentRow,
    DocumentSource,
    EventRow,
    PlaceRow,
    QuarantineRow,
    content_id,
)

log = logging.getLogger(__name__)

DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]
SOURCES: Table = DocumentSource.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
PLACES: Table = PlaceRow.__table__  # type: ignore[assignment]
ACTORS: Table = ActorRow.__table__  # type: ignore[assignment]
QUARANTINE: Table = QuarantineRow.__table__  # type: ignore[assignment]
MIGRATIONS = Path(__file__).with_name("migrations")
MAX_REASON = 500
_SELECT_STORED = select(DOCUMENTS.c.processed_at, DOCUMENTS.c.source, DOCUMENTS.c.url).where(
    DOCUMENTS.c.id == bindparam("id")
)
_MARK_PROCESSED = (
    update(DOCUMENTS)
    .where(DOCUMENTS.c.id == bindparam("doc_id"))
    .values(processed_at=bindparam("at"), extract_mode=bindparam("mode"), extract_error=bindparam("error"))
)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Return an engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith(("postgresql", "postgres:")):
        require("pg", "a PostgreSQL store")
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot use database URL {url!r}: {exc}; check --db or STRIKEWATCH_DB") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (alembic ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open or migrate the store at {engine.url!r}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Saved:
    """What storing one document did: its id, and whether the document and its events are new."""

    id: str
    new_document: bool
    events: int


def require_existing(url: str) -> None:
    """Raise :class:`NotFound` if ``url`` is a SQLite file that does not exist (a mistyped ``--db``)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except (ValueError, TypeError):  # make_engine reports a bad URL with its own message
        return
    path = parsed.database
    if parsed.get_backend_name() == "sqlite" and path not in (None, "", ":memory:") and not Path(path).exists():
        raise NotFound(
            f"no event store at {path}: check --db (or STRIKEWATCH_DB); `strikewatch ingest` creates one, "
            "or pass --create for a new, empty store"
        )


class Store:
    """A strikewatch database (SQLite file or PostgreSQL), migrated to the newest schema on open.

    ``create=False`` refuses a SQLite file that does not exist yet (:func:`require_existing`), so a
    mistyped path is an error instead of a new, empty store.
    """

    def __init__(self, url: str | None = None, *, migrate: bool = True, create: bool = True) -> None:
        self.url = database_url(url)
        if not create:
            require_existing(self.url)
        self.engine = make_engine(self.url)
        self.link_km = get_float("link_km")
        self._present: set[tuple[str, str]] = set()  # (table, key) of actor and place rows known committed
        if migrate:
            upgrade(self.engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def processed(self, ids: Sequence[str]) -> dict[str, bool]:
        """Return, for each of ``ids`` already stored, whether its events have been extracted."""
        found: dict[str, bool] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                rows = conn.execute(select(DOCUMENTS.c.id, DOCUMENTS.c.processed_at).where(DOCUMENTS.c.id.in_(chunk)))
                found.update({row.id: row.processed_at is not None for row in rows})
        return found

    def save_document(
        self,
        document: Document,
        *,
        ref: str | None = None,
        events: list[Event] | None = None,
        mode: str | None = None,
        error: str | None = None,
        origin: str = "ingest",
    ) -> Saved:
        """Store ``document`` (once, by content) and, if given and not stored yet, its extracted events.

        ``ref`` is where it was read from (JSONL id, file name, URL); each new origin of a known
        document is recorded. ``events=None`` stores the document for ``strikewatch process`` later.
        """
        doc_id = content_id(document.text)
        ref = ref or document.url or document.id
        extracted = events is not None or error is not None
        changes = Changes(origin)
        try:
            with self.engine.begin() as conn:
                at = now()
                values = {
                    "id": doc_id,
                    "ref": ref,
                    "text": document.text,
                    "title": document.title,
                    "url": document.url,
                    "source": document.source,
                    "publisher": publisher(document.source, document.url, document.text),
                    "published": document.published,
                    "ingested_at": at,
                    # a new document is stored already marked processed: its events follow in this transaction
                    "processed_at": at if extracted else None,
                    "extract_mode": mode if extracted else None,
                    "extract_error": error if extracted else None,
                }
                new = insert_ignore(conn, DOCUMENTS, values)
                if new:
                    changes.record("insert", "documents", doc_id, {"ref": ref})
                    source, url, pending = document.source, document.url, extracted
                else:
                    stored_row = conn.execute(_SELECT_STORED, {"id": doc_id}).one()
                    source, url = stored_row.source, stored_row.url
                    pending = extracted and stored_row.processed_at is None
                if insert_ignore(conn, SOURCES, {"document_id": doc_id, "ref": ref}) and not new:
                    changes.record("insert", "document_sources", doc_id, {"ref": ref})
                stored = 0
                if pending:
                    stored = self._write_events(conn, changes, doc_id, events or [], source, url)
                    if not new:
                        conn.execute(_MARK_PROCESSED, {"doc_id": doc_id, "at": now(), "mode": mode, "error": error})
                    changes.record("update", "documents", doc_id, {"processed": stored, "error": error})
                changes.flush(conn)
            self._present |= changes.present
            return Saved(doc_id, new, stored)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store document {ref!r}: {exc}") from exc

    def _write_events(
        self, conn: Connection, changes: Changes, doc_id: str, events: list[Event], source: str | None, url: str | None
    ) -> int:
        rows = [event_row(extracted, doc_id, seq, NAMESPACE) for seq, extracted in enumerate(events)]
        if rows:
            overlay(conn, doc_id, rows)  # an analyst's changes survive a re-extraction
        for row in rows:
            self._write_event_row(conn, changes, row)
            link_event(conn, changes, row, self.link_km, source=source, url=url)
        return len(events)

    def _write_event_row(self, conn: Connection, changes: Changes, row: dict[str, Any]) -> bool:
        # actors and places are never deleted, so those known to be committed need no statement
        for name in (row["actor1"], row["actor2"]):
            if name and ("actors", name) not in self._present:
                if insert_ignore(conn, ACTORS, {"name": name}):
                    changes.record("insert", "actors", name)
                changes.present.add(("actors", name))
        place = row["place_id"]
        if place and ("places", place) not in self._present:
            if insert_ignore(conn, PLACES, place_row(row)):
                changes.record("insert", "places", place)
            changes.present.add(("places", place))
        if insert_ignore(conn, EVENTS, row):
            changes.record("insert", "events", row["id"])
            return True
        return False

    def quarantine(self, ref: str, reason: str, origin: str = "ingest") -> bool:
        """Record input that could not be read; return False if it was already quarantined for that reason."""
        row = {"ref": ref, "reason": reason[:MAX_REASON], "at": now()}
        changes = Changes(origin)
        try:
            with self.engine.begin() as conn:
                exists = conn.execute(
                    select(QUARANTINE.c.id).where(QUARANTINE.c.ref == ref, QUARANTINE.c.reason == row["reason"])
                ).first()
                if exists is not None:
                    return False
                conn.execute(insert(QUARANTINE), row)
                changes.record("insert", "quarantine", ref, {"reason": row["reason"]})
                changes.flush(conn)
                return True
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot quarantine {ref!r}: {exc}") from exc

    def pending(self) -> Iterator[Document]:
        """Yield the stored documents whose events have not been extracted yet, oldest first."""
        with self.engine.connect() as conn:
            ids = (
                conn.execute(
                    select(DOCUMENTS.c.id).where(DOCUMENTS.c.processed_at.is_(None)).order_by(DOCUMENTS.c.ingested_at)
                )
                .scalars()
                .all()
            )
        for start in range(0, len(ids), 200):
            with self.engine.connect() as conn:
                rows = conn.execute(select(DOCUMENTS).where(DOCUMENTS.c.id.in_(ids[start : start + 200]))).all()
            by_id = {row.id: row for row in rows}
            for doc_id in ids[start : start + 200]:
                row = by_id[doc_id]
                yield Document(row.ref, row.text, row.published, row.title, row.url, row.source)

    def replace_events(
        self,
        doc_id: str,
        events: list[Event],
        *,
        mode: str | None = None,
        error: str | None = None,
        published: date | None = None,
        origin: str = "reprocess",
    ) -> Saved:
        """Replace the extracted events of stored document ``doc_id`` with ``events`` (a re-extraction).

        ``published`` re-dates the document first (one stored without a date). The old events leave
        their incidents (which are summed up again, or deleted when left empty), the new ones are
        stored under the same ids (``<document id>:<n>``) and linked afresh, in one transaction
        recorded in the audit log: an interrupted reprocess leaves the old events in place.
        """
        changes = Changes(origin)
        try:
            with self.engine.begin() as conn:
                row = conn.execute(_SELECT_STORED, {"id": doc_id}).first()
                if row is None:
                    raise NotFound(f"no document {doc_id!r} in the store")
                if published is not None:
                    conn.execute(update(DOCUMENTS).where(DOCUMENTS.c.id == doc_id).values(published=published))
                    changes.record("update", "documents", doc_id, {"published": published.isoformat()})
                old = list(
                    conn.execute(
                        select(EVENTS.c.id).where(EVENTS.c.document_id == doc_id, EVENTS.c.namespace == NAMESPACE)
                    ).scalars()
                )
                unlink_events(conn, changes, old)
                conn.execute(delete(EVENTS).where(EVENTS.c.id.in_(old)))
                for event_id in old:
                    changes.record("delete", "events", event_id)
                stored = self._write_events(conn, changes, doc_id, events, row.source, row.url)
                conn.execute(_MARK_PROCESSED, {"doc_id": doc_id, "at": now(), "mode": mode, "error": error})
                done = {"processed": stored, "replaced": len(old), "error": error}
                changes.record("update", "documents", doc_id, done)
                changes.flush(conn)
            self._present |= changes.present
            return Saved(doc_id, False, stored)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot re-extract document {doc_id!r}: {exc}") from exc

    def import_events(self, namespace: str, rows: Iterable[dict[str, Any]], origin: str = "import") -> tuple[int, int]:
        """Store reference events of a dataset under ``namespace``; return (new, already there).

        Each row carries the contract's EVENT fields plus ``ref`` (the dataset's event id) and
        ``notes``; its id is ``<namespace>:<ref>``, so importing a file twice changes nothing.
        """
        new = old = 0
        changes = Changes(origin)
        try:
            with self.engine.begin() as conn:
                for seq, data in enumerate(rows):
                    row = {name: data.get(name) for name in EVENTS.columns.keys()}  # noqa: SIM118
                    row.update(
                        id=f"{namespace}:{data['ref']}",
                        namespace=namespace,
                        document_id=None,
                        seq=seq,
                        weapons=data.get("weapons") or [],
                        evidence=data.get("evidence") or {},
                        review_status="machine",
                    )
                    row["place_id"] = place_row(row)["id"] if row["location"] or row["lat"] is not None else None
                    if self._write_event_row(conn, changes, row):
                        new += 1
                    else:
                        old += 1
                changes.flush(conn)
            self._present |= changes.present
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot import {namespace} events: {exc}") from exc
        return new, old

    # -- reading -------------------------------------------------------------------------------

    def events(self, where: q.EventFilter | None = None) -> list[dict[str, Any]]:
        """Return the events that match ``where`` as contract EVENT dicts (plus ids), by date."""
        return q.query_events(self.engine, where or q.EventFilter())

    def documents(self, ids: Iterable[str], *, text: bool = False) -> dict[str, dict[str, Any]]:
        """Return the stored documents' metadata (``ref``, ``title``, ``url``, ``published``, ``source``,
        ``publisher``, and with ``text`` the text) by id."""
        return stored.metadata(self.engine, ids, text=text)

    def resolve_documents(self, refs: Iterable[str]) -> dict[str, str]:
        """Return the id of each stored document named in ``refs``: by id, by where it was read from (file
        name, JSONL id, URL), or by an unambiguous id prefix of at least 6 characters.

        Raises :class:`NotFound` naming the references that match no document, or several.
        """
        return stored.resolve(self.engine, refs)

    def document(self, doc_id: str) -> Document:
        """Return the stored document ``doc_id`` (its ``id`` is the reference it was first read from)."""
        return stored.load(self.engine, doc_id)

    def undated(self, ids: Sequence[str]) -> set[str]:
        """Return those of ``ids`` that are stored without a publication date."""
        return stored.undated(self.engine, ids)

    # -- incidents -----------------------------------------------------------------------------

    def incidents(self, where: q.EventFilter | None = None) -> list[dict[str, Any]]:
        """Return the incidents with at least one report matching ``where`` (its ``limit`` counts
        incidents), by date: their fields, ``events`` (report ids) and ``publishers``."""
        return incident_query.query_incidents(self.engine, where or q.EventFilter())

    def incident(self, incident_id: str) -> dict[str, Any]:
        """Return one incident with its ``report_events``: each an event dict with its document's ``title``,
        ``url``, ``published`` and ``publisher``. Raises :class:`NotFound` for an unknown id."""
        return incident_query.incident(self, incident_id)

    def incident_publishers(self, incident_ids: Iterable[str]) -> dict[str, list[str]]:
        """Return the publishers of each incident's reports, by incident id."""
        return incident_query.publishers(self.engine, incident_ids)

    def why_empty(self, where: q.EventFilter | None = None) -> str:
        """Return, in one line, why no event matches ``where`` (see :func:`strikewatch.store.query.why_empty`)."""
        return q.why_empty(self.engine, where or q.EventFilter())

    def count_events(self, where: q.EventFilter | None = None) -> int:
        """Return how many events match ``where``."""
        return q.count_events(self.engine, where or q.EventFilter())

    def status(self) -> dict[str, Any]:
        """Return counts of every table, documents by state, events by namespace and the quarantine list."""
        return q.status(self.engine)

    def table_count(self, table: Table) -> int:
        """Return the number of rows of ``table``."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
