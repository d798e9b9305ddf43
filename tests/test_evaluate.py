"""Tests of strikewatch.evaluate: its figures must equal the shared referee's on the same files.

Predictions are built in ``tmp_path`` from the gold files in ``../shared/gold`` (read in place, never
copied into the repository), perturbed with seeded random generators, and scored both by
:func:`strikewatch.evaluate.evaluate` and by ``../shared/tools/score.py``.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import math
import random
import subprocess
import sys
import zlib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from strikewatch.errors import ConfigError
from strikewatch.evaluate import (
    actors_match,
    evaluate,
    fold_place_name,
    format_report,
    load_jsonl_by_id,
    score_events,
    score_geoparse,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "gold"
REFEREE = SHARED / "tools" / "score.py"
ACLED = GOLD / "acled-syria-2020-05.jsonl"
SEED = GOLD / "seed.jsonl"
GEOPARSE_FILES = ("geovirus", "geowebnews", "lgl", "trnews")

needs_shared = pytest.mark.skipif(not REFEREE.exists(), reason="needs ../shared (gold files and referee)")

Doc = dict[str, Any]
Perturbation = Callable[[list[Doc], random.Random], list[Doc]]

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
SUB_EVENT_TYPES = (
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Armed clash",
    "Remote explosive/landmine/IED",
    "Attack",
    "Agreement",
    "Other",
)
# Other names for the gold actors; some are equivalent under the scoring rules, some are not.
ACTOR_ALIASES: dict[str, tuple[str, ...]] = {
    "Military Forces of Syria (2000-)": (
        "Syrian regime forces",
        "Syrian Arab Army",
        "pro-Assad militias",
        "Military Forces of Syria",
        "Syrian government",
        "Government of Syria",
    ),
    "Military Forces of Turkey (2016-)": ("Turkish army", "Turkish-backed factions", "Ankara", "TAF"),
    "Civilians (Syria)": ("civilians", "Civilians", "local residents", "civilians killed by regime shelling"),
    "QSD: Syrian Democratic Forces": ("SDF", "Kurdish-led fighters", "YPG", "Syrian Democratic Forces"),
    "Islamic State (Syria)": ("ISIS", "Daesh cells", "IS militants", "the Islamic State group"),
    "HTS: Hayat Tahrir al Sham": ("HTS", "Jabhat al-Nusra", "Tahrir al-Sham", "al Qaeda affiliate"),
    "Military Forces of Russia (2000-)": ("Russian warplanes", "Russian Aerospace Forces", "Kremlin"),
    "Opposition Rebels (Syria)": ("rebels", "Syrian opposition", "Free Syrian Army", "armed opposition"),
    "Unidentified Armed Group (Syria)": ("unidentified gunmen", "unknown assailants", "gunmen"),
    "Global Coalition Against Daesh": ("US-led coalition", "International Coalition", "CJTF-OIR"),
    "Military Forces of Israel (2009-)": ("Israeli jets", "IDF", "Israeli warplanes"),
    "Operation Peace Spring": ("Peace Spring operation", "Turkish-backed Syrian National Army"),
    "Protesters (Syria)": ("protesters", "Protesters", "demonstrators"),
}
OTHER_ACTORS = (
    None,
    "",
    "Military Forces of Russia",
    "Hezbollah",
    "Protesters (Syria)",
    "Unidentified Armed Group (Syria)",
    "Civilians (Syria)",
    "Ahrar al Sharqiyah",
    "Tribal fighters",
    "Operation Peace Spring",
    "Military Forces of Iraq (2014-)",
    "Government of the United States",
    "Nigerian soldiers",
    "Houthi forces of the Military Forces of Yemen (2016-)",
    "---",
)


# --- helpers ------------------------------------------------------------------------------------


def seeded(*names: object) -> random.Random:
    """Return a random generator seeded from the names (stable across runs and processes)."""
    return random.Random(zlib.crc32(repr(names).encode()))


def read_jsonl(path: Path) -> list[Doc]:
    """Read a JSON Lines file into a list of objects."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def write_jsonl(path: Path, docs: list[Doc]) -> Path:
    """Write objects as JSON Lines (non-ASCII kept raw, as other tools write it) and return the path."""
    path.write_text("".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs), encoding="utf-8")
    return path


