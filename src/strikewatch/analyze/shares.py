"""Where an actor's activity went: its share of events per region in a window ("prioritized").

Whether the top region really leads is tested against the runner-up: given the events in the two,
under "equally targeted" each event is as likely to fall in either (a one-sided binomial test).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from scipy.stats import binomtest

from strikewatch.analyze.records import Record

MIN_EVENTS = 5


@dataclass(frozen=True, slots=True)
class Shares:
    """An actor's events per region in a window, most first, and the test of the leading region."""

    actor: str | None
    first: date | None
    last: date | None
    counts: list[tuple[str, int]]
    keys: dict[str, list[str]]
    p_value: float

    @property
    def total(self) -> int:
        """Return the number of events with a known region."""
        return sum(n for _, n in self.counts)

    @property
    def top(self) -> str | None:
        """Return the region with the most events."""
        return self.counts[0][0] if self.counts else None

    def share(self, region: str) -> float:
        """Return the fraction of the events that fell in ``region``."""
        return dict(self.counts).get(region, 0) / self.total if self.total else 0.0


def regional_shares(
    items: Iterable[Record],
    *,
    actor: str | None = None,
    first: date | None = None,
    last: date | None = None,
    region: Callable[[Record], str | None] = lambda r: r.admin1,
) -> Shares:
    """Return the regional shares of ``actor``'s events (all actors when ``None``) between ``first`` and ``last``."""
    counter: Counter[str] = Counter()
    keys: dict[str, list[str]] = {}
    for r in items:
        if actor is not None and r.event.actor1 != actor:
            continue
        if r.day is None or (first and (r.last_day or r.day) < first) or (last and r.day > last):
            continue
        place = region(r)
        if place is None:
            continue
        counter[place] += 1
        keys.setdefault(place, []).append(r.key)
    counts = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    p = 1.0
    if len(counts) == 1 and counts[0][1] >= MIN_EVENTS:
        p = 0.5 ** counts[0][1]
    elif len(counts) >= 2 and counts[0][1] + counts[1][1] > 0:
        p = float(binomtest(counts[0][1], counts[0][1] + counts[1][1], 0.5, alternative="greater").pvalue)
    return Shares(actor, first, last, counts, keys, p)


def actor_shares(items: list[Record], *, first: date | None = None, last: date | None = None) -> list[Shares]:
    """Return the regional shares of every actor with at least :data:`MIN_EVENTS` events, busiest first."""
    actors = Counter(r.event.actor1 for r in items if r.event.actor1)
    return [regional_shares(items, actor=a, first=first, last=last) for a, n in actors.most_common() if n >= MIN_EVENTS]
