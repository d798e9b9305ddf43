"""What a filter value typed by an analyst stands for: every stored name it should match.

An analyst types "Russia", "isis" or "kharkov"; the store holds "Military Forces of Russia (2000-)",
"Islamic State (Syria)" and "Kharkiv". The functions here expand a typed value into the names it
stands for, from the same lexicon and gazetteer extraction uses, so a filter finds what extraction
wrote:

- :func:`actor_names`: the value itself and every canonical name the actor lexicon reads the whole
  value as; a bare country stands for its military, police and government;
- :func:`admin1_names`: the value and every spelling of a first-level unit the gazetteer knows
  (its own names, and the province of a namesake seat: "Halab" -> Aleppo);
- :func:`country_names`: the value and the lexicon's name for it (alias, ISO code, demonym).

:mod:`strikewatch.store.query` turns the names into case-insensitive SQL conditions; names are
compared whole, and a stored name may add ACLED's parenthesised suffix ("(2000-)", "(Syria)").
"""

from __future__ import annotations

import difflib
import functools
import logging
import re
from collections.abc import Iterable
from typing import Any

from strikewatch.geo.fold import fold_name

log = logging.getLogger(__name__)

SPELLING_RATIO = 0.75  # how alike two spellings of one province must be
#: The names of a country's state actors, as the actor lexicon writes them.
STATE_ACTORS = ("Military Forces of {}", "Police Forces of {}", "Government of {}")
_UNIT_WORDS = re.compile(
    r"\s+(?:province|governorate|oblast|region|state|district|county|prefecture|department)$", re.IGNORECASE
)


@functools.cache
def _lexicon() -> Any:
    from strikewatch.extract.actor_lexicon import ActorLexicon

    return ActorLexicon.load()


def _gazetteer() -> Any | None:
    from strikewatch.errors import GeoError
    from strikewatch.geo.gazetteer import load_default_gazetteer

    try:
        return load_default_gazetteer()
    except (GeoError, OSError) as exc:  # the filter still matches the value as typed
        log.warning("gazetteer unavailable, admin1 filters match only the name as typed: %s", exc)
        return None


def _clean(value: str) -> str:
    return " ".join(value.split())


@functools.lru_cache(maxsize=2048)
def actor_names(value: str) -> tuple[str, ...]:
    """Return the canonical actor names ``value`` stands for (itself first), e.g. ``"russia"`` ->
    Military Forces, Police Forces and Government of Russia."""
    value = _clean(value)
    names = dict.fromkeys([value])
    lexicon = _lexicon()
    demonym = lexicon.country_of_demonym(value)  # "Russian", "turkish": read as the country
    for variant in dict.fromkeys((value, value.title(), value.upper(), *([demonym] if demonym else []))):
        for mention in lexicon.find(variant):
            whole = mention.end == len(variant) and variant[: mention.start].strip().lower() in ("", "the")
            if not whole:
                continue
            if mention.kind == "country" and mention.canonical.startswith("Military Forces of "):
                state = mention.canonical.removeprefix("Military Forces of ")
                names.update(dict.fromkeys(template.format(state) for template in STATE_ACTORS))
            else:
                names[mention.canonical] = None
    return tuple(names)


def _alike(a: str, b: str) -> bool:
    """Return whether two spellings are close (the gazetteer's folded keys are lossy: "Riga" ~ "Raqqa")."""
    return difflib.SequenceMatcher(None, _plain(a), _plain(b)).ratio() >= SPELLING_RATIO


def _plain(name: str) -> str:
    return re.sub(r"[\s\-‐‑'’`]+", " ", name.casefold()).strip()


@functools.lru_cache(maxsize=2048)
def admin1_names(value: str) -> tuple[str, ...]:
    """Return the first-level unit names ``value`` may be a spelling of (itself first): "Idlib" ->
    Idleb, "Kharkov" -> Kharkiv, "Idlib Province" -> Idleb.

    A unit of exactly that name wins alone ("Damascus" is not Rural Damascus); else units whose
    name is a close spelling or a listed alternate name; else, when no unit matches, the province of
    a city of that name that is its seat ("Halab" is Aleppo).
    """
    value = _clean(value)
    names = dict.fromkeys([value])
    gazetteer = _gazetteer()
    if gazetteer is None:
        return tuple(names)
    units: list[tuple[str, bool]] = []
    seats: list[str] = []
    for query in dict.fromkeys((value, _UNIT_WORDS.sub("", value))):
        for place, alternate in gazetteer.entries(fold_name(query)):
            if place.feature == "admin1":
                units.append((place.name, alternate or _alike(place.name, query)))
            elif (
                place.admin1
                and fold_name(place.admin1) == fold_name(place.name)
                and (alternate or _alike(place.name, query))
            ):
                seats.append(place.admin1)
    typed = {_plain(value), _plain(_UNIT_WORDS.sub("", value))}
    exact = [name for name, _ in units if _plain(name) in typed]
    close = [name for name, near in units if near]
    names.update(dict.fromkeys(exact or close or seats))
    return tuple(names)


@functools.lru_cache(maxsize=512)
def country_names(value: str) -> tuple[str, ...]:
    """Return the country names ``value`` stands for (itself first): "US" -> United States."""
    value = _clean(value)
    names = dict.fromkeys([value])
    normal = _lexicon().normalize_country(value)
    if normal:
        names[normal] = None
    return tuple(names)


def canonical_choice(value: str, choices: Iterable[str]) -> str | None:
    """Return the choice ``value`` names, ignoring case and spacing, or None."""
    key = _clean(value).casefold()
    return next((choice for choice in choices if choice.casefold() == key), None)


def closest(value: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` of ``candidates`` most like ``value`` (case-insensitive), best first."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        if candidate:
            by_key.setdefault(candidate.casefold(), candidate)
    key = value.casefold()
    found = [k for k in by_key if key in k or k in key]
    found += [k for k in difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.5) if k not in found]
    return [by_key[k] for k in found[:n]]
