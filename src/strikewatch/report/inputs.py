"""Where a report's events come from: the event store, extract output plus document metadata, or
documents extracted now.

Each returns ``(Event, Source)`` pairs, the input of :func:`strikewatch.report.build_report`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from strikewatch.analyze import Source
from strikewatch.analyze.records import event_from_dict, read_event_lines
from strikewatch.errors import ConfigError
from strikewatch.filters import EventFilter
from strikewatch.ingest import Rejected, read_documents
from strikewatch.model import Document, Event

if TYPE_CHECKING:
    from strikewatch.store import Store

MAX_TITLE = 160


def source_of(document: Document) -> Source:
    """Return the citation of ``document``; a document without a title is named by its first line when short."""
    title = document.title
    if not title:
        first = document.text.strip().split("\n", 1)[0].strip()
        title = first if 0 < len(first) <= MAX_TITLE else None
    url = document.url
    if not url and document.source and Path(document.source).exists():
        url = Path(document.source).resolve().as_uri()
    return Source(document.id, title, url, document.published)


def read_sources(paths: Iterable[Path], published: date | None = None) -> dict[str, Source]:
    """Return the citation of each document in ``paths`` (what was given to ``extract``), by id."""
    return {d.id: source_of(d) for d in read_documents(paths, published) if not isinstance(d, Rejected)}


def pairs_from_events(
    events: Path, documents: Iterable[Path] = (), published: date | None = None
) -> list[tuple[Event, Source]]:
    """Return the pairs of an extract output file, cited from ``documents`` when given."""
    if not events.exists():
        raise ConfigError(f"events file {events} not found: run `strikewatch extract ... -o {events}` first")
    return list(read_event_lines(events, read_sources(documents, published)))


def pairs_from_documents(
    paths: Iterable[Path],
    *,
    published: date | None = None,
    mode: str = "auto",
    on_document: Callable[[int], None] | None = None,
) -> Iterator[tuple[Event, Source]]:
    """Yield the pairs of the documents in ``paths``, extracted now; ``on_document`` is called per document."""
    from strikewatch.extract.pipeline import extract_documents

    documents = [d for d in read_documents(paths, published) if not isinstance(d, Rejected)]
    if not documents:
        raise ConfigError("no readable documents in the inputs: pass JSONL documents, .txt/.md/.html files or folders")
    by_id = {d.id: d for d in documents}
    for result in extract_documents(documents, mode=mode):
        source = source_of(by_id[result.id])
        for event in result.events:
            yield event, source
        if on_document:
            on_document(1)


def pairs_from_store(db: str | None = None) -> list[tuple[Event, Source]]:
    """Return the pairs of every event extracted into the store at ``db`` (else ``STRIKEWATCH_DB``)."""
    from strikewatch.store import Store

    with Store(db) as store:
        return store_pairs(store)


def store_pairs(store: Store, where: EventFilter | None = None) -> list[tuple[Event, Source]]:
    """Return the pairs of the events of an open store that match ``where`` (all extracted events if None)."""
    rows = store.events(where)
    documents = store.documents(row["document_id"] for row in rows if row.get("document_id"))
    pairs = []
    for row in rows:
        doc = documents.get(row.get("document_id") or "")
        published = doc["published"] if doc else None
        source = (
            Source(doc["ref"], doc["title"], doc["url"], published if isinstance(published, date) else None)
            if doc
            else Source(str(row.get("document") or row["id"]))
        )
        pairs.append((event_from_dict(row), source))
    return pairs
