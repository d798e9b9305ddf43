"""The gazetteer's store of record: an indexed SQLite database on disk (stdlib :mod:`sqlite3`).

Tables::

    places   (id, source, source_id, geonameid, name, feature_class, feature_code, feature,
              country_code, country, admin1_code, admin1, admin2_code, admin2, population,
              lat, lon, precision, import_id)            UNIQUE (source, source_id)
    names    (place_id, name, key, script, lang, is_alternate, import_id)
              PRIMARY KEY (place_id, name); INDEX on key
    sources  (id, name, kind, path, imported_at, places, names)   what was imported, when, how much
    countries(code, name, neighbours)                 country names as ACLED spells them
    admin_codes(code, name)                           GeoNames admin1 codes ("SY.09" → name)
    meta     (key, value)                             schema version, build fingerprint, generation

Every name is stored (all scripts); ``key`` is the folded matching key
(:func:`~strikewatch.geo.fold.fold_name`) of the names used for matching: main names, and
alternate names that are Latin-script proper names (see :func:`name_key`); others have ``NULL``.

Writers upsert by ``(source, source_id)`` and only touch rows whose values change, so re-importing a
file changes nothing. ``meta.generation`` is a token renewed by every write that changed something:
the in-memory index (:class:`~strikewatch.geo.gazetteer.BundledGazetteer`) derived from the
database is snapshotted beside it and reused while the generation matches.

Where the database lives: the path passed in, else ``$STRIKEWATCH_GAZETTEER``, else
``$STRIKEWATCH_CACHE/gazetteer.sqlite``, else ``~/.cache/strikewatch/gazetteer.sqlite``.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from strikewatch.errors import GeoError
from strikewatch.geo.fold import fold_name, is_latin

__all__ = [
    "DEFAULT_SOURCE",
    "SCHEMA_VERSION",
    "GazetteerStore",
    "PlaceRecord",
    "default_db_path",
    "name_key",
    "script_of",
]

#: Bump when the schema changes: an older database is then rebuilt.
SCHEMA_VERSION = 1
#: The ``sources.name`` of the default (bundled) build.
DEFAULT_SOURCE = "default"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    path TEXT,
    imported_at TEXT,
    places INTEGER NOT NULL DEFAULT 0,
    names INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    geonameid INTEGER,
    name TEXT NOT NULL,
    feature_class TEXT,
    feature_code TEXT,
    feature TEXT NOT NULL,
    country_code TEXT,
    country TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    admin2_code TEXT,
    admin2 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    lat REAL,
    lon REAL,
    precision INTEGER,
    import_id INTEGER NOT NULL REFERENCES sources(id),
    UNIQUE (source, source_id)
);
CREATE INDEX IF NOT EXISTS places_geonameid ON places(geonameid);
CREATE INDEX IF NOT EXISTS places_import ON places(import_id);
CREATE INDEX IF NOT EXISTS places_country ON places(country_code, feature);
CREATE TABLE IF NOT EXISTS names (
    place_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    key TEXT,
    script TEXT,
    lang TEXT,
    is_alternate INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (place_id, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_key ON names(key) WHERE key IS NOT NULL;
CREATE INDEX IF NOT EXISTS names_import ON names(import_id);
CREATE TABLE IF NOT EXISTS countries (code TEXT PRIMARY KEY, name TEXT NOT NULL, neighbours TEXT);
CREATE TABLE IF NOT EXISTS admin_codes (code TEXT PRIMARY KEY, name TEXT NOT NULL);
"""

_PLACE_COLUMNS = (
    "source",
    "source_id",
    "geonameid",
    "name",
    "feature_class",
    "feature_code",
    "feature",
    "country_code",
    "country",
    "admin1_code",
    "admin1",
    "admin2_code",
    "admin2",
    "population",
    "lat",
    "lon",
    "precision",
    "import_id",
)
_UPDATABLE = [c for c in _PLACE_COLUMNS if c not in ("source", "source_id")]
_UPSERT = (
    f"INSERT INTO places ({', '.join(_PLACE_COLUMNS)}) VALUES ({', '.join('?' * len(_PLACE_COLUMNS))}) "
    f"ON CONFLICT (source, source_id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _UPDATABLE)} "
    f"WHERE {' OR '.join(f'{c} IS NOT excluded.{c}' for c in _UPDATABLE)}"
)
_INSERT_KEEP = (
    f"INSERT INTO places ({', '.join(_PLACE_COLUMNS)}) VALUES ({', '.join('?' * len(_PLACE_COLUMNS))}) "
    "ON CONFLICT (source, source_id) DO NOTHING"
)
_ADD_NAME = (
    "INSERT OR IGNORE INTO names (place_id, name, key, script, lang, is_alternate, import_id) VALUES (?,?,?,?,?,?,?)"
)


