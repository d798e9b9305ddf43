"""The ``--surge`` rule: the analysis module's change-point test on a watch's daily series.

The series counts the events the watch's filter lets through per day, over the last
``STRIKEWATCH_SURGE_DAYS`` days up to the latest of them, but not before the store's first event
(events dated to a range count as the analysis counts them, :mod:`strikewatch.analyze.series`).
The rule fires when the latest significant change (:func:`strikewatch.analyze.changepoints.detect`, adjusted p below its
``ALPHA``) is a rise: the rate is higher now than before it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from strikewatch.analyze.records import Record, Source, event_from_dict

#: Surges of one watch whose change days are closer than this are the same escalation: one alert.
COOLDOWN_DAYS = 14


def surge(rows: list[dict[str, Any]], start: date, end: date, *, seed: int = 0) -> dict[str, Any] | None:
    """Return the latest rise of the daily rate of ``rows`` (stored event dicts) from ``start`` to ``end``, or None.

    The result holds the change day, the rates (events per day) before and after it with their
    counts and days, the p-value (exact Monte Carlo, one series so no family adjustment) and the
    ids of the events on and after the change day.
    """
    from strikewatch.analyze.changepoints import detect
    from strikewatch.analyze.series import ALL, build_series

    records = [Record(row["id"], event_from_dict(row), Source(row.get("document_id") or row["id"])) for row in rows]
    series = build_series(records, "all", start, end).get(ALL)
    if series is None:
        return None
    changes = detect([series], seed=seed)
    latest = max(changes, key=lambda change: change.day, default=None)
    if latest is None or not latest.increase:
        return None
    return {
        "day": latest.day.isoformat(),
        "first": latest.first.isoformat(),
        "last": latest.last.isoformat(),
        "rate_before": round(latest.rate_before, 4),
        "rate_after": round(latest.rate_after, 4),
        "events_before": latest.events_before,
        "events_after": latest.events_after,
        "days_before": latest.days_before,
        "days_after": latest.days_after,
        "p_value": latest.p_adjusted,
        "window": [start.isoformat(), end.isoformat()],
        "event_ids": latest.keys_after(limit=10_000),
    }
