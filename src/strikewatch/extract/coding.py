"""ACLED coding of one draft event: its event type and sub-type from the trigger, the actors and
the weapons, and its actors' names, following ACLED's public codebook.

The trigger gives a first sub-type; the codebook then decides:

- **who fought whom**: violence against armed men (soldiers, police, militants) is a battle, against
  unarmed people violence against civilians; state force used on demonstrators is a protest event
  (excessive force against protesters); an arrest by a non-state group is an abduction;
- **crowds are not armed groups**: villagers, residents, youths, supporters or two communities who
  clash, stone, beat, lynch or vandalise are rioters: a violent demonstration when it happens in a
  protest, mob violence otherwise;
- **the weapon and the distance**: a generic "attacked"/"fired at" takes its kind from the weapons
  named (drones and aircraft strike from the air, artillery, mortars, rockets and missiles shell,
  small arms or unspecified weapons make an armed clash); explosions that monitors count are
  shelling, not a roadside bomb;
- **names**: an event's unnamed civilians, gunmen, protesters and rioters belong to the country
  where it happened ("Civilians (Mexico)", "Rioters (India)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strikewatch.extract.actor_lexicon import ActorMention
from strikewatch.extract.drafts import Draft, Layers, within
from strikewatch.extract.roles import ARMED_KINDS, KINETIC, STATE_KINDS
from strikewatch.extract.triggers import WEAK_RULES
from strikewatch.model import PARENT_TYPE, EventType, SubEventType

__all__ = ["Coding", "code_event"]

S, E = SubEventType, EventType
_AIR_WEAPONS = {"drones", "aircraft", "barrel bombs", "glide bombs"}
_SHELLING_WEAPONS = {"missiles", "rockets", "artillery", "mortars", "ballistic missiles", "cruise missiles", "tanks"}
_DEVICE_WORDS = re.compile(r"\b(?:ieds?|devices?|bombs?|mines?|landmines?|explosives?|booby|grenades?)\b", re.I)
# The people of a crowd: not an armed organisation, whatever they do.
_CROWD = re.compile(
    r"\b(?:villagers|residents|locals|inhabitants|youths?|young (?:men|people)|mobs?|crowds?|group of (?:\w+ )?"
    r"(?:people|men|youths|residents|villagers|locals|women|persons|individuals|workers|students|supporters)|"
    r"(?:two|rival|several) (?:groups|communities|families|clans|villages|factions|parties)|communit(?:y|ies)|"
    r"(?:\w+ )?supporters|activists|students|workers|labou?rers|farmers|traders|vendors|merchants|shopkeepers|"
    r"(?:taxi |bus |truck |motorcycle |moto-?taxi )?drivers|migrants|people|citizens|neighbou?rs|relatives|families|"
    r"family members|fans|worshippers|parishioners|passengers|cadres|party (?:members|workers|activists)|"
    r"(?:party|union) members|demonstrators|protesters|protestors|rioters|miners|fishermen|herders|"
    r"locals|nationals|members of the public|(?:a|the) group|teachers|nurses|doctors|employees)\b",
    re.I,
)
# Words that put a clash or an attack inside a protest.
_PROTEST_CONTEXT = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|demand\w*|denounc\w*|slogans?|sit-ins?|dharnas?|"
    r"marched|march|strikes? (?:by|over|for)|went on strike|against (?:the )?(?:government|authorities|"
    r"decision|lockdown|measures|closure|arrest|killing|death|eviction|price|shortage|lack)|"
    r"in (?:protest|solidarity)|to protest|agitat\w*)\b",
    re.I,
)
_TWO_SIDED = re.compile(
    r"\b(?:each other|one another|between (?:two|rival)|rival|with (?:\w+ ){0,4}?(?:residents|villagers|supporters|"
    r"members|groups?|youths))\b",
    re.I,
)
_CROWD_RULES = {"stones", "riot", "mob", "lynch"}
_CROWD_TURNED = {"clash", "attack", "violence", "loot", "fire_at", "exchange", "overtake"}
_STATE_NAMES = ("Military Forces of", "Police Forces of", "Government of")
_FIRE_RULES = {"fire_at", "bursts", "observed"}


@dataclass
class Coding:
    """An event's ACLED type, sub-type and the actor mentions that play its two roles."""

    sub_type: SubEventType
    event_type: EventType
    actor1: ActorMention | None
    actor2: ActorMention | None
    crowd: bool = False  # the acting side is a crowd, not an organisation
    two_sided: bool = False  # two crowds against each other


def _weapons(layers: Layers, draft: Draft, actor1: ActorMention | None) -> set[str]:
    found = {w.weapon for w in within(layers.weapons, draft.start, draft.end)}
    if actor1 is not None:
        found |= {w.weapon for w in within(layers.weapons, actor1.start, actor1.end)}
    return found


