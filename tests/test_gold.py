"""Extraction accuracy on the evaluation gold in ../shared, in both modes, against the issue's floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from strikewatch.evaluate import score_events
from strikewatch.ingest.files import parse_date

pytestmark = pytest.mark.gold


def _run(extractor: Any, gold_path: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    gold, pred = {}, {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        gold[doc["id"]] = doc
        events = extractor.events(doc["text"], parse_date(doc.get("published")))
        pred[doc["id"]] = {"id": doc["id"], "events": [e.to_dict() for e in events]}
    return gold, pred


@pytest.fixture(scope="module", params=["fast", "accurate"])
def extractor(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue(f"{request.param}_extractor")


def test_seed_finds_every_event_with_exact_dates(extractor: Any, shared: Path) -> None:
    gold, pred = _run(extractor, shared / "gold" / "seed.jsonl")
    figures = score_events(gold, pred)
    assert figures["recall"] == 1.0, figures
    assert figures["precision"] >= 0.8, figures
    assert figures["date_exact_%"] == 100.0, figures
    starts = {e["date_start"] for doc in pred.values() for e in doc["events"]}
    assert "2015-11-24" in starts  # "November 24" in a June 2016 report is the previous year


def test_seed_al_quriyah_strike(extractor: Any, shared: Path) -> None:
    _, pred = _run(extractor, shared / "gold" / "seed.jsonl")
    strikes = [e for doc in pred.values() for e in doc["events"] if e["date_start"] == "2016-06-25"]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["fatalities"] == 47
    assert strike["certainty"] == "alleged"
    assert strike["admin1"] == "Deir-ez-Zor"
    assert "Russia" in (strike["actor1"] or "")


ACLED_FLOORS = {
    "f1": 0.90,
    "strict_f1": 0.80,
    "date_start_exact_%": 95.0,
    "event_type_%": 85.0,
    "sub_event_type_%": 75.0,
    "actor1_%": 80.0,
    "fatalities_exact_%": 90.0,
    "geo_acc@50km_%": 60.0,
}


def test_acled_syria_floors(extractor: Any, shared: Path) -> None:
    gold, pred = _run(extractor, shared / "gold" / "acled-syria-2020-05.jsonl")
    figures = score_events(gold, pred)
    below = {k: (figures[k], floor) for k, floor in ACLED_FLOORS.items() if (figures[k] or 0) < floor}
    assert not below, f"below the floor (got, floor): {below}"


# issue 11: the floors are the targets, held in both modes
WORLD_FLOORS = {
    "strict_f1": 0.72,
    "event_type_%": 88.0,
    "sub_event_type_%": 82.0,
    "actor1_%": 80.0,
    "actor2_%": 60.0,
    "geo_acc@50km_%": 85.0,
}

AIRWARS_FLOORS = {
    "precision": 0.85,
    "f1": 0.88,
    "strict_f1": 0.75,
    "fatalities_in_range_%": 80.0,
}


@pytest.mark.parametrize(
    ("name", "floors"),
    [("acled-world-2020-05.jsonl", WORLD_FLOORS), ("airwars-gaza-dev.jsonl", AIRWARS_FLOORS)],
)
def test_other_conflicts_floors(extractor: Any, shared: Path, name: str, floors: dict[str, float]) -> None:
    gold, pred = _run(extractor, shared / "gold" / name)
    figures = score_events(gold, pred)
    below = {k: (figures[k], floor) for k, floor in floors.items() if (figures[k] or 0) < floor}
    assert not below, f"below the floor (got, floor): {below}"
