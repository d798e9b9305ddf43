"""Recognition: the candidate place-name spans of a text, and the words around them.

A compiled regular expression finds runs of capitalised words (allowing inner lower-case articles
and connectors such as ``al``/``ez``/``of``, hyphens and apostrophes: ``Deir ez-Zor``,
``Ma'arrat al-Nu'man``, ``Gulf of Aden``), optionally led by a lower-case Arabic article
(``al Quriyah``, ``as-Sweida``). Inside a run, the longest sub-sequence (up to six words) whose folded
key is in the gazetteer wins, left to right. Single words that are common English or reporting words
(:mod:`strikewatch.geo.stopwords`) are skipped; demonyms are counted (they steer the focus).

:func:`link` then reads the words around each candidate: feature hints ("X Province", "city of X"),
directions ("northern X"), and containment ("A in B", "A, B").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from strikewatch.geo.fold import fold_name, simplify_name
from strikewatch.geo.second_level import has_unit_kind
from strikewatch.geo.stopwords import (
    DEMONYMS,
    DIRECTION_WORDS,
    FACILITY_WORDS,
    FUNCTION_WORDS,
    PERSON_NAMES,
    PERSON_TITLES,
    STOPWORDS,
)
from strikewatch.model import Place

_LOCAL_FEATURES = frozenset({"admin1", "admin2", "admin3", "city"})


class Entries(list[tuple[Place, bool]]):
    """The gazetteer entries of one folded key: (place, matched through an alternate name) pairs,
    with what recognition, focus and resolution ask of them worked out once per key (the geoparser
    caches one ``Entries`` per key, so a name met again in other reports costs nothing more)."""

    __slots__ = (
        "admin1",
        "all_kinds",
        "any_admin1",
        "can_contain",
        "countries",
        "districts",
        "global_",
        "kinds",
        "likeliest",
        "listed",
        "local",
        "loose",
        "main",
        "spelled",
        "top_population",
        "units",
    )

    def __init__(self, pairs: Iterable[tuple[Place, bool]] = (), loose: Sequence[Place] = ()) -> None:
        super().__init__(pairs)
        #: the places among the alternate-name entries that only the name's consonants matched (users'
        #: point lists, see ``BundledGazetteer.similar``)
        self.loose: Sequence[Place] = loose
        #: the places matched through their main name
        self.main: list[Place] = [p for p, alt in self if not alt]
        #: their feature kinds ("country", "admin1", "city" …)
        self.kinds: frozenset[str] = frozenset(p.feature for p in self.main)
        #: the feature kinds of all the entries (alternate names too: "Extreme-Nord" for Far North)
        self.all_kinds: frozenset[str] = frozenset(p.feature for p, _ in self)
        #: countries the name is the main name of
        self.countries: frozenset[str | None] = frozenset(p.country_code for p in self.main if p.feature == "country")
        #: admin1 units the name is the main name of
        self.admin1: list[Place] = [p for p in self.main if p.feature == "admin1"]
        #: main-name places that are local units or towns
        self.local: list[Place] = [p for p in self.main if p.feature in _LOCAL_FEATURES]
        #: GeoNames second-level units among the entries (a bare name takes them only where the text
        #: marks a unit: see ``is_district``)
        self.districts: bool = any(is_district(p) for p, _ in self)
        #: the name is a sea's or a world region's (no country)
        self.global_: bool = any(p.country_code is None for p in self.main)
        self.top_population: int = max((p.population for p in self.main), default=0)
        #: memo of the resolver's country and admin1 namesakes, per surface form
        self.units: dict[str, list[int]] = {}
        self.can_contain: bool = any(
            p.feature in ("admin1", "admin2", "admin3", "country") or (p.feature != "city" and p.country_code)
            for p, _ in self
        )
        #: memo of :func:`strikewatch.geo.focus` spelling comparisons, per surface form
        self.spelled: dict[str, list[Place]] = {}
        #: an admin1 among all the entries (alternate names too)
        self.any_admin1: bool = any(p.feature == "admin1" for p, _ in self)
        #: a town of a user's point list (no GeoNames id) among the entries
        self.listed: bool = any(p.geonameid is None and p.feature == "city" for p, _ in self)
        #: the most populous main-name town or district that has an admin1: where the name most likely is
        towns = [p for p in self.local if p.feature != "admin1" and p.admin1]
        self.likeliest: Place | None = max(towns, key=lambda p: p.population) if towns else None


def is_district(place: Place) -> bool:
    """Is the place one of GeoNames' second-level units (:mod:`strikewatch.geo.second_level`)?"""
    return place.feature == "admin2" and place.geonameid is not None


Lookup = Callable[[str], Entries]
#: What :func:`scan` returns: the candidate matches, demonym counts per country, and the demonyms
#: written as adjectives of nationality (start, end, country code).
Scan = tuple[list["_Match"], dict[str, int], list[tuple[int, int, str]]]

