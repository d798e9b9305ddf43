"""Load documents into the store: quarantine bad input, skip what is there, extract and save the rest.

Each document is saved (with its events and incident links) in its own transaction, so an
interrupted run leaves every finished document intact; running again skips them and finishes the
rest, ending with the same database as an uninterrupted run.

A document stored without a publication date cannot anchor year-less dates ("June 25"). Loading it
again with a date (``ingest --published``) re-dates it and extracts its events anew
(:meth:`Store.replace_events`); :func:`reprocess` does the same for stored documents by name.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from strikewatch.errors import ExtractError
from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document
from strikewatch.store.repo import Store
from strikewatch.store.schema import content_id


@dataclass(slots=True)
class LoadReport:
    """Counts of one load: documents read, new, already stored, re-dated, events, quarantined, failed
    extractions; the rejected input, and the references of new documents stored without a date."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    redated: int = 0
    events: int = 0
    quarantined: int = 0
    failed: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Return the counts (without the lists of rejected and undated input)."""
        return {
            "read": self.read,
            "new": self.new,
            "duplicates": self.duplicates,
            "redated": self.redated,
            "events": self.events,
            "quarantined": self.quarantined,
            "failed": self.failed,
        }


Progress = Callable[[LoadReport], None]
#: Inputs read and stored at a time by :func:`load`: a batch's documents are in memory together, and each
#: batch starts the extraction process anew (about a tenth of a second).
BATCH_SIZE = 5000


def check_document(item: Document | Rejected) -> Rejected | None:
    """Return why ``item`` goes to quarantine (naming it), or None for a document that can be extracted."""
    from strikewatch.extract.pipeline import check_text

    if isinstance(item, Rejected):
        reason = item.reason
    else:
        try:
            check_text(item.text)
        except ExtractError as exc:
            reason = str(exc)
        else:
            return None
    return Rejected(item.id, reason if item.id in reason else f"{item.id}: {reason}")


def load(
    store: Store,
    items: Iterable[Document | Rejected],
    *,
    extract: bool = True,
    mode: str = "auto",
    workers: int = 1,
    progress: Progress | None = None,
    origin: str = "ingest",
    batch_size: int = BATCH_SIZE,
) -> LoadReport:
    """Store ``items`` (documents or rejected input) and, with ``extract``, their events.

    ``items`` is read ``batch_size`` at a time, and each batch is stored before the next is read: a
    folder of a million files, or a list of slow web pages, never sits whole in memory, and what was
    read is committed (document by document) while the rest is still being fetched.
    ``progress`` is called with the running report after each input.
    """
    report = LoadReport()
    tick = progress or (lambda _report: None)
    seen: set[str] = set()
    inputs = iter(items)
    while batch := list(itertools.islice(inputs, batch_size)):
        _load_batch(store, batch, seen, report, tick, extract=extract, mode=mode, workers=workers, origin=origin)
    return report


def _load_batch(
    store: Store,
    items: list[Document | Rejected],
    seen: set[str],
    report: LoadReport,
    tick: Progress,
    *,
    extract: bool,
    mode: str,
    workers: int,
    origin: str,
) -> None:
    """Store one batch of :func:`load`; ``seen`` holds the ids already stored by earlier batches."""
    documents: list[tuple[Document, str]] = []
    for item in items:
        report.read += 1
        rejected = check_document(item)
        if rejected is not None:
            report.rejected.append(rejected)
            report.quarantined += 1
            store.quarantine(rejected.id, rejected.reason, origin)
            tick(report)
        elif isinstance(item, Document):
            documents.append((item, item.url or item.id))
    ids = [content_id(document.text) for document, _ in documents]
    processed = store.processed(ids)
    pending: list[tuple[Document, str]] = []
    again: list[tuple[Document, str]] = []
    for (document, ref), doc_id in zip(documents, ids, strict=True):
        done = processed.get(doc_id, False) if extract else doc_id in processed
        if done or doc_id in seen:
            again.append((document, ref))
        else:
            seen.add(doc_id)
            pending.append((document, ref))
            if document.published is None:
                report.undated.append(ref)
    dated_now = [content_id(d.text) for d, _ in again if d.published is not None]
    undated = store.undated(dated_now) if extract and dated_now else set()
    if undated:
        redate = [(d, ref) for d, ref in again if content_id(d.text) in undated]
        again = [(d, ref) for d, ref in again if content_id(d.text) not in undated]
        _redate(store, redate, report, tick, mode=mode, workers=workers, origin=origin)
    if extract and pending:
        from strikewatch.extract.pipeline import extract_documents, resolve_mode

        concrete = resolve_mode(mode)
        # a separate extraction process overlaps with the writes here once a batch is worth its start-up
        results = extract_documents(
            (document for document, _ in pending), mode=concrete, workers=workers, background=len(pending) >= 200
        )
        for (document, ref), result in zip(pending, results, strict=True):
            saved = store.save_document(
                document, ref=ref, events=result.events, mode=concrete, error=result.error, origin=origin
            )
            report.new += saved.new_document
            report.duplicates += not saved.new_document
            report.events += saved.events
            report.failed += result.error is not None
            tick(report)
    else:
        for document, ref in pending:
            saved = store.save_document(document, ref=ref, origin=origin)
            report.new += saved.new_document
            report.duplicates += not saved.new_document
            tick(report)
    for document, ref in again:
        _again(store, document, ref, report, origin, tick)


def _redate(
    store: Store,
    items: list[tuple[Document, str]],
    report: LoadReport,
    tick: Progress,
    *,
    mode: str,
    workers: int,
    origin: str,
) -> None:
    """Give stored undated documents the date they now come with, and extract their events anew."""
    from strikewatch.extract.pipeline import extract_documents, resolve_mode

    concrete = resolve_mode(mode)
    results = extract_documents((document for document, _ in items), mode=concrete, workers=workers)
    for (document, ref), result in zip(items, results, strict=True):
        doc_id = content_id(document.text)
        saved = store.replace_events(
            doc_id, result.events, mode=concrete, error=result.error, published=document.published, origin=origin
        )
        store.save_document(document, ref=ref, origin=origin)  # records this origin, if new
        report.redated += 1
        report.events += saved.events
        report.failed += result.error is not None
        tick(report)


def _again(store: Store, document: Document, ref: str, report: LoadReport, origin: str, tick: Progress) -> None:
    """Record another origin of a stored document (a no-op when that origin is known too)."""
    store.save_document(document, ref=ref, origin=origin)
    report.duplicates += 1
    tick(report)


def reprocess(
    store: Store,
    refs: Iterable[str],
    *,
    published: date | None = None,
    mode: str = "auto",
    workers: int = 1,
    progress: Progress | None = None,
) -> LoadReport:
    """Extract the events of the stored documents ``refs`` anew (``strikewatch reprocess``).

    Documents are named by id, by where they were read from (file name, JSONL id, URL) or by an id
    prefix (:meth:`Store.resolve_documents`). ``published`` re-dates each of them first. The store
    replaces each document's events in one transaction (:meth:`Store.replace_events`).
    """
    from strikewatch.extract.pipeline import extract_documents, resolve_mode

    report = LoadReport()
    tick = progress or (lambda _report: None)
    concrete = resolve_mode(mode)
    ids = list(dict.fromkeys(store.resolve_documents(refs).values()))
    documents = [store.document(doc_id) for doc_id in ids]
    if published is not None:
        documents = [dataclasses.replace(document, published=published) for document in documents]
    results = extract_documents(documents, mode=concrete, workers=workers)
    for doc_id, document, result in zip(ids, documents, results, strict=True):
        saved = store.replace_events(
            doc_id, result.events, mode=concrete, error=result.error, published=published, origin="reprocess"
        )
        report.redated += published is not None
        _tally(report, saved.events, result.error, document)
        tick(report)
    return report


def process(store: Store, *, mode: str = "auto", workers: int = 1, progress: Progress | None = None) -> LoadReport:
    """Extract the events of every stored document that has none yet (``strikewatch process``)."""
    from strikewatch.extract.pipeline import extract_documents, resolve_mode

    report = LoadReport()
    tick = progress or (lambda _report: None)
    concrete = resolve_mode(mode)
    pending = list(store.pending())
    for document, result in zip(pending, extract_documents(pending, mode=concrete, workers=workers), strict=True):
        saved = store.save_document(
            document, ref=document.id, events=result.events, mode=concrete, error=result.error, origin="process"
        )
        _tally(report, saved.events, result.error, document)
        tick(report)
    return report


def _tally(report: LoadReport, events: int, error: str | None, document: Document) -> None:
    """Count one stored document that was extracted again (``process``, ``reprocess``)."""
    report.read += 1
    report.events += events
    report.failed += error is not None
    if document.published is None:
        report.undated.append(document.id)
