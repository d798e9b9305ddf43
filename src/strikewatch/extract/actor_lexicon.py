"""Find conflict actors in plain text and name them as ACLED does.

The lexicon lives in three bundled tables (``lexicons/actors.tsv``, ``countries.tsv`` and
``leaders.tsv``). :meth:`ActorLexicon.load` compiles them into three big regular expressions:

- every alias, folded into a character trie, once for case-insensitive names ("Hayat Tahrir
  al-Sham", "regime forces") and once for case-sensitive ones (acronyms such as ``IS`` or ``SDF``,
  country and leader names);
- a generic pattern ``<who> <noun>`` where *who* is a demonym, a country, a leader or a word
  such as "regime", optionally sponsored ("Iranian-backed", "pro-Turkey"), and *noun* a force,
  an institution or a kind of people ("Turkish forces", "Russia's air force", "Iraqi protesters").

:meth:`ActorLexicon.find` runs them, extends matches that mark a target ("ISIS-held terrain",
"regime positions"), checks context where a name is ambiguous, and keeps the longest
non-overlapping mentions. It never sees spaCy objects.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TypeAlias

from strikewatch.errors import ConfigError
from strikewatch.extract._compiled import compile_cached

__all__ = ["KINDS", "ActorLexicon", "ActorMention"]

KINDS = frozenset(
    {
        "state_forces",
        "police",
        "government",
        "rebel",
        "islamist",
        "militia",
        "ethnic_militia",
        "communal",
        "civilians",
        "protesters",
        "rioters",
        "unidentified",
        "coalition",
        "operation",
        "other",
        "country",
    }
)
_Trie: TypeAlias = dict[str, "_Trie"]
_PACKAGE = "strikewatch.extract"
_SEP = r"[\s\-‐‑]+"
_APOS = "['’‘`]"
_NO_FOCUS = {
    "Military Forces of {focus}": "State forces",
    "Police Forces of {focus}": "Police forces",
    "Government of {focus}": "Government",
}


def _words(text: str) -> frozenset[str]:
    """Return the set of whitespace-separated words of ``text``."""
    return frozenset(text.split())


# Generic nouns after a demonym/country ("Turkish forces"), by what they make of it.
_NOUNS: dict[str, str] = {
    "mil": "armed forces|intelligence|fighter|army|armies|troops|troop|forces|force|military|soldiers|"
    "soldier|servicemen|serviceman|service members|personnel|warplanes|warplane|war planes|jets|jet|"
    "fighter jets|fighter jet|fighter planes|fighter plane|fighters|bombers|bomber|aircraft|planes|plane|"
    "air force|air forces|aerospace forces|navy|naval forces|warships|warship|drones|drone|uavs|uav|"
    "artillery|gunners|helicopters|helicopter|gunships|helicopter gunships|attack helicopters|"
    "special forces|commandos|marines|paratroopers|tanks|tank|ground forces|ground troops|units|"
    "unit|battalion|brigade|contingent|garrison|reinforcements|patrol|patrols|military patrol|"
    "convoy|military convoy|airstrikes|airstrike|air strikes|air strike|strikes|strike|air raids|"
    "air raid|raids|raid|shelling|bombardment|bombardments|bombing|bombings|bombing campaign|"
    "missiles|missile|missile strikes|missile strike|rockets|rocket fire|air campaign|"
    "air operations|air power|air defenses|air defences|air defense|air defence|offensive|"
    "military operation|military operations|ground operation|ground offensive|intervention|"
    "military intervention|coast guard|national guard|regime|junta|military forces|defense forces|"
    "defence forces|snipers|sniper|pilots|pilot|officers|officer|commanders|commander|"
    "carrier strike group|aircraft carrier|border guards|border guard|frontier guards|sailors|"
    "occupation|occupation forces|occupation army|government forces|government troops|"
    "regime forces|regime troops|military base|airbase|air base|military bases",
    "mil:Military Police": "military police|military policemen",
    "mil:Gendarmerie": "gendarmerie|gendarmes|gendarme",
    "mil:Military Intelligence": "military intelligence",
    "police": "police|police forces|police officers|police officer|policemen|policeman|security forces|"
    "security personnel|security services|security agents|riot police|border police|"
    "counter-terrorism police|counterterrorism police|secret police|national police|"
    "law enforcement|intelligence services|intelligence agents|intelligence officers",
    "gov": "government|authorities|officials|official|administration|administration officials|president|"
    "presidency|prime minister|premier|pm|foreign minister|foreign ministry|defense minister|"
    "defence minister|defense ministry|defence ministry|ministry of defense|ministry of defence|"
    "interior ministry|interior minister|defense secretary|defence secretary|secretary of state|"
    "foreign secretary|minister|ministers|ministry|mod|leader|leaders|leadership|delegation|"
    "diplomats|diplomat|envoy|ambassador|embassy|counterpart|cabinet|parliament|lawmakers|"
    "spokesman|spokesperson|spokeswoman|negotiators|state media|king|emir|crown prince|"
    "supreme leader|chancellor|head of state|army chief|chief of staff",
    "rebel": "opposition|opposition forces|opposition fighters|opposition factions|opposition groups|rebels|"
    "rebel groups|rebel factions|rebel forces|rebel fighters|insurgents|armed opposition|"
    "separatists",
    "grp": "factions|faction|groups|group|armed groups|armed factions|rebel factions|elements",
    "armed": "militants|gunmen|gunman|jihadists|extremists|terrorists|armed men",
    "civ": "civilians|civilian|residents|refugees|villagers|farmers|fishermen|citizens|nationals|national|"
    "journalist|journalists|workers|worker|aid workers|man|woman|men|women|children|child|boy|girl|"
    "teenager|family|families|shepherd|shepherds|migrants|migrant|pilgrims|students|student|doctor|"
    "doctors|truck drivers|driver|drivers|merchants|traders|people|youth|youths|worshippers|"
    "activists|activist|fishing boat|fishing boats|detainees|prisoners",
    "protest": "protesters|protestors|demonstrators|protester|protestor",
    "riot": "rioters|mob|mobs",
    "militia": "militia|militias|militiaman|militiamen|proxies|proxy forces|proxy groups|paramilitaries|"
    "paramilitary forces|mercenaries",
    "target": "positions|position|sites|site|targets|bases|base|posts|outposts|checkpoints|checkpoint|"
    "headquarters|depots|depot|facilities|facility|strongholds|barracks|military positions|"
    "assets|interests|vessels|vessel|ship|ships",
    "held": "held|controlled|occupied|dominated|besieged|administered|run",
    "coalition": "coalition|led coalition",
}
# Nouns of "<noun> of <country>" ("the armed forces of Mali"), by the first word's category.
_OF_NOUNS = (
    "military forces|armed forces|security forces|police forces|defen[cs]e forces|defen[cs]e army|army|armies|"
    "military|government|navy|air force|police|troops|soldiers|forces|authorities|president|prime minister|"
    "ministry of (?:defen[cs]e|foreign affairs|interior|the interior)|foreign minister|defen[cs]e minister"
)
_OF_CATEGORY = {"security": "police", "police": "police", "government": "gov", "authorities": "gov", "president": "gov"}
_OF_CATEGORY |= {"prime": "gov", "ministry": "gov", "foreign": "gov", "defence": "mil", "defense": "mil"}
_PSEUDO = ("regime", "government", "junta", "loyalist", "state")  # "who" words standing for the focus
_PSEUDO_CATS = {
    "mil",
    "mil:Military Police",
    "mil:Gendarmerie",
    "mil:Military Intelligence",
    "police",
    "gov",
    "target",
    "held",
}
_SPONSOR_CATS = {"mil", "rebel", "grp", "militia", "armed", "coalition"}
_SPONSORS = "backed|led|supported|aligned|allied|sponsored|funded|trained|affiliated|linked|armed"
_SPONSOR_WORDS = frozenset(_SPONSORS.split("|")) | {"made", "built", "brokered", "based"}
_TITLES = re.compile(
    r"(?:President|Prime Minister|PM|Premier|Vice President|Minister|Defen[cs]e Minister|Foreign Minister|"
    r"Defen[cs]e Secretary|Secretary of (?:State|Defen[cs]e)|Secretary|Chancellor|King|Crown Prince|Emir|"
    r"Supreme Leader|Ayatollah|General|Gen\.|Lt\. Gen\.|Field Marshal|Marshal|Sheikh|Captain|Capt\.|"
    r"Colonel|Col\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|interim President|Senator|Sen\.)\s+$"
)
_APPOSITIVE_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s*$")
_APPOSITIVE_AFTER = re.compile(r"\s*(?:[,.;:)(\[]|$|\s(?:on|in|at|and|during|when|where|after|before)\b)")
_CURRENCY_AFTER = re.compile(
    r"[\s-]+(?:dollars?|cents?|currency|bonds?|treasury|stocks?|markets?|exchange rate)\b", re.I
)
_STATE_UNIT = re.compile(r"^(Military Forces|Police Forces|Government) of (.+)$")
_WORD_AFTER = re.compile(r"([^\w]*)([\w'’\-]+)")
_LOC_PREPS = _words(
    "in into across throughout inside within toward towards near via from to over outside around along "
    "northern southern eastern western central north south east west northeast northwest southeast "
    "southwest north-east north-west south-east south-west rural greater occupied liberated entered enter "
    "entering reached reach left leave leaving fled flee crossed cross visited visit returned return"
)
_NOT_NAME_AFTER = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday I")
_REPORTING = _words(
    "said says say claimed claims denied denies announced announces accused accuses agreed agrees remains "
    "remained has have had will would warned warns condemned condemns insisted insists demanded "
    "demands seeks sought wants wanted responded rejected rejects blamed blames vowed vows threatened "
    "threatens urged urges called calls confirmed confirms admitted sent ordered launched backed backs "
    "supports supported hopes hoped expects believes fears continues continued signed proposed offered "
    "stated intends plans planned refused refuses retaliated deployed deploys considers views sees "
    "maintains recognized recognised approved allowed acknowledged reiterated sanctioned summoned"
)
_AREAS = (
    r"areas?|territor(?:y|ies)|terrain|towns?|villages?|parts?|regions?|zones?|neighbou?rhoods?|cities|"
    r"city|pockets?|enclaves?|positions|countryside|districts?|provinces?|lands?"
)
_HELD_WORDS = ("held", "controlled", "dominated", "occupied", "run", "besieged", "administered")
_HELD = re.compile(
    rf"-(?:{'|'.join(_HELD_WORDS)})(?!\w)|\s(?:held|controlled|occupied)(?=\s+(?:{_AREAS}|[A-Z]))", re.IGNORECASE
)
_AREA = re.compile(rf"\s+(?:{_AREAS})(?!\w)", re.IGNORECASE)
_SUFFIX = re.compile(
    r"(?:\s+(?:fighters?|militants?|forces|troops|members?|militiamen|rebels?|insurgents?|operatives?|cells?|"
    r"elements|jihadists?|gunmen|units?|militias?|factions?|combatants?|commanders?|soldiers?|personnel|"
    r"loyalists|affiliates?|mercenaries|terrorists?|warplanes|drones?|aircraft|jets|groups?)(?!\w)){1,2}",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"\s+(?:military\s+)?(?:positions?|sites?|targets?|bases?|posts?|outposts?|checkpoints?|headquarters|HQ|"
    r"depots?|facilit(?:y|ies)|strongholds?|hideouts?|camps?|barracks|convoys?|vehicles?)(?!\w)",
    re.IGNORECASE,
)
_CONTEXT_FLAGS = frozenset({"title", "bare", "capital", "people"})
_NAVAL = frozenset(
    {
        "carrier strike group",
        "aircraft carrier",
        "navy",
        "naval forces",
        "warships",
        "warship",
        "sailors",
        "coast guard",
    }
)
_NO_EXTEND = frozenset({"civilians", "protesters", "rioters", "government", "country"})


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor named in a text, with its ACLED-style canonical name.

    ``start``/``end`` are character offsets into the text. ``kind`` is one of :data:`KINDS`;
    ``"country"`` marks a bare country name ("Russia shelled"), whose canonical name is its
    military and which the caller may read as its government instead. ``role_hint`` is
    ``"target"`` when the phrase itself marks a target ("ISIS-held terrain", "civilians").
    """

    start: int
    end: int
    text: str
    canonical: str
    kind: str
    country: str | None
    role_hint: str | None


