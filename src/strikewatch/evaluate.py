"""Score extracted events and toponyms against gold files.

This is the project's own implementation of the scoring rules in ``shared/contract.md``. Its figures
equal those of the shared referee (``shared/tools/score.py``) on the same files.

Events are scored one document at a time. Gold and predicted events whose date intervals overlap,
give or take one day, are candidate pairs. Pairs are taken greedily, best first. A pair ranks higher
when the place, event type, actors and dates agree. A paired gold event counts as found (``f1``).
It counts as strictly found (``strict_f1``) if the place and the event type are also right. Per-field
accuracy is measured over all pairs. Gold events marked ``optional`` are never misses. When one is
paired, its prediction is not a false alarm either.

Toponyms are paired with the first unused predicted span that overlaps them. Resolution is measured
by the distance between gold and predicted coordinates. A toponym the prediction leaves without
coordinates counts as the worst possible error.

Where the referee would stop on a predicted value it cannot read (a toll of "many", a span
offset of null), this module scores that value as wrong instead.

The library prints nothing. :func:`format_report` gives the text that ``strikewatch evaluate``
shows.
"""

from __future__ import annotations

import json
import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from strikewatch.errors import ConfigError
from strikewatch.geo.distance import distance_km

__all__ = [
    "KINDS",
    "actor_groups",
    "actors_match",
    "evaluate",
    "fold_place_name",
    "format_report",
    "load_jsonl_by_id",
    "score_events",
    "score_geoparse",
]

Record = dict[str, Any]
Scores = dict[str, float | int | None]
Pair = tuple[Record, Record]

KINDS = ("events", "geoparse")

DATE_SLACK = timedelta(days=1)
PLACE_REACH_KM = 60.0
PROVINCE_REACH_KM = 150.0
PROVINCE_PRECISION = 3
MISSING_COORDS_KM = 100.0  # the distance a pair without coordinates ranks as
WORST_ERROR_KM = 20038.0  # half the Earth's circumference: a toponym left unresolved
TOPONYM_HIT_KM = 161.0  # 100 miles, the usual geoparsing accuracy radius
REPORT_KEY_WIDTH = 34

# --- actor names -------------------------------------------------------------------------------

# fmt: off
# Actor groups and the name fragments that place an actor in them. Two actor names are equivalent
# when they share a group. Fragments are matched as lower-case substrings.
ACTOR_GROUPS: dict[str, tuple[str, ...]] = {
    "russia": ("russia", "russian", "moscow", "kremlin", "putin"),
    "syria_gov": (
        "regime", "assad", "syrian arab army", "military forces of syria", "government of syria",
        "pro-regime", "pro-government", "syrian army", "police forces of syria",
    ),
    "turkey": ("turkey", "turkish", "ankara", "erdogan"),
    "usa": (
        "united states", "u.s.", "us-led", "american", "white house", "pentagon", "washington", "cjtf",
    ),
    "coalition": ("coalition",),
    "israel": ("israel", "idf", "israeli"),
    "isis": ("islamic state", "isis", "isil", "daesh", "is militants"),
    "hts": ("nusra", "hayat tahrir", "hts", "tahrir al-sham", "tahrir al sham", "al qaeda", "al-qaeda"),
    "kurdish": ("sdf", "ypg", "kurdish", "syrian democratic forces", "asayish", "pkk"),
    "opposition": (
        "opposition", "rebel", "free syrian army", "fsa", "syrian national army", "sna", "jaish",
        "islamist militia", "nlf", "national liberation front", "ahrar",
    ),
    "civilians": ("civilian",),
    "hamas": ("hamas", "qassam"),
    "pij": ("islamic jihad", "al-quds brigades"),
    "houthi": ("houthi", "ansar allah", "supreme political council"),
    "saudi": ("saudi", "operation restoring hope", "arab coalition"),
    "yemen_gov": ("government of yemen", "yemeni government", "hadi", "internationally recognized"),
    "stc": ("southern transitional council", "stc", "security belt"),
    "ru_separatists": ("novorossiya", "separatist", "donetsk people", "luhansk people", "dpr", "lpr"),
    "pmf": ("popular mobilization", "pmf", "hashd"),
    "ukraine": ("ukrain", "kyiv", "zelensky"),
    "iran": ("iran", "irgc", "hezbollah", "hizbollah"),
    "hezbollah": ("hezbollah", "hizbollah"),
    "taliban": ("taliban",),
    "afghan_gov": ("military forces of afghanistan", "afghan national", "government of afghanistan", "ansf"),
    "libya_lna": ("lna", "haftar", "libyan national army", "libyan arab armed forces"),
    "libya_gna": ("gna", "government of national accord"),
    "alshabaab": ("shabaab", "shabab"),
    "boko": ("boko haram", "iswap", "jas"),
    "unknown": ("unidentified", "unknown"),
}

