"""An in-memory column index of the events, for counts, map cells and timelines over millions of events.

The desk asks, many times a second, "how many events match this filter, where are they at this
zoom, and how are they spread over time". A database answers by reading every matching row; this
index keeps the few columns those questions need as numpy arrays (about 30 bytes an event) and
answers with vectorised masks and ``bincount`` in milliseconds.

It never disagrees with :func:`strikewatch.store.query.select_events`:

- it answers only filters on the date, bounding box, event and sub-event type, certainty, review
  status and namespace (compared as ``select_events`` compares them, in any case), and country and
  admin1, whose stored values it matches by the store's own rules (any name of the unit, case folded
  as the database's ``lower()`` folds it: :mod:`strikewatch.store.match`); :meth:`EventIndex.mask`
  returns None for anything else (actor, full text, district, tolls, partial names: :func:`indexable`)
  and the caller asks the database;
- it follows the store through the audit log, which every writer fills in the transaction of its
  change: before answering it reads the events changed since it last looked and updates just those
  rows (it reloads everything after a large batch).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Engine, func, select

from strikewatch.filters import EventFilter
from strikewatch.store.audit import AUDIT
from strikewatch.store.match import admin1_names, canonical_choice, country_names
from strikewatch.store.query import CERTAINTIES, EVENT_TYPES, EVENTS, SUB_EVENT_TYPES, lowered

NO_DATE = -1
#: Past this many changed events since the last look, the index reloads instead of patching.
RELOAD_AFTER = 20_000
DIMENSIONS = ("event_type", "sub_event_type", "certainty", "review_status", "country", "admin1", "actor1")
_COLUMNS = ("namespace", *DIMENSIONS)


def _key(event_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


class _Vocabulary:
    """Codes of the distinct values of one text column (code 0 is None)."""

    def __init__(self) -> None:
        self.values: list[str | None] = [None]
        self.codes: dict[str | None, int] = {None: 0}

    def code(self, value: str | None) -> int:
        found = self.codes.get(value)
        if found is None:
            found = self.codes[value] = len(self.values)
            self.values.append(value)
        return found


@dataclass(slots=True)
class Cell:
    """One cell of the map grid: how many events, their mean position, and counts by event type."""

    lat: float
    lon: float
    count: int
    types: dict[str, int]


def indexable(where: EventFilter) -> bool:
    """Tell whether the index can answer ``where``; other filters (actor aliases, full text, district,
    tolls, time stored, incident, partial names) are the database's."""
    return not (
        where.actor
        or where.text
        or where.admin2
        or where.min_fatalities is not None
        or where.stored_since is not None
        or where.incident
        or where.like
    )


def canonical(where: EventFilter) -> EventFilter:
    """Return ``where`` with its types and certainty spelled as stored (the store matches any case)."""
    kinds = [*EVENT_TYPES, *SUB_EVENT_TYPES]
    event_type = canonical_choice(where.event_type, kinds) if where.event_type else None
    sub_event_type = canonical_choice(where.sub_event_type, SUB_EVENT_TYPES) if where.sub_event_type else None
    certainty = canonical_choice(where.certainty, CERTAINTIES) if where.certainty else None
    return replace(
        where,
        event_type=event_type or where.event_type,
        sub_event_type=sub_event_type or where.sub_event_type,
        certainty=certainty or where.certainty,
    )


