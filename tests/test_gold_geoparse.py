"""Geoparsing accuracy on the four corpora of ../shared/gold/geoparse against issue 4's floors.

The issue asks for toponym F1 >= 0.75 and accuracy@161km >= 85% on each corpus in ``accurate``
mode; ``fast`` mode is held to the figures it reached when those floors were met (a drop is a
regression to look at, not noise: the geoparser is deterministic).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from strikewatch.evaluate import load_jsonl_by_id, score_geoparse

pytestmark = pytest.mark.gold

CORPORA = ("lgl", "geowebnews", "geovirus", "trnews")
#: fast mode's accuracy@161km floors (accurate mode: the issue's 85% everywhere)
FAST_FLOORS = {"lgl": 84.5, "geowebnews": 88.5, "geovirus": 85.0, "trnews": 91.5}


def _score(extractor: Any, path: Path) -> dict[str, Any]:
    gold = load_jsonl_by_id(path)
    pred = {i: {"id": i, "toponyms": [t.to_dict() for t in extractor.toponyms(d["text"])]} for i, d in gold.items()}
    return score_geoparse(gold, pred)


@pytest.mark.parametrize("corpus", CORPORA)
def test_accurate_mode_meets_the_issue_floors(corpus: str, accurate_extractor: Any, shared: Path) -> None:
    figures = _score(accurate_extractor, shared / "gold" / "geoparse" / f"{corpus}.jsonl")
    print(f"\n{corpus} accurate: F1 {figures['toponym_f1']}, acc@161km {figures['acc@161km_%']}%")
    assert figures["toponym_f1"] >= 0.75, figures
    assert figures["acc@161km_%"] >= 85.0, figures


@pytest.mark.parametrize("corpus", CORPORA)
def test_fast_mode_keeps_its_figures(corpus: str, fast_extractor: Any, shared: Path) -> None:
    figures = _score(fast_extractor, shared / "gold" / "geoparse" / f"{corpus}.jsonl")
    print(f"\n{corpus} fast: F1 {figures['toponym_f1']}, acc@161km {figures['acc@161km_%']}%")
    assert figures["toponym_f1"] >= 0.75, figures
    assert figures["acc@161km_%"] >= FAST_FLOORS[corpus], figures
