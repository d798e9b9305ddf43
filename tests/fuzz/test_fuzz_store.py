"""Hostile inputs stored on each backend: PostgreSQL refuses NUL characters and invalid Unicode that
SQLite takes, so the smaller corpus runs through the loader on both."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from strikewatch.ingest import Rejected, read_documents
from strikewatch.model import Document
from strikewatch.store.loader import load
from strikewatch.store.query import DOCUMENTS, QUARANTINE
from strikewatch.store.schema import content_id

from .corpus import build_corpus


def test_hostile_inputs_are_stored_or_quarantined_on_each_backend(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = build_corpus(tmp_path / "inputs", seed=3, count=150, costly=False)
    items = list(read_documents([corpus.folder], detect_encoding=True))
    report = load(store, iter(items), extract=True, mode="fast")
    assert report.read == len(items) and report.quarantined > 0 and report.new > 10
    with store.engine.connect() as conn:
        stored = {row.id: row.text for row in conn.execute(select(DOCUMENTS.c.id, DOCUMENTS.c.text))}
        listed = {row.ref for row in conn.execute(select(QUARANTINE.c.ref))}
    for item in items:
        if isinstance(item, Document):
            assert stored.get(content_id(item.text)), item.id
            assert "\x00" not in (item.title or "") + (item.source or "") + (item.url or "") + item.id
        else:
            assert isinstance(item, Rejected) and item.id in listed, item
