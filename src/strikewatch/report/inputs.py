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
from strikewatch.analyze.records import Pair, event_from_dict, read_event_lines
from strikewatch.errors import ConfigError
from strikewatch.filters import EventFilter
from strikewatch.ingest import Rejected, read_documents
from strikewatch.model import Document, Event
from strikewatch.publishers import byline, publisher
from strikewatch.store.schema import content_id

if TYPE_CHECKING:
    from strikewatch.store import Store

MAX_TITLE = 160


def attribution(text: str | None, publisher: str | None) -> str | None:
    """Return whom a document's own assessments are attributed to: its byline ("ISW (Jane Doe)"), else
    its publisher."""
    found = byline(text) if text else None
    return found.attribution if found else publisher


def source_of(document: Document) -> Source:
    """Return the citation of ``document``; a document without a title is named by its first line when short."""
    title = document.title
    if not title:
        first = document.text.strip().split("\n", 1)[0].strip()
        title = first if 0 < len(first) <= MAX_TITLE else None
    url = document.url
    if not url and document.source and Path(document.source).exists():
        url = Path(document.source).resolve().as_uri()
    name = publisher(document.source, document.url, document.text)
    return Source(
        document.id,
        title,
        url,
        document.published,
        doc_id=content_id(document.text),
        publisher=name,
        attribution=attribution(document.text, name),
        text=document.text,
    )


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


def pairs_from_store(db: str | None = None, *, create: bool = False) -> list[Pair]:
    """Return the pairs of every event extracted into the store at ``db`` (else ``STRIKEWATCH_DB``),
    each with its store id and incident; a ``db`` file that does not exist is an error unless ``create``."""
    from strikewatch.store import Store

    with Store(db, create=create) as store:
        return store_pairs(store)


def store_pairs(store: Store, where: EventFilter | None = None) -> list[Pair]:
    """Return the pairs of the events of an open store that match ``where`` (all extracted events if
    None), each with its store id and incident."""
    rows = store.events(where)
    documents = store.documents((row["document_id"] for row in rows if row.get("document_id")), text=True)
    sources: dict[str, Source] = {}
    pairs: list[Pair] = []
    for row in rows:
        doc_id = row.get("document_id") or ""
        doc = documents.get(doc_id)
        source = sources.get(doc_id)
        if source is None and doc:
            published = doc["published"] if isinstance(doc["published"], date) else None
            source = sources[doc_id] = Source(
                doc["ref"],
                doc["title"],
                doc["url"],
                published,
                doc_id=doc_id,
                publisher=doc["publisher"],
                attribution=attribution(doc["text"], doc["publisher"]),
                text=doc["text"],
            )
        pairs.append(
            (
                event_from_dict(row),
                source or Source(str(row.get("document") or row["id"])),
                row["id"],
                row.get("incident"),
            )
        )
    return pairs
