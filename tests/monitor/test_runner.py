"""`strikewatch watch run` as a real process: one webhook per new event, nothing twice, kills survived.

Each test runs the command line in a subprocess against a local feed site and a local webhook
receiver, and kills it (SIGKILL) at the points where a crash could lose an item or repeat an
alert: while the feed is downloading, after it was fetched but before anything was sent, and
after the webhook received the alert but before the runner recorded it.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from strikewatch.monitor.tables import ALERT_EVENTS, ALERTS, DELIVERIES, ITEMS
from strikewatch.store.repo import DOCUMENTS

from .servers import FeedSite, Route, WebhookReceiver, rss

CLI = [sys.executable, "-c", "from strikewatch.cli import app; app()"]
OUTSIDE = "On 2 May 2020, a car bomb exploded in Daraa city, killing three people, the monitor said."
STRIKE = "On 3 May 2020, Russian warplanes struck the town of Saraqib in eastern Idleb, killing 4 civilians."
SECOND = "On 4 May 2020, Syrian helicopters dropped barrel bombs on Ariha, killing two people, activists said."
BBOX = "36.0,35.0,37.5,36.5"


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(STRIKEWATCH_DB=f"sqlite:///{db}", STRIKEWATCH_PUBLIC_URL="https://desk.example", PYTHONUNBUFFERED="1")
    return env


def _cli(db: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*CLI, *args], env=_env(db), capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _start(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, "watch", "run", "--mode", "fast", *args],
        env=_env(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)


def _setup(db: Path, site: FeedSite, receiver: WebhookReceiver, every: str = "1m") -> None:
    _cli(db, "watch", "add-feed", site.url("/rss"), "--every", every, "--name", "local")
    hook = receiver.url("/hook")
    _cli(db, "alerts", "add", "--name", "idleb", "--bbox", BBOX, "--type", "Air/drone strike", "--webhook", hook)


def _table(db: Path, table) -> list:  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        rows = conn.execute(select(table)).all()
    engine.dispose()
    return rows


def test_runner_once_posts_one_webhook_naming_the_event_then_nothing(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with FeedSite() as site, WebhookReceiver() as receiver:
        site.routes["/rss"] = Route(rss([{"guid": "1", "text": OUTSIDE}]), etag='"1"')
        _setup(db, site, receiver)
        first = _cli(db, "watch", "run", "--once", "--mode", "fast")
        assert "new items 1" in first.stdout and receiver.posts == []  # outside the box: no alert

        site.routes["/rss"] = Route(rss([{"guid": "2", "text": STRIKE}, {"guid": "1", "text": OUTSIDE}]), etag='"2"')
        second = _cli(db, "watch", "run", "--once", "--mode", "fast")
        assert "new items 1" in second.stdout and "alerts 1, sent 1" in second.stdout
        assert len(receiver.posts) == 1
        third = _cli(db, "watch", "run", "--once", "--mode", "fast")
        assert site.hits("/rss")[-1]["if-none-match"] == '"2"' and site.answers[-1] == ("/rss", 304)
        assert "alerts 0, sent 0" in third.stdout
    (post,) = receiver.posts
    body = post["body"]
    (event,) = body["events"]
    assert body["watch"] == "idleb" and body["count"] == 1
    assert (
        event["location"] == "Saraqib" and event["admin1"] == "Idleb" and event["actor1"] == "Military Forces of Russia"
    )
    assert event["evidence"] == STRIKE and event["fatalities"] == 4
    assert event["link"] == f"https://desk.example/events/{event['id']}"
    assert any("inside bbox 36,35,37.5,36.5" in reason for reason in event["matched"])
    listed = _cli(db, "alerts", "list").stdout
    assert "idleb  (match)  bbox 36,35,37.5,36.5; type Air/drone strike" in listed and "alerts 1" in listed
    feed = _cli(db, "alerts", "feed", "idleb").stdout
    assert event["link"] in feed and "<entry>" in feed


@pytest.mark.parametrize("point", ["while-downloading", "after-fetch-before-send"])
def test_runner_killed_before_sending_loses_nothing_and_sends_once(tmp_path: Path, point: str) -> None:
    db = tmp_path / "store.db"
    with FeedSite() as site, WebhookReceiver() as receiver:
        body = rss([{"guid": "2", "text": STRIKE}, {"guid": "3", "text": SECOND}])
        site.routes["/rss"] = Route(body, etag='"2"', chunk_delay=0.05 if point == "while-downloading" else 0.0)
        _setup(db, site, receiver)
        runner = _start(db, "--once")
        if point == "while-downloading":
            deadline = time.monotonic() + 120
            while not site.hits("/rss") and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(0.3)
            assert not site.answers, "the download should still be under way"
        else:
            assert site.wait_answered("/rss", 1, timeout=120)
        _kill(runner)
        assert receiver.posts == [], "the runner was killed before it could send"
        assert [r for r in _table(db, ALERTS)] == []
        site.routes["/rss"].chunk_delay = 0.0
        _cli(db, "watch", "run", "--once", "--mode", "fast")
        _cli(db, "watch", "run", "--once", "--mode", "fast")
    assert len(receiver.posts) == 1
    assert sorted(e["evidence"] for e in receiver.posts[0]["body"]["events"]) == sorted([SECOND, STRIKE])
    assert len(_table(db, ITEMS)) == 2 and len(_table(db, DOCUMENTS)) == 2


def test_runner_killed_after_the_webhook_got_it_repeats_with_the_same_key(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with FeedSite() as site, WebhookReceiver() as receiver:
        site.routes["/rss"] = Route(rss([{"guid": "2", "text": STRIKE}]), etag='"2"')
        _setup(db, site, receiver)
        receiver.mode = "hold"  # the POST arrives; the answer does not, until the runner is dead
        runner = _start(db, "--once")
        assert receiver.wait_posts(1, timeout=120)
        _kill(runner)
        receiver.mode = "ok"
        receiver.release.set()
        (delivery,) = _table(db, DELIVERIES)
        assert delivery.state == "pending"  # the runner never learnt that it was delivered
        _cli(db, "watch", "run", "--once", "--mode", "fast")
        _cli(db, "watch", "run", "--once", "--mode", "fast")
    # at least once with a stable key: the receiver sees the same alert twice and can drop the repeat
    assert len(receiver.posts) == 2 and len(set(receiver.keys())) == 1
    assert receiver.posts[0]["raw"] == receiver.posts[1]["raw"]
    (alert,) = _table(db, ALERTS)
    assert receiver.keys()[0] == alert.id
    (delivery,) = _table(db, DELIVERIES)
    assert delivery.state == "sent" and delivery.attempts == 1


def test_runner_killed_at_any_moment_sends_each_alert_once_per_key(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    texts = [STRIKE, SECOND, "On 5 May 2020, Russian jets bombed Maarat al-Numan, killing six people, activists said."]
    with FeedSite() as site, WebhookReceiver() as receiver:
        site.routes["/rss"] = Route(rss([{"guid": "1", "text": texts[0]}]), etag='"1"')
        _setup(db, site, receiver, every="1s")
        for n, delay in enumerate([0.5, 2.0, 3.5, 5.0, 6.5, 8.0]):
            if n in (2, 4):  # the feed grows between runs
                site.routes["/rss"] = Route(rss([{"guid": str(i), "text": texts[i]} for i in range(n // 2 + 1)]))
            runner = _start(db)
            time.sleep(delay)
            _kill(runner)
        _cli(db, "watch", "run", "--once", "--mode", "fast")
    alerts = {alert.id: alert for alert in _table(db, ALERTS)}
    alerted = [row.event_id for row in _table(db, ALERT_EVENTS)]
    assert len(_table(db, DOCUMENTS)) == 3 and len(alerted) == len(set(alerted)) == 3  # no item lost, none twice
    assert set(receiver.keys()) == set(alerts)  # every alert arrived
    for post in receiver.posts:  # a repeat is the same alert, byte for byte
        assert post["body"] == {"id": post["body"]["id"], **alerts[post["body"]["id"]].payload}
    # a repeat needs a kill between a POST and its record: at most one per kill
    assert len(receiver.posts) - len(alerts) <= 6
    assert sorted(e["evidence"] for alert in alerts.values() for e in alert.payload["events"]) == sorted(texts)
    assert all(row.state == "sent" for row in _table(db, DELIVERIES))


def test_runner_survives_a_broken_feed_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with FeedSite() as site, WebhookReceiver() as receiver:
        site.routes["/rss"] = Route(rss([{"guid": "2", "text": STRIKE}]))
        site.routes["/broken"] = Route(status=500)
        _cli(db, "watch", "add-feed", site.url("/broken"), "--every", "1s", "--name", "broken")
        _setup(db, site, receiver, every="1s")
        runner = _start(db)
        assert receiver.wait_posts(1, timeout=120)
        deadline = time.monotonic() + 60
        while len(site.hit_times("/broken")) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        runner.send_signal(signal.SIGTERM)
        _out, err = runner.communicate(timeout=60)
        hits = site.hit_times("/broken")
    assert runner.returncode == 0, err
    assert "SIGTERM received" in err and "watching: stopped after" in err
    assert f"feed broken: {site.url('/broken')}: HTTP 500 Internal Server Error; retrying in 2 s (failure 1)" in err
    assert "retrying in 4 s (failure 2)" in err
    gaps = [b - a for a, b in itertools.pairwise(hits)]
    assert len(hits) >= 3 and gaps[0] >= 1.9 and gaps[1] >= 3.9  # backing off, 2 s then 4 s
    assert len(site.hit_times("/rss")) >= 3  # the good feed went on being polled every second
    assert len(receiver.posts) == 1
    listed = _cli(db, "watch", "list").stdout
    assert "failing (" in listed and "HTTP 500" in listed
