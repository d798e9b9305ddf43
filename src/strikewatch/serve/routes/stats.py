"""Counts for the map and the timeline: events per map cell at a zoom, and per day or week by a dimension.

Both come from the store's in-memory :class:`~strikewatch.store.event_index.EventIndex` when the
filter allows (milliseconds over a million events), else from the database.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select

from strikewatch.filters import EventFilter
from strikewatch.serve.auth import Caller, reader
from strikewatch.serve.params import event_filter
from strikewatch.store.event_index import DIMENSIONS, Cell
from strikewatch.store.query import EVENTS, select_events

router = APIRouter(prefix="/api/v1", tags=["stats"])
#: A map view with at most this many events shows each one; beyond, cells.
POINTS_MAX = 400
CELL_PIXELS = 48
DATABASE_MAP_MAX = 20_000


def cell_degrees(zoom: int) -> float:
    """Return the side of a map cell at ``zoom`` (Web Mercator tiles of 256 px), in degrees."""
    return 360.0 / (2**zoom) / 256 * CELL_PIXELS


def _points(request: Request, where: EventFilter) -> list[dict[str, Any]]:
    engine = request.app.state.desk.store.engine
    columns = [EVENTS.c.id, EVENTS.c.lat, EVENTS.c.lon, EVENTS.c.event_type, EVENTS.c.sub_event_type,
               EVENTS.c.date_start, EVENTS.c.location, EVENTS.c.fatalities]  # fmt: skip
    located = replace(where, limit=POINTS_MAX + 1)
    statement = select_events(located, engine.dialect.name, columns).where(EVENTS.c.lat.is_not(None))
    with engine.connect() as conn:
        rows = conn.execute(statement).all()
    return [
        {
            "id": r.id,
            "lat": r.lat,
            "lon": r.lon,
            "event_type": r.event_type,
            "sub_event_type": r.sub_event_type,
            "date": r.date_start.isoformat() if isinstance(r.date_start, date) else None,
            "location": r.location,
            "fatalities": r.fatalities,
        }
        for r in rows
    ]


def _cells_from_database(request: Request, where: EventFilter, size: float) -> list[Cell]:
    engine = request.app.state.desk.store.engine
    limited = replace(where, limit=DATABASE_MAP_MAX)
    statement = select_events(limited, engine.dialect.name, [EVENTS.c.lat, EVENTS.c.lon, EVENTS.c.event_type])
    grid: dict[tuple[int, int], list[Any]] = {}
    with engine.connect() as conn:
        for lat, lon, kind in conn.execute(statement.where(EVENTS.c.lat.is_not(None))):
            key = (int((lat + 90) // size), int((lon + 180) // size))
            slot = grid.setdefault(key, [0, 0.0, 0.0, {}])
            slot[0] += 1
            slot[1] += lat
            slot[2] += lon
            slot[3][kind or "Unknown"] = slot[3].get(kind or "Unknown", 0) + 1
    return [Cell(s[1] / s[0], s[2] / s[0], s[0], s[3]) for s in grid.values()]


@router.get(
    "/map", summary="The map's view: cells of events at a zoom, or the events themselves", response_class=JSONResponse
)
def map_view(
    request: Request,
    where: Annotated[EventFilter, Depends(event_filter)],
    _caller: Annotated[Caller, Depends(reader)],
    zoom: Annotated[int, Query(ge=0, le=20, description="Web map zoom level.")] = 2,
) -> JSONResponse:
    """Return ``{"total", "cells": [{lat, lon, count, types}], "points": [...]}`` for the view (``bbox``).

    With at most 400 events in view, ``points`` lists each (id, place, type) and ``cells`` is empty.
    """
    desk = request.app.state.desk
    size = cell_degrees(zoom)
    cells = desk.index.cells(where, size)
    if cells is None:
        cells = _cells_from_database(request, where, size)
    total = sum(c.count for c in cells)
    if total <= POINTS_MAX:
        return JSONResponse({"total": total, "cells": [], "points": _points(request, where), "cell_degrees": size})
    return JSONResponse(
        {
            "total": total,
            "cells": [{"lat": c.lat, "lon": c.lon, "count": c.count, "types": c.types} for c in cells],
            "points": [],
            "cell_degrees": size,
        }
    )


@router.get("/stats", summary="Events per day or week, by a dimension")
def stats(
    request: Request,
    where: Annotated[EventFilter, Depends(event_filter)],
    _caller: Annotated[Caller, Depends(reader)],
    interval: Annotated[str, Query(pattern="^(day|week)$")] = "day",
    by: Annotated[str | None, Query(description=f"One of {', '.join(DIMENSIONS)}; none for the total.")] = None,
) -> dict[str, Any]:
    """Return ``{"interval", "by", "series": {value: [[day, count], ...]}}`` (weeks start on Monday)."""
    from strikewatch.errors import ConfigError

    if by is not None and by not in DIMENSIONS:
        raise ConfigError(f"by {by!r} is not one of: {', '.join(DIMENSIONS)}")
    desk = request.app.state.desk
    found = desk.index.histogram(where, by, interval)
    if found is None:
        found = _stats_from_database(request, where, by, interval)
    return {**found, "by": by}


def _stats_from_database(request: Request, where: EventFilter, by: str | None, interval: str) -> dict[str, Any]:
    engine = request.app.state.desk.store.engine
    columns = [EVENTS.c.date_start, EVENTS.c[by] if by else EVENTS.c.namespace]
    inner = select_events(where, engine.dialect.name, columns).order_by(None).subquery()
    statement = select(inner.c[0], inner.c[1], func.count()).group_by(inner.c[0], inner.c[1])
    series: dict[str, dict[str, int]] = {}
    with engine.connect() as conn:
        for day, value, count in conn.execute(statement):
            if day is None:
                continue
            if isinstance(day, str):
                day = date.fromisoformat(day)
            if interval == "week":
                day = date.fromordinal(day.toordinal() - (day.toordinal() - 1) % 7)
            label = "all" if by is None else (value if value is not None else "Unknown")
            slot = series.setdefault(str(label), {})
            slot[day.isoformat()] = slot.get(day.isoformat(), 0) + int(count)
    return {"interval": interval, "series": {k: sorted([d, n] for d, n in v.items()) for k, v in series.items()}}
