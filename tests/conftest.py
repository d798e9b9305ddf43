"""Shared fixtures: paths to ../shared, and extractors built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


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
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        pytest.fail(f"{PG_ENV} is not set: start PostgreSQL and set it (see .ci/run), or deselect with -m 'not pg'")
    name = f"sw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


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
