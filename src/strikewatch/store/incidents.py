"""Link reports of the same incident across documents, incrementally.

A new event joins an existing incident when the incident has a compatible type
(:func:`compatible_types`), dates that overlap the event's with a day of slack, a place that agrees
within the precision of the two places (:func:`same_place`), no report from the same document, and
compatible actors (reports that both name both sides must share at least one). Otherwise the event
opens a new incident whose id is the event's. Only the incident it joins is recomputed: the database
sums up its stored reports (each link keeps its report's independent source) and the new one is
added to that; the incident takes the place of its most precise report.

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

from sqlalchemy import Connection, Table, and_, bindparam, case, delete, func, insert, or_, select, update

from strikewatch.geo.distance import EARTH_RADIUS_KM, distance_km
from strikewatch.model import PRECISION_NEAR, PRECISION_REGION, EventType, SubEventType
from strikewatch.store.audit import Changes
from strikewatch.store.prepared import Prepared
from strikewatch.store.schema import DocumentRow, EventRow, IncidentEvent, IncidentRow

INCIDENTS: Table = IncidentRow.__table__  # type: ignore[assignment]
LINKS: Table = IncidentEvent.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]
SLACK = timedelta(days=1)
#: An incident spans at most this long: a report that would stretch one further (a month's summary)
#: starts its own. It also bounds how far back linking looks, so a store years old links as fast as
#: a new one (the candidates' start dates lie in a window, read through the type+date index).
MAX_INCIDENT_SPAN = timedelta(days=31)
#: Reports placed only "near" a town or in a district (geo precision 2) may lie this many times
#: ``link_km`` apart and still be one incident.
NEAR_FACTOR = 5
_SUMMARY = ("date_start", "date_end", "fatalities_min", "fatalities_max", "actor1", "reports", "sources", "grade")
_PLACE = ("location", "admin1", "country", "lat", "lon", "place_key", "geo_precision")
_E, _S = EventType, SubEventType
#: Sub-event types that tell one incident in other words: fire from afar is an airstrike to one
#: source and shelling or a missile strike to another; a bomb is an IED, a suicide bombing or a grenade.
SUB_EVENT_FAMILIES = (
    frozenset({_S.AIR_DRONE_STRIKE, _S.SHELLING, _S.CHEMICAL_WEAPON}),
    frozenset({_S.REMOTE_EXPLOSIVE, _S.SUICIDE_BOMB, _S.GRENADE}),
)
#: Event types one incident may be coded as: a strike that killed civilians is Explosions/Remote
#: violence to one report and an attack on civilians (Violence against civilians) to another.
CROSS_TYPES = {_E.EXPLOSIONS: _E.VIOLENCE_AGAINST_CIVILIANS, _E.VIOLENCE_AGAINST_CIVILIANS: _E.EXPLOSIONS}
# the statements of linking, prepared once: building and dispatching them costs more than running them
# Candidates: a compatible type, overlapping dates, and a place that may be the same (same name key,
# inside a box that holds every point within reach, or the same province when either place is only
# known to the province); same_place then decides exactly.
_CANDIDATES = Prepared(
    select(INCIDENTS).where(
        INCIDENTS.c.event_type.in_([bindparam("event_type"), bindparam("cross_type")]),
        INCIDENTS.c.date_start <= bindparam("last"),
        INCIDENTS.c.date_start >= bindparam("earliest"),
        INCIDENTS.c.date_end >= bindparam("first"),
        (INCIDENTS.c.place_key == bindparam("place_key"))
        | (
            INCIDENTS.c.lat.between(bindparam("south"), bindparam("north"))
            & INCIDENTS.c.lon.between(bindparam("west"), bindparam("east"))
        )
        | (
            (func.lower(INCIDENTS.c.admin1) == bindparam("admin1_key"))
            & ((INCIDENTS.c.geo_precision >= PRECISION_REGION) | (bindparam("precision") >= PRECISION_REGION))
        )
        | (
            (func.lower(INCIDENTS.c.country) == bindparam("country_key"))
            & (INCIDENTS.c.admin1.is_(None) | bindparam("admin1_key").is_(None))
        ),
    )
)
_INSERT = Prepared(insert(INCIDENTS).values({c.name: bindparam(c.name) for c in INCIDENTS.columns}))
_LINK = Prepared(insert(LINKS).values({c.name: bindparam(c.name) for c in LINKS.columns}))
_UPDATE = Prepared(
    update(INCIDENTS)
    .where(INCIDENTS.c.id == bindparam("incident_id"))
    .values({name: bindparam(name) for name in (*_SUMMARY, *_PLACE)})
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


def same_place(event: dict[str, Any], other: Any, link_km: float) -> tuple[float, bool] | None:
    """Return whether two reports' places agree: ``(distance in km, weak)``, or None if they do not.

    They agree within the coarser place's precision: towns (precision 1) within ``link_km`` (or by
    the same name in the same province), places only "near" a town or in a district (2) within
    ``NEAR_FACTOR`` times that. A report that only names the province (3) agrees with any place of
    that province, and one that names no province with any place of its country: such agreement is
    *weak*, and linking then asks the rest of the report to agree exactly (:func:`alike`).
    """
    precision = max(event["geo_precision"] or 1, other.geo_precision or 1)
    admin1, other_admin1 = (event["admin1"] or "").casefold(), (other.admin1 or "").casefold()
    located = None not in (event["lat"], event["lon"], other.lat, other.lon)
    km = distance_km(event["lat"], event["lon"], other.lat, other.lon) if located else 0.0
    same_name = event["location"] and other.location and event["location"].casefold() == other.location.casefold()
    if same_name and admin1 == other_admin1:
        return 0.0, precision >= PRECISION_REGION
    if precision >= PRECISION_REGION or not (admin1 and other_admin1):
        countries = {(c or "").casefold() for c in (event["country"], other.country)}
        if len(countries) != 1 or countries == {""}:
            return None
        if admin1 and other_admin1 and admin1 != other_admin1:
            return None
        if not (admin1 and other_admin1) and precision < PRECISION_REGION and located:
            return (km, False) if km <= link_km else None  # towns the gazetteer gives no province
        return km, True
    reach = link_km * (NEAR_FACTOR if precision == PRECISION_NEAR else 1)
    return (km, False) if located and km <= reach else None


def _named(actor: str | None) -> bool:
    return bool(actor) and not actor.startswith(("Unidentified", "Unknown"))  # type: ignore[union-attr]


def alike(event: dict[str, Any], other: Any) -> bool:
    """Return whether a report and an incident agree enough to back a weak place agreement: the same
    named perpetrator, or, where either leaves it unnamed, the same event type and sub-event type."""
    if _named(event["actor1"]) and _named(other.actor1):
        return bool(event["actor1"] == other.actor1)
    pairs = ((event["event_type"], other.event_type), (event["sub_event_type"], other.sub_event_type))
    return all(a is None or b is None or a == b for a, b in pairs)


def compatible_types(type_a: str | None, sub_a: str | None, type_b: str | None, sub_b: str | None) -> bool:
    """Return whether two reports' types can describe one incident (:data:`SUB_EVENT_FAMILIES`, :data:`CROSS_TYPES`)."""
    if type_a != type_b:
        crossing = CROSS_TYPES.get(type_a) == type_b  # type: ignore[call-overload]
        victims = sub_a if type_a == _E.VIOLENCE_AGAINST_CIVILIANS else sub_b
        return crossing and victims in (None, _S.ATTACK)
    if type_a == _E.EXPLOSIONS and sub_a and sub_b and sub_a != sub_b:
        return any(sub_a in family and sub_b in family for family in SUB_EVENT_FAMILIES)
    return True


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


