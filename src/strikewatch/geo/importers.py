"""Import user gazetteers into the gazetteer database (:mod:`strikewatch.geo.store`).

Formats:

* GeoNames dumps (https://download.geonames.org/export/dump/): a country file (``SY.txt`` or
  ``SY.zip``), ``allCountries.zip`` (streamed line by line, never loaded whole), ``cities500.zip``
  …: populated places (feature class P) and, for countries the store has no such units of, admin
  divisions (class A); other classes on request (``feature_classes``). Places are upserted by
  GeoNames id, so a place of the default build is updated, not duplicated.
* ``alternateNamesV2.zip`` / ``alternateNames.zip``: alternate names (all scripts) added to the
  places of their GeoNames id already in the store.
* ``admin1CodesASCII.txt``: names of GeoNames admin1 codes (``SY.09``), used to name the admin1 of
  places imported afterwards in countries without OCHA polygons.
* Point gazetteers as CSV (or TSV) or GeoJSON (Point features): a name, latitude and longitude per
  row, optionally admin1/admin2, country, alternate names (separated by ``|`` or ``;``), an id and a
  population. Columns are guessed from common headers or given with a mapping
  (``{"name": "place", "lat": "latitude"}``; on the command line ``--map name=place,lat=latitude``).

Imported places get precision 1 (the place itself) and an admin1: by point-in-polygon for countries
whose OCHA polygons ship with strikewatch, else from their GeoNames admin1 code, else the admin1
the file gives, else that of the nearest GeoNames place of the same country.

Re-importing a file changes nothing: places are upserted by ``(source, id)`` and unchanged rows are
not rewritten. Every import forgets the memoised default gazetteer, so extraction built afterwards
uses it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from strikewatch.errors import GeoError
from strikewatch.geo.distance import distance_km
from strikewatch.geo.fold import fold_name
from strikewatch.geo.gazetteer import display_name, forget_loaded, load_admin_polygons, open_store
from strikewatch.geo.polygons import AdminPolygons
from strikewatch.geo.store import GazetteerStore, PlaceRecord, default_db_path

__all__ = [
    "FIELDS",
    "FORMATS",
    "ImportReport",
    "import_file",
    "parse_mapping",
    "split_place_name",
]

#: ``--format`` values.
FORMATS = ("geonames", "csv", "geojson")

#: Fields of a point gazetteer, with the column names guessed for each (lower case).
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "place", "placename", "place_name", "location", "toponym", "village", "community", "settlement"),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "admin1": ("admin1", "adm1", "adm1_name", "admin1_name", "governorate", "province", "state"),
    "admin2": ("admin2", "adm2", "adm2_name", "admin2_name", "district"),
    "country": ("country_code", "countrycode", "cc", "iso2", "country"),
    "alternates": ("alternatenames", "alternate_names", "alt_names", "alt_name", "aliases", "other_names"),
    "id": ("id", "pcode", "p_code", "geonameid"),
    "population": ("population", "pop"),
}
_REQUIRED = ("name", "lat", "lon")

#: GeoNames dump columns.
_GN_COLUMNS = 19
#: alternateNames "languages" that are not names.
_NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "abbr", "unlc", "tcid", "fr_1793", "phon"})
#: Populated-place codes that are not places today (historical, abandoned).
_GONE = frozenset({"PPLH", "PPLQ"})


@dataclass(slots=True)
class ImportReport:
    """What one import did."""

    source: str
    kind: str
    rows: int = 0
    places: int = 0
    names: int = 0
    skipped: int = 0
    changed: bool = False

    def __str__(self) -> str:
        state = "imported" if self.changed else "unchanged"
        return (
            f"{self.source} ({self.kind}): {state}; {self.rows:,} rows read, {self.places:,} places, "
            f"{self.names:,} names, {self.skipped:,} rows skipped"
        )


def parse_mapping(text: str | None) -> dict[str, str]:
    """``"name=place,lat=latitude"`` → ``{"name": "place", "lat": "latitude"}`` (fields checked)."""
    out: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise GeoError(f"bad column mapping {part!r}: write FIELD=COLUMN, e.g. --map name=place,lat=latitude")
        if field not in FIELDS:
            raise GeoError(f"unknown field {field!r} in --map: use one of {', '.join(FIELDS)}")
        out[field] = column.strip()
    return out


# -- entry point ---------------------------------------------------------------------------------------
def import_file(
    path: str | Path,
    format: str | None = None,
    *,
    db: str | Path | None = None,
    mapping: Mapping[str, str] | None = None,
    country: str | None = None,
    source: str | None = None,
    feature_classes: str = "PA",
) -> ImportReport:
    """Import one file into the gazetteer database ``db`` (default: the default database, built
    first if missing); ``format`` is guessed from the file when not given. Raises
    :class:`~strikewatch.errors.GeoError` for a file that cannot be imported, saying why and what to do."""
    path = Path(path)
    if not path.is_file():
        raise GeoError(f"{path}: no such file")
    kind = _guess_format(path) if format is None else format.lower()
    if kind not in FORMATS:
        raise GeoError(f"{path.name}: unknown format {format!r}; use one of {', '.join(FORMATS)}")
    name = source or path.name
    db = Path(db) if db is not None else default_db_path()
    store = open_store(db)
    try:
        with store.transaction():
            if kind == "geonames":
                report = _import_geonames(store, path, name, feature_classes)
            else:
                rows = _read_csv(path) if kind == "csv" else _read_geojson(path)
                report = _import_points(store, path, rows, name, kind, dict(mapping or {}), country)
            report.changed = store.changed > 0
    finally:
        store.close()
    forget_loaded(db)
    return report


def _guess_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".geojson", ".json"):
        return "geojson"
    if suffix in (".zip", ".txt"):
        return "geonames"
    raise GeoError(f"{path.name}: cannot tell its format from the name; pass --format geonames, csv or geojson")


# -- GeoNames ------------------------------------------------------------------------------------------
@contextmanager
def _open_text(path: Path) -> Iterator[tuple[str, IO[str]]]:
    """The text of a plain file, or of the data member of a zip (streamed); yields (member name, file)."""
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise GeoError(f"{path.name}: not a zip archive ({exc}); download it again") from exc
        with archive:
            members = [
                m
                for m in archive.infolist()
                if m.filename.lower().endswith(".txt")
                and not m.filename.lower().startswith(("readme", "iso-languagecodes"))
            ]
            if not members:
                raise GeoError(f"{path.name}: the archive holds no .txt data file; is it a GeoNames dump?")
            member = max(members, key=lambda m: m.file_size)
            with archive.open(member) as raw:
                yield member.filename, io.TextIOWrapper(raw, encoding="utf-8", newline="")
    else:
        with path.open(encoding="utf-8", newline="") as fh:
            yield path.name, fh


def _import_geonames(store: GazetteerStore, path: Path, source: str, classes: str) -> ImportReport:
    try:
        with _open_text(path) as (member, fh):
            lower = member.lower()
            if "alternatenames" in lower:
                return _import_alternate_names(store, path, fh, source)
            if "admin1codes" in lower or "admin2codes" in lower:
                return _import_admin_codes(store, path, fh, source)
            return _import_dump(store, path, fh, source, classes)
    except UnicodeDecodeError as exc:
        raise GeoError(
            f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start}); GeoNames dumps are UTF-8: "
            "download the file again or re-save it as UTF-8"
        ) from exc


def _not_geonames(path: Path, line_no: int, what: str) -> GeoError:
    return GeoError(
        f"{path.name}: line {line_no} is not a GeoNames {what} line; pass a GeoNames dump "
        "(https://download.geonames.org/export/dump/: SY.zip, allCountries.zip, alternateNamesV2.zip, "
        "admin1CodesASCII.txt) or use --format csv/geojson for a point gazetteer"
    )


def _import_dump(store: GazetteerStore, path: Path, fh: IO[str], source: str, classes: str) -> ImportReport:
    report = ImportReport(source, "geonames")
    import_id = store.begin_source(source, "geonames", str(path))
    locator = _AdminLocator(store)
    wanted = set(classes.upper())
    has_admin1: dict[str, bool] = {}
    ocha = {
        row[0].split(":", 1)[1]
        for row in store.conn.execute("SELECT DISTINCT source FROM places WHERE source LIKE 'ocha:%'")
    }
    for line_no, line in enumerate(fh, 1):
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) != _GN_COLUMNS or not cols[0].isdigit():
            if report.rows == 0 and line_no <= 1:
                raise _not_geonames(path, line_no, "dump")
            report.skipped += 1
            continue
        report.rows += 1
        fclass, fcode, cc = cols[6], cols[7], cols[8]
        if fclass not in wanted or fcode in _GONE:
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            report.skipped += 1
            continue
        feature, precision = "city", 1
        if fclass == "A":
            if fcode.startswith("PCL") or fcode == "ADMD" or not fcode.startswith("ADM"):
                continue  # countries come with the default build; other admin codes are not units
            if fcode == "ADM1":
                if cc not in has_admin1:
                    has_admin1[cc] = bool(
                        store.conn.execute(
                            "SELECT 1 FROM places WHERE country_code = ? AND feature = 'admin1' "
                            "AND source != 'geonames' LIMIT 1",
                            (cc,),
                        ).fetchone()
                    )
                if has_admin1[cc]:
                    continue
                feature, precision = "admin1", 3
            elif cc in ocha:
                continue  # OCHA's units of the country are already there
            else:
                feature, precision = ("admin2" if fcode == "ADM2" else "admin3"), 2
        elif fclass == "H":
            feature, precision = "water", 2
        elif fclass != "P":
            feature, precision = "other", 2
        name = display_name(cols[1])
        admin1_code = f"{cc}.{cols[10]}" if cols[10] else None
        admin1, admin2 = locator.admin(cc, lat, lon, admin1_code)
        if feature == "admin1":
            admin1 = name
        record = PlaceRecord(
            source="geonames",
            source_id=cols[0],
            name=name,
            feature=feature,
            country_code=cc or None,
            lat=lat,
            lon=lon,
            admin1=admin1,
            admin2=admin2,
            geonameid=int(cols[0]),
            population=int(cols[14]) if cols[14].isdigit() else 0,
            precision=precision,
            feature_class=fclass,
            feature_code=fcode,
            admin1_code=admin1_code,
            admin2_code=f"{cc}.{cols[10]}.{cols[11]}" if cols[11] else None,
        )
        alternates = [a for a in cols[3].split(",") if a]
        store.add_place(record, (cols[1], cols[2]), alternates, import_id)
    if report.rows == 0:
        raise GeoError(f"{path.name}: no GeoNames rows found; is it an empty or truncated download?")
    report.places, report.names = store.finish_source(import_id)
    return report


def _import_alternate_names(store: GazetteerStore, path: Path, fh: IO[str], source: str) -> ImportReport:
    report = ImportReport(source, "geonames-alternate-names")
    import_id = store.begin_source(source, "geonames-alternate-names", str(path))
    places = store.place_ids_by_geonameid()
    for line_no, line in enumerate(fh, 1):
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) < 4 or not cols[0].isdigit() or not cols[1].isdigit():
            if line_no == 1:
                raise _not_geonames(path, line_no, "alternate names")
            report.skipped += 1
            continue
        report.rows += 1
        lang, name = cols[2], cols[3]
        if lang in _NOT_NAMES or not name:
            continue
        for place_id in places.get(int(cols[1]), ()):
            store.add_names(place_id, (), [(name, lang or None)], import_id)
    report.places, report.names = store.finish_source(import_id)
    return report


def _import_admin_codes(store: GazetteerStore, path: Path, fh: IO[str], source: str) -> ImportReport:
    report = ImportReport(source, "geonames-admin-codes")
    import_id = store.begin_source(source, "geonames-admin-codes", str(path))
    codes: dict[str, str] = {}
    for line_no, line in enumerate(fh, 1):
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) < 3 or "." not in cols[0]:
            if line_no == 1:
                raise _not_geonames(path, line_no, "admin codes")
            report.skipped += 1
            continue
        report.rows += 1
        codes[cols[0]] = display_name(cols[1] or cols[2])
    known = store.admin_codes()
    store.set_admin_codes({code: name for code, name in codes.items() if code not in known})
    store.finish_source(import_id)
    report.names = len(codes)
    return report


# -- point gazetteers ----------------------------------------------------------------------------------
def _read_csv(path: Path) -> tuple[list[str], Iterator[dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise GeoError(
            f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start}); re-save the file as UTF-8 CSV"
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or first.count("\t") > first.count(",") else ","
    if first.count(";") > first.count(delimiter):
        delimiter = ";"
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise GeoError(f"{path.name}: empty file; a point gazetteer needs a header row (name, lat, lon, …)")
    return header, (dict(row) for row in reader)


def _read_geojson(path: Path) -> tuple[list[str], Iterator[dict[str, Any]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise GeoError(f"{path.name}: not UTF-8 text ({exc.reason}); re-save the file as UTF-8 GeoJSON") from exc
    except json.JSONDecodeError as exc:
        raise GeoError(f"{path.name}: not valid JSON ({exc}); pass a GeoJSON FeatureCollection of points") from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise GeoError(f"{path.name}: not a GeoJSON FeatureCollection; pass one with Point features")
    header: dict[str, None] = {"lat": None, "lon": None}
    rows = []
    for feature in features:
        props = dict((feature or {}).get("properties") or {})
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") == "Point" and len(geometry.get("coordinates") or ()) >= 2:
            props.setdefault("lon", geometry["coordinates"][0])
            props.setdefault("lat", geometry["coordinates"][1])
        header.update(dict.fromkeys(props))
        rows.append(props)
    return list(header), iter(rows)


def _columns(path: Path, header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """Field → column of the file, from ``mapping`` and the guesses of :data:`FIELDS`."""
    by_lower = {h.lower(): h for h in header}
    out: dict[str, str] = {}
    for field, column in mapping.items():
        actual = column if column in header else by_lower.get(column.lower())
        if actual is None:
            raise GeoError(
                f"{path.name}: no column {column!r} (mapped to {field}); its columns are: {', '.join(header)}"
            )
        out[field] = actual
    for field, guesses in FIELDS.items():
        if field in out:
            continue
        for guess in guesses:
            if guess in by_lower and by_lower[guess] not in out.values():
                out[field] = by_lower[guess]
                break
    missing = [f for f in _REQUIRED if f not in out]
    if missing:
        raise GeoError(
            f"{path.name}: no column for {', '.join(missing)} (its columns are: {', '.join(header)}); "
            "name them with --map, e.g. --map name=place,lat=latitude,lon=longitude"
        )
    return out


def _import_points(
    store: GazetteerStore,
    path: Path,
    data: tuple[list[str], Iterator[dict[str, Any]]],
    source: str,
    kind: str,
    mapping: dict[str, str],
    country: str | None,
) -> ImportReport:
    header, rows = data
    cols = _columns(path, header, mapping)
    report = ImportReport(source, kind)
    import_id = store.begin_source(source, kind, str(path))
    locator = _AdminLocator(store)
    countries, _ = store.countries()
    by_name = {name.lower(): cc for cc, name in countries.items()}
    default_cc = country.upper() if country else None
    if default_cc is not None and default_cc not in countries:
        raise GeoError(f"unknown country code {country!r}: pass an ISO 3166 alpha-2 code such as SY")

    def get(row: dict[str, Any], field: str) -> str:
        column = cols.get(field)
        value = row.get(column) if column else None
        return "" if value is None else str(value).strip()

    by_id: dict[str, list[_PointRow]] = {}  # rows with an id of the file's: one place per id
    by_key: dict[tuple[str, str], list[_PointRow]] = {}  # the others, by country and folded name
    for row in rows:
        report.rows += 1
        name = get(row, "name")
        try:
            lat, lon = float(get(row, "lat")), float(get(row, "lon"))
        except ValueError:
            report.skipped += 1  # no coordinates
            continue
        if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
            report.skipped += 1
            continue
        raw_cc = get(row, "country")
        cc = raw_cc.upper() if raw_cc.upper() in countries else by_name.get(raw_cc.lower(), default_cc)
        if cc is None:
            raise GeoError(
                f"{path.name}: row {report.rows} ({name!r}) has no country; pass --country CC (e.g. --country SY) "
                "or map a country column with --map country=COLUMN"
            )
        raw, (name, others) = name, split_place_name(name)
        alternates = [a.strip() for a in get(row, "alternates").replace(";", "|").split("|") if a.strip()]
        alternates += others + ([raw] if raw != name else [])
        pop = get(row, "population")
        point = _PointRow(
            name, alternates, lat, lon, cc, get(row, "admin1") or None, get(row, "admin2") or None,
            int(float(pop)) if pop.replace(".", "", 1).isdigit() else 0, report.rows,
        )  # fmt: skip
        row_id = get(row, "id")
        if row_id:
            by_id.setdefault(row_id, []).append(point)
        else:
            by_key.setdefault((cc, fold_name(name) or name.lower()), []).append(point)
    # One place per id; rows without one that name the same place near the same point (an incident
    # list names a village once per incident, each time at a slightly different point) are one place
    # at their most central point. Places named by more rows are written first: between namesakes
    # that nothing else tells apart, the resolver takes the first (the one the list names most).
    groups: list[tuple[str, list[_PointRow], _PointRow]] = [(i, g, g[0]) for i, g in by_id.items()]
    for (_, key), points in by_key.items():
        for cluster in _clusters(points, _SAME_PLACE_KM):
            centre = _medoid(cluster)
            groups.append((f"{key}:{centre.lat:.4f}:{centre.lon:.4f}", cluster, centre))
    groups.sort(key=lambda g: (-len(g[1]), g[1][0].order))
    known = _KnownPlaces(store)
    for row_id, points, centre in groups:
        names = Counter(p.name for p in points)
        name = max(names, key=lambda n: (names[n], n == centre.name))
        admin1, admin2 = locator.admin(centre.cc, centre.lat, centre.lon, None, centre.admin1, centre.admin2)
        record = PlaceRecord(
            source=f"user:{source}",
            source_id=row_id,
            name=name,
            feature="city",
            country_code=centre.cc,
            lat=centre.lat,
            lon=centre.lon,
            admin1=admin1,
            admin2=admin2,
            population=max(p.population for p in points),
            precision=1,
            feature_class="P",
        )
        alternates = [a for p in points for a in p.alternates if not known.elsewhere(a, centre)]
        store.add_place(record, (name, *names), list(dict.fromkeys(alternates)), import_id)
    if report.rows == 0:
        raise GeoError(f"{path.name}: no rows; a point gazetteer needs one place per row")
    report.places, report.names = store.finish_source(import_id)
    return report


#: Rows without ids that name the same place within this distance of each other are one place.
_SAME_PLACE_KM = 5.0


@dataclass(slots=True)
class _PointRow:
    """One usable row of a point gazetteer."""

    name: str
    alternates: list[str]
    lat: float
    lon: float
    cc: str
    admin1: str | None
    admin2: str | None
    population: int
    order: int


def _km(a: _PointRow, b: _PointRow) -> float:
    """Distance in km between two rows' points."""
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _clusters(points: list[_PointRow], reach_km: float) -> list[list[_PointRow]]:
    """Single-linkage groups of points: each within ``reach_km`` of another of its group."""
    parent = list(range(len(points)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(points)):
        for j in range(i):
            if _km(points[i], points[j]) <= reach_km:
                parent[root(i)] = root(j)
    groups: dict[int, list[_PointRow]] = {}
    for i, point in enumerate(points):
        groups.setdefault(root(i), []).append(point)
    return list(groups.values())


class _KnownPlaces:
    """The gazetteer's places of a name, to tell whether a row's other name is another place."""

    #: Places the gazetteer knows under a name, and how far from a row's point: beyond this a
    #: river, region, admin unit or town of this size is not what the row's other name means.
    REACH_KM = 10.0
    TOWN_POPULATION = 10_000

    def __init__(self, store: GazetteerStore) -> None:
        self.store = store
        self._cache: dict[str, list[dict[str, Any]]] = {}

    def elsewhere(self, name: str, point: _PointRow) -> bool:
        """Is ``name`` (another name a row gives its point: "Homs/Hama" for a strike between two
        cities, the locality of "Orontes Bridge") a river, region, unit or sizeable town that lies
        elsewhere?"""
        key = fold_name(name)
        if key not in self._cache:
            self._cache[key] = [p for p in self.store.places_by_key(key) if not p["source"].startswith("user:")]
        for p in self._cache[key]:
            if p["country_code"] not in (None, point.cc) or p["lat"] is None:
                continue
            big = p["feature"] != "city" or (p["population"] or 0) >= self.TOWN_POPULATION
            near = distance_km(point.lat, point.lon, p["lat"], p["lon"]) <= self.REACH_KM
            if big and not near:
                return True
        return False


def _medoid(points: list[_PointRow]) -> _PointRow:
    """The point with the smallest sum of distances to the others (the first of equals)."""
    if len(points) <= 2:
        return points[0]
    return min(points, key=lambda p: sum(_km(p, q) for q in points))


# -- free-text place names of point gazetteers -------------------------------------------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words after a name that say what kind of place it is ("Tell Sample village", "Sample neighbourhood").
_KIND_WORDS = _words(
    "village villages town city neighbourhood neighborhood neighbourhoods neighborhoods quarter district "
    "subdistrict area areas countryside outskirts camp"
)
#: Sites named after the locality they lie at ("Sample Oil Fields", "Sample crossing"): the
#: locality's name becomes an alternate name of the site.
_SITE_TAIL = re.compile(
    r"(?i)\s+(?:(?:oil|gas)\s+)?(?:fields?|oilfields?|gasfields?|silos?|dam|air\s?base|airport|"
    r"(?:border\s+)?crossing|bridge)$"
)
_LEAD = re.compile(r"(?i)^(?:the\s+)?(?:(?:villages?|towns?|city|neighbou?rhood)\s+of\s+(?:the\s+)?)?")
#: After the first comma, colon or sentence stop come the units around the place ("Sample, Other
#: district, Province") or remarks on it; in parentheses, remarks or the unit ("Sample (Province)").
_QUALIFIER = re.compile(r"\s*[,:;]\s*|\.\s+")
_PARENTHESES = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
#: Between names of one row: several places, or several spellings, at the same point.
_ALTERNATIVES = re.compile(r"(?i)\s+(?:or|and|&)\s+|\s*/\s*")
_CONNECTORS = _words(
    "al el ar as ad ash az ez an at es et ed ul il bin ibn bani bu abu um umm de du di da del la le of"
)


def _is_name(text: str) -> bool:
    """Is ``text`` a proper name (capitalised words and connectors), not a description ("road between")?"""
    words = [w for w in re.split(r"[\s-]+", text) if w]
    capitalised = 0
    for word in words:
        letters = word.lstrip("'`‘’ʿʾ")
        if letters[:1].isupper():
            capitalised += 1
        elif letters.lower() not in _CONNECTORS:
            return False
    return capitalised > 0


def split_place_name(raw: str) -> tuple[str, list[str]]:
    """The name a free-text place cell stands for, and the other names it gives for the same point.

    Lists of incidents or of communities often write more than a name: ``Tell Sample village,
    Sample District`` (units around it after a comma), ``villages of East Sample and West Sample``
    or ``Sample or Old Sample`` (several places or spellings at one point), ``Sample (old name)``
    (remarks in parentheses), ``Sample Oil Fields`` (a site named after its locality). The first
    name is returned with the
    others (and a site's locality) as alternates; a cell that is a description rather than a name
    ("Road between A and B", "south of X") is returned as it is, with no alternates.

    >>> split_place_name("villages of East Sample and West Sample, Sample District")
    ('East Sample', ['West Sample'])
    """
    text = " ".join(_PARENTHESES.sub(" ", raw).split())
    first = _QUALIFIER.split(text, maxsplit=1)[0].strip(" .")
    names: list[str] = []
    localities: list[str] = []
    for part in _ALTERNATIVES.split(first):
        words = _LEAD.sub("", part.strip()).split()
        while len(words) > 1 and words[-1].lower() in _KIND_WORDS:
            words.pop()
        name = " ".join(words)
        site = _SITE_TAIL.search(name)
        locality = name[: site.start()] if site and site.start() > 0 else ""
        if locality and _is_name(locality):
            localities.append(locality)
        elif not name or not _is_name(name):
            return raw, []
        names.append(name)
    if not names:
        return raw, []
    main, *others = names
    return main, [n for n in dict.fromkeys(others + localities) if n != main]


# -- admin names of imported places --------------------------------------------------------------------
class _AdminLocator:
    """Admin1/admin2 names of a point: OCHA polygons where they ship, else GeoNames admin1 codes, else
    what the file says, else the admin1 of the nearest GeoNames place of the same country."""

    _CELL = 0.25  # degrees

    def __init__(self, store: GazetteerStore) -> None:
        self.store = store
        self.codes = store.admin_codes()
        self._polygons: dict[str, tuple[AdminPolygons | None, AdminPolygons | None]] = {}
        self._grids: dict[str, dict[tuple[int, int], list[tuple[float, float, str]]]] = {}

    def admin(
        self,
        cc: str | None,
        lat: float,
        lon: float,
        admin1_code: str | None = None,
        given1: str | None = None,
        given2: str | None = None,
    ) -> tuple[str | None, str | None]:
        if not cc:
            return given1, given2
        if cc not in self._polygons:
            self._polygons[cc] = (load_admin_polygons(cc, 1), load_admin_polygons(cc, 2))
        adm1, adm2 = self._polygons[cc]
        if adm1 is not None:
            area1 = adm1.locate(lat, lon)
            area2 = adm2.locate(lat, lon) if adm2 else None
            if area1 is not None:
                return area1.name, area2.name if area2 else given2
        if admin1_code and admin1_code in self.codes:
            return self.codes[admin1_code], given2
        if given1:
            return given1, given2
        return self._nearest(cc, lat, lon), given2

    def _nearest(self, cc: str, lat: float, lon: float) -> str | None:
        grid = self._grids.get(cc)
        if grid is None:
            grid = {}
            for plat, plon, _, admin1 in self.store.points(cc):
                grid.setdefault((int(plat // self._CELL), int(plon // self._CELL)), []).append((plat, plon, admin1))
            self._grids[cc] = grid
        if not grid:
            return None
        ci, cj = int(lat // self._CELL), int(lon // self._CELL)
        for ring in range(0, 9):
            best: tuple[float, str] | None = None
            for i in range(ci - ring, ci + ring + 1):
                for j in range(cj - ring, cj + ring + 1):
                    if max(abs(i - ci), abs(j - cj)) != ring:
                        continue
                    for plat, plon, admin1 in grid.get((i, j), ()):
                        d = (plat - lat) ** 2 + ((plon - lon) * math.cos(math.radians(lat))) ** 2
                        if best is None or d < best[0]:
                            best = (d, admin1)
            if best is not None:
                return best[1]
        return None
