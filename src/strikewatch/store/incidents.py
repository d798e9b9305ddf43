"""Link reports of the same incident across documents, incrementally.

A new event joins an existing incident when the incident has the same event type, dates that
overlap the event's with a day of slack, a place within ``link_km`` kilometres (or the same place
name in the same province), no report from the same document, and compatible actors (reports that
both name both sides must share at least one). Otherwise the event opens a new incident whose id is
the event's. Only the incident it joins is recomputed, from its reports read once for the match.

An incident keeps the fatality range across its reports, the number of independent sources
(distinct publishers, else web sites, else documents) and a grade in the spirit of Airwars:

- ``confirmed``: a report says the actor confirmed or claimed it;
- ``contested``: reports disagree on the perpetrator (``actor1``);
- ``multiple sources``: two or more independent sources;
- ``single source``.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, Table, bindparam, insert, select, update

from strikewatch.geo.distance import EARTH_RADIUS_KM, distance_km
from strikewatch.store.audit import Changes
from strikewatch.store.prepared import Prepared
from strikewatch.store.schema import DocumentRow, EventRow, IncidentEvent, IncidentRow

INCIDENTS: Table = IncidentRow.__table__  # type: ignore[assignment]
LINKS: Table = IncidentEvent.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]
SLACK = timedelta(days=1)
_SUMMARY = ("date_start", "date_end", "fatalities_min", "fatalities_max", "actor1", "reports", "sources", "grade")
# the statements of linking, prepared once: building and dispatching them costs more than running them
# Candidates: same type, overlapping dates, and a place that may be the same (same name key, or inside
# a box that holds every point within link_km); _same_place then decides exactly.
_CANDIDATES = Prepared(
    select(INCIDENTS).where(
        INCIDENTS.c.event_type == bindparam("event_type"),
        INCIDENTS.c.date_start <= bindparam("last"),
        INCIDENTS.c.date_end >= bindparam("first"),
        (INCIDENTS.c.place_key == bindparam("place_key"))
        | (
            INCIDENTS.c.lat.between(bindparam("south"), bindparam("north"))
            & INCIDENTS.c.lon.between(bindparam("west"), bindparam("east"))
        ),
    )
)
_INSERT = Prepared(insert(INCIDENTS).values({c.name: bindparam(c.name) for c in INCIDENTS.columns}))
_LINK = Prepared(insert(LINKS).values(incident_id=bindparam("incident_id"), event_id=bindparam("event_id")))
_UPDATE = Prepared(
    update(INCIDENTS)
    .where(INCIDENTS.c.id == bindparam("incident_id"))
    .values({name: bindparam(name) for name in _SUMMARY})
)
CONFIRMING = {"confirmed", "claimed"}


def place_key(location: str | None, admin1: str | None) -> str | None:
    """Return the key that two places with the same name in the same province share (None without a name)."""
    if not location:
        return None
    return location.casefold() + "\x1f" + (admin1 or "").casefold()


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """Return (south, north, west, east) bounds holding every point within ``km`` of (lat, lon).

    From the haversine formula of :func:`distance_km`: a point within ``km`` is at most ``km / R``
    radians of latitude away, and at most ``2 asin(sin(km / 2R) / cos(max |latitude|))`` of
    longitude; near a pole or across the antimeridian any longitude is let through. The box is
    widened a little against rounding: it may hold a few more points, never fewer.
    """
    arc = km * 1.001 / EARTH_RADIUS_KM
    dlat = math.degrees(arc)
    top = abs(lat) + dlat
    ratio = math.sin(arc / 2) / math.cos(math.radians(top)) if top < 90 else 2.0
    dlon = math.degrees(2 * math.asin(ratio)) if ratio < 1 else 360.0
    if lon - dlon < -180 or lon + dlon > 180:
        return lat - dlat, lat + dlat, -math.inf, math.inf
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _same_place(event: dict[str, Any], other: Any, link_km: float) -> float | None:
    """Return how far apart the two places are (0 for the same name), or None if they are not one place."""
    same_name = event["location"] and other.location and event["location"].casefold() == other.location.casefold()
    if same_name and (event["admin1"] or "").casefold() == (other.admin1 or "").casefold():
        return 0.0
    if None not in (event["lat"], event["lon"], other.lat, other.lon):
        km = distance_km(event["lat"], event["lon"], other.lat, other.lon)
        if km <= link_km:
            return km
    return None


def compatible_actors(a1: str | None, a2: str | None, b1: str | None, b2: str | None) -> bool:
    """Return whether two reports can describe one incident: unless both name both sides, yes; else share one."""
    if None in (a1, a2, b1, b2):
        return True
    return bool({a1, a2} & {b1, b2})


def source_key(source: str | None, url: str | None, document_id: str | None) -> str:
    """Return what makes a report independent: its publisher, else its web site, else its document."""
    if source:
        return "source:" + source.casefold()
    if url:
        host = urlsplit(url).hostname or url
        return "host:" + host.removeprefix("www.")
    return "document:" + (document_id or "")


_MEMBERS = Prepared(
    select(
        EVENTS.c.id,
        EVENTS.c.document_id,
        EVENTS.c.actor1,
        EVENTS.c.actor2,
        EVENTS.c.fatalities,
        EVENTS.c.fatalities_max,
        EVENTS.c.certainty,
        EVENTS.c.date_start,
        EVENTS.c.date_end,
        DOCUMENTS.c.source,
        DOCUMENTS.c.url,
    )
    .join(EVENTS, EVENTS.c.id == LINKS.c.event_id)
    .outerjoin(DOCUMENTS, DOCUMENTS.c.id == EVENTS.c.document_id)
    .where(LINKS.c.incident_id == bindparam("incident_id"))
    .order_by(EVENTS.c.id)
)


def summarise(members: list[Any]) -> dict[str, Any]:
    """Return an incident's aggregate fields from its reports (rows with the fields ``_MEMBERS`` selects)."""
    lows = [m.fatalities for m in members if m.fatalities is not None]
    highs = [m.fatalities_max if m.fatalities_max is not None else m.fatalities for m in members]
    highs = [h for h in highs if h is not None]
    perpetrators = {m.actor1 for m in members if m.actor1}
    sources = {source_key(m.source, m.url, m.document_id) for m in members}
    if any(m.certainty in CONFIRMING for m in members):
        grade = "confirmed"
    elif len(perpetrators) > 1:
        grade = "contested"
    elif len(sources) > 1:
        grade = "multiple sources"
    else:
        grade = "single source"
    return {
        "date_start": min(m.date_start for m in members),
        "date_end": max(m.date_end or m.date_start for m in members),
        "fatalities_min": min(lows) if lows else None,
        "fatalities_max": max(highs) if highs else None,
        "actor1": sorted(perpetrators)[0] if len(perpetrators) == 1 else None,
        "reports": len(members),
        "sources": len(sources),
        "grade": grade,
    }