# -- patterns --------------------------------------------------------------------------------------------
_ART = (
    r"(?:al|el|ar|as|ad|ash|az|ez|an|at|es|et|ed|ul|il|de|du|di|da|del|della|des|la|le|of|on|upon|the|"
    r"bin|ibn|bani|um|umm|abu|bu|do|dos|das|los|las|y|van|der|den|von)"
)
_LEAD = r"(?:al|el|ar|ash|az|ez|ad|ed|es|et|ul)"
_CAP = r"['‘ʿ]?[A-ZÀ-ÖØ-ÞĀ-Ž][\w]*(?:['’ʿʾ‘](?!s\b)\w+)*"
# (the lookahead on the first letter is only a speed-up: it spares trying the articles elsewhere)
_SPAN = re.compile(
    rf"(?=[A-ZÀ-ÖØ-ÞĀ-Ž'‘ʿaeoudtbilu])(?<![\w'’‘-])(?:{_LEAD} |{_ART}-)?{_CAP}"
    rf"(?:[ -](?:{_ART}[ -]){{0,2}}{_CAP}){{0,6}}"
)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_RUN_SEPARATOR = re.compile(r"[ -]")
_MAX_TOKENS = 6
_SUBSTRING_TESTS = 8
_LINK_WORDS = frozenset(_ART[3:-1].split("|")) - {"y"}
_LEAD_ARTICLES = frozenset(_LEAD[3:-1].split("|")) | {"as", "an", "at"}

#: Feature hints of generic words following (or preceding, with "of") a name.
_SUFFIX_HINT: dict[str, str] = {
    "province": "admin1",
    "provinces": "admin1+",
    "governorate": "admin1",
    "governorates": "admin1+",
    "oblast": "admin1",
    "oblasts": "admin1+",
    "state": "admin1",
    "region": "admin1",
    "muhafazat": "admin1",
    "city": "city",
    "town": "city",
    "village": "city",
    "villages": "city",
    "district": "admin2",
    "districts": "admin2+",
    "subdistrict": "admin2",
    "sub-district": "admin2",
    "nahiya": "admin2",
    "township": "admin2",
    "municipality": "admin2",
    "department": "admin2",
    "regency": "admin2",
    "territory": "admin2",
    "prefecture": "admin2",
    "raion": "admin2",
    "rayon": "admin2",
    "upazila": "admin2",
    "tehsil": "admin2",
    "taluka": "admin2",
    "commune": "admin2",
    "cercle": "admin2",
    "zone": "admin2",
    "lga": "admin2",
    "countryside": "countryside",
    "outskirts": "near",
    "suburbs": "near",
    "vicinity": "near",
    "surroundings": "near",
    "area": "near",
    "areas": "near",
    "farms": "near",
    "farmlands": "near",
}
_FOLLOW = re.compile(
    r"(?:['’]s)?[ -]+(?:(?:north|south|east|west)(?:ern)? |(?:north|south)-?(?:east|west)(?:ern)? )?"
    r"(provinces?|governorates?|oblasts?|state|region|muhafazat|city|towns?|villages?|districts?|sub-?district|nahiya|"
    r"township|municipality|department|regency|territory|prefecture|raion|rayon|upazila|tehsil|taluka|"
    r"commune|cercle|zone|LGA|"
    r"countryside|outskirts|suburbs|vicinity|surroundings|areas?|farms|farmlands)\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"(?:(?P<near>\bnear(?:by)?|\boutskirts of|\bvicinity of|\bperiphery of|\benvirons of|\bsurroundings of|"
    r"\baround|\bclose to|\bnext to|\bkm (?:\w+ )?(?:from|of)|\bkilometers? (?:\w+ )?(?:from|of)|"
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west) of|\bfarms of|\bfarmlands of|\bsuburbs of|\bouter)"
    r"|(?P<countryside>\bcountryside of|\brural|\bhinterland of|\bdesert of|\bareas of|\bparts of|\bacross|"
    r"\bthroughout|\bregions? of|\bdistricts of|\bvillages of|\btowns of)"
    r"|(?P<admin1>\bprovince of|\bgovernorate of|\bprovinces of|\bstate of|\boblast of)"
    r"|(?P<admin2>\bdistrict of|\bsub-?district of|\bcommune of|\bmunicipality of|\btownship of|\bpartido of|"
    r"\bdepartment of|\bcounty of|\bterritory of|\bcercle of|\bupazila of|\btehsil of)"
    r"|(?P<city>\bcity of|\btown of|\bvillage of|\bcity centre of|\bcity center of)"
    r")(?: the)? $",
    re.IGNORECASE,
)
# What may stand between a place and the unit that contains it: "A in B", "A, B", "A town in the
# eastern countryside of B", "A in B's western countryside" (the last is handled by the span regex).
_FACILITY_GAP = (
    r"town|village|city|area|camp|neighbou?rhood|district|subdistrict|countryside|outskirts|prison|base|"
    r"airbase|airport|crossing|road|front|checkpoint|hospital|school|mosque|market|street|square|roundabout|"
    r"dam|bridge|station|field|oilfield|plant|factory|farms?|axis|frontline|junction|highway|"
    r"province|governorate|state|region|regency|township|municipality|department|territory|prefecture|county|"
    r"commune|upazila|tehsil|division|raion|rayon|zone|sector|locality|sub-?county|sub-?division|sub-?prefecture"
)
_CONTAINED_GAP = re.compile(
    rf"^(?:[ -]+(?:{_FACILITY_GAP}))?"
    # an unknown name between: "A prison in Ghoweran neighbourhood in B", "A - Kahil road in B"
    rf"(?:(?:\s+(?:in|of|at)\s+(?:the\s+)?|\s*-\s*)(?-i:[A-Z])[\w'’‘-]*(?:\s+(?:al\s+|el\s+)?(?-i:[A-Z])[\w'’‘-]*)*"
    rf"(?:\s+(?:{_FACILITY_GAP}))?)?"
    r"(?:\s*,\s*|\s*\(\s*|\s+(?:in|of|at|within|inside)\s+)(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern)?\s+|"
    r"(?:north|south)-?(?:east|west)(?:ern)?\s+|rural\s+)?"
    r"(?:(?:countryside|province|governorate|outskirts|district|desert|suburbs)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_UNKNOWN_BEFORE = re.compile(
    r"[A-Z][\w'’‘-]*(?:[ -](?:(?:al|el|ar|as|ad|ash|az|ez|an|at)[ -])?[A-Z][\w'’‘-]*)*"
    r"(?: (?:town|village|city|area|camp|base|crossing|road|neighbou?rhood|district|subdistrict|front|checkpoint))?"
    r" (?:in|of) (?:the )?"
    r"(?:(?:north|south|east|west|central)(?:ern)? |(?:north|south)-?(?:east|west)(?:ern)? |rural )?"
    r"(?:(?:countryside|outskirts|province|governorate) of (?:the )?)?$"
)
_FACILITY_BEFORE_IN = re.compile(r"([\w'’-]+) (?:in|of) (?:the )?[\w\s-]*$")
_BEFORE_LAST = frozenset(
    ("near", "nearby", "of", "around", "to", "from", "rural", "outer", "the", "across", "throughout")
)
_UNKNOWN_LAST = frozenset(("in", "of", "the", "rural")) | DIRECTION_WORDS


