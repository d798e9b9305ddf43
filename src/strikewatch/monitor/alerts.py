"""Alerts: find what is new for each watch, decide whether its rule fires, and say why.

An alert is written in one transaction with the events it covers and one outbox row per
recipient (:mod:`strikewatch.monitor.delivery`), so a crash leaves either the whole alert, ready to
be delivered, or nothing, and the events are then still new for the next pass. An alert's id is a
hash of its watch, rule and content: it is the idempotency key every channel carries.

Each alert's payload says why it fired: the watch and the rule that matched (in words and as the
filter's fields); each event with its date, place, actors, fatalities, certainty and attribution,
what in it met each condition, the sentence it came from, its source and a link to it in the web
desk (``{public_url}/events/{id}``); for a surge, the rates before and after and the p-value.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from sqlalchemy import func, insert, select, update

from strikewatch import settings
from strikewatch.links import safe_link
from strikewatch.monitor.tables import ALERT_EVENTS, ALERTS, DELIVERIES, WATCHES
from strikewatch.monitor.watches import (
    Watch,
    describe,
    filter_to_json,
    get_watch,
    reasons,
    require_surge,
    watch_names,
)
from strikewatch.store.audit import now
from strikewatch.store.query import EVENTS, select_events
from strikewatch.store.repo import Store
from strikewatch.store.rows import event_dict

log = logging.getLogger(__name__)

#: Events listed in one alert (all of them count, and are never alerted on again).
MAX_LISTED = 50
#: How far before its last check a watch looks again: documents committed late by a concurrent
#: ingest carry the earlier time their transaction started.
RECHECK = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Alert:
    """An alert of one watch: its id (the idempotency key), rule, time and payload."""

    id: str
    watch: str
    rule: str
    created_at: datetime
    payload: dict[str, Any]


def event_link(event_id: str, public_url: str | None = None) -> str:
    """Return the web desk's page of event ``event_id``: ``{public_url}/events/{id}``."""
    base = (public_url or settings.get("public_url")).rstrip("/")
    return f"{base}/events/{quote(event_id, safe=':')}"


def feed_link(watch: str, public_url: str | None = None) -> str:
    """Return the address of the Atom feed of ``watch``: ``{public_url}/alerts/{name}.atom``."""
    base = (public_url or settings.get("public_url")).rstrip("/")
    return f"{base}/alerts/{quote(watch, safe='')}.atom"


def alert_id(watch: str, rule: str, key: str) -> str:
    """Return the deterministic id of an alert of ``watch`` by ``rule`` about ``key``."""
    return hashlib.sha256(f"{watch}\n{rule}\n{key}".encode()).hexdigest()[:32]


def _place(row: dict[str, Any]) -> str | None:
    parts: list[str] = []
    for name in ("location", "admin2", "admin1", "country"):
        value = row.get(name)
        if value and value not in parts:
            parts.append(value)
    return ", ".join(parts) or None


def _entry(row: dict[str, Any], watch: Watch, documents: dict[str, Any], public_url: str) -> dict[str, Any]:
    document = documents.get(row.get("document_id") or "") or {}
    published = document.get("published")
    return {
        "id": row["id"],
        "link": event_link(row["id"], public_url),
        "date": row["date_start"],
        "date_end": row["date_end"],
        "place": _place(row),
        **{name: row.get(name) for name in ("location", "admin2", "admin1", "country", "lat", "lon")},
        **{name: row.get(name) for name in ("event_type", "sub_event_type", "actor1", "actor2")},
        **{name: row.get(name) for name in ("fatalities", "fatalities_max", "certainty", "attribution")},
        "evidence": (row.get("evidence") or {}).get("text"),
        "source": {
            "title": document.get("title"),
            "url": safe_link(document.get("url")),
            "published": published.isoformat() if isinstance(published, date) else None,
            "ref": document.get("ref"),
        },
        "matched": reasons(watch.filter, row),
    }


def _rule(watch: Watch, surge: dict[str, Any] | None) -> dict[str, Any]:
    words = describe(watch.filter)
    if surge is None:
        text = f"each new event matching {words}"
    else:
        text = (
            f"the daily rate of events matching {words} rose from {surge['rate_before']:.2f} to "
            f"{surge['rate_after']:.2f} a day on {surge['day']} (change-point test, p = {surge['p_value']:.2g}; "
            f"{surge['events_before']} events in {surge['days_before']} days before, "
            f"{surge['events_after']} in {surge['days_after']} days from then)"
        )
    return {"name": watch.rule, "filter": filter_to_json(watch.filter), "description": words, "text": text}


