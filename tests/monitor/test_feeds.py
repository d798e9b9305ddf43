"""Polling feeds politely: conditional requests, each item once, failures that back off."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from strikewatch.errors import ConfigError, NotFound
from strikewatch.monitor.feeds import (
    add_feed,
    backoff,
    due_feeds,
    format_interval,
    list_feeds,
    parse_interval,
    poll_feed,
    remove_feed,
)
from strikewatch.monitor.scheduler import run_pass
from strikewatch.monitor.tables import FEEDS, ITEMS
from strikewatch.store import Store
from strikewatch.store.repo import DOCUMENTS

from .servers import FeedSite, Route, rss

STRIKE = "On 3 May 2020, Russian warplanes struck the town of Saraqib in eastern Idleb, killing 4 civilians."
SHELLING = "On 5 May 2020, government forces shelled Ariha in Idleb countryside, wounding two people."
OTHER = "On 6 May 2020, a roadside bomb exploded near Daraa, killing a soldier, the monitor said."


def _poll(store: Store, name: str, **options: object):  # type: ignore[no-untyped-def]
    (feed,) = [f for f in list_feeds(store) if f.name == name]
    return poll_feed(store, feed, timeout=options.get("timeout", 5.0), max_bytes=options.get("max_bytes", 100_000))


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("90s", 90), ("600", 600), ("1h30m", 5400), ("2d", 172_800), (" 1H ", 3600)]
)
def test_feeds_parse_interval(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds
    assert parse_interval(format_interval(seconds)) == seconds


@pytest.mark.parametrize("text", ["", "0", "fast", "15 minutes", "-5m", "1w"])
def test_feeds_parse_interval_refuses(text: str) -> None:
    with pytest.raises(ConfigError, match="interval"):
        parse_interval(text)


def test_feeds_add_list_remove(store: Store) -> None:
    first = add_feed(store, "https://news.example.org/rss", 900)
    second = add_feed(store, "https://news.example.org/other.xml", 60)
    named = add_feed(store, "http://127.0.0.1:9/feed", 30, name="local")
    assert (first.name, second.name, named.name) == ("news.example.org", "news.example.org-2", "local")
    with pytest.raises(ConfigError, match="already watched as 'local'"):
        add_feed(store, "http://127.0.0.1:9/feed", 30)
    with pytest.raises(ConfigError, match="not an http"):
        add_feed(store, "javascript:alert(1)", 30)
    with pytest.raises(ConfigError, match="exists already"):
        add_feed(store, "https://x.example/feed", 30, name="local")
    assert [f.name for f in list_feeds(store)] == ["local", "news.example.org", "news.example.org-2"]
    assert remove_feed(store, "https://news.example.org/rss").name == "news.example.org"
    with pytest.raises(NotFound, match="watch list"):
        remove_feed(store, "news.example.org")
    assert [f.name for f in list_feeds(store)] == ["local", "news.example.org-2"]


def test_feeds_poll_ingests_each_item_once_and_asks_conditionally(store: Store) -> None:
    with FeedSite() as site:
        items = [{"guid": "a", "text": STRIKE, "title": "Saraqib"}, {"link": "https://n.example/b", "text": SHELLING}]
        site.routes["/rss"] = Route(rss(items), etag='"v1"', last_modified="Sun, 03 May 2020 10:00:00 GMT")
        add_feed(store, site.url("/rss"), 60, name="local")

        first = _poll(store, "local")
        assert (first.status, first.entries, first.new_items, first.new_documents) == ("new", 2, 2, 2)
        assert first.events >= 2
        assert "if-none-match" not in site.hits("/rss")[0]

        again = _poll(store, "local")
        assert again.status == "not modified" and again.new_items == 0
        assert site.hits("/rss")[1]["if-none-match"] == '"v1"'
        assert site.hits("/rss")[1]["if-modified-since"] == "Sun, 03 May 2020 10:00:00 GMT"

        # the feed changes: one item added, one kept; only the new one is ingested
        site.routes["/rss"] = Route(rss([{"guid": "c", "text": OTHER}, *items]), etag='"v2"')
        changed = _poll(store, "local")
        assert (changed.status, changed.entries, changed.new_items, changed.new_documents) == ("new", 3, 1, 1)

        # a server that ignores validators answers in full: nothing is new
        site.routes["/rss"] = Route(rss([{"guid": "c", "text": OTHER}, *items]))
        assert _poll(store, "local").status == "unchanged"
    assert store.table_count(DOCUMENTS) == 3 and store.table_count(ITEMS) == 3
    (feed,) = list_feeds(store)
    assert feed.items == 3 and feed.failures == 0 and feed.etag is None


def test_feeds_entry_without_link_or_guid_is_keyed_by_text(store: Store) -> None:
    with FeedSite() as site:
        site.routes["/rss"] = Route(rss([{"text": STRIKE}]))
        add_feed(store, site.url("/rss"), 60, name="bare")
        assert _poll(store, "bare").new_items == 1
        # a new entry in front shifts positions; the old one is still recognised by its text
        site.routes["/rss"] = Route(rss([{"text": SHELLING}, {"text": STRIKE}]))
        assert _poll(store, "bare").new_items == 1
    assert store.table_count(DOCUMENTS) == 2


def test_feeds_entry_without_text_is_quarantined_once(store: Store) -> None:
    with FeedSite() as site:
        site.routes["/rss"] = Route(
            rss([{"guid": "empty", "text": "", "title": "Empty"}, {"guid": "a", "text": STRIKE}])
        )
        add_feed(store, site.url("/rss"), 60, name="local")
        first = _poll(store, "local")
        assert first.quarantined == 1 and first.new_documents == 1
        assert _poll(store, "local").new_items == 0
    (reason,) = [row["reason"] for row in store.status()["quarantine"]]
    assert reason.endswith(f"{site.url('/rss')}: entry 1 (Empty) has no text")


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(status=500), "HTTP 500"),
        (Route(status=404), "HTTP 404"),
        (Route(b"<rss><channel><item><title>cut off", content_type="application/xml"), "malformed feed"),
        (Route(b"\x00\x01binary\xff" * 10), "malformed feed"),
        (Route(rss([{"guid": "a", "text": STRIKE}, {"guid": "b", "text": SHELLING}])[:-60]), "cut short"),
        (Route(rss([{"guid": "a", "text": STRIKE}]) * 100), "too large"),
        (Route(rss([{"guid": "a", "text": STRIKE}]), chunk_delay=0.2), "timed out"),
    ],
    ids=["500", "404", "malformed-xml", "binary", "truncated", "oversized", "slow-body"],
)
def test_feeds_broken_feed_is_recorded_and_backs_off(store: Store, route: Route, reason: str) -> None:
    with FeedSite() as site:
        site.routes["/rss"] = route
        add_feed(store, site.url("/rss"), 60, name="broken")
        result = _poll(store, "broken", timeout=1.5, max_bytes=20_000)
        assert result.status == "failed" and reason in (result.error or "") and result.retry_in == 120
        second = _poll(store, "broken", timeout=1.5, max_bytes=20_000)
        assert second.retry_in == 240
    (feed,) = list_feeds(store)
    assert feed.failures == 2 and reason in (feed.last_error or "")
    assert feed.next_poll_at - feed.polled_at == timedelta(seconds=240)
    assert store.table_count(DOCUMENTS) == 0 and store.table_count(ITEMS) == 0


def test_feeds_sloppy_but_complete_feed_is_read(store: Store) -> None:
    body = rss([{"guid": "a", "text": STRIKE}]).replace(b"<title>Local monitor</title>", b"<title>News & views</title>")
    with FeedSite() as site:
        site.routes["/rss"] = Route(body)
        add_feed(store, site.url("/rss"), 60, name="sloppy")
        assert _poll(store, "sloppy").new_items == 1


def test_feeds_retry_after_and_recovery(store: Store) -> None:
    with FeedSite() as site:
        site.routes["/rss"] = Route(status=503, retry_after="3600")
        add_feed(store, site.url("/rss"), 60, name="busy")
        assert _poll(store, "busy").retry_in == 3600
        site.routes["/rss"] = Route(rss([{"guid": "a", "text": STRIKE}]))
        assert _poll(store, "busy").status == "new"
    (feed,) = list_feeds(store)
    assert feed.failures == 0 and feed.last_error is None and feed.ok_at == feed.polled_at


def test_feeds_backoff_doubles_up_to_a_day() -> None:
    assert [backoff(900, n) for n in (1, 2, 3)] == [1800, 3600, 7200]
    assert backoff(900, 30) == 86_400 and backoff(3 * 86_400, 5) == 3 * 86_400
    assert backoff(60, 1, retry_after=600) == 600


def test_feeds_broken_feed_does_not_stop_the_others(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    with FeedSite() as site:
        site.routes["/good"] = Route(rss([{"guid": "a", "text": STRIKE}]))
        site.routes["/bad"] = Route(status=500)
        add_feed(store, site.url("/bad"), 60, name="a-bad")  # polled first
        add_feed(store, site.url("/good"), 60, name="b-good")
        with caplog.at_level(logging.WARNING, logger="strikewatch.monitor.feeds"):
            report = run_pass(store, mode="fast", all_feeds=True)
    assert [(p.feed, p.status) for p in report.polls] == [("a-bad", "failed"), ("b-good", "new")]
    assert any(
        "a-bad" in r.message and "HTTP 500" in r.message and "retrying in 120 s" in r.message for r in caplog.records
    )
    assert store.table_count(DOCUMENTS) == 1


def test_feeds_due_respects_schedule_and_backoff(store: Store) -> None:
    add_feed(store, "https://a.example/rss", 60, name="fresh")
    add_feed(store, "https://b.example/rss", 60, name="backing-off")
    later = list_feeds(store)[0].created_at + timedelta(hours=1)
    with store.engine.begin() as conn:
        conn.execute(update(FEEDS).values(next_poll_at=later))
        conn.execute(update(FEEDS).where(FEEDS.c.name == "backing-off").values(failures=3))
    now = list_feeds(store)[0].created_at + timedelta(seconds=1)
    assert due_feeds(store, now) == []
    assert [f.name for f in due_feeds(store, now, all_feeds=True)] == ["fresh"]
    assert {f.name for f in due_feeds(store, later)} == {"fresh", "backing-off"}
    with store.engine.connect() as conn:
        assert conn.execute(select(FEEDS.c.failures).where(FEEDS.c.name == "fresh")).scalar() == 0
