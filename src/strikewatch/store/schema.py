"""The tables of the event store, as SQLAlchemy 2 declarative models.

Identifiers are deterministic so that a re-run writes the same rows as the first run:

- a document's id is the hash of its whitespace-normalised text (:func:`content_id`), so the same
  article read from two URLs or files is one row, with one :class:`DocumentSource` per origin;
- an event's id is ``<document id>:<n>`` (or ``<namespace>:<dataset id>`` for imported reference
  events), an incident's id is that of its first event (``/2`` and on if an incident kept that id after its
  first event was re-extracted), a place's id hashes its name, province,
  country and coordinates.

The migrations in ``migrations/versions`` create exactly these tables (a test compares them), plus
the full-text index over documents (SQLite FTS5, or a PostgreSQL GIN index over ``to_tsvector``).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def content_id(text: str) -> str:
    """Return the id of a document with ``text``: a SHA-256 of its whitespace-normalised text (32 hex)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:32]


def place_id(name: str | None, admin1: str | None, country: str | None, lat: float | None, lon: float | None) -> str:
    """Return the deterministic id of a place."""
    key = "|".join("" if part is None else str(part) for part in (name, admin1, country, lat, lon))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class Base(DeclarativeBase):
    """Declarative base of the store's tables."""


class DocumentRow(Base):
    """A report, stored once whatever the number of places it was read from."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    ref: Mapped[str] = mapped_column(Text)  # where it was first read: JSONL id, file name or URL
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)  # strikewatch.publishers.publisher() of the document
    published: Mapped[date | None] = mapped_column(Date, index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    extract_mode: Mapped[str | None] = mapped_column(String(16))
    extract_error: Mapped[str | None] = mapped_column(Text)


class DocumentSource(Base):
    """One origin (file, JSONL id, URL) a document was read from."""

    __tablename__ = "document_sources"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    ref: Mapped[str] = mapped_column(Text, primary_key=True)


class PlaceRow(Base):
    """A place named by at least one event."""

    __tablename__ = "places"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    name: Mapped[str | None] = mapped_column(Text, index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    feature: Mapped[str | None] = mapped_column(String(16))


class ActorRow(Base):
    """A canonical actor name."""

    __tablename__ = "actors"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)


class EventRow(Base):
    """An event: extracted from a document (namespace ``strikewatch``) or imported (``acled``, ``ucdp``).

    Place fields are copied onto the event so that filters need no join; ``evidence`` holds the
    sentence, its offsets and the spans of each field (``{"text", "start", "end", "spans"}``).
    """

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_ns_date", "namespace", "date_start"),
        Index("ix_events_lat_lon", "lat", "lon"),
        Index("ix_events_ns_etype_date", "namespace", "event_type", "date_start"),
        Index("ix_events_ns_review_date", "namespace", "review_status", "date_start"),
        Index("ix_events_ns_date_lat_lon", "namespace", "date_start", "lat", "lon"),  # dates + a map view
    )

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    namespace: Mapped[str] = mapped_column(String(16))
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str | None] = mapped_column(Text)  # the dataset's own id for imported events
    event_type: Mapped[str | None] = mapped_column(String(40))
    sub_event_type: Mapped[str | None] = mapped_column(String(60))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    time_precision: Mapped[int | None] = mapped_column(Integer)  # ACLED: 1 day, 2 week, 3 month
    actor1: Mapped[str | None] = mapped_column(ForeignKey("actors.name"), index=True)
    actor2: Mapped[str | None] = mapped_column(ForeignKey("actors.name"), index=True)
    place_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"), index=True)
    location: Mapped[str | None] = mapped_column(Text)
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    weapons: Mapped[list[str]] = mapped_column(JSON)
    certainty: Mapped[str | None] = mapped_column(String(16), index=True)
    attribution: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)
    # machine (as extracted), reviewed, verified or rejected: see strikewatch.store.edits
    review_status: Mapped[str] = mapped_column(String(16), default="machine", server_default="machine")


# Filters compare names case-insensitively (strikewatch.store.query): these indexes are on lower(name).
Index(
    "ix_events_ns_type_admin1ci_date",
    EventRow.namespace,
    EventRow.event_type,
    func.lower(EventRow.admin1),
    EventRow.date_start,
)
Index(
    "ix_events_ns_subtype_admin1ci_date",
    EventRow.namespace,
    EventRow.sub_event_type,
    func.lower(EventRow.admin1),
    EventRow.date_start,
)
Index("ix_events_ns_admin1ci_date", EventRow.namespace, func.lower(EventRow.admin1), EventRow.date_start)
Index("ix_events_ns_countryci_date", EventRow.namespace, func.lower(EventRow.country), EventRow.date_start)


class IncidentRow(Base):
    """Reports of one incident from several documents, with what they agree and disagree on."""

    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_type_date", "event_type", "date_start", "date_end"),)

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    event_type: Mapped[str | None] = mapped_column(String(40))
    sub_event_type: Mapped[str | None] = mapped_column(String(60))
    date_start: Mapped[date] = mapped_column(Date)
    date_end: Mapped[date] = mapped_column(Date)
    location: Mapped[str | None] = mapped_column(Text)
    admin1: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    actor1: Mapped[str | None] = mapped_column(Text)
    fatalities_min: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    reports: Mapped[int] = mapped_column(Integer)
    sources: Mapped[int] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(24))
    place_key: Mapped[str | None] = mapped_column(Text)  # casefolded location and province, to find namesakes
    geo_precision: Mapped[int | None] = mapped_column(Integer)  # of its place: how far apart its reports may be


class IncidentEvent(Base):
    """Link of an event (a report) to its incident."""

    __tablename__ = "incident_events"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    source_key: Mapped[str | None] = mapped_column(Text)  # what makes the report independent (source_key())


class AuditRow(Base):
    """One change to the store: what was inserted, updated or deleted, when and by which command."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class EditRow(Base):
    """One analyst's change (an edit of an event's fields, a review step, an incident merge or split, an undo).

    ``old`` and ``new`` hold the values before and after, by field; an undone change points to the
    change that undid it. Rows are never deleted, and ``target_id`` is no foreign key: an event that
    is extracted again keeps the analyst's changes (see :func:`strikewatch.store.edits.overlay`).
    """

    __tablename__ = "edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    who: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(String(16))  # event or incident
    target_id: Mapped[str] = mapped_column(String(80), index=True)
    action: Mapped[str] = mapped_column(String(16))  # edit, review, merge, split, undo
    old: Mapped[dict[str, Any]] = mapped_column(JSON)
    new: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    undone_by: Mapped[int | None] = mapped_column(Integer)
    undoes: Mapped[int | None] = mapped_column(Integer)
    anchor: Mapped[str | None] = mapped_column(String(40))  # the event's evidence offsets, "start-end"


