"""Read stored documents back: their metadata, by the names an analyst knows them by, undated ones."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Engine, Table, select

from strikewatch.errors import NotFound
from strikewatch.model import Document
from strikewatch.store.schema import DocumentRow, DocumentSource

DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]
SOURCES: Table = DocumentSource.__table__  # type: ignore[assignment]
_CHUNK = 500
_HEX = frozenset("0123456789abcdef")


def metadata(engine: Engine, ids: Iterable[str], *, text: bool = False) -> dict[str, dict[str, Any]]:
    """Return ``ref``, ``title``, ``url``, ``published``, ``source``, ``publisher`` (and ``text``) by document id."""
    wanted = sorted(set(ids))
    table = DOCUMENTS
    columns = [table.c.id, table.c.ref, table.c.title, table.c.url, table.c.published, table.c.source]
    columns += [table.c.publisher, *([table.c.text] if text else [])]
    found: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for chunk in range(0, len(wanted), _CHUNK):
            statement = select(*columns).where(table.c.id.in_(wanted[chunk : chunk + _CHUNK]))
            found.update({row.id: dict(row._mapping) for row in conn.execute(statement)})
    return found


def resolve(engine: Engine, refs: Iterable[str]) -> dict[str, str]:
    """Return the document id each of ``refs`` names (id, origin, or 6+ character id prefix); raise
    :class:`NotFound` naming those that match no document, or several."""
    found: dict[str, str] = {}
    missing: list[str] = []
    with engine.connect() as conn:
        for ref in dict.fromkeys(refs):
            ids = set(conn.execute(select(DOCUMENTS.c.id).where(DOCUMENTS.c.id == ref)).scalars())
            ids = ids or set(conn.execute(select(SOURCES.c.document_id).where(SOURCES.c.ref == ref)).scalars())
            ids = ids or set(conn.execute(select(DOCUMENTS.c.id).where(DOCUMENTS.c.ref == ref)).scalars())
            if not ids and len(ref) >= 6 and set(ref) <= _HEX:
                prefix = select(DOCUMENTS.c.id).where(DOCUMENTS.c.id.startswith(ref, autoescape=True)).limit(2)
                ids = set(conn.execute(prefix).scalars())
            if len(ids) == 1:
                found[ref] = ids.pop()
            else:
                missing.append(f"{ref!r} ({'several documents' if ids else 'no document'})")
    if missing:
        raise NotFound(
            f"not in the store: {', '.join(missing)}; name documents by id, file name, JSONL id or URL "
            "(`strikewatch status` counts them, `strikewatch events` lists their ids)"
        )
    return found


def load(engine: Engine, doc_id: str) -> Document:
    """Return stored document ``doc_id`` (its ``id`` is the reference it was first read from)."""
    with engine.connect() as conn:
        row = conn.execute(select(DOCUMENTS).where(DOCUMENTS.c.id == doc_id)).first()
    if row is None:
        raise NotFound(f"no document {doc_id!r} in the store")
    return Document(row.ref, row.text, row.published, row.title, row.url, row.source)


def undated(engine: Engine, ids: Sequence[str]) -> set[str]:
    """Return those of ``ids`` stored without a publication date."""
    found: set[str] = set()
    with engine.connect() as conn:
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            statement = select(DOCUMENTS.c.id).where(DOCUMENTS.c.id.in_(chunk), DOCUMENTS.c.published.is_(None))
            found.update(conn.execute(statement).scalars())
    return found
