"""Dates of documents: ISO strings, ``time.struct_time`` of feeds, datetimes."""

from __future__ import annotations

import time
from datetime import date, datetime


def parse_date(value: object) -> date | None:
    """Return the date of an ISO 8601 date/datetime string, a date, or a struct_time; else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
