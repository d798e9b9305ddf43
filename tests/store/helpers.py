"""Hand-built documents and events for store tests (no extraction model needed)."""

from __future__ import annotations

from datetime import date

from strikewatch.model import Certainty, Document, Event, EventType, Place, Span, SubEventType

IDLEB = Place("Kansafra", "Syria", 35.6636, 36.5628, admin1="Idleb", country_code="SY")
NEAR_IDLEB = Place("Kansafra east", "Syria", 35.6700, 36.5700, admin1="Idleb", country_code="SY")
ALEPPO = Place("Aleppo", "Syria", 36.2021, 37.1343, admin1="Aleppo", country_code="SY")


def event(
    place: Place = IDLEB,
    day: date = date(2020, 5, 3),
    actor1: str | None = "Military Forces of Syria",
    actor2: str | None = None,
    fatalities: int | None = None,
    fatalities_max: int | None = None,
    certainty: Certainty | None = Certainty.REPORTED,
    sub: SubEventType = SubEventType.AIR_DRONE_STRIKE,
) -> Event:
    """Return an event with evidence pointing at the start of its document."""
    return Event(
        event_type=EventType.EXPLOSIONS,
        sub_event_type=sub,
        evidence=Span(0, 20),
        evidence_text="On 3 May 2020, jets ",
        date_start=day,
        date_end=day,
        actor1=actor1,
        actor2=actor2,
        place=place,
        country="Syria",
        geo_precision=1,
        fatalities=fatalities,
        fatalities_max=fatalities_max,
        weapons=["missiles"],
        certainty=certainty,
        spans={"date": Span(3, 13)},
    )


def document(text: str, doc_id: str = "d1", source: str | None = None, url: str | None = None) -> Document:
    """Return a document published on 4 May 2020."""
    return Document(doc_id, text, date(2020, 5, 4), title="Report", url=url, source=source)
