"""Alembic environment: migrates the database named by DATABASE_URL (or the caller's URL)."""

import asyncio
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection, make_url
from sqlmodel import SQLModel

import app.models  # noqa: F401 - registers every table on SQLModel.metadata
from app.core.config import get_settings
from app.core.db import UTCDateTime, create_engine
from app.search.models import schema_comparison_filters

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def database_url() -> str:
    return config.get_main_option("sqlalchemy.url") or get_settings().database_url


def skip_empty_revisions(context: Any, revision: Any, directives: list[Any]) -> None:
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    # Our own column types render as imports of app code, not as SQLModel's.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        autogen_context.imports.add("import app.core.db")
        return "app.core.db.UTCDateTime()"
    return False


def configure(connection: Connection | None = None, url: str | None = None) -> None:
    dialect = connection.dialect.name if connection is not None else make_url(url or "").drivername
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        process_revision_directives=skip_empty_revisions,
        render_item=render_item,
        # The search index on SQLite is an FTS5 virtual table, invisible to comparisons.
        **schema_comparison_filters(dialect.split("+")[0]),
    )


def run_with_connection(connection: Connection) -> None:
    configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_online() -> None:
    engine = create_engine(database_url())
    async with engine.connect() as connection:
        await connection.run_sync(run_with_connection)
        await connection.commit()
    await engine.dispose()


def main() -> None:
    if context.is_offline_mode():
        configure(url=database_url())
        with context.begin_transaction():
            context.run_migrations()
        return
    # A caller that already holds a connection (the test suite) passes it in.
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with_connection(connection)
    else:
        asyncio.run(run_online())


main()
