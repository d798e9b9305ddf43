"""Saved watches: an event filter (the one :class:`~strikewatch.filters.EventFilter`), a rule and recipients.

A watch's rule is ``match`` (alert on each new event the filter lets through) or ``surge`` (alert
when the change-point test finds the daily rate of those events has risen). Its alerts go to its
webhooks and e-mail addresses and to its Atom feed. This module stores watches and says, for a
filter and an event, why the event matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from email.utils import parseaddr
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from strikewatch.errors import ConfigError, NotFound, StoreError
from strikewatch.extras import require
from strikewatch.filters import EventFilter
from strikewatch.links import safe_link
from strikewatch.monitor.tables import ALERT_EVENTS, ALERTS, DELIVERIES, WATCHES
from strikewatch.store.audit import Changes, now
from strikewatch.store.repo import Store

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
#: EventFilter fields a watch cannot set: the watch decides what is new, and alerts list every event.
NOT_SAVED = ("limit", "stored_since")
_DATES = ("date_from", "date_to")


def filter_to_json(where: EventFilter) -> dict[str, Any]:
    """Return the fields of ``where`` that differ from their defaults as JSON values (dates as ISO
    strings, bbox as a list)."""
    out: dict[str, Any] = {}
    for field in fields(EventFilter):
        value = getattr(where, field.name)
        if value is None or field.name in NOT_SAVED or value == field.default:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        out[field.name] = list(value) if field.name == "bbox" else value
    return out


def filter_from_json(data: dict[str, Any]) -> EventFilter:
    """Return the :class:`EventFilter` that :func:`filter_to_json` wrote."""
    values = dict(data)
    unknown = set(values) - {field.name for field in fields(EventFilter)}
    if unknown:
        raise ConfigError(f"the saved filter has fields strikewatch does not know: {', '.join(sorted(unknown))}")
    for name in _DATES:
        if values.get(name):
            values[name] = date.fromisoformat(values[name])
    if values.get("bbox"):
        values["bbox"] = tuple(float(v) for v in values["bbox"])
    return EventFilter(**values)


def describe(where: EventFilter) -> str:
    """Return the filter in words: ``bbox 36,35,37,36; actor Military Forces of Russia; min fatalities 3``."""
    labels = {"event_type": "type", "min_fatalities": "min fatalities", "date_from": "from", "date_to": "to"}
    parts = []
    for name, value in filter_to_json(where).items():
        shown = ",".join(f"{v:g}" for v in value) if name == "bbox" else value
        parts.append(f"{labels.get(name, name)} {shown}")
    return "; ".join(parts) or "every event"


def reasons(where: EventFilter, event: dict[str, Any]) -> list[str]:
    """Return, for each condition of ``where``, what in ``event`` (a stored event dict) met it."""
    out = []
    if where.bbox:
        box = ",".join(f"{v:g}" for v in where.bbox)
        out.append(f"at {event.get('lat')}, {event.get('lon')} (lat, lon): inside bbox {box}")
    for name, label in (("country", "country"), ("admin1", "admin1"), ("admin2", "admin2")):
        if getattr(where, name):
            out.append(f"{label} is {event.get(name)}")
    if where.actor:
        from strikewatch.store.match import actor_names  # the names the store matched the actor by

        names = {name.casefold() for name in actor_names(where.actor)}
        side = "actor1" if str(event.get("actor1") or "").casefold() in names else "actor2"
        out.append(f"{side} is {event.get(side) or where.actor}")
    if where.event_type:
        out.append(f"type {event.get('sub_event_type') or event.get('event_type')} matches {where.event_type}")
    if where.certainty:
        out.append(f"certainty is {event.get('certainty')}")
    if where.min_fatalities is not None:
        out.append(f"{event.get('fatalities')} fatalities, at least {where.min_fatalities}")
    if where.date_from or where.date_to:
        out.append(f"dated {event.get('date_start')}, within {where.date_from or '…'} – {where.date_to or '…'}")
    if where.text:
        out.append(f"its report mentions {where.text!r}")
    return out


@dataclass(frozen=True, slots=True)
class Watch:
    """A saved watch, and how many alerts it made and delivered."""

    name: str
    filter: EventFilter
    surge: bool
    webhooks: list[str]
    emails: list[str]
    created_at: datetime
    checked_at: datetime | None
    alerts: int = 0
    pending: int = 0
    failed: int = 0

    @property
    def rule(self) -> str:
        """Return the rule's name: ``surge`` or ``match``."""
        return "surge" if self.surge else "match"


def _watch(row: Any, counts: dict[str, int] | None = None) -> Watch:
    counts = counts or {}
    try:
        where = filter_from_json(row.filter)
    except (ConfigError, TypeError, ValueError) as exc:
        raise ConfigError(f"watch {row.name!r} cannot be read ({exc}): remove it with `alerts remove`") from exc
    return Watch(
        row.name,
        where,
        bool(row.surge),
        list(row.webhooks),
        list(row.emails),
        row.created_at,
        row.checked_at,
        counts.get("alerts", 0),
        counts.get("pending", 0),
        counts.get("failed", 0),
    )


