"""Shared fixtures: paths to ../shared, extractors built once per test session, and isolation.

Every test runs in its own empty working directory with its own ``$HOME`` and no ``STRIKEWATCH_*``
setting from the caller's shell, so no test reads a ``strikewatch.db`` or a configuration left by
an earlier run, a developer's shell or another test. Only read-only caches are shared: the gazetteer
(``STRIKEWATCH_CACHE``), matplotlib's font cache and pip's download cache.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Variables the test harness itself sets; every other STRIKEWATCH_* of the caller is dropped.
HARNESS_ENV = ("STRIKEWATCH_TEST_PG_URL", "STRIKEWATCH_CACHE")


def pytest_configure(config: pytest.Config) -> None:
    """Fix the shared caches before any test swaps ``$HOME``: the gazetteer cache of the caller (or the
    default one under the real home) and one matplotlib cache for the whole run."""
    home_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    os.environ.setdefault("STRIKEWATCH_CACHE", str(home_cache / "strikewatch"))
    os.environ.setdefault("MPLCONFIGDIR", str(home_cache / "strikewatch-tests-matplotlib"))
    # the tests that build virtualenvs download through the caller's pip cache (an accelerator only)
    os.environ.setdefault("PIP_CACHE_DIR", str(home_cache / "pip"))


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run the test in a fresh working directory with a fresh ``$HOME`` and no stray settings."""
    cwd = tmp_path_factory.mktemp("cwd")
    home = tmp_path_factory.mktemp("home")
    for name in list(os.environ):
        if name.startswith("STRIKEWATCH_") and name not in HARNESS_ENV:
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(cwd)
    yield cwd


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only folder of evaluation data beside the project."""
    if not (SHARED / "gold").is_dir():
        pytest.fail(f"evaluation data not found at {SHARED}: the tests need ../shared beside the project")
    return SHARED


@pytest.fixture(scope="session")
def fast_extractor():  # type: ignore[no-untyped-def]
    from strikewatch.extract.pipeline import Extractor

    return Extractor("fast")


@pytest.fixture(scope="session")
def accurate_extractor():  # type: ignore[no-untyped-def]
    from strikewatch.extract.pipeline import Extractor

    return Extractor("accurate")


# -- event store: every store test runs on SQLite and on PostgreSQL -----------------------------
PG_ENV = "STRIKEWATCH_TEST_PG_URL"


@pytest.fixture
def pg_url():  # type: ignore[no-untyped-def]
    """A fresh PostgreSQL database (created and dropped here) on the server of STRIKEWATCH_TEST_PG_URL."""
    import os

    from strikewatch.store.scratch import scratch_database

    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        pytest.fail(f"{PG_ENV} is not set: start PostgreSQL and set it (see .ci/run), or deselect with -m 'not pg'")
    with scratch_database(admin_url, "sw_test") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The URL of an empty store database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str):  # type: ignore[no-untyped-def]
    """An open, migrated, empty event store on each backend."""
    from strikewatch.store import Store

    with Store(db_url) as opened:
        yield opened


# Columns that differ between two runs of the same ingest by nature: clocks and surrogate keys.
VOLATILE_COLUMNS = {"ingested_at", "processed_at", "at", "id"}


def _store_contents(url: str) -> dict[str, list[tuple[object, ...]]]:
    from sqlalchemy import create_engine, select

    from strikewatch.store.schema import TABLES

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            out = {}
            for table in TABLES:
                keep = {"documents", "events"}  # whose ids are content hashes, not counters
                columns = [
                    c
                    for c in table.columns
                    if c.name not in VOLATILE_COLUMNS or (table.name in keep and c.name == "id")
                ]
                out[table.name] = sorted(tuple(map(repr, row)) for row in conn.execute(select(*columns)))
    finally:
        engine.dispose()
    return out


@pytest.fixture
def store_contents():  # type: ignore[no-untyped-def]
    """A function returning every table of the store at a URL, rows sorted, without clocks and counters:
    two stores holding the same data compare equal."""
    return _store_contents


@pytest.fixture(scope="session")
def dask_client():  # type: ignore[no-untyped-def]
    """A Dask client on a real LocalCluster of 2 worker processes (one thread each), shared by the session."""
    from strikewatch.scale import connect

    with connect(2, dashboard=False) as client:
        yield client


# -- browser tests: the system's Chromium, driven by Playwright ------------------------------------
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium_launch() -> dict[str, object]:
    """The keyword arguments of ``playwright.chromium.launch``: the system's Chromium, offline, no sandbox."""
    if not Path(CHROMIUM).exists():
        pytest.fail("the browser tests need Chromium: apt-get install -y chromium (never `playwright install`)")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    return {"executable_path": CHROMIUM, "args": [*args, "--disable-sync", "--no-first-run", "--disable-quic"]}
