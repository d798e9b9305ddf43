"""Roles: who acted and on whom, for one draft event.

The agent is the actor before the trigger (not a target, helper or source), the agent of a passive
("killed by gunmen") or of a noun ("a patrol by Russian forces"), or the first side of "clashes
between A and B"; the target is the first actor after the trigger in its clause, or a "-held" phrase.
ACLED conventions apply: in a battle the state's forces come first.
"""

from __future__ import annotations

import re

from strikewatch.extract.actor_lexicon import ActorMention
from strikewatch.extract.drafts import Draft, Layers, within
from strikewatch.extract.triggers import Trigger
from strikewatch.model import (
    EventType,
    SubEventType,
)

KINETIC = {EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS}

ARMED_KINDS = {
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

STATE_KINDS = {"state_forces", "police", "country"}

_MILITARY_NOUN = re.compile(
    r"\b(?:forces|troops|army|soldiers|warplanes|jets|aircraft|helicopters|drones|artillery|military)\b", re.I
)

_GENERIC_GROUPS = {"Civilians", "Protesters", "Rioters", "Unidentified Armed Group", "Islamic State"}

_QUANTITY = (
    r"(?:(?:about|some|at least|around|nearly|up to|more than|over|\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"several|dozens of|a group of|groups of|a band of|suspected|alleged|presumed|apparent|so-called|armed|members of "
    r"(?:the )?)\s+)*"
)
_PASSIVE_BY = re.compile(rf"\bby\s+(?:the\s+|an?\s+)?{_QUANTITY}$", re.I)
# "killed by armed men", "was found dead, killed by an unknown armed group": the agent of any
# participle of violence in the event's clause
_PARTICIPLE_BY = re.compile(
    r"\b(?:killed|shot|executed|murdered|attacked|abducted|kidnapped|arrested|detained|targeted|struck|hit|"
    r"injured|wounded|beaten|stabbed|bombed|shelled|ambushed|assassinated|carried out|committed|perpetrated|"
    r"seized|captured|raided|lynched|burned|torched|set alight|fired|launched|dropped|planted|detonated|"
    rf"tortured|assaulted|harassed|threatened|looted|destroyed)\s+by\s+(?:the\s+|an?\s+)?{_QUANTITY}$",
    re.I,
)

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

_AGENT_GAP = re.compile(rf"\W*(?:[\w'-]+\W+){{0,2}}?by\s+(?:the\s+|an?\s+)?{_QUANTITY}", re.I)

_DEMONYM_AND = re.compile(r"\b([A-Z][a-z]+)\s+and\s+$")

_BETWEEN = re.compile(r"\bbetween\b", re.I)

_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.I)

# A name that runs on into a facility is part of the facility's name ("Hamid Karzai International Airport").
_FACILITY_AFTER = re.compile(
    r"^\s+(?:International|Airport|Air Base|Airbase|University|Hospital|Street|Square|Stadium|Bridge|Dam|Camp|"
    r"Mosque|School|Highway|Road|Port|Station|Prison)\b"
)


def country_actor(actor: ActorMention, event_type: EventType, text: str) -> str:
    """Return the actor's name for this kind of event ("Russia" acts by its army, or its government)."""
    if actor.kind == "country" and event_type not in KINETIC:
        return actor.canonical.replace("Military Forces of", "Government of", 1)
    if actor.canonical.startswith("Government of") and (
        _MILITARY_NOUN.search(actor.text) or _MILITARY_NOUN.match(text, actor.end + 1)
    ):
        return actor.canonical.replace("Government of", "Military Forces of", 1)  # "government warplanes"
    return actor.canonical


def rehome(name: str | None, focus: str, home: str) -> str | None:
    """Move a generic group to the country of the event ("Civilians (Syria)" in Iraq -> Iraq)."""
    if name and name.endswith(f" ({focus})") and name.split(" (")[0] in _GENERIC_GROUPS:
        return name[: -len(focus) - 2] + f"({home})"
    return name


def _coordinated_demonym(text: str, actor: ActorMention, country_of_demonym: object) -> ActorMention:
    """Return the first of "Russian and Turkish forces": the forces of the first demonym."""
    if country_of_demonym is None or actor.kind not in STATE_KINDS:
        return actor
    match = re.search(r"\b([A-Z][a-z]+)\s+and\s+$", text[max(0, actor.start - 30) : actor.start])
    country = country_of_demonym(match.group(1)) if match else None  # type: ignore[operator]
    if not isinstance(country, str) or country == actor.country:
        return actor
    start = actor.start - len(match.group(0))  # type: ignore[union-attr]
    noun = actor.canonical.split(" of ", 1)[0] if " of " in actor.canonical else "Military Forces"
    return ActorMention(start, actor.end, text[start : actor.end], f"{noun} of {country}", actor.kind, country, None)


