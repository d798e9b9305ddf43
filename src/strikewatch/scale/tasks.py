"""What runs on a worker: one pipeline per process, and the task that extracts one shard.

A task reads its shard file, extracts every document with the worker's pipeline (built once, by
:class:`PipelinePlugin` when the worker starts, or on the first task), writes its output file
atomically and returns only counts: Docs and events never travel back to the client.
Its output is one line per input line, after a header line with the counts:

- ``extract``: the contract's output line (``{"id", "events"}`` or ``{"id", "events": [], "error"}``);
- ``ingest``: ``{"id": content id, "events": [event rows], "error"}``, what the store's bulk writer loads.
"""

from __future__ import annotations

import functools
import json
import os
import time
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from strikewatch.extract.pipeline import Extractor, Result
from strikewatch.ingest.rejected import Rejected
from strikewatch.scale.shards import read_shard, write_atomic

KINDS = ("extract", "ingest")


@functools.cache
def worker_extractor(mode: str) -> Extractor:
    """Return this process's pipeline for ``mode``, built on first use (gazetteer and lexicons included)."""
    extractor = Extractor(mode)
    extractor.warm_up()
    return extractor


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin that builds the pipeline as each worker starts (also a restarted one)."""

    name = "strikewatch-pipeline"

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def setup(self, worker: Any) -> None:
        """Build this worker's pipeline before its first task arrives."""
        worker_extractor(self.mode)

    def teardown(self, worker: Any) -> None:
        """Nothing to release: the pipeline goes with the process."""


def read_header(path: Path) -> dict[str, Any]:
    """Return the counts a finished shard output starts with."""
    with path.open(encoding="utf-8") as handle:
        header: dict[str, Any] = json.loads(handle.readline())
    return header


def _ingest_line(result: Result, text: str) -> str:
    from strikewatch.model import NAMESPACE
    from strikewatch.store.bulk import row_json
    from strikewatch.store.rows import event_row
    from strikewatch.store.schema import content_id

    doc_id = content_id(text)
    rows = [row_json(event_row(event, doc_id, seq, NAMESPACE)) for seq, event in enumerate(result.events)]
    return json.dumps({"id": doc_id, "events": rows, "error": result.error}, ensure_ascii=False)


def run_shard(path: str, kind: str, mode: str) -> dict[str, Any]:
    """Extract the shard at ``path`` into its ``kind`` output beside it, unless that exists; return its counts."""
    if kind not in KINDS:
        raise ValueError(f"unknown shard kind {kind!r}")
    source = Path(path)
    key = source.name.split(".")[0]
    output = source.with_name(f"{key}.{kind}.jsonl")
    if output.exists():
        return read_header(output)
    start = time.perf_counter()
    extractor = worker_extractor(mode)
    lines: list[str] = []
    documents = events = errors = 0
    for item in read_shard(source):
        if isinstance(item, Rejected):
            result = Result(item.id, [], item.reason)
            line = result.to_json()
        else:
            result = extractor.process(item)
            line = result.to_json() if kind == "extract" else _ingest_line(result, item.text)
        documents += 1
        events += len(result.events)
        errors += result.error is not None
        lines.append(line)
    header = {"shard": key, "documents": documents, "events": events, "errors": errors}
    header.update(seconds=round(time.perf_counter() - start, 3), pid=os.getpid())
    body = json.dumps(header) + "\n" + "".join(line + "\n" for line in lines)
    write_atomic(output, body.encode("utf-8"))
    return header
