"""Prepared statements (the writer's hot path) on SQLite and PostgreSQL: same values as SQLAlchemy, same errors."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from strikewatch.store import Store
from strikewatch.store.audit import AUDIT
from strikewatch.store.incidents import INCIDENTS
from strikewatch.store.prepared import Prepared

_FIELDS = ("at", "action", "table_name", "row_id", "origin", "detail")
_AUDIT = Prepared(insert(AUDIT).values({name: bindparam(name) for name in _FIELDS}))
_READ = Prepared(select(AUDIT.c.at, AUDIT.c.detail, AUDIT.c.id).where(AUDIT.c.row_id == bindparam("row_id")))


def test_prepared_values_round_trip_as_through_sqlalchemy(store: Store) -> None:
    at = datetime(2020, 5, 3, 12, 0, 0)  # no microseconds: stored as SQLAlchemy stores it all the same
    rows = [
        {"at": at, "action": "insert", "table_name": "t", "row_id": "p", "origin": "o", "detail": {"a": [1, "b"]}},
        {"at": at, "action": "insert", "table_name": "t", "row_id": "p", "origin": "o", "detail": None},
    ]
    with store.engine.begin() as conn:
        _AUDIT.executemany(conn, rows)
        conn.execute(insert(AUDIT), [{**row, "row_id": "s"} for row in rows])
        prepared = sorted(_READ.rows(conn, {"row_id": "p"}), key=lambda row: row.id)
        through = conn.execute(select(AUDIT.c.at, AUDIT.c.detail).where(AUDIT.c.row_id == "s").order_by(AUDIT.c.id))
        assert [(row.at, row.detail) for row in prepared] == [tuple(row) for row in through]
        assert prepared[0].at == at and prepared[0].detail == {"a": [1, "b"]}
        stored = conn.execute(select(AUDIT.c.at).where(AUDIT.c.row_id == "p")).scalars().all()
        assert stored == [at, at]


def test_prepared_errors_are_sqlalchemy_errors_and_roll_back(store: Store) -> None:
    row = {c.name: None for c in INCIDENTS.columns}
    row.update(id="i", date_start=date(2020, 5, 3), date_end=date(2020, 5, 3), reports=1, sources=1, grade="g")
    statement = Prepared(insert(INCIDENTS).values({c.name: bindparam(c.name) for c in INCIDENTS.columns}))
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        statement.execute(conn, row)
        statement.execute(conn, row)
    with store.engine.connect() as conn:
        assert conn.execute(select(INCIDENTS.c.id)).all() == []


def test_prepared_refuses_expanding_parameters(store: Store) -> None:
    statement = Prepared(select(AUDIT.c.id).where(AUDIT.c.row_id.in_(bindparam("ids", expanding=True))))
    with pytest.raises(ValueError, match="not a plain statement"), store.engine.connect() as conn:
        statement.rows(conn, {"ids": ["a"]})
