"""Fixtures for the member tests: members with bearer headers, staff, and a playable track.

Registered from tests/conftest.py with `pytest_plugins`. Only `registered_member` goes through
/v1/auth/register and /v1/auth/token (two argon2 runs); the others are inserted directly.
"""

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Role, User
from app.core.config import Settings
from app.tracks.models import Track, TrackVariant
from tests.factories import make_track, variants_of
from tests.member_factories import PASSWORD, Member, make_member, sign_in, unique_email


@pytest.fixture
async def member(session: AsyncSession, settings: Settings) -> Member:
    return await make_member(session, settings, display_name="Ada")


@pytest.fixture
async def other_member(session: AsyncSession, settings: Settings) -> Member:
    return await make_member(session, settings, display_name="Bea")


@pytest.fixture
async def premium_member(session: AsyncSession, settings: Settings) -> Member:
    return await make_member(session, settings, display_name="Cy", is_premium=True)


@pytest.fixture
async def staff_user(session: AsyncSession, settings: Settings) -> Member:
    return await make_member(session, settings, display_name="Eddie Editor", role=Role.editor)


@pytest.fixture
async def admin_user(session: AsyncSession, settings: Settings) -> Member:
    return await make_member(session, settings, display_name="Ana Admin", role=Role.admin)


@pytest.fixture
async def registered_member(client: AsyncClient, session: AsyncSession) -> Member:
    """A member who registered and signed in through the API, holding both tokens."""
    email = unique_email("registered")
    response = await client.post(
        "/v1/auth/register",
        json={"email": email, "password": PASSWORD, "display_name": "Reg", "time_zone": "UTC"},
    )
    assert response.status_code == 201, response.text
    tokens = await sign_in(client, email, PASSWORD)
    user = await session.scalar(select(User).where(User.email == email))
    assert user is not None
    return Member(
        user=user,
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
    )


@pytest.fixture
async def track(session: AsyncSession) -> Track:
    """A published track with a 300 s and a 600 s variant."""
    return await make_track(session, durations=(300, 600))


@pytest.fixture
async def variants(session: AsyncSession, track: Track) -> list[TrackVariant]:
    return await variants_of(session, track)
