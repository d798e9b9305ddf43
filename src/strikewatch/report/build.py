"""Assemble a report from records: the analysis, the chronology and the citations, ready to render.

:func:`build_report` is the seam every front end uses: the CLI passes records read from files or
extracted on the fly, the event store passes records read from its tables. Every event is referred
to by its event id (the store's, or the one the store gives it on ingest), so an error seen in a
report leads to its record. The period is the span where the events are; far outliers are listed
apart (:func:`strikewatch.analyze.leads.core_span`). The sources' own assessments are quoted,
attributed, beside strikewatch's findings (:mod:`strikewatch.analyze.judgements`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from strikewatch.analyze import Analysis, Filters, Period, Record, Source, analyze, records
from strikewatch.analyze.assess import CERTAINTY_WORDS, Statement, day_text, outlier_statement, range_text
from strikewatch.analyze.judgements import judgements
from strikewatch.analyze.leads import core_span, kinetic
from strikewatch.analyze.records import Pair
from strikewatch.errors import ConfigError
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

    @property
    def label(self) -> str:
        """Return how the report names the event: its event id."""
        return self.record.key


@dataclass(frozen=True, slots=True)
class SourceAssessment:
    """A source's own assessment, quoted: a trend, forecast or estimate it states, and who states it."""

    quote: str
    kind: str
    source: Source

    @property
    def attribution(self) -> str:
        """Return whom the quote is attributed to: the byline or publisher, else the document."""
        return self.source.attribution or self.source.publisher or self.source.label


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
    outliers: list[Entry] = field(default_factory=list)
    assessments: list[SourceAssessment] = field(default_factory=list)

    @property
    def sources(self) -> list[Source]:
        """Return the cited documents, in order of first citation."""
        seen: dict[str, Source] = {}
        for r in self.analysis.records:
            seen.setdefault(r.source.id, r.source)
        return list(seen.values())

    def links(self, statement: Statement) -> list[tuple[str, str]]:
        """Return ``(anchor, event id)`` of the events a statement rests on."""
        return [(self.anchors[k], k) for k in statement.keys if k in self.anchors]


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


def anchor_of(key: str) -> str:
    """Return the page anchor of an event id (``ev-`` and the id, with only letters, digits, ``-`` and ``_``)."""
    return "ev-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def _entry(r: Record) -> Entry:
    certainty = CERTAINTY_WORDS.get(str(r.event.certainty)) if r.event.certainty else None
    return Entry(anchor_of(r.key), r, summary(r.event), certainty, _quote(r.event))


def chronology(items: list[Record]) -> tuple[list[DayGroup], list[Entry], dict[str, str]]:
    """Return the dated entries grouped by day and place, the undated entries, and the anchor of each key."""
    dated = sorted((r for r in items if r.day is not None), key=lambda r: (r.day, r.last_day, _place(r), r.key))
    anchors: dict[str, str] = {}
    groups: list[DayGroup] = []
    index: dict[tuple[date, date], DayGroup] = {}

    def entry(r: Record) -> Entry:
        made = _entry(r)
        anchors[r.key] = made.anchor
        return made

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


def source_assessments(items: Iterable[Record]) -> list[SourceAssessment]:
    """Return the assessments the cited documents state themselves, document by document."""
    seen: dict[str, Source] = {}
    for r in items:
        seen.setdefault(r.source.id, r.source)
    return [
        SourceAssessment(found.text, found.kind, source)
        for source in seen.values()
        if source.text
        for found in judgements(source.text)
    ]


def _span(
    items: list[Record], filters: Filters, compare: tuple[Period, Period] | None
) -> tuple[date | None, date | None, list[Record]]:
    """Return the report's first and last day and the outliers left out of it."""
    if filters.start or filters.end:
        return filters.start, filters.end, []
    span = core_span(items)
    first, last = span.first, span.last
    if compare and first and last:
        first = min(first, compare[0].first, compare[1].first)
        last = max(last, compare[0].last, compare[1].last)
    outliers = [r for r in span.outliers if not (first and last and r.day and first <= r.day <= last)]
    return first, last, outliers


def _check_compare(items: list[Record], compare: tuple[Period, Period]) -> None:
    counted = [r for r in items if kinetic(r) and r.day]
    if not any(r.day in period for period in compare for r in counted):
        days = sorted(r.day for r in counted if r.day)
        held = f"the events run from {days[0]} to {days[-1]}" if days else "there are no dated kinetic events"
        raise ConfigError(
            f"--compare: no kinetic event falls in {range_text(compare[0].first, compare[0].last)} or "
            f"{range_text(compare[1].first, compare[1].last)}; {held}"
        )


def build_report(
    pairs: Iterable[Pair],
    *,
    filters: Filters | None = None,
    compare: tuple[Period, Period] | None = None,
    title: str | None = None,
    progress: Callable[[str], None] | None = None,
    seed: int = 0,
) -> Report:
    """Return the report on the pairs that pass ``filters``.

    Without ``--from``/``--to`` the period is where the events are, far outliers set apart. With
    ``compare``, a comparison of the two periods is part of the assessment; periods holding no
    kinetic event are a :class:`ConfigError`.
    """
    filters = filters or Filters()
    items = [r for r in records(pairs) if filters.accepts(r)]
    if compare:
        _check_compare(items, compare)
    first, last, outliers = _span(items, filters, compare)
    far = {r.key for r in outliers}
    kept = [r for r in items if r.key not in far]
    analysis = analyze(kept, first=first, last=last, compare=compare, seed=seed, progress=progress)
    analysis.outliers = outliers
    if outliers:
        statement = outlier_statement(outliers, analysis.first, analysis.last)
        analysis.headline.append(statement)
        analysis.statements.append(statement)
    groups, undated, anchors = chronology(kept)
    apart = [_entry(r) for r in outliers]
    anchors.update({e.record.key: e.anchor for e in apart})
    if title is None:
        title = f"Conflict events, {range_text(analysis.first, analysis.last)}"
    return Report(title, filters, analysis, groups, anchors, undated, apart, source_assessments(items))


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
