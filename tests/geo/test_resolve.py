"""Tests of the geoparser (:mod:`strikewatch.geo.resolve`), on sentences written for these tests."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from strikewatch.geo import Geoparser, Toponym, fold_name, most_precise
from strikewatch.model import Place

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "acled-syria-2020-05.jsonl"


def _by_text(toponyms: list[Toponym]) -> dict[str, Toponym]:
    return {t.text: t for t in toponyms}


# (sentence, toponym text, place name, contract feature, admin1, geo_precision)
CASES = [
    ("Government artillery hit Kafr Nabl in southern Idlib on Tuesday.", "Kafr Nabl", "Kafranbel", "city", "Idleb", 1),
    ("Government artillery hit Kafr Nabl in southern Idlib on Tuesday.", "Idlib", "Idleb", "admin1", "Idleb", 3),
    ("Clashes were reported in Aleppo Province on Friday.", "Aleppo", "Aleppo", "admin1", "Aleppo", 3),
    ("A car bomb exploded in Aleppo City on Friday.", "Aleppo", "Aleppo", "city", "Aleppo", 1),
    ("A car bomb exploded in Aleppo on Friday.", "Aleppo", "Aleppo", "city", "Aleppo", 1),
    ("The governor of the province of Hama resigned.", "Hama", "Hama", "admin1", "Hama", 3),
    (
        "A drone hit a car near Maarat al-Numan in Idleb countryside.",
        "Maarat al-Numan",
        "Ma'arrat an Nu'man",
        "city",
        "Idleb",
        2,
    ),
    ("A drone hit a car near Maarat al-Numan in Idleb countryside.", "Idleb", "Idleb", "admin1", "Idleb", 3),
    ("Troops shelled the outskirts of Ariha overnight.", "Ariha", "Ariha", "city", "Idleb", 2),
    ("Shelling targeted villages in the Ariha district.", "Ariha", "Ariha", "admin2", "Idleb", 2),
    ("A patrol moved through the town of Saraqib at dawn.", "Saraqib", "Saraqib", "city", "Idleb", 1),
    ("A protest took place in rural Damascus on Sunday.", "Damascus", "Rural Damascus", "admin1", "Rural Damascus", 3),
    (
        "A protest took place in Rural Damascus on Sunday.",
        "Rural Damascus",
        "Rural Damascus",
        "admin1",
        "Rural Damascus",
        3,
    ),
    ("Gunmen attacked a checkpoint in Dar'a city.", "Dar'a", "Dar'a", "city", "Dar'a", 1),
    ("Explosions were heard in Qamishli, Hasakah and Deir Ezzor.", "Qamishli", "Al Qamishli", "city", "Al-Hasakeh", 1),
    (
        "Explosions were heard in Qamishli, Hasakah and Deir Ezzor.",
        "Deir Ezzor",
        "Deir ez-Zor",
        "city",
        "Deir-ez-Zor",
        1,
    ),
    ("Hezbollah fighters deployed to Qusayr, near the Lebanese border.", "Qusayr", "Al Qusayr", "city", "Homs", 1),
    (
        "Coalition aircraft struck a position near Tell Abiad on 3 May.",
        "Tell Abiad",
        "Tall Abyad",
        "city",
        "Ar-Raqqa",
        2,
    ),
    ("A mortar round fell in the Golan Heights.", "Golan Heights", "Golan Heights", "region", "Quneitra", 2),
]


@pytest.mark.parametrize(("sentence", "text", "name", "feature", "admin1", "precision"), CASES)
def test_resolution(
    parser: Geoparser, sentence: str, text: str, name: str, feature: str, admin1: str, precision: int
) -> None:
    found = _by_text(parser.find(sentence))
    assert text in found, [t.text for t in found.values()]
    toponym = found[text]
    assert sentence[toponym.start : toponym.end] == toponym.text
    assert toponym.place.name == name
    assert toponym.feature == feature
    assert toponym.place.admin1 == admin1
    assert toponym.place.country == "Syria"
    assert toponym.place.geo_precision == precision
    assert toponym.candidates >= 1


def test_plural_suffix_applies_to_every_name_of_the_list(parser: Geoparser) -> None:
    sentence = "Warplanes struck targets in ar Raqqah and Deir ez Zour Provinces overnight."
    toponyms = parser.find(sentence)
    assert [(t.text, t.feature, t.place.name, t.place.geo_precision) for t in toponyms] == [
        ("ar Raqqah", "admin1", "Ar-Raqqa", 3),
        ("Deir ez Zour", "admin1", "Deir-ez-Zor", 3),
    ]


def test_list_of_provinces_with_comma(parser: Geoparser) -> None:
    toponyms = parser.find("Air raids hit Aleppo, Idleb and Hama provinces.")
    assert [(t.text, t.feature) for t in toponyms] == [("Aleppo", "admin1"), ("Idleb", "admin1"), ("Hama", "admin1")]


def test_a_comma_list_is_no_containment(parser: Geoparser) -> None:
    toponyms = _by_text(parser.find("Shelling hit Kafr Nabl, Idleb and Maarat al-Numan."))
    assert toponyms["Kafr Nabl"].place.name == "Kafranbel"
    assert toponyms["Maarat al-Numan"].place.admin1 == "Idleb"


def test_containment_rejects_a_namesake_in_another_province(parser: Geoparser) -> None:
    # GeoNames has no Bara in Idleb; "Bara" also folds like "Beroea", an old name of Aleppo.
    toponyms = parser.find("Regime forces shelled Bara in Idleb countryside with rockets.")
    assert [(t.text, t.place.name, t.feature) for t in toponyms] == [("Idleb", "Idleb", "admin1")]


def test_unknown_village_still_makes_the_province_a_container(parser: Geoparser) -> None:
    toponyms = parser.find("Unknown gunmen killed a man in Zzyzxville in Al-Hasakeh.")
    assert [(t.text, t.feature, t.place.geo_precision) for t in toponyms] == [("Al-Hasakeh", "admin1", 3)]


def test_region_of_a_country(parser: Geoparser) -> None:
    toponyms = _by_text(parser.find("Turkish troops patrolled near Ras al-Ain in northern Syria."))
    region = toponyms["northern Syria"]
    assert region.feature == "region" and region.place.country_code == "SY" and region.place.geo_precision == 3
    assert toponyms["Ras al-Ain"].place.admin1 == "Al-Hasakeh"
    assert toponyms["Ras al-Ain"].place.geo_precision == 2


def test_water_and_country(parser: Geoparser) -> None:
    toponyms = _by_text(parser.find("Fighting continued in Eastern Syria and along the Euphrates."))
    assert toponyms["Eastern Syria"].feature == "region"
    assert toponyms["Euphrates"].feature == "other"
    assert toponyms["Euphrates"].place.feature == "water"


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said nothing. Forces moved. Army units and Regime troops withdrew.",
        "Best wishes. Man killed. Victory Day parade held on Monday in May.",
        "Security measures: On 3 March 2021, HTS and QSD and JaS exchanged fire.",
        "Looting: Protesters burned tyres.",
    ],
)
def test_common_words_are_no_toponyms(parser: Geoparser, sentence: str) -> None:
    assert parser.find(sentence) == []


def test_personal_names_are_no_toponyms(parser: Geoparser) -> None:
    text = "Prime Minister Narendra Modi visited Delhi. Later, Modi spoke in Mumbai."
    assert [t.text for t in parser.find(text)] == ["Delhi", "Mumbai"]


def test_first_names_of_people_are_no_toponyms(parser: Geoparser) -> None:
    toponyms = parser.find("Talks between Vladimir Putin and officials in Ankara ended in Moscow.")
    assert [t.text for t in toponyms] == ["Ankara", "Moscow"]


def test_road_endpoints_are_near_places(parser: Geoparser) -> None:
    toponyms = parser.find("Troops deployed along the Aleppo-Lattakia highway and the Homs - Palmyra road.")
    assert [(t.text, t.place.geo_precision) for t in toponyms] == [
        ("Aleppo", 2),
        ("Lattakia", 2),
        ("Homs", 2),
        ("Palmyra", 2),
    ]


def test_world_regions_and_landmarks_beat_small_namesakes(parser: Geoparser) -> None:
    toponyms = parser.find("The U.S. role in the Middle East was discussed at the White House.")
    assert [(t.text, t.place.feature) for t in toponyms] == [
        ("U.S.", "country"),
        ("Middle East", "region"),
        ("White House", "other"),
    ]


def test_dotted_and_short_country_names(parser: Geoparser) -> None:
    toponyms = parser.find("The U.S. and the UK condemned the raid on Al-Bab.")
    assert [(t.text, t.feature, t.place.country_code) for t in toponyms] == [
        ("U.S.", "country", "US"),
        ("UK", "country", "GB"),
        ("Al-Bab", "city", "SY"),
    ]


def test_focus(parser: Geoparser) -> None:
    assert parser.focus("Clashes in Idleb and Hama provinces.")[0] == "SY"
    assert parser.focus("Heavy fighting took place in Sinjar and Tal Afar in Iraq.")[0] == "IQ"
    assert parser.focus("Edmonton and Calgary are big.")[0] == "CA"
    assert parser.focus("Nothing here.") == []


def test_given_focus_rules_out_small_foreign_namesakes(parser: Geoparser) -> None:
    text = "Shelling hit Jaru overnight."  # a town in Brazil of ~50,000; unknown in Syria
    assert [t.place.country_code for t in parser.find(text)] == ["BR"]
    assert parser.find(text, focus_countries=["SY"]) == []


def test_foreign_capitals_survive_a_focus(parser: Geoparser) -> None:
    toponyms = parser.find("A delegation from Moscow met officials in Idlib.", focus_countries=["SY"])
    assert [(t.text, t.place.country_code) for t in toponyms] == [("Moscow", "RU"), ("Idlib", "SY")]


def test_bare_country_and_state_names_beat_their_small_namesake_towns(parser: Geoparser) -> None:
    """Issue 4, feature type and population prior: a report about the US that names Norway means the
    country, not Norway (Michigan); a list of states that names Missouri still means California the
    state, not the town in Missouri; stated containment still picks the town."""
    text = (
        "Health officials in the United States and Norway reported a mutated virus. Three patients in Norway "
        "were ill; four cases were found at a hospital in North Carolina and two in Michigan."
    )
    norway = [(t.place.country_code, t.feature) for t in parser.find(text) if t.text == "Norway"]
    assert norway == [("NO", "country"), ("NO", "country")]
    states = parser.find("Recalls reached Alabama, California, Missouri and Texas in the United States.")
    assert [(t.text, t.feature) for t in states if t.text == "California"] == [("California", "admin1")]
    town = parser.find("The plant is in Mexico, Missouri, officials in the United States said.")
    assert [(t.text, t.place.country_code, t.feature) for t in town][:1] == [("Mexico", "US", "city")]


def test_a_city_known_by_a_spelling_variant_beats_its_province(parser: Geoparser) -> None:
    """GeoNames calls the city Mykolayiv and lists Mykolaiv as an alternate name, the spelling of its
    oblast's main name: a bare "Mykolaiv" is still the city (a variant spelling is no exonym)."""
    (city,) = [t for t in parser.find("Russian shelling hit Mykolaiv overnight.") if t.text == "Mykolaiv"]
    assert (city.feature, city.place.geo_precision) == ("city", 1)
    (oblast,) = [t for t in parser.find("Shelling hit villages of Mykolaiv Oblast.") if t.text.startswith("Myk")]
    assert oblast.feature == "admin1"


