"""The geoparser: find place names in a report and resolve each to one gazetteer place.

Recognition is a compiled regular expression over the text: runs of capitalised words (allowing
inner lower-case articles and connectors such as ``al``/``ez``/``of``, hyphens and apostrophes:
``Deir ez-Zor``, ``Ma'arrat al-Nu'man``, ``Gulf of Aden``), optionally led by a lower-case Arabic
article (``al Quriyah``, ``as-Sweida``). Inside a run, the longest sub-sequence (up to six words)
whose folded key is in the gazetteer wins, left to right. Single words that are common English or
reporting words (:mod:`strikewatch.geo.stopwords`) are skipped; demonyms only steer the focus.

Resolution scores each candidate place of a name with, in decreasing weight:

1. containment: ``A in B``, ``A, B``, ``A in eastern B countryside`` require A to lie in B (an admin1,
   admin2 or country named right after it), and make B the admin unit;
2. context: a candidate whose admin1 or country is named elsewhere in the text;
3. the document's country focus (given, or inferred by :meth:`Geoparser.focus`); places outside it
   must be big (or in a named country) to be taken at all;
4. the feature the words around imply (``Aleppo Province``/``province of`` → admin1,
   ``Aleppo city``/``city of`` → city, ``X countryside``/``rural X`` → admin1 when X is one,
   ``Ariha district`` → admin2); a bare name equal to both an admin1 and a city is the city;
5. population, and how close the spelling is to the place's main name when only an alternate
   (exonym) name matched.

``geo_precision`` of the resolved place follows ACLED: 1 the town itself, 2 near it / its outskirts
or countryside / an admin2-admin3 unit / a named region, 3 an admin1 or a country.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from strikewatch.geo.fold import fold_name, simplify_name
from strikewatch.geo.gazetteer import Gazetteer, load_admin_polygons, load_default_gazetteer
from strikewatch.geo.polygons import AdminPolygons
from strikewatch.geo.stopwords import (
    DEMONYMS,
    DIRECTION_WORDS,
    FACILITY_WORDS,
    FUNCTION_WORDS,
    PERSON_NAMES,
    PERSON_TITLES,
    STOPWORDS,
)
from strikewatch.model import PRECISION_NEAR, PRECISION_PLACE, PRECISION_REGION, Place

__all__ = ["Geoparser", "Toponym", "most_precise"]


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in a text, resolved to one place.

    ``start``/``end`` are character offsets into the text (``text == source[start:end]``);
    ``feature`` is the contract's value (``city``, ``admin1``, ``admin2``, ``country``, ``region`` or
    ``other``); ``candidates`` is how many gazetteer entries the name matched (its ambiguity).
    """

    start: int
    end: int
    text: str
    place: Place
    feature: str
    candidates: int

    def to_dict(self) -> dict[str, object]:
        """Return the contract's toponym object (JSON-ready)."""
        return {
            "start": self.start,
            "end": self.end,
            "name": self.text,
            "lat": self.place.lat,
            "lon": self.place.lon,
            "geonameid": self.place.geonameid,
            "feature": self.feature,
            "resolved": self.place.name,
            "admin1": self.place.admin1,
            "country": self.place.country,
        }


