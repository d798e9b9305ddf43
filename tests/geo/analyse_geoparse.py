"""List a geoparser run's errors against a gold corpus (development aid, not a test).

Usage, from the repository root::

    strikewatch geoparse GOLD.jsonl -o /tmp/pred.jsonl --mode accurate --no-progress
    python tests/geo/analyse_geoparse.py GOLD.jsonl /tmp/pred.jsonl [--show N]

Prints the most frequent missed names (false negatives), spurious names (false positives) and
far resolutions (> 161 km), each with a count, so that causes can be fixed with general rules.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter


def _km(a: float, b: float, c: float, d: float) -> float:
    p1, p2 = math.radians(a), math.radians(c)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--show", type=int, default=40)
    ap.add_argument("--context", action="store_true", help="print each far resolution with its context")
    args = ap.parse_args()
    with open(args.gold, encoding="utf-8") as fh:
        gold = {d["id"]: d for d in map(json.loads, fh)}
    with open(args.pred, encoding="utf-8") as fh:
        pred = {d["id"]: d for d in map(json.loads, fh)}
    fn: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    far: Counter[str] = Counter()
    far_rows: list[str] = []
    for doc_id, g in gold.items():
        text = g["text"]
        p_tops = (pred.get(doc_id) or {}).get("toponyms") or []
        used: set[int] = set()
        for t in g.get("toponyms") or []:
            hit = next(
                (j for j, p in enumerate(p_tops) if j not in used and p["start"] < t["end"] and p["end"] > t["start"]),
                None,
            )
            if hit is None:
                fn[text[t["start"] : t["end"]]] += 1
                continue
            used.add(hit)
            p = p_tops[hit]
            if t.get("lat") is not None and p.get("lat") is not None:
                err = _km(t["lat"], t["lon"], p["lat"], p["lon"])
                if err > 161:
                    name = text[t["start"] : t["end"]]
                    key = f"{name} -> {p.get('resolved')} ({p.get('country')}) [{err:.0f} km]"
                    far[key] += 1
                    if args.context:
                        ctx = text[max(0, t["start"] - 80) : t["end"] + 80].replace("\n", " ")
                        far_rows.append(f"{doc_id}: {key} gold=({t['lat']},{t['lon']}) | {ctx}")
        for j, p in enumerate(p_tops):
            if j not in used:
                fp[f"{p['name']} -> {p.get('resolved')} ({p.get('country')}, {p.get('feature')})"] += 1
    for title, counter in (("MISSED", fn), ("SPURIOUS", fp), ("FAR", far)):
        print(f"== {title}: {sum(counter.values())}")
        for name, n in counter.most_common(args.show):
            print(f"{n:4d}  {name}")
    for row in far_rows:
        print(row)


if __name__ == "__main__":
    main()
