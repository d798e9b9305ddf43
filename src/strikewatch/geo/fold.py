"""Fold place names to a matching key, so that transliteration variants meet.

``fold_name("Deir ez-Zor") == fold_name("Dayr az Zawr") == fold_name("Deir Ezzor")``.

The key is deliberately lossy. Arabic names reach English through many romanisation schemes
(BGN/PCGN as used by GeoNames, OCHA's p-code names, French-influenced press spellings, ad-hoc
journalistic ones), which disagree mostly on vowels, on the article, on doubled letters and on a
handful of digraphs. The rules below, applied in order, erase exactly those differences:

1. Unicode: NFKD, combining marks dropped, a few letters without decomposition mapped
   (``ı ø ł đ ß æ œ þ ð ħ``), lower case.
2. Ayn/hamza marks and apostrophes (``' ’ ‘ ` ´ ʿ ʾ ʼ ʻ``) are dropped; any other non-alphanumeric
   character (hyphen, dot, comma, slash…) separates tokens.
3. Arabic articles (``al el ar as ad ash esh az ez an at es et ed``) are dropped as tokens (so also when
   hyphen-prefixed: ``al-Nu'man``), as long as one other token is left. An article glued by
   assimilation to a later token is dropped too (``Deir Ezzor`` → ``deir zor``).
4. Generic words are dropped: trailing ``province governorate city district subdistrict town
   village countryside`` and leading ``muhafazat``/``mohafazat``.
5. Common generic name parts are spelled one way: ``tell/tel/tall → tal``, ``deir/dayr/dair → dayr``,
   ``kfar/kafar/kefr → kafr``, ``ain/ein/ayn → ayn``, ``jebel/jbel/djebel → jabal``,
   ``sheikh/shaikh/cheikh → shaykh``, ``beit/bait → bayt``, ``abou → abu``, ``albu/bou → bu``,
   ``om/oum/umm → um``,
   ``st → saint``, ``mt → mount``…
6. Consonants: ``dj→j ph→f ck→k`` ``qu``+vowel``→k`` ``q→k kh→k gh→g dh→d th→t``.
7. Vowel spellings: ``ou``+vowel``→w``, ``ou→u``, ``oo→u``, ``ee→i``, ``uw``+vowel``→w``,
   ``iy``+vowel``→y``, consonant+``i``+vowel → consonant+``y`` (``Abiad`` → ``abyad``).
8. Doubled letters are collapsed (``Raqqa`` → ``raka``, ``Lattakia`` → ``latakia``).
9. A final ``h`` after a vowel is dropped (``Hasakeh``/``Hasakah`` → ``hasaka``).
10. ``y``/``w`` after a vowel and not before one are vowels (diphthongs: ``Dayr``, ``Zawr``).
11. Every run of vowels becomes one letter: ``u`` if it holds an ``o`` or ``u``, else ``a``. So
    ``e``/``i``/``a`` never distinguish names (``Idleb``/``Idlib``, ``Deraa``/``Daraa``,
    ``Tell``/``Tal``) while back vowels still do (``Zour``/``Zor``/``Zawr`` → ``zur``).
12. The tokens are joined without spaces (``Kafr Sajna`` meets ``Kafrsajna``).

The folding is aggressive by design and makes some unrelated names collide (``Bir``/``Bar``/``Beer``);
the resolver disambiguates with context, country focus, feature type and population.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["ARTICLES", "GENERIC_SUFFIXES", "fold_name", "fold_token", "is_latin", "simplify_name", "skeleton"]

#: Arabic article spellings (and their assimilated forms) dropped from names.
ARTICLES: frozenset[str] = frozenset(
    {"al", "el", "ar", "as", "ad", "ash", "esh", "az", "ez", "an", "at", "es", "et", "ed", "ul", "il", "ath", "adh"}
)

#: Words naming the kind of place rather than the place; dropped at the end of a name.
GENERIC_SUFFIXES: frozenset[str] = frozenset(
    {
        "province",
        "provinces",
        "governorate",
        "governorates",
        "city",
        "district",
        "districts",
        "subdistrict",
        "town",
        "village",
        "countryside",
        "muhafazat",
        "muhafazah",
        "mohafazat",
        "nahiya",
        "nahiyah",
    }
)

_GENERIC_PREFIXES: frozenset[str] = frozenset({"muhafazat", "muhafazah", "mohafazat", "mintaqat", "nahiyat"})

# Letters that NFKD does not decompose into a base letter plus a mark.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ħ": "h",
        "Ħ": "H",
        "ŧ": "t",
        "ŀ": "l",
        "ə": "e",
        "Ə": "E",
    }
)

_APOSTROPHES = re.compile(r"['’‘`´ʿʾʼʻ′]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Spellings of generic name parts, mapped to one form (rule 5). Applied to whole tokens.
_LEXICON: dict[str, str] = {}
for _canon, _variants in {
    "tal": "tell tel tall tal tal",
    "dayr": "deir dayr dair deyr dier",
    "kafr": "kafr kfar kafar kefr kfr kufr kefer",
    "ayn": "ain ayn ein eyn ayin aine",
    "jabal": "jabal jebel jbel djebel jebal jabel jbal",
    "khirbat": "khirbet khirbat kherbet khirbit kherbat khurbet khirbeh khirba",
    "abu": "abu abou abo",
    "bu": "bu bou albu albou elbu",  # "Albu Hamad" = "Al Bu Hamad" = "Al Bouhamad" (the Al Bu tribes)
    "um": "um umm om oum",
    "bayt": "bayt beit bait beyt",
    "shaykh": "sheikh shaykh shaikh cheikh sheik shekh sheykh shaik",
    "jisr": "jisr jisser jiser",
    "wadi": "wadi ouadi oued",
    "saint": "saint st ste sainte",
    "mount": "mount mt",
}.items():
    for _v in _variants.split():
        _LEXICON[_v] = _canon

_VOWELS = "aeiou"
# Rules 6-10, in order: (literal, replacement) pairs are applied with str.replace (fast), compiled
# patterns with re.sub.
_PHONETIC_RULES: tuple[tuple[str | re.Pattern[str], str], ...] = (
    ("dj", "j"),
    ("ph", "f"),
    ("ck", "k"),
    (re.compile(r"qu(?=[aeiouy])"), "k"),
    ("q", "k"),
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    (re.compile(r"ou(?=[aeiou])"), "w"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    (re.compile(r"uw(?=[aeiou])"), "w"),
    (re.compile(r"iy(?=[aeiou])"), "y"),
    (re.compile(r"(?<=[b-df-hj-np-tv-z])i(?=[aeou])"), "y"),
    (re.compile(r"([a-z])\1+"), r"\1"),
    (re.compile(r"(?<=[aeiou])h$"), ""),
    (re.compile(r"(?<=[aeiou])y(?![aeiou])"), "i"),
    (re.compile(r"(?<=[aeiou])w(?![aeiou])"), "u"),
)
_VOWEL_RUN = re.compile(r"[aeiou]+")
# An article assimilated to the following sun letter and glued to it: "ezzor", "arraqqa".
_GLUED_ARTICLE = re.compile(r"^[ae]l?(sh|th|dh|[tdszrnl])\1(?=[a-z]{2})")


def _vowel_class(match: re.Match[str]) -> str:
    run = match.group(0)
    return "u" if ("o" in run or "u" in run) else "a"


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """Fold one lower-case ASCII token (rules 5-11): the phonetic part of :func:`fold_name`."""
    token = _LEXICON.get(token, token)
    for rule, repl in _PHONETIC_RULES:
        if isinstance(rule, str):
            if rule in token:
                token = token.replace(rule, repl)
        else:
            token = rule.sub(repl, token)
    return _VOWEL_RUN.sub(_vowel_class, token)


def _ascii_tokens(name: str) -> list[str]:
    """Rules 1-2: lower-case ASCII tokens of ``name``."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
        name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = _APOSTROPHES.sub("", name.lower())
    return _NON_ALNUM.sub(" ", name).split()


