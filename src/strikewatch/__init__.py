"""strikewatch: conflict reporting in, an auditable, geolocated, time-resolved event database out.

>>> import strikewatch
>>> events = strikewatch.extract("On 3 May 2020, regime forces shelled Kansafra in Idleb.",
...                              published="2020-05-04")
"""

from __future__ import annotations

import functools
from datetime import date

from strikewatch.errors import (
    ConfigError,
    ExtractError,
    GeoError,
    IngestError,
    NotFound,
    StrikewatchError,
)
from strikewatch.model import Certainty, Document, Event, EventType, Place, Span, SubEventType

__version__ = "0.1.0"

__all__ = [
    "Certainty",
    "ConfigError",
    "Document",
    "Event",
    "EventType",
    "ExtractError",
    "GeoError",
    "IngestError",
    "NotFound",
    "Place",
    "Span",
    "StrikewatchError",
    "SubEventType",
    "__version__",
    "extract",
]


@functools.cache
def _extractor(mode: str):  # type: ignore[no-untyped-def]
    from strikewatch.extract.pipeline import Extractor

    return Extractor(mode)


def extract(text: str, published: date | str | None = None, *, mode: str = "auto") -> list[Event]:
    """Return the events described in ``text``; ``published`` anchors year-less and relative dates."""
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published[:10])
        except ValueError as exc:
            raise ConfigError(f"published date {published!r} is not an ISO date (YYYY-MM-DD)") from exc
    return _extractor(mode).events(text, published)
