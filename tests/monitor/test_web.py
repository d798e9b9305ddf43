"""The Atom feed of a watch's alerts, served by the router mounted on a bare FastAPI app under uvicorn."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest

from strikewatch.filters import EventFilter
from strikewatch.monitor.alerts import evaluate_watches
from strikewatch.monitor.atom import ATOM, atom_feed
from strikewatch.monitor.watches import add_watch
from strikewatch.store import Store

from .stored import store_report

HOSTILE = 'On 3 May 2020, jets struck Saraqib <script>alert("x")</script> & killed 4, activists said.'
NS = {"a": ATOM}


@pytest.fixture
def desk(db_url: str) -> Iterator[str]:
    """The base URL of a bare FastAPI app with the alerts router, served by uvicorn on a free port."""
    import uvicorn
    from fastapi import FastAPI

    from strikewatch.monitor.web import alerts_router

    app = FastAPI()
    app.include_router(alerts_router(db_url, public_url="https://desk.example"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _alerts(store: Store) -> list[str]:
    add_watch(store, "saraqib", EventFilter(admin1="Idleb"))
    first = store_report(store, HOSTILE, url="https://news.example/a")
    evaluate_watches(store, public_url="https://desk.example")
    second = store_report(store, "A second strike on Saraqib killed 2, the monitor said.", url="javascript:alert(2)")
    evaluate_watches(store, public_url="https://desk.example")
    return [first, second]


def test_web_atom_feed_lists_each_alert_once_with_why(store: Store, db_url: str, desk: str) -> None:
    first, second = _alerts(store)
    with urllib.request.urlopen(f"{desk}/alerts/saraqib.atom", timeout=30) as response:
        assert response.headers["Content-Type"].startswith("application/atom+xml")
        body = response.read()
    root = ET.fromstring(body)
    assert root.tag == f"{{{ATOM}}}feed"
    assert root.find("a:link[@rel='self']", NS).get("href") == "https://desk.example/alerts/saraqib.atom"
    entries = root.findall("a:entry", NS)
    assert len(entries) == 2 and len({e.find("a:id", NS).text for e in entries}) == 2
    newest, oldest = entries
    assert newest.find("a:link", NS).get("href") == f"https://desk.example/events/{second}"
    assert oldest.find("a:link", NS).get("href") == f"https://desk.example/events/{first}"
    assert oldest.find("a:summary", NS).text == "each new event matching admin1 Idleb"
    content = oldest.find("a:content", NS)
    assert content.get("type") == "html"
    html = content.text or ""
    assert "<script>" not in html and "&lt;script&gt;" in html  # the evidence is shown, never run
    assert '<a href="https://news.example/a">' in html and "admin1 is Idleb" in html
    assert "javascript:" not in (newest.find("a:content", NS).text or "")
    import feedparser

    parsed = feedparser.parse(body)
    assert not parsed.bozo and [e.title for e in parsed.entries] == ["saraqib: 1 new event (admin1 Idleb)"] * 2


def test_web_unknown_watch_is_404(desk: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(f"{desk}/alerts/nobody.atom", timeout=30)
    assert raised.value.code == 404 and b"alerts list" in raised.value.read()


def test_web_feed_of_a_quiet_watch_is_valid_and_empty(store: Store) -> None:
    add_watch(store, "quiet", EventFilter(admin1="Raqqa"))
    root = ET.fromstring(atom_feed(store, "quiet", public_url="https://d.example"))
    assert root.findall("a:entry", NS) == [] and root.find("a:updated", NS).text.endswith("Z")
    assert root.find("a:subtitle", NS).text == "match: admin1 Raqqa"
