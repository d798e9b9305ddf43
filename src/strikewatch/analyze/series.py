"""Daily and weekly event counts per country, admin1, actor or event type.

A series counts the events *dated to a day* (a range of at most :data:`MAX_POINT_DAYS` days,
counted on its first day). Events that span longer ranges ("from June 18 – 28") say that
something went on for a while, not how often, so they are left out of the counts and shown as
campaigns instead (:func:`campaigns`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from strikewatch.analyze.records import Record

MAX_POINT_DAYS = 2
ALL = "all events"

DIMENSIONS: dict[str, Callable[[Record], str | None]] = {
    "country": lambda r: r.country,
    "admin1": lambda r: r.admin1,
    "actor": lambda r: r.event.actor1,
    "type": lambda r: str(r.event.sub_event_type or r.event.event_type or "") or None,
}


@dataclass(slots=True)
class Series:
    """Counts of events per day from ``start``, with the keys of the events behind each day."""

    dimension: str
    value: str
    start: date
    counts: np.ndarray
    keys: list[list[str]] = field(default_factory=list)

    @property
    def days(self) -> list[date]:
        """Return the day of each count."""
        return [self.start + timedelta(days=i) for i in range(len(self.counts))]

    @property
    def total(self) -> int:
        """Return the number of events in the series."""
        return int(self.counts.sum())

    @property
    def label(self) -> str:
        """Return a human name of the series, e.g. ``Aleppo`` or ``Military Forces of Russia in Aleppo``."""
        return self.value

    def weekly(self) -> tuple[list[date], np.ndarray]:
        """Return the first day of each 7-day bin and the counts of the bin (the last bin may be short)."""
        n = len(self.counts)
        starts = list(range(0, n, 7))
        return [self.start + timedelta(days=i) for i in starts], np.array(
            [self.counts[i : i + 7].sum() for i in starts], dtype=np.int64
        )

    def window(self, first: date, last: date) -> int:
        """Return the number of events from ``first`` to ``last`` inclusive."""
        a = max(0, (first - self.start).days)
        b = min(len(self.counts), (last - self.start).days + 1)
        return int(self.counts[a:b].sum()) if b > a else 0


def point_records(items: Iterable[Record]) -> list[Record]:
    """Return the records dated to a day (at most :data:`MAX_POINT_DAYS` days long)."""
    return [r for r in items if 1 <= r.span_days <= MAX_POINT_DAYS]


def date_range(items: Sequence[Record], start: date | None = None, end: date | None = None) -> tuple[date, date]:
    """Return the first and last day covered by ``items``, narrowed or widened to ``start``/``end``."""
    days = [r.day for r in items if r.day is not None] + [r.last_day for r in items if r.last_day is not None]
    if not days and (start is None or end is None):
        today = date.today()
        return start or end or today, end or start or today
    return start or min(days), end or max(days)


def build_series(
    items: Iterable[Record],
    dimension: str,
    start: date,
    end: date,
    key: Callable[[Record], str | None] | None = None,
) -> dict[str, Series]:
    """Return the daily series of each value of ``dimension`` (``country``, ``admin1``, ``actor``, ``type``, ``all``).

    ``key`` overrides how a record's value is found (to build combined series such as actor × admin1).
    """
    if key is None:
        key = (lambda r: ALL) if dimension == "all" else DIMENSIONS[dimension]
    n = (end - start).days + 1
    out: dict[str, Series] = {}
    for record in point_records(items):
        value = key(record)
        day = record.day
        if value is None or day is None or not (start <= day <= end):
            continue
        series = out.get(value)
        if series is None:
            series = out[value] = Series(dimension, value, start, np.zeros(n, dtype=np.int64), [[] for _ in range(n)])
        i = (day - start).days
        series.counts[i] += 1
        series.keys[i].append(record.key)
    return dict(sorted(out.items(), key=lambda kv: (-kv[1].total, kv[0])))


@dataclass(frozen=True, slots=True)
class Campaign:
    """A stretch of activity reported as one event over a date range ("from June 18 – 28")."""

    record: Record
    first: date
    last: date


def campaigns(items: Iterable[Record]) -> list[Campaign]:
    """Return the events spanning more than :data:`MAX_POINT_DAYS` days, by first day then place."""
    out = [
        Campaign(r, r.day, r.last_day)
        for r in items
        if r.span_days > MAX_POINT_DAYS and r.day is not None and r.last_day is not None
    ]
    return sorted(out, key=lambda c: (c.first, c.last, c.record.admin1 or "", c.record.key))
