"""Drafts: the triggers of a sentence grouped into would-be events, with their dates and places.

Works on plain data (character spans). A sentence's live triggers (not forecasts, not weak ones
beside a strong one) each start a draft; dates and places attach to the draft they belong to
(an expression opening its clause attaches forward, any other backward); a trigger with no date
or place of its own, or of the same type with no conflicting ones, joins the draft before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from strikewatch.extract.actor_lexicon import ActorMention
from strikewatch.extract.casualties import Casualties
from strikewatch.extract.certainty import Attribution, Hedge, irrealis_before, trend_after
from strikewatch.extract.dates import TimeExpression
from strikewatch.extract.syntax import Argument
from strikewatch.extract.triggers import WEAK_RULES, Trigger
from strikewatch.extract.weapons import WeaponMention
from strikewatch.geo import Toponym
from strikewatch.model import (
    PARENT_TYPE,
    EventType,
    SubEventType,
)

_HEADING_END = re.compile(r"[.!?\"”’]\s*$")

_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|while|whereas|but|including|after|before|amid|when)\b", re.I)

_CLAUSE_OPENER = re.compile(r"(?:[,;]|\band|\bwhile|\bthen|\bbut)\s*(?:on|in|at|during|by)?\s*$", re.I)

_OBJECT_GAP = re.compile(r"\s+(?:on\s+|at\s+|against\s+)?(?:an?|the|two|three|several|\d+)?\s*(?:[\w'’-]+\s+){0,3}")

_FIRST_CLAUSE_END = re.compile(r"^\s*(?:\(\w+\))?\s*,")


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
    arguments: Sequence[Argument] = ()  # agents and targets from a dependency parse (accurate mode)


@dataclass
class Draft:
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


# crowd violence (stones, burning tyres, vandalism) that makes a demonstration told in the same sentence a
# riot; not "clash" or "riot" ("to battle the coronavirus", "against the detention of rioters")
_CROWD_VIOLENCE = {"stones"}


def within(items: Sequence, start: int, end: int) -> list:  # type: ignore[type-arg]
    return [item for item in items if item.start >= start and item.end <= end]


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n|\n(?=\s*[A-Z])", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def is_heading(text: str, start: int, end: int) -> bool:
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
    blocked = [(t.start, t.end) for t in within(layers.toponyms, start, end)]
    triggers = [
        t for t in within(layers.triggers, start, end) if not any(t.start >= s and t.end <= e for s, e in blocked)
    ]
    # a weak trigger ("killed", "gathered") steps aside for a stronger one of a kind that explains it:
    # a strategic development ("defected", "patrol") does not explain a killing
    strong = [t for t in triggers if t.rule not in WEAK_RULES]
    if strong:
        kinds = {PARENT_TYPE[t.sub_event_type] for t in strong}
        explained = kinds - {EventType.STRATEGIC_DEVELOPMENTS}
        triggers = [
            t
            for t in triggers
            if t.rule not in WEAK_RULES
            or (not explained and t.rule == "attack" and PARENT_TYPE[t.sub_event_type] is not EventType.PROTESTS)
        ]
    # "ambushed an army patrol", "struck a military convoy": a movement named as the target is no event
    kinetic = {EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS}
    triggers = [
        t
        for i, t in enumerate(triggers)
        if not (
            t.sub_event_type is SubEventType.CHANGE_TO_GROUP_ACTIVITY
            and i > 0
            and PARENT_TYPE[triggers[i - 1].sub_event_type] in kinetic
            and _OBJECT_GAP.fullmatch(text[triggers[i - 1].end : t.start]) is not None
        )
    ]
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


def _attach(items: Sequence, drafts: list[Draft], text: str) -> list[tuple[int, object]]:  # type: ignore[type-arg]
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


def sentence_drafts(layers: Layers, start: int, end: int) -> list[Draft]:
    triggers = _live_triggers(layers, start, end)
    if not triggers:
        return []
    drafts = [Draft([t], t.start, t.end, (start, end)) for t in triggers]
    for index, item in _attach(within(layers.dates, start, end), drafts, layers.text):
        drafts[index].dates.append(item)  # type: ignore[arg-type]
    actor_spans = [(a.start, a.end) for a in within(layers.actors, start, end)]
    toponyms = [
        t
        for t in within(layers.toponyms, start, end)
        if t.feature != "country" and not any(t.start >= a and t.end <= b for a, b in actor_spans)
    ]
    for index, item in _attach(toponyms, drafts, layers.text):
        drafts[index].toponyms.append(item)  # type: ignore[arg-type]
    merged: list[Draft] = []
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
                # demonstrators who turn violent in the same sentence riot (ACLED): "residents blocked
                # the road with burning tyres", "demonstrators pelted the police with stones"
                violent = (
                    bare
                    and draft.triggers[0].rule in _CROWD_VIOLENCE
                    and PARENT_TYPE[last.sub_type] is EventType.PROTESTS
                    and PARENT_TYPE[draft.sub_type] is not EventType.PROTESTS
                )
                if violent:
                    last.triggers.insert(0, draft.triggers[0])
                    draft.triggers = draft.triggers[1:]
                last.triggers += draft.triggers
                last.dates += [d for d in draft.dates if d not in last.dates]
                last.toponyms += [t for t in draft.toponyms if t not in last.toponyms]
                continue
        merged.append(draft)
    # each event's arguments span from its first trigger to the next event's first trigger; the
    # first one also owns the words leading to it
    for i, draft in enumerate(merged):
        draft.start = (
            start
            if i == 0
            else _clause_start(layers.text, max(t.end for t in merged[i - 1].triggers), draft.triggers[0].start)
        )
        draft.end = end
        if i > 0:
            merged[i - 1].end = draft.start
    return merged


def _clause_start(text: str, low: int, high: int) -> int:
    """Return where the clause holding ``high`` begins, not before ``low`` (the previous trigger)."""
    boundaries = list(_CLAUSE_BREAK.finditer(text, low, high))
    return boundaries[-1].end() if boundaries else high