def _crowd_subject(layers: Layers, draft: Draft, actor1: ActorMention | None) -> bool:
    """Is the side that acts a crowd (not an armed organisation, not the state)?

    Read from the words before the trigger (or after "clashes between"), not from ``actor1``: the
    roles put a state force first in a clash ("youths clashed with soldiers").
    """
    trigger = draft.triggers[0]
    start = draft.start
    # the subject: from the clause start, or after the last date or place phrase before the trigger
    subject = layers.text[start : trigger.start]
    armed = [
        a for a in within(layers.actors, start, trigger.start) if a.kind in ARMED_KINDS and a.role_hint != "target"
    ]
    if _CROWD.search(subject) is not None and not armed:
        return True
    if actor1 is not None and actor1.kind in {"protesters", "rioters", "civilians"}:
        return True
    after = layers.text[trigger.end : min(draft.end, trigger.end + 80)]
    return (
        not armed
        and re.match(r"\s*(?:broke out |erupted |ensued |took place )?between\b", after) is not None
        and _CROWD.search(after) is not None
    )


def code_event(layers: Layers, draft: Draft, actor1: ActorMention | None, actor2: ActorMention | None) -> Coding:
    """Return the ACLED coding of a draft whose roles are ``actor1`` and ``actor2`` (module docstring)."""
    text = layers.text
    trigger = draft.triggers[0]
    sub_type = trigger.sub_event_type
    event_type = PARENT_TYPE[sub_type]
    sentence = text[draft.sentence[0] : draft.sentence[1]]
    weapons = _weapons(layers, draft, actor1)
    casualties = within(layers.casualties, draft.start, draft.end)
    coding = Coding(sub_type, event_type, actor1, actor2)
    # the weapon decides a generic attack, and fire between positions
    if (trigger.rule in WEAK_RULES and event_type in KINETIC) or trigger.rule in _FIRE_RULES:
        if weapons & _AIR_WEAPONS:
            coding.sub_type, coding.event_type = S.AIR_DRONE_STRIKE, E.EXPLOSIONS
        elif weapons & _SHELLING_WEAPONS:
            coding.sub_type, coding.event_type = S.SHELLING, E.EXPLOSIONS
    # "explosions" that are counted or have no device named are shelling, not an IED
    counted = trigger.text.lower().endswith(("explosions", "blasts")) or bool(weapons & _SHELLING_WEAPONS)
    if trigger.rule == "ied" and counted and not _DEVICE_WORDS.search(sentence):
        coding.sub_type, coding.event_type = S.SHELLING, E.EXPLOSIONS
    # crowds: rioters, not armed groups
    crowd = _crowd_subject(layers, draft, actor1)
    turned = trigger.rule in _CROWD_TURNED and crowd and coding.event_type in KINETIC | {E.STRATEGIC_DEVELOPMENTS}
    if trigger.rule in _CROWD_RULES or turned:
        armed = actor1 is not None and actor1.kind in ARMED_KINDS and actor1.kind != "communal"
        if crowd or not armed:
            coding.crowd = True
            coding.event_type = E.RIOTS
            in_protest = _PROTEST_CONTEXT.search(sentence) is not None or trigger.rule == "riot"
            coding.sub_type = S.VIOLENT_DEMONSTRATION if in_protest else S.MOB_VIOLENCE
            # whom the crowd turned on: the armed side named, or the victims
            sides = [a for a in (actor1, actor2) if a is not None and a.kind not in {"protesters", "rioters"}]
            target = next((a for a in sides if a.kind in ARMED_KINDS), None) or next(
                (a for a in sides if a.kind == "civilians" and a.role_hint == "target" and a.start > trigger.start),
                None,
            )
            coding.actor1, coding.actor2 = None, target
            coding.two_sided = target is None and (
                _TWO_SIDED.search(sentence) is not None or trigger.rule in {"clash", "stones"}
            )
        elif trigger.rule == "lynch":
            coding.sub_type, coding.event_type = S.ATTACK, E.VIOLENCE_AGAINST_CIVILIANS
    # the police and demonstrators clashing: a violent demonstration, whoever the text names first
    sides = [a for a in (actor1, actor2) if a is not None]
    if (
        trigger.rule in {"clash", "stones"}
        and any(a.kind in {"protesters", "rioters"} for a in sides)
        and any(a.kind in {"police", "state_forces"} for a in sides)
    ):
        force = next(a for a in sides if a.kind in {"police", "state_forces"})
        coding.sub_type, coding.event_type, coding.crowd = S.VIOLENT_DEMONSTRATION, E.RIOTS, True
        coding.actor1, coding.actor2, coding.two_sided = None, force, False
        return coding
    # an arrest by a non-state group is an abduction (ACLED)
    if (
        coding.sub_type is S.ARRESTS
        and actor1 is not None
        and actor1.kind not in STATE_KINDS | {"government", "protesters", "rioters", "civilians"}
    ):
        coding.sub_type, coding.event_type = S.ABDUCTION, E.VIOLENCE_AGAINST_CIVILIANS
        if actor2 is not None and actor2.kind in ARMED_KINDS:
            coding.actor2 = None
    # dispersal that kills is excessive force
    if coding.sub_type is S.PROTEST_WITH_INTERVENTION and any(c.count for c in casualties):
        coding.sub_type = S.EXCESSIVE_FORCE
    state1 = actor1 is not None and actor1.kind in STATE_KINDS
    # force used on protesters is a protest event when the state uses it (ACLED)
    if actor2 is not None and actor2.kind == "protesters" and coding.event_type in KINETIC and state1:
        coding.sub_type, coding.event_type = S.EXCESSIVE_FORCE, E.PROTESTS
    # the police or the army acting on protesters they meet: a protest with intervention
    forces1 = actor1 is not None and actor1.kind in {"police", "state_forces"} and actor1.end <= trigger.start
    if coding.event_type is E.PROTESTS and forces1 and trigger.rule == "protesters":
        coding.sub_type = S.PROTEST_WITH_INTERVENTION
        coding.actor1, coding.actor2 = None, actor1
    # a road blocked by the state or an armed group is a measure, not a protest
    armed1 = actor1 is not None and actor1.kind in ARMED_KINDS
    if coding.event_type is E.PROTESTS and trigger.rule == "block" and (state1 or armed1):
        coding.sub_type, coding.event_type = S.CHANGE_TO_GROUP_ACTIVITY, E.STRATEGIC_DEVELOPMENTS
        if state1:
            coding.sub_type = S.OTHER
    # rioters who block roads or march riot
    if coding.event_type is E.PROTESTS and actor1 is not None and actor1.kind == "rioters":
        coding.sub_type, coding.event_type, coding.crowd, coding.actor1 = S.VIOLENT_DEMONSTRATION, E.RIOTS, True, None
    # a protest has no victims and its target is no actor: only a force that intervenes is its second side
    if (
        coding.event_type is E.PROTESTS
        and coding.actor2 is not None
        and coding.actor2.kind not in {"police", "state_forces", "rioters", "militia"}
    ):
        coding.actor2 = None
    # the type follows the target: violence against armed men is a battle, against civilians it is not
    if (
        coding.event_type is E.VIOLENCE_AGAINST_CIVILIANS
        and coding.actor2 is not None
        and coding.actor2.kind in ARMED_KINDS
    ):
        coding.sub_type, coding.event_type = S.ARMED_CLASH, E.BATTLES
    if (
        coding.event_type is E.BATTLES
        and coding.sub_type is S.ARMED_CLASH
        and coding.actor2 is not None
        and coding.actor2.kind == "civilians"
        and trigger.rule in WEAK_RULES
    ):
        coding.sub_type, coding.event_type = S.ATTACK, E.VIOLENCE_AGAINST_CIVILIANS
    return coding


