"""Casualty phrases: how many were killed ("killed at least 47", "two children among 12 dead").

Counts follow ACLED's conservative convention: the lowest stated figure is the count, a higher
bound ("at least 47", "between 2 and 4", "up to 10") goes to ``count_max``; vague words get fixed
low numbers (``several`` = 3, ``dozens`` = 12, ``hundreds`` = 100); "no casualties" is 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strikewatch.extract._regex import WordPattern

_UNITS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "dozen": 12,
    "dozens of": 12,
    "dozens": 12,
    "several": 3,
    "a few": 3,
    "few": 3,
    "some": 3,
    "many": 10,
    "scores of": 20,
    "hundreds of": 100,
    "hundreds": 100,
    "a number of": 3,
    "a couple of": 2,
    "both": 2,
}
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozens of|dozens|dozen|"
    r"several|a few|scores of|hundreds of|hundreds|a number of|a couple of|many|both|an?)"
)
_BOUND = r"(?:at least|more than|over|around|about|nearly|almost|some|up to|as many as|approximately|roughly)"
_QTY = (
    rf"(?:(?P<bound>{_BOUND}) )?(?:between (?P<lo>{_NUMBER}) (?:and|to) (?P<hi>{_NUMBER})|"
    rf"(?P<lo2>{_NUMBER})(?: (?:to|or|-) (?P<hi2>{_NUMBER}))?|(?P<n>{_NUMBER}))"
)
# Words that can sit between the number and the killing verb ("2 civilians", "9 regime soldiers").
_NOUNS = r"(?:[\w'-]+ ){0,4}?"
_KILL = r"(?:killed|killing|kills|dead|died|deaths?|fatalities|bodies|lives|casualties)"
_INJURE = r"(?:injured|injuring|wounded|wounding|injuries|hurt)"

_PATTERNS = [
    # "no casualties", "neither injuries nor fatalities were reported", "without casualties"
    (
        "none",
        WordPattern(
            r"\b(?:no (?:one was |one were )?(?:casualties|fatalities|deaths|injuries or (?:deaths|fatalities)|"
            r"fatalities or injuries|losses)|no (?:one|body) was (?:killed|hurt)|without (?:any )?casualties|"
            r"neither (?:injuries|fatalities|casualties) nor (?:injuries|fatalities|casualties)|"
            r"no (?:reported )?(?:casualties|fatalities))\b"
        ),
    ),
    # "two children among 12 dead": the total, not the subgroup
    ("among", WordPattern(rf"\b{_NUMBER} {_NOUNS}among (?:the )?{_QTY} (?:\w+ )?(?:dead|killed|victims|fatalities)\b")),
    # "killed at least 47", "killing 2 civilians", "killed between 2 to 4 fighters"
    (
        "verb_first",
        WordPattern(
            rf"\b(?:killed|killing|kills|claimed the lives of|left|executed|executing|massacred|murdered)\s+{_QTY}\b"
        ),
    ),
    # "47 people were killed", "two children among 12 dead", "5 dead", "3 fatalities"
    (
        "noun_first",
        WordPattern(
            rf"\b{_QTY}\s+{_NOUNS}(?:(?:were|was|have been|had been|are|been|reportedly|all) )*"
            rf"(?:killed|dead|died|deaths|fatalities|bodies)\b"
        ),
    ),
    ("death_toll", WordPattern(rf"\bdeath toll (?:\w+ ){{0,3}}?(?:to|of|at|reached|rose to) {_QTY}\b")),
    # singular victims: "a man was killed", "killed a civilian", "assassinated a member"
]

_SINGLE = WordPattern(
    r"\b(?:killed|killing|assassinated|executed|murdered|shot dead|gunned down)\s+(?:a|an|one)\s+\w+|"
    r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?(?:was|has been)\s+(?:\w+ )?(?:killed|shot dead|executed|"
    r"murdered|found dead)\b|\b(?:a|an) [\w' -]{0,40}?body was found\b|\bdied as a result of\b",
)


# Every pattern needs one of these words: texts without any are skipped at once.
_CUE = re.compile(
    r"kill|dead|die|death|casualt|fatalit|bod(?:y|ies)|lives|executed|murdered|assassinat|shot|gunned|hurt|losses"
)


@dataclass(frozen=True, slots=True)
class Casualties:
    """A statement of deaths in the text."""

    start: int
    end: int
    text: str
    count: int
    count_max: int | None


def number_value(word: str) -> int | None:
    """Return the value of a number written in digits or English words, or None."""
    word = word.lower().strip()
    if word.replace(",", "").isdigit():
        return int(word.replace(",", ""))
    if word in _UNITS:
        return _UNITS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return _UNITS[parts[0]] + _UNITS[parts[1]]
    return None


def _from_match(match: re.Match[str]) -> tuple[int, int | None] | None:
    groups = match.groupdict()
    low = groups.get("lo") or groups.get("lo2") or groups.get("n")
    high = groups.get("hi") or groups.get("hi2")
    value = number_value(low) if low else None
    if value is None:
        return None
    upper = number_value(high) if high else None
    bound = (groups.get("bound") or "").lower()
    if bound in {"up to", "as many as"}:
        return value, value  # an upper bound only: keep the stated figure
    if upper is not None and upper < value:
        upper = None
    return value, upper


def find_casualties(text: str) -> list[Casualties]:
    """Return the death counts stated in ``text``, left to right, without overlaps."""
    found: list[Casualties] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, count: int, count_max: int | None) -> None:
        if any(start < e and end > s for s, e in taken):
            return
        taken.append((start, end))
        found.append(Casualties(start, end, text[start:end], count, count_max))

    if not _CUE.search(text.lower()):
        return found

    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if kind == "none":
                add(match.start(), match.end(), 0, None)
                continue
            value = _from_match(match)
            if value is not None:
                add(match.start(), match.end(), value[0], value[1])
    for match in _SINGLE.finditer(text):
        add(match.start(), match.end(), 1, None)
    found.sort(key=lambda c: c.start)
    return found