def _last_word(text: str, end: int) -> str:
    """The lower-cased word that ends one space before ``end`` (``""`` if none)."""
    stop = end - 1
    start = stop
    while start > 0 and start > stop - 16 and (text[start - 1].isalpha() or text[start - 1] == "-"):
        start -= 1
    return text[start:stop].lower()


_ROAD_AFTER = re.compile(
    r"(?:[ ]?-[ ]?(?-i:[A-Z])[\w'’-]*(?: (?-i:[A-Z])[\w'’-]*)?)?(?: international)? "
    r"(?:highway|road|motorway|railway|route|pipeline|corridor)\b",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)$", re.IGNORECASE)

_ACRONYM_PLACES = frozenset({"US", "USA", "UK", "UAE", "DRC", "EU"})
_DOTTED = re.compile(r"(?<![\w.])(?:U\.S\.A\.|U\.S\.|U\.K\.|U\.A\.E\.)")
_TITLE_BEFORE = re.compile(r"(?:^|[\s(])([A-Z][a-z]{1,12})\.? $")
#: Folded keys of generic first words of Arabic (and other) names: alone before another capitalised
#: word ("Tal Samn", "Kafr Taal") they are the start of an unknown name, not the place "Tall".
_GENERIC_HEAD_WORDS = """
Tal Deir Kafr Ain Jabal Khirbat Abu Umm Beit Sheikh Jisr Wadi Ras Bab Bir Qasr Qalaat Mazraat Marj Nahr
Hay Sahl Tall Tell Ard Arab Ayn Saint Mount San Santa Port Fort Cape Lake New Old Upper Lower Great
Little Big Small Al El Bani Beni Bayt Dar Hamam Hammam Maarat Maaret Mazraa Qaryat Shaykh Tel Zor Ibn
Bin Ali
"""
_GENERIC_HEADS = frozenset(fold_name(w) for w in _GENERIC_HEAD_WORDS.split())


@lru_cache(maxsize=131072)
def _key(surface: str) -> str:
    return fold_name(surface)


@lru_cache(maxsize=131072)
def _similarity(surface: str, name: str) -> float:
    a, b = simplify_name(surface), simplify_name(name)
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


