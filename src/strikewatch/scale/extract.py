"""The ``dask`` engine of ``strikewatch extract``: shards on a cluster, one output in input order.

The client reads the inputs and cuts them into shard files (rejected inputs keep their place as
records of why); workers extract each shard into its own output file; the client appends the
outputs to the final output in input order as they finish. Shard files stay until the whole run
has succeeded, so running the same command again after an interruption redoes only the shards
that had not finished.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from strikewatch import settings
from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document
from strikewatch.scale.cluster import worker_count
from strikewatch.scale.local import ExtractReport, Progress
from strikewatch.scale.runner import run_shards
from strikewatch.scale.shards import SHARD_DOCS, Shard, ShardWriter, document_line, pipeline_fingerprint
from strikewatch.scale.tasks import PipelinePlugin


def default_work_dir() -> Path:
    """Return the shard folder: ``STRIKEWATCH_WORK_DIR``, else ``shards/`` in the cache folder."""
    configured = settings.get("work_dir")
    if configured:
        return Path(configured)
    cache = os.environ.get("STRIKEWATCH_CACHE") or Path.home() / ".cache" / "strikewatch"
    return Path(cache) / "shards"


def prepare(client: Any, mode: str) -> str:
    """Build the gazetteer if needed and the pipeline on every worker; return the shards' fingerprint."""
    fingerprint = pipeline_fingerprint(mode)  # builds a missing gazetteer here, once, not on each worker
    client.register_plugin(PipelinePlugin(mode))
    return fingerprint


def remove_shards(writer: ShardWriter, kind: str) -> None:
    """Delete the shard files of a finished run (inputs and their ``kind`` outputs)."""
    for path in writer.written:
        path.with_name(path.name.replace(".in.", f".{kind}.")).unlink(missing_ok=True)
        path.unlink(missing_ok=True)


def extract_on_cluster(
    items: Iterable[Document | Rejected],
    out: TextIO,
    client: Any,
    *,
    mode: str,
    work_dir: Path | None = None,
    shard_docs: int = SHARD_DOCS,
    progress: Progress | None = None,
) -> ExtractReport:
    """Write the contract's output line of every input to ``out`` in input order, extracting on ``client``'s
    cluster; return the counts. ``progress`` is called with the number of documents of each finished shard."""
    report = ExtractReport()
    tick = progress or (lambda _n: None)
    workers = worker_count(client)
    writer = ShardWriter(
        work_dir or default_work_dir(), prepare(client, mode), lookahead=workers, shard_docs=shard_docs
    )

    def ordered(shard: Shard, header: dict[str, Any]) -> None:
        output = shard.output("extract")
        if output is not None:
            with output.open(encoding="utf-8") as handle:
                handle.readline()  # the header
                shutil.copyfileobj(handle, out)
        report.documents += header["documents"]
        report.events += header["events"]
        report.errors += header["errors"]

    run_shards(
        client,
        writer.shards((document_line(item), None) for item in items),
        kind="extract",
        mode=mode,
        window=4 * workers,
        on_done=lambda _shard, header: tick(header["documents"]),
        on_ordered=ordered,
    )
    remove_shards(writer, "extract")
    return report
