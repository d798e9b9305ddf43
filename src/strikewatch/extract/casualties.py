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
    "a number of": 2,  # a plural with no figure: at least two
    "a large number of": 2,
    "a great number of": 2,
    "a couple of": 2,
    "both": 2,
}
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozens of|dozens|dozen|"
    r"several|a few|scores of|hundreds of|hundreds|a (?:large |great )?number of|a couple of|many|both|an?)"
)
_BOUND = r"(?:at least|more than|over|around|about|nearly|almost|some|up to|as many as|approximately|roughly)"
_QTY = (
    rf"(?:(?P<bound>{_BOUND}) )?(?:between (?P<lo>{_NUMBER}) (?:and|to) (?P<hi>{_NUMBER})|"
    rf"(?P<lo2>{_NUMBER})(?: (?:to|or|-) (?P<hi2>{_NUMBER}))?|(?P<n>{_NUMBER}))"
)
# Words that can sit between the number and the killing verb ("2 civilians", "9 regime soldiers",
# "21 members of the Al Zaneen family"): not a verb, not a conjunction that starts another count
# ("members of the A and B families" is one group).
_STOP = (
    r"(?:were|was|have|has|had|been|and(?! [\w'’-]{1,30} famil)|but|while|injured|wounded|hurt|killed|killing|"
    r"dead|died|arrested|detained|abducted|missing|displaced|rescued|evacuated|when|after|before|in|on|at|by|during|as)"
)
# A word may carry a gloss in parentheses: "21 members of the Ghabayen (Ghubayn) family were killed".
_NOUNS = rf"(?:(?!{_STOP}\b)[\w'’-]+(?: \([^()]{{1,40}}\))?(?: |(?=,|\s*\(|\s*[–—]))){{0,12}}?"
# A clause between the count and its verb: "At least 30 civilians, including 9 women and 12 children, were killed".
# (or with no commas: "between six and ten civilians including four children were killed")
_ASIDE = (
    r"(?:(?:,\s*[^,.;:()]{1,160}){1,2},\s*|\s*\([^)]{0,120}\)\s*|\s*[–—]\s*[^–—.]{0,120}[–—]\s*|"
    r"\s*(?:including|among them) [^,.;:()]{1,100}?\s(?=(?:were|was|have|had|has)\s))?"
)
_AUX = (
    r"(?:(?:were|was|have been|had been|has been|are|is|been|all|reportedly|reported|allegedly|confirmed|later|also|"
    r"subsequently|eventually|(?:believed|said|thought|reported|confirmed|known) to have been|feared|found)\s+)*"
)
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
    # "a family of seven was killed", "the bodies of nine people were recovered"
    (
        "family",
        WordPattern(
            rf"\b(?:an? |the |entire )?family of {_QTY}(?: (?:people|persons|members))?\s+{_ASIDE}{_AUX}"
            r"(?:killed|dead|died|wiped out|perished)\b"
        ),
    ),
    (
        "bodies",
        WordPattern(
            rf"\b(?:the )?(?:bodies|remains|corpses) of {_QTY}\s+{_NOUNS}{_ASIDE}(?:(?:were|was|have been|had been|"
            r"has been) )?(?:\w+ )?(?:recovered|found|retrieved|pulled|discovered|dug out|removed|brought)\b"
        ),
    ),
    # "47 people were killed", "two children among 12 dead", "5 dead", "3 fatalities", "21 members of
    # the family were killed"; "At least 30 civilians, including 9 women, were killed"
    (
        "noun_first",
        WordPattern(
            rf"\b{_QTY}\s+{_NOUNS}{_ASIDE}{_AUX}(?:killed|dead|died|deaths|fatalit(?:y|ies)|bodies|martyred|slain|"
            r"shot dead|shot and killed|gunned down|(?:stabbed|beaten|burned|burnt|shot|hacked|tortured) to death)\b"
        ),
    ),
    # "the death(s) of at least 14", "resulting in the deaths of six people"
    # a note's own coding: "Unknown fatalities coded as 10", "Total fatalities coded to 10"
    ("coded", WordPattern(rf"\bfatalities (?:were |are )?coded (?:as|to|at) {_QTY}\b")),
    ("death_of", WordPattern(rf"\b(?:the )?deaths? of {_QTY}\b(?! (?:days|weeks|months|years))")),
    # "the death toll rose to 26", "raising the toll to 30", "the number of dead climbed to 12"
    (
        "death_toll",
        WordPattern(
            rf"\b(?:(?:death|casualty|fatality) )?toll (?:\w+ ){{0,3}}?(?:to|of|at|reached|rose to|stood at|stands at) "
            rf"{_QTY}\b"
        ),
    ),
    (
        "death_toll",
        WordPattern(
            rf"\bnumber of (?:the )?(?:dead|deaths|fatalities|victims|casualties|those killed|martyrs) "
            rf"(?:\w+ ){{0,4}}?(?:rose|climbed|increased|reached|grew|stood at|stands at)(?: to)? {_QTY}\b"
        ),
    ),
    # "two of the wounded later died", "3 others succumbed to their injuries"
    (
        "later",
        WordPattern(
            rf"\b{_QTY}\s+(?:of (?:the|them|those) )?(?:[\w'’-]+ ){{0,3}}?(?:later |subsequently |eventually )?"
            r"(?:died|succumbed)(?: (?:of|from|to) (?:their|his|her|the) (?:wounds|injuries))?\b"
        ),
    ),
    # two victims named one by one: "a man and a woman were killed", "a farmer and his son were shot dead"
    (
        "pair",
        WordPattern(
            r"\b(?:a|an|one|the) (?:[\w-]+ ){1,2}?and (?:a|an|one|his|her|their|the) (?:[\w-]+ ){1,2}?(?:were|"
            r"have been) "
            r"(?:\w+ )?(?:killed|shot dead|shot and killed|gunned down|murdered|executed|found dead|"
            r"(?:stabbed|beaten|burned|shot|hacked) to death)\b"
        ),
    ),
]
_PAIR_COUNT = 2
# A total stated on its own ("2 fatalities.", "the death toll rose to 12") sums up what came before.
_TOTAL = re.compile(r"^(?:\d+|[a-z]+) (?:fatalit(?:y|ies)|deaths?|dead)$|toll|number of|coded", re.I)

