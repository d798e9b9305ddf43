"""Analysts' changes to events: field edits with a reason, review steps, their history and undo.

Every change is one row of ``edits`` (who, when, old and new values by field, reason) written in
the transaction that makes it, plus an ``audit_log`` entry. A change can be undone while the
fields it set still hold its values; the undo is itself a change in the history.

An extracted event that is written again (a document extracted anew, by ``process`` or any
re-extraction that deletes and re-inserts its events) gets the analyst's values back:
:func:`overlay` re-applies every change not undone to the fresh rows before they are stored,
matching each change to its event by the evidence offsets it was made on (an event may get another
rank, hence another id, when the text is extracted again).

Review status: ``machine`` (as extracted) → ``reviewed`` → ``verified``; any of them → ``rejected``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, bindparam, select, update

from strikewatch.errors import ConfigError, Conflict, NotFound
from strikewatch.model import Certainty, EventType, SubEventType
from strikewatch.store.audit import Changes, insert_ignore, now
from strikewatch.store.prepared import Prepared
from strikewatch.store.rows import place_row
from strikewatch.store.schema import ActorRow, EditRow, EventRow, PlaceRow

EDITS: Table = EditRow.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
ACTORS: Table = ActorRow.__table__  # type: ignore[assignment]
PLACES: Table = PlaceRow.__table__  # type: ignore[assignment]

REVIEW_STATUSES = ("machine", "reviewed", "verified", "rejected")
TRANSITIONS: dict[str, frozenset[str]] = {
    "machine": frozenset({"reviewed", "rejected"}),
    "reviewed": frozenset({"verified", "rejected"}),
    "verified": frozenset({"rejected"}),
    "rejected": frozenset(),
}
TEXT_FIELDS = ("actor1", "actor2", "location", "admin1", "admin2", "country", "attribution", "notes")
INT_FIELDS = ("geo_precision", "fatalities", "fatalities_max", "geonameid")
#: The event fields an analyst may set, and the review status (set through :func:`review_event`).
EDITABLE = (
    "event_type", "sub_event_type", "date_start", "date_end", *TEXT_FIELDS, "lat", "lon", *INT_FIELDS,
    "weapons", "certainty",
)  # fmt: skip
PLACE_FIELDS = frozenset({"location", "admin1", "admin2", "country", "lat", "lon", "geonameid"})
MAX_TEXT = 500
_ENUMS: dict[str, frozenset[str]] = {
    "event_type": frozenset(str(m) for m in EventType),
    "sub_event_type": frozenset(str(m) for m in SubEventType),
    "certainty": frozenset(str(m) for m in Certainty),
}
_DOCUMENT_EDITS = Prepared(
    select(EDITS)
    .where(
        EDITS.c.target == "event",
        EDITS.c.target_id > bindparam("low"),
        EDITS.c.target_id < bindparam("high"),
        EDITS.c.undone_by.is_(None),
        EDITS.c.action != "undo",
    )
    .order_by(EDITS.c.id)
)


def _clean(name: str, value: Any) -> Any:
    """Return ``value`` as stored in field ``name``, or raise ConfigError saying what is wrong with it."""
    if value is None:
        if name == "weapons":
            return []
        return None
    if name in _ENUMS:
        if value not in _ENUMS[name]:
            raise ConfigError(f"{name} {value!r} is not one of: {', '.join(sorted(_ENUMS[name]))}")
        return value
    if name in ("date_start", "date_end"):
        try:
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError as exc:
            raise ConfigError(f"{name} {value!r} is not an ISO date (YYYY-MM-DD)") from exc
    if name in ("lat", "lon"):
        limit = 90 if name == "lat" else 180
        if isinstance(value, bool) or not isinstance(value, int | float) or not -limit <= value <= limit:
            raise ConfigError(f"{name} {value!r} is not a number between -{limit} and {limit}")
        return float(value)
    if name in INT_FIELDS:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 10**9:
            raise ConfigError(f"{name} {value!r} is not a whole number >= 0")
        if name == "geo_precision" and value not in (1, 2, 3):
            raise ConfigError(f"geo_precision {value!r} is not 1, 2 or 3")
        return value
    if name == "weapons":
        if not isinstance(value, list) or not all(isinstance(w, str) and 0 < len(w) <= MAX_TEXT for w in value):
            raise ConfigError('weapons must be a list of words, e.g. ["barrel bombs"]')
        return value
    if name in TEXT_FIELDS:
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            raise ConfigError(f"{name} must be text of at most {MAX_TEXT} characters")
        return value.strip() or None
    raise ConfigError(f"{name!r} cannot be edited: edit one of {', '.join(EDITABLE)}")


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _stored(name: str, value: Any) -> Any:
    """Return a value of an edit's ``old``/``new`` (JSON) as the column holds it."""
    if name in ("date_start", "date_end") and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _anchor(row: Any) -> str | None:
    evidence = row["evidence"] or {}
    if evidence.get("start") is None or evidence.get("end") is None:
        return None
    return f"{evidence['start']}-{evidence['end']}"


