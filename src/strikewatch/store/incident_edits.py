"""Analysts' changes to incidents: merge several into one, split reports off into a new one, undo both.

Each change is an ``edits`` row (see :mod:`strikewatch.store.edits`) holding what is needed to undo
it: a merge keeps the merged-away incidents' rows and which reports each had; a split keeps the
reports it moved. After every change the incidents' summaries (dates, fatality range, sources,
grade) are computed again from their reports, with the same rules as linking
(:mod:`strikewatch.store.incidents`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from strikewatch.errors import ConfigError, Conflict, NotFound
from strikewatch.store.audit import Changes
from strikewatch.store.edits import _reason, _record, get_edit
from strikewatch.store.incidents import _STORED, EVENTS, INCIDENTS, LINKS, place_key

_NO_REPORT = {"document_id": None, "actor1": None, "actor2": None, "source_key": None}


def _summary(conn: Connection, incident_id: str) -> dict[str, Any] | None:
    (stored,) = _STORED.rows(conn, {"incident_id": incident_id, **_NO_REPORT})
    if not stored.reports:
        return None
    if stored.confirmed:
        grade = "confirmed"
    elif stored.perpetrators > 1:
        grade = "contested"
    elif stored.sources > 1:
        grade = "multiple sources"
    else:
        grade = "single source"
    return {
        "date_start": stored.date_start,
        "date_end": stored.date_end,
        "fatalities_min": stored.fatalities_min,
        "fatalities_max": stored.fatalities_max,
        "actor1": stored.perpetrator if stored.perpetrators == 1 else None,
        "reports": stored.reports,
        "sources": stored.sources,
        "grade": grade,
    }


def refresh_incident(conn: Connection, incident_id: str, changes: Changes) -> None:
    """Compute an incident's summary again from its reports (and drop it when it has none left)."""
    summary = _summary(conn, incident_id)
    if summary is None:
        conn.execute(delete(INCIDENTS).where(INCIDENTS.c.id == incident_id))
        changes.record("delete", "incidents", incident_id)
        return
    for key in ("date_start", "date_end"):
        if isinstance(summary[key], str):  # SQLite's min()/max() over dates give text
            summary[key] = date.fromisoformat(summary[key])
    conn.execute(update(INCIDENTS).where(INCIDENTS.c.id == incident_id).values(summary))
    changes.record("update", "incidents", incident_id, {"reports": summary["reports"], "grade": summary["grade"]})


def refresh_incident_of(conn: Connection, event_id: str, changes: Changes) -> None:
    """Refresh the summary of the incident event ``event_id`` belongs to, if any."""
    incident = conn.execute(select(LINKS.c.incident_id).where(LINKS.c.event_id == event_id)).scalar()
    if incident is not None:
        refresh_incident(conn, incident, changes)


def _incident(conn: Connection, incident_id: str) -> dict[str, Any]:
    row = conn.execute(select(INCIDENTS).where(INCIDENTS.c.id == incident_id)).first()
    if row is None:
        raise NotFound(f"incident {incident_id!r} not found: list incidents with GET /api/v1/incidents")
    return dict(row._mapping)


def _reports(conn: Connection, incident_id: str) -> list[str]:
    query = select(LINKS.c.event_id).where(LINKS.c.incident_id == incident_id).order_by(LINKS.c.event_id)
    return list(conn.execute(query).scalars())


def _move(conn: Connection, event_ids: list[str], incident_id: str) -> None:
    for event_id in event_ids:
        conn.execute(update(LINKS).where(LINKS.c.event_id == event_id).values(incident_id=incident_id))