# -- recognition -----------------------------------------------------------------------------------------
_ART = (
    r"(?:al|el|ar|as|ad|ash|az|ez|an|at|es|et|ed|ul|il|de|du|di|da|del|della|des|la|le|of|on|upon|the|"
    r"bin|ibn|bani|um|umm|abu|bu)"
)
_LEAD = r"(?:al|el|ar|ash|az|ez|ad|ed|es|et|ul)"
_CAP = r"['‘ʿ]?[A-ZÀ-ÖØ-ÞĀ-Ž][\w]*(?:['’ʿʾ‘](?!s\b)\w+)*"
_SPAN = re.compile(rf"(?<![\w'’‘-])(?:{_LEAD} |{_ART}-)?{_CAP}(?:[ -](?:{_ART}[ -])?{_CAP}){{0,6}}")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_TOKEN = re.compile(r"['‘ʿ]?\w+(?:['’ʿʾ‘](?!s\b)\w+)*")
_MAX_TOKENS = 6
_LINK_WORDS = frozenset(_ART[3:-1].split("|"))
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
    r"|(?P<admin2>\bdistrict of|\bsub-?district of)"
    r"|(?P<city>\bcity of|\btown of|\bvillage of|\bcity centre of|\bcity center of)"
    r")(?: the)? $",
    re.IGNORECASE,
)
# What may stand between a place and the unit that contains it: "A in B", "A, B", "A town in the
# eastern countryside of B", "A in B's western countryside" (the last is handled by the span regex).
_FACILITY_GAP = (
    r"town|village|city|area|camp|neighbou?rhood|district|subdistrict|countryside|outskirts|prison|base|"
    r"airbase|airport|crossing|road|front|checkpoint|hospital|school|mosque|market|street|square|roundabout|"
    r"dam|bridge|station|field|oilfield|plant|factory|farms?|axis|frontline|junction|highway"
)
_CONTAINED_GAP = re.compile(
    rf"^(?:[ -]+(?:{_FACILITY_GAP}))?"
    # an unknown name between: "A prison in Ghoweran neighbourhood in B", "A - Kahil road in B"
    rf"(?:(?:\s+(?:in|of|at)\s+(?:the\s+)?|\s*-\s*)(?-i:[A-Z])[\w'’‘-]*(?:\s+(?:al\s+|el\s+)?(?-i:[A-Z])[\w'’‘-]*)*"
    rf"(?:\s+(?:{_FACILITY_GAP}))?)?"
    r"(?:\s*,\s*|\s+(?:in|of|at|within|inside)\s+)(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern)?\s+|"
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

_FEATURE_OUT = {
    "city": "city",
    "admin1": "admin1",
    "admin2": "admin2",
    "admin3": "admin2",
    "country": "country",
    "region": "region",
    "water": "other",
    "other": "other",
}
_FEATURE_PRIOR = {
    "country": 30.0,
    "city": 6.0,
    "admin1": 4.0,
    "admin2": 2.0,
    "admin3": 1.0,
    "region": 12.0,  # the hand-made regions, seas and landmarks beat small namesake towns
    "water": 12.0,
    "other": 12.0,
}
#: "X countryside" where X is a city-governorate means the surrounding governorate.
_COUNTRYSIDE_OF: dict[tuple[str, str], str] = {("SY", "Damascus"): "Rural Damascus"}
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
#: Around an admin1 name: the unit's kind ("Donetsk Oblast", "province of Helmand").
_UNIT_AFTER = re.compile(r"[ -](?:provinces?|governorates?|oblasts?|state|region|prefecture|krai|county)\b", re.I)
_UNIT_BEFORE = re.compile(r"\b(?:province|governorate|oblast|state|region) of (?:the )?$", re.IGNORECASE)


_LOCAL_FEATURES = frozenset({"admin1", "admin2", "admin3", "city"})


def _best_spelled(surface: str, places: list[Place], minimum: float = 0.8) -> list[Place]:
    """The places whose name is spelled most like ``surface`` (vowel folding makes Saada meet Saida),
    if spelled at least ``minimum`` alike."""
    if not places:
        return places
    sims = [_similarity(surface, p.name) for p in places]
    top = max(sims)
    if top < minimum:
        return []
    return [p for p, sim in zip(places, sims, strict=True) if sim >= top - 0.05]


def _is_stop(word: str) -> bool:
    low = word.lower().replace("’", "'")
    return low in STOPWORDS or low in DEMONYMS


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    surface: str
    key: str
    entries: list[tuple[Place, bool]]
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


def most_precise(toponyms: Sequence[Toponym]) -> Toponym | None:
    """The toponym with the smallest ``geo_precision`` (cities before admin units; first wins ties)."""
    best: Toponym | None = None
    best_rank: tuple[int, int] = (99, 99)
    order = {"city": 0, "admin3": 1, "admin2": 1, "other": 2, "admin1": 3, "region": 4, "water": 5, "country": 6}
    for t in toponyms:
        rank = (t.place.geo_precision or PRECISION_REGION, order.get(t.place.feature, 4))
        if rank < best_rank:
            best, best_rank = t, rank
    return best


class Geoparser:
    """Find and resolve toponyms. ``gazetteer`` defaults to :func:`load_default_gazetteer`."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer: Gazetteer = gazetteer if gazetteer is not None else load_default_gazetteer()
        entries = getattr(self.gazetteer, "entries", None)
        self._entries = entries if callable(entries) else None
        self._neighbours: dict[str, tuple[str, ...]] = getattr(self.gazetteer, "neighbours", {}) or {}
        self._polygons: dict[str, AdminPolygons | None] = {}
        self._lookup_cache: dict[str, list[tuple[Place, bool]]] = {}
        self._last_scan: tuple[str, list[_Match], dict[str, int]] | None = None

    # -- public API ----------------------------------------------------------------------------------
    def find(self, text: str, focus_countries: Sequence[str] = ()) -> list[Toponym]:
        """Return the resolved toponyms of ``text`` in text order.

        ``focus_countries`` (ISO alpha-2 codes, most likely first) are countries known to be the
        document's subject from outside its text (a source's country, a dataset's filter): small
        places elsewhere are then ruled out. The text's own clues are always added after them, and
        passing back what :meth:`focus` inferred from the same text adds no strictness of its own.
        """
        matches, demonyms = self._scan_once(text)
        if not matches:
            return []
        self._link(text, matches)
        given = [c.upper() for c in focus_countries]
        inferred, strong, evidence = self._focus_scores(matches, demonyms)
        focus = list(dict.fromkeys([*given, *inferred]))
        external = {cc for cc in given if cc not in inferred or cc in strong}
        return self._resolve(text, matches, focus, strong | external, evidence | set(given))

    def focus(self, text: str) -> list[str]:
        """The document's country focus, most likely first: ISO alpha-2 codes of the countries its
        country names, demonyms, admin1 names and unambiguous city names point to."""
        matches, demonyms = self._scan(text)
        self._last_scan = (text, matches, demonyms)  # find() on the same text reuses this scan
        return self._focus(matches, demonyms)

    def _scan_once(self, text: str) -> tuple[list[_Match], dict[str, int]]:
        last, self._last_scan = self._last_scan, None
        if last is not None and last[0] is text:
            return last[1], last[2]
        return self._scan(text)

    def admin1_of(self, lat: float, lon: float, country_code: str | None) -> str | None:
        """Admin1 name (OCHA's, e.g. ``Idleb``) of a point, by point-in-polygon; ``None`` if the
        country has no shipped polygons or the point is outside them."""
        if not country_code:
            return None
        cc = country_code.upper()
        if cc not in self._polygons:
            self._polygons[cc] = load_admin_polygons(cc, 1)
        polygons = self._polygons[cc]
        area = polygons.locate(lat, lon) if polygons else None
        return area.name if area else None

    # -- recognition ---------------------------------------------------------------------------------
    def _lookup(self, key: str) -> list[tuple[Place, bool]]:
        found = self._lookup_cache.get(key)
        if found is None:
            if self._entries is not None:
                found = self._entries(key)
            else:
                found = [(p, False) for p in self.gazetteer.lookup(key)]
            if len(self._lookup_cache) > 200_000:
                self._lookup_cache.clear()
            self._lookup_cache[key] = found
        return found

    def _scan(self, text: str) -> tuple[list[_Match], dict[str, int]]:
        matches: list[_Match] = []
        demonyms: dict[str, int] = {}
        lookup = self._lookup
        lower: set[str] | None = None

        def lower_words(word: str) -> set[str]:
            """The words written in lower case somewhere in the text (computed once, on demand)."""
            nonlocal lower
            if lower is None:
                lower = set(_LOWER_WORD.findall(text))
            return lower

        for span in _SPAN.finditer(text):
            stext = span.group()
            if stext.isalpha():  # one plain word: most spans ("The", "On", "April", "Aleppo")
                low = stext.lower()
                if low in DEMONYMS:
                    demonyms[DEMONYMS[low]] = demonyms.get(DEMONYMS[low], 0) + 1
                    continue
                if stext not in _ACRONYM_PLACES and (
                    low in STOPWORDS
                    or len(stext) < 2
                    or (len(stext) <= 5 and not stext[1:].islower())  # acronyms: "HTS", "JaS"
                    or low in lower_words(low)  # also written in lower case here: a common word
                ):
                    continue
                key = _key(stext)
                entries = lookup(key) if key else None
                if entries:
                    matches.append(_Match(span.start(), span.end(), stext, key, entries))
                continue
            base = span.start()
            tokens = [(base + m.start(), base + m.end(), m.group()) for m in _TOKEN.finditer(stext)]
            caps = [t[2][0].isupper() or (t[2][0] in "'‘ʿ" and len(t[2]) > 1 and t[2][1].isupper()) for t in tokens]
            n = len(tokens)
            i = 0
            while i < n:
                if not caps[i] and not (i == 0 and n > 1 and caps[1]):
                    i += 1
                    continue
                found = False
                for j in range(min(n, i + _MAX_TOKENS), i, -1):
                    last = tokens[j - 1][2]
                    if not caps[j - 1] or (j - 1 > i and last.lower() in _SUFFIX_HINT):
                        continue
                    s0, e0 = tokens[i][0], tokens[j - 1][1]
                    surface = text[s0:e0]
                    if j == i + 1 or (j == i + 2 and not caps[i]):
                        word = last
                        low = word.lower()
                        if low in DEMONYMS:
                            cc = DEMONYMS[low]
                            demonyms[cc] = demonyms.get(cc, 0) + 1
                            continue
                        if word in _ACRONYM_PLACES:
                            pass
                        elif low in STOPWORDS or len(word) < 2:
                            continue
                        elif (word.isupper() or not word[1:].islower()) and len(word) <= 5:
                            continue  # acronyms: "HTS", "JaS"
                        elif low in lower_words(low):
                            continue  # also written in lower case in this text: a common word
                    elif all(t[2].lower() in FUNCTION_WORDS for t in tokens[i:j]):
                        continue
                    elif j == i + 2 and tokens[i][2].lower() in _LEAD_ARTICLES and _is_stop(tokens[i + 1][2]):
                        continue  # "Al-Shabaab": an article and a stop word
                    key = _key(surface)
                    if not key:
                        continue
                    entries = lookup(key)
                    if not entries:
                        continue
                    after = j < n and (
                        (
                            caps[j]
                            and text[e0] == " "
                            and tokens[j][2].lower() not in FACILITY_WORDS
                            and tokens[j][2].lower() not in _SUFFIX_HINT
                        )
                        or (j + 1 < n and caps[j + 1] and tokens[j][2].lower() in _LINK_WORDS)
                    )
                    if after and j == i + 1 and key in _GENERIC_HEADS:
                        continue
                    before = i > 0 and (
                        (
                            caps[i - 1]
                            and text[tokens[i - 1][1]] == " "  # "Aleppo-Lattakia" joins two places
                            and (not _is_stop(tokens[i - 1][2]) or tokens[i - 1][2].lower() in PERSON_NAMES)
                        )
                        or (i > 1 and caps[i - 2] and tokens[i - 1][2].lower() in _LINK_WORDS)
                    )
                    partial = before or (after and (not _is_stop(tokens[j][2]) or tokens[j][2].lower() in PERSON_NAMES))
                    article = any(t[2].lower() in _LEAD_ARTICLES for t in tokens[i:j])
                    matches.append(_Match(s0, e0, surface, key, entries, partial=partial, arabic_article=article))
                    i = j
                    found = True
                    break
                if not found:
                    i += 1
        if "U." in text:
            for dotted in _DOTTED.finditer(text):
                entries = lookup(_key(dotted.group()))
                if entries:
                    matches.append(_Match(dotted.start(), dotted.end(), dotted.group(), _key(dotted.group()), entries))
            matches.sort(key=lambda m: m.start)
        self._mark_persons(text, matches)
        self._mark_roles(text, matches)
        return matches, demonyms

    @staticmethod
    def _mark_roles(text: str, matches: list[_Match]) -> None:
        """Mark country names used as actors or adjectives ("U.S. service members", "Russia denied",
        "Israel's army") and names written with their unit's kind ("Saada Governorate")."""
        for m in matches:
            kinds = {p.feature for p, alt in m.entries if not alt}
            if "country" in kinds and _ACTOR_AFTER.match(text, m.end):
                m.actor = True
            if "admin1" in kinds and (
                _UNIT_AFTER.match(text, m.end)
                or (m.start > 3 and _UNIT_BEFORE.search(text, max(0, m.start - 24), m.start))
                # "Karak in Dar'a": a name said to lie in it
                or (m.start > 3 and _UNKNOWN_BEFORE.search(text, max(0, m.start - 80), m.start))
            ):
                m.unit = True

    @staticmethod
    def _mark_persons(text: str, matches: list[_Match]) -> None:
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

    # -- context -------------------------------------------------------------------------------------
    def _link(self, text: str, matches: list[_Match]) -> None:
        """Attach feature hints, plural suffixes, directions and containment to the matches."""
        for m in matches:
            follow = _FOLLOW.match(text, m.end)
            if follow:
                word = follow.group(1).lower()
                hint = _SUFFIX_HINT.get(word, _SUFFIX_HINT.get(word.rstrip("s")))
                if hint and hint.endswith("+"):
                    m.plural, hint = True, hint[:-1]
                m.hint = hint
            if _ROAD_AFTER.match(text, m.end):  # "the Aleppo-Lattakia highway": somewhere along it
                m.hint = "near"
            if m.start < 2 or text[m.start - 1] != " ":
                continue
            last = _last_word(text, m.start)
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
        for m in matches:
            if m.start > 2 and _last_word(text, m.start) in _UNKNOWN_LAST and self._can_contain(m):
                unknown = _UNKNOWN_BEFORE.search(text, max(0, m.start - 80), m.start)
                if unknown:
                    m.container = True
                    # "the airport in Kabul", "a market in Mosul": the city, not its province
                    head = _FACILITY_BEFORE_IN.search(unknown.group())
                    m.facility = bool(head and head.group(1).lower() in FACILITY_WORDS)
        # Containment: "A in B", "A, B", "A town in the eastern countryside of B".
        for idx, (a, b) in enumerate(itertools.pairwise(matches)):
            gap = text[a.end : b.start]
            if len(gap) > 45 or not _CONTAINED_GAP.match(gap):
                continue
            if "," in gap and not re.search(r"\b(?:in|of|at|within|inside)\b", gap, re.IGNORECASE):
                # "A, B": containment only if B is a province or country and ends no list ("A, B and C").
                nxt = matches[idx + 2] if idx + 2 < len(matches) else None
                if nxt is not None and _LIST_GAP.match(text[b.end : nxt.start]):
                    continue
                if not any(p.feature in ("admin1", "country") and not alt for p, alt in b.entries):
                    continue
                a.strict = False
            if self._can_contain(b):
                a.within.append(b)
                b.container = True
                b.facility = False

    @staticmethod
    def _can_contain(m: _Match) -> bool:
        return any(
            p.feature in ("admin1", "admin2", "admin3", "country") or (p.feature != "city" and p.country_code)
            for p, _ in m.entries
        )

    def _focus(self, matches: list[_Match], demonyms: dict[str, int]) -> list[str]:
        return self._focus_scores(matches, demonyms)[0]

    def _focus_scores(self, matches: list[_Match], demonyms: dict[str, int]) -> tuple[list[str], set[str], set[str]]:
        """Rank the countries the text points to, and return those that may exclude others.

        The places a report names say where it is about; the countries it names as actors do not
        ("U.S. troops", "a Russian missile", "Russia denied"). So, per mention: an admin1 written with its
        kind ("Donetsk Oblast", "province of Helmand") 4, a bare admin1 name 2, a country name 2, a
        place found in one country only 1 (a big one 1.5), a big city whose namesakes are all far
        smaller 1 (1.5 from a million); a country used as an actor or adjective 0.5 and a demonym 0.3.
        Names matching several countries' units share their weight. The second value holds the
        countries with place evidence worth 2 or more, plus the actors and demonyms (their small places
        may be named too): places outside all of them must be big to be taken. The third holds the
        countries with evidence other than actor words.
        """
        scores: dict[str, float] = {}
        place_ev: dict[str, float] = {}
        actors: set[str] = set(demonyms)
        named_actors: set[str] = set()

        def add(cc: str | None, value: float, place: bool = True) -> None:
            if cc:
                scores[cc] = scores.get(cc, 0.0) + value
                if place:
                    place_ev[cc] = place_ev.get(cc, 0.0) + value

        for cc, n in demonyms.items():
            add(cc, 0.3 * n, place=False)
        for m in matches:
            main = [(p, alt) for p, alt in m.entries if not alt]
            if any(p.country_code is None for p, _ in main):
                continue  # a sea or a world region ("Red Sea", not Sudan's Red Sea state)
            countries = {p.country_code for p, _ in main if p.feature == "country"}
            if countries:
                # "Georgia" is also a US state: the unit's country shares the weight
                units = {
                    p.country_code
                    for p in _best_spelled(m.surface, [p for p, _ in main if p.feature == "admin1"], 0.95)
                    if p.country_code not in countries and p.population >= 1_000_000
                }
                for cc in countries:
                    if m.actor:
                        add(cc, 0.5, place=False)
                        if cc:
                            actors.add(cc)
                            named_actors.add(cc)
                    else:
                        add(cc, 1.0 if units else 2.0)
                for cc in units:
                    add(cc, 1.0 / len(units))
                continue
            best = _best_spelled(m.surface, [p for p, _ in main if p.feature in _LOCAL_FEATURES])
            admin1 = [p for p in best if p.feature == "admin1"]
            where1 = {p.country_code for p in admin1}
            if admin1:
                for cc in where1:
                    add(cc, (4.0 if m.unit or m.hint == "admin1" else 2.0) / len(where1))
                continue
            if m.partial or not best:
                continue
            where = {p.country_code for p, _ in m.entries}
            if len(where) == 1:
                big = max(p.population for p, _ in m.entries) >= 100_000
                add(next(iter(where)), 1.5 if big else 1.0)
                continue
            top = max(best, key=lambda p: p.population)
            rival = max((p.population for p, _ in m.entries if p.country_code != top.country_code), default=0)
            if top.population >= 100_000 and top.population >= 20 * rival:
                add(top.country_code, 1.5 if top.population >= 1_000_000 else 1.0)
            elif top.population >= 100_000 and top.population >= 3 * rival:
                add(top.country_code, 0.5)
        strict = {cc for cc, value in place_ev.items() if value >= 2.0}
        if strict:
            strict.update(actors)
        evidence = set(place_ev)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], -place_ev.get(kv[0], 0.0)))
        focus = [cc for cc, score in ranked if score >= 1.0]
        if not focus and ranked:  # only weak clues: the best country
            focus = [ranked[0][0]]
        # countries named as actors come last: their names still mean them ("the UK condemned")
        focus.extend(cc for cc, _ in ranked if cc in named_actors and cc not in focus)
        return focus, strict, evidence

    # -- resolution ----------------------------------------------------------------------------------
    def _resolve(
        self, text: str, matches: list[_Match], focus: list[str], strict: set[str], evidence: set[str]
    ) -> list[Toponym]:
        named_countries = {
            p.country_code for m in matches if not m.actor for p, alt in m.entries if p.feature == "country" and not alt
        }
        named_admin1: dict[tuple[str | None, str], set[str]] = {}
        for m in matches:
            for p, alt in m.entries:
                if p.feature == "admin1" and not alt:
                    named_admin1.setdefault((p.country_code, p.name), set()).add(m.key)
        near_focus: set[str] = set()
        for cc in focus[:1]:
            near_focus.update(self._neighbours.get(cc, ()))
        out: list[Toponym] = []
        resolved: dict[int, Place] = {}
        # Containers first, so that their resolved unit constrains what they contain.
        order = sorted(range(len(matches)), key=lambda k: (not matches[k].container, k))
        for k in order:
            m = matches[k]
            place = self._choose(m, focus, strict, evidence, near_focus, named_countries, named_admin1, resolved)
            if place is not None:
                resolved[id(m)] = place
        for m in matches:
            place = resolved.get(id(m))
            if place is None:
                continue
            start, feature = m.start, _FEATURE_OUT.get(place.feature, "other")
            if m.direction and place.feature == "country":
                start = m.start - len(m.direction) - 1
                label = f"{text[start : m.start]}{place.name}"
                place = dataclasses.replace(place, name=label, feature="region", geo_precision=PRECISION_REGION)
                feature = "region"
            out.append(Toponym(start, m.end, text[start : m.end], place, feature, len(m.entries)))
        return out

    def _choose(
        self,
        m: _Match,
        focus: list[str],
        strict: set[str],
        evidence: set[str],
        near_focus: set[str],
        named_countries: set[str | None],
        named_admin1: dict[tuple[str | None, str], set[str]],
        resolved: dict[int, Place],
    ) -> Place | None:
        hint = m.hint
        if m.container and not m.facility and hint in (None, "countryside", "near"):
            hint = "admin1" if any(p.feature == "admin1" for p, _ in m.entries) else hint
        # What the containers say this place must lie in.
        req = _Requirement()
        for c in m.within:
            cp = resolved.get(id(c))
            if cp is None:
                continue
            if cp.feature == "country" or (cp.feature not in ("city", "admin1") and not cp.admin1):
                req.countries.add(cp.country_code)
            elif cp.feature in ("admin2", "admin3"):
                req.admin2.add((cp.country_code, cp.admin2 or cp.name))
            elif cp.admin1:
                req.admin1.add((cp.country_code, cp.admin1))
        ctx = _Context(m, hint, focus, strict, evidence, near_focus, named_countries, named_admin1)
        best, best_score = self._best(ctx, req)
        if best is None and req and not m.strict:
            best, best_score = self._best(ctx, _Requirement())  # "A, B" was a list after all
        if best is None:
            return None
        if (
            m.partial
            and best.feature in ("city", "admin1")
            and not (
                best_score >= _CONTAINED_SCORE or _supported(ctx, best) or best.population >= _PARTIAL_MIN_POPULATION
            )
        ):
            return None  # part of a run of capitalised words or after a title: a personal name?
        return self._with_precision(best, hint)

    def _best(self, ctx: _Context, req: _Requirement) -> tuple[Place | None, float]:
        best: Place | None = None
        best_score = -math.inf
        strict, focus_rank, named = ctx.strict, ctx.focus_rank, ctx.named_countries
        for place, alt in ctx.match.entries:
            cc = place.country_code
            if (
                strict
                and cc is not None
                and place.population < _NEIGHBOUR_MIN_POPULATION
                and cc not in strict
                and cc not in focus_rank
                and cc not in named
                and place.feature not in ("country", "water")
            ):
                continue  # fast path: a small place outside the focus (see _score)
            score = _score(place, alt, ctx, req, best_score)
            if score is not None and score > best_score:
                best, best_score = place, score
        return best, best_score

    def _with_precision(self, place: Place, hint: str | None) -> Place:
        """Apply what the words around say about precision (and "Damascus countryside")."""
        precision = place.geo_precision
        if hint == "countryside" and place.feature == "admin1":
            alias = _COUNTRYSIDE_OF.get((place.country_code or "", place.name))
            if alias:
                for p, _ in self._lookup(_key(alias)):
                    if p.feature == "admin1" and p.country_code == place.country_code:
                        return p
        elif place.feature == "city" and hint in ("near", "countryside"):
            precision = PRECISION_NEAR
        elif place.feature == "city" and precision is None:
            precision = PRECISION_PLACE
        if precision != place.geo_precision:
            place = dataclasses.replace(place, geo_precision=precision)
        return place


