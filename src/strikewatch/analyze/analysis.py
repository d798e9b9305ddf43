"""Run every analysis over a set of records: the one call a report makes.

Rates, change points, shares, comparisons and campaigns count kinetic events only
(:func:`strikewatch.analyze.leads.kinetic`); the deadliest incidents lead the assessment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from strikewatch.analyze import assess
from strikewatch.analyze.appearances import Appearance, appearances
from strikewatch.analyze.changepoints import ChangePoint, detect
from strikewatch.analyze.compare import Comparison, Period, compare_periods
from strikewatch.analyze.leads import deadliest, kinetic
from strikewatch.analyze.records import Record
from strikewatch.analyze.series import Campaign, Series, build_series, campaigns, date_range
from strikewatch.analyze.shares import MIN_EVENTS, Shares, actor_shares, regional_shares

MAX_ACTOR_REGIONS = 3  # actors whose per-province series are tested as well


@dataclass(slots=True)
class Analysis:
    """Everything a report states, with the statements in plain English."""

    records: list[Record]
    first: date
    last: date
    regions: dict[str, Series]
    tested: list[Series]
    changes: list[ChangePoint]
    shares: list[Shares]
    campaigns: list[Campaign]
    appearances: list[Appearance]
    comparisons: list[Comparison] = field(default_factory=list)
    headline: list[assess.Statement] = field(default_factory=list)
    statements: list[assess.Statement] = field(default_factory=list)
    deadliest: list[Record] = field(default_factory=list)
    outliers: list[Record] = field(default_factory=list)
    counted: int = 0  # kinetic events, the ones rates and charts count

    @property
    def by_key(self) -> dict[str, Record]:
        """Return the records by key."""
        return {r.key: r for r in self.records}


def _unique(series: list[Series]) -> list[Series]:
    """Drop series whose counts repeat an earlier one (e.g. a lone actor's series equals the total)."""
    seen: set[bytes] = set()
    out = []
    for s in series:
        sig = s.counts.tobytes()
        if sig not in seen:
            seen.add(sig)
            out.append(s)
    return out


def analyze(
    items: list[Record],
    *,
    first: date | None = None,
    last: date | None = None,
    compare: tuple[Period, Period] | None = None,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> Analysis:
    """Return the series, change points, shares, campaigns, appearances and statements of ``items``."""
    step = progress or (lambda _: None)
    start, end = date_range(items, first, last)
    everything, items = items, [r for r in items if kinetic(r)]
    step("series")
    regions = build_series(items, "admin1", start, end)
    # most specific first: a series that repeats an earlier one is dropped
    candidates = list(regions.values())
    actors = build_series(items, "actor", start, end)
    for actor in list(actors)[:MAX_ACTOR_REGIONS]:
        per_region = build_series(
            items,
            "actor@admin1",
            start,
            end,
            key=lambda r, a=actor: f"{a} @ {r.admin1}" if r.event.actor1 == a and r.admin1 else None,  # type: ignore[misc]
        )
        candidates += list(per_region.values())
    candidates += list(actors.values())
    candidates += list(build_series(items, "country", start, end).values())
    candidates += list(build_series(items, "all", start, end).values())
    tested = _unique([s for s in candidates if s.total >= 8])
    step("change points")
    changes = detect(tested, seed=seed)
    step("shares")
    shares: list[Shares] = []
    for s in [regional_shares(items, first=start, last=end), *actor_shares(items, first=start, last=end)]:
        if s.total >= MIN_EVENTS and all(s.counts != x.counts for x in shares):
            shares.append(s)
    found_campaigns = campaigns(items)
    found = appearances(everything)
    comparisons = compare_periods(items, *compare) if compare else []
    worst = deadliest(everything)

    change_st = [assess.change_statement(c, len(tested)) for c in changes] or [assess.no_change_statement(len(tested))]
    share_st = [s for s in (assess.share_statement(x) for x in shares) if s is not None]
    campaign_st = [assess.campaign_statement(c) for c in found_campaigns]
    compare_st = [assess.comparison_statement(c) for c in comparisons]
    deadliest_st = [assess.deadliest_statement(worst)] if worst else []
    return Analysis(
        records=everything,
        first=start,
        last=end,
        regions=regions,
        tested=tested,
        changes=changes,
        shares=shares,
        campaigns=found_campaigns,
        appearances=found,
        comparisons=comparisons,
        headline=assess.headline(change_st, share_st, campaign_st, deadliest_st, compare_st),
        statements=deadliest_st + share_st + change_st + compare_st + campaign_st,
        deadliest=worst,
        counted=len(items),
    )
