"""Documents: one document with the evidence spans of its events; ingest an uploaded file or a URL."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from sqlalchemy import select

from strikewatch.errors import ConfigError, NotFound
from strikewatch.serve.auth import Caller, analyst, reader
from strikewatch.serve.routes.events import api_event, document_dict, evidence_spans
from strikewatch.store.query import DOCUMENTS, EVENTS, LINKS

router = APIRouter(prefix="/api/v1", tags=["documents"])
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".jsonl", ".json", ".rss", ".atom", ".xml")


@router.get("/documents/{document_id}", summary="A document's text and the evidence spans of its events")
def document(request: Request, document_id: str, _caller: Annotated[Caller, Depends(reader)]) -> dict[str, Any]:
    """Return the document (text, title, safe URL) and each of its events with its evidence spans."""
    engine = request.app.state.desk.store.engine
    with engine.connect() as conn:
        row = conn.execute(select(DOCUMENTS).where(DOCUMENTS.c.id == document_id)).first()
        if row is None:
            raise NotFound(f"document {document_id!r} not found")
        events = conn.execute(
            select(EVENTS, LINKS.c.incident_id)
            .outerjoin(LINKS, LINKS.c.event_id == EVENTS.c.id)
            .where(EVENTS.c.document_id == document_id)
            .order_by(EVENTS.c.seq)
        ).all()
    out = document_dict(row)
    out["events"] = []
    for event_row in events:
        event = api_event(event_row)
        event["evidence_spans"] = evidence_spans(event, row.text)
        out["events"].append(event)
    return out


@router.post("/documents", summary="Ingest an uploaded report or a web page by URL")
def ingest(
    request: Request,
    caller: Annotated[Caller, Depends(analyst)],
    file: Annotated[UploadFile | None, File(description="A report: .txt, .md, .html, .pdf, .jsonl, feed")] = None,
    url: Annotated[str | None, Form(max_length=2000, description="An http(s) web page to fetch")] = None,
    published: Annotated[str | None, Form(max_length=10, description="YYYY-MM-DD, for input without one")] = None,
) -> dict[str, Any]:
    """Store the document once, extract its events and link its incidents; return the counts."""
    from strikewatch import settings
    from strikewatch.ingest import read_documents, read_urls
    from strikewatch.ingest.files import parse_date
    from strikewatch.ingest.urls import default_fetcher
    from strikewatch.links import safe_link
    from strikewatch.store.loader import load

    if (file is None) == (url is None):
        raise ConfigError("send either a file or a url")
    anchor = parse_date(published) if published else None
    if published and anchor is None:
        raise ConfigError(f"published {published!r} is not an ISO date (YYYY-MM-DD)")
    store = request.app.state.desk.store
    max_bytes = int(settings.get_float("max_bytes"))
    origin = f"desk {caller.name}"[:32]
    if url is not None:
        if safe_link(url) is None:
            raise ConfigError(f"url {url!r} is not an http(s) address")
        fetcher = default_fetcher(settings.get_float("fetch_timeout"), max_bytes)
        report = load(store, read_urls([url], fetcher, anchor), origin=origin)
    elif file is not None:
        name = Path(file.filename or "upload.txt").name
        if not name.lower().endswith(SUFFIXES):
            raise ConfigError(f"{name}: send one of {', '.join(SUFFIXES)}")
        data = file.file.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ConfigError(f"{name} is larger than {max_bytes} bytes (STRIKEWATCH_MAX_BYTES)")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            items = read_documents([path], anchor, detect_encoding=True, max_bytes=max_bytes)
            report = load(store, items, origin=origin)
    else:
        raise ConfigError("send either a file or a url")
    return {**report.counts(), "rejected": [r.reason for r in report.rejected]}
