"""Read documents from JSON Lines files, the contract's input format.

A file is read a line at a time, and no line longer than ``max_bytes`` is held. A line that is
not a JSON object with a ``text`` string is rejected naming ``file:line``; metadata of the wrong
type (a ``title`` that is a list, a ``published`` date that does not exist) is dropped with a
warning and the document kept. A file that is not UTF-8 text at all (UTF-16, binary) is rejected
once, not line by line.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from strikewatch.ingest.dates import parse_date
from strikewatch.ingest.documents import make_document
from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document

log = logging.getLogger(__name__)

MAX_LINE_BYTES = 20_000_000
_WIDE_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_METADATA = ("title", "url", "source")


def _not_utf8(head: bytes) -> str | None:
    for bom, name in _WIDE_BOMS.items():
        if head.startswith(bom):
            return f"JSON Lines must be UTF-8, this file is {name}: convert it (iconv -f {name} -t UTF-8)"
    if b"\x00" in head:
        return "binary file (NUL bytes), not JSON Lines"
    return None


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Yield the file's lines; a line over ``max_bytes`` is skipped to its end and yielded as None."""
    while raw := handle.readline(max_bytes + 1):
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def _document(obj: dict[str, object], where: str, published: date | None) -> Document | Rejected:
    raw_id = obj.get("id")
    doc_id = None if raw_id is None else str(raw_id)
    text = obj.get("text")
    if not isinstance(text, str):
        return Rejected(doc_id or where, f"{where}: the document has no 'text' string")
    for name in _METADATA:
        if obj.get(name) is not None and not isinstance(obj.get(name), str):
            log.warning("%s: '%s' is %s, not a string: left out", where, name, type(obj[name]).__name__)
    when = parse_date(obj.get("published"))
    if when is None and obj.get("published") not in (None, ""):
        log.warning("%s: 'published' %r is not an ISO date: left out", where, obj["published"])
    return make_document(
        where,
        doc_id=doc_id,
        text=text,
        published=when or published,
        title=obj.get("title"),
        url=obj.get("url"),
        source=obj.get("source"),
    )


def read_jsonl(
    path: Path, published: date | None = None, *, max_bytes: int = MAX_LINE_BYTES
) -> Iterator[Document | Rejected]:
    """Yield one document per JSON line of ``path``; a bad line becomes a :class:`Rejected` naming it."""
    with path.open("rb") as handle:
        problem = _not_utf8(handle.read(8192))
        if problem:
            yield Rejected(str(path), f"{path}: {problem}")
            return
        handle.seek(0)
        found = False
        for number, raw in enumerate(_lines(handle, max_bytes), 1):
            where = f"{path}:{number}"
            if raw is None:
                found = True
                yield Rejected(where, f"{where}: too large: a line of over {max_bytes:,} bytes; split the document")
                continue
            if not raw.strip():
                continue
            found = True
            try:
                obj = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except ValueError as exc:  # undecodable bytes, bad JSON, an integer of over 4,300 digits
                yield Rejected(where, f"{where}: not a JSON line: {exc}")
                continue
            except RecursionError:
                yield Rejected(where, f"{where}: not a JSON line: nested too deeply")
                continue
            if not isinstance(obj, dict):
                yield Rejected(where, f"{where}: a document must be a JSON object, not {type(obj).__name__}")
                continue
            yield _document(obj, where, published)
        if not found:
            yield Rejected(str(path), f"{path}: no documents: the file is empty")
