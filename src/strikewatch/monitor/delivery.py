"""Deliver alerts from the outbox: a JSON POST to each webhook, an e-mail to each address.

Each outbox row (alert × recipient) is marked sent only after the webhook answered 2xx or the
mail server accepted the message, in a transaction of its own. What each channel guarantees:

- **Atom feed**: exactly once. Entries are read from the stored alerts, which are written once
  (:mod:`strikewatch.monitor.alerts`); each entry's id is the alert's id.
- **Webhook**: at least once, with a stable idempotency key. A kill between the POST and the
  record of it sends the same POST again on restart, with the same ``Idempotency-Key`` header and
  ``id`` field, so a receiver that drops keys it has seen gets each alert exactly once. Nothing
  is lost: an alert is in the outbox before any attempt and stays until one succeeds.
- **E-mail**: at least once, the same way; a repeat carries the same ``Message-ID``, which mail
  stores and clients use to drop duplicates.

A failed attempt is retried after 1, 2, 4 … minutes (at most 6 hours apart), and given up after
:data:`MAX_ATTEMPTS`; ``strikewatch alerts list`` shows what is pending or given up.
"""

from __future__ import annotations

import json
import logging
import smtplib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from sqlalchemy import select, update

from strikewatch import settings
from strikewatch.errors import DeliveryError
from strikewatch.ingest.urls import USER_AGENT
from strikewatch.monitor.alerts import render_text
from strikewatch.monitor.tables import ALERTS, DELIVERIES
from strikewatch.store.audit import now
from strikewatch.store.repo import Store

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_RETRY = 60.0
MAX_RETRY = 6 * 3600.0


def retry_delay(attempts: int) -> float:
    """Return the seconds to wait after ``attempts`` failed attempts: a minute, doubled each time, at most 6 h."""
    return min(FIRST_RETRY * 2.0 ** max(attempts - 1, 0), MAX_RETRY)


def webhook_body(alert_id: str, payload: dict[str, Any]) -> bytes:
    """Return the JSON a webhook receives: the alert's ``id`` (its idempotency key) and its payload."""
    return json.dumps({"id": alert_id, **payload}, ensure_ascii=False).encode("utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # a redirected POST would be replayed as a GET without its body: refuse it and say so
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


def send_webhook(url: str, alert_id: str, payload: dict[str, Any], *, timeout: float) -> None:
    """POST the alert to ``url`` as JSON with an ``Idempotency-Key`` header (raises :class:`DeliveryError`)."""
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Idempotency-Key": alert_id,
        "User-Agent": USER_AGENT,
    }
    request = urllib.request.Request(url, data=webhook_body(alert_id, payload), headers=headers, method="POST")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read(65536)
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"webhook {url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        raise DeliveryError(f"webhook {url}: {reason}") from exc


def email_message(address: str, alert_id: str, payload: dict[str, Any], sender: str) -> EmailMessage:
    """Return the e-mail of an alert: the plain-text explanation, with the JSON payload attached."""
    message = EmailMessage()
    message["Subject"] = f"[strikewatch] {payload['title']}"
    message["From"] = sender
    message["To"] = address
    message["Date"] = format_datetime(datetime.fromisoformat(payload["created"].rstrip("Z")).replace(tzinfo=UTC))
    message["Message-ID"] = f"<{alert_id}@strikewatch.alerts>"
    message["X-Strikewatch-Alert"] = alert_id
    message.set_content(render_text(payload))
    body = webhook_body(alert_id, payload)
    message.add_attachment(body, maintype="application", subtype="json", filename=f"alert-{alert_id}.json")
    return message


def send_email(address: str, alert_id: str, payload: dict[str, Any], *, timeout: float) -> None:
    """Send the alert to ``address`` through the SMTP server of the settings (raises :class:`DeliveryError`)."""
    host, port = settings.get("smtp_host"), int(settings.get_float("smtp_port"))
    message = email_message(address, alert_id, payload, settings.get("smtp_from"))
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if settings.get("smtp_starttls").lower() in ("yes", "true", "1"):
                smtp.starttls()
            if settings.get("smtp_user"):
                smtp.login(settings.get("smtp_user"), settings.get("smtp_password"))
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"e-mail to {address} via {host}:{port}: {exc}") from exc


@dataclass(slots=True)
class DeliveryReport:
    """What one round of delivery did."""

    sent: int = 0
    failed: int = 0
    given_up: int = 0
    errors: list[str] = field(default_factory=list)


def _send(channel: str, target: str, alert_id: str, payload: dict[str, Any], timeout: float) -> None:
    if channel == "webhook":
        send_webhook(target, alert_id, payload, timeout=timeout)
    elif channel == "email":
        send_email(target, alert_id, payload, timeout=timeout)
    else:
        raise DeliveryError(f"unknown channel {channel!r} in the outbox")


def deliver(store: Store, *, at: datetime | None = None, stop: Any = None) -> DeliveryReport:
    """Send every outbox row that is due, oldest alert first; record each outcome as it happens."""
    at = at or now()
    timeout = settings.get_float("fetch_timeout")
    report = DeliveryReport()
    query = (
        select(DELIVERIES, ALERTS.c.payload)
        .join(ALERTS, ALERTS.c.id == DELIVERIES.c.alert_id)
        .where(DELIVERIES.c.state == "pending", DELIVERIES.c.next_attempt_at <= at)
        .order_by(ALERTS.c.created_at, DELIVERIES.c.alert_id, DELIVERIES.c.channel, DELIVERIES.c.target)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    for row in rows:
        if stop is not None and stop():
            break
        key = (
            (DELIVERIES.c.alert_id == row.alert_id)
            & (DELIVERIES.c.channel == row.channel)
            & (DELIVERIES.c.target == row.target)
        )
        attempts = row.attempts + 1
        try:
            _send(row.channel, row.target, row.alert_id, row.payload, timeout)
        except DeliveryError as exc:
            gave_up = attempts >= MAX_ATTEMPTS
            wait = retry_delay(attempts)
            values = {"attempts": attempts, "last_error": str(exc)[:500], "state": "failed" if gave_up else "pending"}
            values["next_attempt_at"] = now() + timedelta(seconds=wait)
            with store.engine.begin() as conn:
                conn.execute(update(DELIVERIES).where(key).values(**values))
            report.failed += 1
            report.given_up += gave_up
            report.errors.append(str(exc))
            if gave_up:
                log.error("alert %s: %s; given up after %d attempts", row.alert_id, exc, attempts)
            else:
                log.warning("alert %s: %s; retrying in %.0f s (attempt %d)", row.alert_id, exc, wait, attempts)
            continue
        with store.engine.begin() as conn:
            conn.execute(
                update(DELIVERIES).where(key).values(state="sent", attempts=attempts, sent_at=now(), last_error=None)
            )
        report.sent += 1
        log.info("alert %s: sent to %s %s", row.alert_id, row.channel, row.target)
    return report
