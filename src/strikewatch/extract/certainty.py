"""Certainty, attribution and modality: how sure a source is, who says so, and whether it happened.

Three kinds of cue are found:

- hedges ("allegedly", "reportedly", "claimed", "denied", "confirmed") give an event's certainty;
- attributions ("according to SOHR", "local sources said") give who says so;
- irrealis cues ("will likely continue", "remain positioned to", "would", "appears to have
  decreased") mark forecasts, plans, hypotheticals and trend assessments, which are not events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strikewatch.extract._regex import WordPattern
from strikewatch.model import Certainty

_HEDGES: list[tuple[Certainty, str]] = [
    (Certainty.DENIED, r"denied|denies|deny(?:ing)?|rejected (?:the )?(?:claims?|reports?|accusations?)"),
    (
        Certainty.CLAIMED,
        r"claimed(?: responsibility)?|claims?(?: responsibility)?|claiming|"
        r"took responsibility|said it (?:had )?(?:carried out|conducted|launched|struck|killed)",
    ),
    (
        Certainty.ALLEGED,
        r"allegedly|alleged|accused|purported(?:ly)?|presumably|suspected|likely|possibly|probably|"
        r"(?:may|might|could) have",
    ),
    (Certainty.CONFIRMED, r"confirmed|acknowledged|verified"),
    (
        Certainty.REPORTED,
        r"reportedly|reported(?:ly)?|according to|said|says|sources|were reported|"
        r"was reported|it is reported|unconfirmed",
    ),
]
_HEDGE_PATTERN = WordPattern("|".join(f"(?P<h{i}>(?:{p})\\b)" for i, (_, p) in enumerate(_HEDGES)))

# Who says so: "according to X", "X said/reported/claimed".
_SOURCE_WORD = (
    r"[A-Z][\w.'’-]*|of|the|for|and|local|medical|security|military|unidentified|U\.S\.|administration|"
    r"officials|sources|activists|residents|media|reports?"
)
_SOURCE = (
    r"((?:the |an? )?(?:[A-Z][\w.'’-]*|[a-z]+ (?:sources|officials|residents|activists|media))"
    rf"(?:[ -](?:{_SOURCE_WORD})){{0,6}})"
)
_ATTRIBUTION = re.compile(
    rf"\baccording to {_SOURCE}|{_SOURCE} (?:said|says|reported|claimed|stated|announced|alleged|confirmed)\b"
)
_ATTRIBUTION_CUE = re.compile(r"according to|\b(?:said|says|reported|claimed|stated|announced|alleged|confirmed)\b")
_NON_SOURCES = {"it", "he", "she", "they", "this", "that", "there", "neither", "no"}

# Irrealis: forecasts, plans, hypotheticals, assessments. Matched in the words before a trigger
# ("will continue to use air operations"), or right after it for trends ("the air campaign
# appears to have decreased"). Each kind of cue governs a different reach: a condition ("If talks
# fail, ...") the whole sentence; a modal or a plan ("will", "plans to") its own clause; a purpose
# or a demand ("to stop", "demanding") only the next few words. Hedges ("likely", "possibly") are
# not irrealis: "a strike, possibly by drones, killed five" happened, and is only less certain.
# Case-sensitive on purpose: "May" is a month, "may" a modal.
_CONDITION = re.compile(r"\b(?:if|unless|whether|in the event|If|Unless|Should|Would|Will|Could|Whether)\b")
_MODAL = re.compile(
    r"\b(?:will|would|could|might|should|shall|may|must|expected to|plans? to|planning to|intends? to|"
    r"intended to|seeks? to|seeking to|aims? to|threaten(?:s|ed)? to|vow(?:s|ed)? to|poised to|positioned to|"
    r"prepar(?:es|ing|ed) to|ready to|calls? for|called for|propos(?:es|ed|al)|continues? to use|has used|"
    r"have used)\b"
)
_PURPOSE = re.compile(
    r"\b(?:in order to|to conduct|to stop|to push|to prevent|demand(?:s|ed|ing)?|calling for|"
    r"attempt(?:s|ed)? to|tr(?:y|ies|ied) to)\b"
)
# "may have been killed", "could have struck": a hedge on the past, not a forecast
_PERFECT_AFTER = re.compile(r"^\s+(?:\w+\s+)?(?:have|has)\b")
_MODAL_REACH, _PURPOSE_REACH = 12, 5
_CLAUSE_PUNCT = re.compile(r"[,;:()]")
_TREND_AFTER = re.compile(
    r"^[^.;:]{0,60}?\b(?:appears? to have|seems? to have|has|have|had)?\s*(?:\w+ly )?"
    r"(?:decreased|increased|declined|dropped|intensified|subsided|slowed|diminished|grown|surged|"
    r"waned|eased|decreasing|increasing|declining)\b",
)


@dataclass(frozen=True, slots=True)
class Hedge:
    """A certainty cue in the text."""

    start: int
    end: int
    text: str
    certainty: Certainty


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the text says an account comes from."""

    start: int
    end: int
    source: str


def find_hedges(text: str) -> list[Hedge]:
    """Return the certainty cues in ``text``, left to right."""
    return [
        Hedge(m.start(), m.end(), text[m.start() : m.end()], _HEDGES[int(m.lastgroup[1:])][0])  # type: ignore[index]
        for m in _HEDGE_PATTERN.finditer(text)
    ]


def find_attributions(text: str) -> list[Attribution]:
    """Return the sources accounts are attributed to ("according to SOHR" -> SOHR)."""
    found: list[Attribution] = []
    if not _ATTRIBUTION_CUE.search(text):
        return found
    for match in _ATTRIBUTION.finditer(text):
        group = 1 if match.group(1) else 2
        source = match.group(group).strip()
        end = match.end(group)
        if source.endswith(".") and not re.search(r"\b\w\.\w\.$", source):  # sentence end, not "U.S."
            source, end = source[:-1], end - 1
        for article in ("the ", "an ", "a "):
            source = source.removeprefix(article)
        if source.lower() in _NON_SOURCES or not source:
            continue
        found.append(Attribution(end - len(source), end, source))
    return found


def irrealis_before(clause: str) -> re.Match[str] | None:
    """Return the forecast/plan/hypothetical cue that governs a trigger, from the words leading to it."""
    condition = _CONDITION.search(clause)
    if condition is not None:
        return condition
    for pattern, reach in ((_MODAL, _MODAL_REACH), (_PURPOSE, _PURPOSE_REACH)):
        cues = list(pattern.finditer(clause))
        if not cues:
            continue
        cue = cues[-1]
        rest = clause[cue.end() :]
        if pattern is _MODAL and _PERFECT_AFTER.match(rest):
            continue
        if not _CLAUSE_PUNCT.search(rest) and len(rest.split()) <= reach:
            return cue
    return None


def trend_after(rest: str) -> re.Match[str] | None:
    """Return a trend-assessment verb right after a trigger ("appears to have decreased"), if any."""
    return _TREND_AFTER.search(rest)
