import pytest

from strikewatch.extract.triggers import find_triggers
from strikewatch.model import SubEventType as S


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warplanes carried out airstrikes on the town.", S.AIR_DRONE_STRIKE),
        ("A drone strike hit a car.", S.AIR_DRONE_STRIKE),
        ("Government forces shelled the village with rocket artillery.", S.SHELLING),
        ("Clashes erupted between the army and rebels.", S.ARMED_CLASH),
        ("A shelling exchange between the two sides lasted hours.", S.ARMED_CLASH),
        ("An IED exploded near a patrol.", S.REMOTE_EXPLOSIVE),
        ("A landmine went off under a truck.", S.REMOTE_EXPLOSIVE),
        ("A suicide bomber blew himself up at the gate.", S.SUICIDE_BOMB),
        ("Militants threw a hand grenade at the shop.", S.GRENADE),
        ("Gunmen abducted three aid workers.", S.ABDUCTION),
        ("Hundreds of residents protested against rising prices.", S.PEACEFUL_PROTEST),
        ("Rioters set tyres alight and riots spread.", S.VIOLENT_DEMONSTRATION),
        ("Police arrested five activists.", S.ARRESTS),
        ("Russian military police conducted a patrol near the town.", S.CHANGE_TO_GROUP_ACTIVITY),
        ("The two sides agreed to a ceasefire.", S.AGREEMENT),
        ("Militiamen looted shops in the market.", S.LOOTING),
        ("Army engineers defused an explosive device.", S.DISRUPTED_WEAPONS_USE),
        ("Government troops recaptured the town.", S.GOVERNMENT_REGAINS_TERRITORY),
        ("A chemical attack was reported in the district.", S.CHEMICAL_WEAPON),
        # fire between positions, exchanges, shoot-outs: battles across conflicts
        ("Separatist units fired small arms at the positions of the army near the bridge.", S.ARMED_CLASH),
        ("Troops on both banks kept exchanging fire through the night.", S.ARMED_CLASH),
        ("A shoot-out broke out between police and a gang in the market.", S.ARMED_CLASH),
        ("Monitors recorded ceasefire violations along the contact line.", S.ARMED_CLASH),
        ("The mission heard 14 bursts of heavy machine-gun fire near the airport.", S.ARMED_CLASH),
        ("Monitors recorded 25 undetermined explosions south of the town.", S.SHELLING),
        # people, not armies
        ("Teachers went on strike over unpaid salaries.", S.PEACEFUL_PROTEST),
        ("Transport workers held a general strike in the capital.", S.PEACEFUL_PROTEST),
        ("Youths pelted stones at a police van.", S.VIOLENT_DEMONSTRATION),
        ("Residents blocked the highway to the port with burning tyres.", S.PEACEFUL_PROTEST),
        ("A mob lynched a suspected thief in the market.", S.MOB_VIOLENCE),
        ("The bodies of three men were found in a ditch outside the town.", S.ATTACK),
        ("Police seized two tonnes of cannabis at the border.", S.LOOTING),
    ],
)
def test_trigger_first_type(text: str, expected: S) -> None:
    triggers = find_triggers(text)
    assert triggers, text
    assert triggers[0].sub_event_type == expected


def test_strike_group_is_not_a_strike() -> None:
    assert not any(t.sub_event_type is S.AIR_DRONE_STRIKE for t in find_triggers("a carrier strike group sailed"))


def test_no_trigger_in_plain_text() -> None:
    assert find_triggers("The minister spoke about the economy and the weather.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Dockers went on strike for higher pay.",
        "A nationwide strike by teachers shut the schools.",
        "Unions called a strike over the new labour law.",
    ],
)
def test_labour_strike_is_no_air_strike(text: str) -> None:
    assert not any(t.sub_event_type is S.AIR_DRONE_STRIKE for t in find_triggers(text)), text
