"""The typed domain model every stage shares: documents in, places and events out.

Nothing here does I/O. Field names of :class:`Event` are those of the interchange contract
(``shared/contract.md``), so :meth:`Event.to_dict` is the contract's EVENT object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class EventType(StrEnum):
    """ACLED's six event types."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class SubEventType(StrEnum):
    """ACLED's 25 sub-event types; :data:`PARENT_TYPE` gives each one's event type."""

    ARMED_CLASH = "Armed clash"
    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION = "Abduction/forced disappearance"
    PEACEFUL_PROTEST = "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    EXCESSIVE_FORCE = "Excessive force against protesters"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP_ACTIVITY = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_ESTABLISHED = "Headquarters or base established"
    LOOTING = "Looting/property destruction"
    NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
    OTHER = "Other"


_E, _S = EventType, SubEventType
PARENT_TYPE: dict[SubEventType, EventType] = {
    _S.ARMED_CLASH: _E.BATTLES,
    _S.GOVERNMENT_REGAINS_TERRITORY: _E.BATTLES,
    _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: _E.BATTLES,
    _S.CHEMICAL_WEAPON: _E.EXPLOSIONS,
    _S.AIR_DRONE_STRIKE: _E.EXPLOSIONS,
    _S.SUICIDE_BOMB: _E.EXPLOSIONS,
    _S.SHELLING: _E.EXPLOSIONS,
    _S.REMOTE_EXPLOSIVE: _E.EXPLOSIONS,
    _S.GRENADE: _E.EXPLOSIONS,
    _S.SEXUAL_VIOLENCE: _E.VIOLENCE_AGAINST_CIVILIANS,
    _S.ATTACK: _E.VIOLENCE_AGAINST_CIVILIANS,
    _S.ABDUCTION: _E.VIOLENCE_AGAINST_CIVILIANS,
    _S.PEACEFUL_PROTEST: _E.PROTESTS,
    _S.PROTEST_WITH_INTERVENTION: _E.PROTESTS,
    _S.EXCESSIVE_FORCE: _E.PROTESTS,
    _S.VIOLENT_DEMONSTRATION: _E.RIOTS,
    _S.MOB_VIOLENCE: _E.RIOTS,
    _S.AGREEMENT: _E.STRATEGIC_DEVELOPMENTS,
    _S.ARRESTS: _E.STRATEGIC_DEVELOPMENTS,
    _S.CHANGE_TO_GROUP_ACTIVITY: _E.STRATEGIC_DEVELOPMENTS,
    _S.DISRUPTED_WEAPONS_USE: _E.STRATEGIC_DEVELOPMENTS,
    _S.HEADQUARTERS_ESTABLISHED: _E.STRATEGIC_DEVELOPMENTS,
    _S.LOOTING: _E.STRATEGIC_DEVELOPMENTS,
    _S.NON_VIOLENT_TRANSFER: _E.STRATEGIC_DEVELOPMENTS,
    _S.OTHER: _E.STRATEGIC_DEVELOPMENTS,
}


class Certainty(StrEnum):
    """How sure the source is that the event happened."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    ALLEGED = "alleged"
    CLAIMED = "claimed"
    DENIED = "denied"


# ACLED's geo_precision codes.
NAMESPACE = "strikewatch"  # events extracted by strikewatch; imported datasets use "acled", "ucdp"

PRECISION_PLACE = 1  # the town or village itself
PRECISION_NEAR = 2  # near it, or part of a district/region
PRECISION_REGION = 3  # only the province is known


@dataclass(frozen=True, slots=True)
class Document:
    """One report to extract events from."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry, or a resolved place of an event.

    ``feature`` is one of ``country``, ``admin1``, ``admin2``, ``admin3``, ``city``, ``region``,
    ``water`` or ``other``. ``geo_precision`` is the ACLED code this place gives when it is the most
    precise one an event names.
    """

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str = "city"
    admin1: str | None = None
    admin2: str | None = None
    country_code: str | None = None
    geonameid: int | None = None
    population: int = 0
    geo_precision: int | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of a document's text: the evidence one field came from."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        """Return the text this span covers."""
        return text[self.start : self.end]


@dataclass(slots=True)
class Event:
    """One described incident with its arguments, each traced to the text it came from.

    ``evidence`` is the sentence; ``spans`` maps a field name (``date``, ``actor1``, ``location``,
    ``fatalities``, ``certainty``, ``trigger`` …) to the span of the words that gave it.
    """

    event_type: EventType | None
    sub_event_type: SubEventType | None
    evidence: Span
    evidence_text: str
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: Place | None = None
    country: str | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatalities_max: int | None = None
    weapons: list[str] = field(default_factory=list)
    certainty: Certainty | None = None
    attribution: str | None = None
    spans: dict[str, Span] = field(default_factory=dict)

    @property
    def location(self) -> str | None:
        """Name of the most precise place named."""
        return self.place.name if self.place else None

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's EVENT object (JSON-ready)."""
        place = self.place
        return {
            "event_type": str(self.event_type) if self.event_type else None,
            "sub_event_type": str(self.sub_event_type) if self.sub_event_type else None,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_end": (self.date_end or self.date_start).isoformat() if self.date_start else None,
            "time_precision": self.time_precision,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "location": place.name if place else None,
            "admin1": place.admin1 if place else None,
            "country": place.country if place and place.country else self.country,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "geonameid": place.geonameid if place else None,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "fatalities_max": self.fatalities_max,
            "weapons": list(self.weapons),
            "certainty": str(self.certainty) if self.certainty else None,
            "attribution": self.attribution,
            "evidence": {"text": self.evidence_text, "start": self.evidence.start, "end": self.evidence.end},
            "spans": {name: [span.start, span.end] for name, span in self.spans.items()},
        }
