"""The one typed filter model: which events a command, an API call, a report or an alert is about.

The CLI's ``strikewatch events`` options, the web API's query parameters, the OGC endpoint, reports
and saved alerts all build an :class:`EventFilter`, and the store turns it into SQL in one place
(:func:`strikewatch.store.query.select_events`), so a filter means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from strikewatch.model import NAMESPACE


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return. Every field narrows the selection; None means any.

    ``date_from``/``date_to`` bound the event's start date (inclusive); ``bbox`` is
    ``(min_lon, min_lat, max_lon, max_lat)``; ``admin2`` is the district; ``actor`` matches either
    side; ``event_type`` matches the event type or the sub-event type; ``sub_event_type`` matches
    the sub-event type only; ``review_status`` is ``machine``, ``reviewed``, ``verified`` or
    ``rejected``; ``min_fatalities`` keeps events whose stated (lowest) death toll is at least that
    (an unknown toll never passes); ``text`` searches the documents' full text (and the notes of
    imported events); ``stored_since`` keeps events extracted into the store at or after that UTC
    time (their document's ``processed_at``; imported events have none and never pass);
    ``namespace`` is ``strikewatch`` (extracted) or an imported dataset; ``incident`` keeps the
    reports linked to that incident.

    Names match as analysts type them (:mod:`strikewatch.store.match`): ``country``, ``admin1``,
    ``actor``, ``event_type`` and ``certainty`` ignore case; ``actor`` also matches every name the
    actor lexicon reads it as ("Russia", "Russian forces" -> Military Forces of Russia, with or
    without ACLED's year suffix; a country stands for its military, police and government);
    ``admin1`` matches every spelling of the province the gazetteer knows ("Idlib" -> Idleb);
    ``country`` its names and ISO code. With ``like``, ``country``, ``admin1`` and ``actor`` also
    match any stored name that contains the value ("Deir" -> Deir-ez-Zor).
    """

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actor: str | None = None
    event_type: str | None = None
    certainty: str | None = None
    min_fatalities: int | None = None
    text: str | None = None
    stored_since: datetime | None = None
    sub_event_type: str | None = None
    review_status: str | None = None
    namespace: str = NAMESPACE
    limit: int | None = None
    like: bool = False
    incident: str | None = None
