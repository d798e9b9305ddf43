import pytest

from strikewatch.extract.casualties import find_casualties, number_value


@pytest.mark.parametrize(
    ("text", "count", "count_max"),
    [
        ("an air raid on the village killed at least 47 people", 47, None),
        ("Gunmen shot and killed 2 civilians near the checkpoint.", 2, None),
        ("two children among 12 dead after the strike", 12, None),
        ("Neither injuries nor fatalities were reported.", 0, None),
        ("No casualties were reported.", 0, None),
        ("an ambush killing between 2 to 4 fighters", 2, 4),
        ("a man was killed by a sniper", 1, None),
        ("a shepherd's body was found near the road", 1, None),
        ("dozens of people were killed in the market", 12, None),
        ("the blast killed eleven soldiers", 11, None),
        ("twenty-three people were killed", 23, None),
        ("The death toll rose to 1,250 on Friday", 1250, None),
        ("five to seven fighters were killed", 5, 7),
        ("killing up to 10 people", 10, 10),
        # a count separated from its verb by a clause
        ("At least 30 civilians, including 9 women and 12 children, were killed in the raid", 30, None),
        ("Four people, among them a nurse, were reportedly killed", 4, None),
        ("11 members of the Saleh family (three generations) were killed", 11, None),
        # families, bodies, tolls, later deaths, ranges
        ("a family of seven was killed when the roof collapsed", 7, None),
        ("the bodies of nine fishermen were recovered from the lake", 9, None),
        ("the blast resulted in the deaths of at least six people", 6, None),
        ("by evening the death toll had risen to 26", 26, None),
        ("two of the wounded later died in hospital", 2, None),
        ("the driver later died of his wounds", 1, None),
        ("between 3 and 5 people were killed", 3, 5),
        # a gloss in parentheses, several families, and dates that are not counts
        ("at least 14 members of the Darwish (Derwish) extended family were killed", 14, None),
        ("nine residents from the Kareem and Mansour families were killed in the blast", 9, None),
        ("On Monday, March 4th, 2024 three fishermen were killed when a shell hit their boat", 3, None),
        ("On 18 June 2 guards were shot dead at the gate", 2, None),
        ("eight villagers, including two children, were reported to have been killed", 8, None),
        ("between four and six miners including a boy were killed in the collapse", 4, 6),
        ("the shelling caused a large number of deaths", 2, None),
        # victims named one by one, and ages that are not counts
        ("Omar Haddad and his two daughters were killed in the strike", 3, None),
        ("the strike killed 34-year-old Salma Nasser and her husband in their home", 2, None),
        ("a 67-year-old man was killed by shrapnel", 1, None),
        ("a man and his son were shot dead at the checkpoint", 2, None),
        # a note's own coding
        ("Unknown fatalities coded as 10.", 10, None),
    ],
)
def test_casualties_count(text: str, count: int, count_max: int | None) -> None:
    found = find_casualties(text)
    assert found, text
    assert (found[0].count, found[0].count_max) == (count, count_max)
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    "text",
    [
        "They brought 30 trucks of ammunition.",
        "The 4th Division deployed in 2019.",
        "Resolution 2254 was cited.",
        "3 people were injured in the attack.",
        "An airstrike killed livestock near the well.",
    ],
)
def test_casualties_none_found(text: str) -> None:
    assert find_casualties(text) == []


@pytest.mark.parametrize(
    ("word", "value"),
    [("12", 12), ("twelve", 12), ("forty-two", 42), ("1,000", 1000), ("several", 3), ("banana", None)],
)
def test_number_value(word: str, value: int | None) -> None:
    assert number_value(word) == value


def test_an_injury_count_is_not_a_death_count() -> None:
    [found] = find_casualties("15 others were injured and 3 were killed")
    assert found.count == 3


def test_a_stated_total_is_marked() -> None:
    found = find_casualties("The nurse died. 2 fatalities.")
    assert [(c.count, c.total) for c in found] == [(1, False), (2, True)]