# What the decision and the new summary need from an incident's stored reports, in one row: the
# database aggregates them, so joining costs the same however many reports the incident has.
_SIDES = (bindparam("actor1"), bindparam("actor2"))
_NAMED = func.nullif(EVENTS.c.actor1, "")
_STORED = Prepared(
    select(
        func.count().label("reports"),
        func.max(case((EVENTS.c.document_id == bindparam("document_id"), 1), else_=0)).label("same_document"),
        func.max(  # a report that names both sides, neither of them one of this event's two (compatible_actors)
            case(
                (
                    and_(
                        EVENTS.c.actor1.is_not(None),
                        EVENTS.c.actor2.is_not(None),
                        *(column != side for column in (EVENTS.c.actor1, EVENTS.c.actor2) for side in _SIDES),
                    ),
                    1,
                ),
                else_=0,
            )
        ).label("incompatible"),
        func.min(EVENTS.c.date_start).label("date_start"),
        func.max(func.coalesce(EVENTS.c.date_end, EVENTS.c.date_start)).label("date_end"),
        func.min(EVENTS.c.fatalities).label("fatalities_min"),
        func.max(func.coalesce(EVENTS.c.fatalities_max, EVENTS.c.fatalities)).label("fatalities_max"),
        func.count(_NAMED.distinct()).label("perpetrators"),
        func.min(_NAMED).label("perpetrator"),
        func.max(case((or_(*(EVENTS.c.certainty == word for word in sorted(CONFIRMING))), 1), else_=0)).label(
            "confirmed"
        ),
        func.count(LINKS.c.source_key.distinct()).label("sources"),
        func.max(case((LINKS.c.source_key == bindparam("source_key"), 1), else_=0)).label("known_source"),
    )
    .select_from(LINKS.join(EVENTS, EVENTS.c.id == LINKS.c.event_id))
    .where(LINKS.c.incident_id == bindparam("incident_id"))
)