def _event(conn: Connection, event_id: str) -> dict[str, Any]:
    row = conn.execute(select(EVENTS).where(EVENTS.c.id == event_id)).first()
    if row is None:
        raise NotFound(f"event {event_id!r} not found: list events with GET /api/v1/events")
    return dict(row._mapping)


def _ensure_refs(conn: Connection, row: dict[str, Any], changes: Changes) -> None:
    """Make sure the actors and the place an edited row names exist (the events table points to them)."""
    for name in (row["actor1"], row["actor2"]):
        if name and insert_ignore(conn, ACTORS, {"name": name}):
            changes.record("insert", "actors", name)
    if row["location"] or row["lat"] is not None:
        place = place_row(row)
        row["place_id"] = place["id"]
        if insert_ignore(conn, PLACES, place):
            changes.record("insert", "places", place["id"])
    else:
        row["place_id"] = None


def _apply(conn: Connection, event: dict[str, Any], values: dict[str, Any], changes: Changes) -> None:
    """Write ``values`` onto the stored ``event`` (and keep its place, actors and incident consistent)."""
    from strikewatch.store.incident_edits import refresh_incident_of

    row = {**event, **values}
    updates = dict(values)
    if PLACE_FIELDS & values.keys() or {"actor1", "actor2"} & values.keys():
        _ensure_refs(conn, row, changes)
        updates["place_id"] = row["place_id"]
    conn.execute(update(EVENTS).where(EVENTS.c.id == event["id"]).values(updates))
    refresh_incident_of(conn, event["id"], changes)


def _record(
    conn: Connection,
    changes: Changes,
    *,
    who: str,
    target: str,
    target_id: str,
    action: str,
    old: dict[str, Any],
    new: dict[str, Any],
    reason: str,
    anchor: str | None = None,
    undoes: int | None = None,
) -> dict[str, Any]:
    entry = {
        "at": now(),
        "who": who,
        "target": target,
        "target_id": target_id,
        "action": action,
        "old": {k: _json(v) for k, v in old.items()},
        "new": {k: _json(v) for k, v in new.items()},
        "reason": reason,
        "undone_by": None,
        "undoes": undoes,
        "anchor": anchor,
    }
    entry["id"] = conn.execute(EDITS.insert().values(entry).returning(EDITS.c.id)).scalar_one()
    table = "events" if target == "event" else "incidents"
    changes.record("update", table, target_id, {"edit": entry["id"], "action": action, "who": who})
    return entry


def _reason(reason: str | None, required: bool) -> str:
    text = (reason or "").strip()
    if required and not text:
        raise ConfigError("give a reason for the change (it is kept in the event's history)")
    if len(text) > 2000:
        raise ConfigError("the reason is longer than 2000 characters: shorten it")
    return text


def edit_event(engine: Engine, event_id: str, values: dict[str, Any], reason: str, who: str) -> dict[str, Any]:
    """Set fields of an event (``values`` by field name) for ``reason``; return the edit entry.

    Raises ConfigError for an unknown field, a bad value or a missing reason, NotFound for an
    unknown event, and Conflict when nothing would change.
    """
    text = _reason(reason, required=True)
    cleaned = {name: _clean(name, value) for name, value in values.items()}
    if not cleaned:
        raise ConfigError(f"give at least one field to change: {', '.join(EDITABLE)}")
    changes = Changes(f"desk {who}"[:32])
    with engine.begin() as conn:
        event = _event(conn, event_id)
        start = cleaned.get("date_start", event["date_start"])
        end = cleaned.get("date_end", event["date_end"])
        if start and end and end < start:
            raise ConfigError(f"date_end {end} is before date_start {start}")
        changed = {k: v for k, v in cleaned.items() if event[k] != v}
        if not changed:
            raise Conflict("the event already holds these values: nothing to change")
        old = {k: event[k] for k in changed}
        _apply(conn, event, changed, changes)
        entry = _record(
            conn, changes, who=who, target="event", target_id=event_id, action="edit", old=old, new=changed,
            reason=text, anchor=_anchor(event),
        )  # fmt: skip
        changes.flush(conn)
    return entry


