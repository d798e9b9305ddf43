"""What an analyst leads with: the deadliest incidents, the period the events fill, the outliers.

- Only *kinetic* events (battles, explosions and remote violence, violence against civilians) are
  counted in rates, charts and shares: a letter, a phone call or a protest is not a strike.
- The deadliest incidents are the kinetic events with the highest reported toll, one per incident.
- A report's period is the span where its events are: a background event from far outside it
  (a downing months before a month's chronology) is named as an outlier instead of stretching the
  period and every chart over the empty months between.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from strikewatch.analyze.records import Record
from strikewatch.model import EventType

KINETIC = frozenset({EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS})
#: Days between two groups of events beyond which the smaller, outer one is far from the rest ...
OUTLIER_GAP = timedelta(days=31)
#: ... provided it holds at most this share of the dated events.
OUTLIER_SHARE = 0.2
DEADLIEST = 3


def kinetic(record: Record) -> bool:
    """Return whether ``record`` is a kinetic event (one that rates, charts and shares count)."""
    return record.event.event_type in KINETIC


def toll(record: Record) -> int:
    """Return the event's reported deaths (the lowest stated figure; 0 when none is given)."""
    return record.event.fatalities or 0


def deadliest(items: Iterable[Record], n: int = DEADLIEST) -> list[Record]:
    """Return up to ``n`` kinetic events with the highest toll (at least one death), one per incident."""
    best: dict[str, Record] = {}
    for r in items:
        if not kinetic(r) or toll(r) <= 0:
            continue
        incident = r.incident or r.key
        if incident not in best or toll(r) > toll(best[incident]):
            best[incident] = r
    return sorted(best.values(), key=lambda r: (-toll(r), r.day or date.max, r.key))[:n]


@dataclass(frozen=True, slots=True)
class Span:
    """The period a report covers, and the dated events left outside it as far outliers."""

    first: date | None
    last: date | None
    outliers: list[Record]


def _groups(items: Sequence[Record]) -> list[list[Record]]:
    """Return the dated records split where a gap of more than :data:`OUTLIER_GAP` separates them."""
    dated = sorted((r for r in items if r.day is not None), key=lambda r: (r.day, r.key))
    groups: list[list[Record]] = []
    reach: date | None = None
    for r in dated:
        day, last = r.day, r.last_day or r.day
        if reach is None or day - reach > OUTLIER_GAP:  # type: ignore[operator]
            groups.append([])
        groups[-1].append(r)
        reach = max(reach, last) if reach else last  # type: ignore[type-var]
    return groups


def core_span(items: Sequence[Record]) -> Span:
    """Return the span where the events are, with far outliers left out.

    Groups of dated events at either end that lie more than :data:`OUTLIER_GAP` from the rest and
    together hold at most :data:`OUTLIER_SHARE` of them are outliers; the rest set the period.
    """
    groups = _groups(items)
    total = sum(len(g) for g in groups)
    outliers: list[Record] = []
    while len(groups) > 1:
        end = min((0, -1), key=lambda i: len(groups[i]))  # the smaller end group goes first
        if len(outliers) + len(groups[end]) > OUTLIER_SHARE * total:
            break
        outliers += groups.pop(end)
    kept = [r for g in groups for r in g]
    if not kept:
        return Span(None, None, [])
    first = min(r.day for r in kept if r.day)
    last = max(r.last_day or r.day for r in kept if r.day)  # type: ignore[type-var]
    return Span(first, last, sorted(outliers, key=lambda r: (r.day, r.key)))