def _grade(confirmed: bool, contested: bool, sources: int) -> str:
    if confirmed:
        return "confirmed"
    if contested:
        return "contested"
    return "multiple sources" if sources > 1 else "single source"


def summarise(stored: Any, report: dict[str, Any] | None) -> dict[str, Any]:
    """Return an incident's aggregate fields: those of its ``stored`` reports (a row of ``_STORED``, or
    None for a new incident) combined with the new ``report`` (an event row; None to sum up the stored
    reports alone)."""
    count = stored.reports if stored is not None else 0
    if report is None:
        report = {"fatalities": None, "fatalities_max": None, "actor1": None, "certainty": None}
        report.update(date_start=stored.date_start, date_end=stored.date_end)
        new, known = 0, True
    else:
        new, known = 1, bool(count and stored.known_source)
    lows = [value for value in (report["fatalities"], stored and stored.fatalities_min) if value is not None]
    high = report["fatalities_max"] if report["fatalities_max"] is not None else report["fatalities"]
    highs = [value for value in (high, stored and stored.fatalities_max) if value is not None]
    perpetrators = {stored.perpetrator} if count and stored.perpetrators == 1 else set()
    if report["actor1"]:
        perpetrators.add(report["actor1"])
    contested = len(perpetrators) > 1 or bool(count and stored.perpetrators > 1)
    sources = (stored.sources if count else 0) + (0 if known else 1)
    confirmed = report["certainty"] in CONFIRMING or bool(count and stored.confirmed)
    start, end = report["date_start"], report["date_end"] or report["date_start"]
    return {
        "date_start": min(start, stored.date_start) if count else start,
        "date_end": max(end, stored.date_end) if count else end,
        "fatalities_min": min(lows) if lows else None,
        "fatalities_max": max(highs) if highs else None,
        "actor1": next(iter(perpetrators)) if len(perpetrators) == 1 and not contested else None,
        "reports": count + new,
        "sources": sources,
        "grade": _grade(confirmed, contested, sources),
    }


