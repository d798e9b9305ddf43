"""Benchmark the engines: start-up, local vs in-process, 1 vs 2 Dask workers, a large ingest into PostgreSQL.

    python benchmarks/scale.py --pg URL                 # every part; the ingest of 50,000 reports
    python benchmarks/scale.py --pg URL --million       # the same with the ingest of 1,000,000 reports
    python benchmarks/scale.py --docs 5000 --ingest-docs 20000 --pg URL   # smaller and quicker
    python benchmarks/scale.py --parts startup,extract,mixed              # only some parts (no database)

Parts (each prints its figures, wall-clock and CPU seconds, and the load average it ran under):

- ``startup``: the whole ``strikewatch extract`` command on one document.
- ``extract``: ``--docs`` synthetic reports (benchmarks/corpus.py: our own templates) extracted in
  fast mode in-process (a warm pipeline), by the local CLI (one process), and by the dask engine on
  LocalClusters of 1 and of 2 workers; the outputs must be identical.
- ``ingest``: ``--ingest-docs`` synthetic reports ingested into a fresh PostgreSQL database by the
  dask engine (2 workers): docs/s, events/s, peak RSS per worker, time spent storing and linking,
  bytes of database per event; then the local engine on the first ``--local-ingest-docs`` of them.
- ``mixed``: ``--mixed-docs`` gold notes and narratives (../shared, read at run time) through the
  whole ``strikewatch extract --mode fast`` CLI run on one process, in words/s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import corpus
from sqlalchemy import create_engine, text

from strikewatch.extract.pipeline import Extractor
from strikewatch.ingest import read_documents
from strikewatch.model import Document
from strikewatch.scale import connect, extract_on_cluster
from strikewatch.scale import ingest as cluster_ingest
from strikewatch.scale.tasks import PipelinePlugin
from strikewatch.store import Store
from strikewatch.store.loader import load
from strikewatch.store.scratch import scratch_database

CLI = [str(Path(sys.executable).with_name("strikewatch"))]
PARTS = ("startup", "extract", "ingest", "mixed")


def load_average() -> str:
    """Return the 1-minute load average (the machine has ``os.cpu_count()`` cores)."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(*args: str) -> tuple[float, float]:
    """Run ``strikewatch ARGS``; return its wall-clock and CPU seconds."""
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run([*CLI, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, children_cpu() - cpu


def line(label: str, docs: int, words: int, wall: float, cpu: float | None = None) -> None:
    cpu_text = f", cpu {cpu:7.1f} s" if cpu is not None else ""
    print(
        f"  {label:44s} {docs / wall:8.0f} docs/s {words / wall:10,.0f} words/s  "
        f"(wall {wall:7.1f} s{cpu_text}; {load_average()})"
    )


def documents(path: Path) -> list[Document]:
    return [item for item in read_documents([path]) if isinstance(item, Document)]


def words_of(path: Path) -> tuple[int, int]:
    docs = documents(path)
    return len(docs), sum(len(doc.text.split()) for doc in docs)


def in_process(path: Path) -> tuple[float, float]:
    """Extract the documents of ``path`` with a warm pipeline in this process; return wall and CPU seconds."""
    docs = documents(path)
    extractor = Extractor("fast")
    extractor.warm_up()
    cpu, start = time.process_time(), time.perf_counter()
    for doc in docs:
        extractor.process(doc)
    return time.perf_counter() - start, time.process_time() - cpu


def worker_stats(client: Any) -> dict[str, tuple[float, float]]:
    """Return each worker's (CPU seconds, peak RSS in MB) so far."""

    def stats() -> tuple[float, float]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

    return dict(client.run(stats))


def on_cluster(workers: int, run: Callable[[Any], object]) -> dict[str, Any]:
    """Start a LocalCluster of ``workers``, build the pipelines, time ``run(client)``; return the timings."""
    start = time.perf_counter()
    with connect(workers, dashboard=False) as client:
        started = time.perf_counter()
        client.register_plugin(PipelinePlugin("fast"))
        built = time.perf_counter()
        run(client)
        done = time.perf_counter()
        stats = worker_stats(client)
    return {
        "cluster": started - start,
        "pipelines": built - started,
        "work": done - built,
        "total": done - start,
        "cpu": sum(cpu for cpu, _ in stats.values()),
        "peak_rss_mb": [rss for _, rss in stats.values()],
    }


def part_startup(tmp: Path) -> None:
    one = tmp / "one.jsonl"
    one.write_text(json.dumps({"id": "a", "text": "On 3 May 2020, jets struck Kafr Nabl.", "published": "2020-05-04"}))
    wall, cpu = run_cli("extract", str(one), "--mode", "fast", "-o", str(tmp / "one.out"), "--no-progress")
    print(f"start-up: the whole `strikewatch extract --mode fast` on one document: {wall:.2f} s wall, {cpu:.2f} s cpu")


def part_extract(tmp: Path, count: int) -> None:
    path = tmp / "synthetic.jsonl"
    docs, words = corpus.write_jsonl(path, corpus.synthetic(count))
    print(f"extract: {docs:,} synthetic reports, {words:,} words (fast mode)")
    wall, cpu = in_process(path)
    line("in-process (warm pipeline)", docs, words, wall, cpu)
    reference = docs / wall
    local_out = tmp / "local.jsonl"
    wall, cpu = run_cli("extract", str(path), "--mode", "fast", "-o", str(local_out), "--no-progress")
    line("local CLI, one process (whole run)", docs, words, wall, cpu)
    local = docs / wall
    figures: dict[int, dict[str, Any]] = {}
    for workers in (1, 2):
        out = tmp / f"dask{workers}.jsonl"

        def run(client: Any, out: Path = out) -> None:
            with out.open("w", encoding="utf-8") as handle:
                extract_on_cluster(read_documents([path]), handle, client, mode="fast", work_dir=tmp / "work")

        figures[workers] = timing = on_cluster(workers, run)
        line(f"dask, {workers} worker(s): extraction", docs, words, timing["work"], timing["cpu"])
        print(
            f"  {'':44s} cluster start {timing['cluster']:.1f} s, pipelines {timing['pipelines']:.1f} s, "
            f"whole run {docs / timing['total']:.0f} docs/s; peak RSS per worker "
            + ", ".join(f"{rss:.0f} MB" for rss in timing["peak_rss_mb"])
        )
        same = out.read_bytes() == local_out.read_bytes()
        print(f"  {'':44s} output identical to the local engine's: {'yes' if same else 'NO'}")
    ratio = figures[1]["work"] / figures[2]["work"]
    whole = figures[1]["total"] / figures[2]["total"]
    print(f"2 workers / 1 worker (extraction)        {ratio:.2f}x   (target >= 1.8; whole runs {whole:.2f}x)")
    print(f"local CLI / in-process fast              {local / reference:.0%}   (target >= 90%)")


class Timer:
    """Wrap a function of the ingest engine to add up the seconds spent in it."""

    def __init__(self, module: Any, name: str) -> None:
        self.seconds = 0.0
        original = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        setattr(module, name, timed)


def database_size(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        events = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
    engine.dispose()
    return int(size), int(events)


def part_ingest(tmp: Path, count: int, local_count: int, pg: str) -> None:
    path = tmp / "ingest.jsonl"
    docs, words = corpus.write_jsonl(path, corpus.synthetic(count))
    print(f"ingest: {docs:,} synthetic reports, {words:,} words, into PostgreSQL (fast mode)")
    storing, linking = Timer(cluster_ingest, "_load"), Timer(cluster_ingest, "link_documents")
    with scratch_database(pg, "sw_bench") as url, Store(url) as store:
        empty, _ = database_size(url)
        outcome: dict[str, Any] = {}

        def run(client: Any) -> None:
            outcome["report"] = cluster_ingest.ingest_on_cluster(
                store, read_documents([path]), client, mode="fast", work_dir=tmp / "work"
            )

        timing = on_cluster(2, run)
        size, events = database_size(url)
    report = outcome["report"]
    wall = timing["total"]
    print(f"  dask, 2 workers: {report.counts()}")
    print(
        f"  {'':16s} {docs / wall:.0f} docs/s, {events / wall:.0f} events/s into PostgreSQL (whole run, {wall:.0f} s;"
        f" {load_average()})"
    )
    print(
        f"  {'':16s} cluster start {timing['cluster']:.1f} s, pipelines {timing['pipelines']:.1f} s; client time "
        f"storing {storing.seconds:.0f} s, linking {linking.seconds:.0f} s; worker cpu {timing['cpu']:.0f} s"
    )
    client_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        "  peak RSS per worker: "
        + ", ".join(f"{rss:.0f} MB" for rss in timing["peak_rss_mb"])
        + f"   (target < 1,500 MB); client {client_rss:.0f} MB"
    )
    if events:
        per_event = (size - empty) / events
        print(f"  store growth: {per_event:,.0f} bytes per event = {per_event:.0f} MB per million events")
    if local_count:
        subset = tmp / "ingest-local.jsonl"
        with path.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as out:
            for _, record in zip(range(local_count), source, strict=False):
                out.write(record)
        local_docs = documents(subset)
        with scratch_database(pg, "sw_bench") as url, Store(url) as store:
            cpu, start = time.process_time(), time.perf_counter()
            local = load(store, local_docs, mode="fast")
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"  local engine, one process, first {len(local_docs):,}: {len(local_docs) / wall:.0f} docs/s, "
            f"{local.events / wall:.0f} events/s (wall {wall:.0f} s, cpu in this process {cpu:.0f} s; {load_average()})"
        )


def part_mixed(tmp: Path, count: int) -> None:
    path = tmp / "mixed.jsonl"
    docs, words = corpus.write_jsonl(path, corpus.gold_mix(count))
    print(f"mixed: {docs:,} gold notes and narratives, {words:,} words")
    wall, cpu = in_process(path)
    line("in-process (warm pipeline)", docs, words, wall, cpu)
    wall, cpu = run_cli("extract", str(path), "--mode", "fast", "-o", str(tmp / "mixed.out"), "--no-progress")
    line("`strikewatch extract --mode fast` (whole run)", docs, words, wall, cpu)
    print(f"mixed CLI words/s                        {words / wall:,.0f}   (target >= 60,000)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50_000, help="synthetic reports for the extract part")
    parser.add_argument("--ingest-docs", type=int, default=50_000, help="synthetic reports for the ingest part")
    parser.add_argument("--million", action="store_true", help="ingest 1,000,000 synthetic reports (--ingest-docs)")
    parser.add_argument(
        "--local-ingest-docs", type=int, default=5_000, help="of those, how many the local engine ingests (0: none)"
    )
    parser.add_argument("--mixed-docs", type=int, default=6_000, help="gold documents for the mixed part")
    parser.add_argument("--pg", default=os.environ.get("STRIKEWATCH_TEST_PG_URL"), help="PostgreSQL admin URL")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, of {', '.join(PARTS)}")
    parser.add_argument("--tmp", type=Path, help="folder for the corpora and outputs (default: a temporary one)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if "ingest" in parts and not args.pg:
        parser.error("the ingest part needs --pg URL (or STRIKEWATCH_TEST_PG_URL)")
    tmp = Path(tempfile.mkdtemp(prefix="sw-scale-", dir=args.tmp))
    print(f"strikewatch scale benchmark, {date.today()}, {load_average()}, corpora in {tmp}")
    try:
        if "startup" in parts:
            part_startup(tmp)
        if "extract" in parts:
            part_extract(tmp, args.docs)
        if "mixed" in parts:
            part_mixed(tmp, args.mixed_docs)
        if "ingest" in parts:
            count = 1_000_000 if args.million else args.ingest_docs
            part_ingest(tmp, count, min(args.local_ingest_docs, count), args.pg)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
