"""Time a 10,000-event report: analysis, chronology, maps and chart, written as HTML (and Markdown, PDF).

    python benchmarks/report.py [--events 10000] [--pdf]

Events are synthetic (Poisson counts per Syrian province, with rate changes), so the figure
measures the report, not extraction. Target: < 30 s for HTML on a 2-core laptop.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from strikewatch.analyze.synthetic import Rate, synthetic_events
from strikewatch.report import build_report, write_report

PROVINCES = {
    "Aleppo": Rate(30.0, 12.0, 60),
    "Idleb": Rate(20.0),
    "Hama": Rate(8.0, 14.0, 120),
    "Deir-ez-Zor": Rate(4.0, 10.0, 90),
    "Ar-Raqqa": Rate(3.0),
    "Homs": Rate(4.0),
    "Rural Damascus": Rate(3.0),
    "Dar'a": Rate(2.0),
    "Lattakia": Rate(1.0),
    "Al-Hasakeh": Rate(0.5),
}


def main() -> None:
    """Build the report and print the time of each step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF (WeasyPrint; slow on long chronologies)")
    args = parser.parse_args()
    days, expected = 0, 0.0
    while expected < args.events:  # days until the expected count reaches the target
        expected += sum(rate.at(days) for rate in PROVINCES.values())
        days += 1
    pairs = synthetic_events(PROVINCES, days=days, rng=np.random.default_rng(0))
    print(f"{len(pairs):,} events over {days} days")
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        report = build_report(pairs)
        t1 = time.perf_counter()
        print(f"analysis + chronology: {t1 - t0:6.2f} s  ({len(report.analysis.changes)} change points)")
        write_report(report, Path(folder) / "report.html", "html")
        t2 = time.perf_counter()
        print(f"HTML written:          {t2 - t1:6.2f} s")
        print(f"10k-event HTML report: {t2 - t0:6.2f} s total (target < 30 s)")
        write_report(report, Path(folder) / "report.md", "md")
        print(f"Markdown written:      {time.perf_counter() - t2:6.2f} s")
        if args.pdf:
            t3 = time.perf_counter()
            write_report(report, Path(folder) / "report.pdf", "pdf")
            print(f"PDF written:           {time.perf_counter() - t3:6.2f} s")


if __name__ == "__main__":
    main()