#: A name inside a run of capitalised words ("Vladimir Putin") is a place only if the text says
#: where it lies, or if it is a city this big.
_PARTIAL_MIN_POPULATION = 1_000_000
_CONTAINED_SCORE = 100.0
_ALT_MIN_PENALTY = 4.0
_GLOBAL_BONUS = 45.0  # as much as a focus country that is also named
#: Countries whose place names may be written without the Arabic article the text puts before them.
_ARTICLE_COUNTRY_CODES = (
    "SY IQ LB JO PS IL SA YE OM AE QA KW BH EG LY TN DZ MA MR SD SS SO DJ KM EH TD ER TR IR AF PK ML NE"
)
_ARTICLE_COUNTRIES = frozenset(_ARTICLE_COUNTRY_CODES.split())
#: Without place evidence of the country, a candidate outside the focus must be spelled this alike.
_LOOSE_MIN_SIMILARITY = 0.6
_ARTICLE_TOKEN = re.compile(r"(?i)(?:^|[\s'‘’-])(?:al|el|ar|as|ad|ash|az|ez|an|at|es|et|ed|ul)[\s-]")


def _has_article(name: str) -> bool:
    """Does a name contain a separate Arabic article ("Al Bab", "Deir ez-Zor")?"""
    return _ARTICLE_TOKEN.search(name) is not None


