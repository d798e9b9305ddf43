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
from dataclasses import dataclass, field, replace
from datetime import date

from strikewatch.extract.actor_lexicon import ActorMention
from strikewatch.extract.casualties import Casualties
from strikewatch.extract.certainty import Attribution, Hedge, irrealis_before, trend_after
from strikewatch.extract.dates import TimeExpression
from strikewatch.extract.triggers import WEAK_RULES, Trigger
from strikewatch.extract.weapons import WeaponMention
from strikewatch.geo import Toponym
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

_CERTAINTY_RANK = {
    Certainty.DENIED: 5,
    Certainty.CLAIMED: 4,
    Certainty.ALLEGED: 3,
    Certainty.CONFIRMED: 2,
    Certainty.REPORTED: 1,
}
_ARMED_KINDS = {
    "state_forces",
    "police",
    "rebel",
    "islamist",
    "militia",
    "ethnic_militia",
    "communal",
    "coalition",
    "operation",
    "country",
    "unidentified",
}
_KINETIC = {EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS}
_NEAR_BEFORE = re.compile(
    r"\b(?:near|outskirts of|vicinity of|around|countryside of|surroundings of|(?:north|south|east|west)"
    r"(?:east|west)? of|axis of|frontlines? of|front of|rural)\s+(?:the\s+(?:town|village|city)\s+of\s+)?$",
    re.I,
)
_NEAR_AFTER = re.compile(r"^\s*(?:area|front|frontline|axis|outskirts|surroundings|countryside|desert|plain)", re.I)
_PASSIVE_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_TARGET_BEFORE = re.compile(
    r"(?<!members )(?<!member )(?<!fighters )(?<!elements )(?<!units )(?<!militants )(?<!group )"
    r"\b(?:against|on|targeting|targeted|at|of|toward|towards|to|with|and|from)\s+(?:the\s+|a\s+|an\s+)?$",
    re.I,
)
# "regime security forces, accompanied by Russian forces, arrested": the helper is not the actor
_SUPPORT_BEFORE = re.compile(
    r"\b(?:accompanied|supported|backed|assisted|aided|escorted|joined|followed)\s+by\s+(?:the\s+)?$|"
    r"\bwith the (?:support|help|backing) of\s+(?:the\s+)?$",
    re.I,
)
_AGENT_GAP = re.compile(r"\W*(?:[\w'-]+\W+){0,2}?by\s+(?:the\s+|an?\s+)?", re.I)
_BETWEEN = re.compile(r"\bbetween\b", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.I)
_STATE_KINDS = {"state_forces", "police", "country"}
_MILITARY_NOUN = re.compile(
    r"\b(?:forces|troops|army|soldiers|warplanes|jets|aircraft|helicopters|drones|artillery|military)\b", re.I
)
_AIR_WEAPONS = {"drones", "aircraft", "barrel bombs", "glide bombs"}
_SHELLING_WEAPONS = {"missiles", "rockets", "artillery", "mortars", "ballistic missiles", "cruise missiles", "tanks"}
_GENERIC_GROUPS = {"Civilians", "Protesters", "Rioters", "Unidentified Armed Group", "Islamic State"}
# A name that runs on into a facility is part of the facility's name ("Hamid Karzai International Airport").
_FACILITY_AFTER = re.compile(
    r"^\s+(?:International|Airport|Air Base|Airbase|University|Hospital|Street|Square|Stadium|Bridge|Dam|Camp|"
    r"Mosque|School|Highway|Road|Port|Station|Prison)\b"
)
_OPEN_END = re.compile(r"\b(?:following|since|onwards?|thereafter|after that)\b", re.I)
_HEADING_END = re.compile(r"[.!?\"”’]\s*$")
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|while|whereas|but|including|after|before|amid|when)\b", re.I)
_CLAUSE_OPENER = re.compile(r"(?:[,;]|\band|\bwhile|\bthen|\bbut)\s*(?:on|in|at|during|by)?\s*$", re.I)
_FIRST_CLAUSE_END = re.compile(r"^\s*(?:\(\w+\))?\s*,")
# A strike "against the town of X" that kills people is coded as hitting civilians.
_POPULATED_TARGET = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:against|on|targeting|hit|struck)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?"
    r"(?:town|village|city|market|hospital|school|mosque|neighbou?rhood|residential|camp|bakery|house|homes?)\b",
    re.I,
)
_VICTIM_WORDS = re.compile(
    r"\b(?:civilians?|children|child|women|woman|man|men|residents?|farmers?|shepherds?|"
    r"worshippers?|journalists?|aid workers?|displaced|family|families|boy|girl)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Layers:
    """Every layer of annotation of one document, as character spans."""

    text: str
    sentences: Sequence[tuple[int, int]]
    dates: Sequence[TimeExpression]
    toponyms: Sequence[Toponym]
    actors: Sequence[ActorMention]
    triggers: Sequence[Trigger]
    casualties: Sequence[Casualties]
    weapons: Sequence[WeaponMention]
    hedges: Sequence[Hedge]
    attributions: Sequence[Attribution]
    published: date | None = None
    focus_country: str | None = None


@dataclass
class _Draft:
    """An event being assembled from one or more triggers of a sentence."""

    triggers: list[Trigger]
    start: int  # the span of text whose arguments belong to this event
    end: int
    sentence: tuple[int, int]
    dates: list[TimeExpression] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)
    inherited_date: TimeExpression | None = None

    @property
    def sub_type(self) -> SubEventType:
        return self.triggers[0].sub_event_type


