"""Feeds polled on a schedule: add, list and remove them, and poll one politely.

A poll sends the validators of the last good answer (``If-None-Match``/``If-Modified-Since``), so
an unchanged feed costs the server a 304; it waits at most the fetch timeout and reads at most
the size cap. A failed poll (network error, HTTP error, oversized or malformed feed) is retried
later and later: the feed's interval doubles with each consecutive failure, up to a day, or longer
if the server's ``Retry-After`` asks for it.

New items go through the ordinary ingest path (:func:`strikewatch.store.loader.load`). An item is
recorded as seen, together with the new validators, only after its document is stored: a poll cut
short anywhere fetches the same items again next time, and the loader's content ids make storing
them again a no-op, so nothing is lost and nothing is ingested twice.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from strikewatch.errors import ConfigError, FetchError, IngestError, NotFound, StoreError, StrikewatchError
from strikewatch.ingest.feeds import entry_documents
from strikewatch.ingest.rejected import Rejected
from strikewatch.ingest.urls import fetch_response
from strikewatch.links import safe_link
from strikewatch.model import Document
from strikewatch.monitor.tables import FEEDS, ITEMS
from strikewatch.store.audit import Changes, insert_ignore, now
from strikewatch.store.repo import Store
from strikewatch.store.schema import content_id

log = logging.getLogger(__name__)

#: The longest wait between two polls of a failing feed (unless its interval or Retry-After is longer).
MAX_BACKOFF = 86_400
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86_400}
_INTERVAL = re.compile(r"(\d+)\s*([smhd]?)")


def parse_interval(text: str) -> int:
    """Return the seconds of an interval such as ``15m``, ``1h30m``, ``90s``, ``2d`` or ``600``."""
    value = text.strip().lower()
    parts = _INTERVAL.findall(value)
    if not value or _INTERVAL.sub("", value).strip() or not parts:
        raise ConfigError(f"interval {text!r} is not understood: write e.g. 90s, 15m, 1h or 1d")
    seconds = sum(int(number) * _UNITS[unit or "s"] for number, unit in parts)
    if seconds < 1:
        raise ConfigError(f"interval {text!r} is zero: give at least one second")
    return seconds


def format_interval(seconds: int) -> str:
    """Return ``seconds`` the way :func:`parse_interval` reads it (``900`` -> ``15m``)."""
    out = []
    for unit, size in (("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            out.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(out) or "0s"


@dataclass(frozen=True, slots=True)
class Feed:
    """A watched feed and its polling state."""

    name: str
    url: str
    every_seconds: int
    created_at: datetime
    etag: str | None
    last_modified: str | None
    polled_at: datetime | None
    ok_at: datetime | None
    next_poll_at: datetime
    failures: int
    last_error: str | None
    items: int = 0


def _feed(row: Any, items: int = 0) -> Feed:
    return Feed(**{name: getattr(row, name) for name in FEEDS.columns.keys()}, items=items)  # noqa: SIM118


def _default_name(conn: Any, url: str) -> str:
    host = urlsplit(url).hostname or "feed"
    taken = set(conn.execute(select(FEEDS.c.name).where(FEEDS.c.name.like(f"{host}%"))).scalars())
    name, n = host, 1
    while name in taken:
        n += 1
        name = f"{host}-{n}"
    return name


def add_feed(store: Store, url: str, every_seconds: int, name: str | None = None) -> Feed:
    """Start watching the feed at ``url`` (http/https), polled every ``every_seconds``; its first poll is due now."""
    if safe_link(url) is None:
        raise ConfigError(f"{url!r} is not an http(s) URL: give the feed's full address")
    if name is not None and not name.strip():
        raise ConfigError("--name is empty: give the feed a name, or leave it out")
    at = now()
    changes = Changes("watch add-feed")
    try:
        with store.engine.begin() as conn:
            existing = conn.execute(select(FEEDS.c.name).where(FEEDS.c.url == url)).scalar()
            if existing is not None:
                raise ConfigError(f"{url} is already watched as {existing!r}")
            name = name.strip() if name else _default_name(conn, url)
            if conn.execute(select(FEEDS.c.name).where(FEEDS.c.name == name)).first() is not None:
                raise ConfigError(f"a feed named {name!r} exists already: choose another --name")
            values = {"name": name, "url": url, "every_seconds": every_seconds, "created_at": at}
            values |= {"etag": None, "last_modified": None, "polled_at": None, "ok_at": None}
            values |= {"next_poll_at": at, "failures": 0, "last_error": None}
            conn.execute(insert(FEEDS), values)
            changes.record("insert", "monitor_feeds", name, {"url": url, "every_seconds": every_seconds})
            changes.flush(conn)
            return _feed(conn.execute(select(FEEDS).where(FEEDS.c.name == name)).one())
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot add feed {url!r}: {exc}") from exc


def list_feeds(store: Store) -> list[Feed]:
    """Return every watched feed, by name, with the number of items seen."""
    with store.engine.connect() as conn:
        counts = dict(conn.execute(select(ITEMS.c.feed, func.count()).group_by(ITEMS.c.feed)).all())
        rows = conn.execute(select(FEEDS).order_by(FEEDS.c.name)).all()
    return [_feed(row, int(counts.get(row.name, 0))) for row in rows]


def remove_feed(store: Store, name_or_url: str) -> Feed:
    """Stop watching a feed (named or by URL) and forget its items; stored documents stay."""
    changes = Changes("watch remove")
    with store.engine.begin() as conn:
        row = conn.execute(select(FEEDS).where((FEEDS.c.name == name_or_url) | (FEEDS.c.url == name_or_url))).first()
        if row is None:
            raise NotFound(f"no watched feed is named {name_or_url!r}: see `strikewatch watch list`")
        conn.execute(delete(ITEMS).where(ITEMS.c.feed == row.name))
        conn.execute(delete(FEEDS).where(FEEDS.c.name == row.name))
        changes.record("delete", "monitor_feeds", row.name, {"url": row.url})
        changes.flush(conn)
    return _feed(row)


def due_feeds(store: Store, at: datetime, *, all_feeds: bool = False) -> list[Feed]:
    """Return the feeds to poll at ``at``: those due, or with ``all_feeds`` every one not backing off after errors."""
    condition = FEEDS.c.next_poll_at <= at
    if all_feeds:
        condition = condition | (FEEDS.c.failures == 0)
    with store.engine.connect() as conn:
        rows = conn.execute(select(FEEDS).where(condition).order_by(FEEDS.c.next_poll_at, FEEDS.c.name)).all()
    return [_feed(row) for row in rows]


def next_due(store: Store) -> datetime | None:
    """Return when the next feed is due, None if none is watched."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.min(FEEDS.c.next_poll_at))).scalar()


