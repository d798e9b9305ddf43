"""Event assembly: from the layers of annotation to one event per described incident.

Works on plain data (character spans), so it is testable without spaCy. The rules, in order:

1. Headings (a short line with no closing punctuation) give no events: they repeat the body.
2. In each sentence, weak triggers ("killed", "attacked") step aside for a stronger one, and a
   trigger preceded in its clause by a forecast/plan/hypothetical cue ("will", "remain positioned
   to") or followed by a trend verb ("appears to have decreased") is not an event.
3. Dates and places attach to a trigger: an expression that ends its clause-opening phrase
   ("On 28 April 2020, ...") attaches forward, any other attaches to the nearest trigger before it.
4. A trigger with no date or place of its own continues the event before it (in the sentence, or in
   the paragraph); same-type triggers whose arguments do not conflict are one event.
5. An event with no date of its own takes the sentence's, else the paragraph's latest; an event
   with no date at all is dropped (undated background, not an incident).
6. Coordinated places ("in ar Raqqah and Deir ez Zour Provinces") give one event each.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from strikewatch.extract.coding import code_event, crowd_names, protest_names
from strikewatch.extract.dates import TimeExpression, time_precision
from strikewatch.extract.drafts import Draft, Layers, is_heading, paragraphs, sentence_drafts, within
from strikewatch.extract.incidents import Mention, link_incidents, mention_cues
from strikewatch.extract.roles import (
    KINETIC,
    country_actor,
    demonym_before,
    find_roles,
    rehome,
)
from strikewatch.extract.triggers import WEAK_RULES
from strikewatch.geo import Toponym, fold_name
from strikewatch.model import (
    PARENT_TYPE,
    PRECISION_NEAR,
    Certainty,
    Event,
    EventType,
    Place,
    Span,
    SubEventType,
)

__all__ = ["Layers", "assemble"]

_CERTAINTY_RANK = {
    Certainty.DENIED: 5,
    Certainty.CLAIMED: 4,
    Certainty.ALLEGED: 3,
    Certainty.CONFIRMED: 2,
    Certainty.REPORTED: 1,
}

_NEAR_BEFORE = re.compile(
    r"\b(?:near|outskirts of|vicinity of|around|countryside of|surroundings of|(?:north|south|east|west)"
    r"(?:east|west)? of|axis of|frontlines? of|front of|rural)\s+(?:the\s+(?:town|village|city)\s+of\s+)?$",
    re.I,
)

_NEAR_AFTER = re.compile(r"^\s*(?:area|front|frontline|axis|outskirts|surroundings|countryside|desert|plain)", re.I)

_AIR_WEAPONS = {"drones", "aircraft", "barrel bombs", "glide bombs"}

_SHELLING_WEAPONS = {"missiles", "rockets", "artillery", "mortars", "ballistic missiles", "cruise missiles", "tanks"}

_STATE_NAMES = ("Military Forces of", "Police Forces of", "Government of")

_OPEN_END = re.compile(r"\b(?:following|since|onwards?|thereafter|after that)\b", re.I)

# A strike "against the town of X" that kills people is coded as hitting civilians.
_POPULATED_TARGET = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:against|on|targeting|hit|struck)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?"
    r"(?:town|village|city|market|hospital|school|mosque|neighbou?rhood|residential|camp|bakery|house|homes?)\b",
    re.I,
)

_VICTIM_WORDS = re.compile(
    r"\b(?:civilians?|children|child|women|woman|man|men|residents?|farmers?|shepherds?|"
    r"worshippers?|journalists?|aid workers?|displaced|family|families|boy|girl|passengers?|people|persons|"
    r"villagers?|pupils?|students?|drivers?|traders?|herders?|fishermen|miners?|teachers?|doctors?|nurses?|"
    r"patients?|refugees?|migrants?|pilgrims?|mourners|shoppers|infants?|bab(?:y|ies)|elderly)\b",
    re.I,
)


# "a man from Town A died in a prison in Town B", "fighters from A clashed in B": where people
# or fire come from is not where the event happened.
# ("from A to B" is a stretch from A on, though).
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:(?:town|village|city|area)\s+of\s+)?$", re.I)
_TO_AFTER = re.compile(r"(?:\s+(?:town|village|city|area))?\s+to\b", re.I)
# "in Idleb", "entered Idleb": the words that put a place in a province rather than a city.
_IN_BEFORE = re.compile(r"\b(?:in|into|entered)\s+$", re.I)
# "Village A street of City B", "the A mosque in Town B": a building or street named after
# a place lies in the town named next.
_INSIDE_AFTER = re.compile(
    r"^\s+(?:street|mosque|school|hospital|market|bakery|church|square|roundabout)\s+(?:of|in)\b", re.I
)
# "along the Aleppo-Damascus highway ... in the Saraqib area", "found on the road to City A": a city
# a highway is named after, or where a road leads, only says which road it was (the villages a local
# road joins are where it happened: "on the Village A - Village B road in Town C countryside").
_HIGHWAY_TOWN = 100_000
_ROAD_AFTER = re.compile(
    r"(?:\s*-\s*[A-Z][\w'’-]*(?:\s+(?:al\s+)?[A-Z][\w'’-]*)*)?\s+(?:international\s+)?(?:highway|road|motorway)\b"
)
_ROAD_TO_BEFORE = re.compile(r"\b(?:road|way|route|highway)\s+(?:leading\s+)?(?:to|towards)\s+(?:the\s+)?$", re.I)
_UNITS = {"admin1", "admin2", "admin3", "city"}
_CITY_AFTER = re.compile(r"\s+city\b", re.I)


def _best_place(toponyms: Sequence[Toponym], text: str = "") -> Toponym | None:
    """The toponym that locates an event: one with coordinates, the most precise; among equals, a town
    or unit before a region, sea or river, then one that is not a place of origin ("a man from X"), the
    namesake of a building in another place, the end of a road or where a road leads, then one that
    lies in the province of a place the text says lies in the unit named after it ("A (B, C)"), then
    the first.

    A city that gives its name to its province ("in Idleb") counts as the province when another place
    of that province is named: "a convoy entered Idleb via the Village A crossing" is located at A.
    """
    if not toponyms:
        return None
    if len(toponyms) == 1:
        return toponyms[0]

    contained = [o.place for o in toponyms if o.contained]

    def rank(t: Toponym) -> tuple[bool, int, bool, bool, bool, int]:
        place = t.place
        # (a place elsewhere than where the text locates another: "Aadhaar card centres in Jorhat (Assam)")
        astray = bool(contained) and not any(
            o.country_code == place.country_code and o.admin1 == place.admin1 for o in contained
        )
        precision = place.geo_precision or 3
        if (
            place.feature == "city"
            and place.admin1
            and fold_name(t.text) == fold_name(place.admin1)
            and _IN_BEFORE.search(text[max(0, t.start - 10) : t.start]) is not None
            and not _CITY_AFTER.match(text, t.end)
            and any(o.place.admin1 == place.admin1 and _inside(o, t) for o in toponyms)
        ):
            precision = 3  # the province, as the other place lies in it
        before = text[max(0, t.start - 40) : t.start]
        demoted = bool(text) and (
            (_FROM_BEFORE.search(before) is not None and not _TO_AFTER.match(text, t.end))
            or _INSIDE_AFTER.match(text[t.end : t.end + 30]) is not None
            or (_ROAD_AFTER.match(text, t.end) is not None and place.population >= _HIGHWAY_TOWN)
            or _ROAD_TO_BEFORE.search(before) is not None
        )
        return (place.lat is None, precision, place.feature not in _UNITS, demoted, astray, t.start)

    return min(toponyms, key=rank)


def _inside(other: Toponym, unit: Toponym) -> bool:
    """Is ``other`` a place below the province ``unit`` is named after (not another mention of it)?"""
    return other.place.feature != "admin1" and fold_name(other.text) != fold_name(unit.text)


def _coordinated(toponyms: Sequence[Toponym], text: str) -> list[list[Toponym]]:
    """Split places joined by "and"/"," at the same level into one group each."""
    best = _best_place(toponyms, text)
    if best is None:
        return [[]]
    level = best.place.geo_precision
    peers = [t for t in toponyms if t.place.geo_precision == level]
    groups = [[peers[0]]]
    for prev, cur in itertools.pairwise(peers):
        between = text[prev.end : cur.start]
        if (
            re.fullmatch(
                r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?(?:towns?\s+of\s+|villages?\s+of\s+|in\s+)?", between, re.I
            )
            and prev.place.name != cur.place.name
            and not re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, peers[0].start - 12) : peers[0].start], re.I)
        ):
            groups.append([cur])
    if len(groups) == 1:
        return [list(toponyms)]
    others = [t for t in toponyms if t.place.geo_precision != level]
    return [group + others for group in groups]


def assemble(layers: Layers, country_of_demonym: object = None) -> list[Event]:
    """Turn the annotation layers of one document into events, one per incident it tells."""
    text = layers.text
    mentions: list[Mention] = []
    spans = paragraphs(text)
    coverage_end = _coverage_end(layers, spans)
    groups = itertools.count()
    for p_start, p_end in spans:
        if is_heading(text, p_start, p_end):
            continue
        context_date: TimeExpression | None = None
        previous: Mention | None = None
        # an event whose sentence names no place happened where its paragraph is ("Troops closed the roads
        # into Town A. This followed a deadly explosion the day before.")
        actor_spans = [(a.start, a.end) for a in within(layers.actors, p_start, p_end)]
        around = [
            t
            for t in within(layers.toponyms, p_start, p_end)
            if t.feature != "country" and not any(t.start >= a and t.end <= b for a, b in actor_spans)
        ]
        # a sentence never runs across a paragraph break (the sentencizer may join a heading on)
        clipped = ((max(a, p_start), min(b, p_end)) for a, b in layers.sentences if a < p_end and b > p_start)
        for s_start, s_end in clipped:
            if not text[s_start:s_end].strip():
                continue
            drafts = sentence_drafts(layers, s_start, s_end)
            if not drafts and previous is not None:
                # "No casualties were reported.": a sentence with no trigger continues the last event
                _enrich(previous.event, layers, Draft([], s_start, s_end, (s_start, s_end)))
            sentence_dates = [d for d in within(layers.dates, s_start, s_end) if d.date_start]
            for index, draft in enumerate(drafts):
                own_dates = [d for d in draft.dates if d.date_start]
                # a trigger with no date or place of its own continues the event before it
                continues = previous if not own_dates and not draft.toponyms and index == 0 else None
                when = own_dates[0] if own_dates else None
                if when is None and index > 0 and mentions:
                    when = drafts[index - 1].inherited_date
                if when is None:
                    when = sentence_dates[0] if sentence_dates else context_date
                if continues is not None:
                    when = continues.draft.inherited_date
                draft.inherited_date = when
                if (
                    when is not None
                    and coverage_end
                    and any(d.date_start is None and _OPEN_END.search(d.text) for d in draft.dates)
                ):
                    # "... conducting strikes in the weeks following": open until the report's end
                    end = max(when.date_end or when.date_start, coverage_end)  # type: ignore[type-var]
                    when = replace(when, date_end=end)
                cues = mention_cues(text, draft, s_start)
                group = next(groups)
                split = PARENT_TYPE[draft.sub_type] is not EventType.STRATEGIC_DEVELOPMENTS
                for places in _coordinated(draft.toponyms, text) if split and continues is None else [draft.toponyms]:
                    event = _build_event(layers, draft, when, places or around, country_of_demonym)
                    mention = Mention(
                        event,
                        draft,
                        group,
                        own_date=bool(own_dates),
                        undated=when is None,
                        weak=draft.triggers[0].rule in WEAK_RULES,
                        state_actor=(event.actor1 or "").startswith(_STATE_NAMES)
                        or (event.sub_event_type is SubEventType.PROTEST_WITH_INTERVENTION and bool(event.actor2)),
                        continues=continues,
                        total=any(c.total for c in within(layers.casualties, draft.start, draft.end)),
                        **cues,
                    )
                    mentions.append(mention)
                    previous = mention
            if sentence_dates:
                context_date = sentence_dates[-1]
    return link_incidents(mentions, layers.published)


def _coverage_end(layers: Layers, paragraphs: Sequence[tuple[int, int]]) -> date | None:
    """Return the last day a report covers: the end of a range in its heading, else its date."""
    for p_start, p_end in paragraphs:
        if is_heading(layers.text, p_start, p_end):
            ranges = [d for d in within(layers.dates, p_start, p_end) if d.kind == "range" and d.date_end]
            if ranges:
                return ranges[-1].date_end
    return layers.published


def _enrich(event: Event, layers: Layers, draft: Draft) -> None:
    """Add what a continuation sentence says (deaths, weapons) to the event it continues."""
    casualties = within(layers.casualties, draft.start, draft.end)
    # a total stated after the victims ("... The nurse died. 2 fatalities.") replaces a smaller count
    first = casualties[0] if casualties else None
    if first is not None and (event.fatalities is None or (first.total and first.count > event.fatalities)):
        event.fatalities, event.fatalities_max = first.count, first.count_max
        event.spans["fatalities"] = Span(first.start, first.end)
    for weapon in within(layers.weapons, draft.start, draft.end):
        if weapon.weapon not in event.weapons:
            event.weapons.append(weapon.weapon)


def _build_event(
    layers: Layers, draft: Draft, when: TimeExpression | None, toponyms: list[Toponym], country_of_demonym: object
) -> Event:
    text = layers.text
    trigger = draft.triggers[0]
    actor1, actor2 = find_roles(
        layers, draft, PARENT_TYPE[trigger.sub_event_type], trigger.sub_event_type, country_of_demonym
    )
    coding = code_event(layers, draft, actor1, actor2)
    sub_type, event_type, actor1, actor2 = coding.sub_type, coding.event_type, coding.actor1, coding.actor2
    casualties = within(layers.casualties, draft.start, draft.end)
    victims_civilian = (
        any(_VICTIM_WORDS.search(c.text) for c in casualties if c.count)
        or (any(c.count for c in casualties) and _POPULATED_TARGET.search(text[trigger.end : draft.end]) is not None)
        or (actor2 is not None and actor2.kind == "civilians")
    )
    name1 = country_actor(actor1, event_type, text) if actor1 else None
    country = demonym_before(layers, trigger, country_of_demonym) if country_of_demonym is not None else None
    if country and (actor1 is None or actor1.end < trigger.start - 30):
        name1 = f"Military Forces of {country}" if event_type in KINETIC else f"Government of {country}"
    best = _best_place(toponyms, text)
    place: Place | None = best.place if best else None
    # unnamed civilians, gunmen and protesters belong to the country where it happened
    home = (place.country if place else None) or layers.focus_country
    suffix = f" ({home})" if home else ""
    if name1 is None and sub_type in {
        SubEventType.REMOTE_EXPLOSIVE,
        SubEventType.ATTACK,
        SubEventType.ABDUCTION,
        SubEventType.GRENADE,
        SubEventType.SUICIDE_BOMB,
    }:
        name1 = f"Unidentified Armed Group{suffix}"
    if name1 is None and event_type in {EventType.PROTESTS, EventType.RIOTS}:
        name1 = f"{'Protesters' if event_type is EventType.PROTESTS else 'Rioters'}{suffix}"
    name2 = country_actor(actor2, event_type, text) if actor2 else None
    if sub_type is SubEventType.ARMED_CLASH:
        # a clash has two sides: an unnamed one is an unidentified armed group of the country
        name1 = name1 or f"Unidentified Armed Group{suffix}"
        if name2 is None and not victims_civilian:
            name2 = f"Unidentified Armed Group{suffix}"
    if coding.crowd:
        name1, name2 = crowd_names(coding, suffix, name2)
    name1, name2 = protest_names(event_type, sub_type, name1, name2, suffix)
    if home and layers.focus_country and home != layers.focus_country:
        name1, name2 = (rehome(n, layers.focus_country, home) for n in (name1, name2))
    # violence against civilians always has civilians as its target (ACLED)
    vac = event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    if name2 is None and (victims_civilian or vac) and event_type in KINETIC:
        name2 = f"Civilians{suffix}"
    precision = place.geo_precision if place else None
    if (
        best is not None
        and place is not None
        and place.geo_precision == 1
        and (
            _NEAR_BEFORE.search(text[max(0, best.start - 40) : best.start])
            or _NEAR_AFTER.match(text[best.end : best.end + 15])
        )
    ):
        precision = PRECISION_NEAR
    if place is not None and place.admin1 is None:
        province = next((t.place for t in toponyms if t.feature == "admin1"), None)
        if province is not None:
            place = replace(place, admin1=province.name)
    hedges = within(layers.hedges, draft.start, draft.end)
    certainty = max((h.certainty for h in hedges), key=_CERTAINTY_RANK.__getitem__, default=None)
    attribution = next(iter(within(layers.attributions, *draft.sentence)), None)
    weapons: list[str] = []
    for weapon in within(layers.weapons, draft.start, draft.end):
        if weapon.weapon not in weapons:
            weapons.append(weapon.weapon)
    if event_type is EventType.EXPLOSIONS and "chemical weapons" in weapons:
        sub_type = SubEventType.CHEMICAL_WEAPON
    s_start, s_end = draft.sentence
    spans = {"trigger": Span(trigger.start, trigger.end)}
    if when is not None:
        spans["date"] = Span(when.start, when.end)
    if actor1:
        spans["actor1"] = Span(actor1.start, actor1.end)
    if actor2:
        spans["actor2"] = Span(actor2.start, actor2.end)
    if best:
        spans["location"] = Span(best.start, best.end)
    # the first figure of deaths; "no deaths" only when no death is told ("no deaths, but a man was later killed")
    deaths = next((c for c in casualties if c.count), casualties[0] if casualties else None)
    if deaths:
        spans["fatalities"] = Span(deaths.start, deaths.end)
    if hedges:
        spans["certainty"] = Span(hedges[0].start, hedges[0].end)
    if attribution:
        spans["attribution"] = Span(attribution.start, attribution.end)
    event = Event(
        event_type=event_type,
        sub_event_type=sub_type,
        evidence=Span(s_start, s_end),
        evidence_text=text[s_start:s_end],
        date_start=when.date_start if when else None,
        date_end=(when.date_end or when.date_start) if when else None,
        time_precision=time_precision(when, text) if when else None,
        actor1=name1,
        actor2=name2,
        place=place,
        country=place.country if place else layers.focus_country,
        geo_precision=precision,
        fatalities=deaths.count if deaths else None,
        fatalities_max=deaths.count_max if deaths else None,
        weapons=weapons,
        certainty=certainty,
        attribution=attribution.source if attribution else None,
        spans=spans,
    )
    return event
