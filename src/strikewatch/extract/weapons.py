"""Weapons named in a report, normalised to a small vocabulary analysts filter on."""

from __future__ import annotations

from dataclasses import dataclass

from strikewatch.extract._regex import WordPattern

# canonical weapon -> pattern (matched case-insensitively on word boundaries)
_WEAPONS: dict[str, str] = {
    "incendiary munitions": r"incendiary (?:munitions?|weapons?|bombs?|rockets?|ammunition)|white phosphorus|"
    r"napalm|thermite",
    "cluster munitions": r"cluster (?:munitions?|bombs?|rockets?|shells?)|submunitions?|bomblets?",
    "thermobaric weapons": r"thermobaric (?:bombs?|rockets?|weapons?)|vacuum bombs?",
    "barrel bombs": r"barrel[- ]bombs?",
    "chemical weapons": r"chemical (?:weapons?|agents?|munitions?)|chlorine|sarin|mustard gas|toxic gas",
    "glide bombs": r"glide bombs?|guided aerial bombs?|kab(?:-\d+)? bombs?",
    "ballistic missiles": r"ballistic missiles?|iskander|scud",
    "cruise missiles": r"cruise missiles?|kalibr|tomahawk|kh-\d+",
    "missiles": r"(?:guided |anti-tank |surface-to-surface |air-to-surface )?missiles?|atgms?",
    "rockets": r"(?:grad |katyusha |multiple )?rockets?|mlrs|himars|rocket launchers?",
    "artillery": r"artillery|howitzers?|shells",
    "mortars": r"mortars?(?: shells?| rounds?)?",
    "drones": r"drones?|uavs?|unmanned aerial vehicles?|shaheds?|quadcopters?|loitering munitions?",
    "aircraft": r"warplanes?|fighter jets?|jets|helicopters?|gunships?|(?<!suicide )bombers?|aircraft",
    "tanks": r"tanks?",
    "heavy machine guns": r"heavy machine[- ]guns?|anti-aircraft (?:guns?|weapons)|dushkas?",
    "small arms": r"small arms(?: fire)?|rifles?|gunfire|machine[- ]guns?|pistols?|kalashnikovs?|live ammunition",
    "explosive devices": r"(?:vb|pb)?ieds?|improvised explosive devices?|explosive devices?|roadside bombs?|"
    r"car[- ]bombs?|landmines?|(?:anti-tank |anti-personnel )mines?",
    "grenades": r"grenades?",
    "knives": r"knives|knife|stabbed",
}
_PATTERN = WordPattern("|".join(f"(?P<w{i}>(?:{p})\\b)" for i, p in enumerate(_WEAPONS.values())))
_NAMES = list(_WEAPONS)


@dataclass(frozen=True, slots=True)
class WeaponMention:
    """A weapon named in the text, with its canonical name."""

    start: int
    end: int
    text: str
    weapon: str


def find_weapons(text: str) -> list[WeaponMention]:
    """Return the weapons named in ``text``, left to right."""
    return [
        WeaponMention(m.start(), m.end(), text[m.start() : m.end()], _NAMES[int(m.lastgroup[1:])])  # type: ignore[index]
        for m in _PATTERN.finditer(text)
    ]
