"""The ``dask`` engine of ``strikewatch ingest``: extract on a cluster, store in batches, link in order.

1. The client reads the inputs a batch at a time, as :func:`~strikewatch.store.loader.load` does:
   it quarantines what cannot be read, skips documents already stored and processed (or seen
   earlier in the run) and cuts the rest into shard files.
2. Workers extract the shards into output files of event rows (:mod:`strikewatch.scale.tasks`).
3. Once a shard and every shard before it have finished, the client stores it in one
   transaction of multi-row inserts keyed by content hash
   (:func:`~strikewatch.store.bulk.store_extracted`): a task that ran twice, or a rerun, stores
   nothing twice. Storing in input order keeps the rows that the first report of a place or
   actor creates the same as with the local engine.
4. Then it links the shard's events to incidents in input order
   (:func:`~strikewatch.store.bulk.link_documents`): the order the local engine links them in, so
   both engines, and an interrupted run followed by a rerun, end with the same incidents.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document
from strikewatch.scale.cluster import worker_count
from strikewatch.scale.extract import default_work_dir, prepare, remove_shards
from strikewatch.scale.runner import run_shards
from strikewatch.scale.shards import SHARD_DOCS, Shard, ShardWriter, document_line, read_shard
from strikewatch.store.bulk import (
    Extracted,
    add_sources,
    link_documents,
    link_leftovers,
    row_from_json,
    store_extracted,
)
from strikewatch.store.loader import BATCH_SIZE, LoadReport, _redate, check_document
from strikewatch.store.repo import Store
from strikewatch.store.schema import content_id

#: Called with the running report and how many more inputs are done.
Progress = Callable[[LoadReport, int], None]


def _entries(
    store: Store,
    items: Iterable[Document | Rejected],
    report: LoadReport,
    again: list[tuple[str, str]],
    redate: list[tuple[Document, str]],
    origin: str,
    tick: Progress,
) -> Iterator[tuple[str | None, str]]:
    """Yield ``(shard line or None, content id)`` for each first occurrence of a document, in input order.

    A document already stored and processed gets no line (it is not extracted again) but keeps its
    place in the order of linking, in case an interrupted run left its events unlinked. One stored
    without a date that now comes with one goes to ``redate`` (re-dated and extracted anew here
    afterwards, as the local engine does).
    """
    seen: set[str] = set()
    inputs = iter(items)
    while batch := list(itertools.islice(inputs, BATCH_SIZE)):
        documents: list[Document] = []
        for item in batch:
            report.read += 1
            rejected = check_document(item)
            if rejected is not None:
                report.rejected.append(rejected)
                report.quarantined += 1
                store.quarantine(rejected.id, rejected.reason, origin)
                tick(report, 1)
            elif isinstance(item, Document):
                documents.append(item)
        ids = [content_id(document.text) for document in documents]
        processed = store.processed(ids)
        dated_now = [i for d, i in zip(documents, ids, strict=True) if processed.get(i) and d.published is not None]
        undated = store.undated(dated_now) if dated_now else set()
        for document, doc_id in zip(documents, ids, strict=True):
            if doc_id in seen:
                again.append((doc_id, document.url or document.id))
                report.duplicates += 1
                tick(report, 1)
                continue
            seen.add(doc_id)
            if doc_id in undated:
                redate.append((document, document.url or document.id))
                yield None, doc_id
            elif processed.get(doc_id, False):
                again.append((doc_id, document.url or document.id))
                report.duplicates += 1
                tick(report, 1)
                yield None, doc_id
            else:
                if document.published is None:
                    report.undated.append(document.url or document.id)
                yield document_line(document), doc_id


def _load(store: Store, shard: Shard, output: Path, report: LoadReport, mode: str, origin: str) -> None:
    """Store one finished shard: its documents (from its input file) with their event rows (from its output)."""
    assert shard.path is not None
    batch: list[Extracted] = []
    with output.open(encoding="utf-8") as handle:
        handle.readline()  # the header
        for item, line in zip(read_shard(shard.path), handle, strict=True):
            assert isinstance(item, Document)
            record = json.loads(line)
            rows = [row_from_json(row) for row in record["events"]]
            batch.append(Extracted(item, record["id"], rows, record["error"]))
    stored = store_extracted(store, batch, mode=mode, origin=origin)
    report.new += stored.new
    report.duplicates += stored.duplicates
    report.events += stored.events
    report.failed += stored.failed


def ingest_on_cluster(
    store: Store,
    items: Iterable[Document | Rejected],
    client: Any,
    *,
    mode: str,
    origin: str = "ingest",
    work_dir: Path | None = None,
    shard_docs: int = SHARD_DOCS,
    progress: Progress | None = None,
) -> LoadReport:
    """Store ``items`` and their events, extracting on ``client``'s cluster; return the counts.

    The store ends as :func:`~strikewatch.store.loader.load` would leave it (same documents, events
    and incidents); only the audit log's order and timestamps differ.
    """
    report = LoadReport()
    tick = progress or (lambda _report, _n: None)
    workers = worker_count(client)
    writer = ShardWriter(
        work_dir or default_work_dir(), prepare(client, mode), lookahead=workers, shard_docs=shard_docs
    )
    again: list[tuple[str, str]] = []
    redate: list[tuple[Document, str]] = []

    def ordered(shard: Shard, _header: dict[str, Any]) -> None:
        # stored in input order too: the first report of a place describes it, as with the local engine
        output = shard.output("ingest")
        if output is not None:
            _load(store, shard, output, report, mode, origin)
            tick(report, shard.lines)
        link_documents(store, shard.tags, origin)

    run_shards(
        client,
        writer.shards(_entries(store, items, report, again, redate, origin, tick)),
        kind="ingest",
        mode=mode,
        window=4 * workers,
        on_done=lambda _shard, _header: None,
        on_ordered=ordered,
    )
    if redate:
        _redate(store, redate, report, lambda _report: None, mode=mode, workers=1, origin=origin)
        tick(report, len(redate))
    add_sources(store, again, origin)
    link_leftovers(store, origin)
    remove_shards(writer, "ingest")
    return report
