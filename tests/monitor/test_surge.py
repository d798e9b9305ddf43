"""The --surge rule on synthetic daily series with a known truth: a rise fires once, flat or falling never."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from strikewatch.analyze.synthetic import Rate, synthetic_events
from strikewatch.filters import EventFilter
from strikewatch.model import Document
from strikewatch.monitor.alerts import evaluate_watches, render_text
from strikewatch.monitor.watches import add_watch
from strikewatch.store import Store

START = date(2016, 5, 1)


def _store_synthetic(store: Store, rates: dict[str, Rate], days: int, seed: int, offset: int = 0) -> int:
    pairs = synthetic_events(rates, days=days, start=START, rng=np.random.default_rng(seed))
    for n, (event, _source) in enumerate(pairs):
        text = f"{event.evidence_text} (Report {offset + n}.)"
        document = Document(f"syn-{offset + n}", text, event.date_start, title="Synthetic")
        store.save_document(document, events=[event], mode="fast")
    return len(pairs)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_surge_fires_once_on_a_rise_with_rates_and_p_value(store: Store, seed: int) -> None:
    add_watch(store, "aleppo-surge", EventFilter(admin1="Aleppo"), surge=True)
    _store_synthetic(store, {"Aleppo": Rate(0.5, 5.0, 40), "Idleb": Rate(3.0)}, days=50, seed=seed)
    (alert,) = evaluate_watches(store, public_url="https://desk.example")
    surge = alert.payload["surge"]
    change = date.fromisoformat(surge["day"])
    assert abs((change - (START + timedelta(days=40))).days) <= 1
    assert surge["rate_before"] < 1.2 and surge["rate_after"] > 3.5 and surge["p_value"] < 0.001
    assert alert.rule == "surge" and alert.payload["rule"]["name"] == "surge"
    assert all(e["admin1"] == "Aleppo" and e["date"] >= surge["day"] for e in alert.payload["events"])
    assert alert.payload["count"] == surge["events_after"]
    text = render_text(alert.payload)
    assert f"rose from {surge['rate_before']:.2f} to {surge['rate_after']:.2f} a day on {surge['day']}" in text
    assert "p = " in text and "change-point test" in text

    # more events of the same escalation: no second alert
    _store_synthetic(store, {"Aleppo": Rate(5.0)}, days=3, seed=seed + 10, offset=10_000)
    assert evaluate_watches(store) == []


@pytest.mark.parametrize("rate", [Rate(2.0), Rate(5.0, 0.5, 35), Rate(0.05)], ids=["flat", "falling", "too-few-events"])
def test_surge_does_not_fire_without_a_rise(store: Store, rate: Rate) -> None:
    add_watch(store, "aleppo-surge", EventFilter(admin1="Aleppo"), surge=True)
    _store_synthetic(store, {"Aleppo": rate}, days=50, seed=7)
    assert evaluate_watches(store) == []


def test_surge_counts_only_the_watched_events(store: Store) -> None:
    # the rise is in Idleb; a watch on Aleppo (flat) stays silent, one on Idleb fires
    add_watch(store, "aleppo", EventFilter(admin1="Aleppo"), surge=True)
    add_watch(store, "idleb", EventFilter(admin1="Idleb"), surge=True)
    _store_synthetic(store, {"Aleppo": Rate(2.0), "Idleb": Rate(0.5, 6.0, 42)}, days=50, seed=4)
    assert [alert.watch for alert in evaluate_watches(store)] == ["idleb"]
