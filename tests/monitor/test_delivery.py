"""Delivery from the outbox to a local webhook receiver and a local SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from strikewatch.filters import EventFilter
from strikewatch.monitor.alerts import evaluate_watches
from strikewatch.monitor.delivery import MAX_ATTEMPTS, deliver, retry_delay
from strikewatch.monitor.tables import DELIVERIES
from strikewatch.monitor.watches import add_watch, list_watches
from strikewatch.store import Store
from strikewatch.store.audit import now

from .servers import Mailbox, WebhookReceiver
from .stored import store_report

SENTENCE = "On 3 May 2020, Russian jets struck a market in Saraqib, killing 4 civilians, local activists said."


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """A local SMTP server (aiosmtpd) that the smtp_* settings point at."""
    from aiosmtpd.controller import Controller

    box = Mailbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("STRIKEWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("STRIKEWATCH_SMTP_PORT", str(port))
    monkeypatch.setenv("STRIKEWATCH_SMTP_FROM", "alerts@strikewatch.example")
    try:
        yield box
    finally:
        controller.stop()


def _states(store: Store) -> list[tuple[str, str, int]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(DELIVERIES.c.channel, DELIVERIES.c.state, DELIVERIES.c.attempts)).all()
    return sorted((r.channel, r.state, r.attempts) for r in rows)


def test_delivery_webhook_and_email_carry_the_alert_and_why(store: Store, mailbox: Mailbox) -> None:
    with WebhookReceiver() as receiver:
        add_watch(
            store, "idleb", EventFilter(admin1="Idleb"), webhooks=[receiver.url("/hook")], emails=["desk@example.org"]
        )
        event_id = store_report(store, SENTENCE, url="https://news.example/market")
        (alert,) = evaluate_watches(store, public_url="https://desk.example")
        report = deliver(store)
        assert (report.sent, report.failed) == (2, 0)
        assert deliver(store).sent == 0  # sent is sent
        (post,) = receiver.posts
    assert post["headers"]["idempotency-key"] == alert.id
    assert post["headers"]["content-type"].startswith("application/json")
    body = post["body"]
    assert body["id"] == alert.id and body["watch"] == "idleb" and body["rule"]["description"] == "admin1 Idleb"
    assert body["events"][0]["evidence"] == SENTENCE and body["events"][0]["id"] == event_id
    assert body["events"][0]["link"] == f"https://desk.example/events/{event_id}"

    (message,) = mailbox.messages
    assert mailbox.envelopes == [("alerts@strikewatch.example", ["desk@example.org"])]
    assert message["Message-ID"] == f"<{alert.id}@strikewatch.alerts>"
    assert message["Subject"] == "[strikewatch] idleb: 1 new event (admin1 Idleb)"
    text, attached = (part for part in message.walk() if not part.is_multipart())
    plain = text.get_payload(decode=True).decode("utf-8")
    assert SENTENCE in plain and f"https://desk.example/events/{event_id}" in plain and "admin1 is Idleb" in plain
    assert json.loads(attached.get_payload(decode=True))["id"] == alert.id
    assert _states(store) == [("email", "sent", 1), ("webhook", "sent", 1)]


def test_delivery_failure_is_retried_later_then_given_up(store: Store) -> None:
    with WebhookReceiver() as receiver:
        receiver.mode = "error"
        add_watch(store, "w", EventFilter(), webhooks=[receiver.url("/hook")])
        store_report(store, SENTENCE)
        evaluate_watches(store)
        first = deliver(store)
        assert (first.sent, first.failed) == (0, 1) and "HTTP 500" in first.errors[0]
        assert deliver(store).failed == 0  # backing off: not due yet
        receiver.mode = "ok"
        later = deliver(store, at=now() + timedelta(seconds=retry_delay(1) + 1))
        assert later.sent == 1
        assert len(receiver.posts) == 2 and len(set(receiver.keys())) == 1  # the retry carries the same key
    assert _states(store) == [("webhook", "sent", 2)]
    assert [retry_delay(n) for n in (1, 2, 3)] == [60, 120, 240] and retry_delay(30) == 6 * 3600


def test_delivery_unreachable_webhook_gives_up_after_max_attempts(store: Store) -> None:
    add_watch(store, "w", EventFilter(), webhooks=[f"http://127.0.0.1:{_free_port()}/nothing-listens"])
    store_report(store, SENTENCE)
    evaluate_watches(store)
    at = now()
    for _ in range(MAX_ATTEMPTS):
        at += timedelta(hours=7)
        report = deliver(store, at=at)
    assert report.given_up == 1 and "refused" in report.errors[0].lower()
    assert _states(store) == [("webhook", "failed", MAX_ATTEMPTS)]
    (watch,) = list_watches(store)
    assert (watch.alerts, watch.pending, watch.failed) == (1, 0, 1)


def test_delivery_refuses_to_follow_a_redirect(store: Store) -> None:
    from http.server import BaseHTTPRequestHandler

    from .servers import _Base

    class Redirect(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            pass

        def do_POST(self) -> None:
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

    with _Base(Redirect) as server:
        add_watch(store, "w", EventFilter(), webhooks=[server.url("/hook")])
        store_report(store, SENTENCE)
        evaluate_watches(store)
        report = deliver(store)
    assert report.failed == 1 and "HTTP 302" in report.errors[0]
