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
