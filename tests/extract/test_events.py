"""Event assembly end to end on sentences written for these tests (fast mode)."""

from __future__ import annotations

from typing import Any

import pytest

PUBLISHED = "2021-06-30"


def _events(extractor: Any, text: str, published: str = PUBLISHED) -> list[dict]:
    from strikewatch.ingest.files import parse_date

    return [e.to_dict() for e in extractor.events(text, parse_date(published))]


@pytest.mark.parametrize(
    ("text", "sub_type", "actor1_word", "date_start"),
    [
        (
            "On 12 March 2021, Russian forces shelled Kherson with artillery, killing 3 civilians.",
            "Shelling/artillery/missile attack",
            "Russia",
            "2021-03-12",
        ),
        ("On 5 June, Houthi forces launched a drone attack on Marib city.", "Air/drone strike", "Houthi", "2021-06-05"),
        (
            "On 3 January 2021, an IED exploded near a police vehicle in Mogadishu, killing two policemen.",
            "Remote explosive/landmine/IED",
            "Unidentified",
            "2021-01-03",
        ),
        (
            "Israeli warplanes struck a house in Rafah on Tuesday, killing four people.",
            "Air/drone strike",
            "Israel",
            "2021-06-29",
        ),
        (
            "On 15 April 2021, clashes broke out between the army and rebels near Goma.",
            "Armed clash",
            "Military Forces",
            "2021-04-15",
        ),
        (
            "On 7 May 2021, hundreds of people protested in Baghdad against power cuts.",
            "Peaceful protest",
            "Protesters",
            "2021-05-07",
        ),
        ("Police arrested 15 activists in Khartoum on 3 May 2021.", "Arrests", "Police", "2021-05-03"),
        (
            "On 9 May 2021, gunmen abducted three aid workers near Maiduguri.",
            "Abduction/forced disappearance",
            "Unidentified",
            "2021-05-09",
        ),
    ],
)
def test_event_type_actor_date(
    fast_extractor: Any, text: str, sub_type: str, actor1_word: str, date_start: str
) -> None:
    events = _events(fast_extractor, text)
    assert len(events) == 1, events
    event = events[0]
    assert event["sub_event_type"] == sub_type
    assert actor1_word in (event["actor1"] or "")
    assert event["date_start"] == date_start
    assert text[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]


@pytest.mark.parametrize(
    "text",
    [
        "The army will likely continue its air campaign over the coming weeks.",
        "Rebel units remain positioned to launch an offensive on the city.",
        "If talks fail, warplanes could resume strikes on the province.",
        "The air campaign in the north appears to have significantly decreased since 12 May.",
        "The minister visited the capital to discuss the economy.",
    ],
)
def test_forecasts_and_assessments_give_no_event(fast_extractor: Any, text: str) -> None:
    assert _events(fast_extractor, "On 1 June 2021, nothing happened in Homs. " + text) == []


def test_coordinated_provinces_give_one_event_each(fast_extractor: Any) -> None:
    text = "Russian warplanes conducted strikes in Idlib and Hama Provinces from June 18 - 28."
    events = _events(fast_extractor, text)
    assert sorted(e["admin1"] for e in events) == ["Hama", "Idleb"]
    assert {(e["date_start"], e["date_end"]) for e in events} == {("2021-06-18", "2021-06-28")}


def test_two_incidents_in_one_sentence_keep_their_own_dates(fast_extractor: Any) -> None:
    text = (
        "Jets struck villages in Idlib Province from June 10 - 20, including a strike on the town of Saraqib "
        "that killed at least 12 on June 14."
    )
    events = _events(fast_extractor, text)
    by_start = {e["date_start"]: e for e in events}
    assert set(by_start) == {"2021-06-10", "2021-06-14"}
    assert by_start["2021-06-14"]["fatalities"] == 12
    assert by_start["2021-06-14"]["location"] and "Saraq" in by_start["2021-06-14"]["location"]
    assert by_start["2021-06-10"]["fatalities"] is None


