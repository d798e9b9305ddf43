"""What the fuzz suite found, one case each: JSON Lines of any shape, broken PDFs, feeds, and storing it all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from strikewatch.ingest import Rejected, feed_documents, read_file
from strikewatch.ingest.documents import field_text, make_document, valid_unicode
from strikewatch.model import Document

REPORT = "On 9 March 2023, artillery shelled the market of Kafr Nabl in Idlib province, killing 2 civilians."


def _read(path: Path, **options: int) -> list[Document | Rejected]:
    return list(read_file(path, **options))  # type: ignore[arg-type]


def _jsonl(tmp_path: Path, *lines: str | bytes, name: str = "docs.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\n".join(line.encode("utf-8") if isinstance(line, str) else line for line in lines) + b"\n")
    return path


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"id": "n", "text": "x", "published": ' + "9" * 5000 + "}", "not a JSON line"),
        ("[1, 2]", "must be a JSON object, not list"),
        ('{"id": "t", "text": 42}', "no 'text' string"),
        ('{"id": "nul", "text": "a\\u0000b"}', "binary content"),
        ('{"id": "blank", "text": "   "}', "empty document"),
    ],
)
def test_jsonl_bad_line_is_rejected_naming_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = _jsonl(tmp_path, line, json.dumps({"id": "ok", "text": REPORT}))
    first, second = _read(path)
    assert isinstance(first, Rejected) and reason in first.reason and f"{path}:1" in first.reason
    assert isinstance(second, Document) and second.id == "ok"


def test_jsonl_metadata_of_the_wrong_type_is_dropped_and_the_text_kept(tmp_path: Path) -> None:
    line = {"id": 7, "text": REPORT, "title": ["a"], "url": 3, "source": {"x": 1}, "published": "2016-02-30"}
    (document,) = _read(_jsonl(tmp_path, json.dumps(line)))
    assert isinstance(document, Document)
    assert (document.id, document.title, document.url, document.source, document.published) == ("7", *[None] * 4)


def test_jsonl_invalid_unicode_and_nul_in_metadata_are_made_storable(tmp_path: Path) -> None:
    line = {"id": "a\u0000b", "text": REPORT[:20] + "\ud800" + REPORT[20:], "title": "t\u0000\udfff", "source": "s\n"}
    (document,) = _read(_jsonl(tmp_path, json.dumps(line)))
    assert isinstance(document, Document)
    assert document.text == REPORT[:20] + "\ufffd" + REPORT[20:]
    assert (document.id, document.title, document.source) == ("a b", "t \ufffd", "s")
    document.text.encode("utf-8")  # storable: raises on a lone surrogate


def test_jsonl_byte_order_mark_is_read_and_wide_encodings_rejected_once(tmp_path: Path) -> None:
    line = json.dumps({"id": "bom", "text": REPORT})
    (document,) = _read(_jsonl(tmp_path, "\ufeff" + line))
    assert isinstance(document, Document) and document.id == "bom"
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes((line + "\n" + line + "\n").encode("utf-16"))
    (rejected,) = _read(wide)
    assert isinstance(rejected, Rejected) and "must be UTF-8" in rejected.reason and str(wide) in rejected.reason


def test_jsonl_empty_file_is_named_and_a_too_long_line_skipped(tmp_path: Path) -> None:
    (empty,) = _read(_jsonl(tmp_path, "", name="empty.jsonl"))
    assert isinstance(empty, Rejected) and "no documents" in empty.reason
    path = _jsonl(tmp_path, json.dumps({"id": "big", "text": "x" * 5000}), json.dumps({"id": "ok", "text": REPORT}))
    first, second = _read(path, max_bytes=1000)
    assert isinstance(first, Rejected) and "too large" in first.reason and first.id == f"{path}:1"
    assert isinstance(second, Document) and second.id == "ok"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"[" * 20_000,
        b"%PDF-1.4\n" + bytes(range(256)) * 20,
        b"%PDF-1.4\n%%EOF",
    ],
)
def test_broken_pdf_is_rejected_with_its_reason(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    (rejected,) = _read(path)
    assert isinstance(rejected, Rejected) and rejected.reason.startswith(f"{path}: ")
    assert "cannot read it" not in rejected.reason, "a known failure, not the last-resort catch"


def test_feed_entry_without_text_is_named_briefly() -> None:
    feed = (
        b"<rss><channel><item><title>" + b"T" * 500 + b"</title><link>https://x.example/1</link></item></channel></rss>"
    )
    (rejected,) = feed_documents(feed, "feed.xml")
    assert isinstance(rejected, Rejected) and "entry 1" in rejected.reason and len(rejected.reason) < 150


def test_make_document_checks_text_where_the_input_is_known() -> None:
    rejected = make_document("inbox/a.txt", doc_id="a.txt", text="x" * 1_000_001)
    assert isinstance(rejected, Rejected) and rejected.reason.startswith("inbox/a.txt: document too large")
    assert field_text("  \x00 ") is None and field_text(5) is None and valid_unicode("a\udc80") == "a\ufffd"


def test_hostile_metadata_is_stored_on_each_backend(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    line = {
        "id": "x\u0000",
        "text": REPORT + " \ud83d",
        "title": "\u0000\ud800",
        "url": "javascript:\u0000",
        "source": 1,
    }
    (document,) = _read(_jsonl(tmp_path, json.dumps(line)))
    assert isinstance(document, Document)
    saved = store.save_document(document, events=[])
    assert saved.new_document
    assert store.documents([saved.id])[saved.id]["title"] == "\ufffd"
