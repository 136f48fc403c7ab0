"""The bench data generator (bench/datagen.py) stays correct: the row counts asked for, and
progress totals that agree with the sessions they are derived from."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select
from sqlmodel import SQLModel

from bench.datagen import DatasetInfo, Scale, ensure_dataset, sync_url
from bench.production_imports import (
    as_installed_env,
    not_installed_modules,
    production_distributions,
)
from tests.helpers import printed_by_fresh_interpreter

TINY = Scale(
    "tiny",
    articles=60,
    tracks=12,
    topics=8,
    people=6,
    collections=3,
    members=25,
    sessions=1_500,
    stats_member_sessions=300,
    upload_members=2,
)
TABLES = SQLModel.metadata.tables


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DatasetInfo, Engine]]:
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"):
        pytest.skip("the generator test writes a SQLite file of its own; run it on SQLite")
    path: Path = tmp_path_factory.mktemp("bench") / "bench.db"
    info = ensure_dataset(f"sqlite+aiosqlite:///{path}", TINY, log=lambda _message: None)
    engine = create_engine(sync_url(f"sqlite+aiosqlite:///{path}"))
    yield info, engine
    engine.dispose()


def count(engine: Engine, table: str, *where: Any) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(TABLES[table]).where(*where)))


def test_row_counts_match_the_scale(generated: tuple[DatasetInfo, Engine]) -> None:
    info, engine = generated
    assert not info.reused
    assert count(engine, "article") == 60
    assert count(engine, "track") == 12
    assert 24 <= count(engine, "track_variant") <= 36
    assert count(engine, "topic") == 8
    assert count(engine, "person") == 6
    assert count(engine, "collection") == 3
    # Ordinary members, the upload members and the sign-in member.
    assert count(engine, "user") == 25 + 2 + 1
    assert count(engine, "listening_session") == 1_500
    user, sessions = TABLES["user"], TABLES["listening_session"]
    stats_member = select(user.c.id).where(user.c.email == info.stats_member).scalar_subquery()
    assert count(engine, "listening_session", sessions.c.user_id == stats_member) == 300
    assert info.counts["listening_session"] == 1_500
    assert info.detail_article and info.popular_topic


def test_daily_activity_and_track_progress_add_up_to_the_sessions(
    generated: tuple[DatasetInfo, Engine],
) -> None:
    _info, engine = generated
    ls, daily, progress = (
        TABLES["listening_session"],
        TABLES["daily_activity"],
        TABLES["track_progress"],
    )
    with engine.connect() as conn:
        by_day = {
            (row[0], row[1]): (row[2], row[3])
            for row in conn.execute(
                select(
                    ls.c.user_id, ls.c.local_date, func.sum(ls.c.seconds_listened), func.count()
                ).group_by(ls.c.user_id, ls.c.local_date)
            )
        }
        days = {
            (row[0], row[1]): (row[2], row[3])
            for row in conn.execute(
                select(
                    daily.c.user_id, daily.c.local_date, daily.c.seconds_listened, daily.c.sessions
                )
            )
        }
        assert days == by_day
        session_totals = conn.execute(
            select(func.sum(ls.c.seconds_listened), func.count()).select_from(ls)
        ).one()
        daily_totals = conn.execute(
            select(func.sum(daily.c.seconds_listened), func.sum(daily.c.sessions))
        ).one()
        assert tuple(daily_totals) == tuple(session_totals)
        progress_totals = conn.execute(
            select(func.sum(progress.c.seconds_listened), func.sum(progress.c.sessions))
        ).one()
        assert tuple(progress_totals) == tuple(session_totals)
        pairs = conn.scalar(
            select(func.count()).select_from(
                select(ls.c.user_id, ls.c.track_id).distinct().subquery()
            )
        )
        assert count(engine, "track_progress") == pairs


def test_a_second_run_reuses_the_data_set(generated: tuple[DatasetInfo, Engine]) -> None:
    info, engine = generated
    url = f"sqlite+aiosqlite:///{engine.url.database}"
    again = ensure_dataset(url, TINY, log=lambda _message: None)
    assert again.reused
    assert again.counts == info.counts


def test_servers_see_only_what_a_production_install_has() -> None:
    production = production_distributions()
    # Requirements' extras are followed: uvicorn[standard], psycopg[binary].
    assert {"fastapi", "uvicorn", "uvloop", "httptools", "psycopg-binary", "pyjwt"} <= production
    assert not {"pytest", "cryptography", "mypy"} & production
    hidden = not_installed_modules()
    assert {"pytest", "cryptography", "psutil"} <= set(hidden)
    assert not {"fastapi", "uvloop", "jwt", "yaml", "app"} & set(hidden)
    code = (
        "import sys\n"
        "from app.main import create_app\n"
        "create_app()\n"
        "import jwt\n"
        "print(jwt.algorithms.has_crypto, 'cryptography' in sys.modules)\n"
        "try:\n"
        "    import pytest\n"
        "except ModuleNotFoundError as error:\n"
        "    print(error.name)\n"
    )
    env = as_installed_env({**os.environ, "ENVIRONMENT": "development"})
    assert printed_by_fresh_interpreter(code, env) == ["False", "False", "pytest"]
