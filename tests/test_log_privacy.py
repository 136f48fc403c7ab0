"""Nothing a member tells us reaches the logs: every log record of a whole member flow, at
DEBUG for every logger, is searched for the member's secrets and health data.

What an access log would record (method, path and query, status) is checked too: the API
never takes a secret in a URL, so uvicorn's access log is safe to keep.
"""

import logging
import re
import traceback
import uuid
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient, Request
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.core.db import create_engine, utcnow
from app.tracks.models import Track, TrackVariant
from tests.conftest import DATABASE_URL, IS_POSTGRES
from tests.factories import make_article
from tests.member_factories import bearer, listen

EMAIL = f"quintessa.marlowe.{uuid.uuid4().hex[:8]}@example.org"
PASSWORD = "velvet-lighthouse-orchard-93"
WRONG_PASSWORD = "copper-meadow-whistle-58"
DISPLAY_NAME = "Quintessa Marlowe"
NEW_DISPLAY_NAME = "Quintessa M. Halloway"
# A mood written as a field and its value, in any of the shapes a log line could take
# (`mood_before=4`, `'mood_after': 2`, `"moodBefore": 5`, `mood_before: 3`).
MOOD_WITH_VALUE = re.compile(r"mood_?(before|after)['\"]?\s*[:=]\s*\d", re.IGNORECASE)


def record_text(record: logging.LogRecord) -> str:
    """Everything a handler could write: the message, its raw arguments, the exception
    and its traceback, and any extra attributes."""
    parts = [str(record.msg), repr(record.args), record.getMessage()]
    if record.exc_info and record.exc_info[1] is not None:
        parts += traceback.format_exception(record.exc_info[1])
    if record.exc_text:
        parts.append(record.exc_text)
    standard = logging.LogRecord("", 0, "", 0, "", None, None).__dict__
    parts += [repr(value) for key, value in record.__dict__.items() if key not in standard]
    return "\n".join(parts)


