"""Real local servers for the monitoring tests: a feed site, a webhook receiver, an SMTP server.

The feed site serves RSS whose content, status and speed a test changes between polls, and
answers conditional requests with 304; the webhook receiver records every POST and can fail or
hold its answer; the SMTP server is aiosmtpd's, keeping what it receives.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape


def rss(items: list[dict[str, str]], title: str = "Local monitor") -> bytes:
    """Return an RSS 2.0 feed of ``items`` (each with ``text`` and optional ``guid``, ``link``, ``title``, ``date``)."""
    entries = []
    for item in items:
        parts = [f"<title>{escape(item.get('title', 'Report'))}</title>"]
        if "link" in item:
            parts.append(f"<link>{escape(item['link'])}</link>")
        if "guid" in item:
            parts.append(f'<guid isPermaLink="false">{escape(item["guid"])}</guid>')
        if "date" in item:
            parts.append(f"<pubDate>{item['date']}</pubDate>")
        parts.append(f"<description>{escape(item['text'])}</description>")
        entries.append("<item>" + "".join(parts) + "</item>")
    body = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
    return (body + "".join(entries) + "</channel></rss>").encode("utf-8")


@dataclass
class Route:
    """What the feed site answers at one path."""

    body: bytes = b""
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    chunk_delay: float = 0.0  # seconds between 16-byte chunks of the body: a slow server
    retry_after: str | None = None
    content_type: str = "application/rss+xml"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class _Base:
    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        handler.owner = self  # type: ignore[attr-defined]
        self.server = _Server(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Any:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        """Return the address of ``path`` on this server."""
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


class _FeedHandler(BaseHTTPRequestHandler):
    owner: FeedSite

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        site = self.owner
        route = site.routes.get(self.path)
        with site.lock:
            site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            site.times.append((self.path, time.monotonic()))
        if route is None:
            self.send_error(404)
            return
        if route.status != 200:
            self.send_response(route.status)
            if route.retry_after:
                self.send_header("Retry-After", route.retry_after)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        matches = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
        )
        if matches:
            self.send_response(304)
            self.end_headers()
            site.answered(self.path, 304)
            return
        self.send_response(200)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(route.body)))
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        self.end_headers()
        try:
            if route.chunk_delay:
                for start in range(0, len(route.body), 16):
                    self.wfile.write(route.body[start : start + 16])
                    self.wfile.flush()
                    time.sleep(route.chunk_delay)
            else:
                self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            return
        site.answered(self.path, 200)


class FeedSite(_Base):
    """A local HTTP server of feeds: set what each path answers, read what was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.answers: list[tuple[str, int]] = []
        self.times: list[tuple[str, float]] = []
        self.lock = threading.Lock()
        self.served = threading.Condition(self.lock)
        super().__init__(_FeedHandler)

    def answered(self, path: str, status: int) -> None:
        """Record that ``path`` was answered in full with ``status``."""
        with self.served:
            self.answers.append((path, status))
            self.served.notify_all()

    def wait_answered(self, path: str, count: int = 1, timeout: float = 60.0) -> bool:
        """Wait until ``path`` was answered in full ``count`` times."""
        with self.served:
            return self.served.wait_for(lambda: sum(p == path for p, _ in self.answers) >= count, timeout)

    def hit_times(self, path: str) -> list[float]:
        """Return when each request for ``path`` arrived (``time.monotonic``)."""
        with self.lock:
            return [at for p, at in self.times if p == path]

    def hits(self, path: str) -> list[dict[str, str]]:
        """Return the headers of every request for ``path``."""
        with self.lock:
            return [headers for p, headers in self.requests if p == path]


class _HookHandler(BaseHTTPRequestHandler):
    owner: WebhookReceiver

    def log_message(self, *_args: object) -> None:
        pass

    def do_POST(self) -> None:
        receiver = self.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        post = {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": json.loads(body), "raw": body}
        with receiver.lock:
            receiver.posts.append(post)
            mode = receiver.mode
            receiver.arrived.notify_all()
        if mode == "hold":  # received, but the sender is kept waiting for the answer
            receiver.release.wait(120)
        status = 500 if mode == "error" else 200
        try:
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")
        except (BrokenPipeError, ConnectionResetError):
            pass


class WebhookReceiver(_Base):
    """A local webhook endpoint recording each POST; ``mode`` is ``ok``, ``error`` (HTTP 500) or ``hold``."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.mode = "ok"
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        self.release = threading.Event()
        super().__init__(_HookHandler)

    def wait_posts(self, count: int, timeout: float = 60.0) -> bool:
        """Wait until ``count`` POSTs have arrived."""
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.posts) >= count, timeout)

    def keys(self) -> list[str]:
        """Return the ``Idempotency-Key`` of each POST, in arrival order."""
        with self.lock:
            return [post["headers"].get("idempotency-key", "") for post in self.posts]


@dataclass
class Mailbox:
    """What the local SMTP server received."""

    messages: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        """Keep the message (aiosmtpd handler hook)."""
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"
