"""The local engine of extract: streamed, in input order, rejected input in its place, pool = one process."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest

from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document
from strikewatch.scale import check_engine, extract_to

NOTES = [
    "On 3 May 2020, Russian warplanes struck Kafr Nabl in Idleb, killing 4 civilians.",
    "On 2 May 2020, an IED exploded in Al-Bab, killing 2.",
    "The weather was mild and nothing happened.",
    "On 1 May 2020, Syrian regime forces shelled Maarat al-Numan.",
]


def _items() -> list[Document | Rejected]:
    items: list[Document | Rejected] = [Document(f"n{k}", text, date(2020, 5, 4)) for k, text in enumerate(NOTES)]
    items.insert(0, Rejected("first.bin", "first.bin: binary file"))
    items.insert(3, Rejected("mid.jsonl:7", "mid.jsonl:7: not a JSON line"))
    items.append(Document("empty", "   ", None))
    items.append(Rejected("last.txt", "last.txt: not UTF-8"))
    return items


def test_extract_to_keeps_input_order_and_rejected_inputs(fast_extractor: Any) -> None:
    out = io.StringIO()
    report = extract_to(iter(_items()), out, mode="fast")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == [item.id for item in _items()]
    for item, line in zip(_items(), lines, strict=True):
        if isinstance(item, Rejected):
            assert line == {"id": item.id, "events": [], "error": item.reason}
        else:
            assert line == fast_extractor.process(item).to_dict()
    assert report.documents == len(lines) and report.errors == 4  # 3 rejected, 1 empty document
    assert report.events == sum(len(line["events"]) for line in lines) >= 3


def test_extract_to_with_a_pool_writes_the_same_lines() -> None:
    items = _items() * 40  # several chunks per worker
    one, two = io.StringIO(), io.StringIO()
    ticks: list[int] = []
    extract_to(items, one, mode="fast")
    extract_to(iter(items), two, mode="fast", workers=2, progress=ticks.append)
    assert one.getvalue() == two.getvalue()
    assert sum(ticks) == len(items) and len(ticks) >= 2  # written in batches, not all at the end


def test_unknown_engine_is_refused() -> None:
    from strikewatch.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        check_engine("spark", "strikewatch extract")