#: After a country name: it is an actor or an adjective, not where things happen.
_ACTOR_AFTER = re.compile(
    r"(?:-(?:led|backed|based|made|supplied|funded|brokered|allied)\b|(?:['’]s)?\s+(?:forces?|troops?|military|"
    r"army|navy|air force|airforce|marines?|soldiers?|service|servicemen|personnel|officials?|government|"
    r"authorities|embassy|president|ministry|minister|envoy|diplomats?|intelligence|special|drones?|jets?|"
    r"aircraft|warplanes?|missiles?|strikes?|airstrikes?|officers?|citizens?|nationals?|backed|led|"
    r"said|says|denied|denies|claimed|claims|accused|accuses|launched|launches|blamed|condemned|warned|"
    r"announced|responded|insisted|invaded|sent|carried|stated|rejected|vowed|demanded|urged|"
    r"has|had|have|is|was|were|will|would)\b)",
    re.IGNORECASE,
)
#: After a country name: a currency or an economic indicator, not a place ("the US dollar exchange rate").
_NOT_PLACE_AFTER = re.compile(
    r"(?:-|\s+)(?:dollars?|euros?|pounds?|francs?|pesos?|rupees?|shillings?|dinars?|currency|treasury bonds?|"
    r"stock (?:market|exchange))\b",
    re.IGNORECASE,
)
#: Between a unit and a place inside it, written before it: "Idleb's Ariha district", "Helmand's Nad Ali".
_POSSESSIVE_GAP = re.compile(
    r"^['’]s\s+(?:(?:north|south|east|west|central)(?:ern)?\s+|(?:north|south)-?(?:east|west)(?:ern)?\s+)?$", re.I
)
#: Around an admin1 name: the unit's kind ("Donetsk Oblast", "province of Helmand").
_UNIT_AFTER = re.compile(r"[ -](?:provinces?|governorates?|oblasts?|state|region|prefecture|krai|county)\b", re.I)
_UNIT_BEFORE = re.compile(r"\b(?:province|governorate|oblast|state|region) of (?:the )?$", re.IGNORECASE)


def _is_stop(word: str) -> bool:
    low = word.lower().replace("’", "'")
    return low in STOPWORDS or low in DEMONYMS


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    surface: str
    key: str
    entries: Entries
    hint: str | None = None  # admin1 | admin2 | city | countryside | near
    plural: bool = False
    direction: str | None = None
    partial: bool = False  # a capitalised neighbour word was left out (a personal name?)
    arabic_article: bool = False  # the name as written has an Arabic article ("al-Fateh")
    within: list[_Match] = field(default_factory=list)  # containers named right after it
    container: bool = False
    strict: bool = True  # the containment is stated ("in", "of"), not just a comma
    actor: bool = False  # a country name used as an actor or adjective ("U.S. troops", "Russia said")
    unit: bool = False  # written with an admin unit's kind ("Donetsk Oblast", "province of Helmand")
    facility: bool = False  # contains only an unknown facility ("the airport in Kabul")
    marked: bool = False  # the text marks it as an admin unit (its kind, or a place said to lie in it)
    paren: bool = False  # written in a parenthesis after a place ("Kolofata (Mayo-Sava, Extreme-Nord)")


def scan(text: str, lookup: Lookup) -> Scan:
    """The candidate spans of ``text`` whose folded key ``lookup`` knows, and the demonym counts."""
    matches: list[_Match] = []
    demonyms: dict[str, int] = {}
    adjectives: list[tuple[int, int, str]] = []
    lower: set[str] | None = None
    substring_tests = 0

    def written_lower(low: str) -> bool:
        """Is ``low`` also written in lower case in the text (a common word, then)?"""
        nonlocal lower, substring_tests
        if lower is None:
            # A few substring tests are cheaper than collecting the words of a long text; many are not.
            if substring_tests < _SUBSTRING_TESTS:
                substring_tests += 1
                if low not in text:
                    return False
            lower = set(_LOWER_WORD.findall(text))
        return low in lower

    for span in _SPAN.finditer(text):
        stext = span.group()
        if stext.isalpha():  # one plain word: most spans ("The", "On", "April", "Aleppo")
            low = stext.lower()
            cc = DEMONYMS.get(low)
            if cc is not None:
                demonyms[cc] = demonyms.get(cc, 0) + 1
                if stext[0].isupper() and not stext.isupper():
                    adjectives.append((span.start(), span.end(), cc))
                continue
            if _common_word(stext, low, written_lower):
                continue
            key = _key(stext)
            entries = lookup(key) if key else None
            if entries:
                matches.append(_Match(span.start(), span.end(), stext, key, entries))
            continue
        _scan_run(text, span.start(), stext, lookup, written_lower, matches, demonyms, adjectives)
    if "U." in text:
        for dotted in _DOTTED.finditer(text):
            entries = lookup(_key(dotted.group()))
            if entries:
                matches.append(_Match(dotted.start(), dotted.end(), dotted.group(), _key(dotted.group()), entries))
        matches.sort(key=lambda m: m.start)
    if "." in text:
        _add_abbreviations(text, matches, lookup)
    if "(" in text:
        _add_parenthesised_states(text, matches, lookup)
    mark_persons(text, matches)
    mark_roles(text, matches)
    if matches:
        matches[:] = [m for m in matches if "country" not in m.entries.kinds or not _NOT_PLACE_AFTER.match(text, m.end)]
    return matches, demonyms, adjectives


