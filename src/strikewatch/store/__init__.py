"""The event store: documents, events, places, actors, incidents, audit log and quarantine.

>>> from strikewatch.store import EventFilter, Store
>>> with Store("sqlite:///strikewatch.db") as store:           # doctest: +SKIP
...     events = store.events(EventFilter(admin1="Idleb", event_type="Air/drone strike"))
"""

from __future__ import annotations

from strikewatch.filters import EventFilter
from strikewatch.model import NAMESPACE
from strikewatch.store.repo import Saved, Store
from strikewatch.store.schema import content_id

__all__ = ["NAMESPACE", "EventFilter", "Saved", "Store", "content_id"]
