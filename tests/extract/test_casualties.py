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
    ],
)
def test_casualties_count(text: str, count: int, count_max: int | None) -> None:
    found = find_casualties(text)
    assert found, text
    assert (found[0].count, found[0].count_max) == (count, count_max)
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    "text",
    ["They brought 30 trucks of ammunition.", "The 4th Division deployed in 2019.", "Resolution 2254 was cited."],
)
def test_casualties_none_found(text: str) -> None:
    assert find_casualties(text) == []


@pytest.mark.parametrize(
    ("word", "value"),
    [("12", 12), ("twelve", 12), ("forty-two", 42), ("1,000", 1000), ("several", 3), ("banana", None)],
)
def test_number_value(word: str, value: int | None) -> None:
    assert number_value(word) == value
