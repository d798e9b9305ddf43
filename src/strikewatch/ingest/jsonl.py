"""Read documents from JSON Lines files, the contract's input format."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from strikewatch.ingest.dates import parse_date
from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document


def read_jsonl(path: Path, published: date | None = None) -> Iterator[Document | Rejected]:
    """Yield one document per JSON line of ``path``; a bad line becomes a :class:`Rejected` naming it."""
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
