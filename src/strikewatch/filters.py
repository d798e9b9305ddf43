"""The one typed filter model: which events a command, an API call, a report or an alert is about.

The CLI's ``strikewatch events`` options, the web API's query parameters, the OGC endpoint, reports
and saved alerts all build an :class:`EventFilter`, and the store turns it into SQL in one place
(:func:`strikewatch.store.query.select_events`), so a filter means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from strikewatch.model import NAMESPACE


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return. Every field narrows the selection; None means any.

    ``date_from``/``date_to`` bound the event's start date (inclusive); ``bbox`` is
    ``(min_lon, min_lat, max_lon, max_lat)``; ``actor`` matches either side; ``event_type`` matches
    the event type or the sub-event type; ``sub_event_type`` matches the sub-event type only;
    ``review_status`` is ``machine``, ``reviewed``, ``verified`` or ``rejected``; ``text`` searches
    the documents' full text (and the notes of imported events); ``namespace`` is ``strikewatch``
    (extracted) or an imported dataset.
    """

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actor: str | None = None
    event_type: str | None = None
    certainty: str | None = None
    text: str | None = None
    sub_event_type: str | None = None
    review_status: str | None = None
    namespace: str = NAMESPACE
    limit: int | None = None
