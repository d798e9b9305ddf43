"""Coarse shards of documents on disk, named by a hash of their content and written atomically.

A shard is a JSON Lines file of a few thousand documents (at most :data:`SHARD_BYTES`). Its key
hashes its lines together with the extraction mode and a fingerprint of the code and gazetteer
that will read it, so the same input under the same pipeline always gets the same key. A file
exists under its final name only once it is complete (written to a temporary file in the same
folder, then renamed), so a run can skip every shard whose output is there: a retried task, or
the next run after an interruption, redoes only what is missing.

The last documents of the input are cut into smaller shards, so that no worker is left with a
long shard while the others idle.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document

#: Documents per shard: a few seconds of work on one core, a few MB of text.
SHARD_DOCS = 2000
#: Largest shard, in bytes of its input lines (long articles fill a shard before SHARD_DOCS do).
SHARD_BYTES = 16_000_000
PACKAGE = Path(__file__).resolve().parents[1]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file appears whole or not at all."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def code_fingerprint() -> str:
    """Return a hash of strikewatch's code and bundled data (what decides what extraction gives)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix != ".pyc" and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def pipeline_fingerprint(mode: str) -> str:
    """Return what a shard's key depends on besides its documents: mode, code and gazetteer generation.

    The gazetteer database is built here when it is missing, so that workers never build it at once.
    """
    from strikewatch.geo.gazetteer import open_store

    store = open_store()
    try:
        generation = store.generation
    finally:
        store.close()
    return f"{mode}:{code_fingerprint()}:{generation}"


def document_line(item: Document | Rejected) -> str:
    """Return the shard line of one input: a document, or the reason an input was rejected."""
    if isinstance(item, Rejected):
        record: dict[str, Any] = {"id": item.id, "rejected": item.reason}
    else:
        published = item.published.isoformat() if item.published else None
        record = {"id": item.id, "text": item.text, "published": published}
        record.update(title=item.title, url=item.url, source=item.source)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def read_shard(path: Path) -> Iterator[Document | Rejected]:
    """Yield the inputs of a shard file, in order."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "rejected" in record:
                yield Rejected(record["id"], record["rejected"])
                continue
            published = date.fromisoformat(record["published"]) if record["published"] else None
            yield Document(record["id"], record["text"], published, record["title"], record["url"], record["source"])


@dataclass(slots=True)
class Shard:
    """One shard: its key, its place in the input, its input file, and what it holds.

    ``tags`` carries, in input order, what the caller attached to each of its inputs (for ingest:
    the content ids of the documents whose incidents are linked after this shard is stored), also
    for inputs that are not in the file. A shard without lines has no file (``path`` is None).
    """

    index: int
    key: str
    path: Path | None
    lines: int
    tags: list[Any] = field(default_factory=list)

    def output(self, kind: str) -> Path | None:
        """Return where the output of this shard for ``kind`` (``extract``, ``ingest``) goes."""
        return None if self.path is None else self.path.with_name(f"{self.key}.{kind}.jsonl")


@dataclass(slots=True)
class _Part:
    entries: list[tuple[str | None, Any]] = field(default_factory=list)
    lines: int = 0
    size: int = 0

    def add(self, line: str | None, tag: Any) -> None:
        self.entries.append((line, tag))
        if line is not None:
            self.lines += 1
            self.size += len(line) + 1


class ShardWriter:
    """Cut a stream of lines into shard files in ``work_dir`` (see the module's docstring).

    ``lookahead`` full shards are held back until the input ends or more follows, so that the
    last of the input can be cut finer (into about ``2 * lookahead`` parts).
    """

    def __init__(
        self,
        work_dir: Path,
        fingerprint: str,
        *,
        lookahead: int = 2,
        shard_docs: int = SHARD_DOCS,
        shard_bytes: int = SHARD_BYTES,
    ) -> None:
        self.work_dir = work_dir
        self.fingerprint = fingerprint
        self.lookahead = max(1, lookahead)
        self.shard_docs = max(1, shard_docs)
        self.shard_bytes = shard_bytes
        self.written: list[Path] = []
        self._index = 0
        work_dir.mkdir(parents=True, exist_ok=True)

    def shards(self, entries: Iterable[tuple[str | None, Any]]) -> Iterator[Shard]:
        """Yield the shards of ``entries`` (a line, or None for an input that is only tagged; and a tag)."""
        held: list[_Part] = [_Part()]
        for line, tag in entries:
            current = held[-1]
            if (
                line is not None
                and current.lines
                and (current.lines >= self.shard_docs or current.size + len(line) > self.shard_bytes)
            ):
                held.append(current := _Part())
                if len(held) > self.lookahead + 1:
                    yield self._write(held.pop(0))
            current.add(line, tag)
        yield from (self._write(part) for part in self._split_tail(held))

    def _split_tail(self, held: list[_Part]) -> list[_Part]:
        entries = [entry for part in held for entry in part.entries]
        lines = sum(part.lines for part in held)
        pieces = min(max(lines, 1), 2 * self.lookahead)
        target = -(-lines // pieces)  # ceiling: the first parts are full, the last one takes the rest
        parts = [_Part()]
        for line, tag in entries:
            if line is not None and parts[-1].lines >= target:
                parts.append(_Part())
            parts[-1].add(line, tag)
        return [part for part in parts if part.entries]

    def _write(self, part: _Part) -> Shard:
        index, self._index = self._index, self._index + 1
        tags = [tag for _, tag in part.entries]
        if not part.lines:
            return Shard(index, f"empty-{index}", None, 0, tags)
        data = "".join(line + "\n" for line, _ in part.entries if line is not None).encode("utf-8")
        key = hashlib.sha256(self.fingerprint.encode() + b"\n" + data).hexdigest()[:32]
        path = self.work_dir / f"{key}.in.jsonl"
        if not path.exists():
            write_atomic(path, data)
        self.written.append(path)
        return Shard(index, key, path, part.lines, tags)