def _unmarked_district(text: str, start: int, end: int, surface: str, entries: Entries) -> bool:
    """Is the name only a district's, written where the text does not mark a unit (its kind, a
    parenthesis, a kind word after it, a comma before or after it)?"""
    if not all(is_district(p) for p, _ in entries):
        return False
    marked = has_unit_kind(surface) or _in_parentheses(text, start) or _FOLLOW.match(text, end)
    return not (marked or text.startswith(", ", end) or text.startswith(", ", max(0, start - 2)))


def _common_word(word: str, low: str, written_lower: Callable[[str], bool]) -> bool:
    """Is a single capitalised ``word`` (lower-cased ``low``) no place name: a stop word, a letter, an
    acronym ("HTS", "JaS"; but "US", "UK"…), or a word the text also writes in lower case?"""
    if word in _ACRONYM_PLACES:
        return False
    return low in STOPWORDS or len(word) < 2 or (len(word) <= 5 and not word[1:].islower()) or written_lower(low)


def _scan_run(
    text: str,
    base: int,
    run: str,
    lookup: Lookup,
    written_lower: Callable[[str], bool],
    matches: list[_Match],
    demonyms: dict[str, int],
    adjectives: list[tuple[int, int, str]],
) -> None:
    """Match the longest known names, left to right, inside one run of several capitalised words."""
    # A run's words are separated by single spaces or hyphens (see _SPAN), so splitting is tokenizing.
    words = _RUN_SEPARATOR.split(run)
    tokens = []
    at = base
    for word in words:
        tokens.append((at, at + len(word), word))
        at += len(word) + 1
    # per token once: the tries below revisit each token several times
    lows = [w.lower() for w in words]
    function = [low in FUNCTION_WORDS for low in lows]
    caps = [w[0].isupper() or (w[0] in "'‘ʿ" and len(w) > 1 and w[1].isupper()) for w in words]
    n = len(tokens)
    i = 0
    while i < n:
        if not caps[i] and not (i == 0 and n > 1 and caps[1]):
            i += 1
            continue
        found = False
        for j in range(min(n, i + _MAX_TOKENS), i, -1):
            # (a kind word ends no name, but "City" in "Quezon City" or "Kuwait City" is part of it)
            if not caps[j - 1] or (j - 1 > i and lows[j - 1] in _SUFFIX_HINT and lows[j - 1] != "city"):
                continue
            s0, e0 = tokens[i][0], tokens[j - 1][1]
            if j == i + 1 or (j == i + 2 and not caps[i]):
                word, low = words[j - 1], lows[j - 1]
                cc = DEMONYMS.get(low)
                if cc is not None:
                    demonyms[cc] = demonyms.get(cc, 0) + 1
                    if j == i + 1 and word[0].isupper() and not word.isupper():
                        adjectives.append((s0, e0, cc))
                    continue
                if ("'" in word or "’" in word) and _CONTRACTION.search(word):
                    continue  # "We're", "I've", "They'll": not Weare, Ivey, Terry
                if _common_word(word, low, written_lower):
                    continue
            elif all(function[i:j]):
                continue
            elif j == i + 2 and lows[i] in _LEAD_ARTICLES and _is_stop(words[i + 1]):
                continue  # "Al-Shabaab": an article and a stop word
            surface = text[s0:e0]
            key = _key(surface)
            if not key:
                continue
            entries = lookup(key)
            if not entries:
                continue
            if (
                j - 1 > i
                and lows[j - 1] == "city"
                and (not any(p.name.endswith(" City") for p, _ in entries) or (j < n and caps[j]))
            ):
                continue  # "Aleppo City" is Aleppo, written with its kind ("Boulder City Manager": Boulder)
            if j > i + 1 and entries.districts and _unmarked_district(text, s0, e0, surface, entries):
                continue  # a run named only like a district ("Miami-Dade police"): the town inside it
            after = j < n and (
                (caps[j] and text[e0] == " " and lows[j] not in FACILITY_WORDS and lows[j] not in _SUFFIX_HINT)
                or (j + 1 < n and caps[j + 1] and lows[j] in _LINK_WORDS)
            )
            if after and j == i + 1 and key in _GENERIC_HEADS:
                continue
            before = i > 0 and (
                (
                    caps[i - 1]
                    and text[tokens[i - 1][1]] == " "  # "Aleppo-Lattakia" joins two places
                    and (not _is_stop(words[i - 1]) or lows[i - 1] in PERSON_NAMES)
                )
                or (i > 1 and caps[i - 2] and lows[i - 1] in _LINK_WORDS)
            )
            partial = before or (after and (not _is_stop(words[j]) or lows[j] in PERSON_NAMES))
            article = any(low in _LEAD_ARTICLES for low in lows[i:j])
            matches.append(_Match(s0, e0, surface, key, entries, partial=partial, arabic_article=article))
            i = j
            found = True
            break
        if not found:
            i += 1


