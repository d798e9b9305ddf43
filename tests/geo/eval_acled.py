"""Evaluate the geoparser against ACLED Syria gold locations (development data, not shipped).

Usage, from the repository root::

    python tests/geo/eval_acled.py [../shared/gold/acled-syria-2020-05.jsonl] [--focus SY] [-v]

For each document it runs :meth:`Geoparser.find` on the text, takes the most precise toponym
(:func:`most_precise`) and measures its distance to the gold event's coordinates. It also counts
gold location names that have no gazetteer entry at all.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from strikewatch.geo import Geoparser, fold_name, load_default_gazetteer, most_precise

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "acled-syria-2020-05.jsonl"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def evaluate(gold_path: Path, focus: tuple[str, ...] = (), verbose: bool = False) -> dict[str, int]:
    """Return counts: events, found within 10/50 km (most precise and any toponym), gold names without
    any gazetteer entry, and without one in the gold event's country."""
    gazetteer = load_default_gazetteer()
    parser = Geoparser(gazetteer)
    stats = {
        "events": 0,
        "best10": 0,
        "best50": 0,
        "any10": 0,
        "any50": 0,
        "no_toponym": 0,
        "unknown_name": 0,
        "unknown_in_country": 0,
    }
    for line in gold_path.open(encoding="utf-8"):
        doc = json.loads(line)
        # as the pipeline does: the text's own focus, unless one is given from outside
        toponyms = parser.find(doc["text"], focus or parser.focus(doc["text"]))
        best = most_precise(toponyms)
        for event in doc["events"]:
            if event.get("lat") is None:
                continue
            stats["events"] += 1
            glat, glon = float(event["lat"]), float(event["lon"])
            entries = gazetteer.lookup(fold_name(event["location"]))
            if not entries:
                stats["unknown_name"] += 1
            if not any(p.country == event.get("country") for p in entries):
                stats["unknown_in_country"] += 1
            dists = [
                haversine_km(glat, glon, t.place.lat, t.place.lon)
                for t in toponyms
                if t.place.lat is not None and t.place.lon is not None
            ]
            if not toponyms:
                stats["no_toponym"] += 1
            if best is not None and best.place.lat is not None and best.place.lon is not None:
                d = haversine_km(glat, glon, best.place.lat, best.place.lon)
                stats["best10"] += d <= 10
                stats["best50"] += d <= 50
            else:
                d = math.inf
            if dists:
                stats["any10"] += min(dists) <= 10
                stats["any50"] += min(dists) <= 50
            if verbose and d > 50:
                got = "-"
                if best:
                    got = f"{best.text!r}->{best.place.name}/{best.place.admin1} p{best.place.geo_precision}"
                print(f"{d:7.1f} km  gold={event['location']!r} ({event['admin1']})  got={got}")
    return stats


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--focus", action="append", default=[], help="focus country code(s) to pass")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses beyond 50 km")
    args = parser.parse_args(argv)
    stats = evaluate(args.gold, tuple(args.focus), args.verbose)
    n = stats["events"] or 1
    for key, value in stats.items():
        share = f"  ({100 * value / n:.1f}%)" if key != "events" else ""
        print(f"{key:>13}: {value}{share}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
