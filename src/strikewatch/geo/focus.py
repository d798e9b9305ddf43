"""The document's country focus: which countries a text's place names say it is about."""

from __future__ import annotations

from functools import lru_cache

from strikewatch.geo.gazetteer import COUNTRY_ALIASES
from strikewatch.geo.recognize import Entries, _Match, _similarity, is_district
from strikewatch.model import Place

#: A country name must be spelled this much like the country's name or one of its aliases.
_COUNTRY_MIN_SIMILARITY = 0.7


@lru_cache(maxsize=4096)
def country_spelled(surface: str, place: Place) -> bool:
    """Is ``surface`` spelled like the country's name or one of its English aliases (not only folded
    alike: "Maleh" is not Mali)? Acronyms count ("UAE")."""
    if surface.isupper():
        return True
    names = (place.name, *COUNTRY_ALIASES.get(place.country_code or "", ()))
    return max(_similarity(surface, name) for name in names) >= _COUNTRY_MIN_SIMILARITY


#: What :func:`focus_scores` returns: the ranked focus countries, the strict ones, those with evidence.
Focus = tuple[list[str], set[str], set[str]]


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


def _spelled_local(surface: str, entries: Entries, marked: bool = True) -> list[Place]:
    """:func:`_best_spelled` among the local places of ``entries`` (second-level units only where the
    text marks the name as a unit), memoised per surface form."""
    memo = surface if marked or not entries.districts else f"{surface}\x00"
    found = entries.spelled.get(memo)
    if found is None:
        local = entries.local if memo == surface else [p for p in entries.local if not is_district(p)]
        found = entries.spelled[memo] = _best_spelled(surface, local)
    return found


def focus_scores(matches: list[_Match], demonyms: dict[str, int]) -> Focus:
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
        entries = m.entries
        if entries.global_:
            continue  # a sea or a world region ("Red Sea", not Sudan's Red Sea state)
        countries = entries.countries
        if countries and entries.main:
            countries = frozenset(
                p.country_code for p in entries.main if p.feature == "country" and country_spelled(m.surface, p)
            )
        if countries:
            # "Georgia" is also a US state: the unit's country shares the weight
            units = {
                p.country_code
                for p in _best_spelled(m.surface, entries.admin1, 0.95)
                if p.country_code not in countries and p.population >= 1_000_000
            }
            # (sets are walked in sorted order: the result must not depend on the interpreter's hash seed)
            for cc in sorted(countries, key=str):
                if m.actor:
                    add(cc, 0.5, place=False)
                    if cc:
                        actors.add(cc)
                        named_actors.add(cc)
                else:
                    add(cc, 1.0 if units else 2.0)
            for cc in sorted(units, key=str):
                add(cc, 1.0 / len(units))
            continue
        best = _spelled_local(m.surface, entries, m.marked)
        admin1 = [p for p in best if p.feature == "admin1"]
        where1 = {p.country_code for p in admin1}
        if admin1:
            for cc in sorted(where1, key=str):
                add(cc, (4.0 if m.unit or m.hint == "admin1" else 2.0) / len(where1))
            continue
        if m.partial or not best:
            continue
        pairs = [pair for pair in m.entries if m.marked or not is_district(pair[0])]
        where = {p.country_code for p, _ in pairs}
        if len(where) == 1:
            big = max(p.population for p, _ in pairs) >= 100_000
            add(next(iter(where)), 1.5 if big else 1.0)
            continue
        top = max(best, key=lambda p: p.population)
        rival = max((p.population for p, _ in pairs if p.country_code != top.country_code), default=0)
        if top.population >= 100_000 and top.population >= 20 * rival:
            add(top.country_code, 1.5 if top.population >= 1_000_000 else 1.0)
        elif top.population >= 100_000 and top.population >= 3 * rival:
            add(top.country_code, 0.5)
    strict = {cc for cc, value in place_ev.items() if value >= 2.0}
    if strict:
        strict.update(actors)
    evidence = set(place_ev)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], -place_ev.get(kv[0], 0.0), kv[0]))
    focus = [cc for cc, score in ranked if score >= 1.0]
    if not focus and ranked:  # only weak clues: the best country
        focus = [ranked[0][0]]
    # countries named as actors come last: their names still mean them ("the UK condemned")
    focus.extend(cc for cc, _ in ranked if cc in named_actors and cc not in focus)
    return focus, strict, evidence
