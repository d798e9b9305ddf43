"""Filters match as analysts type, on SQLite and PostgreSQL; an empty result says why."""

from __future__ import annotations

from datetime import date

import pytest

from strikewatch.model import Place
from strikewatch.store import EventFilter, Store
from strikewatch.store.match import actor_names, admin1_names, closest, country_names

from .helpers import ALEPPO, IDLEB, document, event

KHARKIV = Place("Kharkiv", "Ukraine", 49.98, 36.25, admin1="Kharkiv", country_code="UA")


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_document(document("One.", "a"), events=[event(actor1="Military Forces of Russia (2000-)")])
    store.save_document(document("Two.", "b"), events=[event(ALEPPO, date(2020, 5, 5), actor1="Islamic State (Syria)")])
    store.save_document(
        document("Three.", "c"), events=[event(KHARKIV, date(2022, 7, 1), actor1="Military Forces of Russia")]
    )
    store.save_document(document("Four.", "d"), events=[event(IDLEB, date(2020, 5, 9), actor1="Government of Russia")])
    return store


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (EventFilter(admin1="idleb"), 2),  # any case
        (EventFilter(admin1="IDLIB"), 2),  # another spelling the gazetteer knows
        (EventFilter(admin1="Idlib Province"), 2),
        (EventFilter(admin1="kharkov"), 1),  # the province of a namesake city
        (EventFilter(actor="russia"), 3),  # a country stands for its military and government, suffix or not
        (EventFilter(actor="Russian forces"), 2),
        (EventFilter(actor="russian"), 3),  # a demonym
        (EventFilter(actor="ISIS"), 1),  # an alias, matching the focus-suffixed name
        (EventFilter(actor="islamic state"), 1),
        (EventFilter(actor="Russ"), 0),  # a part of a name only with like
        (EventFilter(actor="Russ", like=True), 3),
        (EventFilter(admin1="ale", like=True), 1),
        (EventFilter(country="sy"), 3),  # an ISO code
        (EventFilter(country="ukrainian"), 1),
        (EventFilter(event_type="air/drone strike"), 4),
        (EventFilter(event_type="explosions", like=True), 4),
        (EventFilter(certainty="REPORTED"), 4),
        (EventFilter(actor="russia", admin1="aleppo"), 0),
    ],
)
def test_filters_match_as_analysts_type(filled: Store, where: EventFilter, expected: int) -> None:
    assert filled.count_events(where) == expected
    assert len(filled.events(where)) == expected


def test_filters_incident_keeps_its_reports(filled: Store) -> None:
    (first,) = filled.events(EventFilter(admin1="Aleppo"))
    assert [e["id"] for e in filled.events(EventFilter(incident=first["incident"]))] == [first["id"]]


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        (EventFilter(admin1="Kherson"), "no strikewatch event has --admin1 'Kherson'"),
        (EventFilter(admin1="Idelb"), "closest in the store: Idleb"),
        (EventFilter(actor="Hamas"), "(nor Hamas Movement); the store holds: Government of Russia, "),
        (EventFilter(date_from=date(2030, 1, 1)), "the stored events run from 2020-05-03 to 2022-07-01"),
        (EventFilter(actor="ISIS", admin1="Idleb"), "each filter matches some events, but no event matches all"),
        (EventFilter(namespace="acled"), "the store holds no acled events (it holds 4 strikewatch)"),
    ],
)
def test_why_empty_names_the_filter_and_the_closest_values(filled: Store, where: EventFilter, reason: str) -> None:
    assert filled.count_events(where) == 0
    said = filled.why_empty(where)
    assert reason in said and "\n" not in said


def test_why_empty_on_an_empty_store(store: Store) -> None:
    assert "holds no events yet: run `strikewatch ingest" in store.why_empty(EventFilter(admin1="Idleb"))


def test_match_expansions() -> None:
    assert "Military Forces of the United States" in actor_names("American")
    assert "Houthi Movement (Ansar Allah)" in actor_names("the Houthis")
    assert actor_names("Nobody Known")[0] == "Nobody Known"
    assert "Idleb" in admin1_names("idlib") and "Deir-ez-Zor" in admin1_names("Deir ez Zour")
    assert admin1_names("Damascus") == ("Damascus",)  # a unit of that very name: not Rural Damascus too
    assert admin1_names("Ar-Raqqa") == ("Ar-Raqqa",)  # a lossy folded key ("Riga") is no spelling of it
    assert "Syria" in country_names("SY")
    assert closest("Idlebb", ["Aleppo", "Idleb", "Hama"]) == ["Idleb"]


def test_case_insensitive_filters_have_their_indexes(store: Store) -> None:
    from sqlalchemy import text

    names = {"ix_events_ns_type_admin1ci_date", "ix_events_ns_subtype_admin1ci_date", "ix_events_ns_admin1ci_date"}
    names.add("ix_events_ns_countryci_date")
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'index'"
        if store.engine.dialect.name == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE tablename = 'events'"
    )
    with store.engine.connect() as conn:
        found = set(conn.execute(text(query)).scalars())
    assert names <= found and "ix_events_ns_country_date" not in found