_SINGLE = WordPattern(
    r"\b(?:died|succumbed) (?:later |subsequently |in hospital |at the hospital )?(?:of|from|to) (?:his|her) "
    r"(?:wounds|injuries)|"
    r"\b(?:killed|killing|assassinated|executed|murdered|shot dead|gunned down)\s+(?:a|an|one)\s+\w+|"
    r"\b(?:killed|killing|assassinated|executed|murdered|shot dead|gunned down)\s+the\s+(?:[\w-]+\s+){0,2}?"
    r"(?:man|woman|boy|girl|child|driver|owner|head|leader|commander|officer|soldier|guard|shepherd|farmer|"
    r"journalist|doctor|mayor|chief|imam|teacher|worker|son|daughter|father|mother|husband|wife|brother|sister)\b|"
    r"\bthe body of (?:a|an) [\w' -]{0,40}? (?:was|has been) (?:\w+ )?(?:found|discovered|recovered|dumped)\b|"
    r"\b(?:beat|beaten|stabbed|shot|hacked|burned|burnt|tortured|stoned) (?:a |an |the |one )?(?:[\w-]+ ){0,3}?"
    r"to death\b|"
    r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?(?:was|has been)\s+(?:\w+ ){0,2}?(?:and )?(?:killed|shot dead|executed|"
    r"murdered|found dead|lynched|(?:stabbed|beaten|burned|shot|hacked|tortured) to death)\b|"
    r"\b(?:a|an) [\w' -]{0,40}?body was found\b|\bdied as a result of\b|"
    r"\bthe (?:man|woman|victim|boy|girl|child|teenager|adolescent|driver|officer|soldier|policeman|guard|nurse|"
    r"doctor|farmer|shepherd|worker|student|journalist|suspect|perpetrator|attacker|prisoner|detainee) "
    r"(?:later |subsequently )?died\b",
)


# Victims named one by one: "Faisal Qishta and his daughter Nour were killed", "X (25), his wife and
# their son were killed". The subject of a passive kill verb is split into persons.
_KILLED_AUX = re.compile(
    r"\b(?:was|were|have been|had been|has been)\s+(?:(?:reportedly|allegedly|also|later|all|both|confirmed)\s+)*"
    r"(?:killed|shot dead|martyred|found dead|killed and \w+)\b"
)
_LEADING_PHRASE = re.compile(
    r"^(?:(?:(?:On|At|In|During|Shortly|Around|Early|Late|Before|After|By|Sometime|Between)\b|(?:January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\s)[^,]{0,80},\s*(?:(?:19|20)\d\d,\s*)?)+"
)
# a subject that states its own total ("seven civilians, including a mother and her five children")
_COUNT_INSIDE = re.compile(r"\bincluding\b|\bamong them\b|\bof whom\b", re.I)
# the victims named as the object: "an airstrike killed 34-year-old Islam Al Ashqar and her mother"
_KILLED_OBJECT = re.compile(
    r"\bkill(?:ed|ing)\s+(?=(?:an?\s+|the\s+|his\s+|her\s+)?(?:\d+-year-old\s+)?(?:[A-Z][a-z]|(?:man|woman|boy|girl|"
    r"child|father|mother|son|daughter|husband|wife|brother|sister)\s+and\b))"
)
_OBJECT_END = re.compile(r"[.;:!?]|\s(?:in|on|at|when|while|after|during|near|inside|and (?:injur|wound))\b")
_PERSON = re.compile(
    r"\b(?:man|woman|boy|girl|child|son|daughter|father|mother|wife|husband|brother|sister|cousin|uncle|aunt|"
    r"nephew|niece|grandson|granddaughter|grandfather|grandmother|infant|baby|toddler|teenager|youth|doctor|"
    r"nurse|journalist|paramedic|teacher|student|farmer|fisherman|shepherd|worker|driver|elder|imam|"
    r"professor|engineer|activist|guard|officer|soldier|policeman)\b"
)
_NAME = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+(?:al-|el-|Al-|El-|Abu\s+|bin\s+|ibn\s+)?[A-Z][a-z’'-]+)+")
_PLURAL_PERSONS = re.compile(
    rf"\b(?P<n>{_NUMBER})\s+(?:[\w-]+\s+)?(?:sons|daughters|children|brothers|sisters|grandchildren|cousins|"
    r"relatives|siblings|nephews|nieces|men|women|boys|girls)\b"
)
_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+(?:and|along with|alongside|together with|as well as)\s+")
_AGE_AFTER = re.compile(r"[- ]?(?:years?|months?|weeks?|days?)[- ]old\b|-year\b|\s*years? of age\b", re.I)
_MAX_NAMED = 15
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are)\b|(?:dead|died|deaths?|bodies|fatalit(?:y|ies))$", re.I)


def _named_victims(text: str) -> list[tuple[int, int, int]]:
    """Return (start, end, count) for each passive kill clause whose subject lists victims one by one."""
    found = []
    for match in _KILLED_AUX.finditer(text):
        low = max(0, match.start() - 400)
        cut = max(text.rfind(c, low, match.start()) for c in ".;:!?\n")
        start = low if cut < 0 else cut + 1
        while start < match.start() and text[start].isspace():
            start += 1
        subject = text[start : match.start()]
        lead = _LEADING_PHRASE.match(subject)
        if lead:
            start += lead.end()
            subject = subject[lead.end() :]
        count_first = re.match(rf"\s*(?:at least |some |about |around |up to )?{_NUMBER}\b", subject, re.I)
        if not subject.strip() or (count_first and not _AGE_AFTER.match(subject, count_first.end())):
            continue  # a count: the other patterns read it
        count = _persons(subject)
        if 1 <= count <= _MAX_NAMED:
            found.append((start, match.end(), count))
    for match in _KILLED_OBJECT.finditer(text):
        stop = _OBJECT_END.search(text, match.end(), match.end() + 300)
        end = stop.start() if stop else min(len(text), match.end() + 300)
        count = _persons(text[match.end() : end])
        if 1 <= count <= _MAX_NAMED:
            found.append((match.start(), end, count))
    return found


def _persons(phrase: str) -> int:
    """Count the persons a list names ("X (25), his wife and their two sons" -> 4)."""
    count = 0
    for part in _LIST_SPLIT.split(phrase):
        plural = _PLURAL_PERSONS.search(part)
        if plural:
            count += number_value(plural.group("n")) or 0
        elif _NAME.search(part) or _PERSON.search(part):
            count += 1
    return count


# Every pattern needs one of these words: texts without any are skipped at once.
_CUE = re.compile(
    r"kill|dead|die|death|casualt|fatalit|bod(?:y|ies)|lives|executed|murdered|assassinat|shot|gunned|hurt|losses|"
    r"toll|martyr|slain|succumb|remains|corpse|perish"
)


@dataclass(frozen=True, slots=True)
class Casualties:
    """A statement of deaths in the text."""

    start: int
    end: int
    text: str
    count: int
    count_max: int | None
    total: bool = False  # a total for the incident ("2 fatalities.", "the toll rose to 12")


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


# Every statement of deaths lies within this reach of a cue word: the patterns run only there.
_BEFORE_CUE, _AFTER_CUE = 420, 120


_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$"
    r"|\b\d{1,2}(?:st|nd|rd|th)?,?\s+$|\b(?:in|of|since|until|during)\s+$",
    re.I,
)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


