"""Compare two periods: events per region in each, the rate ratio and an exact test.

Given the events of both periods in one region, under "same daily rate" the count of the first
period is binomial with probability ``days_a / (days_a + days_b)`` (the conditional test of two
Poisson rates). The p-values are Bonferroni-adjusted over the regions compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from scipy.stats import binomtest

from strikewatch.analyze.records import Record
from strikewatch.analyze.series import point_records


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of days."""

    first: date
    last: date

    @property
    def days(self) -> int:
        """Return the number of days in the period."""
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    @classmethod
    def parse(cls, text: str) -> Period:
        """Return the period of ``FIRST:LAST`` (ISO dates)."""
        first, _, last = text.partition(":")
        period = cls(date.fromisoformat(first.strip()), date.fromisoformat((last or first).strip()))
        if period.last < period.first:
            raise ValueError(f"period {text!r} ends before it starts")
        return period


@dataclass(frozen=True, slots=True)
class Comparison:
    """The events of one region in two periods and the test of their rates."""

    region: str
    a: Period
    b: Period
    count_a: int
    count_b: int
    p_value: float
    p_adjusted: float
    keys_b: list[str]

    @property
    def rate_a(self) -> float:
        """Return the events per day in the first period."""
        return self.count_a / self.a.days

    @property
    def rate_b(self) -> float:
        """Return the events per day in the second period."""
        return self.count_b / self.b.days


def compare_periods(
    items: Iterable[Record],
    a: Period,
    b: Period,
    *,
    region: Callable[[Record], str | None] = lambda r: r.admin1,
) -> list[Comparison]:
    """Return the comparison of ``a`` and ``b`` for every region with events in either, most changed first."""
    in_a: Counter[str] = Counter()
    in_b: Counter[str] = Counter()
    keys_b: dict[str, list[str]] = {}
    for r in point_records(items):
        place = region(r)
        if place is None:
            continue
        if r.day in a:
            in_a[place] += 1
        if r.day in b:
            in_b[place] += 1
            keys_b.setdefault(place, []).append(r.key)
    regions = sorted(set(in_a) | set(in_b))
    out = []
    for name in regions:
        n = in_a[name] + in_b[name]
        p = float(binomtest(in_a[name], n, a.days / (a.days + b.days)).pvalue) if n else 1.0
        out.append(Comparison(name, a, b, in_a[name], in_b[name], p, min(1.0, p * len(regions)), keys_b.get(name, [])))
    return sorted(out, key=lambda c: (c.p_adjusted, -(c.count_a + c.count_b), c.region))