@dataclass(frozen=True, slots=True)
class _Entry:
    canonical: str
    kind: str
    country: str | None
    role: str | None = None
    flags: frozenset[str] = frozenset()
    when: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Country:
    name: str
    iso2: str
    article: str

    @property
    def of(self) -> str:
        return f"{self.article} {self.name}" if self.article else self.name


def _rows(name: str, width: int) -> Iterator[list[str]]:
    """Yield the data rows of a bundled TSV file, padded to ``width`` columns."""
    try:
        text = resources.files(_PACKAGE).joinpath("lexicons", name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as e:
        raise ConfigError(f"The actor lexicon file {name} is missing; reinstall strikewatch.") from e
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        yield cells + [""] * (width - len(cells))


def _split_top(spec: str, sep: str) -> list[str]:
    """Split ``spec`` on ``sep`` outside braces."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in spec:
        depth += (ch == "{") - (ch == "}")
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def _expand(spec: str) -> list[str]:
    """Expand ``a;b{x|y}`` into ``["a", "bx", "by"]``."""
    out: list[str] = []
    for alt in _split_top(spec, ";"):
        i = alt.find("{")
        if i < 0:
            out.append(alt.strip())
            continue
        depth, j = 0, i
        for j in range(i, len(alt)):
            depth += (alt[j] == "{") - (alt[j] == "}")
            if depth == 0:
                break
        for choice in _split_top(alt[i + 1 : j], "|"):
            out.extend(_expand(alt[:i] + choice + alt[j + 1 :]))
    return [" ".join(s.split()) for s in out if s.strip()]


def _pattern(alias: str) -> str:
    """Normalise an alias to trie symbols: one space per separator, ``'`` for any apostrophe."""
    return re.sub(_SEP, " ", re.sub(_APOS, "'", alias)).strip()


_SEP_RE, _APOS_RE = re.compile(_SEP), re.compile(_APOS)


@functools.lru_cache(maxsize=32768)
def _key(text: str, ci: bool) -> str:
    """Return the lookup key of an alias or of the text a trie regex matched."""
    key = _SEP_RE.sub(" ", _APOS_RE.sub("", text)).strip()
    return key.lower() if ci else key


def _trie_regex(patterns: Iterable[str]) -> str:
    """Compile alias patterns into one prefix-factored alternation (longer alternatives first)."""
    root: _Trie = {}
    for pattern in patterns:
        node = root
        for ch in pattern:
            node = node.setdefault(ch, {})
        node[""] = {}

    def symbol(ch: str) -> str:
        return _SEP if ch == " " else f"{_APOS}?" if ch == "'" else re.escape(ch)

    def emit(node: _Trie) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            child, run = node[ch], [symbol(ch)]
            while len(child) == 1 and "" not in child:
                ((nxt, child),) = child.items()
                run.append(symbol(nxt))
            branches.append("".join(run) + emit(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _variants(alias: str) -> list[str]:
    """Return a case-sensitive alias and, for ordinary names, its all-caps form (for headlines).

    Mixed-case acronyms ("LeT", "FAMa") get no all-caps form: "LET" is an English word.
    """
    if alias.upper() == alias or any(not (w[1:].islower() or not w[1:].isalpha()) for w in alias.split()):
        return [alias]
    return [alias, alias.upper()]


class ActorLexicon:
    """Aliases of conflict actors compiled into a fast matcher over plain text."""

    def __init__(
        self, actor_rows: Iterable[list[str]], country_rows: Iterable[list[str]], leader_rows: Iterable[list[str]]
    ) -> None:
        """Build the matcher from rows of ``actors.tsv``, ``countries.tsv`` and ``leaders.tsv``."""
        self._countries: dict[str, _Country] = {}
        self._country_index: dict[str, str] = {}  # lower name/alias/iso2/demonym -> country
        self._demonyms: dict[str, str] = {}  # lower demonym (and plural) -> country
        self._who: dict[str, str] = {}  # case-sensitive "who" key -> country
        who_patterns: set[str] = set()
        country_patterns: set[str] = set()
        self._tables: dict[bool, dict[str, list[_Entry]]] = {True: {}, False: {}}
        self._patterns: dict[bool, set[str]] = {True: set(), False: set()}
        self._hooks: dict[str, list[_Entry]] = {}
        self._aliases: set[str] = set()
        leader_names: list[str] = []
        for name, iso2, article, aliases, demonyms, capitals in country_rows:
            self._countries[name] = _Country(name, iso2, article)
            bare = _Entry(f"Military Forces of {self._countries[name].of}", "country", name, flags=frozenset({"bare"}))
            for alias in {name, *_expand(aliases)}:
                self._add(alias, bare, ci=False)
                self._country_index[alias.lower()] = name
                for variant in _variants(alias):
                    country_patterns.add(_pattern(variant))
                    for form in (variant, variant + "'s"):
                        self._who[_key(form, False)] = name
                        who_patterns.add(_pattern(form))
            self._country_index[iso2.lower()] = name
            people = _Entry(f"Civilians ({name})", "civilians", name, "target", frozenset({"people"}))
            for demonym in _expand(demonyms):
                if demonym[-1] in "nie" and " " not in demonym:  # "Palestinians", "Iraqis", "Burkinabes"
                    self._add(demonym + "s", people, ci=False)
                self._country_index.setdefault(demonym.lower(), name)
                self._demonyms[demonym.lower()] = self._demonyms[demonym.lower() + "s"] = name
                for variant in _variants(demonym):
                    self._who[_key(variant, False)] = name
                    who_patterns.add(_pattern(variant))
            gov = _Entry(f"Government of {self._countries[name].of}", "government", name, flags=frozenset({"capital"}))
            for capital in _expand(capitals):
                self._add(capital, gov, ci=False)
        for names, country, _role, flags in leader_rows:
            entry = _Entry(
                f"Government of {self._countries[country].of}",
                "government",
                country,
                flags=frozenset({"leader", *flags.split()}),
            )
            for name in _expand(names):
                self._add(name, entry, ci=False)
                if "title" not in entry.flags:
                    leader_names.append(name)
                    for variant in _variants(name):
                        for form in (variant, variant + "'s"):
                            self._who[_key(form, False)] = country
                            who_patterns.add(_pattern(form))
        for spec, canonical, kind, country, flags, when, role in actor_rows:
            if kind not in KINDS:
                raise ConfigError(f"actors.tsv: unknown kind {kind!r} for {spec!r}; use one of {sorted(KINDS)}.")
            entry = _Entry(
                canonical,
                kind,
                country or None,
                role or None,
                frozenset(flags.split()),
                frozenset(w for w in when.split("|") if w),
            )
            for alias in _expand(spec):
                if alias.startswith("@"):
                    self._hooks.setdefault(alias, []).append(entry)
                else:
                    self._add(alias, entry, ci="cs" not in entry.flags)
        for table in (*self._tables.values(), self._hooks):
            for entries in table.values():
                entries.sort(key=lambda e: not e.when)  # restricted rows first
        # Each trie regex reports the longest alias starting at every word start (a lookahead, so
        # that "the Islamic State" does not hide "Islamic State in the Greater Sahara"). The
        # case-insensitive trie holds lower-cased aliases: it runs case-sensitively (much faster)
        # over the lower-cased text, or with IGNORECASE when lower-casing would move offsets.
        # the tries are large: their compiled programs are kept in the cache folder (_compiled)
        self._regexes = [(compile_cached(rf"(?<![\w\-])(?=({self._trie(ci)})(?!\w))"), ci) for ci in (False, True)]
        self._ci_fallback_regex: re.Pattern[str] | None = None  # compiled when first needed (rare)
        who = _trie_regex(sorted(who_patterns))
        nouns = _trie_regex(sorted({_pattern(n) for ns in _NOUNS.values() for n in ns.split("|")}))
        self._noun_cat = {_key(n, True): cat for cat, ns in _NOUNS.items() for n in ns.split("|")}
        self._generic = compile_cached(
            rf"(?<![\w\-])(?P<pro>(?i:pro){_SEP})?(?P<who>{who}|(?i:{'|'.join(_PSEUDO)})(?:['’]s)?)"
            rf"(?:{_SEP}(?P<spons>(?i:{_SPONSORS})))?(?:\s+|-)(?P<noun>(?i:{nouns}))(?!\w)"
        )
        # "the military forces of Armenia", "the government of Mali", "the army of Chad"
        self._generic_of = compile_cached(
            rf"(?<![\w\-])(?P<noun>(?i:{_OF_NOUNS}))\s+of\s+(?:the\s+)?(?P<who>{_trie_regex(sorted(country_patterns))})(?!\w)"
        )
        self._and_country = compile_cached(
            rf"\s+and\s+(?:the\s+)?(?P<who>{_trie_regex(sorted(country_patterns))})(?!\w)(?!\s*['’]s)"
        )
        self._leader_after = compile_cached(rf"\s+(?:{_trie_regex(sorted({_pattern(n) for n in leader_names}))})(?!\w)")

    def _ci_fallback(self) -> re.Pattern[str]:
        """The case-insensitive trie with IGNORECASE, for the rare text that lower-casing lengthens.

        Compiled on first use: compiling it costs a third of a second at every start.
        """
        if self._ci_fallback_regex is None:
            self._ci_fallback_regex = compile_cached(self._regexes[1][0].pattern, re.IGNORECASE)
        return self._ci_fallback_regex

    def _add(self, alias: str, entry: _Entry, ci: bool) -> None:
        self._aliases.add(_key(alias, True))
        for variant in [alias] if ci else _variants(alias):
            self._tables[ci].setdefault(_key(variant, ci), []).append(entry)
            self._patterns[ci].add(_pattern(variant.lower() if ci else variant))

    def _trie(self, ci: bool) -> str:
        return _trie_regex(sorted(self._patterns[ci]))

    @classmethod
    def load(cls) -> ActorLexicon:
        """Load the lexicon bundled with strikewatch."""
        return cls(_rows("actors.tsv", 7), _rows("countries.tsv", 6), _rows("leaders.tsv", 4))

    @property
    def stats(self) -> dict[str, int]:
        """Return counts of aliases, canonical actors and countries (for reports and tests)."""
        canon = {e.canonical for t in self._tables.values() for es in t.values() for e in es}
        return {"aliases": len(self._aliases), "canonical": len(canon), "countries": len(self._countries)}

    def kind_of(self, name: str) -> tuple[str, str | None] | None:
        """Return the kind and country of an actor by the canonical name this lexicon gives it
        ("Islamic State (Syria)", "Houthi Movement (Ansar Allah)"; ACLED's year suffixes such as
        "(2000-)" are ignored), or None for a name it does not give. Read-only: exports use it to
        code actor types."""
        if not hasattr(self, "_kinds"):
            kinds: dict[str, tuple[str, str | None]] = {}
            for table in (*self._tables.values(), self._hooks):
                for entries in table.values():
                    for e in entries:
                        country = None if e.country == "{focus}" else e.country
                        kinds.setdefault(self._fill(e.canonical, None).casefold(), (e.kind, country))
            self._kinds = kinds
        key = name.strip()
        while True:
            found = self._kinds.get(key.casefold())
            if found is not None or not key.endswith(")") or " (" not in key:
                return found
            key = key.rsplit(" (", 1)[0]  # "Islamic State (Syria)" -> "Islamic State"

    def country_of_demonym(self, word: str) -> str | None:
        """Return the country a demonym ("Turkish", "Syrians") belongs to, or None."""
        return self._demonyms.get(word.strip().lower())

    def normalize_country(self, name: str | None) -> str | None:
        """Return the lexicon's name of a country given by name, alias, ISO2 code or demonym."""
        if not name:
            return None
        return self._country_index.get(name.strip().lower(), name.strip())

    def find(self, text: str, focus_country: str | None = None) -> list[ActorMention]:
        """Return the actor mentions of ``text``: sorted, non-overlapping, longest first.

        ``focus_country`` is the country the text is about; generic phrases ("regime forces",
        "civilians", "unidentified gunmen") are resolved against it.
        """
        focus = self.normalize_country(focus_country)
        found: list[tuple[int, int, int, ActorMention]] = []
        lowered = text.lower()
        for regex, ci in self._regexes:
            table, haystack = self._tables[ci], text
            if ci:
                regex, haystack = (regex, lowered) if len(lowered) == len(text) else (self._ci_fallback(), text)
            for m in regex.finditer(haystack):
                start, end = m.span(1)
                entry = self._pick(table.get(_key(m.group(1), ci), ()), focus)
                if entry is not None and self._context_ok(entry, text, start, end, focus):
                    found.append(self._mention(text, start, end, entry, focus, 0))
        for m in self._generic.finditer(text):
            entry = self._generic_entry(m, focus)
            if entry is not None:
                found.append(self._mention(text, m.start(), m.end(), entry, focus, 1))
        for m in self._generic_of.finditer(text):
            category = _OF_CATEGORY.get(_key(m.group("noun"), True).split()[0], "mil")
            spans = [(m.start(), m.end(), m.group("who"))]
            if (more := self._and_country.match(text, m.end())) is not None:
                spans.append((more.start("who"), more.end("who"), more.group("who")))  # "of India and Pakistan"
            for start, end, who in spans:
                country = self._who.get(_key(who, False))
                if country not in self._countries:
                    continue
                of = self._countries[country].of
                canonical, kind = {
                    "mil": (f"Military Forces of {of}", "state_forces"),
                    "police": (f"Police Forces of {of}", "police"),
                    "gov": (f"Government of {of}", "government"),
                }[category]
                found.append(self._mention(text, start, end, _Entry(canonical, kind, country), focus, 1))
        return _select(found)

    def actor_countries(self, text: str) -> list[str]:
        """Return the ISO alpha-2 codes of the countries of the actors ``text`` names by name (a
        national army or police, a country's militia, a mission in one country), in order of
        mention; bare country names ("Russia shelled") and focus-dependent phrases give none."""
        codes: list[str] = []
        for mention in self.find(text):
            country = self._countries.get(mention.country) if mention.country and mention.kind != "country" else None
            if country is not None and country.iso2 not in codes:
                codes.append(country.iso2)
        return codes

    def _pick(self, entries: Iterable[_Entry], focus: str | None) -> _Entry | None:
        return next((e for e in entries if not e.when or focus in e.when), None)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one lexicon per process; names are few
    def _unit_name(self, name: str) -> str:
        """Put a unit after a state's name in parentheses ("Military Forces of Syria (Military Police)").

        ACLED writes the unit after the government's period ("... of Syria (2000-) Military Police");
        without the period, the parentheses keep the state's name apart from its unit.
        """
        match = _STATE_UNIT.match(name)
        if match is None:
            return name
        body, rest = match.group(1), match.group(2)
        for country in self._countries.values():
            if rest.startswith(country.of + " ") or rest.startswith(country.name + " "):
                head = country.of if rest.startswith(country.of + " ") else country.name
                unit = rest[len(head) + 1 :]
                return f"{body} of {head} ({unit})"
        return name

    def _fill(self, template: str, focus: str | None) -> str:
        if "{focus}" not in template:
            return template
        if focus is None:
            return _NO_FOCUS.get(template, template.replace(" ({focus})", "").replace("{focus} ", ""))
        country = self._countries.get(focus)
        return template.replace("of {focus}", f"of {country.of if country else focus}").replace("{focus}", focus)

    def _mention(
        self, text: str, start: int, end: int, entry: _Entry, focus: str | None, priority: int
    ) -> tuple[int, int, int, ActorMention]:
        role = entry.role
        if text.startswith(("the ", "The ", "THE "), start) and end - start > 4:
            start += 4  # "the regime" -> "regime"
        if entry.kind not in _NO_EXTEND:
            if held := _HELD.match(text, end):
                end, role = held.end(), "target"
            if role == "target" and text[start:end].lower().endswith(_HELD_WORDS):
                if area := _AREA.match(text, end):
                    end = area.end()
            elif not held:
                if suffix := _SUFFIX.match(text, end):
                    end = suffix.end()
                if target := _TARGET.match(text, end):
                    end, role = target.end(), "target"
        elif entry.kind == "government":
            if "leader" in entry.flags and (title := _TITLES.search(text, max(0, start - 40), start)):
                start = title.start()
            elif after := self._leader_after.match(text, end):
                end = after.end()
        country = focus if entry.country == "{focus}" else entry.country
        mention = ActorMention(
            start, end, text[start:end], self._unit_name(self._fill(entry.canonical, focus)), entry.kind, country, role
        )
        return (start, end, priority, mention)

    def _context_ok(self, entry: _Entry, text: str, start: int, end: int, focus: str | None) -> bool:
        """Reject ambiguous names whose context says they are not an actor here."""
        word = text[start:end]
        short = len(word) <= 3 and word.isupper() and word.isalpha()
        if not short and not entry.flags & _CONTEXT_FLAGS:
            return True
        words = text[max(0, start - 40) : start].split()
        prev = words[-1].strip(',;:()[]"“”') if words else ""
        after = _WORD_AFTER.match(text, end)
        gap, nxt = (after.group(1), after.group(2)) if after else ("", "")
        if short:
            # short acronyms: not in all-caps prose ("WHAT IS", "LET US"), not "US$"
            known = self._tables[False]
            if text[end : end + 1] == "$" or any(
                w.isupper() and len(w) > 1 and w.isalpha() and w not in known for w in (prev, nxt)
            ):
                return False
        if "title" in entry.flags and not _TITLES.search(text, max(0, start - 40), start):
            return False
        if "people" in entry.flags:
            return entry.country == focus  # "killing three Palestinians"; "the Russians" may be an army
        if "bare" in entry.flags:
            if _APPOSITIVE_BEFORE.search(text, max(0, start - 40), start) and _APPOSITIVE_AFTER.match(text, end):
                return False  # "in Villa Nueva, Guatemala, on 3 May": where, not who
            if _CURRENCY_AFTER.match(text, end):
                return False  # "the US dollar"
            last = prev.rsplit("-", 1)[-1].lower()
            if prev.lower() in _LOC_PREPS or last in _LOC_PREPS or last in _HELD_WORDS or nxt in _SPONSOR_WORDS:
                return False
            if prev.lower() in {"and", "or", "&"} and _LOC_PREPS.intersection(w.lower() for w in words[-4:-1]):
                return False  # "a trip to Iraq and Syria"
            if gap == "-" or (
                gap.strip() == ""
                and nxt[:1].isupper()
                and not word.isupper()
                and not word.endswith(".")
                and nxt not in _NOT_NAME_AFTER
            ):
                return False
        if "capital" in entry.flags:
            return (
                nxt.lower() in _REPORTING
                or gap.strip() in {"'", "’"}
                or prev.lower() == "between"
                or (prev.lower() == "and" and "between" in text[max(0, start - 40) : start].lower())
            )
        return True

    def _generic_entry(self, m: re.Match[str], focus: str | None) -> _Entry | None:
        """Resolve a ``<who> <noun>`` match to an entry, or None when it is no actor."""
        who, spons, pro = m.group("who"), m.group("spons"), m.group("pro")
        category = self._noun_cat.get(_key(m.group("noun"), True))
        pseudo = _key(who, True).removesuffix("s") in _PSEUDO or _key(who, True) in _PSEUDO
        country = focus if pseudo else self._who.get(_key(who, False))
        if category is None or (
            pseudo and category not in _PSEUDO_CATS and not ((pro or spons) and category in _SPONSOR_CATS)
        ):
            return None
        if category == "grp" and not (pro or spons):
            return None
        if pseudo and who.lower() == "state" and category not in {"mil", "police"}:
            return None
        placeholder = "{focus}" if pseudo else country
        of = "{focus}" if pseudo else (self._countries[country].of if country in self._countries else country)
        if pro or spons:
            if category not in _SPONSOR_CATS:
                return None
            if pseudo:
                if category == "mil":
                    return _Entry(f"Military Forces of {of}", "state_forces", placeholder)
                return _Entry("Militia (Pro-Government)", "militia", placeholder)
            hook = "@led:" if spons and spons.lower() == "led" else "@backed:"
            hooked = self._pick(self._hooks.get(hook + str(country), ()), focus)
            if hooked is not None:
                return hooked
            if hook == "@led:":
                return _Entry(f"Military Forces of {of}", "coalition", country)
            return _Entry(f"Militia (Pro-{country})", "militia", country)
        if category.startswith("mil") or category in {"target", "held"}:
            noun = _key(m.group("noun"), True)
            if (
                category == "mil"
                and noun not in _NAVAL
                and (hooked := self._pick(self._hooks.get(f"@mil:{country}", ()), focus))
            ):
                return hooked
            suffix = category.partition(":")[2]
            role = "target" if category in {"target", "held"} else None
            return _Entry(
                f"Military Forces of {of}" + (f" {suffix}" if suffix else ""), "state_forces", placeholder, role
            )
        simple = {
            "police": (f"Police Forces of {of}", "police", None),
            "gov": (f"Government of {of}", "government", None),
            "rebel": (f"Opposition Rebels ({country})", "rebel", None),
            "grp": (f"Militia (Pro-{country})", "militia", None),
            "armed": (f"Unidentified Armed Group ({country})", "unidentified", None),
            "civ": (f"Civilians ({country})", "civilians", "target"),
            "protest": (f"Protesters ({country})", "protesters", None),
            "riot": (f"Rioters ({country})", "rioters", None),
            "militia": (f"Militia (Pro-{country})", "militia", None),
            "coalition": (f"Military Forces of {of}", "coalition", None),
        }
        canonical, kind, role = simple[category]
        return _Entry(canonical, kind, placeholder, role)


def _select(found: list[tuple[int, int, int, ActorMention]]) -> list[ActorMention]:
    """Keep the longest non-overlapping mentions (explicit aliases win ties), in text order."""
    found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
    starts: list[int] = []
    kept: list[ActorMention] = []
    for start, end, _prio, mention in found:
        i = bisect.bisect_right(starts, start)
        if (i and kept[i - 1].end > start) or (i < len(kept) and kept[i].start < end):
            continue
        starts.insert(i, start)
        kept.insert(i, mention)
    return kept
