"""strikewatch: conflict reporting in, an auditable, geolocated, time-resolved event database out.

>>> import strikewatch
>>> events = strikewatch.extract("On 3 May 2020, regime forces shelled Kansafra in Idleb.",
...                              published="2020-05-04")
"""

from __future__ import annotations

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


from strikewatch.extract import extract
