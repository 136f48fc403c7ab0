"""No member reaches another member's data through any /v1/me route, and every member route
needs a token."""

from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.tracks.models import Track, TrackVariant
from tests.factories import make_article, make_track, variants_of
from tests.helpers import assert_problem
from tests.member_factories import Member, api_routes, app_of, bearer, listen, upload

MEMBER_READS = [
    "/v1/me",
    "/v1/me/history?limit=100",
    "/v1/me/progress?limit=100",
    "/v1/me/continue",
    "/v1/me/stats?range=all",
    "/v1/me/favorites",
    "/v1/me/export",
]


async def snapshot(client: AsyncClient, member: Member) -> dict[str, Any]:
    """Everything the member can read about themselves (less the export's timestamp)."""
    seen = {}
    for url in MEMBER_READS:
        response = await client.get(url, headers=member.headers)
        assert response.status_code == 200, (url, response.text)
        body = response.json()
        if url == "/v1/me/export":
            body.pop("exported_at")
        seen[url] = body
    return seen


@pytest.fixture
async def alice_data(client: AsyncClient, session: AsyncSession, member: Member) -> dict[str, Any]:
    """Member A ("alice"): sessions on a track of her own, a favourite and an article read."""
    track = await make_track(session, durations=(900,))
    variant = (await variants_of(session, track))[0]
    article = await make_article(session)
    sessions = [
        listen(variant, utcnow() - timedelta(days=1), seconds=400, mood_before=1, mood_after=4),
        listen(variant, utcnow() - timedelta(hours=2), seconds=300, end=700),
    ]
    assert (await upload(client, member, sessions))["accepted"] == 2
    for kind, slug in (("track", track.slug), ("article", article.slug)):
        response = await client.put(f"/v1/me/favorites/{kind}/{slug}", headers=member.headers)
        assert response.status_code == 204
    read = await client.post(
        "/v1/me/article-reads",
        json={"article": article.slug, "completed": True},
        headers=member.headers,
    )
    assert read.status_code == 200
    return {"track": track, "article": article, "sessions": sessions}


async def test_b_reads_none_of_a_s_data(
    client: AsyncClient,
    member: Member,
    other_member: Member,
    alice_data: dict[str, Any],
    track: Track,
    variants: list[TrackVariant],
) -> None:
    mine = [listen(variants[0], utcnow() - timedelta(hours=3), seconds=60)]
    await upload(client, other_member, mine)
    b = await snapshot(client, other_member)

    secrets = [
        member.email,
        str(member.id),
        alice_data["track"].slug,
        alice_data["article"].slug,
        *(s["id"] for s in alice_data["sessions"]),
    ]
    for url, body in b.items():
        text = str(body)
        for secret in secrets:
            assert secret not in text, (url, secret)
    assert [item["id"] for item in b["/v1/me/history?limit=100"]["items"]] == [mine[0]["id"]]
    assert [p["track"]["slug"] for p in b["/v1/me/progress?limit=100"]["items"]] == [track.slug]
    assert b["/v1/me/favorites"]["items"] == []
    assert b["/v1/me/stats?range=all"]["total_sessions"] == 1
    assert b["/v1/me/stats?range=all"]["average_mood_change"] is None
    sections = b["/v1/me/export"]["sections"]
    assert sections["article_reads"] == []
    assert len(sections["listening_sessions"]) == 1
    # And A still sees all of hers.
    a = await snapshot(client, member)
    assert len(a["/v1/me/history?limit=100"]["items"]) == 2
    assert a["/v1/me/stats?range=all"]["average_mood_change"] == 3.0


