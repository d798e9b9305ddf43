"""Tests of the bundled gazetteer, the OCHA admin builder and the polygon tools."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from strikewatch.geo import BundledGazetteer, fold_name, load_default_gazetteer
from strikewatch.geo.build_admin import ADMIN_COLUMNS, build_admin
from strikewatch.geo.gazetteer import DATA_DIR, _keep_alternate, display_name, load_admin_polygons
from strikewatch.geo.polygons import AdminArea, AdminPolygons, bbox, point_in_ring, simplify_ring
from strikewatch.model import Place

SYRIA_ADMIN = Path(__file__).resolve().parents[3] / "shared" / "gold" / "syria-admin"

OCHA_ADMIN1 = [
    "Idleb",
    "Aleppo",
    "Al-Hasakeh",
    "Ar-Raqqa",
    "Deir-ez-Zor",
    "Dar'a",
    "As-Sweida",
    "Rural Damascus",
    "Hama",
    "Homs",
    "Lattakia",
    "Tartous",
    "Quneitra",
    "Damascus",
]


def _find(gazetteer: BundledGazetteer, name: str, feature: str, country: str = "SY") -> Place:
    places = [p for p in gazetteer.lookup(fold_name(name)) if p.feature == feature and p.country_code == country]
    assert places, f"no {feature} {name!r} in {country}"
    return places[0]


def test_default_gazetteer_is_memoised_and_big(gazetteer: BundledGazetteer) -> None:
    assert load_default_gazetteer() is gazetteer
    assert len(gazetteer) > 300_000
    assert len(gazetteer.rows) > 230_000


@pytest.mark.parametrize("name", OCHA_ADMIN1)
def test_ocha_admin1_entries(gazetteer: BundledGazetteer, name: str) -> None:
    place = _find(gazetteer, name, "admin1")
    assert place.name == name
    assert place.admin1 == name
    assert place.geo_precision == 3
    assert place.country == "Syria"
    assert place.lat is not None and 32 < place.lat < 37.5
    assert place.lon is not None and 35 < place.lon < 42.5


@pytest.mark.parametrize(
    ("admin1", "city"),
    [("Aleppo", "Aleppo"), ("Idleb", "Idlib"), ("Ar-Raqqa", "Raqqa"), ("Rural Damascus", "Damascus")],
)
def test_admin1_sits_at_its_capital(gazetteer: BundledGazetteer, admin1: str, city: str) -> None:
    unit, town = _find(gazetteer, admin1, "admin1"), _find(gazetteer, city, "city")
    assert (unit.lat, unit.lon) == (town.lat, town.lon)


@pytest.mark.parametrize(
    ("variant", "admin1"),
    [
        ("Idlib Governorate", "Idleb"),
        ("Deir ez Zour", "Deir-ez-Zor"),
        ("Hasakah", "Al-Hasakeh"),
        ("Sweida", "As-Sweida"),
    ],
)
def test_admin1_variant_names(gazetteer: BundledGazetteer, variant: str, admin1: str) -> None:
    assert _find(gazetteer, variant, "admin1").name == admin1


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("Idlib", "Idleb"),
        ("Ar Raqqah", "Ar-Raqqa"),
        ("Kafr Nabl", "Idleb"),
        ("Latakia", "Lattakia"),
        ("Tartus", "Tartous"),
    ],
)
def test_syrian_towns_have_ocha_admin1(gazetteer: BundledGazetteer, name: str, admin1: str) -> None:
    town = _find(gazetteer, name, "city")
    assert town.admin1 == admin1
    assert town.admin2
    assert town.geo_precision == 1
    assert town.geonameid


def test_most_syrian_places_get_an_admin1(gazetteer: BundledGazetteer) -> None:
    places = [gazetteer.place(i) for i, row in enumerate(gazetteer.rows) if row[1] == "SY" and row[4] == "city"]
    assert len(places) > 250
    assert sum(p.admin1 in OCHA_ADMIN1 for p in places) / len(places) > 0.97


def test_admin2_and_admin3(gazetteer: BundledGazetteer) -> None:
    district = _find(gazetteer, "Ariha", "admin2")
    assert district.admin1 == "Idleb" and district.admin2 == "Ariha" and district.geo_precision == 2
    sub = _find(gazetteer, "Ariha", "admin3")
    assert sub.admin2 == "Ariha" and sub.geo_precision == 2


def test_countries_regions_and_us_states(gazetteer: BundledGazetteer) -> None:
    syria = _find(gazetteer, "Syria", "country")
    assert syria.geo_precision == 3 and syria.name == "Syria"
    assert _find(gazetteer, "Syrian Arab Republic", "country") == syria
    assert _find(gazetteer, "USA", "country", "US").name == "United States"
    sea = next(p for p in gazetteer.lookup(fold_name("Mediterranean Sea")) if p.feature == "water")
    assert sea.geo_precision == 3
    ghab = next(p for p in gazetteer.lookup(fold_name("Ghab Plain")) if p.feature == "region")
    assert ghab.country_code == "SY" and ghab.admin1 == "Hama" and ghab.geo_precision == 2
    texas = _find(gazetteer, "Texas", "admin1", "US")
    assert texas.geo_precision == 3
    assert _find(gazetteer, "Houston", "city", "US").admin1 == "Texas"


def test_entries_flag_alternate_names(gazetteer: BundledGazetteer) -> None:
    flags = {(p.name, p.feature): alt for p, alt in gazetteer.entries(fold_name("Idleb")) if p.country_code == "SY"}
    assert flags[("Idleb", "admin1")] is False  # OCHA's own name
    assert flags[("Idlib", "city")] is False  # same key as the GeoNames main name "Idlib"
    aleppo = [alt for p, alt in gazetteer.entries(fold_name("Halab")) if p.name == "Aleppo" and p.feature == "city"]
    assert aleppo == [True]


@pytest.mark.parametrize(
    ("name", "keep"),
    [
        ("Halab", True),
        ("Ḩalab", True),
        ("Madinat Halab", True),
        ("hlb", False),  # machine transliteration
        ("a lei po", False),
        ("ALP", False),  # airport code
        ("Алеппо", False),  # not Latin script
        ("Police", False),  # common word
        ("", False),
    ],
)
def test_alternate_name_filter(name: str, keep: bool) -> None:
    assert _keep_alternate(name) is keep


def test_display_name() -> None:
    assert display_name("Dar‘ā") == "Dar'a"
    assert display_name("‘Afrīn") == "Afrin"
    assert display_name("Aleppo") == "Aleppo"


def test_save_and_load_roundtrip(tmp_path: Path) -> None:
    place_row = ("Testville", "SY", 35.0, 36.0, "city", "Idleb", None, 1, 10, 1)
    small = BundledGazetteer([place_row], {fold_name("Testville"): 0, fold_name("Testburg"): 1}, {"SY": "Syria"})
    path = tmp_path / "g.marshal"
    small.save(path)
    loaded = BundledGazetteer.load(path)
    assert loaded.lookup(fold_name("Testville"))[0].name == "Testville"
    assert loaded.entries(fold_name("Testburg")) == [(loaded.place(0), True)]
    assert loaded.lookup("nothing") == []


def test_cache_snapshot_holds_the_whole_index(gazetteer: BundledGazetteer) -> None:
    from strikewatch.geo.gazetteer import cache_path

    path = cache_path()
    assert path.exists()
    loaded = BundledGazetteer.load(path)
    assert len(loaded) == len(gazetteer)


# -- shipped admin data and its builder -----------------------------------------------------------------


def test_shipped_admin_tsv() -> None:
    with (DATA_DIR / "admin_SY.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert tuple(rows[0]) == ADMIN_COLUMNS
    levels = [int(r["level"]) for r in rows]
    assert (levels.count(1), levels.count(2), levels.count(3)) == (14, 62, 272)
    assert sorted(r["name"] for r in rows if r["level"] == "1") == sorted(OCHA_ADMIN1)
    assert all(r["local_name"] for r in rows)  # Arabic names
    assert all(r["adm1_pcode"].startswith("SY") for r in rows if r["level"] != "1")


def test_shipped_admin1_polygons_are_small_and_valid() -> None:
    path = DATA_DIR / "admin1_SY.geojson"
    assert path.stat().st_size < 100_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["features"]) == 14
    for feature in data["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]


@pytest.mark.skipif(not SYRIA_ADMIN.exists(), reason="OCHA source files not available")
def test_build_admin_from_ocha_files(tmp_path: Path) -> None:
    counts = build_admin("SY", SYRIA_ADMIN, tmp_path)
    assert counts == {"adm1": 14, "adm2": 62, "adm3": 272}
    assert (tmp_path / "admin1_SY.geojson").exists() and (tmp_path / "admin2_SY.geojson").exists()
    built = (tmp_path / "admin_SY.tsv").read_text(encoding="utf-8")
    assert built == (DATA_DIR / "admin_SY.tsv").read_text(encoding="utf-8")  # the shipped file is current


# -- polygons ---------------------------------------------------------------------------------------------

SQUARE = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]


@pytest.mark.parametrize(("x", "y", "inside"), [(1, 1, True), (3, 1, False), (1, -0.5, False), (1.99, 1.99, True)])
def test_point_in_ring(x: float, y: float, inside: bool) -> None:
    assert point_in_ring(x, y, SQUARE) is inside


def test_simplify_ring_drops_collinear_points_and_stays_closed() -> None:
    ring = [[0.0, 0.0], [1.0, 0.0005], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]
    out = simplify_ring(ring, 0.01)
    assert out[0] == out[-1]
    assert [1.0, 0.0005] not in out
    assert len(out) == 5


def test_admin_polygons_snap_to_nearest_area() -> None:
    area = AdminArea("Square", "X1", None, [[SQUARE]], bbox([[SQUARE]]))
    polygons = AdminPolygons([area], snap=0.05)
    assert polygons.locate(1.0, 1.0) is area
    assert polygons.locate(1.0, 2.03) is area  # just outside: snapped
    assert polygons.locate(1.0, 2.5) is None


@pytest.mark.parametrize(
    ("lat", "lon", "admin1"),
    [
        (35.9306, 36.6339, "Idleb"),  # Idlib city
        (36.2012, 37.1612, "Aleppo"),  # Aleppo city
        (35.3359, 40.1408, "Deir-ez-Zor"),
        (35.9528, 39.0079, "Ar-Raqqa"),
        (35.5312, 35.7909, "Lattakia"),  # on the coast
        (33.5102, 36.2913, "Damascus"),
        (33.45, 36.6, "Rural Damascus"),
        (37.0594, 37.3825, None),  # Gaziantep, Turkey
    ],
)
def test_admin1_polygons(lat: float, lon: float, admin1: str | None) -> None:
    polygons = load_admin_polygons("SY", 1)
    assert polygons is not None
    area = polygons.locate(lat, lon)
    assert (area.name if area else None) == admin1