def _within(items: Sequence, start: int, end: int) -> list:  # type: ignore[type-arg]
    return [item for item in items if item.start >= start and item.end <= end]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n|\n(?=\s*[A-Z])", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_heading(text: str, start: int, end: int) -> bool:
    """Whether a paragraph is a heading: a short line, not the last, with no closing full stop."""
    chunk = text[start:end].strip()
    return (
        bool(chunk)
        and "\n" not in chunk
        and len(chunk) < 200
        and bool(text[end:].strip())
        and not _HEADING_END.search(chunk)
    )


def _live_triggers(layers: Layers, start: int, end: int) -> list[Trigger]:
    """Triggers of a sentence that report something that happened."""
    text = layers.text
    # a trigger word inside a place name ("Qasr al-Harb") is no trigger; inside an actor phrase
    # ("a Russian patrol", "a demonstration") it is, and the phrase names who acted
    blocked = [(t.start, t.end) for t in _within(layers.toponyms, start, end)]
    triggers = [
        t for t in _within(layers.triggers, start, end) if not any(t.start >= s and t.end <= e for s, e in blocked)
    ]
    if any(t.rule not in WEAK_RULES for t in triggers):
        triggers = [t for t in triggers if t.rule not in WEAK_RULES]
    live = []
    for trigger in triggers:
        # cues reach back across commas to the sentence start, but not past an earlier event
        before = text[live[-1].end if live else start : trigger.start]
        if irrealis_before(before):
            continue
        if trend_after(text[trigger.end : end]):
            continue
        live.append(trigger)
    return live


def _attach(items: Sequence, drafts: list[_Draft], text: str) -> list[tuple[int, object]]:  # type: ignore[type-arg]
    """Pair each item with the draft it belongs to (index into drafts)."""
    pairs = []
    for item in items:
        before = [i for i, d in enumerate(drafts) if d.triggers[0].start < item.start]
        # "On 28 April 2020, regime forces shelled ..." / "..., and on 3 May, rebels shelled ...":
        # an expression opening its clause belongs to the trigger after it
        opening = _FIRST_CLAUSE_END.match(text[item.end : item.end + 12]) is not None and (
            not before or _CLAUSE_OPENER.search(text[max(0, item.start - 40) : item.start]) is not None
        )
        after = [i for i, d in enumerate(drafts) if d.triggers[0].start >= item.end]
        if before and not (opening and after):
            pairs.append((before[-1], item))
        elif after:
            pairs.append((after[0], item))
    return pairs


def _conflict(a: Sequence, b: Sequence) -> bool:  # type: ignore[type-arg]
    return bool(a) and bool(b) and {x.text.lower() for x in a} != {x.text.lower() for x in b}


