"""Which place locates an event (extract/assemble.py), on toponyms built by hand."""

from __future__ import annotations

from strikewatch.extract.assemble import _best_place
from strikewatch.extract.components import default_lexicon
from strikewatch.geo import Toponym
from strikewatch.model import Place


def _toponym(text: str, start: int, name: str, cc: str, admin1: str, lat: float | None, **kw: object) -> Toponym:
    place = Place(name, cc, lat, 0.0 if lat is not None else None, "city", admin1, None, cc, 1, 1000, 1)
    return Toponym(start, start + len(name), name, place, "city", 1, **kw)  # type: ignore[arg-type]


def test_a_place_with_coordinates_first() -> None:
    text = "Militants attacked Alpha and Bravo."
    alpha = _toponym(text, 19, "Alpha", "XX", "North", None)
    bravo = _toponym(text, 29, "Bravo", "XX", "North", 5.0)
    assert _best_place([alpha, bravo], text) is bravo


def test_a_place_astray_from_the_stated_province_loses() -> None:
    text = "Aadhaar staff protested in Jorhat (Assam)."
    stray = _toponym(text, 0, "Aadhaar", "IN", "Gujarat", 23.0)
    town = _toponym(text, 27, "Jorhat", "IN", "Assam", 26.7, contained=True)
    assert _best_place([stray, town], text) is town
    # two places of the same province: the first still wins
    first = _toponym(text, 0, "Aadhaar", "IN", "Assam", 26.0)
    assert _best_place([first, town], text) is first


def test_actor_countries_of_named_forces() -> None:
    lexicon = default_lexicon()
    assert lexicon.actor_countries("FARDC soldiers clashed with rebels.") == ["CD"]
    assert lexicon.actor_countries("The Nigerian army shelled a village.") == ["NG"]
    assert lexicon.actor_countries("Russia shelled the town.") == []  # a bare country acts anywhere