#: Postal-style abbreviations of US states (AP style) and Canadian provinces, as written after a town
#: ("Athens, Ga.", "Charleston, W.Va.", "Kamloops, B.C."): (country, full name).
_STATE_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "Ala.": ("US", "Alabama"),
    "Ariz.": ("US", "Arizona"),
    "Ark.": ("US", "Arkansas"),
    "Calif.": ("US", "California"),
    "Colo.": ("US", "Colorado"),
    "Conn.": ("US", "Connecticut"),
    "Del.": ("US", "Delaware"),
    "Fla.": ("US", "Florida"),
    "Ga.": ("US", "Georgia"),
    "Ill.": ("US", "Illinois"),
    "Ind.": ("US", "Indiana"),
    "Kan.": ("US", "Kansas"),
    "Kans.": ("US", "Kansas"),
    "Ky.": ("US", "Kentucky"),
    "La.": ("US", "Louisiana"),
    "Md.": ("US", "Maryland"),
    "Mass.": ("US", "Massachusetts"),
    "Mich.": ("US", "Michigan"),
    "Minn.": ("US", "Minnesota"),
    "Miss.": ("US", "Mississippi"),
    "Mo.": ("US", "Missouri"),
    "Mont.": ("US", "Montana"),
    "Neb.": ("US", "Nebraska"),
    "Nev.": ("US", "Nevada"),
    "Okla.": ("US", "Oklahoma"),
    "Ore.": ("US", "Oregon"),
    "Pa.": ("US", "Pennsylvania"),
    "Tenn.": ("US", "Tennessee"),
    "Tex.": ("US", "Texas"),
    "Vt.": ("US", "Vermont"),
    "Va.": ("US", "Virginia"),
    "Wash.": ("US", "Washington"),
    "Wis.": ("US", "Wisconsin"),
    "Wyo.": ("US", "Wyoming"),
    "N.H.": ("US", "New Hampshire"),
    "N.J.": ("US", "New Jersey"),
    "N.M.": ("US", "New Mexico"),
    "N.Y.": ("US", "New York"),
    "N.C.": ("US", "North Carolina"),
    "N.D.": ("US", "North Dakota"),
    "R.I.": ("US", "Rhode Island"),
    "S.C.": ("US", "South Carolina"),
    "S.D.": ("US", "South Dakota"),
    "W.Va.": ("US", "West Virginia"),
    "W. Va.": ("US", "West Virginia"),
    "D.C.": ("US", "District of Columbia"),
    "B.C.": ("CA", "British Columbia"),
    "Ont.": ("CA", "Ontario"),
    "Que.": ("CA", "Quebec"),
    "Alta.": ("CA", "Alberta"),
    "Sask.": ("CA", "Saskatchewan"),
    "Man.": ("CA", "Manitoba"),
}
#: Abbreviations of Indian and Pakistani states as the press writes them in a parenthesis after a
#: place ("Reasi city (J&K)", "(Chittoor, AP)"): only there, since "UP" or "AP" are words elsewhere.
_PAREN_STATE_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "AP": ("IN", "Andhra Pradesh"),
    "UP": ("IN", "Uttar Pradesh"),
    "MP": ("IN", "Madhya Pradesh"),
    "HP": ("IN", "Himachal Pradesh"),
    "TN": ("IN", "Tamil Nadu"),
    "WB": ("IN", "West Bengal"),
    "J&K": ("IN", "Jammu and Kashmir"),
    "AJK": ("PK", "Azad Kashmir"),
    "KP": ("PK", "Khyber Pakhtunkhwa"),
    "KPK": ("PK", "Khyber Pakhtunkhwa"),
}
#: (alone in a parenthesis only those that are nothing else: "(AP)" is the news agency, "(MP)" a member)
_PAREN_ABBREVIATION = re.compile(r"(?:(?<=\()(?=J&K|AJK|KPK)|(?<=, ))(J&K|AJK|KPK|AP|UP|MP|HP|TN|WB|KP)(?=\))")
#: The dotted two-letter forms stand anywhere; a single abbreviated word only after "Town, ".
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:(?P<dotted>(?:[NRSWD]\. ?(?:[A-Z]\.|Va\.))|B\.C\.)"
    r"|(?<=, )(?P<word>[A-Z][a-z]{1,4}\.))"
)
_ABBREVIATION_START = re.compile(r"[A-Z][a-z]{0,4}\.")
_CONTRACTION = re.compile(r"['’](?:re|ve|ll|d|m|t)$", re.IGNORECASE)