def _sentence_drafts(layers: Layers, start: int, end: int) -> list[_Draft]:
    triggers = _live_triggers(layers, start, end)
    if not triggers:
        return []
    drafts = [_Draft([t], t.start, t.end, (start, end)) for t in triggers]
    for index, item in _attach(_within(layers.dates, start, end), drafts, layers.text):
        drafts[index].dates.append(item)  # type: ignore[arg-type]
    actor_spans = [(a.start, a.end) for a in _within(layers.actors, start, end)]
    toponyms = [
        t
        for t in _within(layers.toponyms, start, end)
        if t.feature != "country" and not any(t.start >= a and t.end <= b for a, b in actor_spans)
    ]
    for index, item in _attach(toponyms, drafts, layers.text):
        drafts[index].toponyms.append(item)  # type: ignore[arg-type]
    merged: list[_Draft] = []
    for draft in drafts:
        if merged:
            last = merged[-1]
            bare = not any(d.date_start for d in draft.dates) and not draft.toponyms
            # "a ballistic missile ... struck the station": the verb continues the weapon's event
            continues = (
                draft.triggers[0].rule == "strike"
                and PARENT_TYPE[last.sub_type] is EventType.EXPLOSIONS
                and (not _conflict(draft.dates, last.dates) and not (draft.toponyms and last.toponyms))
            )
            same = (
                draft.sub_type == last.sub_type
                and not _conflict(draft.dates, last.dates)
                and not _conflict(draft.toponyms, last.toponyms)
            )
            participants = draft.triggers[0].rule == "protesters"  # "fired on protesters in Kabul"
            if bare or same or continues or participants:
                last.triggers += draft.triggers
                last.dates += [d for d in draft.dates if d not in last.dates]
                last.toponyms += [t for t in draft.toponyms if t not in last.toponyms]
                continue
        merged.append(draft)
    # each event's arguments span from its first trigger to the next event's first trigger; the
    # first one also owns the words leading to it
    for i, draft in enumerate(merged):
        draft.start = (
            start if i == 0 else _clause_start(layers.text, merged[i - 1].triggers[-1].end, draft.triggers[0].start)
        )
        draft.end = end
        if i > 0:
            merged[i - 1].end = draft.start
    return merged


def _clause_start(text: str, low: int, high: int) -> int:
    """Return where the clause holding ``high`` begins, not before ``low`` (the previous trigger)."""
    boundaries = list(_CLAUSE_BREAK.finditer(text, low, high))
    return boundaries[-1].end() if boundaries else high


def _best_place(toponyms: Sequence[Toponym]) -> Toponym | None:
    if not toponyms:
        return None
    return min(toponyms, key=lambda t: (t.place.geo_precision or 3, t.start))


def _coordinated(toponyms: Sequence[Toponym], text: str) -> list[list[Toponym]]:
    """Split places joined by "and"/"," at the same level into one group each."""
    best = _best_place(toponyms)
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


def _country_actor(actor: ActorMention, event_type: EventType, text: str) -> str:
    """Return the actor's name for this kind of event ("Russia" acts by its army, or its government)."""
    if actor.kind == "country" and event_type not in _KINETIC:
        return actor.canonical.replace("Military Forces of", "Government of", 1)
    if actor.canonical.startswith("Government of") and (
        _MILITARY_NOUN.search(actor.text) or _MILITARY_NOUN.match(text, actor.end + 1)
    ):
        return actor.canonical.replace("Government of", "Military Forces of", 1)  # "government warplanes"
    return actor.canonical


def _rehome(name: str | None, focus: str, home: str) -> str | None:
    """Move a generic group to the country of the event ("Civilians (Syria)" in Iraq -> Iraq)."""
    if name and name.endswith(f" ({focus})") and name.split(" (")[0] in _GENERIC_GROUPS:
        return name[: -len(focus) - 2] + f"({home})"
    return name


def _coordinated_demonym(text: str, actor: ActorMention, country_of_demonym: object) -> ActorMention:
    """Return the first of "Russian and Turkish forces": the forces of the first demonym."""
    if country_of_demonym is None or actor.kind not in _STATE_KINDS:
        return actor
    match = re.search(r"\b([A-Z][a-z]+)\s+and\s+$", text[max(0, actor.start - 30) : actor.start])
    country = country_of_demonym(match.group(1)) if match else None  # type: ignore[operator]
    if not isinstance(country, str) or country == actor.country:
        return actor
    start = actor.start - len(match.group(0))  # type: ignore[union-attr]
    noun = actor.canonical.split(" of ", 1)[0] if " of " in actor.canonical else "Military Forces"
    return ActorMention(start, actor.end, text[start : actor.end], f"{noun} of {country}", actor.kind, country, None)


