"""The migrations build exactly the schema the models describe, and run down and up again."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel import SQLModel

import app.models  # noqa: F401 - registers every table on SQLModel.metadata
from app.api.system import migration_heads
from app.core.db import create_engine
from app.search.models import SQLITE_SHADOW_TABLES, schema_comparison_filters
from tests.conftest import DATABASE_URL, IS_POSTGRES, run_alembic

MIGRATIONS_DATABASE = "test_migrations"


def schema_drift(connection: Connection) -> list[Any]:
    """What `alembic revision --autogenerate` would write: empty when models match."""
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "render_as_batch": True,
            **schema_comparison_filters(connection.dialect.name),
        },
    )
    diffs: list[Any] = compare_metadata(context, SQLModel.metadata)
    return diffs


def table_names(connection: Connection) -> set[str]:
    # FTS5 keeps the SQLite search index in shadow tables no model describes.
    names = set(inspect(connection).get_table_names()) - SQLITE_SHADOW_TABLES
    return names - {"alembic_version"}


def current_revisions(connection: Connection) -> set[str]:
    return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}


async def test_models_and_migrations_do_not_drift(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        diffs = await connection.run_sync(schema_drift)

    assert diffs == [], (
        "The models and the migrations differ; run `alembic revision --autogenerate -m ...` "
        f"and review the file. Differences: {diffs}"
    )


async def test_test_database_is_at_the_migration_head(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        revisions = await connection.run_sync(current_revisions)

    assert revisions == set(migration_heads())


@pytest.fixture
async def fresh_database_url(tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of the same kind as the test database, dropped afterwards."""
    if not IS_POSTGRES:
        yield f"sqlite+aiosqlite:///{tmp_path}/migrations.db"
        return
    admin = create_async_engine(DATABASE_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f"DROP DATABASE IF EXISTS {MIGRATIONS_DATABASE}"))
            await connection.execute(text(f"CREATE DATABASE {MIGRATIONS_DATABASE}"))
    except DBAPIError as error:
        await admin.dispose()
        pytest.skip(f"cannot create a database for the migration round trip: {error.orig}")
    try:
        url = make_url(DATABASE_URL).set(database=MIGRATIONS_DATABASE)
        yield url.render_as_string(hide_password=False)
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f"DROP DATABASE IF EXISTS {MIGRATIONS_DATABASE}"))
        await admin.dispose()


async def test_upgrade_downgrade_upgrade_round_trip(fresh_database_url: str) -> None:
    engine = create_engine(fresh_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(run_alembic, "head", url=fresh_database_url)
            tables = await connection.run_sync(table_names)
            assert tables == set(SQLModel.metadata.tables)
            assert await connection.run_sync(current_revisions) == set(migration_heads())

        async with engine.begin() as connection:
            await connection.run_sync(run_alembic, "base", downgrade=True, url=fresh_database_url)
            assert await connection.run_sync(table_names) == set()

        async with engine.begin() as connection:
            await connection.run_sync(run_alembic, "head", url=fresh_database_url)
            assert await connection.run_sync(table_names) == set(SQLModel.metadata.tables)
            # Downgrading left nothing behind that the second upgrade tripped over or missed.
            assert await connection.run_sync(schema_drift) == []
    finally:
        await engine.dispose()
