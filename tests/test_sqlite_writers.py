"""On SQLite, a transaction that reads and then writes fails at once ("database is locked")
when another connection committed in between, however long busy_timeout is: services that
read before they write take the write lock first (`begin_write`). These tests commit from a
second connection at the worst moment and check the request still succeeds.

They need their own database file and real connections, not the rolled-back test transaction.
"""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from app.accounts import service as accounts
from app.api.errors import handle_unexpected_error
from app.core.config import Settings
from app.core.db import SQLITE_POOL_SIZE, create_engine
from app.main import create_app
from tests.conftest import IS_POSTGRES, run_alembic

pytestmark = pytest.mark.skipif(IS_POSTGRES, reason="SQLite's locking only")

PASSWORD = "a-long-calm-password-2026"


@pytest.fixture
async def file_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    url = f"sqlite+aiosqlite:///{tmp_path}/writers.db"
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(run_alembic, "head", url=url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def file_client(file_engine: AsyncEngine) -> AsyncIterator[AsyncClient]:
    settings = Settings(
        database_url=str(file_engine.url),
        environment="test",
        redis_url=None,
        content_version_poll_seconds=3600,
        webhook_dispatch_interval_seconds=0,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app, raise_app_exceptions=False)
        async with AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


async def commit_elsewhere(engine: AsyncEngine) -> None:
    """Another writer (another request, the webhook dispatcher) commits."""
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE IF NOT EXISTS other_writer (n INTEGER)"))
        await connection.execute(text("INSERT INTO other_writer VALUES (1)"))


def password_check_interrupted_by(
    engine: AsyncEngine, real: Callable[[str, str | None], Awaitable[bool]]
) -> Callable[[str, str | None], Awaitable[bool]]:
    async def verify_password(password: str, password_hash: str | None) -> bool:
        await commit_elsewhere(engine)  # while argon2 runs, after the account was read
        return await real(password, password_hash)

    return verify_password


async def register(client: AsyncClient) -> str:
    email = f"writer-{uuid.uuid4().hex[:8]}@example.com"
    response = await client.post(
        "/v1/auth/register",
        json={"email": email, "password": PASSWORD, "display_name": "Writer"},
    )
    assert response.status_code == 201, response.text
    return email


async def test_sign_in_survives_a_commit_during_the_password_check(
    file_client: AsyncClient, file_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    email = await register(file_client)
    monkeypatch.setattr(
        accounts,
        "verify_password",
        password_check_interrupted_by(file_engine, accounts.verify_password),
    )
    response = await file_client.post(
        "/v1/auth/token", data={"username": email, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    refreshed = await file_client.post(
        "/v1/auth/refresh", json={"refresh_token": response.json()["refresh_token"]}
    )
    assert refreshed.status_code == 200, refreshed.text


async def test_member_writes_survive_a_commit_after_the_token_was_checked(
    file_client: AsyncClient, file_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every member request reads its user first; the write that follows must not fail
    because someone else committed after that read."""
    email = await register(file_client)
    tokens = await file_client.post(
        "/v1/auth/token", data={"username": email, "password": PASSWORD}
    )
    headers = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
    real = accounts.user_from_access_token

    async def user_then_other_commit(**kwargs: object) -> object:
        user = await real(**kwargs)
        await commit_elsewhere(file_engine)
        return user

    monkeypatch.setattr(accounts, "user_from_access_token", user_then_other_commit)
    updated = await file_client.patch("/v1/me", json={"display_name": "Renamed"}, headers=headers)
    assert updated.status_code == 200, updated.text
    signed_out = await file_client.post("/v1/auth/logout-all", headers=headers)
    assert signed_out.status_code == 204, signed_out.text


async def test_a_database_still_busy_after_the_timeout_is_a_503_to_retry() -> None:
    from starlette.requests import Request

    request = Request({"type": "http", "method": "POST", "path": "/v1/me/sessions", "headers": []})
    busy = OperationalError("INSERT", {}, Exception("database is locked"))
    response = await handle_unexpected_error(request, busy)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert response.headers["content-type"] == "application/problem+json"
    assert b"nothing was saved" in response.body


async def test_no_connection_is_held_while_the_password_is_checked(
    file_client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    email = await register(file_client)
    engine: AsyncEngine = file_client._transport.app.state.engine
    held_during_check: list[int] = []
    real = accounts.verify_password

    async def verify_password(password: str, password_hash: str | None) -> bool:
        held_during_check.append(engine.pool.checkedout())
        return await real(password, password_hash)

    monkeypatch.setattr(accounts, "verify_password", verify_password)
    response = await file_client.post(
        "/v1/auth/token", data={"username": email, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    assert held_during_check == [0]


async def test_a_worker_out_of_connections_answers_503_to_retry(file_client: AsyncClient) -> None:
    engine: AsyncEngine = file_client._transport.app.state.engine
    pool = engine.pool
    assert (pool.size(), pool._max_overflow) == (SQLITE_POOL_SIZE, 0)
    pool._timeout = 0.2  # not 30 s in a test
    held = [await engine.connect() for _ in range(SQLITE_POOL_SIZE)]
    try:
        response = await file_client.get("/v1/home")
    finally:
        for connection in held:
            await connection.close()
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/service-unavailable"
    assert (await file_client.get("/v1/home")).status_code == 200


async def test_every_request_gives_its_connection_back(file_client: AsyncClient) -> None:
    engine: AsyncEngine = file_client._transport.app.state.engine
    email = await register(file_client)
    token = await file_client.post("/v1/auth/token", data={"username": email, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    for path in ("/v1/articles", "/v1/home", "/v1/me", "/v1/me/stats", "/v1/articles/none"):
        await file_client.get(path, headers=headers)
        await file_client.get(path)
    await file_client.post(
        "/graphql", json={"query": "{ viewer { profile { email } } }"}, headers=headers
    )
    assert engine.pool.checkedout() == 0