def _actors(
    layers: Layers, draft: _Draft, event_type: EventType, sub_type: SubEventType, country_of_demonym: object = None
) -> tuple[ActorMention | None, ActorMention | None]:
    text = layers.text
    s_start, s_end = draft.sentence
    trigger = draft.triggers[0]
    # the source of an account ("according to the White Helmets") takes no part in the event
    sources = [(a.start, a.end) for a in _within(layers.attributions, s_start, s_end)]
    sentence_actors = [
        a
        for a in _within(layers.actors, s_start, s_end)
        if not _FACILITY_AFTER.match(text[a.end :]) and not any(a.start < e and a.end > s for s, e in sources)
    ]
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    # the agent of a passive or a noun: "was killed by unidentified gunmen", "a patrol by Russian
    # forces", "killed by an unknown armed group" (not "following an attempt by QSD fighters")
    passive = _PASSIVE_AUX.search(text[max(s_start, trigger.start - 30) : trigger.start]) is not None
    for actor in sentence_actors:
        if actor.start <= trigger.start or actor.start > draft.end:
            continue
        gap = text[trigger.end : actor.start]
        if _PASSIVE_BY.search(gap[-12:]) and (passive or _AGENT_GAP.fullmatch(gap)):
            actor1 = actor
            if passive:  # "2 opposition fighters were found dead ..., killed by gunmen": the subject is the target
                actor2 = next(
                    (a for a in reversed(sentence_actors) if draft.start <= a.start and a.end <= trigger.start), None
                )
            break
    if actor1 is None:
        actor1 = next((a for a in sentence_actors if a.start <= trigger.start and trigger.end <= a.end), None)
    if actor1 is None:
        for actor in reversed([a for a in sentence_actors if a.end <= trigger.start]):
            prefix = text[max(s_start, actor.start - 40) : actor.start]
            if actor.role_hint == "target" or _TARGET_BEFORE.search(prefix[-16:]) or _SUPPORT_BEFORE.search(prefix):
                continue
            if actor.kind in {"civilians"} and event_type in _KINETIC:
                continue
            actor1 = actor
            break
    after = [
        a
        for a in sentence_actors
        if a.start >= trigger.end
        and a.end <= draft.end
        and a is not actor1
        and not _SUPPORT_BEFORE.search(text[max(s_start, a.start - 40) : a.start])
    ]
    # "clashes took place between A and B": both sides come after the trigger
    if (
        actor1 is None
        and after
        and (sub_type is SubEventType.ARMED_CLASH or _BETWEEN.search(text[trigger.end : after[0].start]))
    ):
        actor1, after = after[0], after[1:]
    before_targets = [
        a
        for a in sentence_actors
        if draft.start <= a.start and a.end <= trigger.start and a is not actor1 and a.role_hint
    ]
    for actor in after + before_targets:
        if actor2 is not None:
            break
        if actor1 is not None and actor.canonical == actor1.canonical:
            continue
        actor2 = actor
    # symmetric events with a coordinated subject: "Erdogan and Putin agreed"
    if actor1 is not None and actor2 is None and sub_type in {SubEventType.AGREEMENT, SubEventType.ARMED_CLASH}:
        for actor in sentence_actors:
            if actor.end <= actor1.start and re.fullmatch(r"\s*(?:and|,)\s*", text[actor.end : actor1.start]):
                actor1, actor2 = actor, actor1
                break
    if actor1 is not None:
        actor1 = _coordinated_demonym(text, actor1, country_of_demonym)
    # ACLED lists the state's forces first in a battle
    if (
        event_type is EventType.BATTLES
        and actor1 is not None
        and actor2 is not None
        and actor2.kind in _STATE_KINDS
        and actor1.kind not in _STATE_KINDS
    ):
        actor1, actor2 = actor2, actor1
    return actor1, actor2


def _demonym_before(layers: Layers, trigger: Trigger, lexicon_country: object) -> str | None:
    match = re.search(
        r"\b([A-Z][a-z]+)(?:-led)?\s+(?:[a-z-]+\s+){0,2}$", layers.text[max(0, trigger.start - 40) : trigger.start]
    )
    if not match:
        return None
    country = lexicon_country(match.group(1))  # type: ignore[operator]
    return country if isinstance(country, str) else None


