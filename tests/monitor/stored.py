"""Events written straight into a store, for watch and alert tests that need no extraction."""

from __future__ import annotations

from datetime import date

from strikewatch.model import Certainty, Document, Event, EventType, Place, Span, SubEventType
from strikewatch.store import Store

SARAQIB = Place("Saraqib", "Syria", 35.8645, 36.8059, admin1="Idleb", admin2="Idleb", country_code="SY")
DARAA = Place("Daraa", "Syria", 32.6189, 36.1021, admin1="Dar'a", admin2="Dar'a", country_code="SY")


def store_report(
    store: Store,
    sentence: str,
    *,
    place: Place = SARAQIB,
    day: date = date(2020, 5, 3),
    actor1: str = "Military Forces of Russia",
    fatalities: int | None = 4,
    url: str | None = None,
    title: str = "Field report",
) -> str:
    """Store a one-sentence report with one air strike event; return the event's id."""
    event = Event(
        event_type=EventType.EXPLOSIONS,
        sub_event_type=SubEventType.AIR_DRONE_STRIKE,
        evidence=Span(0, len(sentence)),
        evidence_text=sentence,
        date_start=day,
        date_end=day,
        actor1=actor1,
        actor2="Civilians (Syria)",
        place=place,
        country="Syria",
        geo_precision=1,
        fatalities=fatalities,
        certainty=Certainty.REPORTED,
        attribution="local activists",
    )
    document = Document(f"report-{sentence[:20]}", sentence, day, title=title, url=url, source="Monitor")
    saved = store.save_document(document, events=[event], mode="fast")
    return f"{saved.id}:0"