def crowd_names(coding: Coding, home_suffix: str, target: str | None) -> tuple[str | None, str | None]:
    """Return the names of a riot's sides: rioters of the country, and whom they turned on."""
    name1 = f"Rioters{home_suffix}"
    if target is not None:
        return name1, target
    return name1, (name1 if coding.two_sided else None)


_ORGANISED = ("Military Forces", "Police Forces", "Government", "Protesters", "Rioters", "Civilians", "Unidentified")


def protest_names(
    event_type: EventType, sub_type: SubEventType, name1: str | None, name2: str | None, home_suffix: str
) -> tuple[str | None, str | None]:
    """Apply ACLED's naming of demonstrations: the protesters (rioters) of the country act, whatever
    group organised them; state force against protesters has the force first, the protesters second."""
    if event_type is E.PROTESTS:
        if sub_type is S.EXCESSIVE_FORCE:
            return name1, f"Protesters{home_suffix}"
        if name1 is not None and name1.startswith(_STATE_NAMES) and name2 is None:
            return f"Protesters{home_suffix}", name1  # "police dispersed the crowd": the force intervenes
        return f"Protesters{home_suffix}", name2
    if event_type is E.RIOTS and (name1 is None or name1.startswith(_ORGANISED)):
        # an armed group or a party's militia in a riot keeps its name; anyone else is a rioter
        return f"Rioters{home_suffix}", name2
    return name1, name2
