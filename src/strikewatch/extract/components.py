"""The extraction layers as spaCy pipeline components.

Each ``sw_*`` factory adds one layer of annotation to the ``Doc`` as a ``doc._.sw_*`` extension
and never writes another layer's attribute. The layers are plain records with character offsets
(see each module), so the rules stay testable without spaCy; ``sw_events`` reads them all and
assembles :class:`strikewatch.model.Event` objects.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from strikewatch.extract.actor_lexicon import ActorLexicon
from strikewatch.extract.assemble import Layers, assemble
from strikewatch.extract.casualties import find_casualties
from strikewatch.extract.certainty import find_attributions, find_hedges
from strikewatch.extract.dates import find_dates
from strikewatch.extract.syntax import find_arguments
from strikewatch.extract.triggers import find_triggers
from strikewatch.extract.weapons import find_weapons
from strikewatch.geo import Geoparser, Toponym

# Doc extensions, one per layer: name -> owning factory.
EXTENSIONS: dict[str, str] = {
    "sw_published": "(input)",
    "sw_dates": "sw_dates",
    "sw_toponyms": "sw_places",
    "sw_focus": "sw_places",
    "sw_actors": "sw_actors",
    "sw_triggers": "sw_triggers",
    "sw_casualties": "sw_casualties",
    "sw_weapons": "sw_weapons",
    "sw_hedges": "sw_certainty",
    "sw_attributions": "sw_certainty",
    "sw_events": "sw_events",
}
# spaCy's entity labels that name places, and those that rule a candidate toponym out.
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NOT_PLACE_LABELS = {"PERSON", "ORG", "NORP"}
#: A town of the focus country this big is kept even where NER reads a person's name.
_PERSON_VETO_MAX_POPULATION = 100_000
#: Countries whose place names reach English transliterated from Arabic, Persian, Pashto, Kurdish…
_TRANSLITERATED_COUNTRIES = frozenset(
    "SY IQ LB JO PS IL SA YE OM AE QA KW BH EG LY TN DZ MA MR SD SS SO DJ TD ER TR IR AF PK ML NE".split()  # noqa: SIM905
)


@functools.cache
def default_lexicon() -> ActorLexicon:
    """Return the bundled actor lexicon, loaded once per process."""
    return ActorLexicon.load()


def register_extensions() -> None:
    """Register the ``doc._.sw_*`` extensions (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_text(doc: Doc) -> str:
    """Return the Doc's text, computed once (``Doc.text`` joins every token on each access)."""
    text = doc.user_data.get("sw_text")
    if text is None:
        text = doc.user_data["sw_text"] = doc.text
    return text  # type: ignore[no-any-return]


def _published(doc: Doc) -> date | None:
    value = doc._.sw_published
    return value if isinstance(value, date) else None


class _TextLayer:
    """A component that runs one pure function over the text and stores its result."""

    def __init__(self, attr: str, find: Callable[[str], list]) -> None:  # type: ignore[type-arg]
        self.attr, self.find = attr, find

    def __call__(self, doc: Doc) -> Doc:
        setattr(doc._, self.attr, self.find(doc_text(doc)))
        return doc


class DatesComponent:
    """Temporal expressions, anchored on the document's publication date."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.sw_dates = find_dates(doc_text(doc), _published(doc))
        return doc


class PlacesComponent:
    """Toponyms resolved against the gazetteer, and the document's country focus.

    The countries of the actors a report names by name (a national army or police, a mission in one
    country) steer the resolution after the text's own place evidence: "FARDC soldiers … in Beni"
    is Beni in Congo."""

    def __init__(self, geoparser: Geoparser, lexicon: ActorLexicon | None = None) -> None:
        self.geoparser = geoparser
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        focus = self.geoparser.focus(text)
        # (only where the places leave the country open: the actors' lookup costs as much again)
        firm = self.lexicon is None or self.geoparser.focus_is_firm(text)
        hints = [] if firm else self.lexicon.actor_countries(text)  # type: ignore[union-attr]
        toponyms = self.geoparser.find(text, focus, hints=hints)
        if doc.has_annotation("ENT_IOB"):
            # (with no country named, the countries of the places found are the ones at home)
            home = focus or [t.place.country_code for t in toponyms if t.place.country_code and not t.demonym]
            toponyms = [t for t in toponyms if not self._vetoed(t, doc, home)]
        if not focus:
            # no country named: the country of the places named is the focus ("near Goma")
            codes = [t.place.country_code for t in toponyms if t.place.country_code and not t.demonym]
            focus = sorted(set(codes), key=lambda code: (-codes.count(code), codes.index(code)))
        doc._.sw_focus = focus
        doc._.sw_toponyms = toponyms
        return doc

    @staticmethod
    def _vetoed(t: Toponym, doc: Doc, focus: list[str]) -> bool:
        """Accurate mode: does the statistical NER read a matched town as (part of) a person's or an
        organisation's name ("Vladimir" Putin, Bill "Clinton", the "White House")?

        A foreign match is vetoed when NER labels exactly its span so. In the focus countries the
        NER must label a span covering it as a person, and the town must be small; names of the
        Arabic-script world are kept (NER is unreliable on transliterations: "Kafr Nabl"), and so are
        places the text says lie in the unit named after them ("Hinche, Centre").
        """
        if t.demonym or t.contained or t.feature in {"country", "admin1"}:
            return False
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            return False
        labels = {tok.ent_type_ for tok in span}
        if t.place.country_code not in focus:
            exact = any(e.start_char == t.start and e.end_char == t.end for e in span.ents)
            return exact and bool(labels & _NOT_PLACE_LABELS)
        return (
            labels == {"PERSON"}
            and t.feature == "city"
            and t.place.population < _PERSON_VETO_MAX_POPULATION
            and (t.place.country_code or "") not in _TRANSLITERATED_COUNTRIES
        )


class ActorsComponent:
    """Actor mentions mapped to canonical names through the alias lexicon."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        focus = self.lexicon.normalize_country(doc._.sw_focus[0]) if doc._.sw_focus else None
        doc._.sw_actors = self.lexicon.find(doc_text(doc), focus)
        return doc


class CertaintyComponent:
    """Hedges (certainty) and attributions (who says so)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.sw_hedges = find_hedges(doc_text(doc))
        doc._.sw_attributions = find_attributions(doc_text(doc))
        return doc


class EventsComponent:
    """Assemble the layers into events, one per described incident."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        ext = doc._  # each `doc._` access builds a new accessor object
        if not ext.sw_triggers:
            ext.sw_events = []
            return doc
        focus = self.lexicon.normalize_country(ext.sw_focus[0]) if ext.sw_focus else None
        layers = Layers(
            text=doc_text(doc),
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
            dates=ext.sw_dates or [],
            toponyms=ext.sw_toponyms or [],
            actors=ext.sw_actors or [],
            triggers=ext.sw_triggers,
            casualties=ext.sw_casualties or [],
            weapons=ext.sw_weapons or [],
            hedges=ext.sw_hedges or [],
            attributions=ext.sw_attributions or [],
            published=_published(doc),
            focus_country=focus,
            arguments=find_arguments(doc, ext.sw_triggers),
        )
        ext.sw_events = assemble(layers, self.lexicon.country_of_demonym)
        return doc


_registered = False


def register_factories() -> None:
    """Register the ``sw_*`` factories with spaCy (idempotent)."""
    global _registered
    if _registered:
        return
    register_extensions()

    @Language.factory("sw_dates", assigns=["doc._.sw_dates"])
    def make_dates(nlp: Language, name: str) -> DatesComponent:
        return DatesComponent()

    @Language.factory("sw_places", assigns=["doc._.sw_toponyms", "doc._.sw_focus"])
    def make_places(nlp: Language, name: str) -> PlacesComponent:
        return PlacesComponent(Geoparser(), default_lexicon())

    @Language.factory("sw_actors", assigns=["doc._.sw_actors"], requires=["doc._.sw_focus"])
    def make_actors(nlp: Language, name: str) -> ActorsComponent:
        return ActorsComponent(default_lexicon())

    @Language.factory("sw_triggers", assigns=["doc._.sw_triggers"])
    def make_triggers(nlp: Language, name: str) -> _TextLayer:
        return _TextLayer("sw_triggers", find_triggers)

    @Language.factory("sw_casualties", assigns=["doc._.sw_casualties"])
    def make_casualties(nlp: Language, name: str) -> _TextLayer:
        return _TextLayer("sw_casualties", find_casualties)

    @Language.factory("sw_weapons", assigns=["doc._.sw_weapons"])
    def make_weapons(nlp: Language, name: str) -> _TextLayer:
        return _TextLayer("sw_weapons", find_weapons)

    @Language.factory("sw_certainty", assigns=["doc._.sw_hedges", "doc._.sw_attributions"])
    def make_certainty(nlp: Language, name: str) -> CertaintyComponent:
        return CertaintyComponent()

    @Language.factory(
        "sw_events",
        assigns=["doc._.sw_events"],
        requires=[f"doc._.{name}" for name, owner in EXTENSIONS.items() if owner not in {"sw_events", "(input)"}],
    )
    def make_events(nlp: Language, name: str) -> EventsComponent:
        return EventsComponent(default_lexicon())

    _registered = True


LAYERS = [
    "sw_dates",
    "sw_places",
    "sw_actors",
    "sw_triggers",
    "sw_casualties",
    "sw_weapons",
    "sw_certainty",
    "sw_events",
]