def _add_abbreviations(text: str, matches: list[_Match], lookup: Lookup) -> None:
    """Add the state and province abbreviations of ``text`` to ``matches`` (replacing what the plain
    scan made of their letters: "Kan" is not Keene)."""
    found: list[_Match] = []
    last_end = 0
    # the full pattern is slow to try at every position: only where a capital starts a dotted word
    for hint in _ABBREVIATION_START.finditer(text):
        if hint.start() < last_end:
            continue
        m = _ABBREVIATION.match(text, hint.start())
        if m is None:
            continue
        last_end = m.end()
        surface = m.group()
        if surface not in _STATE_ABBREVIATIONS:
            continue
        if surface == "B.C." and re.search(r"\d\s*$", text[max(0, m.start() - 6) : m.start()]):
            continue  # "500 B.C."
        cc, name = _STATE_ABBREVIATIONS[surface]
        key = fold_name(name)
        entries = Entries((p, False) for p, _ in lookup(key) if p.feature == "admin1" and p.country_code == cc)
        if entries:
            found.append(_Match(m.start(), m.end(), name, key, entries))  # spelled out: "Ky." is Kentucky
    if found:
        spans = [(f.start, f.end) for f in found]
        matches[:] = [x for x in matches if not any(x.start < e and x.end > s for s, e in spans)] + found
        matches.sort(key=lambda x: x.start)


def _add_parenthesised_states(text: str, matches: list[_Match], lookup: Lookup) -> None:
    """Add the state abbreviations written in a parenthesis ("(Chittoor, AP)") to ``matches``."""
    found = []
    for m in _PAREN_ABBREVIATION.finditer(text):
        if not _in_parentheses(text, m.start()):
            continue
        cc, name = _PAREN_STATE_ABBREVIATIONS[m.group(1)]
        key = fold_name(name)
        entries = Entries((p, False) for p, _ in lookup(key) if p.feature == "admin1" and p.country_code == cc)
        if entries and not any(x.start < m.end() and x.end > m.start() for x in matches):
            found.append(_Match(m.start(), m.end(), name, key, entries))
    if found:
        matches.extend(found)
        matches.sort(key=lambda x: x.start)


def mark_roles(text: str, matches: list[_Match]) -> None:
    """Mark country names used as actors or adjectives ("U.S. service members", "Russia denied",
    "Israel's army") and names written with their unit's kind ("Saada Governorate")."""
    for m in matches:
        kinds = m.entries.kinds
        if "country" in kinds and _ACTOR_AFTER.match(text, m.end):
            m.actor = True
        if "admin1" in kinds and (
            _UNIT_AFTER.match(text, m.end)
            or (m.start > 3 and _UNIT_BEFORE.search(text, max(0, m.start - 24), m.start))
            # "Karak in Dar'a": a name said to lie in it
            or (m.start > 3 and _UNKNOWN_BEFORE.search(text, max(0, m.start - 80), m.start))
        ):
            m.unit = True


def mark_persons(text: str, matches: list[_Match]) -> None:
    """A name seen after a title ("President Modi") or after a given name ("Narendra Modi") is a
    person's name throughout the text: its other mentions are marked ``partial`` too."""
    persons: set[str] = set()
    for m in matches:
        title = _TITLE_BEFORE.search(text, max(0, m.start - 16), m.start)
        if title and title.group(1).lower() in PERSON_TITLES:
            m.partial = True
        if m.partial and " " not in m.surface and "-" not in m.surface:
            persons.add(m.key)
    if persons:
        for m in matches:
            if m.key in persons:
                m.partial = True