async def test_b_cannot_change_or_probe_a_s_sessions_by_reusing_their_ids(
    client: AsyncClient,
    session: AsyncSession,
    member: Member,
    other_member: Member,
    alice_data: dict[str, Any],
    variants: list[TrackVariant],
) -> None:
    before = await snapshot(client, member)
    first, second = alice_data["sessions"]
    attempts = [
        [first, second],  # identical content
        [
            first | {"seconds_listened": 10, "end_position_seconds": 10, "completed": True},
            second | {"variant_id": variants[0].id, "seconds_listened": 5},
        ],
    ]
    results = []
    for batch in attempts:
        result = await upload(client, other_member, batch)
        assert (result["accepted"], result["duplicates"], result["rejected"]) == (0, 0, 2)
        results += result["results"]
    outcomes = {(r["outcome"], r["reason"], r["message"]) for r in results}
    # Identical or not, the answer is the same: B learns nothing about what A stored.
    assert len(outcomes) == 1
    assert outcomes.pop()[:2] == ("rejected", "conflict")
    for secret in (member.email, alice_data["track"].slug, str(member.id)):
        assert secret not in str(results)

    assert await snapshot(client, member) == before
    b = await snapshot(client, other_member)
    assert b["/v1/me/history?limit=100"]["items"] == []
    assert b["/v1/me/stats?range=all"]["total_sessions"] == 0


async def test_b_cannot_remove_a_s_favourites_or_change_a_s_profile(
    client: AsyncClient, member: Member, other_member: Member, alice_data: dict[str, Any]
) -> None:
    before = await snapshot(client, member)
    slug = alice_data["track"].slug
    assert (
        await client.delete(f"/v1/me/favorites/track/{slug}", headers=other_member.headers)
    ).status_code == 204
    patched = await client.patch(
        "/v1/me",
        json={"display_name": "Mallory", "time_zone": "Asia/Tokyo"},
        headers=other_member.headers,
    )
    assert patched.status_code == 200
    assert patched.json()["id"] == str(other_member.id)
    logout_all = await client.post("/v1/auth/logout-all", headers=other_member.headers)
    assert logout_all.status_code == 204
    # A's favourites, profile and tokens are untouched.
    assert await snapshot(client, member) == before


async def test_b_adding_the_same_favourite_is_b_s_own(
    client: AsyncClient, member: Member, other_member: Member, alice_data: dict[str, Any]
) -> None:
    slug = alice_data["article"].slug
    response = await client.put(f"/v1/me/favorites/article/{slug}", headers=other_member.headers)
    assert response.status_code == 204
    await client.delete(f"/v1/me/favorites/article/{slug}", headers=member.headers)
    b = (await client.get("/v1/me/favorites", headers=other_member.headers)).json()["items"]
    a = (await client.get("/v1/me/favorites", headers=member.headers)).json()["items"]
    assert [item["slug"] for item in b] == [slug]
    assert slug not in [item["slug"] for item in a]


# --- every member route needs a token ---


def is_member_path(path: str) -> bool:
    # Not a bare prefix test: /v1/media is not a member route.
    return path == "/v1/me" or path.startswith("/v1/me/")


def member_routes(client: AsyncClient) -> list[tuple[str, str]]:
    routes = [
        (method, path)
        for method, path in api_routes(app_of(client))
        if is_member_path(path) or path == "/v1/auth/logout-all"
    ]
    # The walk must see what the OpenAPI document lists, or this test would check nothing.
    documented = {
        (method.upper(), path)
        for path, operations in app_of(client).openapi()["paths"].items()
        if is_member_path(path)
        for method in operations
    }
    assert documented <= set(routes)
    assert len(routes) >= 14
    return routes


def concrete(path: str) -> str:
    return path.replace("{kind}", "track").replace("{slug}", "some-track")


@pytest.mark.parametrize(
    "token",
    [None, "not-a-jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."],
    ids=["no token", "garbage", "alg none"],
)
async def test_every_member_route_needs_a_valid_token(
    client: AsyncClient, token: str | None
) -> None:
    headers = bearer(token) if token else {}
    for method, path in member_routes(client):
        # A body that would be invalid: authentication is decided first.
        response = await client.request(
            method, concrete(path), headers=headers, json={} if method != "GET" else None
        )
        assert_problem(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer", (method, path)


async def test_a_revoked_token_opens_no_member_route(
    client: AsyncClient, member: Member, other_member: Member
) -> None:
    token = member.access_token
    assert (await client.post("/v1/auth/logout-all", headers=member.headers)).status_code == 204
    for method, path in member_routes(client):
        response = await client.request(
            method, concrete(path), headers=bearer(token), json={} if method != "GET" else None
        )
        assert_problem(response, 401, "unauthorized")
    # Another member's token still works.
    assert (await client.get("/v1/me", headers=other_member.headers)).status_code == 200
