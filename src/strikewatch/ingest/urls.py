"""Fetch web pages and feeds over HTTP(S) into documents.

A fetcher is one function ``(url) -> (body, content type)`` (:data:`Fetcher`); the default,
:func:`fetch`, uses the standard library with a timeout and a size limit, and refuses anything but
``http``/``https``. :func:`fetch_response` is the same request with extra headers (conditional
GETs) and the status and headers of the answer. Tests serve pages from a local server.
"""

from __future__ import annotations

import http.client
import logging
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import partial
from pathlib import Path
from typing import Any

from strikewatch import __version__
from strikewatch.errors import FetchError, IngestError
from strikewatch.ingest.documents import make_document
from strikewatch.ingest.feeds import feed_documents
from strikewatch.ingest.html import html_text
from strikewatch.ingest.pdf import pdf_text
from strikewatch.ingest.rejected import Rejected
from strikewatch.ingest.text import decode
from strikewatch.model import Document

log = logging.getLogger(__name__)
Fetcher = Callable[[str], tuple[bytes, str]]
USER_AGENT = f"strikewatch/{__version__} (+https://github.com/strikewatch)"


@dataclass(frozen=True, slots=True)
class Response:
    """What a URL answered: status (200-299, or 304 Not Modified to a conditional request), body, headers."""

    status: int
    body: bytes
    kind: str
    headers: dict[str, str]  # lower-cased names


def _retry_after(value: str | None) -> float | None:
    """Return the seconds a ``Retry-After`` header asks to wait (a number or an HTTP date), else None."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds()) if when.tzinfo else None


def _read_body(response: Any, url: str, deadline: float, timeout: float, max_bytes: int) -> bytes:
    # read1 returns what has arrived, so a body that trickles in slowly is cut off at the deadline
    # instead of holding the poller for as long as the server keeps sending
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"{url}: too large (over {max_bytes:,} bytes)")
        if time.monotonic() > deadline:
            raise IngestError(f"{url}: timed out after {timeout:g} s (the body arrived too slowly)")
    return b"".join(chunks)


def fetch_response(url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str] | None = None) -> Response:
    """Return what ``url`` answers to a GET with ``headers`` (raises :class:`IngestError` on failure).

    ``timeout`` bounds each network wait and, roughly, the whole download; a body over
    ``max_bytes`` is refused. An HTTP error status raises :class:`FetchError` with the status and
    any ``Retry-After``; 304 (to ``If-None-Match``/``If-Modified-Since``) is returned, not raised.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise IngestError(f"{url}: only http and https URLs can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = _read_body(response, url, deadline, timeout, max_bytes)
            names = {name.lower(): value for name, value in response.headers.items()}
            return Response(response.status, body, response.headers.get_content_type(), names)
    except urllib.error.HTTPError as exc:
        names = {name.lower(): value for name, value in (exc.headers or {}).items()}
        if exc.code == 304:
            return Response(304, b"", "", names)
        wait = _retry_after(names.get("retry-after"))
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}", exc.code, wait) from exc
    except TimeoutError as exc:
        raise IngestError(f"{url}: timed out after {timeout:g} s") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise IngestError(f"{url}: timed out after {timeout:g} s") from exc
        raise IngestError(f"{url}: cannot fetch: {exc.reason}") from exc
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise IngestError(f"{url}: cannot fetch: {exc}") from exc


def fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """Return the body and content type at ``url`` (raises :class:`IngestError` on timeout, error or size)."""
    response = fetch_response(url, timeout=timeout, max_bytes=max_bytes)
    return response.body, response.kind


def default_fetcher(timeout: float, max_bytes: int) -> Fetcher:
    """Return :func:`fetch` bound to ``timeout`` and ``max_bytes``."""
    return partial(fetch, timeout=timeout, max_bytes=max_bytes)


def page_document(url: str, body: bytes, kind: str, published: date | None) -> Document | Rejected:
    """Return the document of a fetched page (HTML main text, PDF text or plain text), or why it is unusable."""
    if kind == "application/pdf" or body.startswith(b"%PDF"):
        text, title, when = pdf_text(body)
    elif kind in ("text/plain", "text/markdown"):
        text, title, when = decode(body), None, None
    else:
        text, title, when = html_text(decode(body), url)
    return make_document(url, doc_id=url, text=text, published=when or published, title=title, url=url)


def read_urls(urls: Iterable[str], fetcher: Fetcher, published: date | None = None) -> Iterator[Document | Rejected]:
    """Yield the document of each page at ``urls``, or why it could not be read."""
    for url in urls:
        try:
            body, kind = fetcher(url)
            yield page_document(url, body, kind, published)
        except IngestError as exc:
            reason = str(exc)
            yield Rejected(url, reason if reason.startswith(url) else f"{url}: {reason}")
        except Exception as exc:  # a parser's bug on a hostile page must cost this page, not the batch
            log.exception("unexpected error reading %s", url)
            yield Rejected(url, f"{url}: cannot read it: {type(exc).__name__}: {exc}")


def read_feed(url: str, fetcher: Fetcher, published: date | None = None) -> Iterator[Document | Rejected]:
    """Yield a document per entry of the feed at ``url``, or why it could not be read."""
    try:
        body, _kind = fetcher(url)
    except IngestError as exc:
        yield Rejected(url, str(exc))
        return
    yield from feed_documents(body, url, published)


def url_list(path: Path) -> list[str]:
    """Return the URLs listed in ``path``, one a line (blank lines and ``#`` comments skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"cannot read the URL list {path}: {exc}") from exc
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