@pytest.fixture
def every_log_record(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Every logger at DEBUG, those the app and its libraries configured included. Request
    it before the database fixtures: SQLAlchemy decides whether to log when a connection
    opens."""
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        if logger.level not in (logging.NOTSET, logging.DEBUG):
            caplog.set_level(logging.DEBUG, logger=name)
    return caplog.records


async def member_flow(
    client: AsyncClient, session: AsyncSession, track: Track, variants: list[TrackVariant]
) -> dict[str, str]:
    """Register, sign in (once wrongly), refresh, change the profile, upload sessions with
    moods, favourite, read stats and the export, use GraphQL, sign out, delete the account.
    Returns the secrets it handled."""
    registered = await client.post(
        "/v1/auth/register",
        json={
            "email": EMAIL,
            "password": PASSWORD,
            "display_name": DISPLAY_NAME,
            "time_zone": "Europe/Lisbon",
        },
    )
    assert registered.status_code == 201, registered.text
    wrong = await client.post(
        "/v1/auth/token", data={"username": EMAIL, "password": WRONG_PASSWORD}
    )
    assert wrong.status_code == 401, wrong.text
    signed_in = await client.post("/v1/auth/token", data={"username": EMAIL, "password": PASSWORD})
    assert signed_in.status_code == 200, signed_in.text
    first = signed_in.json()
    refreshed = await client.post(
        "/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert refreshed.status_code == 200, refreshed.text
    tokens = refreshed.json()
    headers = bearer(tokens["access_token"])

    profile = await client.patch(
        "/v1/me",
        json={"display_name": NEW_DISPLAY_NAME, "daily_goal_minutes": 15},
        headers=headers,
    )
    assert profile.status_code == 200, profile.text
    now = utcnow().replace(microsecond=0)
    sessions = [
        listen(variants[0], now, seconds=240, mood_before=2, mood_after=4),
        listen(variants[1], now, seconds=300, completed=True, mood_before=1, mood_after=5),
        # Refused (a future start): rejections are reported, not logged with their content.
        listen(variants[0], now.replace(year=now.year + 1), mood_before=3, mood_after=3),
    ]
    uploaded = await client.post("/v1/me/sessions", json={"sessions": sessions}, headers=headers)
    assert uploaded.status_code == 200, uploaded.text
    article = await make_article(session)
    for kind, slug in (("track", track.slug), ("article", article.slug)):
        favourite = await client.put(f"/v1/me/favorites/{kind}/{slug}", headers=headers)
        assert favourite.status_code == 204, favourite.text
    for path in ("/v1/me/favorites", "/v1/me/stats", "/v1/me/history", "/v1/me/export"):
        response = await client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.text)
    graphql = await client.post(
        "/graphql",
        json={
            "query": "mutation($name: String!) { updateProfile(input: {displayName: $name}) "
            "{ displayName } } ",
            "variables": {"name": NEW_DISPLAY_NAME},
        },
        headers=headers,
    )
    assert graphql.status_code == 200, graphql.text
    viewer = await client.post(
        "/graphql",
        json={"query": "{ viewer { profile { email } stats { averageMoodChange } } }"},
        headers=headers,
    )
    assert viewer.status_code == 200 and "errors" not in viewer.json(), viewer.text

    signed_out = await client.post(
        "/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]}
    )
    assert signed_out.status_code == 204, signed_out.text
    deleted = await client.delete("/v1/me", headers=headers)
    assert deleted.status_code == 204, deleted.text
    return {
        "email": EMAIL,
        "password": PASSWORD,
        "wrong password": WRONG_PASSWORD,
        "display name": DISPLAY_NAME,
        "new display name": NEW_DISPLAY_NAME,
        "first access token": first["access_token"],
        "first refresh token": first["refresh_token"],
        "access token": tokens["access_token"],
        "refresh token": tokens["refresh_token"],
    }


async def test_a_member_flow_logs_no_secret_and_no_mood(
    every_log_record: list[logging.LogRecord],
    client: AsyncClient,
    session: AsyncSession,
    track: Track,
    variants: list[TrackVariant],
) -> None:
    urls: list[str] = []

    async def remember_url(request: Request) -> None:
        urls.append(f"{request.method} {request.url}")

    client.event_hooks["request"].append(remember_url)

    secrets = await member_flow(client, session, track, variants)

    # SQL was logged (statements, not data), so the search below covered it.
    assert any(r.name.startswith("sqlalchemy.engine") for r in every_log_record)
    assert any(r.name == "aiosqlite" for r in every_log_record) or IS_POSTGRES
    for record in every_log_record:
        text = record_text(record)
        for what, secret in secrets.items():
            assert secret not in text, f"{what} logged by {record.name}: {text[:300]}"
        assert not MOOD_WITH_VALUE.search(text), f"a mood logged by {record.name}: {text[:300]}"
    # An access log line holds the method, the path with its query, and the status.
    assert len(urls) >= 15
    for url in urls:
        for what, secret in secrets.items():
            assert secret not in url, f"{what} in a URL: {url}"


def test_sql_echo_is_off_by_default() -> None:
    assert Settings.model_fields["sql_echo"].default is False
    assert create_engine(DATABASE_URL).echo is False


async def test_echoed_sql_shows_statements_without_parameters_or_rows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # SQL_ECHO=true in development, and a result row holding the email.
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'echo.db'}", echo=True)
    caplog.set_level(logging.DEBUG)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("CREATE TABLE person (email TEXT)"))
            await connection.execute(text("INSERT INTO person VALUES (:email)"), {"email": EMAIL})
            rows = (await connection.execute(text("SELECT email FROM person"))).all()
    finally:
        await engine.dispose()

    assert rows == [(EMAIL,)]
    logged = "\n".join(record_text(record) for record in caplog.records)
    assert "INSERT INTO person VALUES" in logged
    assert EMAIL not in logged


async def test_a_failed_statement_does_not_carry_its_parameters(session: AsyncSession) -> None:
    # A database error is logged with its message (handle_unexpected_error), and SQLAlchemy
    # would put the statement's parameters in it.
    with pytest.raises(DBAPIError) as raised:
        await session.execute(
            text("INSERT INTO no_such_table (email) VALUES (:email)"), {"email": EMAIL}
        )

    assert EMAIL not in str(raised.value)
    assert "hidden" in str(raised.value)


def test_mood_pattern_finds_the_shapes_it_names() -> None:
    examples: list[Any] = [
        "mood_before=4",
        "{'mood_after': 2}",
        '{"moodBefore": 5}',
        "mood_before: 3",
    ]
    for example in examples:
        assert MOOD_WITH_VALUE.search(example), example
    assert not MOOD_WITH_VALUE.search("INSERT INTO listening_session (mood_before, mood_after)")
