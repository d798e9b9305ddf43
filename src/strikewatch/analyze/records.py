"""The analysis input: events paired with the documents they came from, and their filters.

Every analysis and report function takes an iterable of ``(Event, Source)`` pairs, so the same
code serves events read back from extract's JSONL, events extracted on the fly, and events read
from the event store (whose adapter only has to yield such pairs). A pair may carry a third item,
the event's id in the store (and a fourth, its incident), which then keys and names the event in a
report; without it, an event is keyed ``<document content id>:<n>`` as the store would key it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from strikewatch.errors import ConfigError
from strikewatch.ingest.dates import parse_date
from strikewatch.model import Certainty, Event, EventType, Place, Span, SubEventType


@dataclass(frozen=True, slots=True)
class Source:
    """The source document of an event, as a report cites it.

    ``doc_id`` is the document's id in the store (the hash of its text), ``publisher`` who published it
    and ``attribution`` whom its own assessments are attributed to (its byline, else its publisher);
    ``text`` is kept to quote those assessments.
    """

    id: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    doc_id: str | None = None
    publisher: str | None = None
    attribution: str | None = None
    text: str | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        """Return the title, or the id when the document has none."""
        return self.title or self.id


@dataclass(frozen=True, slots=True)
class Record:
    """One event with its source, keyed by its event id (the store's, or the one the store would give
    it) so that statements link to it and an analyst can find its record; ``incident`` is the
    store's incident of the event, when known."""

    key: str
    event: Event
    source: Source
    incident: str | None = None

    @property
    def day(self) -> date | None:
        """Return the first day of the event."""
        return self.event.date_start

    @property
    def last_day(self) -> date | None:
        """Return the last day of the event (its first day when it has no range)."""
        return self.event.date_end or self.event.date_start

    @property
    def span_days(self) -> int:
        """Return how many days the event covers (1 for a dated single-day event, 0 if undated)."""
        if self.day is None or self.last_day is None:
            return 0
        return (self.last_day - self.day).days + 1

    @property
    def admin1(self) -> str | None:
        """Return the event's first-level administrative division."""
        place = self.event.place
        if place is None:
            return None
        return place.admin1 or (place.name if place.feature == "admin1" else None)

    @property
    def country(self) -> str | None:
        """Return the event's country."""
        place = self.event.place
        return (place.country if place and place.country else None) or self.event.country


#: One report input: ``(event, source)``, or with the event's id, or with its id and incident.
Pair = tuple[Event, Source] | tuple[Event, Source, str] | tuple[Event, Source, str, str | None]


def records(pairs: Iterable[Pair]) -> list[Record]:
    """Return the :class:`Record` of each pair, keyed by the id it carries, else ``<doc id>:<n>`` (the
    document's store id, else its own id, and the event's rank in it, as the store numbers events)."""
    counters: dict[str, int] = {}
    out: list[Record] = []
    for pair in pairs:
        event, source = pair[0], pair[1]
        incident = pair[3] if len(pair) > 3 else None  # type: ignore[misc]
        if len(pair) > 2:
            key = str(pair[2])  # type: ignore[misc]
        else:
            doc = source.doc_id or source.id
            n = counters.get(doc, 0)
            counters[doc] = n + 1
            key = f"{doc}:{n}"
        out.append(Record(key, event, source, incident))
    return out


def _enum(kind: Any, value: object) -> Any:
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return None


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """Return the :class:`Event` of one contract EVENT object (the inverse of ``Event.to_dict``)."""
    place = None
    if data.get("location") or data.get("lat") is not None:
        place = Place(
            name=data.get("location") or data.get("admin1") or "unknown place",
            country=data.get("country"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            feature="city",
            admin1=data.get("admin1"),
            geonameid=data.get("geonameid"),
        )
    evidence = data.get("evidence") or {}
    return Event(
        event_type=_enum(EventType, data.get("event_type")),
        sub_event_type=_enum(SubEventType, data.get("sub_event_type")),
        evidence=Span(int(evidence.get("start") or 0), int(evidence.get("end") or 0)),
        evidence_text=evidence.get("text") or "",
        date_start=parse_date(data.get("date_start")),
        date_end=parse_date(data.get("date_end")),
        time_precision=data.get("time_precision"),
        actor1=data.get("actor1"),
        actor2=data.get("actor2"),
        place=place,
        country=data.get("country"),
        geo_precision=data.get("geo_precision"),
        fatalities=data.get("fatalities"),
        fatalities_max=data.get("fatalities_max"),
        weapons=list(data.get("weapons") or []),
        certainty=_enum(Certainty, data.get("certainty")),
        attribution=data.get("attribution"),
        spans={k: Span(int(v[0]), int(v[1])) for k, v in (data.get("spans") or {}).items()},
    )


def read_event_lines(path: Path, sources: Mapping[str, Source]) -> Iterator[tuple[Event, Source]]:
    """Yield the ``(event, source)`` pairs of an extract output file (one JSON line per document).

    ``sources`` gives each document id its title, URL and date; ids not in it are cited by id.
    """
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read events file {path}: {exc}") from exc
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{path}:{number}: not a JSON line ({exc}); pass extract's output") from exc
            doc_id = str(line.get("id", f"{path.name}:{number}"))
            source = sources.get(doc_id) or Source(doc_id)
            for data in line.get("events") or []:
                yield event_from_dict(data), source


@dataclass(frozen=True, slots=True)
class Filters:
    """Which events a report covers; ``None`` lets everything through."""

    start: date | None = None
    end: date | None = None
    country: str | None = None
    actor: str | None = None
    event_type: str | None = None

    def accepts(self, record: Record) -> bool:
        """Return whether ``record`` passes every filter: text filters match case-insensitive substrings,
        and ``actor`` and ``country`` also any name the lexicon reads them as ("ISIS", "SY")."""
        if self.start and (record.last_day is None or record.last_day < self.start):
            return False
        if self.end and (record.day is None or record.day > self.end):
            return False
        event = record.event
        if self.country and not _named(self.country, record.country, "country"):
            return False
        if self.actor and not (_named(self.actor, event.actor1, "actor") or _named(self.actor, event.actor2, "actor")):
            return False
        return (
            not self.event_type
            or _has(self.event_type, event.event_type)
            or _has(self.event_type, event.sub_event_type)
        )


def _has(needle: str, value: object) -> bool:
    return value is not None and needle.casefold() in str(value).casefold()


def _named(needle: str, value: str | None, kind: str) -> bool:
    """Return whether ``value`` contains ``needle`` or is (up to a parenthesised suffix) a name it stands for."""
    from strikewatch.store.match import actor_names, country_names

    if value is None:
        return False
    if _has(needle, value):
        return True
    names = actor_names(needle) if kind == "actor" else country_names(needle)
    folded = value.casefold()
    return any(folded == n.casefold() or folded.startswith(n.casefold() + " (") for n in names)
