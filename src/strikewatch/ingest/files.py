"""Read documents from files: JSONL (the contract's input format), text, Markdown, HTML, PDF and feeds.

A file or line that cannot be read becomes a :class:`Rejected` record naming the file and the
reason, so one bad input never stops a batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from strikewatch.errors import IngestError
from strikewatch.ingest.dates import parse_date
from strikewatch.ingest.documents import make_document
from strikewatch.ingest.feeds import feed_documents
from strikewatch.ingest.html import html_text
from strikewatch.ingest.jsonl import read_jsonl
from strikewatch.ingest.pdf import pdf_text
from strikewatch.ingest.rejected import Rejected
from strikewatch.ingest.text import decode
from strikewatch.model import Document

__all__ = ["MAX_FILE_BYTES", "Rejected", "parse_date", "read_documents", "read_file"]

log = logging.getLogger(__name__)

# Larger inputs are refused before they are read into memory.
MAX_FILE_BYTES = 20_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
PDF_SUFFIXES = {".pdf"}


def read_file(
    path: Path, published: date | None = None, *, detect_encoding: bool = False, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[Document | Rejected]:
    """Yield the document(s) of one file (a feed file gives one per entry), or why it cannot be read."""
    try:
        yield from _read_file(path, published, detect_encoding, max_bytes)
    except Exception as exc:  # a parser's bug on hostile input must cost this file, not the batch
        log.exception("unexpected error reading %s", path)
        yield Rejected(str(path), f"{path}: cannot read it: {type(exc).__name__}: {exc}")


def _read_file(
    path: Path, published: date | None, detect_encoding: bool, max_bytes: int
) -> Iterator[Document | Rejected]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path, published, max_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"too large ({size:,} bytes; limit {max_bytes:,})")
        data = path.read_bytes()
        title = None
        if suffix in PDF_SUFFIXES:
            text, title, file_date = pdf_text(data)
            published = published or file_date
        elif suffix in FEED_SUFFIXES:
            yield from feed_documents(data, str(path), published)
            return
        else:
            text = decode(data, detect=detect_encoding)
            if suffix in HTML_SUFFIXES:
                text, title, page_date = html_text(text)
                published = published or page_date
    except (OSError, IngestError) as exc:
        yield Rejected(str(path), f"{path}: {exc}")
        return
    yield make_document(str(path), doc_id=path.name, text=text, published=published, title=title, source=str(path))


def read_documents(
    paths: Iterable[str | Path],
    published: date | None = None,
    *,
    detect_encoding: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Document | Rejected]:
    """Yield the documents in ``paths``: JSONL files line by line, other files whole, folders recursively.

    ``published`` dates the documents that carry no date of their own. ``detect_encoding`` accepts
    text in other encodings than UTF-8 (``strikewatch ingest`` turns it on).
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            yield from read_documents(files, published, detect_encoding=detect_encoding, max_bytes=max_bytes)
        elif not path.exists():
            yield Rejected(str(path), f"{path}: no such file")
        else:
            yield from read_file(path, published, detect_encoding=detect_encoding, max_bytes=max_bytes)