# Nationality adjectives and their countries, to read "Nigerian army" as that state's forces.
DEMONYMS: dict[str, str] = {
    "afghan": "afghanistan", "american": "united states", "burkinabe": "burkina faso",
    "cameroonian": "cameroon", "chadian": "chad", "congolese": "dr congo", "egyptian": "egypt",
    "ethiopian": "ethiopia", "iranian": "iran", "iraqi": "iraq", "israeli": "israel", "kenyan": "kenya",
    "lebanese": "lebanon", "libyan": "libya", "malian": "mali", "mozambican": "mozambique",
    "nigerian": "nigeria", "nigerien": "niger", "pakistani": "pakistan", "palestinian": "palestine",
    "russian": "russia", "saudi": "saudi arabia", "somali": "somalia", "sudanese": "sudan",
    "syrian": "syria", "turkish": "turkey", "ugandan": "uganda", "ukrainian": "ukraine",
    "yemeni": "yemen", "emirati": "united arab emirates", "burmese": "myanmar", "myanmar": "myanmar",
}

_STATE_BODY = re.compile(
    r"(?:military|police) forces of (?P<forces>[a-z][a-z .'-]+?)(?=\s*\(|\s*$|\s+-|,|:)"
    r"|government of (?P<government>[a-z][a-z .'-]+?)(?=\s*\(|\s*$|,)"
)
_FORCE_NOUNS = (
    r"(?:army|armed forces|forces|troops|military|soldiers|police|government|regime|air ?force|navy"
    r"|warplanes|jets|aircraft|drones?)"
)
_NATIONAL_FORCES = tuple(
    (re.compile(rf"\b{adjective}\b(?:[\w -]{{0,20}})\b{_FORCE_NOUNS}\b"), country)
    for adjective, country in DEMONYMS.items()
)
_WORD = re.compile(r"\w+")


def actor_groups(name: str | None) -> set[str]:
    """Return the actor groups a name belongs to; ``gov:<country>`` stands for a state's forces."""
    if not name:
        return set()
    padded = f" {name.lower()} "
    groups = {group for group, fragments in ACTOR_GROUPS.items() if any(f in padded for f in fragments)}
    for found in _STATE_BODY.finditer(padded.strip()):
        country = (found["forces"] or found["government"]).strip()
        if "civilian" not in country:
            groups.add("gov:" + country.removeprefix("the "))
    if "backed" not in padded:  # "Turkish-backed rebels" are not Turkey's forces
        groups |= {"gov:" + country for pattern, country in _NATIONAL_FORCES if pattern.search(padded)}
    if "houthi" in groups:  # ACLED files Houthi forces under "Military Forces of Yemen (2016-)"
        groups.discard("gov:yemen")
    if "civilians" in groups and len(groups) > 1:  # "civilians killed by X" names the victims
        groups = {"civilians"}
    return groups


def actors_match(gold: str | None, pred: str | None) -> bool:
    """Tell whether a predicted actor names the same actor as the gold one.

    Names are equivalent when they share an actor group; names outside every group must share at
    least half of their words.
    """
    if not gold:
        return not pred
    if not pred:
        return False
    if not (isinstance(gold, str) and isinstance(pred, str)):
        return False
    gold_groups, pred_groups = actor_groups(gold), actor_groups(pred)
    if gold_groups or pred_groups:
        return bool(gold_groups & pred_groups)
    gold_words = set(_WORD.findall(gold.lower()))
    pred_words = set(_WORD.findall(pred.lower()))
    return len(gold_words & pred_words) / max(1, len(gold_words | pred_words)) >= 0.5


# --- place names -------------------------------------------------------------------------------