#: A city this big makes namesakes under 1/_NAMESAKE_RATIO of its size unlikely, whatever the focus.
_DOMINANT_POPULATION = 200_000
_NAMESAKE_RATIO = 50
#: A place outside the document's focus countries must be at least this big (e.g. a capital).
_FOREIGN_MIN_POPULATION = 500_000
#: … or, in a country bordering the main focus country, this big.
_NEIGHBOUR_MIN_POPULATION = 100_000


@dataclass(slots=True)
class _Requirement:
    """Where the containers named after a place say it lies."""

    admin1: set[tuple[str | None, str]] = field(default_factory=set)
    admin2: set[tuple[str | None, str]] = field(default_factory=set)
    countries: set[str | None] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.admin1 or self.admin2 or self.countries)


@dataclass(slots=True)
class _Context:
    match: _Match
    hint: str | None
    focus: list[str]
    strict: set[str]
    evidence: set[str]
    near_focus: set[str]
    named_countries: set[str | None]
    named_admin1: dict[tuple[str | None, str], set[str]]
    focus_rank: dict[str, int] = field(init=False)
    top_population: int = field(init=False)

    def __post_init__(self) -> None:
        self.focus_rank = {cc: r for r, cc in enumerate(self.focus)}
        self.top_population = max((p.population for p, alt in self.match.entries if not alt), default=0)


