"""Fixtures of the desk's tests: a filled store on SQLite and PostgreSQL, its tokens, a client of the real app."""

from __future__ import annotations

import pytest

from .helpers import fill


@pytest.fixture
def desk(db_url: str):  # type: ignore[no-untyped-def]
    """(client, tokens, url): an HTTP client of the desk over a filled store, and a token per role."""
    from fastapi.testclient import TestClient

    from strikewatch.serve import ServeSettings, create_app

    tokens = fill(db_url)
    with TestClient(create_app(ServeSettings(db=db_url))) as client:
        yield client, tokens, db_url
