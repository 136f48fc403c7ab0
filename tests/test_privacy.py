"""A member's rights of access and erasure: GET /v1/me/export and DELETE /v1/me.

The tables holding member data are found by walking the metadata for foreign keys to
`user.id`, never from a hand-written list, so a new member table cannot be forgotten.
"""

import hashlib
import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

import app.models  # noqa: F401 - registers every table in the metadata
from app.accounts.models import User
from app.accounts.privacy import MEMBER_TABLES
from app.core.db import utcnow
from app.tracks.models import Track, TrackVariant
from tests.factories import make_article
from tests.helpers import assert_problem
from tests.member_factories import Member, api_routes, app_of, bearer, listen, sign_in, upload


def tables_referencing_users() -> dict[Table, list[str]]:
    """Every table with a foreign key to user.id, and the columns that hold it."""
    user_id = SQLModel.metadata.tables["user"].c.id
    found: dict[Table, list[str]] = {}
    for table in SQLModel.metadata.tables.values():
        for fk in table.foreign_keys:
            if fk.column is user_id:
                found.setdefault(table, []).append(fk.parent.name)
    return found


TOKEN = "/v1/auth/token"


async def rows_of(session: AsyncSession, user_id: uuid.UUID) -> dict[str, int]:
    counts = {}
    for table, columns in tables_referencing_users().items():
        for column in columns:
            count = await session.scalar(
                select(func.count()).select_from(table).where(table.c[column] == user_id)
            )
            counts[f"{table.name}.{column}"] = int(count or 0)
    return counts


async def give_data_everywhere(
    client: AsyncClient, session: AsyncSession, member: Member, variant: TrackVariant, track: Track
) -> dict[str, Any]:
    """One row or more in every member table: a sign-in, sessions, favourites, a read."""
    tokens = await sign_in(client, member.email)
    await upload(
        client,
        member,
        [
            listen(
                variant, utcnow().replace(microsecond=0), seconds=100, mood_before=2, mood_after=3
            )
        ],
    )
    article = await make_article(session)
    for kind, slug in (("track", track.slug), ("article", article.slug)):
        response = await client.put(f"/v1/me/favorites/{kind}/{slug}", headers=member.headers)
        assert response.status_code == 204
    read = await client.post(
        "/v1/me/article-reads", json={"article": article.slug}, headers=member.headers
    )
    assert read.status_code == 200
    return tokens


def test_every_table_with_member_data_is_in_the_privacy_registry() -> None:
    referencing = tables_referencing_users()
    registered = {model.__table__ for model in MEMBER_TABLES}
    missing = sorted(table.name for table in referencing if table not in registered)
    assert not missing, f"add these tables to app.accounts.privacy.MEMBER_TABLES: {missing}"
    assert referencing, "the metadata walk found nothing: are the models imported?"
    # And the registry names nothing that is not member data.
    assert registered <= set(referencing)
    sections = [section for section, _excluded in MEMBER_TABLES.values()]
    assert len(sections) == len(set(sections))


async def test_export_holds_every_section_and_no_secrets(
    client: AsyncClient,
    session: AsyncSession,
    member: Member,
    other_member: Member,
    track: Track,
    variants: list[TrackVariant],
) -> None:
    tokens = await give_data_everywhere(client, session, member, variants[0], track)
    await give_data_everywhere(client, session, other_member, variants[1], track)
    response = await client.get("/v1/me/export", headers=member.headers)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"
    body = response.json()
    assert body["profile"]["id"] == str(member.id)
    assert body["profile"]["email"] == member.email
    assert body["exported_at"]
    expected_sections = {section for section, _ in MEMBER_TABLES.values()}
    assert set(body["sections"]) == expected_sections

    stored = await rows_of(session, member.id)
    for model, (section, excluded) in MEMBER_TABLES.items():
        records = body["sections"][section]
        assert records, f"section {section} is empty"
        assert len(records) == stored[f"{model.__tablename__}.user_id"], section
        for record in records:
            assert "user_id" not in record
            assert not excluded & record.keys()
    # Only this member's data: the other member listened on the other variant.
    sessions = body["sections"]["listening_sessions"]
    assert {s["variant_id"] for s in sessions} == {variants[0].id}
    # No token, and no token hash, anywhere in the export.
    for secret in (tokens["refresh_token"], tokens["access_token"], member.access_token):
        assert secret not in response.text
        assert hashlib.sha256(secret.encode()).hexdigest() not in response.text
    assert "password" not in response.text


