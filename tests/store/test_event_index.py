"""The in-memory column index answers as the database does, and follows the store's changes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete

from strikewatch.filters import EventFilter
from strikewatch.store import Store
from strikewatch.store.event_index import EventIndex
from strikewatch.store.query import EVENTS

from .helpers import ALEPPO, document, event

FILTERS = [
    EventFilter(),
    EventFilter(date_from=date(2020, 5, 2)),
    EventFilter(date_to=date(2020, 5, 2)),
    EventFilter(bbox=(36.0, 35.0, 38.0, 37.0)),
    EventFilter(admin1="Aleppo"),
    EventFilter(country="Syria", event_type="Explosions/Remote violence"),
    EventFilter(review_status="machine"),
    EventFilter(namespace="acled"),
    EventFilter(event_type="explosions/remote VIOLENCE", certainty="REPORTED"),  # any case, as the store
    EventFilter(admin1="aleppo"),
]


def _same(store: Store, index: EventIndex) -> None:
    for where in FILTERS:
        assert index.count(where) == store.count_events(where), where
    # filters the index does not hold are asked of the database
    for where in (
        EventFilter(actor="Military Forces of Russia"),
        EventFilter(admin2="Jebel Saman"),
        EventFilter(min_fatalities=1),
        EventFilter(admin1="Alep", like=True),
        EventFilter(incident="none"),
    ):
        assert index.count(where) is None and index.cells(where, 1.0) is None, where


def test_event_index_matches_the_database_and_follows_writes(store: Store) -> None:
    store.save_document(document("Report one.", "a"), events=[event()])
    index = EventIndex(store.engine)
    _same(store, index)
    store.save_document(document("Report two.", "b"), events=[event(ALEPPO), event()])
    _same(store, index)  # patched from the audit log
    assert index.count(EventFilter()) == 3
    with store.engine.begin() as conn:  # a writer that deletes (and logs it) is followed too
        removed = conn.execute(delete(EVENTS).where(EVENTS.c.seq == 1).returning(EVENTS.c.id)).scalars().all()
        from strikewatch.store.audit import Changes

        changes = Changes("test")
        for event_id in removed:
            changes.record("delete", "events", event_id)
        changes.flush(conn)
    _same(store, index)
    assert index.count(EventFilter()) == 3 - len(removed)
    cells = index.cells(EventFilter(), 1.0)
    assert cells is not None and sum(c.count for c in cells) == store.count_events(
        EventFilter(bbox=(-180, -90, 180, 90))
    )
    series = index.histogram(EventFilter(), "admin1", "day")
    assert series is not None and sum(n for rows in series["series"].values() for _d, n in rows) == 3 - len(removed)