def _supported(ctx: _Context, place: Place) -> bool:
    """Is the place's admin1 named by another name of the text ("Bara ... in Idleb")?"""
    if place.feature in ("admin1", "country"):
        return False
    support = ctx.named_admin1.get((place.country_code, place.admin1 or ""))
    return bool(support and (len(support) > 1 or ctx.match.key not in support))


def _score(place: Place, alt: bool, ctx: _Context, req: _Requirement, bound: float = -math.inf) -> float | None:
    """Score one candidate place of a name; ``None`` when it is not eligible at all (or, being an
    alternate-name match, cannot beat ``bound`` even before its spelling penalty is computed)."""
    m, hint = ctx.match, ctx.hint
    feature, cc = place.feature, place.country_code
    score = _FEATURE_PRIOR.get(feature, 0.0) + math.log10(place.population + 1)
    if cc is None:
        score += _GLOBAL_BONUS  # a sea or a world region: no country focus can favour it
    # 1. containment
    if req:
        if feature in ("country", "admin1") and not req.countries:
            return None  # a unit does not lie inside a unit of its own level or below
        inside = (cc, place.admin1) in req.admin1 or (cc, place.admin2) in req.admin2 or cc in req.countries
        if not inside:
            return None
        score += _CONTAINED_SCORE
    # 2. context: its admin1 named by another name of the text, its country named.
    supported = _supported(ctx, place)
    if supported:
        score += 30.0
    if cc in ctx.named_countries and feature != "country":
        score += 15.0
    # 3. focus: places outside the focus countries must be big, and spelled alike, to be taken at all
    # when the text names its countries or provinces; otherwise they only need a similar spelling.
    if cc in ctx.focus_rank:
        bonus = max(30.0 - 8.0 * ctx.focus_rank[cc], 10.0)
        if (
            feature == "city"
            and ctx.top_population >= _DOMINANT_POPULATION
            and place.population * _NAMESAKE_RATIO < ctx.top_population
            and not req
            and not supported
            and cc not in ctx.named_countries
        ):
            bonus *= 0.3  # a tiny namesake of a big city: the focus alone does not make it the one meant
        score += bonus
    article_clash = m.arabic_article and feature == "city" and not _has_article(place.name)
    if article_clash and cc not in _ARTICLE_COUNTRIES:
        return None  # "Al-Bab" is not Bibb City (US)
    if (
        ctx.strict
        and cc is not None
        and cc not in ctx.strict
        and feature not in ("country", "water")
        and cc not in ctx.named_countries
    ):
        sim = _similarity(m.surface, place.name)
        if alt:
            minimum = 2_000_000
        elif (sim >= 0.95 and not article_clash) or cc in ctx.near_focus:
            minimum = _NEIGHBOUR_MIN_POPULATION
        else:
            minimum = _FOREIGN_MIN_POPULATION
        if m.partial or place.population < minimum or article_clash or sim < (0.75 if alt else 0.8):
            return None
    elif cc is not None and cc not in ctx.focus_rank and feature != "country":
        if _similarity(m.surface, place.name) < _LOOSE_MIN_SIMILARITY:
            return None
        if ctx.evidence and feature in ("city", "admin1") and place.population < _NEIGHBOUR_MIN_POPULATION:
            return None  # a small town in a country the text gives no hint of
    # 4. the feature the words around imply
    if hint in ("admin1", "countryside"):
        if feature == "admin1":
            score += 25.0
    elif hint == "admin2":
        if feature in ("admin2", "admin3"):
            score += 25.0 + (1.0 if feature == "admin2" else 0.0)
    elif hint in ("city", "near") and feature == "city":
        score += 25.0
    # 5. spelling: an exonym or foreign-language alias is weaker than the main name, and one that
    # looks nothing like it (Beroea for Aleppo) needs the text's support. Main names that only meet
    # the text through vowel folding ("Oak City" for "UK") lose a little too.
    penalty = _ALT_MIN_PENALTY if alt else 0.0
    if score - penalty <= bound and not m.partial:
        return None  # cannot win: spare the similarity computation
    sim = _similarity(m.surface, place.name)
    if alt:
        score -= _ALT_MIN_PENALTY + 12.0 * (1.0 - sim)
        if (m.partial and sim < 0.8) or (sim < 0.5 and not req and not supported):
            return None
    elif feature in ("city", "region", "water", "other", "admin1"):
        score -= 15.0 * (1.0 - sim)
    if article_clash:
        score -= 5.0
    if m.partial and feature == "city" and place.population < 100_000:
        score -= 10.0
    return score
