import pytest

from strikewatch.extract.certainty import find_attributions, find_hedges, irrealis_before, trend_after
from strikewatch.model import Certainty


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("The army allegedly used incendiary weapons.", Certainty.ALLEGED),
        ("Jets reportedly struck the bridge.", Certainty.REPORTED),
        ("The group claimed responsibility for the bombing.", Certainty.CLAIMED),
        ("The ministry denied carrying out the raid.", Certainty.DENIED),
        ("Officials confirmed the strike.", Certainty.CONFIRMED),
    ],
)
def test_hedge_certainty(text: str, certainty: Certainty) -> None:
    assert find_hedges(text)[0].certainty is certainty


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Five people died, according to the Syrian Observatory for Human Rights.",
            "Syrian Observatory for Human Rights",
        ),
        (
            "Unidentified U.S. administration officials claimed that talks ended.",
            "Unidentified U.S. administration officials",
        ),
        ("local sources said the convoy was hit.", "local sources"),
    ],
)
def test_attribution_source(text: str, source: str) -> None:
    assert find_attributions(text)[0].source == source


@pytest.mark.parametrize(
    ("before", "is_irrealis"),
    [
        ("The army will likely continue ", True),
        ("Rebels remain positioned to launch ", True),
        ("If talks fail, jets could resume ", True),
        ("On 5 May 2020, regime forces ", False),
        ("Russian warplanes conducted limited ", False),
    ],
)
def test_irrealis_before(before: str, is_irrealis: bool) -> None:
    assert (irrealis_before(before) is not None) is is_irrealis


def test_trend_after_marks_assessments() -> None:
    assert trend_after(" in the north, however, appears to have significantly decreased since May")
    assert not trend_after(" on the village killed at least 12 people")