class TokenRow(Base):
    """An API token: its public id, name and role; only a hash of the secret is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class QuarantineRow(Base):
    """Input that could not be read, and why; listed by ``strikewatch status``."""

    __tablename__ = "quarantine"
    __table_args__ = (UniqueConstraint("ref", "reason", name="uq_quarantine_ref_reason"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ref: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)


# -- monitoring (strikewatch.monitor): feeds polled on a schedule, saved watches, alerts and their outbox


class FeedRow(Base):
    """A feed ``strikewatch watch run`` polls, with what it needs to poll politely."""

    __tablename__ = "monitor_feeds"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    every_seconds: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    etag: Mapped[str | None] = mapped_column(Text)  # validators of the last good response, for a 304
    last_modified: Mapped[str | None] = mapped_column(Text)
    polled_at: Mapped[datetime | None] = mapped_column(DateTime)  # last attempt, good or not
    ok_at: Mapped[datetime | None] = mapped_column(DateTime)  # last good poll (200 or 304)
    next_poll_at: Mapped[datetime] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer)  # consecutive failed polls (backoff doubles with each)
    last_error: Mapped[str | None] = mapped_column(Text)


class FeedItemRow(Base):
    """An item of a feed already ingested (or quarantined): it is never ingested again."""

    __tablename__ = "monitor_items"

    feed: Mapped[str] = mapped_column(ForeignKey("monitor_feeds.name", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # hash of the item's link or guid
    ref: Mapped[str] = mapped_column(Text)
    document_id: Mapped[str | None] = mapped_column(String(32))
    seen_at: Mapped[datetime] = mapped_column(DateTime)


class WatchRow(Base):
    """A saved watch: an event filter, its rule and where its alerts go."""

    __tablename__ = "monitor_watches"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    filter: Mapped[dict[str, Any]] = mapped_column(JSON)  # the EventFilter's set fields
    surge: Mapped[bool] = mapped_column(Boolean)
    webhooks: Mapped[list[str]] = mapped_column(JSON)
    emails: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)


class AlertRow(Base):
    """An alert: which watch and rule fired, on which events, and why (the payload every channel gets)."""

    __tablename__ = "monitor_alerts"
    __table_args__ = (Index("ix_monitor_alerts_watch_created", "watch", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # also the idempotency key
    watch: Mapped[str] = mapped_column(ForeignKey("monitor_watches.name", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(16))  # match or surge
    created_at: Mapped[datetime] = mapped_column(DateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class AlertEventRow(Base):
    """An event a watch has alerted on (or, for a surge watch, seen): it never alerts on it again."""

    __tablename__ = "monitor_alert_events"

    watch: Mapped[str] = mapped_column(ForeignKey("monitor_watches.name", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    alert_id: Mapped[str | None] = mapped_column(String(32))


class DeliveryRow(Base):
    """The outbox: one delivery of an alert to one webhook or address, until it is sent or given up."""

    __tablename__ = "monitor_deliveries"
    __table_args__ = (Index("ix_monitor_deliveries_state_next", "state", "next_attempt_at"),)

    alert_id: Mapped[str] = mapped_column(ForeignKey("monitor_alerts.id", ondelete="CASCADE"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)  # webhook or email
    target: Mapped[str] = mapped_column(Text, primary_key=True)
    state: Mapped[str] = mapped_column(String(16))  # pending, sent or failed (given up)
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


TABLES = [model.__table__ for model in Base.__subclasses__()]