def referee(kind: str, gold: Path, pred: Path, *, as_json: bool = True) -> Any:
    """Run the shared referee and return its JSON result (or its text report)."""
    argv = [sys.executable, str(REFEREE), kind, str(gold), str(pred)] + (["--json"] if as_json else [])
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    return json.loads(done.stdout) if as_json else done.stdout


def shift_date(value: str | None, days: int) -> str | None:
    """Move an ISO date by a number of days."""
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat()  # type: ignore[index]
    except (TypeError, ValueError):
        return value


def move_point(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """Return the point ``km`` away from (lat, lon) along a bearing (radians), on a sphere."""
    delta = km / 6371.0
    phi, lam = math.radians(lat), math.radians(lon)
    phi2 = math.asin(math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(bearing))
    lam2 = lam + math.atan2(
        math.sin(bearing) * math.sin(delta) * math.cos(phi), math.cos(delta) - math.sin(phi) * math.sin(phi2)
    )
    return round(math.degrees(phi2), 5), round((math.degrees(lam2) + 540) % 360 - 180, 5)


def as_prediction(gold_docs: list[Doc]) -> list[Doc]:
    """Return the gold events as a prediction file's records (id and events only)."""
    return [{"id": doc["id"], "events": copy.deepcopy(doc.get("events") or [])} for doc in gold_docs]


def for_each_event(rate: float, change: Callable[[Doc, random.Random], None]) -> Perturbation:
    """Return a perturbation that applies ``change`` to each predicted event with probability ``rate``."""

    def perturb(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
        pred = as_prediction(gold_docs)
        for doc in pred:
            for event in doc["events"]:
                if rng.random() < rate:
                    change(event, rng)
        return pred

    return perturb


# --- event perturbations ------------------------------------------------------------------------


def shifted_dates(days: int) -> Perturbation:
    """Shift dates by ±days; sometimes only the start, sometimes into a range."""

    def change(event: Doc, rng: random.Random) -> None:
        offset = rng.choice((-days, days))
        event["date_start"] = shift_date(event.get("date_start"), offset)
        if rng.random() < 0.7:
            event["date_end"] = shift_date(event.get("date_end"), offset)
        elif rng.random() < 0.5:
            event["date_end"] = shift_date(event.get("date_start"), days + 1)

    return for_each_event(0.6, change)


def moved(km: float) -> Perturbation:
    """Move coordinates by ``km`` in a random direction."""

    def change(event: Doc, rng: random.Random) -> None:
        if event.get("lat") is not None:
            bearing = rng.uniform(0, 2 * math.pi)
            event["lat"], event["lon"] = move_point(event["lat"], event["lon"], km * rng.uniform(0.8, 1.2), bearing)
        if rng.random() < 0.3:
            event["location"] = rng.choice((None, "Somewhere", event.get("admin1")))

    return for_each_event(0.7, change)


def name_variant(name: str | None, rng: random.Random) -> str | None:
    """Spell a place name another way, as reports and gazetteers do."""
    if not name:
        return name
    return rng.choice(
        (
            name,
            "Al-" + name,
            name.replace("-", " "),
            name + " Governorate",
            name.upper(),
            name.replace("e", "ee").replace("u", "ou"),
            "Tall " + name,
            "Ba" + name,
        )
    )


def names_only(event: Doc, rng: random.Random) -> None:
    """Drop the coordinates and respell the place names."""
    event["lat"] = event["lon"] = None
    event["location"] = name_variant(event.get("location"), rng)
    event["admin1"] = name_variant(event.get("admin1"), rng)
    if rng.random() < 0.3:
        event["location"] = None


def retyped(event: Doc, rng: random.Random) -> None:
    """Change the event type or the sub-event type."""
    if rng.random() < 0.6:
        event["event_type"] = rng.choice((*EVENT_TYPES, None))
    if rng.random() < 0.6:
        event["sub_event_type"] = rng.choice((*SUB_EVENT_TYPES, None))


def renamed(equivalent: bool) -> Perturbation:
    """Rename actors to aliases (mostly equivalent) or to other actors."""

    def change(event: Doc, rng: random.Random) -> None:
        for role in ("actor1", "actor2"):
            if rng.random() < 0.7:
                aliases = ACTOR_ALIASES.get(event.get(role) or "", ())
                event[role] = rng.choice(aliases) if equivalent and aliases else rng.choice(OTHER_ACTORS)

    return for_each_event(0.8, change)


def recounted(event: Doc, rng: random.Random) -> None:
    """Change the death toll."""
    count = event.get("fatalities") or 0
    top = event.get("fatalities_max") or count
    event["fatalities"] = rng.choice((None, 0, count + 1, max(0, count - 1), count + 2, top, top + 1, float(count)))


def dropped(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Drop a third of the events."""
    pred = as_prediction(gold_docs)
    for doc in pred:
        doc["events"] = [e for e in doc["events"] if rng.random() > 0.33]
    return pred


def duplicated(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Repeat some events, some exactly and some with a shifted date."""
    pred = as_prediction(gold_docs)
    for doc in pred:
        extra = [copy.deepcopy(e) for e in doc["events"] if rng.random() < 0.4]
        for event in extra:
            if rng.random() < 0.5:
                event["date_start"] = shift_date(event.get("date_start"), rng.choice((-1, 1)))
        doc["events"] += extra
    return pred


def spurious_event(rng: random.Random) -> Doc:
    """Make up an event in the gold period, near Syria."""
    day = date(2020, 4, 25) + timedelta(days=rng.randrange(20))
    return {
        "event_type": rng.choice(EVENT_TYPES),
        "sub_event_type": rng.choice(SUB_EVENT_TYPES),
        "date_start": day.isoformat(),
        "date_end": (day + timedelta(days=rng.choice((0, 0, 2)))).isoformat(),
        "actor1": rng.choice(list(ACTOR_ALIASES)),
        "actor2": rng.choice(OTHER_ACTORS),
        "location": rng.choice(("Idleb", "Bara", "Kansafra", "Aleppo", None)),
        "admin1": rng.choice(("Idleb", "Aleppo", "Al-Hasakeh", None)),
        "lat": round(rng.uniform(32.5, 37.0), 4),
        "lon": round(rng.uniform(35.7, 42.0), 4),
        "fatalities": rng.choice((None, 0, 1, 5)),
    }


def with_spurious(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Add made-up events."""
    pred = as_prediction(gold_docs)
    for doc in pred:
        doc["events"] += [spurious_event(rng) for _ in range(rng.choice((0, 0, 1, 3)))]
    return pred


def shuffled(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Reorder events and documents, and make some events alike (ties in pairing)."""
    pred = as_prediction(gold_docs)
    for doc in pred:
        rng.shuffle(doc["events"])
        for event in doc["events"]:
            if rng.random() < 0.3:
                event["lat"] = event["lon"] = None
    rng.shuffle(pred)
    return pred


def empty_file(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Predict nothing at all."""
    return []


def no_events(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Answer every document with no events, some with an error."""
    return [
        {"id": doc["id"], "events": []} | ({"error": "could not parse"} if rng.random() < 0.3 else {})
        for doc in gold_docs
    ]


def missing_documents(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Leave out documents, add unknown ones and give some without an events list."""
    pred = [doc for doc in as_prediction(gold_docs) if rng.random() > 0.3]
    for doc in pred:
        if rng.random() < 0.1:
            del doc["events"]
    pred += [{"id": f"unknown-{n}", "events": [spurious_event(rng)]} for n in range(5)]
    return pred


def odd_values(event: Doc, rng: random.Random) -> None:
    """Fill fields with values that are legal JSON but unusual: datetimes, bad dates, text numbers."""
    choice = rng.randrange(7)
    if choice == 0 and event.get("date_start"):
        event["date_start"] += "T10:30:00Z"
    elif choice == 1:
        event["date_start"] = rng.choice(("2020-13-45", "yesterday", None, ""))
    elif choice == 2:
        event["date_end"] = None
    elif choice == 3 and event.get("lat") is not None:
        event["lat"], event["lon"] = str(event["lat"]), str(event["lon"])
    elif choice == 4:
        event["lat"] = rng.choice((95.0, -91, "north"))
    elif choice == 5:
        event["fatalities"] = str(int(event.get("fatalities") or 0))
    else:
        for field in ("location", "admin1", "actor1", "actor2", "event_type", "sub_event_type"):
            event[field] = None


def chaos(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Apply several perturbations in a random order, then perhaps fill in odd values."""
    names = sorted(set(EVENT_PERTURBATIONS) - {"perfect", "empty-file", "no-events", "odd-values"})
    steps = [EVENT_PERTURBATIONS[name] for name in rng.sample(names, k=4)]
    if rng.random() < 0.5:
        steps.append(EVENT_PERTURBATIONS["odd-values"])
    pred = as_prediction(gold_docs)
    for step in steps:
        pred = step([doc | {"events": doc.get("events") or []} for doc in pred], rng)
    return pred


EVENT_PERTURBATIONS: dict[str, Perturbation] = {
    "perfect": lambda docs, rng: as_prediction(docs),
    "dates+0": shifted_dates(0),
    "dates+1": shifted_dates(1),
    "dates+2": shifted_dates(2),
    "dates+9": shifted_dates(9),
    "moved-5km": moved(5),
    "moved-30km": moved(30),
    "moved-100km": moved(100),
    "names-only": for_each_event(0.8, names_only),
    "retyped": for_each_event(0.5, retyped),
    "actors-equivalent": renamed(equivalent=True),
    "actors-other": renamed(equivalent=False),
    "fatalities": for_each_event(0.6, recounted),
    "dropped": dropped,
    "duplicated": duplicated,
    "spurious": with_spurious,
    "shuffled": shuffled,
    "empty-file": empty_file,
    "no-events": no_events,
    "missing-documents": missing_documents,
    "odd-values": for_each_event(0.5, odd_values),
}
CHAOS_SEEDS = range(6)


# --- gold variants ------------------------------------------------------------------------------


def merged_by_day(docs: list[Doc], size: int = 8) -> list[Doc]:
    """Merge the one-event gold documents of each day into documents of up to ``size`` events."""
    merged: list[Doc] = []
    open_docs: dict[str, Doc] = {}
    for doc in docs:
        day = open_docs.get(doc["published"])
        if day is None or len(day["events"]) >= size:
            day = {"id": f"day-{doc['published']}-{len(merged)}", "events": []}
            open_docs[doc["published"]] = day
            merged.append(day)
        day["events"] += copy.deepcopy(doc["events"])
    return merged


def annotated(docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Mark events optional, give ranges of dates and tolls, province-level places and gaps."""
    docs = copy.deepcopy(docs)
    for doc in docs:
        for event in doc["events"]:
            if rng.random() < 0.15:
                event["optional"] = True
            if rng.random() < 0.2:
                event["fatalities_max"] = (event.get("fatalities") or 0) + rng.choice((0, 2, 10))
            if rng.random() < 0.15:
                event["geo_precision"] = 3
            if rng.random() < 0.1:
                event["date_end"] = shift_date(event["date_start"], rng.choice((1, 4)))
            if rng.random() < 0.05:
                event["date_start"] = None
            if rng.random() < 0.05:
                event["lat"] = event["lon"] = None
            if rng.random() < 0.05:
                event["fatalities"] = None
            if rng.random() < 0.05:
                event["event_type"] = None
    return docs


@pytest.fixture(scope="module")
def event_golds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the event gold files: the shared ones and variants written to a temporary folder."""
    if not REFEREE.exists():
        pytest.skip("needs ../shared (gold files and referee)")
    folder = tmp_path_factory.mktemp("gold")
    merged = merged_by_day(read_jsonl(ACLED))
    return {
        "acled": ACLED,
        "seed": SEED,
        "merged": write_jsonl(folder / "merged.jsonl", merged),
        "annotated": write_jsonl(folder / "annotated.jsonl", annotated(merged, seeded("annotated"))),
    }


# --- event tests --------------------------------------------------------------------------------

EVENT_CASES = [*EVENT_PERTURBATIONS, *(f"chaos-{seed}" for seed in CHAOS_SEEDS)]


def perturbation_for(name: str) -> Perturbation:
    """Return the perturbation a test case names."""
    return chaos if name.startswith("chaos-") else EVENT_PERTURBATIONS[name]


@pytest.mark.gold
@pytest.mark.parametrize("gold_name", ["acled", "seed", "merged", "annotated"])
@pytest.mark.parametrize("case", EVENT_CASES)
def test_evaluate_events_equals_referee(
    event_golds: dict[str, Path], gold_name: str, case: str, tmp_path: Path
) -> None:
    gold = event_golds[gold_name]
    pred_docs = perturbation_for(case)(read_jsonl(gold), seeded(gold_name, case))
    pred = write_jsonl(tmp_path / "pred.jsonl", pred_docs)
    assert evaluate(gold, pred) == referee("events", gold, pred)


@pytest.mark.gold
@pytest.mark.parametrize("case", ["perfect", "chaos-0", "missing-documents", "empty-file"])
def test_format_report_events_equals_referee_text(event_golds: dict[str, Path], case: str, tmp_path: Path) -> None:
    gold = event_golds["annotated"]
    pred = write_jsonl(tmp_path / "pred.jsonl", perturbation_for(case)(read_jsonl(gold), seeded("text", case)))
    assert format_report(evaluate(gold, pred)) + "\n" == referee("events", gold, pred, as_json=False)


@pytest.mark.gold
@needs_shared
def test_evaluate_perfect_prediction_scores_full_marks() -> None:
    result = evaluate(ACLED, ACLED)
    assert result["f1"] == result["strict_f1"] == 1.0
    assert result["documents_missing_in_prediction"] == 0
    assert result["gold_events"] == result["predicted_events"] == result["pairs"] == 313


def test_score_events_optional_gold_event_is_neither_miss_nor_false_alarm() -> None:
    event = {
        "date_start": "2020-05-01",
        "event_type": "Battles",
        "location": "Bara",
        "lat": 35.7,
        "lon": 36.5,
    }
    gold = {"d": {"events": [event, event | {"optional": True, "location": "Kafr Nabl", "lat": 35.5}]}}
    pred = {"d": {"events": [event, event | {"location": "Kafr Nabl", "lat": 35.5}]}}
    result = score_events(gold, pred)
    assert (result["gold_events"], result["predicted_events"], result["pairs"]) == (1, 1, 1)
    assert result["f1"] == 1.0
    assert score_events(gold, {"d": {"events": [event]}})["recall"] == 1.0


def test_score_events_one_day_of_slack() -> None:
    gold = {"d": {"events": [{"date_start": "2020-05-01", "date_end": "2020-05-03"}]}}
    for start, found in [("2020-05-04", 1), ("2020-05-05", 0), ("2020-04-30", 1), ("2020-04-29", 0)]:
        pred = {"d": {"events": [{"date_start": start}]}}
        assert score_events(gold, pred)["pairs"] == found, start


def test_score_events_unreadable_predicted_values_are_wrong_not_fatal() -> None:
    gold_event = {"date_start": "2020-05-01", "actor1": "ISIS", "location": "Bara", "lat": 35.7, "lon": 36.5}
    gold = {"d": {"events": [gold_event | {"fatalities": 2}]}}
    pred_event = {"date_start": "2020-05-01", "actor1": 5, "location": 7, "lat": 35.7, "lon": "east"}
    result = score_events(gold, {"d": {"events": [pred_event | {"fatalities": "many"}]}})
    assert result["f1"] == 1.0
    assert result["strict_f1"] == result["actor1_%"] == result["coords_given_%"] == 0.0
    assert result["fatalities_exact_%"] == result["fatalities_in_range_%"] == 0.0


# --- geoparse -----------------------------------------------------------------------------------


def as_toponyms(gold_docs: list[Doc]) -> list[Doc]:
    """Return the gold toponyms as a prediction file's records."""
    return [{"id": doc["id"], "toponyms": copy.deepcopy(doc.get("toponyms") or [])} for doc in gold_docs]


def for_each_toponym(rate: float, change: Callable[[Doc, random.Random], None]) -> Perturbation:
    """Return a perturbation that applies ``change`` to each toponym with probability ``rate``."""

    def perturb(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
        pred = as_toponyms(gold_docs)
        for doc in pred:
            for toponym in doc["toponyms"]:
                if rng.random() < rate:
                    change(toponym, rng)
        return pred

    return perturb


def shifted_span(chars: int) -> Perturbation:
    """Move spans by ±chars, or stretch/shrink one end."""

    def change(toponym: Doc, rng: random.Random) -> None:
        offset = rng.choice((-chars, chars))
        if rng.random() < 0.6:
            toponym["start"] += offset
            toponym["end"] += offset
        else:
            toponym[rng.choice(("start", "end"))] += offset

    return for_each_toponym(0.7, change)


def moved_toponym(km: float) -> Perturbation:
    """Move toponym coordinates by about ``km``; place some without coordinates at random points."""

    def change(toponym: Doc, rng: random.Random) -> None:
        if toponym.get("lat") is None:
            toponym["lat"], toponym["lon"] = rng.uniform(-60, 60), rng.uniform(-180, 180)
            return
        bearing = rng.uniform(0, 2 * math.pi)
        toponym["lat"], toponym["lon"] = move_point(toponym["lat"], toponym["lon"], km * rng.uniform(0.5, 1.5), bearing)

    return for_each_toponym(0.7, change)


def unresolved(toponym: Doc, rng: random.Random) -> None:
    """Leave a toponym without usable coordinates."""
    choice = rng.randrange(4)
    if choice == 0:
        del toponym["lat"], toponym["lon"]
    elif choice == 1:
        toponym["lat"] = None
    elif choice == 2:
        toponym["lat"] = 123.0
    else:
        toponym["lon"] = None


def dropped_toponyms(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Drop some toponyms and duplicate others."""
    pred = as_toponyms(gold_docs)
    for doc in pred:
        kept = [t for t in doc["toponyms"] if rng.random() > 0.3]
        doc["toponyms"] = kept + [copy.deepcopy(t) for t in kept if rng.random() < 0.2]
    return pred


def spurious_toponyms(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Add made-up spans (some overlapping real ones), sometimes in front of the real ones."""
    pred = as_toponyms(gold_docs)
    for doc, gold in zip(pred, gold_docs, strict=True):
        size = max(1, len(gold.get("text") or ""))
        for _ in range(rng.choice((0, 1, 4))):
            start = rng.randrange(size)
            fake = {"start": start, "end": start + rng.randint(1, 12), "name": "x", "lat": 0.0, "lon": 0.0}
            doc["toponyms"].insert(rng.randrange(len(doc["toponyms"]) + 1), fake)
    return pred


def missing_toponym_docs(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Leave out documents and add unknown ones."""
    pred = [doc for doc in as_toponyms(gold_docs) if rng.random() > 0.3]
    return [*pred, {"id": "unknown", "toponyms": [{"start": 0, "end": 5, "lat": 1.0, "lon": 2.0}]}]


def geo_chaos(gold_docs: list[Doc], rng: random.Random) -> list[Doc]:
    """Apply several toponym perturbations in turn."""
    pred = as_toponyms(gold_docs)
    texts = {doc["id"]: doc.get("text") for doc in gold_docs}
    names = sorted(set(GEO_PERTURBATIONS) - {"perfect", "empty-file"})
    for step in [GEO_PERTURBATIONS[name] for name in rng.sample(names, k=3)]:
        pred = step([doc | {"text": texts.get(doc["id"])} for doc in pred], rng)
    return pred


GEO_PERTURBATIONS: dict[str, Perturbation] = {
    "perfect": lambda docs, rng: as_toponyms(docs),
    "offsets+1": shifted_span(1),
    "offsets+3": shifted_span(3),
    "offsets+10": shifted_span(10),
    "moved-5km": moved_toponym(5),
    "moved-30km": moved_toponym(30),
    "moved-200km": moved_toponym(200),
    "moved-3000km": moved_toponym(3000),
    "unresolved": for_each_toponym(0.4, unresolved),
    "dropped": dropped_toponyms,
    "spurious": spurious_toponyms,
    "missing-documents": missing_toponym_docs,
    "empty-file": empty_file,
}
GEO_CASES = [*GEO_PERTURBATIONS, "chaos"]


@pytest.mark.gold
@needs_shared
@pytest.mark.parametrize("corpus", GEOPARSE_FILES)
@pytest.mark.parametrize("case", GEO_CASES)
def test_evaluate_geoparse_equals_referee(corpus: str, case: str, tmp_path: Path) -> None:
    gold = GOLD / "geoparse" / f"{corpus}.jsonl"
    perturb = geo_chaos if case == "chaos" else GEO_PERTURBATIONS[case]
    pred = write_jsonl(tmp_path / "pred.jsonl", perturb(read_jsonl(gold), seeded(corpus, case)))
    assert evaluate(gold, pred, kind="geoparse") == referee("geoparse", gold, pred)


@pytest.mark.gold
@needs_shared
def test_format_report_geoparse_equals_referee_text(tmp_path: Path) -> None:
    gold = GOLD / "geoparse" / "trnews.jsonl"
    pred = write_jsonl(tmp_path / "pred.jsonl", geo_chaos(read_jsonl(gold), seeded("geo-text")))
    assert format_report(evaluate(gold, pred, "geoparse")) + "\n" == referee("geoparse", gold, pred, as_json=False)


def test_score_geoparse_first_overlapping_span_is_taken() -> None:
    gold = {"d": {"toponyms": [{"start": 10, "end": 16, "lat": 36.2, "lon": 37.16}]}}
    pred = {"d": {"toponyms": [{"start": 0, "end": 5}, {"start": 15, "end": 20}, {"start": 10, "end": 16}]}}
    result = score_geoparse(gold, pred)
    assert (result["toponym_precision"], result["toponym_recall"]) == (0.333, 1.0)
    assert result["mean_error_km"] == 20038.0  # the span taken has no coordinates
    assert result["auc"] == 1.0


def test_score_geoparse_unreadable_predicted_span_or_coordinates() -> None:
    gold = {"d": {"toponyms": [{"start": 10, "end": 16, "lat": 36.2, "lon": 37.16}]}}
    pred = {"d": {"toponyms": [{"start": None, "end": 16}, {"start": 10, "end": 16, "lat": 36.2, "lon": "x"}]}}
    result = score_geoparse(gold, pred)
    assert (result["toponym_precision"], result["toponym_recall"], result["mean_error_km"]) == (
        0.5,
        1.0,
        20038.0,
    )


# --- name rules, checked against the referee's own functions ------------------------------------


@pytest.fixture(scope="module")
def referee_module() -> ModuleType:
    """Import the shared referee as a module, to compare its name rules with ours."""
    if not REFEREE.exists():
        pytest.skip("needs ../shared (gold files and referee)")
    spec = importlib.util.spec_from_file_location("shared_referee", REFEREE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.gold
def test_actors_match_equals_referee_on_all_name_pairs(referee_module: ModuleType) -> None:
    names = {
        name
        for doc in read_jsonl(ACLED) + read_jsonl(SEED)
        for e in doc["events"]
        for name in (e.get("actor1"), e.get("actor2"))
    }
    names |= set(ACTOR_ALIASES) | set(OTHER_ACTORS)
    names |= {alias for aliases in ACTOR_ALIASES.values() for alias in aliases}
    names |= {
        "Military Forces of the Philippines (2016-)",
        "Government of Mali: Ministry",
        "Police Forces of Kenya",
    }
    mismatches = [
        (gold, pred)
        for gold in names
        for pred in names
        if actors_match(gold, pred) != referee_module.actor_match(gold, pred)
    ]
    assert mismatches == []


@pytest.mark.gold
def test_fold_place_name_equals_referee_on_gold_places(referee_module: ModuleType) -> None:
    places = {
        e.get(field)
        for doc in read_jsonl(ACLED) + read_jsonl(SEED)
        for e in doc["events"]
        for field in ("location", "admin1", "admin2")
    }
    for corpus in GEOPARSE_FILES:
        places |= {t["name"] for doc in read_jsonl(GOLD / "geoparse" / f"{corpus}.jsonl") for t in doc["toponyms"]}
    places |= {"Deir ez-Zour Governorate", "Ḥalab", "Al-Quriyah", "Dar‘a", "Ar-Raqqah", "İdlib", "aaa"}
    assert [p for p in places if fold_place_name(p) != referee_module.fold(p)] == []


def test_fold_place_name_joins_spelling_variants() -> None:
    assert fold_place_name("Deir ez-Zor Governorate") == fold_place_name("Deir-ez-Zor") == "deirzor"
    assert fold_place_name("Al Quriyah") == fold_place_name("al-Qouriyah")
    assert fold_place_name(None) == ""


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("Military Forces of Syria (2000-)", "Syrian regime forces", True),
        ("Military Forces of Syria (2000-)", "Military Forces of Russia (2000-)", False),
        ("Civilians (Syria)", "civilians killed by regime shelling", True),
        ("Islamic State (Syria)", "Daesh", True),
        ("Ahrar al Sharqiyah", "Ahrar al Sham", True),
        (None, None, True),
        (None, "ISIS", False),
        ("ISIS", None, False),
        ("Tribal fighters", "tribal militia fighters", True),
    ],
)
def test_actors_match_examples(gold: str | None, pred: str | None, expected: bool) -> None:
    assert actors_match(gold, pred) is expected


# --- loading ------------------------------------------------------------------------------------


def test_load_jsonl_by_id_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text('{"id": "a", "events": []}\n\n{"id": "b", "events": [}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pred\.jsonl:3: not valid JSON"):
        load_jsonl_by_id(path)


def test_load_jsonl_by_id_line_that_is_not_an_object(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "pred.jsonl", [{"id": "a"}, [1, 2]])  # type: ignore[list-item]
    with pytest.raises(ConfigError, match=r"pred\.jsonl:2: expected a JSON object"):
        load_jsonl_by_id(path)


def test_load_jsonl_by_id_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_jsonl_by_id(tmp_path / "absent.jsonl")


def test_load_jsonl_by_id_keys_by_string_id_and_last_wins(tmp_path: Path) -> None:
    text = '{"id": 7, "n": 1}\n  \n{"id": "7", "n": 2}\n{"n": 3}\n{"id": "x", "t": "a\u2028b"}\n'
    path = tmp_path / "docs.jsonl"
    path.write_text(text, encoding="utf-8")
    assert load_jsonl_by_id(path) == {
        "7": {"id": "7", "n": 2},
        "None": {"n": 3},
        "x": {"id": "x", "t": "a\u2028b"},
    }


def test_evaluate_unknown_kind(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", [])
    with pytest.raises(ConfigError, match="unknown evaluation kind"):
        evaluate(path, path, kind="toponyms")