_DAY_MONTH = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?(?= (?:of )?(?:january|february|march|april|june|july|august|september|october|"
    r"november|december|may(?=,? \d))\b)"
)


def _mask_years(lowered: str) -> str:
    """Return ``lowered`` with the years and days of dates blanked out, so that no count starts at
    one ("on October 27th, 2023 two men were killed" is two, "on 12 May 2 soldiers died" is two);
    the length stays the same."""
    spans = [
        m.span() for m in _YEAR.finditer(lowered) if _MONTH_BEFORE.search(lowered, max(0, m.start() - 24), m.start())
    ]
    spans += [m.span() for m in _DAY_MONTH.finditer(lowered)]
    for start, end in spans:
        lowered = lowered[:start] + "y" * (end - start) + lowered[end:]
    return lowered


def _windows(lowered: str) -> list[tuple[int, int]]:
    """Return the merged stretches of text around cue words, where the patterns can match."""
    windows: list[tuple[int, int]] = []
    for cue in _CUE.finditer(lowered):
        start, end = max(0, cue.start() - _BEFORE_CUE), min(len(lowered), cue.end() + _AFTER_CUE)
        # a window starts at a word start: move back to the space before it
        while start > 0 and lowered[start - 1].isalnum():
            start -= 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def find_casualties(text: str) -> list[Casualties]:
    """Return the death counts stated in ``text``, left to right, without overlaps."""
    found: list[Casualties] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, count: int, count_max: int | None) -> None:
        if any(start < e and end > s for s, e in taken):
            return
        taken.append((start, end))
        phrase = text[start:end]
        found.append(Casualties(start, end, phrase, count, count_max, _TOTAL.search(phrase) is not None))

    lowered = text.lower()
    windows = _windows(lowered)
    if not windows:
        return found
    lowered = _mask_years(lowered)

    # victims named one by one first: "Omar Haddad and his two daughters" is three, not two
    for start, end, count in _named_victims(text):
        phrase = text[start:end]
        if (
            _PLURAL_PERSONS.search(phrase)
            and (_NAME.search(phrase) or _PERSON.search(phrase))
            and not _COUNT_INSIDE.search(phrase)
        ):
            add(start, end, count, None)
    for kind, pattern in _PATTERNS:
        matches = (m for start, end in windows for m in pattern.finditer(text, start, end, lowered))
        for match in matches:
            if kind == "none":
                add(match.start(), match.end(), 0, None)
                continue
            if kind == "pair":
                add(match.start(), match.end(), _PAIR_COUNT, None)
                continue
            number_end = max(match.end(g) for g in ("lo", "lo2", "n") if g in match.re.groupindex)
            if _AGE_AFTER.match(text, number_end):
                continue  # "a 67-year-old man was killed": an age, not a count
            value = _from_match(match)
            number = (match.group("n") or match.group("lo2") or "").lower() if kind == "noun_first" else ""
            if number in {"a", "an"} and not _PASSIVE.search(match.group()):
                continue  # "an airstrike killed": the number belongs to the weapon
            if kind == "verb_first" and (match.group("n") or match.group("lo2") or "").lower() in {"a", "an"}:
                continue  # "killing a man and his son": counted person by person below
            if value is not None:
                add(match.start(), match.end(), value[0], value[1])
    for start, end, count in _named_victims(text):
        add(start, end, count, None)
    for match in (m for start, end in windows for m in _SINGLE.finditer(text, start, end, lowered)):
        add(match.start(), match.end(), 1, None)
    found.sort(key=lambda c: c.start)
    return found
