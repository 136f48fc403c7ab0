"""Test fixtures: a database built from the migrations, one rolled-back transaction per test.

Runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set.
"""

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.api.deps import get_session
from app.cli import alembic_config
from app.core import reads
from app.core.config import Settings
from app.core.db import create_engine
from app.main import create_app

_tmp = tempfile.mkdtemp(prefix="smart-meditation-tests-")
DATABASE_URL = os.environ.get("TEST_DATABASE_URL") or f"sqlite+aiosqlite:///{_tmp}/test.db"
IS_POSTGRES = DATABASE_URL.startswith("postgresql")

pytest_plugins = ["tests.member_fixtures"]

# Property-based tests (tests/test_schemathesis.py and @given tests without their own
# max_examples): `fast` for `make test`, repeatable in CI; `thorough` for `make verify`.
# Schemathesis' generated requests each cost a database round trip, so `too_slow` would fire on
# a loaded machine without saying anything about the strategies.
hypothesis_settings.register_profile(
    "fast",
    max_examples=5,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "thorough", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


def run_alembic(
    connection: Connection, revision: str, *, downgrade: bool = False, url: str | None = None
) -> None:
    """Upgrade (or downgrade) the database behind `connection`; `url` names it to alembic."""
    config = alembic_config(url or DATABASE_URL)
    config.attributes["connection"] = connection
    config.attributes["configure_logging"] = False
    if downgrade:
        command.downgrade(config, revision)
    else:
        command.upgrade(config, revision)


async def reset_database(engine: AsyncEngine) -> None:
    """Start from nothing, so the migrations alone build the schema."""
    if IS_POSTGRES:
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    else:
        Path(DATABASE_URL.split("///", 1)[1]).unlink(missing_ok=True)  # noqa: ASYNC240


@pytest.fixture(scope="session")
def settings() -> Settings:
    # The content version is read once per client (below) and then only bumped by commits
    # in this process, so statement counts measure the request alone.
    # Limits count in each test's own app (REDIS_URL, set by CI, is used only by the tests
    # about sharing them); content ids repeat between rolled-back tests.
    return Settings(
        database_url=DATABASE_URL,
        environment="test",
        content_version_poll_seconds=3600,
        redis_url=None,
    )


@pytest.fixture(scope="session")
async def engine() -> AsyncIterator[AsyncEngine]:
    engine = create_engine(DATABASE_URL)
    await reset_database(engine)
    async with engine.begin() as connection:
        await connection.run_sync(run_alembic, "head")
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose commits are savepoints inside a transaction rolled back afterwards."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()


def client_for(app: FastAPI, engine: AsyncEngine, session: AsyncSession) -> AsyncClient:
    """A client of `app` that sees the test's transaction."""
    app.state.engine = engine
    # Sessions the app opens itself (the partner gate, the content version) join the test's
    # transaction on its connection, so they see what the test wrote and nothing outlives it.
    app.state.sessionmaker = async_sessionmaker(
        bind=session.bind, join_transaction_mode="create_savepoint", expire_on_commit=False
    )

    async def test_session() -> AsyncIterator[AsyncSession]:
        yield session

    app.dependency_overrides[get_session] = test_session
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    return AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def client(
    engine: AsyncEngine, session: AsyncSession, settings: Settings
) -> AsyncIterator[AsyncClient]:
    app = create_app(settings)
    async with client_for(app, engine, session) as client:
        await app.state.content_version.current()
        yield client


@dataclass
class StatementLog:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def _count_statements(engine: AsyncEngine) -> Iterator[StatementLog]:
    log = StatementLog()

    def before_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # Savepoints belong to the test harness, not to the code under test.
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            log.statements.append(statement)

    def direct_read(statement: str) -> None:
        log.statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", before_execute)
    reads.statement_listeners.append(direct_read)
    try:
        yield log
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before_execute)
        reads.statement_listeners.remove(direct_read)


@pytest.fixture
def count_statements(engine: AsyncEngine) -> Any:
    """`with count_statements() as log:` records the SQL statements run inside the block."""
    return lambda: _count_statements(engine)


@pytest.fixture
async def demo(session: AsyncSession) -> dict[str, int]:
    """The demo catalogue, loaded inside the test's transaction."""
    from app.demo.seed import seed_demo_catalogue

    return await seed_demo_catalogue(session)
