"""Print how long building the default gazetteer database takes, its peak memory, and load times.

Builds into a fresh database in a temporary folder (never the user's cache), then loads its index
twice: from the database (first load, which also writes the snapshot) and from the snapshot.

Usage: python benchmarks/gazetteer_build.py [--keep PATH]
Targets (issue 4): build < 120 s and < 1 GB peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from strikewatch.geo.gazetteer import build_default_gazetteer, load_gazetteer, snapshot_path
from strikewatch.geo.store import GazetteerStore


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Build at this path instead of a temporary folder.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "gazetteer.sqlite"
        start = time.perf_counter()
        build_default_gazetteer(db, force=True)
        build_s = time.perf_counter() - start
        rss = peak_rss_mb()
        with GazetteerStore(db) as store:
            counts = store.counts()
        size_mb = db.stat().st_size / 1e6
        snapshot_path(db).unlink(missing_ok=True)
        start = time.perf_counter()
        gazetteer = load_gazetteer(db)
        from_db_s = time.perf_counter() - start
        start = time.perf_counter()
        load_gazetteer(db)
        from_snapshot_s = time.perf_counter() - start
    print(f"build (database + index)   {build_s:8.1f} s   (target < 120 s)")
    print(f"peak RSS during build      {rss:8.0f} MB  (target < 1024 MB)")
    print(f"database                   {size_mb:8.0f} MB  {counts['places']:,} places, {counts['names']:,} names")
    print(f"index keys                 {len(gazetteer):8,}")
    print(f"load from database         {from_db_s:8.2f} s")
    print(f"load from snapshot         {from_snapshot_s:8.2f} s")


if __name__ == "__main__":
    main()