def assemble(layers: Layers, country_of_demonym: object = None) -> list[Event]:
    """Turn the annotation layers of one document into events."""
    text = layers.text
    events: list[Event] = []
    paragraphs = _paragraphs(text)
    coverage_end = _coverage_end(layers, paragraphs)
    for p_start, p_end in paragraphs:
        if _is_heading(text, p_start, p_end):
            continue
        context_date: TimeExpression | None = None
        previous: tuple[_Draft, Event] | None = None
        # a sentence never runs across a paragraph break (the sentencizer may join a heading on)
        clipped = ((max(a, p_start), min(b, p_end)) for a, b in layers.sentences if a < p_end and b > p_start)
        for s_start, s_end in clipped:
            if not text[s_start:s_end].strip():
                continue
            drafts = _sentence_drafts(layers, s_start, s_end)
            if not drafts and previous is not None:
                # "No casualties were reported.": a sentence with no trigger continues the last event
                _enrich(previous[1], layers, _Draft([], s_start, s_end, (s_start, s_end)))
            sentence_dates = [d for d in _within(layers.dates, s_start, s_end) if d.date_start]
            for index, draft in enumerate(drafts):
                own_dates = [d for d in draft.dates if d.date_start]
                if not own_dates and not draft.toponyms and previous is not None and index == 0:
                    _enrich(previous[1], layers, draft)
                    continue
                when = own_dates[0] if own_dates else None
                if when is None and index > 0 and events:
                    when = drafts[index - 1].inherited_date
                if when is None:
                    when = sentence_dates[0] if sentence_dates else context_date
                if when is None:
                    continue
                draft.inherited_date = when
                if coverage_end and any(d.date_start is None and _OPEN_END.search(d.text) for d in draft.dates):
                    # "... conducting strikes in the weeks following": open until the report's end
                    end = max(when.date_end or when.date_start, coverage_end)  # type: ignore[type-var]
                    when = replace(when, date_end=end)
                split = PARENT_TYPE[draft.sub_type] is not EventType.STRATEGIC_DEVELOPMENTS
                for group in _coordinated(draft.toponyms, text) if split else [draft.toponyms]:
                    event = _build_event(layers, draft, when, group, country_of_demonym)
                    events.append(event)
                    previous = (draft, event)
            if sentence_dates:
                context_date = sentence_dates[-1]
    return events


def _coverage_end(layers: Layers, paragraphs: Sequence[tuple[int, int]]) -> date | None:
    """Return the last day a report covers: the end of a range in its heading, else its date."""
    for p_start, p_end in paragraphs:
        if _is_heading(layers.text, p_start, p_end):
            ranges = [d for d in _within(layers.dates, p_start, p_end) if d.kind == "range" and d.date_end]
            if ranges:
                return ranges[-1].date_end
    return layers.published


def _enrich(event: Event, layers: Layers, draft: _Draft) -> None:
    """Add what a continuation sentence says (deaths, weapons) to the event it continues."""
    if event.fatalities is None:
        casualties = _within(layers.casualties, draft.start, draft.end)
        if casualties:
            event.fatalities, event.fatalities_max = casualties[0].count, casualties[0].count_max
            event.spans["fatalities"] = Span(casualties[0].start, casualties[0].end)
    for weapon in _within(layers.weapons, draft.start, draft.end):
        if weapon.weapon not in event.weapons:
            event.weapons.append(weapon.weapon)


