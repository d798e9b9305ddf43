"""Incident linking: reports of one strike from several documents become one graded incident."""

from __future__ import annotations

import dataclasses
import math
import random
from datetime import date

import pytest
from sqlalchemy import select

from strikewatch.model import Certainty, Place
from strikewatch.store import Store
from strikewatch.store.incidents import (
    INCIDENTS,
    MAX_INCIDENT_SPAN,
    bounding_box,
    compatible_actors,
    distance_km,
    place_key,
    source_key,
)

from .helpers import ALEPPO, IDLEB, NEAR_IDLEB, document, event


def _incidents(store: Store) -> list[dict[str, object]]:
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(INCIDENTS).order_by(INCIDENTS.c.id))]


def test_incidents_link_reports_across_documents(store: Store) -> None:
    store.save_document(document("Report one.", "a", source="SOHR"), events=[event(fatalities=3)])
    store.save_document(
        document("Report two.", "b", source="SNHR"),
        events=[event(NEAR_IDLEB, date(2020, 5, 4), fatalities=5, fatalities_max=7)],
    )
    (incident,) = _incidents(store)
    assert incident["reports"] == 2 and incident["sources"] == 2
    assert (incident["fatalities_min"], incident["fatalities_max"]) == (3, 7)
    assert incident["grade"] == "multiple sources"
    assert (incident["date_start"], incident["date_end"]) == (date(2020, 5, 3), date(2020, 5, 4))


def test_incidents_same_publisher_is_one_source(store: Store) -> None:
    store.save_document(document("Report one.", "a", source="SOHR"), events=[event()])
    store.save_document(document("Report two.", "b", source="SOHR"), events=[event()])
    (incident,) = _incidents(store)
    assert incident["reports"] == 2 and incident["sources"] == 1 and incident["grade"] == "single source"


@pytest.mark.parametrize(
    ("second", "linked"),
    [
        (event(ALEPPO), False),  # another place
        (event(day=date(2020, 5, 6)), False),  # dates too far apart
        (event(day=date(2020, 5, 4)), True),  # a day of slack
        (event(actor1="Military Forces of Russia", actor2="Civilians (Syria)"), True),  # one side unknown
    ],
)
def test_incidents_link_only_matching_reports(store: Store, second, linked: bool) -> None:  # type: ignore[no-untyped-def]
    store.save_document(document("Report one.", "a"), events=[event()])
    store.save_document(document("Report two.", "b"), events=[second])
    assert len(_incidents(store)) == (1 if linked else 2)


def test_incidents_graded_contested_and_confirmed(store: Store) -> None:
    store.save_document(document("One.", "a"), events=[event()])
    store.save_document(document("Two.", "b"), events=[event(actor1="Military Forces of Russia")])
    assert _incidents(store)[0]["grade"] == "contested"
    store.save_document(document("Three.", "c"), events=[event(certainty=Certainty.CONFIRMED)])
    (incident,) = _incidents(store)
    assert incident["grade"] == "confirmed" and incident["reports"] == 3


def test_incidents_two_events_of_one_document_stay_apart(store: Store) -> None:
    store.save_document(document("One document, two strikes."), events=[event(), event()])
    assert len(_incidents(store)) == 2


def test_incidents_helpers() -> None:
    assert 40 < distance_km(36.2, 37.13, 35.93, 36.63) < 60
    assert not compatible_actors("A", "B", "C", "D")
    assert compatible_actors("A", "B", "C", None) and compatible_actors("A", "B", "B", "C")
    assert source_key(None, "https://www.sana.sy/x", "d") == source_key(None, "http://sana.sy/y", "e")


def test_incidents_namesakes_in_one_province_link_however_far_apart(store: Store) -> None:
    elsewhere = Place("KANSAFRA", "Syria", IDLEB.lat + 0.5, IDLEB.lon, admin1="idleb", country_code="SY")
    store.save_document(document("Report one.", "a"), events=[event()])
    store.save_document(document("Report two.", "b"), events=[event(elsewhere)])
    (incident,) = _incidents(store)
    assert incident["reports"] == 2 and incident["place_key"] == place_key("Kansafra", "Idleb")


def test_incidents_bounding_box_holds_every_point_within_reach() -> None:
    rng = random.Random(5)
    for _ in range(20_000):
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        lat = lat if rng.random() < 0.8 else math.copysign(rng.uniform(85, 90), lat)  # near the poles
        lon = lon if rng.random() < 0.8 else math.copysign(rng.uniform(179.5, 180), lon)  # the antimeridian
        km = rng.choice([0.5, 5, 50, 500])
        # a point just inside the circle, in any direction
        bearing, arc = rng.uniform(0, 2 * math.pi), km * rng.uniform(0.95, 1.0) / 6371.0
        phi, lam = math.radians(lat), math.radians(lon)
        phi2 = math.asin(math.sin(phi) * math.cos(arc) + math.cos(phi) * math.sin(arc) * math.cos(bearing))
        lam2 = lam + math.atan2(
            math.sin(bearing) * math.sin(arc) * math.cos(phi), math.cos(arc) - math.sin(phi) * math.sin(phi2)
        )
        lat2, lon2 = math.degrees(phi2), (math.degrees(lam2) + 540) % 360 - 180
        if distance_km(lat, lon, lat2, lon2) <= km:
            south, north, west, east = bounding_box(lat, lon, km)
            assert south <= lat2 <= north and west <= lon2 <= east, (lat, lon, km, lat2, lon2)


def test_incidents_span_at_most_a_month(store: Store) -> None:
    """A report of a whole season (or any range that would stretch an incident past a month) does not
    swallow the strikes it covers; reports within a month still link, in either order."""
    store.save_document(document("A strike.", "a"), events=[event()])
    season = dataclasses.replace(event(day=date(2020, 3, 1)), date_end=date(2020, 6, 30))
    store.save_document(document("A season of strikes.", "b"), events=[season])
    assert len(_incidents(store)) == 2
    within = dataclasses.replace(event(day=date(2020, 5, 3) - MAX_INCIDENT_SPAN), date_end=date(2020, 5, 3))
    store.save_document(document("The month before.", "c"), events=[within])
    spans = sorted((i["reports"], i["date_start"], i["date_end"]) for i in _incidents(store))
    assert spans == [(1, date(2020, 3, 1), date(2020, 6, 30)), (2, date(2020, 4, 2), date(2020, 5, 3))]
