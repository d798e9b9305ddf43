"""Shards: cut by documents and bytes, the tail cut finer, keyed by content, written whole or not at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document
from strikewatch.scale.shards import ShardWriter, document_line, read_shard, write_atomic


def _lines(count: int, size: int = 10) -> list[tuple[str | None, int]]:
    return [(document_line(Document(f"d{n}", "x" * size, date(2020, 5, 4))), n) for n in range(count)]


def test_shards_cut_by_documents_then_the_tail_finer(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path, "fast:code:gaz", lookahead=2, shard_docs=10)
    shards = list(writer.shards(_lines(95)))
    sizes = [shard.lines for shard in shards]
    assert sum(sizes) == 95
    # full shards while more input follows; the last 2 full shards and the rest go out in 4 smaller parts
    assert sizes[:7] == [10] * 7 and len(sizes) == 11 and max(sizes[7:]) < 10
    assert [shard.index for shard in shards] == list(range(11))
    assert [tag for shard in shards for tag in shard.tags] == list(range(95))


def test_shards_cut_by_bytes(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path, "f", lookahead=1, shard_docs=1000, shard_bytes=1000)
    shards = list(writer.shards(_lines(20, size=300)))
    assert all(shard.path is not None and shard.path.stat().st_size <= 1000 for shard in shards)
    assert sum(shard.lines for shard in shards) == 20


def test_shard_keys_hash_content_and_fingerprint(tmp_path: Path) -> None:
    first = [s.key for s in ShardWriter(tmp_path / "a", "fast:1", shard_docs=5).shards(_lines(30))]
    again = [s.key for s in ShardWriter(tmp_path / "b", "fast:1", shard_docs=5).shards(_lines(30))]
    other_code = [s.key for s in ShardWriter(tmp_path / "c", "fast:2", shard_docs=5).shards(_lines(30))]
    other_text = [s.key for s in ShardWriter(tmp_path / "d", "fast:1", shard_docs=5).shards(_lines(30, size=11))]
    assert first == again and len(set(first)) == len(first)
    assert not set(first) & set(other_code) and not set(first) & set(other_text)


def test_shard_round_trip_keeps_documents_and_rejected_input(tmp_path: Path) -> None:
    items: list[Document | Rejected] = [
        Document("a", "Jets struck the town.", date(2020, 5, 4), "T", "https://example.org/a", "Agency"),
        Rejected("bad.bin:3", "bad.bin:3: not a JSON line"),
        Document("b", "Shelling ’ نص", None),
    ]
    shards = list(ShardWriter(tmp_path, "f", lookahead=1).shards((document_line(item), None) for item in items))
    assert [item for shard in shards if shard.path for item in read_shard(shard.path)] == items


def test_tag_only_entries_make_a_shard_without_a_file(tmp_path: Path) -> None:
    shards = list(ShardWriter(tmp_path, "f").shards([(None, "id1"), (None, "id2")]))
    assert [(s.path, s.lines, s.tags) for s in shards] == [(None, 0, ["id1", "id2"])]
    assert shards[0].output("extract") is None and not list(tmp_path.iterdir())


def test_write_atomic_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"

    write_atomic(target, b"whole\n")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"whole\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
