"""Small factories for member tests: users with a ready access token, and listening sessions.

Users are inserted directly (one argon2 hash per test run, shared), and their access tokens are
minted with the app's own `create_access_token`, so only the tests about signing in pay for it.
"""

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from httpx import AsyncClient
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Role, User
from app.core.config import Settings
from app.core.security import create_access_token, password_hasher
from app.progress import service as progress
from app.progress.models import (
    BatchResult,
    DailyActivity,
    ListeningSession,
    ListeningSessionBatch,
    TrackProgress,
)
from app.tracks.models import TrackVariant

# Passes every password rule; shared by every factory-made member.
PASSWORD = "quiet-harbour-lantern-42"
CLOCK_SKEW = timedelta(minutes=5)
_sequence = itertools.count(1)


@cache
def password_hash() -> str:
    return password_hasher.hash(PASSWORD)


def unique_email(prefix: str = "member") -> str:
    return f"{prefix}-{next(_sequence):05d}-{uuid.uuid4().hex[:6]}@example.com"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Member:
    """A user row plus what a phone would hold after signing in."""

    user: User
    access_token: str
    password: str = PASSWORD
    refresh_token: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> uuid.UUID:
        return self.user.id

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.access_token)


async def make_user(
    session: AsyncSession,
    *,
    email: str | None = None,
    display_name: str = "Robin",
    role: Role = Role.member,
    time_zone: str = "UTC",
    locale: str = "en",
    is_premium: bool = False,
    show_streaks: bool = True,
    daily_goal_minutes: int = 10,
) -> User:
    user = User(
        email=email or unique_email(),
        password_hash=password_hash(),
        display_name=display_name,
        role=role,
        time_zone=time_zone,
        locale=locale,
        is_premium=is_premium,
        show_streaks=show_streaks,
        daily_goal_minutes=daily_goal_minutes,
    )
    session.add(user)
    await session.flush()
    return user


async def make_member(session: AsyncSession, settings: Settings, **overrides: Any) -> Member:
    user = await make_user(session, **overrides)
    token = create_access_token(settings, user_id=user.id, token_version=user.token_version)
    return Member(user=user, access_token=token)


def app_of(client: AsyncClient) -> FastAPI:
    """The app behind the `client` fixture (each test gets its own)."""
    transport: Any = client._transport
    app: FastAPI = transport.app
    return app


def api_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) the app serves, including routes of included routers.

    FastAPI now includes routers lazily, so `app.routes` alone holds `_IncludedRouter`
    entries rather than the routes inside them; `iter_route_contexts` expands them.
    """
    found = []
    for route in iter_route_contexts(app.routes):
        for method in sorted(route.methods or ()):
            if route.path and method != "HEAD":
                found.append((method, route.path))
    return found


def use_settings(client: AsyncClient, **changes: Any) -> Settings:
    """Change settings for this test's app only; the session-wide fixture stays untouched."""
    app = app_of(client)
    changed: Settings = app.state.settings.model_copy(update=changes)
    app.state.settings = changed
    return changed


def listen(
    variant: TrackVariant | int,
    started_at: datetime,
    *,
    seconds: int = 120,
    end: int | None = None,
    completed: bool = False,
    mood_before: int | None = None,
    mood_after: int | None = None,
    session_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """One session as the phone sends it (JSON-ready)."""
    variant_id = variant if isinstance(variant, int) else variant.id
    return {
        "id": str(session_id or uuid.uuid4()),
        "variant_id": variant_id,
        "started_at": started_at.isoformat(),
        "seconds_listened": seconds,
        "end_position_seconds": seconds if end is None else end,
        "completed": completed,
        "mood_before": mood_before,
        "mood_after": mood_after,
    }


async def record(
    session: AsyncSession, user: User, sessions: list[dict[str, Any]], *, now: datetime
) -> BatchResult:
    """Upload through the service with an explicit `now`, as the REST route does."""
    return await progress.record_listening_sessions(
        session=session,
        user=user,
        batch=ListeningSessionBatch.model_validate({"sessions": sessions}),
        now=now,
        clock_skew=CLOCK_SKEW,
    )


async def sign_in(client: AsyncClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    """POST the OAuth2 password form; the token pair."""
    response = await client.post("/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def upload(client: AsyncClient, member: Member, sessions: list[dict[str, Any]]) -> Any:
    response = await client.post(
        "/v1/me/sessions", json={"sessions": sessions}, headers=member.headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def forget_listening(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Remove a member's sessions and everything derived from them."""
    for model in (ListeningSession, TrackProgress, DailyActivity):
        await session.execute(delete(model).where(model.user_id == user_id))
    await session.flush()


async def daily_rows(session: AsyncSession, user_id: uuid.UUID) -> dict[date, tuple[int, int]]:
    rows = await session.scalars(
        select(DailyActivity)
        .where(DailyActivity.user_id == user_id)
        .execution_options(populate_existing=True)
    )
    return {row.local_date: (row.seconds_listened, row.sessions) for row in rows}
