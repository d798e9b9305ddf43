"""The document-level incident model: which mentions of events open an incident, which only add to one.

A report usually tells one main incident and perhaps a few distinct others; most of its later
sentences come back to an incident already told: "the strike", the deaths, the funerals, who
said what, the authorities' response to a protest. A *mention* is the event one trigger group of
a sentence would make (see :mod:`strikewatch.extract.drafts`). The rule, applied to the mentions
in text order:

1. The first mention opens the report's main incident.
2. A later mention *joins* an incident told before it, adding its casualties, weapons, certainty,
   source and missing actors, when
   a. it refers back to it: a definite event noun ("the strike", "this attack", "the incident");
   b. it only tells consequences ("were killed", "died of his wounds", "the funeral of");
   c. it is the same type of event on the same day(s), one day of slack, with no other place, no
      other acting side and no cue of a distinct event ("another", "a second", "separately");
   d. it is the authorities' response to a protest (dispersal, arrests, tear gas): the protest
      becomes a protest with intervention (excessive force when people are killed) and the
      responding force its second actor; or the protesters' own violence (stones, clashes,
      burning tyres): the protest becomes a violent demonstration.
   In cases a and b a date of its own must not differ from the incident's, or must be later
   ("died of his wounds on 3 May"); a place of its own must not be elsewhere.
3. A mention that joins nothing is *left out* rather than opening an incident when it is
   a. background: it ended more than a day before the main incident began and its sentence says
      so ("previously", "earlier", "ago", "history", "since") or names another year; or it is
      dated only to a month or a year while the main incident is dated to the day;
   b. dated after the report was published (an update written later, not this report's incident);
   c. inside a quotation, or undated while the report dates its incidents;
   d. the cause or setting of another event, with no date of its own ("amid clashes in the area",
      "protesting the killing of a man").
4. Any other mention opens a new incident. The events of one sentence's coordinated places
   ("shelled A and B": one per front) are distinct incidents and never join one another.
5. A report that dates nothing describes an event of its publication day: its incidents take that
   day, with ACLED time precision 2 (known to the week, not to the day).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from strikewatch.extract.drafts import Draft
from strikewatch.geo import fold_name
from strikewatch.model import Event, EventType, Place, Span, SubEventType

__all__ = ["Mention", "link_incidents", "mention_cues"]

_DAY = timedelta(days=1)
#: ACLED time precision of an event dated only from the report's publication.
UNDATED_PRECISION = 2

_KINETIC = {EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS}
_DEMONSTRATIONS = {EventType.PROTESTS, EventType.RIOTS}

# An event noun that refers back: "the strike", "this attack", "the same raid", "the Israeli bombing".
_EVENT_NOUN = re.compile(
    r"(?:air ?|drone |missile |rocket |artillery )?(?:strikes?|raids?|attacks?|bombings?|bombardments?|shelling|"
    r"explosions?|blasts?|incidents?|massacres?|assaults?|ambush|operation|killings?|shootings?|shoot-?outs?|"
    r"clash(?:es)?|fighting|protests?|demonstrations?|rall(?:y|ies)|sit-ins?|riots?|attempts?)$",
    re.I,
)
_DEFINITE_BEFORE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|his|her|said)\s+(?:[\w'’-]+\s+){0,3}$|"
    r"\b(?:same|aforementioned)\s+(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
# Consequences of an incident already told: deaths, wounds, funerals, recovered bodies.
_CONSEQUENCE = re.compile(
    r"kill|die|dead|death|martyr|wound|injur|bod(?:y|ies)|funeral|buried|mourn|succumb|shot|found", re.I
)
# Cues of a distinct event: right before the event noun ("another strike", "a second attack"), or
# anywhere before the trigger in its clause ("separately", "in another incident", "meanwhile").
_DISTINCT_NOUN = re.compile(r"\b(?:another|second|third|separate|new|further|fresh)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
_DISTINCT = re.compile(
    r"\b(?:separately|meanwhile|elsewhere|in (?:another|a separate|a different|a second|a new) "
    r"(?:incident|attack|strike|event)|in response|retaliat\w*)\b",
    re.I,
)
# Cues of background, in the sentence before the trigger (checked with the date, see rule 3a).
_BACKGROUND = re.compile(
    r"\b(?:previous(?:ly)?|earlier|prior|past|former(?:ly)?|history|historic(?:al)?|ago|since|had been|"
    r"had (?:previously |already )?(?:\w+ed|been)|years?|anniversary|commemorat\w*|remembrance)\b",
    re.I,
)
# A cause or a context told inside another event's sentence: "likely in connection to the ongoing clashes",
# "amid regime shelling", "in response to the killing of".
_CONTEXT_BEFORE = re.compile(
    r"\b(?:in connection (?:to|with)|connected to|related to|linked to|in retaliation (?:for|to)|in response to|"
    r"in reaction to|amid|amidst|following|after|because of|due to|over|against|denouncing|condemning|"
    r"protesting|to protest|to denounce|to condemn|in protest (?:at|against|over))\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w'’-]+\s+){0,4}$",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_QUOTES = re.compile(r"“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"")
_INTERVENTION_RULES = {"disperse"}
_STATE_NAMES = ("Military Forces of", "Police Forces of", "Government of")
# A place this close to the incident's is the same place (a neighbourhood of the town).
_SAME_PLACE_KM = 15.0


@dataclass
class Mention:
    """One would-be event of the report, with what decides whether it is a new incident."""

    event: Event
    draft: Draft
    group: int  # the draft it came from: coordinated places of one draft never merge
    own_date: bool  # the mention names its own date (else it inherits one, or has none)
    undated: bool  # no date at all, even from context
    anaphoric: bool = False
    consequence: bool = False
    distinct: bool = False
    background: bool = False
    context: bool = False  # the cause or the setting of another event ("amid clashes", "over the killing of")
    explicit_year: bool = False
    quoted: bool = False
    weak: bool = False  # its trigger is a consequence word ("killed"), not the kind of event
    state_actor: bool = False  # its first actor is a state force (for interventions)
    continues: Mention | None = None  # a sentence with no date or place of its own goes on with this one
    crowd_target: bool = False  # its clause acts on a crowd ("detained 4 protesters", "dispersed them")
    total: bool = False  # its death count is a total ("the death toll rose to 12")
    joined: list[Mention] = field(default_factory=list)


_CROWD_TARGET = re.compile(
    r"\b(?:protesters|protestors|demonstrators|participants|them|crowds?|the group|activists|organi[sz]ers|"
    r"rioters|marchers|strikers|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|scores|several|"
    r"many) (?:of them|people|persons|men|women|youths|students|workers|protesters|demonstrators|participants|"
    r"activists)|the \d+)\b",
    re.I,
)
_ONE_PERSON = re.compile(r"\b(?:he|she)\s+(?:was|had been|has been)\s+(?:\w+\s+)?(?:arrested|detained)", re.I)


def mention_cues(text: str, draft: Draft, sentence_start: int) -> dict[str, bool]:
    """Return the cues of rule 2 and 3 for ``draft``: anaphora, consequence, distinctness, background, quote."""
    trigger = draft.triggers[0]
    before = text[max(sentence_start, trigger.start - 50) : trigger.start]
    clause = text[max(sentence_start, draft.start) : trigger.start]
    noun = _EVENT_NOUN.search(trigger.text) is not None
    quoted = any(q.start() < trigger.start < q.end() for q in _QUOTES.finditer(text, max(0, trigger.start - 2000)))
    return {
        "anaphoric": noun and _DEFINITE_BEFORE.search(before) is not None,
        "consequence": all(_CONSEQUENCE.search(t.text) for t in draft.triggers),
        "distinct": _DISTINCT.search(clause) is not None or (noun and _DISTINCT_NOUN.search(before) is not None),
        "background": _BACKGROUND.search(text[sentence_start : trigger.start + 60]) is not None,
        "explicit_year": any(_YEAR.search(d.text) for d in draft.dates),
        "context": _CONTEXT_BEFORE.search(before) is not None,
        "quoted": quoted,
        "crowd_target": _CROWD_TARGET.search(text, sentence_start, draft.end) is not None
        and not _ONE_PERSON.search(text, sentence_start, draft.end),
    }


def _family(event: Event) -> str:
    if event.event_type in _KINETIC:
        return "kinetic"
    if event.event_type in _DEMONSTRATIONS:
        return "demonstration"
    return str(event.sub_event_type)


def _days(event: Event) -> tuple[date, date] | None:
    if event.date_start is None:
        return None
    return event.date_start, event.date_end or event.date_start


def _same_days(a: Event, b: Event) -> bool:
    da, db = _days(a), _days(b)
    if da is None or db is None:
        return True
    return abs((da[0] - db[0]).days) <= 1 and abs((da[1] - db[1]).days) <= 1


def _not_earlier(m: Event, incident: Event) -> bool:
    """Is the mention's date the incident's or later ("died of his wounds two days later")?"""
    dm, di = _days(m), _days(incident)
    return dm is None or di is None or dm[0] >= di[0] - _DAY


def _distance_km(a: Place, b: Place) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)  # type: ignore[arg-type]
    dl = math.radians(b.lon - a.lon)  # type: ignore[operator]
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _elsewhere(a: Place | None, b: Place | None) -> bool:
    """Do two places locate two events apart (not one place and a part or a unit of it)?"""
    if a is None or b is None:
        return False
    names_a = {fold_name(n) for n in (a.name, a.admin1, a.admin2) if n}
    names_b = {fold_name(n) for n in (b.name, b.admin1, b.admin2) if n}
    if fold_name(a.name) in names_b or fold_name(b.name) in names_a:
        return False
    if a.country and b.country and a.country != b.country:
        return True
    if a.admin1 and b.admin1 and fold_name(a.admin1) != fold_name(b.admin1):
        return True
    if (a.geo_precision or 3) >= 3 or (b.geo_precision or 3) >= 3:
        return False  # a province and a place in it
    km = _distance_km(a, b)
    return km is None or km > _SAME_PLACE_KM


def _other_side(m: Event, incident: Event) -> bool:
    """Does the mention name a different acting side than the incident?"""
    a, b = m.actor1, incident.actor1
    if not a or not b or a == b:
        return False
    generic = ("Unidentified", "Civilians", "Protesters", "Rioters")
    return not (a.startswith(generic) or b.startswith(generic))


def _joins(m: Mention, incident: Mention) -> bool:
    """Rule 2: does mention ``m`` only add to ``incident``?"""
    e, i = m.event, incident.event
    if m.group == incident.group:
        return False
    if _family(i) == "demonstration" and _intervenes(m):
        return _same_days(e, i) and not _elsewhere(e.place, i.place)
    if _family(e) == "demonstration" and _intervenes(incident, strict=True):
        # "police detained 3 residents who were taking part in a protest"
        return _same_days(e, i) and not _elsewhere(e.place, i.place)
    if m.distinct:
        return False
    kinetic_pair = _family(e) == _family(i) == "kinetic"
    if m.anaphoric and (_family(e) == _family(i) or kinetic_pair):
        # "the strike" is the incident told, whatever else its sentence names ("Town A TV said")
        return m.undated or _same_days(e, i) or _not_earlier(e, i)
    if _elsewhere(e.place, i.place):
        return False
    if m.consequence and (kinetic_pair or _family(i) == "demonstration"):
        return m.undated or not m.own_date or _not_earlier(e, i)
    if _other_side(e, i):
        return False
    same_kind = e.event_type == i.event_type or (incident.weak and kinetic_pair) or (m.weak and kinetic_pair)
    if _family(e) == _family(i) == "demonstration":
        same_kind = True
    return same_kind and (m.undated or _same_days(e, i))


def _intervenes(m: Mention, strict: bool = False) -> bool:
    """Is the mention the authorities acting on a protest (dispersal, arrests, or, unless ``strict``, force)?"""
    e = m.event
    rule = m.draft.triggers[0].rule
    if rule in _INTERVENTION_RULES:
        return True
    if e.sub_event_type in {SubEventType.ARRESTS, SubEventType.PROTEST_WITH_INTERVENTION}:
        # arrests of the protesters, not of the man whose arrest they protest
        return (m.state_actor or e.actor1 is None) and m.crowd_target
    return not strict and e.event_type in _KINETIC and m.state_actor


def _absorb(incident: Mention, m: Mention) -> None:
    """Add what mention ``m`` says to ``incident`` (rule 2)."""
    i, e = incident.event, m.event
    if _family(i) == "demonstration":
        _respond(incident, m)
    elif _family(e) == "demonstration" and _intervenes(incident, strict=True):
        # the intervention told first: the incident is the protest, the force its second actor
        force = i.actor1 if incident.state_actor else None
        i.event_type, i.sub_event_type = e.event_type, e.sub_event_type
        i.actor1, i.actor2 = e.actor1, force
        _copy_span(i, e, "actor1")
        incident.state_actor, incident.weak = False, m.weak
        _respond(incident, incident)
    elif incident.weak and not m.weak and _family(e) == _family(i) == "kinetic":
        # "Two men were killed in Town A. The strike hit their house": the strike is the kind of event
        i.event_type, i.sub_event_type = e.event_type, e.sub_event_type
        incident.weak = False
        if e.actor1 and (i.actor1 is None or i.actor1.startswith("Unidentified")):
            i.actor1 = e.actor1
            _copy_span(i, e, "actor1")
    # a later figure replaces none, a "no casualties", or a smaller one when it sums up the incident
    # in the sentences right after it ("The man died. 2 fatalities.")
    later_total = m.total and m.continues is not None
    if e.fatalities is not None and (
        i.fatalities is None or (e.fatalities > i.fatalities and (later_total or i.fatalities == 0))
    ):
        i.fatalities, i.fatalities_max = e.fatalities, e.fatalities_max
        _copy_span(i, e, "fatalities")
    elif i.fatalities is not None and e.fatalities is not None:
        high = max(x for x in (i.fatalities_max, e.fatalities_max, e.fatalities) if x is not None)
        if high > i.fatalities:
            i.fatalities_max = high  # "the toll rose to 26"
    for weapon in e.weapons:
        if weapon not in i.weapons:
            i.weapons.append(weapon)
    for name in ("actor1", "actor2"):
        if getattr(i, name) is None and getattr(e, name) is not None and not m.quoted:
            if name == "actor1" and _family(e) != _family(i):
                continue
            setattr(i, name, getattr(e, name))
            _copy_span(i, e, name)
    if i.certainty is None and e.certainty is not None:
        i.certainty = e.certainty
        _copy_span(i, e, "certainty")
    if i.attribution is None and e.attribution is not None:
        i.attribution = e.attribution
        _copy_span(i, e, "attribution")
    if i.place is None and e.place is not None:
        i.place, i.geo_precision, i.country = e.place, e.geo_precision, e.country
        _copy_span(i, e, "location")
    incident.joined.append(m)


def _respond(incident: Mention, m: Mention) -> None:
    """Rule 2d: the authorities' response to a protest, or the protesters' violence, recodes it."""
    i, e = incident.event, m.event
    if m is incident:  # recoded from an intervention told first
        killed = bool(i.fatalities)
        i.sub_event_type = SubEventType.EXCESSIVE_FORCE if killed else SubEventType.PROTEST_WITH_INTERVENTION
        if i.event_type is EventType.RIOTS:
            i.sub_event_type = SubEventType.VIOLENT_DEMONSTRATION
        return
    if _intervenes(m) and i.event_type is EventType.PROTESTS:
        killed = bool(e.fatalities) or e.sub_event_type is SubEventType.EXCESSIVE_FORCE
        i.sub_event_type = SubEventType.EXCESSIVE_FORCE if killed else SubEventType.PROTEST_WITH_INTERVENTION
        force = next((n for n in (e.actor1, e.actor2) if n and n.startswith(_STATE_NAMES)), None)
        if force and (i.actor2 is None or i.actor2.startswith("Civilians")):
            i.actor2 = force
            _copy_span(i, e, "actor1" if force == e.actor1 else "actor2", "actor2")
    elif e.event_type is EventType.RIOTS and i.event_type is EventType.PROTESTS:
        i.event_type, i.sub_event_type = EventType.RIOTS, SubEventType.VIOLENT_DEMONSTRATION
        if i.actor1 and i.actor1.startswith("Protesters"):
            i.actor1 = "Rioters" + i.actor1.removeprefix("Protesters")
        if i.actor2 is None and e.actor2:
            i.actor2 = e.actor2
            _copy_span(i, e, "actor2")


def _copy_span(into: Event, source: Event, name: str, as_name: str | None = None) -> None:
    span = source.spans.get(name)
    if span is not None:
        into.spans[as_name or name] = Span(span.start, span.end)


_VAGUE_FEATURES = {"region", "country", "water", "other"}


def _vaguer(place: Place | None, other: Place | None) -> bool:
    """Whether ``other`` locates an event where ``place`` is only a region, a sea or a country of it."""
    if other is None or other.feature in _VAGUE_FEATURES or other.lat is None:
        return False
    if place is None:
        return False  # (no place at all: the setting may be far from the event)
    return place.feature in _VAGUE_FEATURES and place.country_code in {None, other.country_code}


def _left_out(m: Mention, main: Mention | None, published: date | None, dated_report: bool) -> bool:
    """Rule 3: is a mention that joined nothing left out rather than a new incident?"""
    e = m.event
    if m.undated and dated_report:
        return True
    if main is None:
        return False
    if m.quoted or (m.context and not m.own_date):
        return True
    days, main_days = _days(e), _days(main.event)
    earlier = days is not None and main_days is not None and days[1] < main_days[0] - _DAY
    if earlier and (m.background or m.explicit_year):
        return True
    if (e.time_precision or 1) >= 3 and (main.event.time_precision or 1) == 1:
        return True  # "in 2014", "since July": a summary or background beside an incident told to the day
    return days is not None and published is not None and days[0] > published + _DAY


def _date_from(into: Event, source: Event) -> None:
    into.date_start, into.date_end, into.time_precision = source.date_start, source.date_end, source.time_precision
    _copy_span(into, source, "date")


def link_incidents(mentions: Sequence[Mention], published: date | None) -> list[Event]:
    """Apply the incident model (module docstring) to a report's mentions; return its incidents."""
    dated_report = any(not m.undated for m in mentions)
    incidents: list[Mention] = []
    main: Mention | None = None
    pending: list[Mention] = []  # undated mentions before the first incident they might belong to
    holder: dict[int, Mention | None] = {}  # mention -> the incident it opened or joined (None: left out)
    for m in mentions:
        if m.continues is not None:
            target = holder.get(id(m.continues))
            if target is not None:
                _absorb(target, m)
            holder[id(m)] = target
            continue
        target = next((i for i in reversed(incidents) if _joins(m, i)), None)
        holder[id(m)] = target
        if target is not None:
            _absorb(target, m)
            continue
        if m.undated and dated_report:
            pending.append(m)
            continue
        lead = next((p for p in pending if (m.anaphoric or m.consequence) and _joins(m, p)), None)
        if lead is not None:
            # "Gunmen killed five villagers in Town A. The attack happened on Tuesday.": the undated
            # lead is the incident, dated by the sentence that refers back to it
            pending.remove(lead)
            _date_from(lead.event, m.event)
            lead.undated = False
            incidents.append(lead)
            main = main or lead
            _absorb(lead, m)
            holder[id(m)] = holder[id(lead)] = lead
            continue
        if _left_out(m, main, published, dated_report):
            if m.context and main is not None and _vaguer(main.event.place, m.event.place):
                # "reinforcements to southern Syria, likely in connection to the clashes in Dar'a
                # province": the setting names where, more precisely than the event (ACLED)
                i, e = main.event, m.event
                i.place, i.geo_precision, i.country = e.place, e.geo_precision, e.country
                _copy_span(i, e, "location")
            continue
        holder[id(m)] = m
        if m.undated:
            if published is None:
                continue
            m.event.date_start = m.event.date_end = published
            m.event.time_precision = UNDATED_PRECISION
        incidents.append(m)
        main = main or m
    return [m.event for m in incidents]