class EventIndex:
    """The column index of one store's events (thread-safe; refreshed from the audit log on use)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.generation = -1
        self._lock = threading.Lock()
        self._value_sets: dict[tuple[str, str, int], np.ndarray] = {}
        self._reset()

    def _reset(self) -> None:
        self.vocab = {name: _Vocabulary() for name in _COLUMNS}
        self.keys = np.zeros(0, dtype=np.int64)
        self.order = np.zeros(0, dtype=np.int64)
        self.days = np.zeros(0, dtype=np.int32)
        self.lat = np.zeros(0, dtype=np.float32)
        self.lon = np.zeros(0, dtype=np.float32)
        self.codes = {name: np.zeros(0, dtype=np.int32) for name in _COLUMNS}
        self._value_sets.clear()
        self._extent: tuple[float, float, float, float] | None = None
        self._located: np.ndarray | None = None

    # -- keeping up with the store ------------------------------------------------------------

    def _columns(self) -> list[Any]:
        return [EVENTS.c.id, EVENTS.c.date_start, EVENTS.c.lat, EVENTS.c.lon, *(EVENTS.c[n] for n in _COLUMNS)]

    def _encode(self, rows: Sequence[Any]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {
            "keys": np.fromiter((_key(r[0]) for r in rows), dtype=np.int64, count=len(rows)),
            "days": np.fromiter(
                (r[1].toordinal() if r[1] is not None else NO_DATE for r in rows), dtype=np.int32, count=len(rows)
            ),
            "lat": np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=np.float32),
            "lon": np.array([np.nan if r[3] is None else r[3] for r in rows], dtype=np.float32),
        }
        for offset, name in enumerate(_COLUMNS, start=4):
            code = self.vocab[name].code
            out[name] = np.fromiter((code(r[offset]) for r in rows), dtype=np.int32, count=len(rows))
        return out

    def _load(self, generation: int) -> None:
        self._reset()
        with self.engine.connect() as conn:
            rows = conn.execute(select(*self._columns())).all()
        encoded = self._encode(rows)
        self.keys, self.days, self.lat, self.lon = encoded["keys"], encoded["days"], encoded["lat"], encoded["lon"]
        self.codes = {name: encoded[name] for name in _COLUMNS}
        self.order = np.argsort(self.keys, kind="stable")
        self.generation = generation

    def _positions(self, keys: np.ndarray) -> np.ndarray:
        """Return the row of each key, or -1 where the index lacks it."""
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        sorted_keys = self.keys[self.order]
        at = np.clip(np.searchsorted(sorted_keys, keys), 0, len(sorted_keys) - 1)
        return np.where(sorted_keys[at] == keys, self.order[at], -1)

    def _patch(self, event_ids: list[str], generation: int) -> None:
        found: list[Any] = []
        with self.engine.connect() as conn:
            for start in range(0, len(event_ids), 500):
                chunk = event_ids[start : start + 500]
                found += conn.execute(select(*self._columns()).where(EVENTS.c.id.in_(chunk))).all()
        present = {row[0] for row in found}
        gone = np.array([_key(i) for i in event_ids if i not in present], dtype=np.int64)
        if len(gone):
            rows = self._positions(gone)
            self.codes["namespace"][rows[rows >= 0]] = -1  # deleted: matches no namespace
        if found:
            encoded = self._encode(found)
            rows = self._positions(encoded["keys"])
            old, new = rows >= 0, rows < 0
            for name, array in (("days", self.days), ("lat", self.lat), ("lon", self.lon)):
                array[rows[old]] = encoded[name][old]
            for name in _COLUMNS:
                self.codes[name][rows[old]] = encoded[name][old]
            if new.any():
                self.keys = np.concatenate([self.keys, encoded["keys"][new]])
                self.days = np.concatenate([self.days, encoded["days"][new]])
                self.lat = np.concatenate([self.lat, encoded["lat"][new]])
                self.lon = np.concatenate([self.lon, encoded["lon"][new]])
                self.codes = {n: np.concatenate([self.codes[n], encoded[n][new]]) for n in _COLUMNS}
                self.order = np.argsort(self.keys, kind="stable")
        self._value_sets.clear()
        self._extent: tuple[float, float, float, float] | None = None
        self._located: np.ndarray | None = None
        self.generation = generation

    def refresh(self) -> None:
        """Catch up with the store: patch the events changed since the last look, or reload."""
        with self._lock:
            with self.engine.connect() as conn:
                generation = int(conn.execute(select(func.coalesce(func.max(AUDIT.c.id), 0))).scalar_one())
                if generation == self.generation:
                    return
                changed: list[str] = []
                if self.generation >= 0:
                    changed = list(
                        conn.execute(
                            select(AUDIT.c.row_id)
                            .where(AUDIT.c.id > self.generation, AUDIT.c.table_name == "events")
                            .distinct()
                            .limit(RELOAD_AFTER + 1)
                        ).scalars()
                    )
            if self.generation < 0 or len(changed) > RELOAD_AFTER:
                self._load(generation)
            else:
                self._patch(changed, generation)

    # -- answering ----------------------------------------------------------------------------

    def _matching_codes(self, name: str, value: str) -> np.ndarray:
        """Return the codes of the stored values of column ``name`` that ``select_events`` matches to ``value``.

        The store matches a country or province by any of its names, ignoring case as the database's
        ``lower()`` does; the same test runs here over the few distinct values the index holds, which
        spares a scan of the events for each new value.
        """
        cache_key = (name, value, self.generation)
        found = self._value_sets.get(cache_key)
        if found is None:
            dialect = self.engine.dialect.name
            names = admin1_names(value) if name == "admin1" else country_names(value)
            keys = {lowered(n, dialect) for n in names}
            codes = self.vocab[name].codes
            found = np.array(
                [code for stored, code in codes.items() if stored is not None and lowered(stored, dialect) in keys],
                dtype=np.int32,
            )
            self._value_sets[cache_key] = found
        return found

    def _equal(self, name: str, value: str) -> np.ndarray:
        code = self.vocab[name].codes.get(value)
        if code is None:
            return np.zeros(len(self.keys), dtype=bool)
        return self.codes[name] == code

    def _located_rows(self) -> np.ndarray | None:
        """Return which events have coordinates, or None when all have (computed once per change)."""
        if self._located is None:
            self._located = ~np.isnan(self.lat)
        return None if self._located.all() else self._located

    def _covers(self, bbox: tuple[float, float, float, float]) -> bool:
        """Tell whether ``bbox`` holds every located event (the world view, or a country view of its data)."""
        located = ~np.isnan(self.lat) if self._located is None else self._located
        if not located.any():
            return True
        if self._extent is None:
            lat, lon = self.lat[located], self.lon[located]
            self._extent = (float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))
        extent = self._extent
        west, south, east, north = bbox
        return bool(west <= extent[0] and south <= extent[1] and east >= extent[2] and north >= extent[3])

    def _select(self, where: EventFilter) -> np.ndarray | None:
        """Return the mask of ``where`` (call with the lock held), or None when every row matches."""
        conditions: list[np.ndarray] = []
        namespaces = [code for value, code in self.vocab["namespace"].codes.items() if value is not None]
        if namespaces != [self.vocab["namespace"].codes.get(where.namespace)] or (self.codes["namespace"] < 0).any():
            conditions.append(self._equal("namespace", where.namespace))
        if where.date_from:
            conditions.append(self.days >= where.date_from.toordinal())
        if where.date_to:
            conditions.append((self.days <= where.date_to.toordinal()) & (self.days != NO_DATE))
        if where.bbox:
            west, south, east, north = where.bbox
            if not self._covers(where.bbox):  # a box around all the data lets through all located events
                conditions.append((self.lat >= south) & (self.lat <= north) & (self.lon >= west) & (self.lon <= east))
            elif (located := self._located_rows()) is not None:
                conditions.append(located.copy())
        where = canonical(where)
        if where.event_type in EVENT_TYPES:
            conditions.append(self._equal("event_type", where.event_type))
        elif where.event_type in SUB_EVENT_TYPES:
            conditions.append(self._equal("sub_event_type", where.event_type))
        elif where.event_type:
            either = self._equal("event_type", where.event_type) | self._equal("sub_event_type", where.event_type)
            conditions.append(either)
        for name in ("sub_event_type", "certainty", "review_status"):
            value = getattr(where, name)
            if value:
                conditions.append(self._equal(name, value))
        for name in ("country", "admin1"):
            value = getattr(where, name)
            if value:
                conditions.append(np.isin(self.codes[name], self._matching_codes(name, value)))
        if not conditions:
            return None
        keep = conditions[0]
        for condition in conditions[1:]:
            keep &= condition
        return keep

    def mask(self, where: EventFilter) -> np.ndarray | None:
        """Return which indexed events match ``where``, or None when it filters on what the index lacks."""
        if not indexable(where):
            return None
        self.refresh()
        with self._lock:
            keep = self._select(where)
            return np.ones(len(self.keys), dtype=bool) if keep is None else keep

    def count(self, where: EventFilter) -> int | None:
        """Return how many events match ``where`` (None: ask the database)."""
        if not indexable(where):
            return None
        self.refresh()
        with self._lock:
            keep = self._select(where)
            return len(self.keys) if keep is None else int(np.count_nonzero(keep))

    def cells(self, where: EventFilter, cell_deg: float) -> list[Cell] | None:
        """Return the map cells (a grid of ``cell_deg`` degrees) of the located events matching ``where``."""
        if not indexable(where):
            return None
        self.refresh()
        with self._lock:
            keep = self._select(where)
            located = self._located_rows()
            if keep is None and located is None:  # every event, all located: no copy
                lat, lon, types = self.lat, self.lon, self.codes["event_type"]
            else:
                if located is not None:
                    keep = located.copy() if keep is None else keep & located
                lat, lon, types = self.lat[keep], self.lon[keep], self.codes["event_type"][keep]
        if not len(lat):
            return []
        row = np.floor((lat + 90) / cell_deg).astype(np.int64)
        col = np.floor((lon + 180) / cell_deg).astype(np.int64)
        row0, col0 = row.min(), col.min()
        width = int(col.max() - col0 + 1)
        cell = (row - row0) * width + (col - col0)
        size = int(cell.max()) + 1
        kinds = len(self.vocab["event_type"].values)
        if size * kinds <= 8_000_000:  # the view's grid is small: cells are bins as they are
            by_type = np.bincount(cell * kinds + types, minlength=size * kinds).reshape(size, kinds)
            counts = by_type.sum(axis=1)
            used = np.nonzero(counts)[0]
            sum_lat = np.bincount(cell, weights=lat, minlength=size)[used]
            sum_lon = np.bincount(cell, weights=lon, minlength=size)[used]
            by_type, counts = by_type[used], counts[used]
        else:
            unique, inverse = np.unique(cell, return_inverse=True)
            by_type = np.bincount(inverse * kinds + types, minlength=len(unique) * kinds).reshape(len(unique), kinds)
            counts = by_type.sum(axis=1)
            sum_lat = np.bincount(inverse, weights=lat, minlength=len(unique))
            sum_lon = np.bincount(inverse, weights=lon, minlength=len(unique))
        names = self.vocab["event_type"].values
        out = []
        for i in range(len(counts)):
            mix = {str(names[k] or "Unknown"): int(n) for k, n in enumerate(by_type[i]) if n}
            out.append(Cell(float(sum_lat[i] / counts[i]), float(sum_lon[i] / counts[i]), int(counts[i]), mix))
        return out

    def histogram(self, where: EventFilter, by: str | None, interval: str) -> dict[str, Any] | None:
        """Return counts per day (or week, starting Monday) of the dated events matching ``where``, by ``by``."""
        keep = self.mask(where)
        if keep is None:
            return None
        with self._lock:
            keep &= self.days != NO_DATE
            days = self.days[keep].astype(np.int64)
            groups = self.codes[by][keep] if by else np.zeros(len(days), dtype=np.int32)
            labels = self.vocab[by].values if by else ["all"]
        if interval == "week":
            days -= (days - 1) % 7  # ordinal 1 (0001-01-01) is a Monday
        if not len(days):
            return {"interval": interval, "series": {}}
        first = int(days.min())
        slots = (days - first) // (7 if interval == "week" else 1)
        width = int(slots.max()) + 1
        table = np.bincount(groups.astype(np.int64) * width + slots, minlength=len(labels) * width)
        table = table.reshape(len(labels), width)
        step = 7 if interval == "week" else 1
        series = {}
        for code, label in enumerate(labels):
            row = table[code]
            if row.any():
                hits = np.nonzero(row)[0]
                series[str(label) if label is not None else "Unknown"] = [
                    [date.fromordinal(first + int(s) * step).isoformat(), int(row[s])] for s in hits
                ]
        return {"interval": interval, "series": series}


__all__ = ["DIMENSIONS", "Cell", "EventIndex"]
