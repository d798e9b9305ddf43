"""Write geoparser predictions for a geoparsing gold corpus in shared/gold/geoparse (development).

Usage, from the repository root::

    python tests/geo/eval_geoparse.py ../shared/gold/geoparse/geowebnews.jsonl /tmp/pred.jsonl
    python ../shared/tools/score.py geoparse ../shared/gold/geoparse/geowebnews.jsonl /tmp/pred.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from strikewatch.geo import Geoparser


def main(argv: list[str]) -> int:
    """Predict toponyms for every document of ``argv[0]`` into ``argv[1]``."""
    gold, out = Path(argv[0]), Path(argv[1])
    parser = Geoparser()
    with out.open("w", encoding="utf-8") as fh:
        for line in gold.open(encoding="utf-8"):
            doc = json.loads(line)
            tops = [
                {"start": t.start, "end": t.end, "name": t.text, "lat": t.place.lat, "lon": t.place.lon}
                for t in parser.find(doc["text"])
            ]
            fh.write(json.dumps({"id": doc["id"], "toponyms": tops}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
