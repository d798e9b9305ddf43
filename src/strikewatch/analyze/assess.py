"""Assessment sentences: the analysis results in plain English, never stronger than their statistics.

Each :class:`Statement` carries its numbers in the text and the keys of the events behind it, so a
report can link every claim to the events (and through them to the source documents).
Wording follows the evidence: a change that passes only the family-wise 1% level "appears to
have" happened; one that passes 0.1% is stated plainly; anything weaker is not stated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from strikewatch.analyze.changepoints import ALPHA, ChangePoint
from strikewatch.analyze.compare import Comparison
from strikewatch.analyze.records import Record
from strikewatch.analyze.series import Campaign
from strikewatch.analyze.shares import Shares
from strikewatch.model import Event

SHARE_STRONG = 0.01
SHARE_WEAK = 0.05
CERTAINTY_WORDS = {
    "alleged": "allegedly",
    "reported": "reportedly",
    "claimed": "claimed",
    "denied": "denied",
    "confirmed": "confirmed",
}


@dataclass(frozen=True, slots=True)
class Statement:
    """One assessment sentence, how strong it is (``strong``, ``hedged`` or ``none``) and its events."""

    kind: str
    text: str
    strength: str
    keys: list[str] = field(default_factory=list)


def day_text(day: date, year: bool = True) -> str:
    """Return ``June 5, 2016`` (or ``June 5`` without the year)."""
    return f"{day:%B} {day.day}, {day.year}" if year else f"{day:%B} {day.day}"


def range_text(first: date, last: date) -> str:
    """Return ``June 18 – 28, 2016``, ``May 30 – June 2, 2016`` or ``June 5, 2016``."""
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%B} {first.day} – {last.day}, {last.year}"
    if first.year == last.year:
        return f"{day_text(first, False)} – {day_text(last, False)}, {last.year}"
    return f"{day_text(first)} – {day_text(last)}"


def _p(p: float) -> str:
    return "p < 0.0001" if p < 1e-4 else f"p = {p:.2g}"


def _subject(cp: ChangePoint) -> str:
    s = cp.series
    if s.dimension == "actor":
        return f"The activity of {s.value}"
    if s.dimension == "actor@admin1":
        actor, _, region = s.value.partition(" @ ")
        return f"The activity of {actor} in {region}"
    if s.dimension == "all":
        return "Reported activity"
    return f"Reported activity in {s.value}"


def change_statement(cp: ChangePoint, family: int) -> Statement:
    """Return the sentence stating one change point."""
    verb = (
        ("escalated" if cp.increase else "decreased")
        if cp.strong
        else ("appears to have escalated" if cp.increase else "appears to have decreased")
    )
    if cp.strong:
        verb = f"{verb} significantly" if not cp.increase else verb
    text = (
        f"{_subject(cp)} {verb} beginning on {day_text(cp.day)}: from {cp.rate_before:.1f} to "
        f"{cp.rate_after:.1f} events a day ({cp.events_before} events in the {cp.days_before} days before, "
        f"{cp.events_after} in the {cp.days_after} days from then on; Poisson rate-change test, "
        f"{_p(cp.p_adjusted)} adjusted for {family} series tested)."
    )
    keys = cp.keys_after() if cp.increase else cp.keys_before(3) + cp.keys_after(3)
    return Statement("change", text, "strong" if cp.strong else "hedged", keys)


def no_change_statement(family: int) -> Statement:
    """Return the sentence saying that no series changed significantly."""
    if family == 0:
        text = "Too few dated events to test for changes in their daily rate."
    else:
        text = (
            f"No significant change in the daily rate of events was found in the {family} series tested "
            f"(Poisson rate-change test, family-wise level {ALPHA:.0%})."
        )
    return Statement("change", text, "none")


def _list(items: list[tuple[str, int]]) -> str:
    parts = [f"{name} ({n})" for name, n in items]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def share_statement(shares: Shares) -> Statement | None:
    """Return the sentence on where an actor's activity went, or ``None`` if there is too little to say."""
    if shares.total < 5 or shares.top is None:
        return None
    who = shares.actor or "Reported activity"
    top, n = shares.counts[0]
    when = f" from {range_text(shares.first, shares.last)}" if shares.first and shares.last else ""
    numbers = f"{n} of {shares.total} events with a known province, {shares.share(top):.0%}"
    runner = f"; next: {shares.counts[1][0]}, {shares.counts[1][1]}" if len(shares.counts) > 1 else ""
    test = f"binomial test against the runner-up, {_p(shares.p_value)}"
    keys = shares.keys[top][:5]
    if shares.p_value < SHARE_STRONG:
        text = f"{who} prioritized {top}{when} ({numbers}{runner}; {test})."
        if shares.actor is None:
            text = f"Most reported events were in {top}{when} ({numbers}{runner}; {test})."
        return Statement("share", text, "strong", keys)
    if shares.p_value < SHARE_WEAK:
        text = f"{who} appears to have prioritized {top}{when} ({numbers}{runner}; {test})."
        if shares.actor is None:
            text = f"Reported events appear to have concentrated in {top}{when} ({numbers}{runner}; {test})."
        return Statement("share", text, "hedged", keys)
    text = f"{who}: events were spread across {_list(shares.counts[:4])}{when}; no province clearly led ({test})."
    if shares.actor is None:
        text = f"Events were spread across {_list(shares.counts[:4])}{when}; no province clearly led ({test})."
    return Statement("share", text, "none", keys)


