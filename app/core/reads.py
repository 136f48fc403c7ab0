"""The hottest public reads, compiled once and, on SQLite, run straight on sqlite3.

Why: through async SQLAlchemy a query costs ~1.4 ms of CPU on this stack (building and
compiling the statement, a greenlet switch, a hop to aiosqlite's thread and back, result
processing), while SQLite answers a seek on an index in tens of microseconds
(/work/shared/PERF-NOTES.md). For reads that are one bounded index range scan (a page of
ids), running the precompiled statement on the event loop blocks it for less time than the
thread hop alone would cost. PostgreSQL runs the same prebuilt statement through the session.

Use it only for such reads: anything that may scan many rows belongs on the async path.
"""

import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from app.core.db import SQLITE_CACHE_KIB

Processor = Callable[[Any], Any] | None

# Called with the SQL of every statement run on sqlite3 directly, which SQLAlchemy's engine
# events do not see (the tests count statements per request with both).
statement_listeners: list[Callable[[str], None]] = []


@dataclass(frozen=True)
class CompiledRead:
    """A statement compiled for SQLite, with its parameters' order and type processors."""

    sql: str
    names: tuple[str, ...]
    defaults: dict[str, Any]
    bind: tuple[Processor, ...]
    result: tuple[Processor, ...]

    @classmethod
    def compile(cls, statement: Select[Any], dialect: Dialect) -> "CompiledRead":
        compiled = statement.compile(dialect=dialect)
        names = tuple(compiled.positiontup or ())
        return cls(
            sql=compiled.string,
            names=names,
            defaults=dict(compiled.params),
            bind=tuple(
                compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                for name in names
            ),
            result=tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in statement.selected_columns
            ),
        )

    def run(self, connection: sqlite3.Connection, params: dict[str, Any]) -> "Rows":
        values = []
        for name, process in zip(self.names, self.bind, strict=True):
            value = params[name] if name in params else self.defaults[name]
            values.append(process(value) if process is not None and value is not None else value)
        for listener in statement_listeners:
            listener(self.sql)
        return Rows(connection.execute(self.sql, values).fetchall(), self.result)


@dataclass(frozen=True)
class Rows:
    """Rows as the driver returned them, each value converted (SQLite's text dates to UTC
    datetimes) only when asked for: converting every cell of a page cost more than running
    the query. On PostgreSQL SQLAlchemy has converted them already (no `processors`)."""

    raw: list[Any]
    processors: tuple[Processor, ...] = ()

    def __len__(self) -> int:
        return len(self.raw)

    def value(self, row: int, column: int) -> Any:
        value = self.raw[row][column]
        process = self.processors[column] if self.processors else None
        return process(value) if process is not None and value is not None else value


class PreparedReads:
    """Statements built once per shape (`key`), compiled once per dialect."""

    def __init__(self) -> None:
        self._statements: dict[Hashable, Select[Any]] = {}
        self._compiled: dict[Hashable, CompiledRead] = {}

    def statement(self, key: Hashable, build: Callable[[], Select[Any]]) -> Select[Any]:
        statement = self._statements.get(key)
        if statement is None:
            statement = self._statements[key] = build()
        return statement

    async def rows(
        self,
        session: AsyncSession,
        key: Hashable,
        build: Callable[[], Select[Any]],
        params: dict[str, Any],
    ) -> Rows:
        statement = self.statement(key, build)
        assert session.bind is not None
        dialect = session.bind.dialect
        if dialect.name != "sqlite":
            return Rows(list(await session.execute(statement, params)))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = CompiledRead.compile(statement, dialect)
        return compiled.run(await _sqlite_connection(session), params)


_read_connections: dict[str, sqlite3.Connection] = {}


async def _sqlite_connection(session: AsyncSession) -> sqlite3.Connection:
    """The session's own connection once it has one (so a request reads what it wrote, and
    tests read inside their transaction); otherwise this process's read-only connection.

    Engines for SQLite open connections with check_same_thread=False (app/core/db.py), so
    aiosqlite's connection may be used here while its thread is idle: the session awaits
    each statement, so nothing else runs on that connection meanwhile.
    """
    if session.in_transaction() or isinstance(session.bind, AsyncConnection):
        connection = await session.connection()
        assert connection.sync_connection is not None
        aiosqlite_connection: Any = connection.sync_connection.connection.driver_connection
        raw: sqlite3.Connection = aiosqlite_connection._conn  # the sqlite3 connection inside
        return raw
    database = session.get_bind().engine.url.database or ""
    read = _read_connections.get(database)
    if read is None:
        read = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
        # Each statement is its own snapshot; WAL lets it read while others write.
        read.execute("PRAGMA query_only=ON")
        read.execute("PRAGMA busy_timeout=5000")
        read.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        _read_connections[database] = read
    return read
