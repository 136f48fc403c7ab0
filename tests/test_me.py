"""The member's own profile: GET and PATCH /v1/me."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import User
from tests.factories import make_track, variants_of
from tests.helpers import assert_problem
from tests.member_factories import Member


async def test_me_returns_the_profile_and_nothing_secret(
    client: AsyncClient, member: Member
) -> None:
    response = await client.get("/v1/me", headers=member.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == str(member.id)
    assert body["email"] == member.email
    assert body["display_name"] == "Ada"
    assert body["role"] == "member"
    assert body["time_zone"] == "UTC"
    assert body["daily_goal_minutes"] == 10
    assert body["show_streaks"] is True
    assert body["is_premium"] is False
    assert not {"password_hash", "token_version", "person_id"} & body.keys()
    assert response.headers["cache-control"] == "private, no-store"
    assert "authorization" in response.headers["vary"].lower()


async def test_patch_changes_every_editable_field(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    changes = {
        "display_name": "Ada L.",
        "time_zone": "America/Los_Angeles",
        "locale": "es-MX",
        "daily_goal_minutes": 25,
        "show_streaks": False,
    }
    response = await client.patch("/v1/me", json=changes, headers=member.headers)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"
    assert {key: response.json()[key] for key in changes} == changes
    again = (await client.get("/v1/me", headers=member.headers)).json()
    assert {key: again[key] for key in changes} == changes
    stored = (
        await session.execute(
            select(User.display_name, User.time_zone, User.locale).where(User.id == member.id)
        )
    ).one()
    assert tuple(stored) == ("Ada L.", "America/Los_Angeles", "es-MX")


async def test_patch_changes_only_the_fields_sent(client: AsyncClient, member: Member) -> None:
    before = (await client.get("/v1/me", headers=member.headers)).json()
    response = await client.patch("/v1/me", json={"daily_goal_minutes": 5}, headers=member.headers)
    assert response.status_code == 200, response.text
    after = response.json()
    assert after["daily_goal_minutes"] == 5
    assert after | {"daily_goal_minutes": 10} == before
    empty = await client.patch("/v1/me", json={}, headers=member.headers)
    assert empty.status_code == 200
    assert empty.json() == after


@pytest.mark.parametrize(
    "change",
    [
        {"role": "admin"},
        {"is_premium": True},
        {"email": "someone-else@example.com"},
        {"token_version": 0},
        {"password_hash": "x"},
        {"id": "00000000-0000-0000-0000-000000000000"},
        {"favourite_colour": "teal"},
    ],
)
async def test_patch_refuses_fields_the_member_may_not_change(
    client: AsyncClient, session: AsyncSession, member: Member, change: dict[str, Any]
) -> None:
    # Sent alongside a legitimate change: the whole request is refused, nothing is applied.
    response = await client.patch(
        "/v1/me", json=change | {"display_name": "Changed"}, headers=member.headers
    )
    body = assert_problem(response, 422, "invalid-request", names=tuple(change))
    assert "Unknown body parameter" in body["errors"][0]["message"]
    row = (
        await session.execute(
            select(User.role, User.is_premium, User.email, User.display_name).where(
                User.id == member.id
            )
        )
    ).one()
    assert (row.role, row.is_premium, row.email, row.display_name) == (
        "member",
        False,
        member.email,
        "Ada",
    )


@pytest.mark.parametrize(
    "change",
    [
        {"time_zone": "Moon/Tranquility_Base"},
        {"time_zone": "Europe"},
        {"time_zone": ""},
        {"locale": "english"},
        {"locale": "EN"},
        {"daily_goal_minutes": 0},
        {"daily_goal_minutes": 601},
        {"daily_goal_minutes": "lots"},
        {"display_name": ""},
        {"display_name": "   "},
        {"display_name": "Ada\x00"},
        {"display_name": "Ada\nLovelace"},
        {"display_name": "x" * 81},
        {"show_streaks": "sometimes"},
    ],
)
async def test_patch_validates_values(
    client: AsyncClient, member: Member, change: dict[str, Any]
) -> None:
    response = await client.patch("/v1/me", json=change, headers=member.headers)
    assert_problem(response, 422, "invalid-request", names=tuple(change))
    profile = (await client.get("/v1/me", headers=member.headers)).json()
    assert profile["time_zone"] == "UTC"
    assert profile["locale"] == "en"
    assert profile["daily_goal_minutes"] == 10
    assert profile["display_name"] == "Ada"


async def test_bad_time_zone_message_names_the_expected_form(
    client: AsyncClient, member: Member
) -> None:
    response = await client.patch("/v1/me", json={"time_zone": "GMT+25"}, headers=member.headers)
    body = assert_problem(response, 422, "invalid-request", names=("time_zone",))
    assert "Europe/London" in body["detail"]


async def test_me_needs_a_token(client: AsyncClient) -> None:
    response = await client.get("/v1/me")
    body = assert_problem(response, 401, "unauthorized")
    assert "Bearer" in body["detail"]
    assert response.headers["www-authenticate"] == "Bearer"
    assert_problem(await client.patch("/v1/me", json={"display_name": "x"}), 401, "unauthorized")


# --- premium entitlement ---


def audio_urls(body: dict[str, Any]) -> list[str | None]:
    return [variant["audio_url"] for variant in body["variants"]]


def not_shared_cacheable(response: Any) -> bool:
    """A caller-specific answer must not be served to others by a shared cache."""
    cache_control = response.headers.get("cache-control", "")
    varies = "authorization" in response.headers.get("vary", "").lower()
    return "public" not in cache_control or varies or "private" in cache_control


async def test_premium_audio_is_only_for_premium_members(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    premium = await make_track(session, is_premium=True, durations=(300, 600))
    free = await make_track(session, is_premium=False, durations=(300,))
    url = f"/v1/tracks/{premium.slug}"

    anonymous = await client.get(url)
    assert anonymous.status_code == 200, anonymous.text
    assert anonymous.json()["is_premium"] is True
    assert audio_urls(anonymous.json()) == [None, None]
    as_member = await client.get(url, headers=member.headers)
    assert audio_urls(as_member.json()) == [None, None]
    # Free audio plays for everyone.
    assert all(audio_urls((await client.get(f"/v1/tracks/{free.slug}")).json()))

    member.user.is_premium = True  # the entitlement is set by billing, not by the member
    await session.flush()
    entitled = await client.get(url, headers=member.headers)
    assert entitled.status_code == 200
    urls = audio_urls(entitled.json())
    assert all(isinstance(u, str) and u.startswith("https://") for u in urls)
    assert not_shared_cacheable(entitled)
    assert (await client.get("/v1/me", headers=member.headers)).json()["is_premium"] is True
    # Still nothing for anyone else.
    assert audio_urls((await client.get(url)).json()) == [None, None]


async def test_premium_transcripts_follow_the_same_rule(
    client: AsyncClient, session: AsyncSession, member: Member, premium_member: Member
) -> None:
    premium = await make_track(session, is_premium=True, durations=(300,))
    variant = (await variants_of(session, premium))[0]
    url = f"/v1/tracks/{premium.slug}/variants/{variant.id}/transcript"
    assert_problem(await client.get(url, headers=member.headers), 403, "forbidden")
    entitled = await client.get(url, headers=premium_member.headers)
    assert entitled.status_code == 200, entitled.text
    assert entitled.text.startswith("WEBVTT")