_APOSTROPHES_AND_HYPHENS = re.compile(r"[\u2018\u2019'`\u02bf\u02be-]")
_ARTICLES = re.compile(r"\b(?:al|el|ar|as|ad|ash|az|ez|an|at)\b")
_PLACE_KIND_WORDS = re.compile(r"\b(?:province|governorate|city|district|town|village|muhafazat)\b")
_SPELLING_VARIANTS = (("ou", "u"), ("ee", "i"), ("q", "k"), ("dh", "d"))
_DOUBLED_LETTER = re.compile(r"(.)\1")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def fold_place_name(name: str | None) -> str:
    """Reduce a place name to a key that ignores accents, articles and transliteration variants.

    ``"Deir ez-Zor Governorate"`` and ``"Deir-ez-Zor"`` both fold to ``"deirzor"``; ``"Al Quriyah"`` and
    ``"al-Qouriyah"`` both to ``"kuriyah"``.
    """
    if not name or not isinstance(name, str):
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    text = _APOSTROPHES_AND_HYPHENS.sub(" ", text)
    text = _ARTICLES.sub(" ", text)
    text = _PLACE_KIND_WORDS.sub(" ", text)
    for variant, spelling in _SPELLING_VARIANTS:
        text = text.replace(variant, spelling)
    text = _DOUBLED_LETTER.sub(r"\1", text)
    return _NOT_ALPHANUMERIC.sub("", text)


# --- dates and coordinates ----------------------------------------------------------------------


def _day(value: Any) -> date | None:
    """Read the date of an ISO date or datetime string; anything else is unknown."""
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _has_coords(record: Mapping[str, Any]) -> bool:
    """Tell whether a record gives both coordinates with a usable latitude."""
    if record.get("lat") is None or record.get("lon") is None:
        return False
    try:
        return -90 <= float(record["lat"]) <= 90
    except (TypeError, ValueError):
        return False


def _point(record: Mapping[str, Any]) -> tuple[float, float] | None:
    """Return a record's (lat, lon), or None if it lacks usable coordinates."""
    if not _has_coords(record):
        return None
    try:
        return float(record["lat"]), float(record["lon"])
    except (TypeError, ValueError):
        return None