def campaign_statement(campaign: Campaign) -> Statement:
    """Return the sentence restating a campaign ("conducted strikes in X from June 18 – 28")."""
    r = campaign.record
    event = r.event
    who = event.actor1 or "Unidentified forces"
    what = str(event.sub_event_type or event.event_type or "activity").lower()
    where = r.admin1 or event.location or "an unnamed place"
    hedge = CERTAINTY_WORDS.get(str(event.certainty), "") if event.certainty else ""
    hedge = f" ({hedge})" if hedge else ""
    text = f"{who}: {what} in {where} from {range_text(campaign.first, campaign.last)}{hedge}."
    return Statement("campaign", text, "reported", [r.key])


def comparison_statement(c: Comparison) -> Statement:
    """Return the sentence comparing a region's two periods: the change when the exact test finds one,
    else that the rates do not differ significantly."""
    up = c.rate_b > c.rate_a
    numbers = (
        f"from {c.count_a} events ({c.rate_a:.1f} a day) in {range_text(c.a.first, c.a.last)} to {c.count_b} "
        f"({c.rate_b:.1f} a day) in {range_text(c.b.first, c.b.last)} (exact test of two Poisson rates, "
        f"{_p(c.p_adjusted)} adjusted)"
    )
    if c.p_adjusted >= SHARE_WEAK:
        text = f"Activity in {c.region} did not change significantly: {numbers}."
        return Statement("compare", text, "none", c.keys_b[:5])
    verb = (
        ("increased" if up else "decreased")
        if c.p_adjusted < SHARE_STRONG
        else ("appears to have increased" if up else "appears to have decreased")
    )
    text = f"Activity in {c.region} {verb} {numbers}."
    return Statement("compare", text, "strong" if c.p_adjusted < SHARE_STRONG else "hedged", c.keys_b[:5])


MAX_CLAUSE = 240


def clause(event: Event, width: int = MAX_CLAUSE) -> str:
    """Return the words of the source that tell ``event``: its evidence sentence, cut to ``width``
    characters around what gave the event's place, toll and trigger."""
    text = " ".join(event.evidence_text.split())
    if len(text) <= width:
        return text
    spans = [event.spans[k] for k in ("trigger", "location", "fatalities") if k in event.spans]
    base = event.evidence.start
    middle = (min(s.start for s in spans) + max(s.end for s in spans)) // 2 - base if spans else 0
    start = max(0, min(middle - width // 2, len(text) - width))
    cut = text[start : start + width]
    if start > 0:
        cut = "…" + cut.split(" ", 1)[-1]
    if start + width < len(text):
        cut = cut.rsplit(" ", 1)[0] + "…"
    return cut


def toll_text(event: Event) -> str:
    """Return ``at least 47 killed`` or ``47–60 killed``."""
    low, high = event.fatalities or 0, event.fatalities_max
    return f"{low}–{high} killed" if high and high != low else f"at least {low} killed"


def deadliest_statement(worst: list[Record]) -> Statement:
    """Return the sentence naming the deadliest incidents, each in its source's words."""
    parts = []
    for r in worst:
        e = r.event
        what = str(e.sub_event_type or e.event_type or "event").lower()
        who = f" by {e.actor1}" if e.actor1 else ""
        hedge = f"; {CERTAINTY_WORDS[str(e.certainty)]}" if e.certainty else ""
        where = r.admin1 or e.location or r.country or "an unidentified place"
        if e.location and e.location != where:
            where = f"{e.location}, {where}"
        when = range_text(r.day, r.last_day or r.day) if r.day else "an unknown date"
        parts.append(f"{toll_text(e)} on {when} in {where} ({what}{who}{hedge}): “{clause(e)}”")
    label = "Deadliest incident" if len(worst) == 1 else "Deadliest incidents"
    return Statement("deadliest", f"{label}: " + "; ".join(parts), "reported", [r.key for r in worst])


def outlier_statement(outliers: list[Record], first: date, last: date) -> Statement:
    """Return the sentence naming the events left out of the period as far from the rest."""
    named = []
    for r in outliers[:5]:
        e = r.event
        what = str(e.sub_event_type or e.event_type or "event").lower()
        who = f"{e.actor1}: " if e.actor1 else ""
        where = f" in {r.admin1 or e.location}" if (r.admin1 or e.location) else ""
        named.append(f"{day_text(r.day)} ({who}{what}{where})" if r.day else f"an undated {what}")
    more = f" and {len(outliers) - 5} more" if len(outliers) > 5 else ""
    noun = "event lies" if len(outliers) == 1 else "events lie"
    text = (
        f"The period is {range_text(first, last)}, where the events are; {len(outliers)} {noun} far outside it "
        f"and {'is' if len(outliers) == 1 else 'are'} listed apart, not counted: {', '.join(named)}{more}."
    )
    return Statement("outlier", text, "reported", [r.key for r in outliers[:5]])


def headline(
    changes: list[Statement],
    shares: list[Statement],
    campaigns: list[Statement],
    deadliest: list[Statement] | None = None,
    comparisons: list[Statement] | None = None,
) -> list[Statement]:
    """Return what a reader should see first: the deadliest incidents, where activity concentrated
    (led by a province or spread, with the test), what changed and when (change points, then the
    comparison asked for), then campaigns."""
    stated = list(deadliest or [])
    stated += ([s for s in shares if s.strength != "none"] or shares)[:1]
    stated += [s for s in changes if s.strength != "none"][:2]
    stated += (comparisons or [])[:2]
    if len(stated) < 3:
        stated += campaigns[: 3 - len(stated)]
    return stated or (changes[:1] if changes else [])