def build_payload(
    store: Store,
    watch: Watch,
    rows: list[dict[str, Any]],
    *,
    at: datetime,
    public_url: str,
    surge: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the payload of an alert of ``watch`` on ``rows`` (stored event dicts): what fired and why."""
    listed = rows[:MAX_LISTED]
    documents = store.documents(row["document_id"] for row in listed if row.get("document_id"))
    count = len(surge["event_ids"]) if surge else len(rows)
    noun = "event" if count == 1 else "events"
    title = (
        f"{watch.name}: surge of {describe(watch.filter)} since {surge['day']}"
        if surge
        else f"{watch.name}: {count} new {noun} ({describe(watch.filter)})"
    )
    payload: dict[str, Any] = {
        "watch": watch.name,
        "title": title,
        "created": at.isoformat(timespec="seconds") + "Z",
        "rule": _rule(watch, surge),
        "count": count,
        "events": [_entry(row, watch, documents, public_url) for row in listed],
        "feed": feed_link(watch.name, public_url),
    }
    if surge:
        payload["surge"] = {key: value for key, value in surge.items() if key != "event_ids"}
    return payload


def _new_rows(store: Store, watch: Watch) -> list[dict[str, Any]]:
    since = watch.created_at if watch.checked_at is None else max(watch.created_at, watch.checked_at - RECHECK)
    seen = select(ALERT_EVENTS.c.event_id).where(ALERT_EVENTS.c.watch == watch.name)
    statement = select_events(replace(watch.filter, stored_since=since), store.engine.dialect.name)
    with store.engine.connect() as conn:
        return [event_dict(row) for row in conn.execute(statement.where(EVENTS.c.id.not_in(seen)))]


def _surge_rows(store: Store, watch: Watch, days: int) -> tuple[list[dict[str, Any]], date | None, date | None]:
    """Return the watch's events over its series window, and the window's first and last day.

    The window ends on the latest event the watch lets through and starts ``days`` before, but no
    earlier than the store's first event: before that the store knows nothing, and counting those
    days as quiet would make a surge of any store's first weeks.
    """
    dialect = store.engine.dialect.name
    dated = select_events(watch.filter, dialect, [EVENTS.c.date_start]).order_by(None).subquery()
    coverage = select(func.min(EVENTS.c.date_start)).where(EVENTS.c.namespace == watch.filter.namespace)
    with store.engine.connect() as conn:
        end = conn.execute(select(func.max(dated.c.date_start))).scalar()
        known = conn.execute(coverage).scalar()
    if end is None or known is None:
        return [], None, None
    start = max(end - timedelta(days=days - 1), known, watch.filter.date_from or known)
    return store.events(replace(watch.filter, date_from=start)), start, end


def _last_surge_day(store: Store, name: str) -> date | None:
    with store.engine.connect() as conn:
        payloads = conn.execute(select(ALERTS.c.payload).where(ALERTS.c.watch == name, ALERTS.c.rule == "surge"))
        days = [date.fromisoformat(p["surge"]["day"]) for p in payloads.scalars() if p.get("surge")]
    return max(days, default=None)


def _fire_surge(store: Store, watch: Watch, at: datetime, public_url: str) -> Alert | None:
    from strikewatch.monitor.surge import COOLDOWN_DAYS, surge

    require_surge("a --surge watch")
    days = int(settings.get_float("surge_days"))
    rows, start, end = _surge_rows(store, watch, days)
    found = surge(rows, start, end) if start is not None and end is not None else None
    if found is None:
        return None
    last = _last_surge_day(store, watch.name)
    day = date.fromisoformat(found["day"])
    if last is not None and abs((day - last).days) < COOLDOWN_DAYS:
        return None  # the escalation already alerted on
    by_id = {row["id"]: row for row in rows}
    listed = sorted((by_id[i] for i in found["event_ids"] if i in by_id), key=lambda r: (r["date_start"], r["id"]))
    payload = build_payload(store, watch, listed[::-1], at=at, public_url=public_url, surge=found)
    return Alert(alert_id(watch.name, "surge", found["day"]), watch.name, "surge", at, payload)


def evaluate_watch(
    store: Store, watch: Watch, *, at: datetime | None = None, public_url: str | None = None
) -> Alert | None:
    """Check ``watch`` for new events; if its rule fires, store the alert and its outbox and return it."""
    at = at or now()
    public_url = public_url or settings.get("public_url")
    rows = _new_rows(store, watch)
    alert: Alert | None = None
    if rows and watch.surge:
        alert = _fire_surge(store, watch, at, public_url)
    elif rows:
        key = "\n".join(sorted(row["id"] for row in rows))
        payload = build_payload(store, watch, rows, at=at, public_url=public_url)
        alert = Alert(alert_id(watch.name, "match", key), watch.name, "match", at, payload)
    with store.engine.begin() as conn:
        if alert is not None:
            conn.execute(insert(ALERTS), _alert_row(alert))
            recipients = [("webhook", url) for url in watch.webhooks] + [("email", addr) for addr in watch.emails]
            if recipients:
                conn.execute(
                    insert(DELIVERIES),
                    [
                        {"alert_id": alert.id, "channel": channel, "target": target, "state": "pending"}
                        | {"attempts": 0, "next_attempt_at": at, "sent_at": None, "last_error": None}
                        for channel, target in recipients
                    ],
                )
        if rows:
            linked = alert.id if alert is not None else None
            conn.execute(
                insert(ALERT_EVENTS), [{"watch": watch.name, "event_id": row["id"], "alert_id": linked} for row in rows]
            )
        conn.execute(update(WATCHES).where(WATCHES.c.name == watch.name).values(checked_at=at))
    if alert is not None:
        log.info("watch %s: alert %s (%s, %d events)", watch.name, alert.id, alert.rule, alert.payload["count"])
    return alert


def _alert_row(alert: Alert) -> dict[str, Any]:
    return {"id": alert.id, "watch": alert.watch, "rule": alert.rule, "created_at": alert.created_at} | {
        "payload": alert.payload
    }


def evaluate_watches(store: Store, *, at: datetime | None = None, public_url: str | None = None) -> list[Alert]:
    """Check every watch (one failing watch is logged and the others go on); return the new alerts."""
    alerts = []
    for name in watch_names(store):
        try:
            alert = evaluate_watch(store, get_watch(store, name), at=at, public_url=public_url)
        except Exception as exc:  # one watch's failure (a bad filter, a missing extra) must not stop the others
            log.error("watch %s: cannot be checked: %s", name, exc)
            continue
        if alert is not None:
            alerts.append(alert)
    return alerts


def alerts_of(store: Store, name: str, limit: int = 50) -> list[Alert]:
    """Return the latest ``limit`` alerts of watch ``name``, newest first."""
    query = select(ALERTS).where(ALERTS.c.watch == name).order_by(ALERTS.c.created_at.desc(), ALERTS.c.id).limit(limit)
    with store.engine.connect() as conn:
        return [Alert(row.id, row.watch, row.rule, row.created_at, row.payload) for row in conn.execute(query)]


def render_text(payload: dict[str, Any]) -> str:
    """Return an alert as plain text: the watch, the rule and why it fired, then each event with its evidence."""
    lines = [payload["title"], "", f"Why: watch {payload['watch']!r}, rule {payload['rule']['name']}: "]
    lines[-1] += payload["rule"]["text"] + "."
    for number, event in enumerate(payload["events"], 1):
        actors = " against ".join(a for a in (event["actor1"], event["actor2"]) if a) or "unknown actor"
        toll = "fatalities unknown" if event["fatalities"] is None else f"{event['fatalities']} killed"
        if event.get("fatalities_max"):
            toll += f" (up to {event['fatalities_max']})"
        certainty = event["certainty"] or "certainty unknown"
        if event.get("attribution"):
            certainty += f", according to {event['attribution']}"
        kind = event["sub_event_type"] or event["event_type"] or "event"
        day = event["date"] if event["date"] == event["date_end"] else f"{event['date']} – {event['date_end']}"
        lines += ["", f"{number}. {day} · {kind} · {event['place'] or 'place unknown'}"]
        lines.append(f"   {actors} · {toll} · {certainty}")
        if event["matched"]:
            lines.append("   Matched: " + "; ".join(event["matched"]))
        lines.append(f"   Evidence: “{event['evidence']}”")
        source = event["source"]
        cited = ", ".join(str(v) for v in (source["title"], source["url"] or source["ref"], source["published"]) if v)
        if cited:
            lines.append(f"   Source: {cited}")
        lines.append(f"   Open: {event['link']}")
    hidden = payload["count"] - len(payload["events"])
    if hidden > 0:
        lines += ["", f"… and {hidden} more events: see the watch's feed {payload['feed']}"]
    return "\n".join(lines) + "\n"