def link(text: str, matches: list[_Match]) -> None:
    """Attach feature hints, plural suffixes, directions and containment to the matches."""
    lasts = [_last_word(text, m.start) for m in matches]  # the word before each
    for m, last in zip(matches, lasts, strict=True):
        follow = _FOLLOW.match(text, m.end)
        if follow and not (follow.group(1).lower() in _INSTITUTION_KINDS and follow.group(1)[0].isupper()):
            word = follow.group(1).lower()
            hint = _SUFFIX_HINT.get(word, _SUFFIX_HINT.get(word.rstrip("s")))
            if hint and hint.endswith("+"):
                m.plural, hint = True, hint[:-1]
            m.hint = hint
        if _ROAD_AFTER.match(text, m.end):  # "the Aleppo-Lattakia highway": somewhere along it
            m.hint = "near"
        if m.start < 2 or text[m.start - 1] != " ":
            continue
        if last in _BEFORE_LAST:
            before = _BEFORE.search(text, max(0, m.start - 40), m.start)
            if before and before.end() == m.start:
                kind = before.lastgroup
                if m.hint is None or kind in ("admin1", "city", "admin2"):
                    m.hint = kind
                elif kind == "near" and m.hint == "city":
                    m.hint = "near"
        if last in DIRECTION_WORDS:
            m.direction = text[m.start - 1 - len(last) : m.start - 1]
    # "ar Raqqah and Deir ez Zour Provinces": the plural suffix applies to the whole list.
    for idx in range(len(matches) - 1, 0, -1):
        m = matches[idx]
        if not m.plural:
            continue
        k = idx - 1
        while k >= 0 and _LIST_GAP.match(text[matches[k].end : matches[k + 1].start]):
            if matches[k].hint in (None, "countryside"):
                matches[k].hint = m.hint
            k -= 1
    # "Rmelan in Al-Hasakeh" with Rmelan unknown: Al-Hasakeh is still the province around it.
    for m, last in zip(matches, lasts, strict=True):
        if m.start > 2 and last in _UNKNOWN_LAST and m.entries.can_contain:
            unknown = _UNKNOWN_BEFORE.search(text, max(0, m.start - 80), m.start)
            if unknown:
                m.container = True
                # "the airport in Kabul", "a market in Mosul": the city, not its province
                head = _FACILITY_BEFORE_IN.search(unknown.group())
                m.facility = bool(head and head.group(1).lower() in FACILITY_WORDS)
    # Containment: "A in B", "A, B", "A (B)", "A town (B, C)", "A town in the eastern countryside of B",
    # and "B's A district".
    for idx, (a, b) in enumerate(itertools.pairwise(matches)):
        gap = text[a.end : b.start]
        if _POSSESSIVE_GAP.match(gap) and a.entries.can_contain and a.entries.kinds & _UNIT_KINDS:
            b.within.append(a)
            a.container = True
            b.strict = "admin1" in a.entries.kinds  # (a country's: "the USA's West Coast" may be a region)
            continue
        if len(gap) > 45 or not _CONTAINED_GAP.match(gap):
            continue
        paren = "(" in gap or _in_parentheses(text, a.start)
        if "," in gap and not re.search(r"\b(?:in|of|at|within|inside)\b", gap, re.IGNORECASE):
            # "A, B": containment only if B is a province or country (or, in parentheses or before a
            # province, a district: "(A, B)", "A, B, C") and ends no list ("A, B and C").
            nxt = matches[idx + 2] if idx + 2 < len(matches) else None
            if nxt is not None and _LIST_GAP.match(text[b.end : nxt.start]):
                continue
            kinds = b.entries.all_kinds if paren else b.entries.kinds | (b.entries.all_kinds & {"admin1"})
            only_unit = "city" not in kinds  # (no list of towns: "San Carlos, Negros Occidental")
            chained = (
                nxt is not None
                and "admin1" in nxt.entries.all_kinds
                and re.fullmatch(r"[ -]*(?:\w+)?\s*,\s*", text[b.end : nxt.start]) is not None
            )
            if not ("admin1" in kinds or "country" in kinds or ("admin2" in kinds and (paren or chained or only_unit))):
                continue
            # stated, not a list: in a parenthesis, with the unit's kind ("A, B state"), or B no town
            # while A is no unit itself
            a.strict = (
                paren or _UNIT_AFTER.match(text, b.end) is not None or (only_unit and not a.entries.kinds & _UNIT_KINDS)
            )
        if can_contain(b):
            a.within.append(b)
            b.container = True
            b.facility = False
    for m in matches:
        m.paren = _in_parentheses(text, m.start)
        m.marked = m.hint == "admin2" or m.container or bool(m.within) or m.paren or has_unit_kind(m.surface)
        if m.surface.endswith(" City") and m.hint is None:
            m.hint = "city"


_UNIT_KINDS = frozenset({"admin1", "country"})
#: Kind words that, capitalised, name an institution ("the Texas Department of Transportation").
_INSTITUTION_KINDS = frozenset({"department", "territory", "zone", "commune"})


def _in_parentheses(text: str, at: int) -> bool:
    """Is position ``at`` inside an open parenthesis of the same sentence ("(Quissanga, Cabo Delgado)")?"""
    before = text[max(0, at - 60) : at]
    opened = before.rfind("(")
    if opened < 0 or ")" in before[opened:] or "." in before[opened:]:
        return False
    head = before[:opened].rstrip()  # the parenthesis follows a name: "Logobou (", "Mamfe town ("
    return bool(head) and (head[-1].isupper() or head.split()[-1][:1].isupper() or head.endswith(_KIND_ENDINGS))


_KIND_ENDINGS = ("town", "village", "city", "district", "area", "camp", "commune", "municipality", "province")


def can_contain(m: _Match) -> bool:
    """Can the name be a unit that contains other places (an admin unit, a country, a region)?"""
    return m.entries.can_contain