def find_roles(
    layers: Layers, draft: Draft, event_type: EventType, sub_type: SubEventType, country_of_demonym: object = None
) -> tuple[ActorMention | None, ActorMention | None]:
    text = layers.text
    s_start, s_end = draft.sentence
    trigger = draft.triggers[0]
    # the source of an account ("according to the White Helmets") takes no part in the event
    sources = [(a.start, a.end) for a in within(layers.attributions, s_start, s_end)]
    # a country's name inside a place's ("Mexico City", "Ciudad de Mexico") names no actor
    places = [(t.start, t.end) for t in within(layers.toponyms, s_start, s_end) if t.feature != "country"]
    sentence_actors = [
        a
        for a in within(layers.actors, s_start, s_end)
        if not _FACILITY_AFTER.match(text[a.end :])
        and not any(a.start < e and a.end > s for s, e in sources)
        and not (a.kind in {"country", "government"} and any(s <= a.start and a.end <= e for s, e in places))
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
        if _PARTICIPLE_BY.search(text[max(trigger.start, actor.start - 60) : actor.start]):
            actor1 = actor
            # "2 fighters were found dead, killed by gunmen": the subject is the target
            actor2 = next(
                (a for a in reversed(sentence_actors) if draft.start <= a.start and a.end <= trigger.start), None
            )
            break
        if _PASSIVE_BY.search(gap[-40:]) and (passive or _AGENT_GAP.fullmatch(gap)):
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
            # "Turkish and Russian forces": a coordinated demonym, not "clashed with A and B"
            coordinated = (m := _DEMONYM_AND.search(prefix)) is not None and callable(country_of_demonym)
            coordinated = coordinated and isinstance(country_of_demonym(m.group(1)), str)  # type: ignore[misc, union-attr]
            if actor.role_hint == "target" or _SUPPORT_BEFORE.search(prefix):
                continue
            if _TARGET_BEFORE.search(prefix[-16:]) and not coordinated:
                continue
            if actor.kind in {"civilians"} and event_type in KINETIC:
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
    # accurate mode: the dependency parse says who acted and on whom, where it names an actor
    if layers.arguments:
        agent, target = (_argument(layers, trigger, role, sentence_actors) for role in ("agent", "target"))
        if agent is not None and agent.kind not in {"civilians"}:
            # forces fighting under an operation's name are coded as the operation (ACLED)
            operation = next(
                (a for a in sentence_actors if a.kind == "operation" and agent.start <= a.start < trigger.start), None
            )
            actor1 = operation or agent
        if target is not None and target is not actor1:
            actor2 = target
    # symmetric events with a coordinated subject: "Erdogan and Putin agreed", "forces of A and B clashed"
    if actor1 is not None and actor2 is None and sub_type in {SubEventType.AGREEMENT, SubEventType.ARMED_CLASH}:
        for actor in sentence_actors:
            if actor.end <= actor1.start and re.fullmatch(r"\s*(?:and|,)\s*", text[actor.end : actor1.start]):
                actor1, actor2 = actor, actor1
                break
            if (
                actor.start >= actor1.end
                and actor.end <= trigger.start
                and actor.canonical != actor1.canonical
                and re.fullmatch(r"\s*(?:and|,)\s*(?:the\s+)?", text[actor1.end : actor.start])
            ):
                actor2 = actor
                break
    if actor1 is not None:
        actor1 = _coordinated_demonym(text, actor1, country_of_demonym)
    # ACLED lists the state's forces first in a battle
    if (
        event_type is EventType.BATTLES
        and actor1 is not None
        and actor2 is not None
        and actor2.kind in STATE_KINDS
        and actor1.kind not in STATE_KINDS
    ):
        actor1, actor2 = actor2, actor1
    return actor1, actor2


def _argument(layers: Layers, trigger: Trigger, role: str, actors: list[ActorMention]) -> ActorMention | None:
    """Return the first actor inside a span the parse gives ``trigger`` in ``role``."""
    spans = [(a.start, a.end) for a in layers.arguments if a.trigger == trigger.start and a.role == role]
    return next((m for m in actors if any(s <= m.start and m.end <= e for s, e in spans)), None)


def demonym_before(layers: Layers, trigger: Trigger, lexicon_country: object) -> str | None:
    match = re.search(
        r"\b([A-Z][a-z]+)(?:-led)?\s+(?:[a-z-]+\s+){0,2}$", layers.text[max(0, trigger.start - 40) : trigger.start]
    )
    if not match:
        return None
    country = lexicon_country(match.group(1))  # type: ignore[operator]
    return country if isinstance(country, str) else None