def test_year_less_date_in_the_past(fast_extractor: Any) -> None:
    events = _events(fast_extractor, "Turkish jets shot down a drone on November 24, officials said.", "2021-06-30")
    assert events[0]["date_start"] == "2020-11-24"
    assert events[0]["certainty"] == "reported"


def test_hedges_and_attribution(fast_extractor: Any) -> None:
    text = (
        "On 4 May 2021, regime helicopters allegedly dropped barrel bombs on Kafr Nabl, according to local activists."
    )
    event = _events(fast_extractor, text)[0]
    assert event["certainty"] == "alleged"
    assert event["attribution"] == "local activists"
    assert "barrel bombs" in event["weapons"]


def test_trailing_sentence_sets_fatalities(fast_extractor: Any) -> None:
    text = "On 2 May 2021, government forces shelled Kansafra. Neither injuries nor fatalities were reported."
    events = _events(fast_extractor, text)
    assert len(events) == 1
    assert events[0]["fatalities"] == 0


def test_headline_gives_no_event(fast_extractor: Any) -> None:
    text = "AIRSTRIKES HIT IDLIB 3 - 5 MAY\n\nOn 4 May 2021, warplanes struck Ariha, killing two civilians."
    events = _events(fast_extractor, text)
    assert len(events) == 1 and events[0]["date_start"] == "2021-05-04"


def test_every_field_span_points_into_the_text(fast_extractor: Any) -> None:
    text = "On 4 May 2021, Israeli warplanes struck a depot near Masyaf in Hama, killing 3 soldiers, SANA said."
    event = _events(fast_extractor, text)[0]
    assert set(event["spans"]) >= {"trigger", "date", "actor1", "location", "fatalities"}
    assert text[slice(*event["spans"]["date"])] == "4 May 2021"
    assert text[slice(*event["spans"]["actor1"])] == "Israeli warplanes"


def test_two_actions_of_one_subject_at_two_places(fast_extractor: Any) -> None:
    text = (
        "Russian forces conducted ground attacks near Bakhmut on May 3 and continued to shell Ukrainian "
        "positions near Avdiivka."
    )
    events = _events(fast_extractor, text, "2021-05-04")
    assert [e["sub_event_type"] for e in events] == ["Armed clash", "Shelling/artillery/missile attack"]
    assert all(e["date_start"] == "2021-05-03" and "Russia" in e["actor1"] for e in events)


@pytest.mark.parametrize(
    ("text", "location"),
    [
        # where people come from is not where it happened ("from A to B" still starts at A)
        ("On 3 May 2020, gunmen from Saraqib attacked a regime checkpoint in Ariha, killing two soldiers.", "Ariha"),
        ("On 3 May 2020, warplanes struck the area stretching from Saraqib to Ariha.", "Saraqib"),
        # a building named after a place lies in the town named next
        ("On 3 May 2020, an IED exploded near the Saraqib mosque in Ariha, killing a civilian.", "Ariha"),
        # "in Idleb" is the province when a place inside it is named; "between Homs and X" is the city
        ("On 3 May 2020, a Turkish military convoy entered Idleb via Harim.", "Harim"),
        ("On 3 May 2020, Israeli aircraft struck targets in the area between Homs and Palmyra.", "Homs"),
        # a province before a river of the same precision
        ("On 3 May 2020, a landmine exploded by the Orontes river in rural Hama, killing a shepherd.", "Hama"),
        # a city a highway is named after says which road, not where on it
        (
            "On 3 May 2020, gunmen shot dead a driver along the Aleppo-Damascus highway near Khan Shaykhun.",
            "Khan Shaykhun",
        ),
    ],
)
def test_the_place_that_locates_an_event(fast_extractor: Any, text: str, location: str) -> None:
    [event] = _events(fast_extractor, text, "2020-05-04")
    assert event["location"] == location


