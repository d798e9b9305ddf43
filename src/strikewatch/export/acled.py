"""ACLED's CSV column layout: write events in it, and read ACLED exports back into event dicts.

Fields ACLED has no column for (``date_end``, ``fatalities_max``, ``certainty``, ``weapons``) go
into ``tags`` as ``key=value`` pairs, so an export round-trips through ``strikewatch import acled``
(which also takes off the ``'`` the formula guard put in front of a text cell).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, TextIO

from strikewatch.export.tabular import unguard_formula, write_rows

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_TAGGED = ("date_end", "fatalities_max", "certainty", "weapons")
ACLED_NUMBERS = frozenset(
    {"year", "time_precision", "inter1", "inter2", "interaction", "latitude", "longitude", "geo_precision"}
    | {"fatalities", "timestamp"}
)


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def acled_row(event: dict[str, Any]) -> dict[str, str]:
    """Return the ACLED-layout row of a contract EVENT dict (with ``id`` and ``evidence``)."""
    start, end = event.get("date_start"), event.get("date_end")
    tags = []
    if end and end != start:
        tags.append(f"date_end={end}")
    if event.get("fatalities_max") is not None:
        tags.append(f"fatalities_max={event['fatalities_max']}")
    if event.get("certainty"):
        tags.append(f"certainty={event['certainty']}")
    if event.get("weapons"):
        tags.append("weapons=" + "|".join(event["weapons"]))
    evidence = event.get("evidence") or {}
    actor2 = event.get("actor2") or ""
    return {
        "event_id_cnty": _blank(event.get("ref") or event.get("id")),
        "event_date": _blank(start),
        "year": start[:4] if start else "",
        "time_precision": "1" if not end or end == start else "2",
        "disorder_type": _DISORDER.get(event.get("event_type") or "", ""),
        "event_type": _blank(event.get("event_type")),
        "sub_event_type": _blank(event.get("sub_event_type")),
        "actor1": _blank(event.get("actor1")),
        "actor2": actor2,
        "civilian_targeting": "Civilian targeting" if actor2.startswith("Civilians") else "",
        "country": _blank(event.get("country")),
        "admin1": _blank(event.get("admin1")),
        "admin2": _blank(event.get("admin2")),
        "location": _blank(event.get("location")),
        "latitude": _blank(event.get("lat")),
        "longitude": _blank(event.get("lon")),
        "geo_precision": _blank(event.get("geo_precision")),
        "source": _blank(event.get("attribution")),
        "notes": _blank(event.get("notes") or evidence.get("text")),
        "fatalities": _blank(event.get("fatalities")),
        "tags": "; ".join(tags),
    }


def write_acled(events: Iterable[dict[str, Any]], out: TextIO, *, formula_guard: bool = True) -> int:
    """Write ``events`` as CSV in ACLED's column layout; return how many (text cells guarded, see write_rows)."""
    return write_rows(events, out, ACLED_COLUMNS, acled_row, numbers=ACLED_NUMBERS, formula_guard=formula_guard)


def _date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    for parse in (date.fromisoformat, lambda v: datetime.strptime(v, "%d %B %Y").date()):
        try:
            return parse(value[:10] if parse is date.fromisoformat else value)
        except ValueError:
            continue
    raise ValueError(f"unreadable date {value!r} (expected YYYY-MM-DD or '28 April 2020')")


def _number(value: str | None, kind: type[float] | type[int]) -> Any:
    value = (value or "").strip()
    return kind(value) if value else None


def read_acled(handle: TextIO) -> Iterator[dict[str, Any]]:
    """Yield an event dict (contract fields, ``ref``, ``notes``) per row of an ACLED CSV export."""
    reader = csv.DictReader(handle)
    missing = {"event_id_cnty", "event_date", "event_type"} - set(reader.fieldnames or [])
    if missing:
        raise ValueError(f"not an ACLED export: missing columns {', '.join(sorted(missing))}")
    for raw in reader:
        row = {key: unguard_formula(value) if isinstance(value, str) else value for key, value in raw.items()}
        tags = dict(part.strip().split("=", 1) for part in (row.get("tags") or "").split(";") if "=" in part)
        tags = {key: value for key, value in tags.items() if key in _TAGGED}
        start = _date(row["event_date"])
        yield {
            "ref": row["event_id_cnty"],
            "event_type": row["event_type"] or None,
            "sub_event_type": row.get("sub_event_type") or None,
            "date_start": start,
            "date_end": _date(tags["date_end"]) if "date_end" in tags else start,
            "actor1": row.get("actor1") or None,
            "actor2": row.get("actor2") or None,
            "location": row.get("location") or None,
            "admin1": row.get("admin1") or None,
            "admin2": row.get("admin2") or None,
            "country": row.get("country") or None,
            "lat": _number(row.get("latitude"), float),
            "lon": _number(row.get("longitude"), float),
            "geo_precision": _number(row.get("geo_precision"), int),
            "fatalities": _number(row.get("fatalities"), int),
            "fatalities_max": _number(tags.get("fatalities_max"), int),
            "certainty": tags.get("certainty"),
            "weapons": tags["weapons"].split("|") if tags.get("weapons") else [],
            "attribution": row.get("source") or None,
            "notes": row.get("notes") or None,
        }
