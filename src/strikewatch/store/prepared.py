"""Statements compiled once and run straight on the database driver: the writer's hot path.

Storing a document takes a handful of small statements, and SQLAlchemy's work around each
execution (execution context, parameter and result objects) costs more than the statement
itself. A :class:`Prepared` statement keeps what SQLAlchemy does for correctness and
portability: it writes the SQL for the connection's dialect (SQLite or PostgreSQL) and converts
values both ways with the column types' own bind and result processors. It skips the rest,
running the SQL on the DB-API cursor of the same connection, inside its current transaction,
so it commits or rolls back with everything else.

Driver errors are raised as SQLAlchemy raises them (``IntegrityError``, ``OperationalError``...).
Only plain statements are accepted: named bind parameters (or literals), no expanding ``IN``,
no literal execution.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.expression import Executable

Processor = Callable[[Any], Any]


@dataclass(slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]  # bind parameter names, in the SQL's order for positional paramstyles
    fixed: dict[str, Any]  # the values of bind parameters that carry one (literals of the statement)
    binders: tuple[tuple[int, Processor], ...]  # (position, bind processor) of the values to convert
    positional: bool
    row: type | None  # a named tuple of the result columns
    types: tuple[Any, ...]  # the result columns' types, as implemented by the dialect
    readers: tuple[tuple[int, Processor], ...] | None = None  # (position, result processor), once the driver
    # has named its column types (some processors depend on them: psycopg's numbers)


class Prepared:
    """A Core statement, compiled once per dialect and executed on the DB-API cursor."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[type[Dialect], _Compiled] = {}

    def _compile(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(type(dialect))
        if found is not None:
            return found
        compiled: Any = self.statement.compile(dialect=dialect)
        if compiled.escaped_bind_names or compiled.post_compile_params or compiled.literal_execute_params:
            raise ValueError(f"not a plain statement: {compiled.string}")
        names = tuple(compiled.positiontup) if compiled.positional else tuple(compiled.binds)
        fixed = {name: bind.effective_value for name, bind in compiled.binds.items() if not bind.required}
        binders = tuple(
            (position, bind)
            for position, name in enumerate(names)
            if (bind := compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
        )
        columns = list(getattr(self.statement, "exported_columns", None) or [])
        types = tuple(column.type.dialect_impl(dialect) for column in columns)
        row = namedtuple("Row", [column.key for column in columns]) if columns else None  # type: ignore[misc]
        found = _Compiled(compiled.string, names, fixed, binders, compiled.positional, row, types)
        self._compiled[type(dialect)] = found
        return found

    def _params(self, compiled: _Compiled, params: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        if compiled.fixed:
            params = {**compiled.fixed, **params}
        values = [params[name] for name in compiled.names]
        for position, bind in compiled.binders:
            values[position] = bind(values[position])
        return values if compiled.positional else dict(zip(compiled.names, values, strict=True))

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> list[Any]:
        """Execute with ``params`` and return the result rows (named tuples), or ``[]``."""
        compiled = self._compile(conn.dialect)
        cursor = conn.connection.cursor()
        try:
            try:
                cursor.execute(compiled.sql, self._params(compiled, params))
            except conn.dialect.loaded_dbapi.Error as exc:
                raise _wrap(conn, compiled, params, exc) from exc
            if compiled.row is None:
                return []
            fetched = cursor.fetchall()  # before the description: in psycopg's pipeline mode it comes with the rows
            if compiled.readers is None:
                codes = [column[1] for column in cursor.description]
                compiled.readers = tuple(
                    (position, read)
                    for position, (kind, code) in enumerate(zip(compiled.types, codes, strict=True))
                    if (read := kind.result_processor(conn.dialect, code)) is not None
                )
            make, readers, out = compiled.row._make, compiled.readers, []  # type: ignore[attr-defined]
            for raw in fetched:
                values = list(raw)
                for position, read in readers:
                    values[position] = read(values[position])
                out.append(make(values))
            return out
        finally:
            cursor.close()

    def execute(self, conn: Connection, params: Mapping[str, Any]) -> None:
        """Execute with ``params``, discarding any result."""
        self.rows(conn, params)

    def executemany(self, conn: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
        """Execute once per parameter set of ``rows`` (the driver's ``executemany``)."""
        compiled = self._compile(conn.dialect)
        cursor = conn.connection.cursor()
        many = [self._params(compiled, params) for params in rows]
        try:
            cursor.executemany(compiled.sql, many)
        except conn.dialect.loaded_dbapi.Error as exc:
            raise _wrap(conn, compiled, many, exc) from exc
        finally:
            cursor.close()


def _wrap(conn: Connection, compiled: _Compiled, params: Any, error: Exception) -> BaseException:
    """Return the driver's ``error`` as SQLAlchemy would raise it (IntegrityError, OperationalError, ...)."""
    return DBAPIError.instance(compiled.sql, params, error, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect)
