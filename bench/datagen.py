"""The bench data set: generated fast at a given scale, or reused when it is already there.

Generation migrates an empty database with `python -m app.cli migrate`, bulk-inserts rows with
SQLAlchemy Core executemany in big chunks (no API, no ORM objects), then derives TrackProgress
and DailyActivity from the sessions in SQL (INSERT ... SELECT ... GROUP BY), the totals the app
keeps current on every upload. A `bench_meta` row records the scale once everything is in, so a
rerun with the same scale and generator version reuses the data.
"""

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    inspect,
    make_url,
    select,
    text,
)
from sqlmodel import SQLModel

import app.models  # noqa: F401 - registers every table on SQLModel.metadata
from bench import bulk
from bench.dataset import BENCH_PASSWORD, GENERATOR_VERSION, SCALES, DatasetInfo, Scale

__all__ = [
    "BENCH_PASSWORD",
    "GENERATOR_VERSION",
    "SCALES",
    "DatasetInfo",
    "Scale",
    "dataset_url",
    "ensure_dataset",
    "reset_bench_members",
    "sync_url",
]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "bench" / ".data"
POSTGRES_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

Log = Callable[[str], None]


_meta = MetaData()
bench_meta = Table(
    "bench_meta",
    _meta,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)


def dataset_url(database: str, scale: str) -> str:
    """Where a scale's data set lives: a file under bench/.data, or its own PG database."""
    if database == "sqlite":
        return f"sqlite+aiosqlite:///{DATA_DIR / f'bench-{scale}.db'}"
    return make_url(POSTGRES_ADMIN_URL).set(database=f"bench_{scale}").render_as_string(False)


def sync_url(database_url: str) -> str:
    url = make_url(database_url)
    if url.drivername.startswith("sqlite"):
        return url.set(drivername="sqlite").render_as_string(False)
    return url.set(drivername="postgresql+psycopg").render_as_string(False)


def _sqlite_path(database_url: str) -> Path | None:
    url = make_url(database_url)
    return Path(url.database or "") if url.drivername.startswith("sqlite") else None


def _pg_database(database_url: str) -> str:
    name = make_url(database_url).database or ""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"refusing to manage a database named {name!r}")
    return name


def _admin_engine() -> Engine:
    return create_engine(sync_url(POSTGRES_ADMIN_URL), isolation_level="AUTOCOMMIT")


def _pg_database_exists(name: str) -> bool:
    engine = _admin_engine()
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
    finally:
        engine.dispose()
    return found is not None


def _engine(database_url: str) -> Engine:
    engine = create_engine(sync_url(database_url))
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def loading_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # Bulk loading: no fsync, no FK checks (ids are consistent by construction).
            cursor = dbapi_connection.cursor()
            for pragma in (
                "journal_mode=WAL",
                "synchronous=OFF",
                "foreign_keys=OFF",
                "cache_size=-512000",
                "temp_store=MEMORY",
            ):
                cursor.execute(f"PRAGMA {pragma}")
            cursor.close()

    return engine


def read_marker(database_url: str) -> DatasetInfo | None:
    """The data set's description, or None when it is missing or was never completed."""
    path = _sqlite_path(database_url)
    if path is not None and not path.exists():
        return None
    if path is None and not _pg_database_exists(_pg_database(database_url)):
        return None
    engine = _engine(database_url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("bench_meta"):
                return None
            value = conn.scalar(select(bench_meta.c.value).where(bench_meta.c.key == "dataset"))
    finally:
        engine.dispose()
    return DatasetInfo.from_json(value) if value else None


def migrate(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "ENVIRONMENT": "development"}
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "migrate"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"migration failed:\n{done.stderr[-3000:]}")


def reset_database(database_url: str) -> None:
    """Start from nothing: delete the SQLite file, or drop and create the PG database."""
    path = _sqlite_path(database_url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = _pg_database(database_url)
    engine = _admin_engine()
    try:
        with engine.connect() as conn:
            quoted = conn.dialect.identifier_preparer.quote(name)
            conn.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        engine.dispose()


def ensure_dataset(
    database_url: str, scale: Scale, *, log: Log = print, force: bool = False
) -> DatasetInfo:
    """Reuse the data set when it was completed at this scale, else generate it."""
    started = time.perf_counter()
    info = None if force else read_marker(database_url)
    if info is not None and info.generator_version == GENERATOR_VERSION and info.scale == scale:
        migrate(database_url)  # new migrations since it was generated apply to it as well
        info.reused = True
        log(f"reusing the {scale.name} data set ({time.perf_counter() - started:.1f} s to check)")
        return info
    return generate(database_url, scale, log=log)


def generate(database_url: str, scale: Scale, *, log: Log = print) -> DatasetInfo:
    started = time.perf_counter()
    steps: dict[str, float] = {}

    def step(name: str, since: float) -> float:
        now = time.perf_counter()
        steps[name] = round(now - since, 2)
        log(f"  {name}: {now - since:.1f} s")
        return now

    log(f"generating the {scale.name} data set in {make_url(database_url).render_as_string()}")
    reset_database(database_url)
    migrate(database_url)
    mark = step("create and migrate", started)
    engine = _engine(database_url)
    try:
        with engine.begin() as conn:
            info = bulk.load(conn, scale, step, mark)
        mark = time.perf_counter()
        _finish(engine)
        mark = step("analyze and checkpoint", mark)
        info.generation_seconds = round(time.perf_counter() - started, 2)
        info.steps = steps
        with engine.begin() as conn:
            _meta.create_all(conn)
            conn.execute(bench_meta.delete())
            conn.execute(insert(bench_meta), [{"key": "dataset", "value": info.to_json()}])
    finally:
        engine.dispose()
    log(f"generated in {info.generation_seconds:.1f} s: {info.counts}")
    return info


# Tables whose integer ids the generator assigns itself (see rows.py).
EXPLICIT_IDS = [
    "person", "topic", "article", "track", "track_variant", "collection", "collection_item",
]  # fmt: skip


def _finish(engine: Engine) -> None:
    """PostgreSQL: sequences past the explicit ids, then VACUUM ANALYZE (as autovacuum would
    after a bulk load). SQLite: fold the WAL into the database file."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for name in EXPLICIT_IDS:
                key = SQLModel.metadata.tables[name].c.id
                highest = select(func.coalesce(func.max(key), 1)).scalar_subquery()
                conn.execute(select(func.setval(func.pg_get_serial_sequence(name, "id"), highest)))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def reset_bench_members(database_url: str, info: DatasetInfo) -> None:
    """Undo what earlier runs wrote: the upload members' sessions and totals, and the refresh
    tokens of every member the runner signs in. Run before the API starts."""
    tables = SQLModel.metadata.tables
    user = tables["user"]
    engine = _engine(database_url)
    try:
        with engine.begin() as conn:
            emails = [*info.upload_members, info.stats_member, info.signin_member]
            everyone = select(user.c.id).where(user.c.email.in_(emails))
            uploaders = select(user.c.id).where(user.c.email.in_(info.upload_members))
            for name in ("listening_session", "track_progress", "daily_activity"):
                conn.execute(tables[name].delete().where(tables[name].c.user_id.in_(uploaders)))
            refresh = tables["refresh_token"]
            conn.execute(refresh.delete().where(refresh.c.user_id.in_(everyone)))
    finally:
        engine.dispose()