def _check_email(address: str) -> str:
    _, parsed = parseaddr(address)
    if not parsed or parsed != address.strip() or "@" not in parsed or any(c.isspace() for c in parsed):
        raise ConfigError(f"--email {address!r} is not an e-mail address: give one like analyst@example.org")
    return parsed


def require_surge(needed_by: str) -> None:
    """Raise :class:`~strikewatch.extras.MissingExtra` unless the change-point test (numpy) can run."""
    require("monitor", needed_by, ("numpy",))


def add_watch(
    store: Store,
    name: str,
    where: EventFilter,
    *,
    surge: bool = False,
    webhooks: list[str] | None = None,
    emails: list[str] | None = None,
) -> Watch:
    """Save a watch: it alerts on events stored from now on (or on a surge of them, with ``surge``)."""
    if not NAME.fullmatch(name):
        raise ConfigError(f"--name {name!r}: use up to 100 letters, digits, '.', '_' or '-', starting with one")
    hooks = list(webhooks or [])
    for url in hooks:
        if safe_link(url) is None:
            raise ConfigError(f"--webhook {url!r} is not an http(s) URL")
    addresses = [_check_email(address) for address in emails or []]
    if surge:
        require_surge("--surge")
    where = replace(where, limit=None, stored_since=None)
    at = now()
    changes = Changes("alerts add")
    values = {"name": name, "filter": filter_to_json(where), "surge": surge, "webhooks": hooks}
    values |= {"emails": addresses, "created_at": at, "checked_at": None}
    try:
        with store.engine.begin() as conn:
            if conn.execute(select(WATCHES.c.name).where(WATCHES.c.name == name)).first() is not None:
                raise ConfigError(f"a watch named {name!r} exists already: remove it first or choose another name")
            conn.execute(insert(WATCHES), values)
            changes.record("insert", "monitor_watches", name, {"filter": values["filter"], "surge": surge})
            changes.flush(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot save watch {name!r}: {exc}") from exc
    return Watch(name, where, surge, hooks, addresses, at, None)


def _counts(conn: Any) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for watch, count in conn.execute(select(ALERTS.c.watch, func.count()).group_by(ALERTS.c.watch)):
        out.setdefault(watch, {})["alerts"] = int(count)
    joined = DELIVERIES.join(ALERTS, ALERTS.c.id == DELIVERIES.c.alert_id)
    query = select(ALERTS.c.watch, DELIVERIES.c.state, func.count()).select_from(joined)
    for watch, state, count in conn.execute(query.group_by(ALERTS.c.watch, DELIVERIES.c.state)):
        out.setdefault(watch, {})[state] = int(count)
    return out


def list_watches(store: Store) -> list[Watch]:
    """Return every saved watch, by name, with its counts of alerts and of deliveries pending or given up."""
    with store.engine.connect() as conn:
        counts = _counts(conn)
        rows = conn.execute(select(WATCHES).order_by(WATCHES.c.name)).all()
    return [_watch(row, counts.get(row.name)) for row in rows]


def get_watch(store: Store, name: str) -> Watch:
    """Return the watch called ``name`` (raises :class:`NotFound`)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(WATCHES).where(WATCHES.c.name == name)).first()
        if row is None:
            raise NotFound(f"no watch is named {name!r}: see `strikewatch alerts list`")
        return _watch(row, _counts(conn).get(name))


def watch_names(store: Store) -> list[str]:
    """Return the names of the saved watches, sorted."""
    with store.engine.connect() as conn:
        return list(conn.execute(select(WATCHES.c.name).order_by(WATCHES.c.name)).scalars())


def remove_watch(store: Store, name: str) -> int:
    """Delete a watch with its alerts and their outbox (undelivered alerts are dropped); return its alert count."""
    changes = Changes("alerts remove")
    with store.engine.begin() as conn:
        if conn.execute(select(WATCHES.c.name).where(WATCHES.c.name == name)).first() is None:
            raise NotFound(f"no watch is named {name!r}: see `strikewatch alerts list`")
        count = conn.execute(select(func.count()).select_from(ALERTS).where(ALERTS.c.watch == name)).scalar_one()
        alert_ids = select(ALERTS.c.id).where(ALERTS.c.watch == name)
        conn.execute(delete(DELIVERIES).where(DELIVERIES.c.alert_id.in_(alert_ids)))
        conn.execute(delete(ALERT_EVENTS).where(ALERT_EVENTS.c.watch == name))
        conn.execute(delete(ALERTS).where(ALERTS.c.watch == name))
        conn.execute(delete(WATCHES).where(WATCHES.c.name == name))
        changes.record("delete", "monitor_watches", name)
        changes.flush(conn)
    return int(count)
