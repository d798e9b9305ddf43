"""Benchmark the desk (``strikewatch serve``) over a million synthetic events, on SQLite and PostgreSQL.

    python benchmarks/serve.py                                   # SQLite, 1,000,000 events
    python benchmarks/serve.py --pg postgresql+psycopg://sw:sw@127.0.0.1:5432/postgres   # and PostgreSQL
    python benchmarks/serve.py --events 100000 --requests 50     # smaller, faster
    python benchmarks/serve.py --browser                         # also time the map view in Chromium

For each backend it bulk-loads the events (``benchmarks/store.py``'s generator), starts the real
server (``strikewatch serve``, uvicorn) on a loopback port in its own process, and prints:

- the time of the first request (the server builds its column index of the events);
- p50/p95 of ``GET /api/v1/events`` under typical filters (a page of 100 plus the total);
- p50/p95 of the map's aggregation call ``GET /api/v1/map`` at world, country and city zoom;
- requests/s with 8 concurrent clients (a bounded load generator: loopback only, a fixed number of
  requests each, a timeout on each);
- with ``--browser``: how long Debian's Chromium takes from opening the desk to the map drawn.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store import ADMIN1, DAYS, FIRST_DAY, TYPES, bulk_load, synthetic
from strikewatch.store import Store
from strikewatch.store.scratch import scratch_database
from strikewatch.store.tokens import create_token

CLIENTS = 8
YEAR = timedelta(days=365)
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def event_queries(rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    """Return one request of each typical filter of the event list."""
    first = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 90))
    last = first + timedelta(days=90)
    event_type, sub = rng.choice(TYPES)
    lat, lon = 32 + rng.random() * 4.5, 35.5 + rng.random() * 6
    return [
        ("latest page", {}),
        ("90 days + type", {"from": first, "to": last, "event_type": event_type}),
        ("90 days + admin1 + sub-type", {"from": first, "to": last, "admin1": rng.choice(ADMIN1), "event_type": sub}),
        ("country + year", {"country": "Syria", "from": first, "to": first + YEAR}),
        ("bbox + 90 days", {"bbox": f"{lon},{lat},{lon + 0.5},{lat + 0.5}", "from": first, "to": last}),
    ]


def map_queries(rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    """Return one map request at each zoom (the viewport's box and zoom, as the desk sends them)."""
    lat, lon = 32.2 + rng.random() * 4.5, 35.7 + rng.random() * 6
    return [
        ("world (zoom 2)", {"zoom": 2, "bbox": "-180,-85,180,85"}),
        ("country (zoom 6)", {"zoom": 6, "bbox": "35,32,40,37.5"}),  # most of the data, not all
        ("city (zoom 11)", {"zoom": 11, "bbox": f"{lon:.3f},{lat:.3f},{lon + 0.35:.3f},{lat + 0.2:.3f}"}),
        ("country, one year", {"zoom": 6, "bbox": "33,30,45,40", "from": FIRST_DAY, "to": FIRST_DAY + YEAR}),
    ]


def _params(values: dict[str, Any]) -> dict[str, str]:
    return {k: v.isoformat() if isinstance(v, date) else str(v) for k, v in values.items()}


def timings(client: httpx.Client, path: str, make: Any, count: int, seed: int) -> dict[str, list[float]]:
    """Return the request times in ms of each named query, ``count`` rounds."""
    rng = random.Random(seed)
    out: dict[str, list[float]] = {}
    for _ in range(count):
        for name, params in make(rng):
            start = time.perf_counter()
            answer = client.get(path, params=_params(params))
            elapsed = (time.perf_counter() - start) * 1000
            if answer.status_code != 200:
                raise SystemExit(f"{path} {params}: HTTP {answer.status_code} {answer.text[:200]}")
            out.setdefault(name, []).append(elapsed)
    return out


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def load_test(base: str, token: str, per_client: int) -> tuple[float, int]:
    """Return requests/s and failures of ``CLIENTS`` clients each sending ``per_client`` mixed requests."""
    failures = [0]
    lock = threading.Lock()

    def client_loop(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            for n in range(per_client):
                path, make = ("/api/v1/map", map_queries) if n % 2 else ("/api/v1/events", event_queries)
                _name, params = rng.choice(make(rng))
                if client.get(path, params=_params(params)).status_code != 200:
                    with lock:
                        failures[0] += 1

    threads = [threading.Thread(target=client_loop, args=(seed,)) for seed in range(CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return CLIENTS * per_client / (time.perf_counter() - start), failures[0]


def browser_ready(base: str, token: str) -> float:
    """Return seconds from opening the desk (signed in) to the map drawn, in Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 950})
        page.goto(f"{base}/login")
        page.fill("input[name=token]", token)
        page.click("button[type=submit]")
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        start = time.perf_counter()
        page.goto(f"{base}/?z=6&lat=34.5&lon=38.5")
        page.wait_for_selector("#map[data-ready='1']", timeout=60_000)
        ready = time.perf_counter() - start
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "strikewatch-desk-1m.png"))
        browser.close()
    return ready


def bench(url: str, label: str, count: int, requests: int, per_client: int, browser: bool) -> None:
    """Load ``count`` events into ``url``, serve them, and print the figures."""
    with Store(url) as store:
        seconds = bulk_load(store, synthetic(count))
        token, _info = create_token(store.engine, "analyst", "benchmark")
    print(f"{label}: loaded {count:,} events in {seconds:.1f} s")
    port = _port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "strikewatch.cli", "serve", "--db", url, "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/openapi.json")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.2)
            start = time.perf_counter()
            client.get("/api/v1/events", params={"limit": 1})
            print(f"  first request (builds the column index): {time.perf_counter() - start:.2f} s")
            timings(client, "/api/v1/events", event_queries, 3, 99)  # warm the caches
            for path, make in (("/api/v1/events", event_queries), ("/api/v1/map", map_queries)):
                for name, values in timings(client, path, make, requests, 7).items():
                    p50, p95 = _percentiles(values)
                    print(f"  {path:<15} {name:<28} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  ({len(values)} requests)")
        rate, failed = load_test(base, token, per_client)
        print(f"  {CLIENTS} concurrent clients x {per_client} requests (events and map, mixed): {rate:.0f} requests/s, "
              f"{failed} failed")  # fmt: skip
        if browser:
            print(f"  browser: map view ready {browser_ready(base, token):.2f} s after opening the desk")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="rounds of each query for the percentiles")
    parser.add_argument("--per-client", type=int, default=100, help="requests each concurrent client sends")
    parser.add_argument("--pg", help="PostgreSQL server URL (an admin database); a scratch database is made there")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--browser", action="store_true", help="also time the map view in Chromium")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            bench(f"sqlite:///{folder}/desk.db", "SQLite", args.events, args.requests, args.per_client, args.browser)
    if args.pg:
        with scratch_database(args.pg) as url:
            bench(url, "PostgreSQL", args.events, args.requests, args.per_client, args.browser)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