def _row_json(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def _row_stored(row: dict[str, Any]) -> dict[str, Any]:
    return {k: date.fromisoformat(v) if k in ("date_start", "date_end") else v for k, v in row.items()}


def merge_incidents(engine: Engine, ids: list[str], who: str, reason: str) -> dict[str, Any]:
    """Merge incidents ``ids`` into the first: the others' reports join it and they are removed."""
    text = _reason(reason, required=True)
    ids = list(dict.fromkeys(ids))
    if len(ids) < 2:
        raise ConfigError("give at least two different incident ids to merge")
    changes = Changes(f"desk {who}"[:32])
    with engine.begin() as conn:
        into = _incident(conn, ids[0])
        merged = [_incident(conn, other) for other in ids[1:]]
        moved = {row["id"]: _reports(conn, row["id"]) for row in merged}
        for row in merged:
            _move(conn, moved[row["id"]], into["id"])
            conn.execute(delete(INCIDENTS).where(INCIDENTS.c.id == row["id"]))
            changes.record("delete", "incidents", row["id"], {"merged_into": into["id"]})
        refresh_incident(conn, into["id"], changes)
        entry = _record(
            conn, changes, who=who, target="incident", target_id=into["id"], action="merge",
            old={"incidents": [_row_json(row) for row in merged]}, new={"reports": moved}, reason=text,
        )  # fmt: skip
        changes.flush(conn)
    return entry


def split_incident(engine: Engine, incident_id: str, event_ids: list[str], who: str, reason: str) -> dict[str, Any]:
    """Move reports ``event_ids`` of an incident into a new incident (named after the first of them)."""
    text = _reason(reason, required=True)
    event_ids = list(dict.fromkeys(event_ids))
    changes = Changes(f"desk {who}"[:32])
    with engine.begin() as conn:
        source = _incident(conn, incident_id)
        reports = _reports(conn, incident_id)
        strangers = [e for e in event_ids if e not in reports]
        if strangers:
            raise ConfigError(f"not reports of incident {incident_id}: {', '.join(strangers)}")
        if not event_ids or len(event_ids) == len(reports):
            raise ConfigError("split off some of the incident's reports, not none or all of them")
        new_id = event_ids[0]
        if conn.execute(select(INCIDENTS.c.id).where(INCIDENTS.c.id == new_id)).first() is not None:
            new_id = f"{new_id}~{len(reports)}"
        first = conn.execute(select(EVENTS).where(EVENTS.c.id == event_ids[0])).one()
        values = {c.name: source.get(c.name) for c in INCIDENTS.columns}
        values.update(
            id=new_id, event_type=first.event_type, sub_event_type=first.sub_event_type, location=first.location,
            admin1=first.admin1, country=first.country, lat=first.lat, lon=first.lon,
            place_key=place_key(first.location, first.admin1),
        )  # fmt: skip
        conn.execute(insert(INCIDENTS).values(values))
        changes.record("insert", "incidents", new_id, {"split_from": incident_id})
        _move(conn, event_ids, new_id)
        refresh_incident(conn, new_id, changes)
        refresh_incident(conn, incident_id, changes)
        entry = _record(
            conn, changes, who=who, target="incident", target_id=incident_id, action="split",
            old={"reports": event_ids}, new={"incident": new_id, "reports": event_ids}, reason=text,
        )  # fmt: skip
        changes.flush(conn)
    return entry


def undo_incident_change(
    conn: Connection, edit: dict[str, Any], who: str, reason: str, changes: Changes
) -> dict[str, Any]:
    """Undo a merge (restore the merged-away incidents with their reports) or a split (join them again)."""
    if edit["action"] == "merge":
        for row in edit["old"]["incidents"]:
            if conn.execute(select(INCIDENTS.c.id).where(INCIDENTS.c.id == row["id"])).first() is not None:
                raise Conflict(f"incident {row['id']} exists again: it cannot be restored over")
            conn.execute(insert(INCIDENTS).values(_row_stored(row)))
            _move(conn, edit["new"]["reports"][row["id"]], row["id"])
            refresh_incident(conn, row["id"], changes)
        refresh_incident(conn, edit["target_id"], changes)
    elif edit["action"] == "split":
        new_id = edit["new"]["incident"]
        _incident(conn, edit["target_id"])
        _move(conn, edit["new"]["reports"], edit["target_id"])
        refresh_incident(conn, new_id, changes)
        refresh_incident(conn, edit["target_id"], changes)
    else:
        raise Conflict(f"change {edit['id']} ({edit['action']}) cannot be undone")
    return _record(
        conn, changes, who=who, target="incident", target_id=edit["target_id"], action="undo", old=edit["new"],
        new=edit["old"], reason=reason, undoes=edit["id"],
    )  # fmt: skip


__all__ = ["get_edit", "merge_incidents", "refresh_incident", "split_incident", "undo_incident_change"]
