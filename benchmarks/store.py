"""Benchmark the event store: ingest+extract throughput, and query latency on a million events.

    python benchmarks/store.py                       # both parts, SQLite only
    python benchmarks/store.py --pg postgresql+psycopg://user:pw@host/postgres   # also PostgreSQL
    python benchmarks/store.py --events 100000 --docs 2000 --queries 100          # smaller, faster

Part 1 extracts the same generated documents (the gold ACLED notes, each made unique) once bare
(``extract_documents``) and once through ``load()`` into a fresh SQLite store (one transaction per
document with events, incidents and audit rows), in fast mode, and prints docs/s and the ratio.
Part 2 bulk-loads synthetic events (executemany on SQLite, COPY on PostgreSQL), then times
``Store.events`` with date-range + admin1 + type filters and prints p50/p95 in ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from strikewatch.model import Document
from strikewatch.store import EventFilter, Store
from strikewatch.store.repo import EVENTS
from strikewatch.store.scratch import scratch_database

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "acled-syria-2020-05.jsonl"
ADMIN1 = ["Idleb", "Aleppo", "Hama", "Homs", "Damascus", "Rural Damascus", "Deir ez Zor", "Ar-Raqqa",
          "Al-Hasakeh", "Dar'a", "Quneitra", "As-Sweida", "Lattakia", "Tartous"]  # fmt: skip
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Looting/property destruction"),
]
FIRST_DAY, DAYS = date(2012, 1, 1), 12 * 365


def documents(count: int) -> list[Document]:
    """Return ``count`` distinct documents made from the gold ACLED notes."""
    lines = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    out = []
    for n in range(count):
        doc = lines[n % len(lines)]
        out.append(Document(f"{doc['id']}-{n}", f"{doc['text']} (Report {n}.)", date.fromisoformat(doc["published"])))
    return out


def throughput(count: int, workers: int) -> None:
    """Print bare extraction vs ingest+extract docs/s on SQLite."""
    from strikewatch.extract.pipeline import Extractor, extract_documents
    from strikewatch.store.loader import load

    docs = documents(count)
    Extractor("fast")  # warm caches (gazetteer) outside the timings
    start = time.perf_counter()
    for _ in extract_documents(docs, mode="fast", workers=workers):
        pass
    bare = count / (time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as folder, Store(f"sqlite:///{folder}/bench.db") as store:
        start = time.perf_counter()
        report = load(store, docs, mode="fast", workers=workers)
        stored = count / (time.perf_counter() - start)
    print(f"extract only:     {bare:8.1f} docs/s  ({count} docs, fast mode, workers={workers})")
    print(f"ingest + extract: {stored:8.1f} docs/s  ({report.events} events stored) = {stored / bare:.0%} of bare")


def synthetic(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Return ``count`` synthetic event rows."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        event_type, sub = rng.choice(TYPES)
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        rows.append({
            "id": f"bench:{n}", "namespace": "strikewatch", "document_id": None, "seq": 0, "ref": None,
            "event_type": event_type, "sub_event_type": sub, "date_start": day, "date_end": day,
            "actor1": None, "actor2": None, "place_id": None, "location": f"Place {rng.randrange(5000)}",
            "admin1": rng.choice(ADMIN1), "admin2": None, "country": "Syria", "lat": 32 + rng.random() * 5,
            "lon": 35.5 + rng.random() * 6.5, "geonameid": None, "geo_precision": 1,
            "fatalities": rng.randrange(10), "fatalities_max": None, "weapons": [], "certainty": "reported",
            "attribution": None, "evidence": {"text": "synthetic", "start": 0, "end": 9}, "notes": None,
            "review_status": "machine",
        })  # fmt: skip
    return rows


def bulk_load(store: Store, rows: list[dict[str, Any]]) -> float:
    """Insert ``rows`` as fast as the backend allows; return seconds."""
    start = time.perf_counter()
    if store.engine.dialect.name == "postgresql":
        columns = [c.name for c in EVENTS.columns]
        raw = store.engine.raw_connection()
        try:
            with raw.cursor() as cursor, cursor.copy(f"COPY events ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row([json.dumps(row[c]) if c in ("weapons", "evidence") else row[c] for c in columns])
            raw.commit()
        finally:
            raw.close()
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE events"))
    else:
        with store.engine.begin() as conn:
            for chunk in range(0, len(rows), 50_000):
                conn.execute(insert(EVENTS), rows[chunk : chunk + 50_000])
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - start


def latency(store: Store, queries: int, seed: int = 11) -> tuple[float, float, float]:
    """Return p50 and p95 query time in ms, and the mean number of rows returned."""
    rng = random.Random(seed)
    times, sizes = [], []
    for _ in range(queries):
        first = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 90))
        last, admin1, sub = first + timedelta(days=90), rng.choice(ADMIN1), rng.choice(TYPES)[1]
        where = EventFilter(date_from=first, date_to=last, admin1=admin1, event_type=sub)
        start = time.perf_counter()
        sizes.append(len(store.events(where)))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], statistics.mean(sizes)


def query_bench(url: str, label: str, count: int, queries: int) -> None:
    """Load ``count`` synthetic events into ``url`` and print query latency."""
    with Store(url) as store:
        seconds = bulk_load(store, synthetic(count))
        latency(store, 10)  # warm the cache
        p50, p95, size = latency(store, queries)
    print(f"{label:<10} load {count:,} events in {seconds:5.1f} s; date(90 d)+admin1+type queries: "
          f"p50 {p50:6.1f} ms, p95 {p95:6.1f} ms ({size:.0f} rows each on average, {queries} queries)")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--pg", help="PostgreSQL server URL (an admin database); a scratch database is made there")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_ingest:
        throughput(args.docs, args.workers)
    with tempfile.TemporaryDirectory() as folder:
        query_bench(f"sqlite:///{folder}/events.db", "SQLite", args.events, args.queries)
    if args.pg:
        with scratch_database(args.pg) as url:
            query_bench(url, "PostgreSQL", args.events, args.queries)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
