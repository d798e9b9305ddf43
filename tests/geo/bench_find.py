"""Benchmark :meth:`Geoparser.find` throughput (words/s) on news text.

Usage, from the repository root::

    python tests/geo/bench_find.py [FILE.jsonl ...]

Each file holds JSON lines with a ``text`` field (default: the geoparsing corpora and ACLED notes in
``../shared/gold``). Prints gazetteer load time, then words/s over two passes (the second with warm
per-process caches, as in a long pipeline run).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from strikewatch.geo import Geoparser, load_default_gazetteer

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold"
DEFAULT = [GOLD / "geoparse" / f"{n}.jsonl" for n in ("geowebnews", "lgl", "geovirus", "trnews")] + [
    GOLD / "acled-syria-2020-05.jsonl"
]


def main(argv: list[str]) -> int:
    """Run the benchmark."""
    files = [Path(a) for a in argv] or [p for p in DEFAULT if p.exists()]
    texts = [json.loads(line)["text"] for f in files for line in f.open(encoding="utf-8")]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    gazetteer = load_default_gazetteer()
    print(f"gazetteer load: {time.perf_counter() - t0:.2f} s ({len(gazetteer)} keys)")
    parser = Geoparser(gazetteer)
    for label in ("cold", "warm"):
        t0 = time.perf_counter()
        n = sum(len(parser.find(t)) for t in texts)
        dt = time.perf_counter() - t0
        print(f"find {label}: {len(texts)} docs, {words} words, {n} toponyms: {words / dt:,.0f} words/s")
    t0 = time.perf_counter()
    n = sum(len(parser.find(t, parser.focus(t))) for t in texts)
    dt = time.perf_counter() - t0
    print(f"focus+find (pipeline), warm: {n} toponyms: {words / dt:,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