def _build_event(
    layers: Layers, draft: _Draft, when: TimeExpression, toponyms: list[Toponym], country_of_demonym: object
) -> Event:
    text = layers.text
    trigger = draft.triggers[0]
    sub_type = trigger.sub_event_type
    event_type = PARENT_TYPE[sub_type]
    actor1, actor2 = _actors(layers, draft, event_type, sub_type, country_of_demonym)
    casualties = _within(layers.casualties, draft.start, draft.end)
    victims_civilian = (
        any(_VICTIM_WORDS.search(c.text) for c in casualties if c.count)
        or (any(c.count for c in casualties) and _POPULATED_TARGET.search(text[trigger.end : draft.end]) is not None)
        or (actor2 is not None and actor2.kind == "civilians")
    )
    # a generic "attacked"/"targeted" takes its kind from the weapon: drones strike from the air,
    # missiles and artillery shell
    if trigger.rule in WEAK_RULES and event_type in _KINETIC:
        weapons_here = {w.weapon for w in _within(layers.weapons, draft.start, draft.end)}
        if actor1 is not None:
            weapons_here |= {w.weapon for w in _within(layers.weapons, actor1.start, actor1.end)}
        if weapons_here & _AIR_WEAPONS:
            sub_type, event_type = SubEventType.AIR_DRONE_STRIKE, EventType.EXPLOSIONS
        elif weapons_here & _SHELLING_WEAPONS:
            sub_type, event_type = SubEventType.SHELLING, EventType.EXPLOSIONS
    # an arrest by a non-state group is an abduction (ACLED)
    if sub_type is SubEventType.ARRESTS and actor1 is not None and actor1.kind not in _STATE_KINDS | {"government"}:
        sub_type, event_type = SubEventType.ABDUCTION, EventType.VIOLENCE_AGAINST_CIVILIANS
        if actor2 is not None and actor2.kind in _ARMED_KINDS:
            actor2 = None
    # dispersal that kills is excessive force
    if sub_type is SubEventType.PROTEST_WITH_INTERVENTION and any(c.count for c in casualties):
        sub_type = SubEventType.EXCESSIVE_FORCE
    # force used on protesters is a protest event when the state uses it (ACLED)
    if (
        actor2 is not None
        and actor2.kind == "protesters"
        and event_type in _KINETIC
        and actor1 is not None
        and (actor1.kind in _STATE_KINDS)
    ):
        sub_type, event_type = SubEventType.EXCESSIVE_FORCE, EventType.PROTESTS
    # the type follows the target: violence against armed men is a battle, against civilians it is not
    if event_type is EventType.VIOLENCE_AGAINST_CIVILIANS and actor2 is not None and actor2.kind in _ARMED_KINDS:
        sub_type, event_type = SubEventType.ARMED_CLASH, EventType.BATTLES
    name1 = _country_actor(actor1, event_type, text) if actor1 else None
    country = _demonym_before(layers, trigger, country_of_demonym) if country_of_demonym is not None else None
    if country and (actor1 is None or actor1.end < trigger.start - 30):
        name1 = f"Military Forces of {country}" if event_type in _KINETIC else f"Government of {country}"
    best = _best_place(toponyms)
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
    name2 = _country_actor(actor2, event_type, text) if actor2 else None
    if home and layers.focus_country and home != layers.focus_country:
        name1, name2 = (_rehome(n, layers.focus_country, home) for n in (name1, name2))
    if name2 is None and (victims_civilian or sub_type is SubEventType.ABDUCTION) and event_type in _KINETIC:
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
    hedges = _within(layers.hedges, draft.start, draft.end)
    certainty = max((h.certainty for h in hedges), key=_CERTAINTY_RANK.__getitem__, default=None)
    attribution = next(iter(_within(layers.attributions, *draft.sentence)), None)
    weapons: list[str] = []
    for weapon in _within(layers.weapons, draft.start, draft.end):
        if weapon.weapon not in weapons:
            weapons.append(weapon.weapon)
    if event_type is EventType.EXPLOSIONS and "chemical weapons" in weapons:
        sub_type = SubEventType.CHEMICAL_WEAPON
    s_start, s_end = draft.sentence
    spans = {"trigger": Span(trigger.start, trigger.end), "date": Span(when.start, when.end)}
    if actor1:
        spans["actor1"] = Span(actor1.start, actor1.end)
    if actor2:
        spans["actor2"] = Span(actor2.start, actor2.end)
    if best:
        spans["location"] = Span(best.start, best.end)
    if casualties:
        spans["fatalities"] = Span(casualties[0].start, casualties[0].end)
    if hedges:
        spans["certainty"] = Span(hedges[0].start, hedges[0].end)
    if attribution:
        spans["attribution"] = Span(attribution.start, attribution.end)
    event = Event(
        event_type=event_type,
        sub_event_type=sub_type,
        evidence=Span(s_start, s_end),
        evidence_text=text[s_start:s_end],
        date_start=when.date_start,
        date_end=when.date_end or when.date_start,
        actor1=name1,
        actor2=name2,
        place=place,
        country=place.country if place else layers.focus_country,
        geo_precision=precision,
        fatalities=casualties[0].count if casualties else None,
        fatalities_max=casualties[0].count_max if casualties else None,
        weapons=weapons,
        certainty=certainty,
        attribution=attribution.source if attribution else None,
        spans=spans,
    )
    return event