def item_key(item: Document | Rejected, feed_url: str) -> str:
    """Return the key an item of the feed at ``feed_url`` is remembered by: its link or guid, hashed.

    An entry with neither is named by its position (``<url>#3``), which shifts as the feed changes,
    so it is keyed by its text instead.
    """
    ident = item.id
    if ident.startswith(f"{feed_url}#") and isinstance(item, Document):
        ident = "text:" + content_id(item.text)
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of a feed did."""

    feed: str
    status: str  # new, unchanged, not modified or failed
    entries: int = 0
    new_items: int = 0
    new_documents: int = 0
    events: int = 0
    quarantined: int = 0
    error: str | None = None
    retry_in: float | None = None


def backoff(every_seconds: int, failures: int, retry_after: float | None = None) -> float:
    """Return the seconds to wait after ``failures`` consecutive failed polls: the interval doubled each time."""
    delay = min(every_seconds * 2.0**failures, max(MAX_BACKOFF, every_seconds))
    return max(delay, retry_after or 0.0)


def _fetch(feed: Feed, timeout: float, max_bytes: int) -> Any:
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return fetch_response(feed.url, timeout=timeout, max_bytes=max_bytes, headers=headers)


def poll_feed(store: Store, feed: Feed, *, timeout: float, max_bytes: int, mode: str = "auto") -> PollResult:
    """Poll ``feed`` once: fetch it (conditionally), ingest the items not seen before, record the outcome.

    Never raises for a problem of the feed itself: it is logged with its reason and the feed backs off.
    """
    import feedparser

    started = now()
    try:
        response = _fetch(feed, timeout, max_bytes)
        if response.status == 304:
            _record_success(store, feed, started, [], None)
            return PollResult(feed.name, "not modified")
        parsed = feedparser.parse(response.body)
        _check_parsed(feed, parsed, response.body)
        items = list(entry_documents(parsed, feed.url, started.date()))
        fresh = _unseen(store, feed, items)
        report = _ingest(store, [item for _, item in fresh], mode)
        validators = (response.headers.get("etag"), response.headers.get("last-modified"))
        _record_success(store, feed, started, fresh, validators)
    except StrikewatchError as exc:
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        return _record_failure(store, feed, started, str(exc), retry_after)
    except Exception as exc:  # one feed's unexpected failure must not stop the others
        log.exception("feed %s: unexpected error", feed.name)
        return _record_failure(store, feed, started, f"{feed.url}: {type(exc).__name__}: {exc}", None)
    status = "new" if fresh else "unchanged"
    return PollResult(
        feed.name, status, len(items), len(fresh), report.new, report.events, report.quarantined, None, None
    )


_CLOSING = re.compile(rb"</(?:[\w-]+:)?(?:rss|feed|RDF)>\s*$")


def _check_parsed(feed: Feed, parsed: Any, body: bytes) -> None:
    """Refuse a feed that is unusable or cut short; let a complete but sloppy one through, with a warning."""
    import xml.sax

    problem = parsed.get("bozo_exception")
    if not parsed.bozo:
        return
    if not parsed.entries:
        raise IngestError(f"{feed.url}: malformed feed: {problem}")
    if isinstance(problem, xml.sax.SAXException) and not _CLOSING.search(body[-512:]):
        # a truncated body parses loosely into entries cut short, which would then count as seen
        raise IngestError(f"{feed.url}: malformed feed (cut short?): {problem}")
    log.warning("feed %s: not well-formed (%s); its entries were read leniently", feed.name, problem)


def _unseen(store: Store, feed: Feed, items: list[Document | Rejected]) -> list[tuple[str, Document | Rejected]]:
    keyed: dict[str, Document | Rejected] = {}
    for item in items:
        keyed.setdefault(item_key(item, feed.url), item)
    with store.engine.connect() as conn:
        seen = set(
            conn.execute(select(ITEMS.c.key).where(ITEMS.c.feed == feed.name, ITEMS.c.key.in_(list(keyed)))).scalars()
        )
    return [(key, item) for key, item in keyed.items() if key not in seen]


def _ingest(store: Store, items: list[Document | Rejected], mode: str) -> Any:
    from strikewatch.store.loader import load

    return load(store, items, extract=True, mode=mode, origin="watch run")


def _record_success(
    store: Store,
    feed: Feed,
    at: datetime,
    fresh: list[tuple[str, Document | Rejected]],
    validators: tuple[str | None, str | None] | None,
) -> None:
    # the items and the validators are written together, after the documents: a crash before this
    # leaves the old validators, so the next poll is answered in full and finds the same items
    values: dict[str, Any] = {"polled_at": at, "ok_at": at, "failures": 0, "last_error": None}
    values["next_poll_at"] = at + timedelta(seconds=feed.every_seconds)
    if validators is not None:  # a 304 keeps the validators it confirmed
        values |= {"etag": validators[0], "last_modified": validators[1]}
    try:
        with store.engine.begin() as conn:
            for key, item in fresh:
                document_id = content_id(item.text) if isinstance(item, Document) else None
                row = {"feed": feed.name, "key": key, "ref": item.id, "document_id": document_id, "seen_at": at}
                insert_ignore(conn, ITEMS, row)
            conn.execute(update(FEEDS).where(FEEDS.c.name == feed.name).values(**values))
    except IntegrityError as exc:  # the feed was removed while it was being polled
        raise NotFound(f"feed {feed.name!r} was removed during its poll") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot record the poll of feed {feed.name!r}: {exc}") from exc
    if fresh:
        log.info("feed %s: %d new item(s)", feed.name, len(fresh))


def _record_failure(store: Store, feed: Feed, at: datetime, reason: str, retry_after: float | None) -> PollResult:
    failures = feed.failures + 1
    wait = backoff(feed.every_seconds, failures, retry_after)
    log.warning("feed %s: %s; retrying in %.0f s (failure %d)", feed.name, reason, wait, failures)
    values = {"polled_at": at, "failures": failures, "last_error": reason[:500]}
    values["next_poll_at"] = at + timedelta(seconds=wait)
    try:
        with store.engine.begin() as conn:
            conn.execute(update(FEEDS).where(FEEDS.c.name == feed.name).values(**values))
    except SQLAlchemyError as store_exc:
        log.error("feed %s: cannot record the failure: %s", feed.name, store_exc)
    return PollResult(feed.name, "failed", error=reason, retry_in=wait)
