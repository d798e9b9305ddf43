"""The geoparser gives the same answer in every run: nothing may depend on the hash seed that
orders Python's sets (an auditable record cannot change between two runs on the same input)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gold

_SCRIPT = """
import json, sys
from strikewatch.geo import Geoparser
parser = Geoparser()
for line in open(sys.argv[1], encoding="utf-8").read().split("\\n"):
    if line.strip():
        doc = json.loads(line)
        text = doc["text"]
        found = parser.find(text, parser.focus(text))
        print(json.dumps([(t.start, t.end, t.place.geonameid, t.place.lat, t.place.lon) for t in found]))
"""


def _run(corpus: Path, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(corpus)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_same_result_whatever_the_hash_seed(shared: Path) -> None:
    corpus = shared / "gold" / "geoparse" / "lgl.jsonl"  # 588 local news reports: many close calls
    first = _run(corpus, "1")
    assert first.count("\n") == 588
    assert _run(corpus, "2") == first