def default_db_path() -> Path:
    """``$STRIKEWATCH_GAZETTEER``, else ``gazetteer.sqlite`` in ``$STRIKEWATCH_CACHE`` or
    ``~/.cache/strikewatch``."""
    explicit = os.environ.get("STRIKEWATCH_GAZETTEER")
    if explicit:
        return Path(explicit).expanduser()
    root = os.environ.get("STRIKEWATCH_CACHE") or Path.home() / ".cache" / "strikewatch"
    return Path(root).expanduser() / "gazetteer.sqlite"


def script_of(name: str) -> str:
    """``latin``, ``arabic`` or ``other``: the script a name is written in."""
    if is_latin(name):
        return "latin"
    if any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff" for ch in name):
        return "arabic"
    return "other"


def _kept_alternate(name: str) -> bool:
    global _keep
    if _keep is None:
        from strikewatch.geo.gazetteer import _keep_alternate  # the one definition of a kept alternate

        _keep = _keep_alternate
    return _keep(name)


_keep: Any = None


def name_key(name: str, is_alternate: bool) -> str | None:
    """The folded key a name is matched by, or ``None`` if it is not used for matching: a main name
    always is; an alternate only if it is a Latin-script proper name (not a code, not a common word)."""
    if not name or (is_alternate and not _kept_alternate(name)):
        return None
    return fold_name(name) or None


@dataclass(slots=True)
class PlaceRecord:
    """One place to write (the ``places`` columns but ``id`` and ``import_id``)."""

    source: str
    source_id: str
    name: str
    feature: str
    country_code: str | None
    lat: float | None
    lon: float | None
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    population: int = 0
    precision: int | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    admin1_code: str | None = None
    admin2_code: str | None = None
    country: str | None = None