def test_places_named_together_lie_together(parser: Geoparser) -> None:
    """Issue 4, distance to the other places: of the namesakes of each name, the ones near each other
    win (Springfield, Urbana and Xenia of Ohio, not the bigger Springfield of Missouri and Urbana of
    Illinois, which lie far apart)."""
    text = "Storms hit Springfield, Urbana and Xenia overnight, officials said."
    assert {t.place.admin1 for t in parser.find(text)} == {"Ohio"}


@pytest.mark.parametrize(
    ("lat", "lon", "cc", "admin1"),
    [
        (35.9306, 36.6339, "SY", "Idleb"),
        (36.2012, 37.1612, "sy", "Aleppo"),
        (35.0, 40.5, "SY", "Deir-ez-Zor"),
        (37.06, 37.38, "SY", None),  # outside Syria
        (35.9306, 36.6339, "TR", None),  # no Turkish polygons shipped
        (35.9306, 36.6339, None, None),
    ],
)
def test_admin1_of(parser: Geoparser, lat: float, lon: float, cc: str | None, admin1: str | None) -> None:
    assert parser.admin1_of(lat, lon, cc) == admin1


def test_most_precise() -> None:
    def top(name: str, feature: str, precision: int, place_feature: str | None = None) -> Toponym:
        place = Place(name, "Syria", 35.0, 36.0, place_feature or feature, geo_precision=precision)
        return Toponym(0, len(name), name, place, feature, 1)

    village, province = top("Bara", "city", 1), top("Idleb", "admin1", 3)
    region = top("northern Syria", "region", 3)
    assert most_precise([province, village]) is village
    assert most_precise([region, province]) is province
    assert most_precise([]) is None