def test_an_event_without_a_place_takes_its_paragraphs(fast_extractor: Any) -> None:
    text = "On 3 May 2020, police closed the entrances of Azaz. This followed a car bomb explosion the day before."
    events = _events(fast_extractor, text, "2020-05-04")
    assert events and all(e["location"] == "I'zaz" and e["lat"] is not None for e in events)


# -- ACLED coding across conflicts (issue 11, causes 4, 5 and 9) --------------------------------------
@pytest.mark.parametrize(
    ("text", "event_type", "sub_type", "actor1", "actor2"),
    [
        # crowds riot rather than fight
        (
            "On 3 June 2021, villagers attacked two police officers in a village near Gaya.",
            "Riots",
            "Mob violence",
            "Rioters (India)",
            "Police Forces of India",
        ),
        (
            "On 3 June 2021, two rival communities clashed over farmland near Jos.",
            "Riots",
            "Mob violence",
            "Rioters (Nigeria)",
            "Rioters (Nigeria)",
        ),
        # an attack on soldiers is a battle, on civilians violence against civilians
        (
            "On 3 June 2021, gunmen attacked soldiers at a checkpoint near Djibo.",
            "Battles",
            "Armed clash",
            "Unidentified Armed Group (Burkina Faso)",
            "Military Forces of Burkina Faso",
        ),
        (
            "On 3 June 2021, a farmer was shot dead by unidentified gunmen near Djibo.",
            "Violence against civilians",
            "Attack",
            "Unidentified Armed Group (Burkina Faso)",
            "Civilians (Burkina Faso)",
        ),
        # one side firing at the other's positions: a clash with small arms, shelling with mortars
        (
            "On 3 June 2021, the armed forces of Armenia fired on the positions of the armed forces of "
            "Azerbaijan near Tovuz.",
            "Battles",
            "Armed clash",
            "Military Forces of Armenia",
            "Military Forces of Azerbaijan",
        ),
        (
            "On 3 June 2021, separatists fired mortars at the positions of government troops near Horlivka.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            None,
            None,
        ),
        # monitors counting explosions: shelling, not a roadside bomb
        (
            "On 3 June 2021, the monitoring mission recorded 40 explosions near Horlivka.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            None,
            None,
        ),
    ],
)
def test_acled_coding(
    fast_extractor: Any, text: str, event_type: str, sub_type: str, actor1: str | None, actor2: str | None
) -> None:
    [event] = _events(fast_extractor, text, "2021-06-10")
    assert (event["event_type"], event["sub_event_type"]) == (event_type, sub_type)
    if actor1 is not None:
        assert event["actor1"] == actor1
    if actor2 is not None:
        assert event["actor2"] == actor2


def test_a_labour_strike_is_a_protest(fast_extractor: Any) -> None:
    [event] = _events(fast_extractor, "On 3 June 2021, bus drivers went on strike in Nairobi over unpaid wages.")
    assert event["event_type"] == "Protests" and event["actor1"] == "Protesters (Kenya)"


def test_a_hedge_does_not_veto_an_event(fast_extractor: Any) -> None:
    [event] = _events(fast_extractor, "On 3 June 2021, an airstrike, possibly by drones, killed five people in Marib.")
    assert event["sub_event_type"] == "Air/drone strike" and event["fatalities"] == 5
    assert event["certainty"] == "alleged"


def test_protesters_of_the_country_act_whoever_organised_them(fast_extractor: Any) -> None:
    text = "On 3 June 2021, supporters of an opposition party protested in Harare against the arrest of its leader."
    [event] = _events(fast_extractor, text)
    assert event["actor1"] == "Protesters (Zimbabwe)" and event["actor2"] is None


def test_a_country_named_as_a_place_is_no_actor(fast_extractor: Any) -> None:
    [event] = _events(fast_extractor, "On 3 June 2021, in Villa Nueva, Guatemala, residents protested over water cuts.")
    assert event["actor1"] == "Protesters (Guatemala)"