def _place_of(row: Any) -> dict[str, Any]:
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    place = {name: get(name) for name in ("location", "admin1", "country", "lat", "lon", "geo_precision")}
    return {**place, "place_key": place_key(place["location"], place["admin1"])}


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
    precision = event["geo_precision"] or 1
    near = []
    if key is not None or located or event["admin1"] or event["country"]:
        reach = link_km * NEAR_FACTOR  # the farthest two places may lie apart short of provinces
        south, north, west, east = bounding_box(event["lat"], event["lon"], reach) if located else (None,) * 4
        window = {"first": start - SLACK, "last": end + SLACK, "place_key": key, "earliest": end - MAX_INCIDENT_SPAN}
        window.update(event_type=event["event_type"], cross_type=CROSS_TYPES.get(event["event_type"], "-"))
        window.update(south=south, north=north, west=west, east=east, precision=precision)
        window["admin1_key"] = (event["admin1"] or "").lower() or None
        window["country_key"] = (event["country"] or "").lower() or None
        candidates = _CANDIDATES.rows(conn, window)
        near = [
            (agreed[0] + (EARTH_RADIUS_KM if agreed[1] else 0), c)  # weak agreement ranks after any near place
            for c in candidates
            if max(end, c.date_end) - min(start, c.date_start) <= MAX_INCIDENT_SPAN
            and compatible_types(event["event_type"], event["sub_event_type"], c.event_type, c.sub_event_type)
            and (agreed := same_place(event, c, link_km)) is not None
            and (not agreed[1] or alike(event, c))
        ]
    best, stored = None, None
    independent = source_key(source, url, event["document_id"])
    params = {"source_key": independent, "document_id": event["document_id"]}
    params.update(actor1=event["actor1"], actor2=event["actor2"])
    # nearest first; an incident's reports are summed up only when it is next in line (usually the first matches)
    for _km, candidate in sorted(near, key=lambda pair: (pair[0], pair[1].id)):
        (stored,) = _STORED.rows(conn, {"incident_id": candidate.id, **params})
        if not stored.same_document and not stored.incompatible:
            best = candidate
            break
    summary = summarise(stored if best is not None else None, event)
    if best is None:
        incident_id = _free_id(conn, event["id"])
        values = {"id": incident_id, "event_type": event["event_type"], "sub_event_type": event["sub_event_type"]}
        _INSERT.execute(conn, {**values, **_place_of(event), **summary})
        changes.record("insert", "incidents", incident_id)
    else:
        incident_id = best.id
    _LINK.execute(conn, {"incident_id": incident_id, "event_id": event["id"], "source_key": independent})
    changes.record("insert", "incident_events", event["id"], {"incident": incident_id})
    if best is not None:
        # the incident is placed where its most precise report puts it
        place = _place_of(event) if precision < (best.geo_precision or 1) else _place_of(best)
        _UPDATE.execute(conn, {"incident_id": incident_id, **summary, **place})
        changed = {k: [str(getattr(best, k)), str(v)] for k, v in {**summary, **place}.items() if getattr(best, k) != v}
        changes.record("update", "incidents", incident_id, changed)
    return incident_id


_TAKEN = Prepared(select(INCIDENTS.c.id).where(INCIDENTS.c.id == bindparam("id")))


def _free_id(conn: Connection, event_id: str) -> str:
    """Return the id of a new incident opened by ``event_id``: the event's id, unless an incident kept
    it after that event was re-extracted away (then ``<event id>/2``, ``/3``...)."""
    candidate, n = event_id, 1
    while _TAKEN.rows(conn, {"id": candidate}):
        n += 1
        candidate = f"{event_id}/{n}"
    return candidate


_REPORTS_OF = select(LINKS.c.incident_id).where(LINKS.c.event_id.in_(bindparam("event_ids", expanding=True)))
_MOST_PRECISE = (
    select(EVENTS.c.location, EVENTS.c.admin1, EVENTS.c.country, EVENTS.c.lat, EVENTS.c.lon, EVENTS.c.geo_precision)
    .select_from(LINKS.join(EVENTS, EVENTS.c.id == LINKS.c.event_id))
    .where(LINKS.c.incident_id == bindparam("incident_id"))
    .order_by(func.coalesce(EVENTS.c.geo_precision, 1), EVENTS.c.id)
    .limit(1)
)


def unlink_events(conn: Connection, changes: Changes, event_ids: list[str]) -> None:
    """Remove the reports ``event_ids`` from their incidents (before they are deleted or re-extracted).

    Each incident they belonged to is summed up again from the reports it keeps, and placed by the
    most precise of them; an incident left without reports is deleted.
    """
    if not event_ids:
        return
    incidents = sorted(set(conn.execute(_REPORTS_OF, {"event_ids": event_ids}).scalars()))
    conn.execute(delete(LINKS).where(LINKS.c.event_id.in_(event_ids)))
    for event_id in event_ids:
        changes.record("delete", "incident_events", event_id)
    nothing = {"source_key": None, "document_id": None, "actor1": None, "actor2": None}
    for incident_id in incidents:
        (stored,) = _STORED.rows(conn, {"incident_id": incident_id, **nothing})
        if not stored.reports:
            conn.execute(delete(INCIDENTS).where(INCIDENTS.c.id == incident_id))
            changes.record("delete", "incidents", incident_id)
            continue
        place = _place_of(conn.execute(_MOST_PRECISE, {"incident_id": incident_id}).one())
        _UPDATE.execute(conn, {"incident_id": incident_id, **summarise(stored, None), **place})
        changes.record("update", "incidents", incident_id, {"reports": stored.reports})
