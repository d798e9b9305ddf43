"""The sources' own assessments: sentences in which a report judges a trend, forecasts or estimates.

Monitoring reports say more than what happened: "the air campaign appears to have significantly
decreased beginning on June 29", "the regime will likely continue its offensive in the coming
weeks". A report quotes such sentences, attributed to their source, beside (never mixed with)
strikewatch's own findings. They are found by the language of assessment, not by topic:

- ``trend``: a change or concentration of activity (escalated, decreased, intensified, shifted,
  concentrated, prioritized, a lull, a surge);
- ``forecast``: what will or is expected to happen (will likely, is expected to, in the coming weeks);
- ``estimate``: an estimative or inferential judgement (appears to, likely, probably, we assess,
  suggests that, in a sign that, seeks to).

Reporting hedges alone ("allegedly", "reportedly", "claimed") mark who says an event happened,
not a judgement, and do not make a sentence one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

KINDS = ("trend", "forecast", "estimate")
MAX_PER_SOURCE = 6
MAX_CHARS = 600
_TREND = re.compile(
    r"\b(?:(?:de-?)?escalat\w*|intensif\w*|increas\w*|decreas\w*|declin\w*|diminish\w*|subsid\w*|surg\w*|"
    r"spik\w*|upticks?|downturn|lull|rose|risen|fell|fallen|dropp\w*|reduc\w*|shift\w*|redirect\w*|"
    r"concentrat\w*|prioriti[sz]\w*|focus(?:ed|es|ing)?|ramp\w* up|scal\w* (?:up|back|down)|slow\w* down|"
    r"picked up|tapered off|resum\w*|halt\w*|paus\w*)\b",
    re.IGNORECASE,
)
_FORECAST = re.compile(
    r"\b(?:will (?:likely|probably|almost certainly|continue|seek|attempt|try|remain|use|push|not)|"
    r"(?:is|are) (?:likely|unlikely|expected|poised|set) to|likely to continue|remains? positioned to|"
    r"(?:in|over) the (?:coming|next) (?:days|weeks|months)|going forward)\b",
    re.IGNORECASE,
)
_ESTIMATE = re.compile(
    r"\b(?:appears? to|appeared to|seems? to|seemed to|likely|unlikely|probably|almost certainly|"
    r"we (?:assess|judge|estimate|believe)|(?:assess|judge|estimate)s? that|suggest(?:s|ed|ing)? that|"
    r"indicat(?:es|ed|ing) that|in a sign that|a sign that|signal(?:s|led|ed)? that|"
    r"(?:ultimately )?seeks? to|aims? to|intends? to|designed to|in an (?:effort|attempt) to|"
    r"would likely|could (?:enable|allow|render)|remains? (?:infeasible|unlikely|unclear))\b",
    re.IGNORECASE,
)
# a trend word states a change of activity (not an event) with a degree or an onset
_TREND_CONTEXT = re.compile(
    r"\b(?:significantly|sharply|markedly|largely|steadily|gradually|dramatically|notably|"
    r"began to|begun to|started to|beginning (?:on|in)|since|continued to|has been|have been)\b",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov", "prof"),
        *("st", "mt", "no", "vs", "etc", "approx", "est", "dept", "univ", "inc", "ltd", "co", "corp"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


@dataclass(frozen=True, slots=True)
class Judgement:
    """One sentence of a source that states an assessment: its text, where it is, and its kind."""

    text: str
    start: int
    end: int
    kind: str


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield the ``(start, end)`` of each sentence of ``text`` (paragraphs split at blank lines and
    line breaks; sentence ends not taken after abbreviations or initials such as "U.S.")."""
    for paragraph in re.finditer(r"[^\n]+", text):
        start, base = 0, paragraph.start()
        body = paragraph.group()
        for boundary in _BOUNDARY.finditer(body):
            before = _WORD_BEFORE.search(body[start : boundary.start()])
            word = before.group(1) if before else ""
            if word.lower().strip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)*[A-Z]", word):
                continue
            yield base + start, base + boundary.start() + 1
            start = boundary.end()
        if body[start:].strip():
            yield base + start, base + len(body.rstrip())


def kind_of(sentence: str) -> str | None:
    """Return the kind of assessment ``sentence`` states (:data:`KINDS`), or None if it states none."""
    estimative = bool(_ESTIMATE.search(sentence) or _FORECAST.search(sentence))
    if _TREND.search(sentence) and (estimative or _TREND_CONTEXT.search(sentence)):
        return "trend"
    if _FORECAST.search(sentence):
        return "forecast"
    if _ESTIMATE.search(sentence):
        return "estimate"
    return None


def judgements(text: str, limit: int = MAX_PER_SOURCE) -> list[Judgement]:
    """Return the assessment sentences of ``text``: trends first, then forecasts, then estimates, each
    in the order of the text; at most ``limit``."""
    found = []
    for start, end in sentences(text):
        sentence = " ".join(text[start:end].split())
        kind = kind_of(sentence) if len(sentence) <= MAX_CHARS else None
        if kind is not None:
            found.append(Judgement(sentence, start, end, kind))
    found.sort(key=lambda j: (KINDS.index(j.kind), j.start))
    return found[:limit]