class GazetteerStore:
    """A gazetteer database: open (creating the schema), write imports, read the index back."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise GeoError(f"cannot create the gazetteer folder {self.path.parent}: {exc}") from exc
        try:
            self.conn = sqlite3.connect(str(path), timeout=300, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL" if self.path else "PRAGMA journal_mode=MEMORY")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA cache_size=-65536")
            version = self.meta("schema_version")
            if version is not None and version != str(SCHEMA_VERSION):
                self._drop_all()
            self.conn.executescript(_SCHEMA)
            if version is None or version != str(SCHEMA_VERSION):
                self.set_meta("schema_version", str(SCHEMA_VERSION))
        except sqlite3.DatabaseError as exc:
            raise GeoError(
                f"cannot open the gazetteer database {path}: {exc}; delete it and run `strikewatch gazetteer build`"
            ) from exc
        self._country_names: dict[str, str] | None = None
        #: Rows of places, names, countries and admin codes changed through this object.
        self.changed = 0

    def _write(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        before = self.conn.total_changes
        cur = self.conn.execute(sql, params)
        self.changed += self.conn.total_changes - before
        return cur

    def _write_many(self, sql: str, rows: Any) -> None:
        before = self.conn.total_changes
        self.conn.executemany(sql, rows)
        self.changed += self.conn.total_changes - before

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> GazetteerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- meta ------------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:  # no schema yet
            return None
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> str:
        """A token that changes whenever places or names change."""
        value = self.meta("generation")
        if value is None:
            value = uuid.uuid4().hex
            self.set_meta("generation", value)
        return value

    def _drop_all(self) -> None:
        for table in ("meta", "sources", "places", "names", "countries", "admin_codes"):
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")

    # -- writing ---------------------------------------------------------------------------------------
    def transaction(self) -> _Transaction:
        """``with store.transaction():`` one write transaction (``BEGIN IMMEDIATE``); the generation
        is renewed at commit if places or names changed."""
        return _Transaction(self)

    def begin_source(self, name: str, kind: str, path: str | None = None) -> int:
        """The id of source ``name`` (created if new)."""
        row = self.conn.execute("SELECT id FROM sources WHERE name = ?", (name,)).fetchone()
        if row:
            self.conn.execute("UPDATE sources SET kind = ?, path = ? WHERE id = ?", (kind, path, row[0]))
            return int(row[0])
        cur = self.conn.execute("INSERT INTO sources (name, kind, path) VALUES (?, ?, ?)", (name, kind, path))
        return int(cur.lastrowid or 0)

    def finish_source(self, import_id: int) -> tuple[int, int]:
        """Record the time and the place/name counts of a source; return the counts."""
        places = self.conn.execute("SELECT COUNT(*) FROM places WHERE import_id = ?", (import_id,)).fetchone()[0]
        names = self.conn.execute("SELECT COUNT(*) FROM names WHERE import_id = ?", (import_id,)).fetchone()[0]
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.conn.execute(
            "UPDATE sources SET imported_at = ?, places = ?, names = ? WHERE id = ?", (now, places, names, import_id)
        )
        return int(places), int(names)

    def clear_source(self, import_id: int) -> None:
        """Delete what one source owns (its places, with all their names, and its names)."""
        self._write("DELETE FROM names WHERE place_id IN (SELECT id FROM places WHERE import_id = ?)", (import_id,))
        self._write("DELETE FROM names WHERE import_id = ?", (import_id,))
        self._write("DELETE FROM places WHERE import_id = ?", (import_id,))

    def add_place(
        self,
        record: PlaceRecord,
        main: Iterable[str],
        alternates: Iterable[str | tuple[str, str | None]] = (),
        import_id: int = 0,
        replace: bool = True,
    ) -> int:
        """Upsert a place and add its names (``alternates`` may be ``(name, lang)`` pairs); return its
        id. With ``replace=False`` an existing place of the same ``(source, source_id)`` is kept as is
        (its names are still added)."""
        if record.country is None and record.country_code:
            record.country = self.country_name(record.country_code)
        values = (
            record.source,
            record.source_id,
            record.geonameid,
            record.name,
            record.feature_class,
            record.feature_code,
            record.feature,
            record.country_code,
            record.country,
            record.admin1_code,
            record.admin1,
            record.admin2_code,
            record.admin2,
            record.population,
            record.lat,
            record.lon,
            record.precision,
            import_id,
        )
        self._write(_UPSERT if replace else _INSERT_KEEP, values)
        place_id = self.conn.execute(
            "SELECT id FROM places WHERE source = ? AND source_id = ?", (record.source, record.source_id)
        ).fetchone()[0]
        self.add_names(place_id, main, alternates, import_id)
        return int(place_id)

    def add_names(
        self,
        place_id: int,
        main: Iterable[str],
        alternates: Iterable[str | tuple[str, str | None]] = (),
        import_id: int = 0,
    ) -> None:
        """Add names to a place (names it already has are left alone)."""
        rows: list[tuple[Any, ...]] = []
        for name in main:
            if name:
                rows.append((place_id, name, name_key(name, False), script_of(name), None, 0, import_id))
        for item in alternates:
            name, lang = (item, None) if isinstance(item, str) else item
            if name:
                rows.append((place_id, name, name_key(name, True), script_of(name), lang, 1, import_id))
        if rows:
            self._write_many(_ADD_NAME, rows)

    def set_countries(self, countries: dict[str, str], neighbours: dict[str, tuple[str, ...]]) -> None:
        self._write_many(
            "INSERT INTO countries (code, name, neighbours) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
            "name = excluded.name, neighbours = excluded.neighbours "
            "WHERE name IS NOT excluded.name OR neighbours IS NOT excluded.neighbours",
            [(cc, name, ",".join(neighbours.get(cc, ()))) for cc, name in countries.items()],
        )
        self._country_names = None

    def set_admin_codes(self, codes: dict[str, str]) -> None:
        self._write_many(
            "INSERT INTO admin_codes (code, name) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET "
            "name = excluded.name WHERE name IS NOT excluded.name",
            list(codes.items()),
        )

    def rekey(self, exclude_import: int | None = None) -> None:
        """Recompute the folded keys of all names (but those of ``exclude_import``): after the folding
        rules changed."""
        cur = self.conn.execute(
            "SELECT place_id, name, is_alternate, key FROM names WHERE import_id IS NOT ?", (exclude_import,)
        )
        updates = []
        for place_id, name, alt, key in cur.fetchall():
            new = name_key(name, bool(alt))
            if new != key:
                updates.append((new, place_id, name))
        self._write_many("UPDATE names SET key = ? WHERE place_id = ? AND name = ?", updates)

    # -- reading ---------------------------------------------------------------------------------------
    def country_name(self, code: str | None) -> str | None:
        if not code:
            return None
        if self._country_names is None:
            self._country_names = dict(self.conn.execute("SELECT code, name FROM countries"))
        return self._country_names.get(code.upper())

    def countries(self) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        names: dict[str, str] = {}
        neighbours: dict[str, tuple[str, ...]] = {}
        for code, name, near in self.conn.execute("SELECT code, name, neighbours FROM countries"):
            names[code] = name
            neighbours[code] = tuple(n for n in (near or "").split(",") if n)
        return names, neighbours

    def admin_codes(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT code, name FROM admin_codes"))

    def sources(self) -> list[dict[str, Any]]:
        """What was imported: name, kind, path, when, places and names it owns."""
        cur = self.conn.execute("SELECT name, kind, path, imported_at, places, names FROM sources ORDER BY id")
        return [dict(zip(("name", "kind", "path", "imported_at", "places", "names"), row, strict=True)) for row in cur]

    def counts(self) -> dict[str, int]:
        q = self.conn.execute
        return {
            "places": q("SELECT COUNT(*) FROM places").fetchone()[0],
            "names": q("SELECT COUNT(*) FROM names").fetchone()[0],
            "keys": q("SELECT COUNT(DISTINCT key) FROM names WHERE key IS NOT NULL").fetchone()[0],
        }

    def places_by_key(self, key: str) -> list[dict[str, Any]]:
        """Places having a name that folds to ``key`` (through the key index), with their source."""
        cur = self.conn.execute(
            "SELECT p.*, MIN(n.is_alternate) AS alt, s.name AS source_name FROM names n "
            "JOIN places p ON p.id = n.place_id JOIN sources s ON s.id = p.import_id "
            "WHERE n.key = ? GROUP BY p.id ORDER BY alt, p.population DESC, p.id",
            (key,),
        )
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur]

    def place_ids_by_geonameid(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for pid, gid in self.conn.execute("SELECT id, geonameid FROM places WHERE geonameid IS NOT NULL"):
            out.setdefault(gid, []).append(pid)
        return out

    def iter_rows(self) -> Iterator[tuple[Any, ...]]:
        """``(id, name, cc, lat, lon, feature, admin1, admin2, geonameid, population, precision)`` by id."""
        return self.conn.execute(
            "SELECT id, name, country_code, lat, lon, feature, admin1, admin2, geonameid, population, precision "
            "FROM places ORDER BY id"
        )

    def iter_keys(self) -> Iterator[tuple[int, str, int]]:
        """``(place id, key, alternate-only flag)``, one per place and key."""
        return self.conn.execute(
            "SELECT place_id, key, MIN(is_alternate) FROM names WHERE key IS NOT NULL GROUP BY place_id, key"
        )

    def point_place_ids(self) -> set[int]:
        """Ids of the places imported from users' point gazetteers (CSV, GeoJSON)."""
        return {row[0] for row in self.conn.execute("SELECT id FROM places WHERE source LIKE 'user:%'")}

    def points(self, country_code: str, with_admin1: bool = True) -> list[tuple[float, float, str | None, str | None]]:
        """``(lat, lon, admin1_code, admin1)`` of a country's GeoNames places with coordinates."""
        sql = (
            "SELECT lat, lon, admin1_code, admin1 FROM places WHERE country_code = ? AND lat IS NOT NULL "
            "AND source NOT LIKE 'user:%'"  # not users' points: an import must not depend on the one before
        )
        if with_admin1:
            sql += " AND admin1 IS NOT NULL AND feature = 'city'"
        return list(self.conn.execute(sql, (country_code,)))


class _Transaction:
    def __init__(self, store: GazetteerStore) -> None:
        self.store = store

    def __enter__(self) -> GazetteerStore:
        self.store.conn.execute("BEGIN IMMEDIATE")
        self.before = self.store.changed
        return self.store

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        conn = self.store.conn
        if exc_type is not None:
            conn.execute("ROLLBACK")
            return
        if self.store.changed != self.before:
            self.store.set_meta("generation", uuid.uuid4().hex)
        conn.execute("COMMIT")