def link_event(
    conn: Connection,
    changes: Changes,
    event: dict[str, Any],
    link_km: float,
    *,
    source: str | None = None,
    url: str | None = None,
) -> str | None:
    """Link a just-stored event row to its incident (joining one or opening one); return the incident id.

    ``source`` and ``url`` are those of the event's stored document (what makes its report
    independent). Events without a date or type are not linked.
    """
    if event["date_start"] is None or event["event_type"] is None:
        return None
    start, end = event["date_start"], event["date_end"] or event["date_start"]
    key = place_key(event["location"], event["admin1"])
    located = event["lat"] is not None and event["lon"] is not None
    near = []
    if key is not None or located:
        south, north, west, east = bounding_box(event["lat"], event["lon"], link_km) if located else (None,) * 4
        window = {"event_type": event["event_type"], "first": start - SLACK, "last": end + SLACK, "place_key": key}
        window.update(south=south, north=north, west=west, east=east)
        candidates = _CANDIDATES.rows(conn, window)
        near = [(km, c) for c in candidates if (km := _same_place(event, c, link_km)) is not None]
    best, reports = None, []
    # nearest first; an incident's reports are read only when it is next in line (usually the first one matches)
    for _km, candidate in sorted(near, key=lambda pair: (pair[0], pair[1].id)):
        reports = _MEMBERS.rows(conn, {"incident_id": candidate.id})
        if any(m.document_id == event["document_id"] for m in reports):
            continue
        if all(compatible_actors(event["actor1"], event["actor2"], m.actor1, m.actor2) for m in reports):
            best = candidate
            break
    # the incident's reports are the members just read plus this one: no need to read them again
    summary = summarise([*(reports if best is not None else []), _Report(event, source, url)])
    if best is None:
        incident_id = event["id"]
        values = {
            "id": incident_id,
            "event_type": event["event_type"],
            "sub_event_type": event["sub_event_type"],
            "location": event["location"],
            "admin1": event["admin1"],
            "country": event["country"],
            "lat": event["lat"],
            "lon": event["lon"],
            "place_key": key,
            **summary,
        }
        _INSERT.execute(conn, values)
        changes.record("insert", "incidents", incident_id)
    else:
        incident_id = best.id
    _LINK.execute(conn, {"incident_id": incident_id, "event_id": event["id"]})
    changes.record("insert", "incident_events", event["id"], {"incident": incident_id})
    if best is not None:
        _UPDATE.execute(conn, {"incident_id": incident_id, **summary})
        changed = {k: [str(getattr(best, k)), str(v)] for k, v in summary.items() if getattr(best, k) != v}
        changes.record("update", "incidents", incident_id, changed)
    return incident_id


class _Report:
    """The fields :func:`summarise` reads, of an event row being linked, with its document's source and URL."""

    def __init__(self, event: dict[str, Any], source: str | None, url: str | None) -> None:
        self.document_id = event["document_id"]
        self.actor1 = event["actor1"]
        self.fatalities = event["fatalities"]
        self.fatalities_max = event["fatalities_max"]
        self.certainty = event["certainty"]
        self.date_start = event["date_start"]
        self.date_end = event["date_end"]
        self.source = source
        self.url = url