def review_event(engine: Engine, event_id: str, status: str, who: str, reason: str | None = None) -> dict[str, Any]:
    """Move an event to review ``status`` (see :data:`TRANSITIONS`); return the edit entry."""
    if status not in REVIEW_STATUSES:
        raise ConfigError(f"review status {status!r} is not one of: {', '.join(REVIEW_STATUSES)}")
    text = _reason(reason, required=False)
    changes = Changes(f"desk {who}"[:32])
    with engine.begin() as conn:
        event = _event(conn, event_id)
        current = event["review_status"] or "machine"
        if status not in TRANSITIONS[current]:
            allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (undo the rejection instead)"
            raise Conflict(f"an event {current!r} cannot become {status!r}: next steps are {allowed}")
        _apply(conn, event, {"review_status": status}, changes)
        entry = _record(
            conn, changes, who=who, target="event", target_id=event_id, action="review",
            old={"review_status": current}, new={"review_status": status}, reason=text, anchor=_anchor(event),
        )  # fmt: skip
        changes.flush(conn)
    return entry


def entry_dict(row: Any) -> dict[str, Any]:
    """Return an edit row as JSON-ready data."""
    mapping = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    mapping["at"] = mapping["at"].isoformat(timespec="seconds") + "Z"
    mapping.pop("anchor", None)
    return mapping


def history(engine: Engine, target_id: str, target: str = "event") -> list[dict[str, Any]]:
    """Return the changes made to an event (or incident), oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(EDITS).where(EDITS.c.target == target, EDITS.c.target_id == target_id).order_by(EDITS.c.id)
        )
        return [entry_dict(row) for row in rows]


def get_edit(conn: Connection, edit_id: int) -> dict[str, Any]:
    """Return edit ``edit_id`` as stored (NotFound if there is none)."""
    row = conn.execute(select(EDITS).where(EDITS.c.id == edit_id)).first()
    if row is None:
        raise NotFound(f"edit {edit_id} not found: see the event's history for the ids of its changes")
    return dict(row._mapping)


def undo(engine: Engine, edit_id: int, who: str, reason: str | None = None) -> dict[str, Any]:
    """Undo change ``edit_id``: restore what it replaced; return the undo's own entry.

    Raises Conflict if it was undone already, is itself an undo, or a field it set has changed since.
    """
    from strikewatch.store.incident_edits import undo_incident_change

    text = _reason(reason, required=False) or f"undo of change {edit_id}"
    changes = Changes(f"desk {who}"[:32])
    with engine.begin() as conn:
        edit = get_edit(conn, edit_id)
        if edit["undone_by"] is not None:
            raise Conflict(f"change {edit_id} was already undone by change {edit['undone_by']}")
        if edit["action"] == "undo":
            raise Conflict(f"change {edit_id} is an undo: undo is not undone; make the change again instead")
        if edit["target"] == "incident":
            entry = undo_incident_change(conn, edit, who, text, changes)
        else:
            event = _event(conn, edit["target_id"])
            restored = {k: _stored(k, v) for k, v in edit["old"].items()}
            moved = [k for k, v in edit["new"].items() if _json(event[k]) != v]
            if moved:
                raise Conflict(f"{', '.join(moved)} changed after change {edit_id}: undo the later changes first")
            _apply(conn, event, restored, changes)
            entry = _record(
                conn, changes, who=who, target="event", target_id=event["id"], action="undo", old=edit["new"],
                new=edit["old"], reason=text, anchor=edit["anchor"], undoes=edit_id,
            )  # fmt: skip
        conn.execute(update(EDITS).where(EDITS.c.id == edit_id).values(undone_by=entry["id"]))
        changes.flush(conn)
    return entry


def overlay(conn: Connection, document_id: str, rows: list[dict[str, Any]]) -> None:
    """Re-apply the analysts' changes to freshly extracted ``rows`` of one document, in place.

    A change follows its event by evidence offsets, else by id; a change whose event is no longer
    extracted stays in the history and is applied again if the event comes back.
    """
    edits = _DOCUMENT_EDITS.rows(conn, {"low": f"{document_id}:", "high": f"{document_id};"})
    if not edits:
        return
    by_anchor = {_anchor(row): row for row in rows if _anchor(row)}
    by_id = {row["id"]: row for row in rows}
    for edit in edits:
        row = by_anchor.get(edit.anchor) if edit.anchor else None
        row = row or by_id.get(edit.target_id)
        if row is None:
            continue
        new = json.loads(edit.new) if isinstance(edit.new, str) else edit.new
        row.update({k: _stored(k, v) for k, v in new.items()})
        if PLACE_FIELDS & new.keys():
            row["place_id"] = place_row(row)["id"] if row["location"] or row["lat"] is not None else None
        if row["id"] != edit.target_id:
            conn.execute(
                update(EDITS).where(and_(EDITS.c.target == "event", EDITS.c.target_id == edit.target_id)),
                {"target_id": row["id"]},
            )
