"""ACLED's CSV column layout: write events in it, and read ACLED exports back into event dicts.

Every column the data allows is filled by the codebook's rules (:mod:`strikewatch.export.acled_codes`):
actor types and interaction, civilian targeting, ISO code, region, district, the publishers as
``source`` with their ``source_scale``, and ``notes`` as a short summary; the evidence sentences go
into one extra column, ``evidence``, after ACLED's own. Fields ACLED has no column for
(``date_end``, ``fatalities_max``, ``certainty``, ``weapons``, ``attribution``) go into ``tags`` as
``key=value`` pairs, so an export round-trips through ``strikewatch import acled`` (which also takes
off the ``'`` the formula guard put in front of a text cell).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, TextIO

from strikewatch.export import acled_codes as codes
from strikewatch.export.tabular import unguard_formula, write_rows

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
#: strikewatch's column after ACLED's: the sentences the event was read from.
EVIDENCE = "evidence"
COLUMNS = (*ACLED_COLUMNS, EVIDENCE)
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_TAGGED = ("date_end", "fatalities_max", "certainty", "weapons", "attribution")
WEEK = 7
# Numeric columns: the CSV formula guard leaves their signs alone ("-33.9" is a latitude).
ACLED_NUMBERS = frozenset(
    {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "latitude", "longitude", "geo_precision"}
    | {"fatalities", "timestamp"}
)


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def _tag(value: object) -> str:
    # a tag value may not hold the separators of tags
    return " ".join(str(value).replace(";", ",").replace("=", "-").split())


def time_precision(start: str | None, end: str | None) -> str:
    """Return ACLED's time precision: 1 a day, 2 within a week, 3 within a month or more."""
    if not start or not end or end == start:
        return "1"
    days = (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days
    return "2" if days < WEEK else "3"


def acled_row(event: dict[str, Any]) -> dict[str, str]:
    """Return the ACLED-layout row of a contract EVENT dict (with ``id``, ``evidence``, and ``publisher``
    or ``publishers`` for the ``source`` column)."""
    start, end = event.get("date_start"), event.get("date_end")
    tags = []
    if end and end != start:
        tags.append(f"date_end={end}")
    if event.get("fatalities_max") is not None:
        tags.append(f"fatalities_max={event['fatalities_max']}")
    if event.get("certainty"):
        tags.append(f"certainty={event['certainty']}")
    if event.get("weapons"):
        tags.append("weapons=" + "|".join(_tag(w) for w in event["weapons"]))
    if event.get("attribution"):
        tags.append(f"attribution={_tag(event['attribution'])}")
    evidence = event.get("evidence") or {}
    actor1, actor2 = event.get("actor1") or "", event.get("actor2") or ""
    country = event.get("country")
    inter1, inter2 = codes.inter_code(actor1, country), codes.inter_code(actor2, country)
    source, scale = codes.sources(event)
    iso = codes.iso_numeric(country)
    return {
        "event_id_cnty": _blank(event.get("ref") or event.get("id")),
        "event_date": _blank(start),
        "year": start[:4] if start else "",
        "time_precision": _blank(event.get("time_precision")) or time_precision(start, end),
        "disorder_type": _DISORDER.get(event.get("event_type") or "", ""),
        "event_type": _blank(event.get("event_type")),
        "sub_event_type": _blank(event.get("sub_event_type")),
        "actor1": actor1,
        "inter1": _blank(inter1),
        "actor2": actor2,
        "inter2": _blank(inter2),
        "interaction": _blank(codes.interaction(inter1, inter2, bool(actor2))),
        "civilian_targeting": codes.civilian_targeting(event.get("event_type"), inter2),
        "iso": _blank(iso),
        "region": _blank(codes.region(country)),
        "country": _blank(country),
        "admin1": _blank(event.get("admin1")),
        "admin2": _blank(codes.admin2(event)),
        "location": _blank(event.get("location")),
        "latitude": _blank(event.get("lat")),
        "longitude": _blank(event.get("lon")),
        "geo_precision": _blank(event.get("geo_precision")),
        "source": source,
        "source_scale": scale if source else "",
        "notes": _blank(event.get("notes"))
        if event.get("namespace") not in (None, "strikewatch")
        else codes.notes(event),
        "fatalities": _blank(event.get("fatalities")),
        "tags": "; ".join(tags),
        EVIDENCE: " ".join(str(evidence.get("text") or "").split()),
    }


def write_acled(events: Iterable[dict[str, Any]], out: TextIO, *, formula_guard: bool = True) -> int:
    """Write ``events`` as CSV in ACLED's column layout; return how many (text cells guarded, see write_rows)."""
    return write_rows(events, out, COLUMNS, acled_row, numbers=ACLED_NUMBERS, formula_guard=formula_guard)


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
            "time_precision": _number(row.get("time_precision"), int),
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
            "attribution": tags.get("attribution") or None,  # who made the claim, as our exports tag it
            "notes": row.get("notes") or None,
            # an imported event's evidence: the sentences (our exports' extra column) and the dataset's sources
            "evidence": {
                "text": row.get(EVIDENCE) or None,
                "source": row.get("source") or None,
                "source_scale": row.get("source_scale") or None,
            },
        }
