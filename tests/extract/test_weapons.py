import pytest

from strikewatch.extract.weapons import find_weapons


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("the aircraft dropped incendiary munitions", "incendiary munitions"),
        ("helicopters dropped barrel bombs on the town", "barrel bombs"),
        ("cluster munitions were found at the site", "cluster munitions"),
        ("a kamikaze drone hit the depot", "drones"),
        ("an Iskander ballistic missile struck", "ballistic missiles"),
        ("fighters used heavy machine guns", "heavy machine guns"),
    ],
)
def test_weapon_canonical(text: str, weapon: str) -> None:
    assert weapon in [w.weapon for w in find_weapons(text)]
