"""The async engine, sessions, and the column types every table shares."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, event
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

from app.core.log_redaction import redact_database_logs

# Deterministic constraint names, so migrations can drop and alter them on every database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite has no time zones: values are stored as naive UTC text, which also keeps them
    comparable as strings for keyset pagination. PostgreSQL stores `timestamptz`.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; attach a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, emit BEGIN: this makes SAVEPOINT work (tests roll
        # back per test) and lets writers choose BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        # Writers take the write lock up front (see begin_write): a deferred transaction
        # that reads, then writes after another writer committed, fails instead of waiting.
        immediate = connection.get_execution_options().get(WRITE_TRANSACTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


WRITE_TRANSACTION = "smart_meditation_write"


async def begin_write(session: AsyncSession) -> None:
    """Start the session's transaction as a writer. Call before the first statement of a
    read-then-write service: on SQLite it takes the write lock at BEGIN (waiting up to
    busy_timeout for other writers); on PostgreSQL it changes nothing.

    A request has usually begun a read transaction already (loading the signed-in user), and
    execution options given to a session whose connection is established are ignored: that
    read-only transaction is ended first, so the write transaction really starts IMMEDIATE.
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    if session.in_transaction():
        connection = (await session.connection()).sync_connection
        if connection is not None and connection.get_execution_options().get(WRITE_TRANSACTION):
            return
        await end_read(session)  # before the service's first change
    await session.connection(execution_options={WRITE_TRANSACTION: True})


async def end_read(session: AsyncSession) -> None:
    """End the session's read transaction, giving its connection back to the pool, before
    slow work that needs no database (a password hash). What it read stays loaded
    (expire_on_commit=False); the next statement takes a connection again."""
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("begin_write() and end_read() must come before the first change")
    await session.commit()


def dialect_insert(session: AsyncSession, model: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    return insert(model)


def insert_ignoring_duplicates(session: AsyncSession, model: Any) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING: for idempotent writes that may race."""
    return dialect_insert(session, model).on_conflict_do_nothing()


def upsert(session: AsyncSession, model: Any, key: list[str]) -> Any:
    """INSERT ... ON CONFLICT (key) DO UPDATE SET every other column to the new values."""
    statement = dialect_insert(session, model)
    columns = [c.name for c in model.__table__.columns if c.name not in key]
    return statement.on_conflict_do_update(
        index_elements=key, set_={name: statement.excluded[name] for name in columns}
    )


# Each connection's page cache (SQLite's default is 2 MiB). The operating system caches the
# file as well, so a page missing here costs a read from memory, not from disk; the 2 MiB
# caches of the pooled and read connections were ~9 MB of a worker's resident memory.
SQLITE_CACHE_KIB = 1024

# Connections per process to a SQLite file, and no more (no overflow). A worker runs its
# requests on one core, so more connections only interleave the same work; each costs ~6 MB
# (page cache, prepared statements) and a thread, and overflow connections were opened and
# closed again and again under load. Bench, 32 connections on the home feed: ~170 MB
# resident with 5, 205-245 MB with 5 + 10 overflow. A request that finds none free within
# the pool's timeout gets a 503 (app/api/errors.py).
SQLITE_POOL_SIZE = 5


def create_engine(database_url: str, *, echo: bool = False) -> AsyncEngine:
    # Parameters hold member data (emails, moods): never in logs, nor in the text of a
    # database error, which is logged when a request fails (app/core/log_redaction.py).
    redact_database_logs()
    if database_url.startswith("sqlite"):
        # check_same_thread=False: the hottest reads run on the event loop on the session's
        # own connection (app/core/reads.py) while aiosqlite's thread is idle.
        engine = create_async_engine(
            database_url,
            echo=echo,
            hide_parameters=True,
            connect_args={"check_same_thread": False},
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=0,
        )
        _configure_sqlite(engine)
        return engine
    return create_async_engine(database_url, echo=echo, hide_parameters=True, pool_pre_ping=True)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: services return objects after committing them.
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


async def session_scope(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        yield session