async def test_erasure_removes_every_member_row_and_signs_out_everywhere(
    client: AsyncClient,
    session: AsyncSession,
    member: Member,
    other_member: Member,
    track: Track,
    variants: list[TrackVariant],
) -> None:
    tokens = await give_data_everywhere(client, session, member, variants[0], track)
    await give_data_everywhere(client, session, other_member, variants[0], track)
    before = await rows_of(session, member.id)
    assert all(before.values()), before  # the test really filled every member table
    others_before = await rows_of(session, other_member.id)

    response = await client.delete("/v1/me", headers=member.headers)
    assert response.status_code == 204, response.text
    assert response.headers["cache-control"] == "private, no-store"

    after = await rows_of(session, member.id)
    assert after == dict.fromkeys(before, 0)
    assert await session.scalar(select(func.count()).where(User.id == member.id)) == 0
    # Nobody else lost anything.
    assert await rows_of(session, other_member.id) == others_before
    # Every token is dead: this device, the other sign-in, and the refresh token.
    for access in (member.access_token, tokens["access_token"]):
        assert_problem(await client.get("/v1/me", headers=bearer(access)), 401, "unauthorized")
    refresh = await client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert_problem(refresh, 401, "unauthorized")
    gone = await client.post(TOKEN, data={"username": member.email, "password": member.password})
    assert_problem(gone, 401, "unauthorized")
    # Deleting twice is not possible: the token no longer names anyone.
    assert_problem(await client.delete("/v1/me", headers=member.headers), 401, "unauthorized")


async def test_every_member_read_is_private_and_not_stored(
    client: AsyncClient, member: Member
) -> None:
    paths = sorted(
        path
        for method, path in api_routes(app_of(client))
        if path.startswith("/v1/me") and method == "GET" and "{" not in path
    )
    assert {"/v1/me", "/v1/me/export", "/v1/me/stats", "/v1/me/history"} <= set(paths)
    for path in paths:
        response = await client.get(path, headers=member.headers)
        assert response.status_code == 200, (path, response.text)
        assert response.headers["cache-control"] == "private, no-store", path
        assert "authorization" in response.headers["vary"].lower(), path


def viewer_fields() -> list[str]:
    from app.graphql.schema import build_schema

    viewer = build_schema(production=False)._schema.type_map["Viewer"]
    return sorted(viewer.fields)


async def test_every_member_graphql_answer_is_private_and_not_stored(
    client: AsyncClient, member: Member, track: Track
) -> None:
    fields = viewer_fields()
    assert {"profile", "stats", "history", "favorites"} <= set(fields)
    documents = [f"{{ viewer {{ {field} {{ __typename }} }} }}" for field in fields]
    documents += [
        "{ home { streak { currentStreakDays } } }",
        'mutation { updateProfile(input: {displayName: "Private"}) { displayName } }',
        f'mutation {{ addFavorite(kind: track, slug: "{track.slug}") }}',
    ]
    for document in documents:
        response = await client.post("/graphql", json={"query": document}, headers=member.headers)
        assert response.status_code == 200, (document, response.text)
        assert "errors" not in response.json(), (document, response.text)
        assert response.headers["cache-control"] == "private, no-store", document
        assert "authorization" in response.headers["vary"].lower(), document
        # Also when asked by GET, which the public cache would otherwise consider.
        if not document.startswith("mutation"):
            response = await client.get(
                "/graphql", params={"query": document}, headers=member.headers
            )
            assert response.status_code == 200, (document, response.text)
            assert response.headers["cache-control"] == "private, no-store", document
