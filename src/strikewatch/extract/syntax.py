"""Who acted on whom, from a dependency parse (``accurate`` mode only).

For each trigger the parse gives the words that fill its two roles: the *agent* is the subject of
an active verb ("militants ambushed ..."), the object of the "by" phrase of a passive ("was killed
by gunmen"), or of a noun ("an attack by rebels"), or its possessor ("the army's shelling"); the
*target* is the object of an active verb, the subject of a passive, or the object of "on",
"against", "at" after a verb or a noun ("the attack on the base"). Coordinated words share the
role ("soldiers and police were killed"). The arguments are character spans, so the roles layer
stays free of spaCy objects; it prefers them to its word-order rules where they name an actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from strikewatch.extract.triggers import Trigger

__all__ = ["Argument", "find_arguments"]

_AGENT_DEPS = {"nsubj", "csubj"}
_TARGET_DEPS = {"dobj", "nsubjpass", "attr"}
_TARGET_PREPS = {"on", "against", "at", "upon", "targeting", "toward", "towards"}
_AGENT_PREPS = {"by"}
# Verbs that carry a noun trigger ("carried out an airstrike", "launched an attack"): their subject acts.
_SUPPORT_VERBS = {"carry", "carried", "conduct", "conducted", "launch", "launched", "stage", "staged", "mount",
                  "mounted", "perpetrate", "perpetrated", "commit", "committed", "claim", "claimed", "execute",
                  "executed", "undertake", "undertook", "make", "made"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Argument:
    """A span the parse puts in one role of the trigger starting at ``trigger``."""

    trigger: int  # start offset of the trigger
    role: str  # "agent" or "target"
    start: int
    end: int


def _head_token(doc: Doc, trigger: Trigger) -> Token | None:
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if span is None:
        return None
    return span.root


def _conjuncts(token: Token) -> Iterable[Token]:
    yield token
    yield from token.conjuncts


def _spans(tokens: Iterable[Token]) -> list[tuple[int, int]]:
    out = []
    for token in tokens:
        for part in _conjuncts(token):
            sub = list(part.subtree)
            out.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    return out


def _roles(head: Token) -> tuple[list[Token], list[Token]]:
    agents: list[Token] = []
    targets: list[Token] = []
    for child in head.children:
        if child.dep_ in _AGENT_DEPS:
            agents.append(child)
        elif child.dep_ in _TARGET_DEPS:
            targets.append(child)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in _AGENT_PREPS):
            agents.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            targets.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "poss":  # "the army's shelling" (verbs have no possessor)
            agents.append(child)
    return agents, targets


def find_arguments(doc: Doc, triggers: Sequence[Trigger]) -> list[Argument]:
    """Return the agent and target spans of each trigger, from the Doc's dependency parse."""
    if not doc.has_annotation("DEP"):
        return []
    found: list[Argument] = []
    for trigger in triggers:
        head = _head_token(doc, trigger)
        if head is None:
            continue
        agents, targets = _roles(head)
        # a noun trigger carried by a verb: "jets carried out an airstrike on the town"
        if head.dep_ in {"dobj", "attr"} and head.head.lower_ in _SUPPORT_VERBS:
            more_agents, more_targets = _roles(head.head)
            agents += more_agents
            targets += [t for t in more_targets if t is not head]
        # a participle modifying its target: "a convoy targeted by drones"
        if head.dep_ == "acl" and not targets:
            targets.append(head.head)
        found.extend(Argument(trigger.start, "agent", s, e) for s, e in _spans(agents))
        found.extend(Argument(trigger.start, "target", s, e) for s, e in _spans(targets))
    return found
