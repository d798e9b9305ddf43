"""Assemble a report from records: the analysis, the chronology and the citations, ready to render.

:func:`build_report` is the seam every front end uses: the CLI passes records read from files or
extracted on the fly, the event store passes records read from its tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from strikewatch.analyze import Analysis, Filters, Period, Record, Source, analyze, records
from strikewatch.analyze.assess import CERTAINTY_WORDS, Statement, day_text, range_text
from strikewatch.model import Event, EventType

MAX_QUOTE = 400


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the chronology: what happened, the words of the source, and the citation."""

    anchor: str
    record: Record
    summary: str
    certainty: str | None
    quote: str

    @property
    def source(self) -> Source:
        """Return the cited document."""
        return self.record.source


@dataclass(slots=True)
class PlaceGroup:
    """The entries of one day (or date range) at one place."""

    place: str
    entries: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class DayGroup:
    """The entries of one day, or of one date range for events reported over several days."""

    first: date
    last: date
    places: list[PlaceGroup] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Return ``June 25, 2016`` or ``June 18 – 28, 2016``."""
        return range_text(self.first, self.last)


@dataclass(slots=True)
class Report:
    """Everything a renderer needs: title, filters, analysis, chronology and anchors."""

    title: str
    filters: Filters
    analysis: Analysis
    chronology: list[DayGroup]
    anchors: dict[str, str]
    undated: list[Entry]

    @property
    def sources(self) -> list[Source]:
        """Return the cited documents, in order of first citation."""
        seen: dict[str, Source] = {}
        for r in self.analysis.records:
            seen.setdefault(r.source.id, r.source)
        return list(seen.values())

    def links(self, statement: Statement) -> list[str]:
        """Return the anchors of the events a statement rests on."""
        return [self.anchors[k] for k in statement.keys if k in self.anchors]


def summary(event: Event) -> str:
    """Return a one-line description: who did what to whom, where, with what toll."""
    what = str(event.sub_event_type or event.event_type or "event")
    who = event.actor1 or "Unidentified actor"
    parts = [f"{who}: {what.lower()}"]
    if event.actor2:
        violent = event.event_type not in (EventType.STRATEGIC_DEVELOPMENTS, EventType.PROTESTS, None)
        parts[0] += f" {'against' if violent else 'involving'} {event.actor2}"
    place = event.place
    if place is not None:
        where = place.name + (f" ({place.admin1})" if place.admin1 and place.admin1 != place.name else "")
        parts.append(f"in {where}")
    if event.fatalities is not None:
        if event.fatalities_max and event.fatalities_max != event.fatalities:
            parts.append(f"{event.fatalities}–{event.fatalities_max} killed")
        elif event.fatalities:
            parts.append(f"at least {event.fatalities} killed")
        else:
            parts.append("no fatalities reported")
    if event.weapons:
        parts.append("with " + ", ".join(event.weapons))
    return ", ".join(parts)


def _quote(event: Event) -> str:
    text = " ".join(event.evidence_text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "…"


def _place(record: Record) -> str:
    return record.admin1 or record.event.location or record.country or "Place not identified"


def chronology(items: list[Record]) -> tuple[list[DayGroup], list[Entry], dict[str, str]]:
    """Return the dated entries grouped by day and place, the undated entries, and the anchor of each key."""
    dated = sorted((r for r in items if r.day is not None), key=lambda r: (r.day, r.last_day, _place(r), r.key))
    anchors: dict[str, str] = {}
    groups: list[DayGroup] = []
    index: dict[tuple[date, date], DayGroup] = {}

    def entry(r: Record) -> Entry:
        anchor = anchors[r.key] = f"E{len(anchors) + 1}"
        certainty = CERTAINTY_WORDS.get(str(r.event.certainty)) if r.event.certainty else None
        return Entry(anchor, r, summary(r.event), certainty, _quote(r.event))

    for r in dated:
        first = r.day or date.min
        span = (first, r.last_day or first)
        group = index.get(span)
        if group is None:
            group = index[span] = DayGroup(span[0], span[1])
            groups.append(group)
        place = _place(r)
        if not group.places or group.places[-1].place != place:
            group.places.append(PlaceGroup(place))
        group.places[-1].entries.append(entry(r))
    undated = [entry(r) for r in items if r.day is None]
    return groups, undated, anchors


def build_report(
    pairs: Iterable[tuple[Event, Source]],
    *,
    filters: Filters | None = None,
    compare: tuple[Period, Period] | None = None,
    title: str | None = None,
    progress: Callable[[str], None] | None = None,
    seed: int = 0,
) -> Report:
    """Return the report on the ``(event, source)`` pairs that pass ``filters``."""
    filters = filters or Filters()
    items = [r for r in records(pairs) if filters.accepts(r)]
    analysis = analyze(items, first=filters.start, last=filters.end, compare=compare, seed=seed, progress=progress)
    groups, undated, anchors = chronology(items)
    if title is None:
        title = f"Conflict events, {range_text(analysis.first, analysis.last)}"
    return Report(title, filters, analysis, groups, anchors, undated)


def describe_filters(filters: Filters) -> str:
    """Return the filters in words, e.g. ``actor contains "Russia"; from June 1, 2016``."""
    parts = []
    if filters.start:
        parts.append(f"from {day_text(filters.start)}")
    if filters.end:
        parts.append(f"to {day_text(filters.end)}")
    for name, value in (("country", filters.country), ("actor", filters.actor), ("type", filters.event_type)):
        if value:
            parts.append(f'{name} contains "{value}"')
    return "; ".join(parts) or "none"
