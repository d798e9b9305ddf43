"""Change points of daily event counts: a Poisson rate-change likelihood-ratio test.

For a series of daily counts ``x_1 … x_T`` (total ``N``) the statistic is the largest, over the
split day ``k``, of the log-likelihood ratio of "rate ``a`` before ``k`` and ``b`` from ``k``"
against "one rate throughout". Its null distribution is not chi-squared (the split is chosen
by the data), so the p-value is computed exactly by Monte Carlo *conditional on N*: under a
constant rate, and given ``N``, the events fall uniformly over the days, whatever the rate, so
the test needs no rate estimate and holds its level for any count (Besag & Clifford's
sequential stopping keeps it cheap when the series is plainly null).

Every series tested in a report belongs to one family: p-values are Bonferroni-adjusted by the
family size, and binary segmentation only looks for further changes on either side of one that
passed, so under no change at all the chance of stating any change is at most ``alpha``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from strikewatch.analyze.series import Series

MIN_SEGMENT = 3  # days on each side of a change
MIN_EVENTS = 8  # fewer events than this in a segment: no test
ALPHA = 0.01  # family-wise level below which a change is stated ("appears to")
STRONG = 0.001  # family-wise level below which it is stated without hedging


@dataclass(frozen=True, slots=True)
class ChangePoint:
    """A change of the daily event rate of one series, from ``day`` on."""

    series: Series
    day: date
    rate_before: float
    rate_after: float
    events_before: int
    events_after: int
    days_before: int
    days_after: int
    statistic: float
    p_value: float
    p_adjusted: float
    first: date
    last: date

    @property
    def ratio(self) -> float:
        """Return the rate after over the rate before (``inf`` when nothing happened before)."""
        return self.rate_after / self.rate_before if self.rate_before else float("inf")

    @property
    def increase(self) -> bool:
        """Return whether the rate went up."""
        return self.rate_after > self.rate_before

    @property
    def strong(self) -> bool:
        """Return whether the change passes the stricter level (state it without hedging)."""
        return self.p_adjusted < STRONG

    def keys_after(self, limit: int = 5) -> list[str]:
        """Return up to ``limit`` keys of the events on and right after the change day."""
        i = (self.day - self.series.start).days
        j = (self.last - self.series.start).days + 1
        return [k for day in self.series.keys[i:j] for k in day][:limit]

    def keys_before(self, limit: int = 5) -> list[str]:
        """Return up to ``limit`` keys of the last events before the change day."""
        a = (self.first - self.series.start).days
        i = (self.day - self.series.start).days
        return [k for day in self.series.keys[a:i] for k in day][-limit:]


def _xlogx_over(n: np.ndarray, t: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, n * np.log(np.where(n > 0, n, 1) / t), 0.0)


def scan(counts: np.ndarray, min_segment: int = MIN_SEGMENT) -> tuple[np.ndarray, np.ndarray]:
    """Return the best split and its log-likelihood ratio for each row of ``counts`` (shape ``(B, T)``).

    The split ``k`` means the new rate starts at index ``k`` (``min_segment <= k <= T - min_segment``).
    """
    counts = np.atleast_2d(counts)
    t = counts.shape[1]
    ks = np.arange(min_segment, t - min_segment + 1)
    cum = np.cumsum(counts, axis=1, dtype=np.float64)
    total = cum[:, -1:]
    n1 = cum[:, ks - 1]
    n2 = total - n1
    llr = (
        _xlogx_over(n1, ks.astype(np.float64))
        + _xlogx_over(n2, (t - ks).astype(np.float64))
        - _xlogx_over(total, np.full(1, float(t)))
    )
    best = np.argmax(llr, axis=1)
    return ks[best], llr[np.arange(len(llr)), best]


def p_value(
    counts: np.ndarray,
    statistic: float,
    rng: np.random.Generator,
    *,
    max_draws: int = 50_000,
    stop_after: int = 20,
    batch: int = 2_000,
    min_segment: int = MIN_SEGMENT,
) -> float:
    """Return the conditional Monte Carlo p-value of ``statistic`` for a series like ``counts``.

    Draws series with the same total spread uniformly over the days, and stops once
    ``stop_after`` of them reach the statistic (Besag & Clifford), so null series cost little.
    """
    total, t = int(counts.sum()), len(counts)
    probs = np.full(t, 1.0 / t)
    exceed = drawn = 0
    while drawn < max_draws:
        sims = rng.multinomial(total, probs, size=batch)
        _, stats = scan(sims, min_segment)
        hits = np.flatnonzero(stats >= statistic - 1e-9)
        if exceed + len(hits) >= stop_after:
            drawn += int(hits[stop_after - exceed - 1]) + 1
            return stop_after / drawn
        exceed += len(hits)
        drawn += batch
    return (exceed + 1) / (drawn + 1)


@dataclass(frozen=True, slots=True)
class _Candidate:
    series: Series
    a: int
    b: int
    k: int
    stat: float
    p: float


def _test(series: Series, a: int, b: int, rng: np.random.Generator) -> _Candidate | None:
    seg = series.counts[a:b]
    if len(seg) < 2 * MIN_SEGMENT or seg.sum() < MIN_EVENTS:
        return None
    ks, stats = scan(seg)
    k, stat = int(ks[0]), float(stats[0])
    return _Candidate(series, a, b, a + k, stat, p_value(seg, stat, rng))


def _changepoint(c: _Candidate, family: int) -> ChangePoint:
    s = c.series
    before, after = int(s.counts[c.a : c.k].sum()), int(s.counts[c.k : c.b].sum())
    days_before, days_after = c.k - c.a, c.b - c.k
    return ChangePoint(
        series=s,
        day=s.start + timedelta(days=c.k),
        rate_before=before / days_before,
        rate_after=after / days_after,
        events_before=before,
        events_after=after,
        days_before=days_before,
        days_after=days_after,
        statistic=c.stat,
        p_value=c.p,
        p_adjusted=min(1.0, c.p * family),
        first=s.start + timedelta(days=c.a),
        last=s.start + timedelta(days=c.b - 1),
    )


def detect(series: Iterable[Series], *, alpha: float = ALPHA, max_changes: int = 3, seed: int = 0) -> list[ChangePoint]:
    """Return the significant rate changes of ``series``, tested as one family at level ``alpha``.

    The family size (for the Bonferroni adjustment) is the number of series with enough events to
    test. Each series is segmented in two, then each side again (binary segmentation), up to
    ``max_changes`` changes per series, each at the family's threshold.
    """
    rng = np.random.default_rng(seed)
    testable = [s for s in series if s.total >= MIN_EVENTS and len(s.counts) >= 2 * MIN_SEGMENT]
    family = max(1, len(testable))
    found: list[ChangePoint] = []
    for s in testable:
        segments = [(0, len(s.counts))]
        changes = 0
        while segments and changes < max_changes:
            a, b = segments.pop(0)
            cand = _test(s, a, b, rng)
            if cand is None or cand.p * family >= alpha:
                continue
            found.append(_changepoint(cand, family))
            changes += 1
            segments += [(a, cand.k), (cand.k, b)]
    return sorted(found, key=lambda c: (c.p_adjusted, c.day))
