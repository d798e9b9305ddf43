"""Saved watches and their alerts: the one filter model, what is new, and why each alert fired."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from strikewatch.errors import ConfigError, NotFound
from strikewatch.filters import EventFilter
from strikewatch.monitor.alerts import evaluate_watch, evaluate_watches, render_text
from strikewatch.monitor.tables import ALERT_EVENTS, DELIVERIES
from strikewatch.monitor.watches import (
    add_watch,
    describe,
    filter_from_json,
    filter_to_json,
    get_watch,
    list_watches,
    remove_watch,
)
from strikewatch.store import Store

from .stored import DARAA, store_report

IDLEB_BOX = (36.0, 35.0, 37.5, 36.5)
SENTENCE = "On 3 May 2020, Russian jets struck a bakery in Saraqib, killing 4 civilians, local activists said."


@pytest.mark.parametrize(
    "where",
    [
        EventFilter(),
        EventFilter(bbox=IDLEB_BOX, event_type="Air/drone strike"),
        EventFilter(date_from=date(2020, 5, 1), date_to=date(2020, 6, 1), admin1="Idleb", admin2="Ariha"),
        EventFilter(actor="Military Forces of Russia", certainty="reported", min_fatalities=3, text="bakery"),
        EventFilter(country="Syria", namespace="acled"),
    ],
)
def test_alerts_filter_round_trips_through_json(where: EventFilter) -> None:
    assert filter_from_json(filter_to_json(where)) == where


def test_alerts_store_filters_admin2_min_fatalities_and_stored_since(store: Store) -> None:
    first = store_report(store, "One strike in Saraqib killed four people.", fatalities=4)
    store_report(store, "One strike in Daraa, casualties unknown.", place=DARAA, fatalities=None)
    store_report(store, "Another strike in Daraa killed one person.", place=DARAA, fatalities=1)
    assert [e["id"] for e in store.events(EventFilter(min_fatalities=2))] == [first]
    assert len(store.events(EventFilter(min_fatalities=0))) == 2  # an unknown toll never passes
    assert len(store.events(EventFilter(admin2="Dar'a"))) == 2
    assert store.count_events(EventFilter(stored_since=datetime(2000, 1, 1))) == 3
    assert (
        store.count_events(EventFilter(stored_since=datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=1))) == 0
    )


def test_alerts_add_validates(store: Store) -> None:
    with pytest.raises(ConfigError, match="--name"):
        add_watch(store, "bad name/..", EventFilter())
    with pytest.raises(ConfigError, match="--webhook"):
        add_watch(store, "w", EventFilter(), webhooks=["file:///etc/passwd"])
    with pytest.raises(ConfigError, match="--email"):
        add_watch(store, "w", EventFilter(), emails=["analyst@example.org\nBcc: x@evil.example"])
    add_watch(store, "w", EventFilter(admin1="Idleb"), emails=["analyst@example.org"])
    with pytest.raises(ConfigError, match="exists already"):
        add_watch(store, "w", EventFilter())
    assert [(w.name, w.rule, w.emails) for w in list_watches(store)] == [("w", "match", ["analyst@example.org"])]
    assert remove_watch(store, "w") == 0
    with pytest.raises(NotFound, match="alerts list"):
        get_watch(store, "w")


def test_alerts_fire_once_on_new_events_inside_the_watch(store: Store) -> None:
    store_report(store, "An older strike in Saraqib, stored before the watch.", day=date(2020, 5, 1))
    add_watch(
        store,
        "idleb-strikes",
        EventFilter(bbox=IDLEB_BOX, event_type="Air/drone strike", min_fatalities=1),
        webhooks=["http://127.0.0.1:9/hook"],
        emails=["desk@example.org"],
    )
    assert evaluate_watches(store, public_url="https://desk.example") == []  # history does not alert
    inside = store_report(store, SENTENCE, url="https://news.example/saraqib")
    store_report(store, "A strike in Daraa killed two.", place=DARAA, fatalities=2)  # outside the box
    store_report(store, "A strike on Saraqib with no casualties.", fatalities=0)  # below the minimum

    (alert,) = evaluate_watches(store, public_url="https://desk.example")
    payload = alert.payload
    assert payload["watch"] == "idleb-strikes" and payload["count"] == 1
    assert payload["rule"]["name"] == "match"
    assert payload["rule"]["description"] == "bbox 36,35,37.5,36.5; type Air/drone strike; min fatalities 1"
    (event,) = payload["events"]
    assert event["id"] == inside and event["link"] == f"https://desk.example/events/{inside}"
    assert (event["date"], event["place"], event["actor1"]) == (
        "2020-05-03",
        "Saraqib, Idleb, Syria",
        "Military Forces of Russia",
    )
    assert (event["fatalities"], event["certainty"], event["attribution"]) == (4, "reported", "local activists")
    assert event["evidence"] == SENTENCE
    assert event["source"]["url"] == "https://news.example/saraqib"
    assert event["matched"] == [
        "at 35.8645, 36.8059 (lat, lon): inside bbox 36,35,37.5,36.5",
        "type Air/drone strike matches Air/drone strike",
        "4 fatalities, at least 1",
    ]
    assert store.table_count(DELIVERIES) == 2
    assert evaluate_watches(store) == []  # nothing new: nothing twice
    text = render_text(payload)
    assert SENTENCE in text and f"https://desk.example/events/{inside}" in text and "4 killed" in text
    assert "rule match: each new event matching bbox" in text


def test_alerts_hostile_source_url_is_not_linked(store: Store) -> None:
    add_watch(store, "all", EventFilter())
    store_report(store, "A strike in Saraqib.", url="javascript:alert(1)")
    (alert,) = evaluate_watches(store)
    assert alert.payload["events"][0]["source"]["url"] is None


def test_alerts_each_watch_sees_the_event_and_one_failure_does_not_stop_the_others(store: Store) -> None:
    add_watch(store, "a-broken", EventFilter(text="strike"))
    add_watch(store, "b-russia", EventFilter(actor="Military Forces of Russia"))
    # a watch whose saved filter no longer fits the model (edited by hand, or from a newer version)
    from sqlalchemy import update

    from strikewatch.monitor.tables import WATCHES

    with store.engine.begin() as conn:
        conn.execute(update(WATCHES).where(WATCHES.c.name == "a-broken").values(filter={"nonsense": 1}))
    store_report(store, SENTENCE)
    alerts = evaluate_watches(store)
    assert [a.watch for a in alerts] == ["b-russia"]
    assert store.table_count(ALERT_EVENTS) == 1


def test_alerts_many_events_are_listed_up_to_the_cap(store: Store) -> None:
    from strikewatch.monitor import alerts as module

    watch = add_watch(store, "all", EventFilter())
    for n in range(5):
        store_report(store, f"Strike number {n} on Saraqib.", day=date(2020, 5, 1 + n))
    alert = evaluate_watch(store, get_watch(store, "all"), public_url="https://d.example")
    assert alert is not None and alert.payload["count"] == 5 and len(alert.payload["events"]) == 5
    assert [e["date"] for e in alert.payload["events"]] == [f"2020-05-0{n}" for n in range(1, 6)]
    assert describe(replace(watch.filter)) == "every event"
    cap = module.MAX_LISTED
    module.MAX_LISTED = 2
    try:
        for n in range(3):
            store_report(store, f"Later strike {n} on Saraqib.", day=date(2020, 6, 1 + n))
        later = evaluate_watch(store, get_watch(store, "all"))
    finally:
        module.MAX_LISTED = cap
    assert later is not None and later.payload["count"] == 3 and len(later.payload["events"]) == 2
    assert "… and 1 more events" in render_text(later.payload)
