"""The loop itself: it outlives a failing pass, and stops on SIGTERM after the step in hand."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

import pytest
from sqlalchemy import text

from strikewatch.monitor.scheduler import run, stop_on_signals
from strikewatch.store import Store


def test_scheduler_survives_a_failing_pass_and_stops_when_told(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    with store.engine.begin() as conn:  # a store broken under the runner's feet
        conn.execute(text("DROP TABLE monitor_items"))
        conn.execute(text("DROP TABLE monitor_feeds"))
    stop = threading.Event()
    with caplog.at_level(logging.INFO, logger="strikewatch.monitor.scheduler"):
        runner = threading.Thread(target=run, args=(store, stop), kwargs={"mode": "fast"})
        runner.start()
        deadline = time.monotonic() + 60
        while not any("pass failed" in r.message for r in caplog.records) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert runner.is_alive(), "the runner died with the pass"
        stop.set()
        runner.join(30)
    assert not runner.is_alive()
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("pass failed") and "trying again in 30 s" in m for m in messages)
    assert messages[-1] == "watching: stopped after 1 passes"


def test_scheduler_sigterm_sets_the_stop_and_restores_the_handler() -> None:
    stop = threading.Event()
    before = signal.getsignal(signal.SIGTERM)
    with stop_on_signals(stop):
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.wait(5)
    assert signal.getsignal(signal.SIGTERM) is before