@lru_cache(maxsize=262144)
def fold_name(name: str) -> str:
    """Return the matching key of a place name (see the module docstring for the rules).

    >>> fold_name("Deir ez-Zor") == fold_name("Dayr az Zawr") == fold_name("Deir Ezzor")
    True
    >>> fold_name("Idleb") == fold_name("Idlib")
    True

    Returns ``""`` for a name with no letters or digits.
    """
    tokens = _ascii_tokens(name)
    if not tokens:
        return ""
    # Rule 3: articles, standalone or assimilated and glued to a later token.
    kept = [t for t in tokens if t not in ARTICLES]
    if kept:
        tokens = kept
    for i in range(1, len(tokens)):
        tok = tokens[i]
        if len(tok) >= 5 and tok[0] in "ae":
            m = _GLUED_ARTICLE.match(tok)
            if m:
                tokens[i] = tok[m.end(1) :]
    # Rule 4: generic words.
    while len(tokens) > 1 and tokens[-1] in GENERIC_SUFFIXES:
        tokens.pop()
    while len(tokens) > 1 and tokens[0] in _GENERIC_PREFIXES:
        tokens.pop(0)
    return "".join(fold_token(t) for t in tokens)


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is a Latin letter (with or without diacritics)."""
    if name.isascii():
        return True
    for ch in name:
        if ch.isalpha():
            code = ord(ch)
            if not (code < 0x2B0 or 0x1E00 <= code < 0x1F00 or 0x2C60 <= code < 0x2C80 or 0xA720 <= code < 0xA800):
                return False
    return True


@lru_cache(maxsize=65536)
def simplify_name(name: str) -> str:
    """A light key: rules 1-3 only (ASCII, lower case, no marks, no articles), tokens joined.

    Used to measure how close two spellings really are once :func:`fold_name` found them equal.
    """
    tokens = _ascii_tokens(name)
    kept = [t for t in tokens if t not in ARTICLES]
    return "".join(kept or tokens)


_NOT_CONSONANTS = str.maketrans("", "", "aeiouyw")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """The consonants of a folded key (:func:`fold_name`), vowels and glides (``y``, ``w``) dropped and
    doubled letters collapsed, so that spellings differing only in their vowels meet.

    Arabic script leaves short vowels unwritten, and ad-hoc romanisations (press reports, incident
    lists) add or drop them at will: ``Kfar Nbuda``/``Kafr Nabuda``, ``Srmin``/``Sarmin``. The
    skeleton is far looser than the key: it only adds the places of users' lists to what a key
    matches, as weaker candidates (see :meth:`strikewatch.geo.gazetteer.BundledGazetteer.similar`).

    >>> skeleton(fold_name("Kfar Nbuda")) == skeleton(fold_name("Kafr Nabuda"))
    True
    """
    return _DOUBLED.sub(r"\1", key.translate(_NOT_CONSONANTS))