class TinyGazetteer:
    """A hand-made gazetteer: two villages called Quriyah in different provinces."""

    def __init__(self) -> None:
        places = [
            Place("Al Quriyah", "Syria", 35.0, 40.5, "city", "Deir-ez-Zor", None, "SY", 1, 0, 1),
            Place("Al Quriyah", "Syria", 34.6, 37.0, "city", "Homs", None, "SY", 2, 900, 1),
            Place("Deir-ez-Zor", "Syria", 35.34, 40.14, "admin1", "Deir-ez-Zor", None, "SY", None, 0, 3),
            Place("Homs", "Syria", 34.72, 36.72, "admin1", "Homs", None, "SY", None, 0, 3),
            Place("Syria", "Syria", 35.0, 38.0, "country", None, None, "SY", 3, 17_000_000, 3),
        ]
        self.index: dict[str, list[Place]] = {}
        for place in places:
            self.index.setdefault(fold_name(place.name), []).append(place)

    def lookup(self, key: str) -> list[Place]:
        return list(self.index.get(key, []))


@pytest.mark.parametrize(
    ("sentence", "admin1"),
    [
        ("Coalition aircraft struck al Quriyah in Eastern Deir ez Zour Province.", "Deir-ez-Zor"),
        ("Coalition aircraft struck al Quriyah, then returned to Deir ez Zour.", "Deir-ez-Zor"),
        ("Coalition aircraft struck al-Quriyah in Homs province.", "Homs"),
        ("Coalition aircraft struck al Quriyah.", "Homs"),  # no context: the bigger one
    ],
)
def test_context_disambiguation_with_a_custom_gazetteer(sentence: str, admin1: str) -> None:
    parser = Geoparser(TinyGazetteer())
    quriyah = [t for t in parser.find(sentence) if "Quriyah" in t.text]
    assert len(quriyah) == 1
    assert quriyah[0].place.admin1 == admin1
    assert quriyah[0].candidates == 2
    assert quriyah[0].text.lower().startswith("al")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.mark.gold
@pytest.mark.skipif(not GOLD.exists(), reason="development gold not available")
def test_acled_gold_locations_within_50_km(parser: Geoparser) -> None:
    hits = total = 0
    for line in GOLD.open(encoding="utf-8"):
        doc = json.loads(line)
        best = most_precise(parser.find(doc["text"]))
        for event in doc["events"]:
            if event.get("lat") is None:
                continue
            total += 1
            if best is not None and best.place.lat is not None and best.place.lon is not None:
                hits += _km(event["lat"], event["lon"], best.place.lat, best.place.lon) <= 50
    assert total == 313
    assert hits / total >= 0.8
