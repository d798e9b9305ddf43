"""The monitoring loop: poll the feeds that are due, check the watches, deliver the outbox.

A pass does the three steps in that order, each writing its outcome to the store as it goes, so
a pass killed at any point is completed by the next one: items fetched but not stored are
fetched again, stored events not yet alerted on are still new, alerts not yet sent are still in
the outbox (see :mod:`strikewatch.monitor.delivery` for what each channel guarantees).

:func:`run` repeats passes until it is told to stop (SIGTERM or SIGINT with
:func:`run_until_signalled`): it finishes the feed or delivery in hand, then returns. One
feed's failure is logged with its reason and backs off; the others go on.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from strikewatch import settings
from strikewatch.errors import StrikewatchError
from strikewatch.monitor.alerts import Alert, evaluate_watches
from strikewatch.monitor.delivery import DeliveryReport, deliver
from strikewatch.monitor.feeds import PollResult, due_feeds, next_due, poll_feed
from strikewatch.monitor.tables import DELIVERIES
from strikewatch.store.audit import now
from strikewatch.store.repo import Store

log = logging.getLogger(__name__)

#: The longest sleep between passes: watches are checked this often for events ingested by hand.
MAX_SLEEP = 30.0


@dataclass(slots=True)
class PassReport:
    """What one pass did: each feed's poll, the alerts made and their delivery."""

    polls: list[PollResult] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    def summary(self) -> str:
        """Return the pass in one line: feeds polled and failed, new items, alerts, deliveries."""
        failed = sum(poll.status == "failed" for poll in self.polls)
        items = sum(poll.new_items for poll in self.polls)
        events = sum(poll.events for poll in self.polls)
        return (
            f"feeds polled {len(self.polls)}, failed {failed}, new items {items}, events {events}, "
            f"alerts {len(self.alerts)}, sent {self.delivery.sent}, delivery failures {self.delivery.failed}"
        )


def run_pass(
    store: Store, *, mode: str = "auto", all_feeds: bool = False, stop: Callable[[], bool] | None = None
) -> PassReport:
    """Run one pass: poll feeds (those due, or with ``all_feeds`` every one not backing off), check watches, deliver."""
    timeout = settings.get_float("fetch_timeout")
    max_bytes = int(settings.get_float("max_bytes"))
    stopped = stop or (lambda: False)
    report = PassReport()
    for feed in due_feeds(store, now(), all_feeds=all_feeds):
        if stopped():
            return report
        report.polls.append(poll_feed(store, feed, timeout=timeout, max_bytes=max_bytes, mode=mode))
    if stopped():
        return report
    report.alerts = evaluate_watches(store)
    report.delivery = deliver(store, stop=stopped)
    return report


def _next_wake(store: Store) -> float:
    with store.engine.connect() as conn:
        delivery = conn.execute(
            select(func.min(DELIVERIES.c.next_attempt_at)).where(DELIVERIES.c.state == "pending")
        ).scalar()
    times = [t for t in (next_due(store), delivery) if isinstance(t, datetime)]
    if not times:
        return MAX_SLEEP
    return min(MAX_SLEEP, max(0.5, (min(times) - now()).total_seconds()))


def run(store: Store, stop: threading.Event, *, mode: str = "auto") -> int:
    """Run passes until ``stop`` is set; return the number of passes. A failing pass is logged and retried."""
    passes = 0
    log.info("watching: started (store %s)", store.engine.url.render_as_string(hide_password=True))
    while not stop.is_set():
        try:
            report = run_pass(store, mode=mode, stop=stop.is_set)
            if report.polls or report.alerts or report.delivery.sent or report.delivery.failed:
                log.info("pass: %s", report.summary())
            wait = _next_wake(store)
        except StrikewatchError as exc:  # a setting wrong, the store unusable: say so, try again later
            log.error("pass failed: %s; trying again in %.0f s", exc, MAX_SLEEP)
            wait = MAX_SLEEP
        except Exception:  # the database gone for a moment, or a bug: the runner outlives one bad pass
            log.exception("pass failed; trying again in %.0f s", MAX_SLEEP)
            wait = MAX_SLEEP
        passes += 1
        stop.wait(wait)
    log.info("watching: stopped after %d passes", passes)
    return passes


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Set ``stop`` on SIGTERM or SIGINT while the block runs, then restore the previous handlers."""

    def handler(signum: int, _frame: Any) -> None:
        log.info("watching: %s received, stopping after the step in hand", signal.Signals(signum).name)
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run_until_signalled(store: Store, *, mode: str = "auto") -> int:
    """Run :func:`run` until SIGTERM or SIGINT; return the number of passes."""
    stop = threading.Event()
    with stop_on_signals(stop):
        return run(store, stop, mode=mode)
