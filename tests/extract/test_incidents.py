"""The document-level incident model and undated reports, end to end on reports written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

PUBLISHED = "2021-06-30"  # a Wednesday


def _events(extractor: Any, text: str, published: str = PUBLISHED) -> list[dict]:
    from strikewatch.ingest.files import parse_date

    return [e.to_dict() for e in extractor.events(text, parse_date(published))]


# -- undated reports: an event of the publication day, with an honest time precision ---------------
def test_a_report_naming_no_date_is_dated_from_publication(fast_extractor: Any) -> None:
    [event] = _events(fast_extractor, "Hundreds of drivers blocked the main road into Kano against fuel prices.")
    assert event["event_type"] == "Protests"
    assert (event["date_start"], event["date_end"]) == (PUBLISHED, PUBLISHED)
    assert event["time_precision"] == 2  # known to the week, not to the day


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Warplanes struck a fuel depot outside Idlib overnight, residents said.", "2021-06-29", PUBLISHED, 1),
        ("Gunmen attacked a police post in Kidal on Tuesday, killing two officers.", "2021-06-29", "2021-06-29", 1),
        ("Militants shelled villages near Palma last week.", "2021-06-21", "2021-06-27", 2),
        ("Around 12 June, unknown men abducted a teacher in Gao.", "2021-06-12", "2021-06-12", 2),
        ("In May, drones hit several farms near Marib.", "2021-05-01", "2021-05-31", 3),
    ],
)
def test_time_precision_follows_the_date_given(
    fast_extractor: Any, text: str, start: str, end: str, precision: int
) -> None:
    [event] = _events(fast_extractor, text)
    assert (event["date_start"], event["date_end"], event["time_precision"]) == (start, end, precision)


def test_an_undated_lead_takes_the_date_of_the_sentence_that_refers_back(fast_extractor: Any) -> None:
    text = "Gunmen killed five villagers near Gusau, officials said. The attack happened on Monday evening."
    [event] = _events(fast_extractor, text)
    assert event["date_start"] == "2021-06-28"
    assert event["fatalities"] == 5


# -- one report, one main incident: later sentences about it enrich it --------------------------------
NARRATIVE = (
    "On June 20th 2021, an alleged airstrike hit the home of the Haddad family in Beit Lahia, killing a man "
    "and his son.\n\n"
    "Local journalists reported that the strike took place without warning. A neighbour said that three "
    "others were injured in the bombing.\n\n"
    "“They were sleeping when the missile struck,” a relative wrote on social media.\n\n"
    "The son later died of his wounds on June 23rd. Their funeral was held the next day.\n\n"
    "In 2014, a strike on the same street killed four members of another family."
)


def test_a_narrative_tells_one_incident(fast_extractor: Any) -> None:
    events = _events(fast_extractor, NARRATIVE)
    assert len(events) == 1, events
    [event] = events
    assert event["date_start"] == "2021-06-20"
    assert event["sub_event_type"] == "Air/drone strike"
    assert event["fatalities"] == 2


def test_background_about_another_year_is_left_out(fast_extractor: Any) -> None:
    starts = {e["date_start"] for e in _events(fast_extractor, NARRATIVE)}
    assert not any(s.startswith("2014") for s in starts)


def test_a_later_sentence_gives_the_count_the_first_lacks(fast_extractor: Any) -> None:
    text = (
        "On 3 June 2021, an airstrike hit a market in Saada. Medics said at least 14 people, including six "
        "children, were killed in the strike."
    )
    [event] = _events(fast_extractor, text)
    assert event["fatalities"] == 14


def test_distinct_incidents_in_other_places_stay_apart(fast_extractor: Any) -> None:
    text = (
        "On 3 June 2021, militants ambushed an army patrol near Menaka. On 5 June 2021, a roadside bomb "
        "exploded under a bus near Mopti, killing nine passengers."
    )
    events = _events(fast_extractor, text)
    assert sorted(e["date_start"] for e in events) == ["2021-06-03", "2021-06-05"]


def test_an_update_dated_after_publication_is_no_incident(fast_extractor: Any) -> None:
    text = (
        "On 20 June 2021, a drone strike hit a car near Marib, killing two men. On 14 July 2021, a third "
        "victim of the strike was named by his family."
    )
    events = _events(fast_extractor, text)
    assert [e["date_start"] for e in events] == ["2021-06-20"]


# -- protests: the response of the authorities recodes the protest ------------------------------------
def test_police_dispersing_a_protest_make_it_a_protest_with_intervention(fast_extractor: Any) -> None:
    text = (
        "On 2 June 2021, about 200 nurses protested outside the health ministry in Lusaka over unpaid wages. "
        "Police dispersed the protesters with tear gas."
    )
    [event] = _events(fast_extractor, text)
    assert event["sub_event_type"] == "Protest with intervention"
    assert event["actor1"] == "Protesters (Zambia)"
    assert event["actor2"] == "Police Forces of Zambia"


def test_an_arrest_of_someone_else_does_not_recode_a_protest(fast_extractor: Any) -> None:
    text = (
        "On 2 June 2021, journalists protested in Lahore against the arrest of a newspaper editor. "
        "He was arrested last month on a fraud charge."
    )
    [event] = _events(fast_extractor, text)
    assert event["sub_event_type"] == "Peaceful protest"


def test_stones_thrown_at_a_protest_make_it_a_riot(fast_extractor: Any) -> None:
    text = (
        "On 2 June 2021, residents demonstrated in Bamenda against power cuts. Some demonstrators threw "
        "stones at the police."
    )
    [event] = _events(fast_extractor, text)
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Violent demonstration")
    assert event["actor1"] == "Rioters (Cameroon)"


@pytest.mark.parametrize(
    "text",
    [
        "On 2 June 2021, residents blocked a main avenue in Arequipa with burning tyres to demand water.",
        "On 2 June 2021, dozens of traders demonstrated outside the town hall in Kisumu and vandalised two cars.",
    ],
)
def test_crowd_violence_in_the_sentence_of_a_protest_makes_it_a_riot(fast_extractor: Any, text: str) -> None:
    [event] = _events(fast_extractor, text)
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Violent demonstration")


def test_a_cause_named_after_a_protest_does_not_make_it_a_riot(fast_extractor: Any) -> None:
    text = "On 2 June 2021, residents protested in Rosario against the release of prisoners held for rioting."
    [event] = _events(fast_extractor, text)
    assert event["event_type"] == "Protests"


def test_a_setting_locates_an_event_told_only_at_a_region(fast_extractor: Any) -> None:
    text = (
        "On 2 June 2021, the army sent reinforcements to northern Mali, likely in connection to the "
        "ongoing clashes in Gao."
    )
    [event] = _events(fast_extractor, text)
    assert event["location"] == "Gao"


def test_a_setting_does_not_move_an_event_told_at_a_town(fast_extractor: Any) -> None:
    text = "On 2 June 2021, the army sent reinforcements to Timbuktu amid clashes in Gao."
    [event] = _events(fast_extractor, text)
    assert event["location"] == "Timbuktu"
