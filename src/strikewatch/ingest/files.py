"""Read documents from JSONL files (the contract's input format) and from .txt/.md/.html reports.

A file or line that cannot be read becomes a :class:`Rejected` record naming the file and the
reason, so one bad input never stops a batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from strikewatch.model import Document

# Larger inputs are refused before they are read into memory.
MAX_FILE_BYTES = 20_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be read, and why."""

    id: str
    reason: str


def parse_date(value: object) -> date | None:
    """Return the date of an ISO 8601 date or datetime string, or None if it is not one."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start}): convert it to UTF-8 first") from exc


def _html_text(html: str) -> tuple[str, str | None, date | None]:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None:
        raise ValueError("no main text found in the HTML page")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        raise ValueError("no main text found in the HTML page")
    return text, data.get("title"), parse_date(data.get("date"))


def _read_jsonl(path: Path, published: date | None) -> Iterator[Document | Rejected]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Rejected(where, f"{where}: not a JSON line: {exc}")
                continue
            if not isinstance(obj, dict):
                yield Rejected(where, f"{where}: a document must be a JSON object")
                continue
            doc_id = str(obj.get("id") if obj.get("id") is not None else where)
            text = obj.get("text")
            if not isinstance(text, str):
                yield Rejected(doc_id, f"{where}: the document has no 'text' string")
                continue
            yield Document(
                id=doc_id,
                text=text,
                published=parse_date(obj.get("published")) or published,
                title=obj.get("title"),
                url=obj.get("url"),
                source=obj.get("source"),
            )


def _read_file(path: Path, published: date | None) -> Document | Rejected:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Rejected(str(path), f"{path}: too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")
    try:
        text = _decode(path, path.read_bytes())
        title = None
        if path.suffix.lower() in HTML_SUFFIXES:
            text, title, page_date = _html_text(text)
            published = published or page_date
    except (OSError, ValueError) as exc:
        return Rejected(str(path), f"{path}: {exc}")
    return Document(id=path.name, text=text, published=published, title=title, url=None, source=str(path))


def read_documents(paths: Iterable[str | Path], published: date | None = None) -> Iterator[Document | Rejected]:
    """Yield the documents in ``paths``: JSONL files line by line, other files whole, folders recursively.

    ``published`` dates the documents that carry no date of their own.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from read_documents(sorted(p for p in path.rglob("*") if p.is_file()), published)
        elif not path.exists():
            yield Rejected(str(path), f"{path}: no such file")
        elif path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, published)
        else:
            yield _read_file(path, published)