def _coords_km(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> float | None:
    """Return the distance between two records' coordinates, or None if either lacks them."""
    gold_point, pred_point = _point(gold), _point(pred)
    if gold_point is None or pred_point is None:
        return None
    return distance_km(*gold_point, *pred_point)


# --- event pairing ------------------------------------------------------------------------------


def _dates_overlap(gold: Record, pred: Record) -> bool:
    """Tell whether the two events' date intervals overlap, with a day of slack; undated gold fits any."""
    gold_start = _day(gold.get("date_start"))
    if gold_start is None:
        return True
    pred_start = _day(pred.get("date_start"))
    if pred_start is None:
        return False
    gold_end = _day(gold.get("date_end")) or gold_start
    pred_end = _day(pred.get("date_end")) or pred_start
    return pred_start <= gold_end + DATE_SLACK and pred_end >= gold_start - DATE_SLACK


def _province_level(gold: Record) -> bool:
    """Tell whether the gold event is placed only by its province."""
    return (gold.get("geo_precision") or 1) >= PROVINCE_PRECISION


def _place_right(gold: Record, pred: Record) -> bool:
    """Tell whether the prediction puts the event in the gold place (by distance or by name)."""
    if not (gold.get("location") or _has_coords(gold)):
        return True
    province_level = _province_level(gold)
    distance = _coords_km(gold, pred)
    if distance is not None and distance <= (PROVINCE_REACH_KM if province_level else PLACE_REACH_KM):
        return True
    gold_names = {fold_place_name(gold.get("location"))}
    # a province-level gold event, or one the gold itself could not put on the map, is right at
    # its province (a free-text location without coordinates is rarely matched by name alone)
    if province_level or not _has_coords(gold):
        gold_names.add(fold_place_name(gold.get("admin1")))
    pred_names = {fold_place_name(pred.get("location")), fold_place_name(pred.get("admin1"))}
    return bool((gold_names & pred_names) - {""})


def _same_type(gold: Record, pred: Record) -> bool:
    """Tell whether a gold event with a type has the predicted one."""
    return bool(gold.get("event_type")) and gold.get("event_type") == pred.get("event_type")


def _strictly_right(gold: Record, pred: Record) -> bool:
    """Tell whether the pair has the right place and, when gold gives one, the right event type."""
    return _place_right(gold, pred) and (not gold.get("event_type") or _same_type(gold, pred))


def _pair_rank(gold: Record, pred: Record) -> float:
    """Rank a candidate pair: agreement on place weighs most, then type, actors and dates."""
    rank = 1.0
    rank += 3.0 if _place_right(gold, pred) else 0.0
    rank += 1.0 if _same_type(gold, pred) else 0.0
    rank += 0.5 if actors_match(gold.get("actor1"), pred.get("actor1")) else 0.0
    rank += 0.5 if actors_match(gold.get("actor2"), pred.get("actor2")) else 0.0
    rank += 0.5 if _day(gold.get("date_start")) == _day(pred.get("date_start")) else 0.0
    rank += 0.25 if _day(gold.get("date_end")) == _day(pred.get("date_end")) else 0.0
    rank += 0.25 if gold.get("sub_event_type") == pred.get("sub_event_type") else 0.0
    distance = _coords_km(gold, pred)
    return rank + 1.0 / (1.0 + (MISSING_COORDS_KM if distance is None else distance))


def _pair_events(gold_events: list[Record], pred_events: list[Record]) -> list[tuple[int, int]]:
    """Pair gold and predicted events of one document greedily, best rank first.

    Ties go to the later gold event, then to the later prediction. Returns (gold, pred) indices.
    """
    candidates = [
        (_pair_rank(gold, pred), i, j)
        for i, gold in enumerate(gold_events)
        for j, pred in enumerate(pred_events)
        if _dates_overlap(gold, pred)
    ]
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in taken_gold and j not in taken_pred:
            taken_gold.add(i)
            taken_pred.add(j)
            pairs.append((i, j))
    return pairs


# --- event scores -------------------------------------------------------------------------------


def _percent(hits: int, total: int) -> float | None:
    """Return hits as a percentage of total, to one decimal; None when there is nothing to count."""
    return round(100.0 * hits / total, 1) if total else None


def _f_scores(hits: int, predicted: int, expected: int) -> tuple[float, float, float]:
    """Return precision, recall and F1, each 0.0 when undefined."""
    precision = hits / predicted if predicted else 0.0
    recall = hits / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _field_accuracy(
    pairs: list[Pair], correct: Callable[[Record, Record], bool], applies: Callable[[Record], bool]
) -> float | None:
    """Return the percentage of pairs, among those whose gold event the field applies to, that are right."""
    relevant = [(gold, pred) for gold, pred in pairs if applies(gold)]
    return _percent(sum(1 for gold, pred in relevant if correct(gold, pred)), len(relevant))


def _has(field: str) -> Callable[[Record], bool]:
    """Return a test that a gold event gives a value for ``field``."""
    return lambda gold: bool(gold.get(field))


def _dates_exact(gold: Record, pred: Record) -> bool:
    """Tell whether both ends of the date interval are right (a missing end is the start)."""
    gold_start, pred_start = _day(gold.get("date_start")), _day(pred.get("date_start"))
    gold_end = _day(gold.get("date_end")) or gold_start
    pred_end = _day(pred.get("date_end")) or pred_start
    return gold_start == pred_start and gold_end == pred_end


def _start_exact(gold: Record, pred: Record) -> bool:
    """Tell whether the start date is right."""
    return _day(gold.get("date_start")) == _day(pred.get("date_start"))


def _predicted_toll(pred: Record) -> int | None:
    """Read the predicted death toll: none stated reads as 0, an unreadable value as None."""
    value = pred.get("fatalities")
    if value is None:
        return 0
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _fatalities_exact(gold: Record, pred: Record) -> bool:
    """Tell whether the predicted death toll equals the gold one."""
    toll = _predicted_toll(pred)
    return toll is not None and int(gold["fatalities"]) == toll


def _fatalities_in_range(gold: Record, pred: Record) -> bool:
    """Tell whether the predicted death toll lies within gold's [fatalities, fatalities_max]."""
    low = int(gold["fatalities"])
    high = int(gold.get("fatalities_max") or low)
    toll = _predicted_toll(pred)
    return toll is not None and low <= toll <= high


def _geo_figures(pairs: list[Pair]) -> Scores:
    """Score the coordinates of pairs whose gold event has some; a missing prediction is a miss."""
    located = [(gold, pred) for gold, pred in pairs if _has_coords(gold)]
    distances = [d for d in (_coords_km(gold, pred) for gold, pred in located) if d is not None]
    return {
        "coords_given_%": _percent(len(distances), len(located)),
        "geo_acc@10km_%": _percent(sum(1 for d in distances if d <= 10), len(located)),
        "geo_acc@50km_%": _percent(sum(1 for d in distances if d <= 50), len(located)),
        "geo_median_km": round(statistics.median(distances), 1) if distances else None,
    }


def _field_figures(pairs: list[Pair]) -> Scores:
    """Score each field over the pairs."""
    def always(_gold: Record) -> bool:
        return True

    def counted(gold: Record) -> bool:
        return gold.get("fatalities") is not None

    return {
        "pairs": len(pairs),
        "date_exact_%": _field_accuracy(pairs, _dates_exact, always),
        "date_start_exact_%": _field_accuracy(pairs, _start_exact, always),
        "event_type_%": _field_accuracy(pairs, _same_type, _has("event_type")),
        "sub_event_type_%": _field_accuracy(
            pairs, lambda g, p: g.get("sub_event_type") == p.get("sub_event_type"), _has("sub_event_type")
        ),
        "actor1_%": _field_accuracy(
            pairs, lambda g, p: actors_match(g.get("actor1"), p.get("actor1")), _has("actor1")
        ),
        "actor2_%": _field_accuracy(
            pairs, lambda g, p: actors_match(g.get("actor2"), p.get("actor2")), _has("actor2")
        ),
        **_geo_figures(pairs),
        "fatalities_exact_%": _field_accuracy(pairs, _fatalities_exact, counted),
        "fatalities_in_range_%": _field_accuracy(pairs, _fatalities_in_range, counted),
    }


def score_events(gold: dict[str, dict], pred: dict[str, dict]) -> Scores:
    """Score predicted events against gold, document by document.

    Both arguments map document ids to contract records with an ``events`` list. Predicted
    documents that gold lacks are ignored; gold documents the prediction lacks count as having
    no events. Returns the referee's figures under its keys, in its order.
    """
    found = false_alarms = misses = missing_documents = 0
    pairs: list[Pair] = []
    for doc_id, gold_doc in gold.items():
        pred_doc = pred.get(doc_id)
        if pred_doc is None:
            missing_documents += 1
        gold_events = gold_doc.get("events") or []
        pred_events = (pred_doc or {}).get("events") or []
        matched = _pair_events(gold_events, pred_events)
        paired_gold = {i for i, _ in matched}
        for i, j in matched:
            if not gold_events[i].get("optional"):
                found += 1
                pairs.append((gold_events[i], pred_events[j]))
        misses += sum(
            1 for i, event in enumerate(gold_events) if i not in paired_gold and not event.get("optional")
        )
        false_alarms += len(pred_events) - len(matched)
    gold_count, pred_count = found + misses, found + false_alarms
    precision, recall, f1 = _f_scores(found, pred_count, gold_count)
    strict = sum(1 for g, p in pairs if _strictly_right(g, p))
    strict_precision, strict_recall, strict_f1 = _f_scores(strict, pred_count, gold_count)
    return {
        "documents": len(gold),
        "documents_missing_in_prediction": missing_documents,
        "gold_events": gold_count,
        "predicted_events": pred_count,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "strict_precision": round(strict_precision, 3),
        "strict_recall": round(strict_recall, 3),
        "strict_f1": round(strict_f1, 3),
        **_field_figures(pairs),
    }


# --- toponym scores -----------------------------------------------------------------------------


def _overlaps(gold: Record, pred: Record) -> bool:
    """Tell whether a predicted span overlaps the gold one; a span without numeric offsets does not."""
    start, end = pred.get("start", -1), pred.get("end", -1)
    if not (isinstance(start, int | float) and isinstance(end, int | float)):
        return False
    return start < gold["end"] and end > gold["start"]


def _first_overlap(gold: Record, candidates: list[Record], taken: set[int]) -> int | None:
    """Return the index of the first untaken predicted span that overlaps the gold span."""
    return next((j for j, pred in enumerate(candidates) if j not in taken and _overlaps(gold, pred)), None)


def _resolution_error(gold: Record, pred: Record) -> float | None:
    """Return how far the predicted coordinates are from gold's; None when gold has none."""
    if gold.get("lat") is None:
        return None
    point = _point(pred)
    if point is None:
        return WORST_ERROR_KM
    return distance_km(float(gold["lat"]), float(gold["lon"]), *point)


def score_geoparse(gold: dict[str, dict], pred: dict[str, dict]) -> Scores:
    """Score predicted toponyms (spans and coordinates) against gold.

    Returns the referee's figures under its keys, in its order: span precision, recall and F1,
    then, over the found toponyms that gold locates, accuracy within 161 km, mean error and the
    area under the log-error curve (lower is better).
    """
    found = false_alarms = misses = 0
    errors: list[float] = []
    for doc_id, gold_doc in gold.items():
        pred_toponyms = (pred.get(doc_id) or {}).get("toponyms") or []
        taken: set[int] = set()
        for toponym in gold_doc.get("toponyms") or []:
            j = _first_overlap(toponym, pred_toponyms, taken)
            if j is None:
                misses += 1
                continue
            taken.add(j)
            found += 1
            error = _resolution_error(toponym, pred_toponyms[j])
            if error is not None:
                errors.append(error)
        false_alarms += len(pred_toponyms) - len(taken)
    precision, recall, f1 = _f_scores(found, found + false_alarms, found + misses)
    auc = None
    if errors:
        auc = sum(math.log(1 + e) for e in errors) / (len(errors) * math.log(WORST_ERROR_KM + 1))
    return {
        "documents": len(gold),
        "toponym_precision": round(precision, 3),
        "toponym_recall": round(recall, 3),
        "toponym_f1": round(f1, 3),
        "resolved": len(errors),
        "acc@161km_%": _percent(sum(1 for e in errors if e <= TOPONYM_HIT_KM), len(errors)),
        "mean_error_km": round(statistics.mean(errors), 1) if errors else None,
        "auc": round(auc, 3) if auc is not None else None,
    }


# --- files and reports --------------------------------------------------------------------------


def _records(path: Path, lines: Iterable[str]) -> Iterator[tuple[int, Record]]:
    """Parse JSON Lines, skipping blank lines; yield (line number, object)."""
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise ConfigError(
                f"{path}:{number}: not valid JSON ({e.msg}, column {e.colno}); "
                "fix that line or remove it"
            ) from e
        if not isinstance(record, dict):
            raise ConfigError(f"{path}:{number}: expected a JSON object per line; fix that line")
        yield number, record


def load_jsonl_by_id(path: str | Path) -> dict[str, dict]:
    """Read a JSON Lines file into a dict keyed by each record's ``id`` (as a string).

    A later record with the same id replaces an earlier one. Raises ConfigError, naming the file
    and line, when the file is missing or unreadable or a line is not a JSON object.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as lines:
            return {str(record.get("id")): record for _, record in _records(path, lines)}
    except FileNotFoundError as e:
        raise ConfigError(f"{path}: no such file; check the path") from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not UTF-8 text ({e.reason}); save it as UTF-8") from e
    except OSError as e:
        raise ConfigError(f"{path}: cannot be read ({e.strerror}); check the path and permissions") from e


def evaluate(gold_path: str | Path, pred_path: str | Path, kind: str = "events") -> Scores:
    """Load a gold file and a prediction file and score them; ``kind`` is "events" or "geoparse"."""
    if kind not in KINDS:
        raise ConfigError(f"unknown evaluation kind {kind!r}; use one of {', '.join(KINDS)}")
    gold, pred = load_jsonl_by_id(gold_path), load_jsonl_by_id(pred_path)
    return score_events(gold, pred) if kind == "events" else score_geoparse(gold, pred)


def format_report(result: Mapping[str, object]) -> str:
    """Lay out scores as the referee prints them: one ``key  value`` line each, no final newline."""
    return "\n".join(f"{key:<{REPORT_KEY_WIDTH}} {value}" for key, value in result.items())
