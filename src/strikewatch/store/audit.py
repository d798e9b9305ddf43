"""Write helpers shared by the store's writers: timestamps, insert-or-ignore, and the audit log.

Changes are collected per transaction in a :class:`Changes` list and written to ``audit_log`` in
one batch just before the transaction commits, so the log and the tables never disagree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert
from sqlalchemy.dialects import postgresql, sqlite

from strikewatch.store.prepared import Prepared
from strikewatch.store.schema import AuditRow

AUDIT: Table = AuditRow.__table__  # type: ignore[assignment]
_FIELDS = ("at", "action", "table_name", "row_id", "origin", "detail")
_INSERT_AUDIT = Prepared(insert(AUDIT).values({name: bindparam(name) for name in _FIELDS}))


def now() -> datetime:
    """Return the current UTC time, naive (as stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


@cache
def _insert_ignore_statement(dialect_name: str, table: Table) -> Prepared:
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return Prepared(dialect.insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns))


def insert_ignore(conn: Connection, table: Table, row: dict[str, Any]) -> bool:
    """Insert ``row`` (a value for every column) unless its key is already there; return whether it was inserted."""
    return bool(_insert_ignore_statement(conn.dialect.name, table).rows(conn, row))


class Changes(list[dict[str, Any]]):
    """The audit rows of one transaction, written by :meth:`flush`.

    ``present`` collects the (table, key) of rows the transaction made sure exist, for the writer
    to remember once the transaction has committed.
    """

    def __init__(self, origin: str) -> None:
        super().__init__()
        self.origin = origin
        self.present: set[tuple[str, str]] = set()

    def record(self, action: str, table: str, row_id: str, detail: Any = None) -> None:
        """Note one change: ``action`` (insert, update, delete) of row ``row_id`` of ``table``."""
        self.append(
            {
                "at": now(),
                "action": action,
                "table_name": table,
                "row_id": row_id,
                "origin": self.origin,
                "detail": detail,
            }
        )

    def flush(self, conn: Connection) -> None:
        """Write the noted changes to the audit log (inside the caller's transaction)."""
        if self:
            _INSERT_AUDIT.executemany(conn, self)
            self.clear()
