"""Benchmark corpora, built at run time: synthetic reports from our own templates, and a gold mix.

- :func:`synthetic`: reports written from templates of this file (our own wording) about made-up
  incidents at Syrian subdistricts (the OCHA names strikewatch ships), two or three reports per
  incident from different sources, as news flow has them, so incident linking has real work.
  Short notes and longer narratives (several paragraphs, with sentences that report nothing).
- :func:`gold_mix`: the ACLED notes and Airwars narratives of ``../shared/gold``, cycled to a count.
  Third-party text: read from ``../shared`` when the benchmark runs, never copied into the repository.
"""

from __future__ import annotations

import csv
import itertools
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ADMIN = ROOT / "src" / "strikewatch" / "data" / "admin_SY.tsv"
FIRST_DAY = date(2016, 1, 1)
INCIDENTS_PER_DAY = 150

ACTORS = [
    ("Russian warplanes", "struck", "Air/drone strike"),
    ("Syrian regime helicopters", "dropped barrel bombs on", "Air/drone strike"),
    ("Turkish drones", "hit", "Air/drone strike"),
    ("coalition aircraft", "bombed", "Air/drone strike"),
    ("Israeli jets", "carried out strikes on", "Air/drone strike"),
    ("regime forces", "shelled", "Shelling"),
    ("pro-government militias", "fired rockets at", "Shelling"),
    ("Islamic State fighters", "attacked", "Battles"),
    ("SDF fighters", "clashed with opposition fighters in", "Battles"),
    ("unidentified gunmen", "killed a local official in", "Attack"),
]
SOURCES = [
    "according to the Syrian Observatory for Human Rights",
    "local activists said",
    "the Syrian Civil Defence said",
    "a monitoring group reported",
    "residents told reporters",
    "medical sources said",
]
CASUALTIES = [
    "killing {n} civilians",
    "killing at least {n} people",
    "wounding {n} others",
    "killing {n} fighters and wounding several",
    "causing material damage but no casualties",
]
WEAPONS = ["", " with cluster munitions", " with incendiary weapons", " using guided missiles", " with heavy artillery"]
FILLER = [
    "The area has seen repeated attacks since the start of the year.",
    "Aid groups called for an immediate halt to the fighting.",
    "Schools in the district remained closed for a third week.",
    "Thousands of families have left the surrounding villages.",
    "The road to the provincial capital was cut for several hours.",
    "Officials did not respond to requests for comment.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip


def _places() -> list[tuple[str, str]]:
    with ADMIN.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [(row["name"], row["adm1_name"]) for row in rows if row["level"] == "3" and row["adm1_name"]]


def _date_phrase(day: date, rng: random.Random) -> str:
    style = rng.randrange(3)
    if style == 0:
        return f"On {day.day} {MONTHS[day.month - 1]} {day.year}"
    if style == 1:
        return f"On {MONTHS[day.month - 1]} {day.day}"
    return f"On {day.day} {MONTHS[day.month - 1]}"


def _report(incident: int, copy: int, places: list[tuple[str, str]]) -> dict[str, str]:
    """Return one report (copy ``copy``) of incident number ``incident``: same facts, other wording."""
    facts = random.Random(incident)
    day = FIRST_DAY + timedelta(days=incident // INCIDENTS_PER_DAY)
    place, province = facts.choice(places)
    actor, verb, _kind = facts.choice(ACTORS)
    count = facts.randint(1, 40)
    casualty = facts.choice(CASUALTIES).format(n=count)
    weapon = facts.choice(WEAPONS)
    style = random.Random(incident * 7 + copy)
    source = style.choice(SOURCES)
    where = f"{place} in {province} Governorate"
    lead = f"{_date_phrase(day, style)}, {actor} {verb} {where}{weapon}, {casualty}, {source}."
    if style.random() < 0.7:  # a short note
        text = lead
    else:  # a narrative: the lead, background, a second incident nearby, and more background
        other_place, _ = style.choice(places)
        other_actor, other_verb, _ = style.choice(ACTORS)
        second = f"Separately, {other_actor} {other_verb} {other_place} on the same day, {source}."
        filler = " ".join(style.sample(FILLER, 3))
        text = f"{lead} {filler}\n\n{second} {style.choice(FILLER)}"
    published = day + timedelta(days=1 + copy)
    return {"id": f"syn-{incident}-{copy}", "text": text, "published": published.isoformat(), "source": source}


def synthetic(count: int) -> Iterator[dict[str, str]]:
    """Yield ``count`` synthetic reports (about 2.5 per incident)."""
    places = _places()
    made = 0
    for incident in itertools.count():
        for copy in range(2 + incident % 2):
            if made == count:
                return
            yield _report(incident, copy, places)
            made += 1


def gold_mix(count: int) -> Iterator[dict[str, str]]:
    """Yield ``count`` documents cycling the ACLED notes (Syria and world) and the Airwars narratives."""
    base = []
    for name in ("acled-world-2020-05.jsonl", "acled-syria-2020-05.jsonl", "airwars-gaza-dev.jsonl"):
        for line in (SHARED / "gold" / name).open(encoding="utf-8"):
            record = json.loads(line)
            base.append({"id": record["id"], "text": record["text"], "published": record.get("published")})
    for n, record in zip(range(count), itertools.cycle(base), strict=False):
        yield {**record, "id": f"{record['id']}#{n}"}


def write_jsonl(path: Path, records: Iterator[dict[str, str]]) -> tuple[int, int]:
    """Write ``records`` to ``path``; return (documents, words)."""
    documents = words = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            documents += 1
            words += len(record["text"].split())
    return documents, words
