"""Delta sync: a first sync reproduces the catalogue; later syncs carry only changes,
deletions as tombstones, and scheduled items once they go live; tokens are tamper-evident."""

from datetime import timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article
from app.collections.models import Collection
from app.core.config import get_settings
from app.core.db import utcnow
from app.core.locales import CONTENT_LOCALES
from app.core.pagination import encode_cursor
from app.core.publishing import PublicationStatus
from app.core.signing import sign
from app.sync.feed import SYNC_PURPOSE, sync_catalogue
from app.sync.models import ContentChangeAction
from app.sync.service import record_change_with_dependents, record_content_change
from app.taxonomy.models import Person, Topic
from app.tracks.models import Track
from app.tracks.service import TRACK_SORTS
from tests.factories import make_article
from tests.helpers import assert_problem


async def full_sync(client: AsyncClient, limit: int = 7) -> tuple[dict[tuple[str, int], Any], str]:
    """Follow a sync to its end, applying items as a phone would."""
    store: dict[tuple[str, int], Any] = {}
    token = None
    for _ in range(200):
        params: dict[str, Any] = {"limit": limit}
        if token:
            params["token"] = token
        response = await client.get("/v1/sync", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        for item in page["items"]:
            key = (item["type"], item["id"])
            if item["action"] == "upsert":
                store[key] = item["data"]
            else:
                store.pop(key, None)
        token = page["next_sync_token"]
        if not page["has_more"]:
            return store, token
    raise AssertionError("sync did not finish")


async def apply_delta(
    client: AsyncClient, store: dict[tuple[str, int], Any], token: str
) -> tuple[list[dict[str, Any]], str]:
    items: list[dict[str, Any]] = []
    for _ in range(50):
        page = (await client.get("/v1/sync", params={"token": token, "limit": 3})).json()
        items += page["items"]
        for item in page["items"]:
            key = (item["type"], item["id"])
            if item["action"] == "upsert":
                store[key] = item["data"]
            else:
                store.pop(key, None)
        token = page["next_sync_token"]
        if not page["has_more"]:
            return items, token
    raise AssertionError("delta did not finish")


async def published_catalogue(client: AsyncClient) -> dict[tuple[str, int], Any]:
    """What the detail endpoints serve now, for every published entry."""
    expected: dict[tuple[str, int], Any] = {}
    for entry_type, path in (
        ("article", "articles"),
        ("track", "tracks"),
        ("collection", "collections"),
    ):
        for locale in CONTENT_LOCALES:
            listing = (
                await client.get(f"/v1/{path}", params={"limit": 100, "locale": locale})
            ).json()["items"]
            for item in listing:
                expected[(entry_type, item["id"])] = (
                    await client.get(f"/v1/{path}/{item['slug']}")
                ).json()
    return expected


async def test_first_sync_reproduces_the_catalogue_exactly(
    client: AsyncClient, session: AsyncSession, demo: dict[str, int]
) -> None:
    store, _token = await full_sync(client)
    expected = await published_catalogue(client)
    synced = {
        key: value for key, value in store.items() if key[0] in ("article", "track", "collection")
    }
    assert synced == expected
    people = (await session.scalars(select(Person.id))).all()
    topics = (await session.scalars(select(Topic.id))).all()
    assert {k[1] for k in store if k[0] == "person"} == set(people)
    assert {k[1] for k in store if k[0] == "topic"} == set(topics)
    drafts = (
        await session.scalars(
            select(Article.id).where(Article.status != PublicationStatus.published)
        )
    ).all()
    assert drafts and not any(("article", draft) in store for draft in drafts)


async def test_a_second_sync_without_changes_is_empty(
    client: AsyncClient, demo: dict[str, int]
) -> None:
    _store, token = await full_sync(client, limit=50)
    page = (await client.get("/v1/sync", params={"token": token})).json()
    assert page == {"items": [], "has_more": False, "next_sync_token": page["next_sync_token"]}


async def test_deltas_carry_edits_and_deletions(
    client: AsyncClient, session: AsyncSession, demo: dict[str, int]
) -> None:
    store, token = await full_sync(client, limit=50)
    article = await session.scalar(
        select(Article).where(Article.status == PublicationStatus.published).limit(1)
    )
    track = await session.scalar(select(Track).limit(1))
    collection = await session.scalar(select(Collection).limit(1))
    assert article and track and collection
    # An edit, an unpublication, and a deletion.
    article.title = "A clearer title"
    article.updated_at = utcnow()
    await record_change_with_dependents(
        session,
        entity_type="article",
        entity_id=article.id,
        slug=article.slug,
        action=ContentChangeAction.upsert,
    )
    collection.status = PublicationStatus.archived
    record_content_change(
        session,
        entity_type="collection",
        entity_id=collection.id,
        slug=collection.slug,
        action=ContentChangeAction.upsert,
    )
    track_id, track_slug = track.id, track.slug
    # Changes are recorded before the delete, while the collections still link the track.
    await record_change_with_dependents(
        session,
        entity_type="track",
        entity_id=track_id,
        slug=track_slug,
        action=ContentChangeAction.delete,
    )
    await session.execute(delete(Track).where(Track.id == track_id))
    await session.commit()

    items, token = await apply_delta(client, store, token)
    actions = {(i["type"], i["id"]): i["action"] for i in items}
    assert actions[("article", article.id)] == "upsert"
    assert actions[("collection", collection.id)] == "delete"
    assert actions[("track", track_id)] == "delete"
    assert store[("article", article.id)]["title"] == "A clearer title"
    # After the delta the phone holds exactly what the API serves.
    expected = await published_catalogue(client)
    assert {
        k: v for k, v in store.items() if k[0] in ("article", "track", "collection")
    } == expected
    again = (await client.get("/v1/sync", params={"token": token})).json()
    assert again["items"] == []


async def test_scheduled_items_arrive_when_they_go_live(session: AsyncSession) -> None:
    now = utcnow()
    first = await sync_catalogue(session=session, token=None, limit=500, now=now)
    while first.has_more:
        first = await sync_catalogue(
            session=session, token=first.next_sync_token, limit=500, now=now
        )
    live_at = now + timedelta(hours=3)
    article = await make_article(session, slug="goes-live-later", published_at=live_at)
    record_content_change(
        session,
        entity_type="article",
        entity_id=article.id,
        slug=article.slug,
        action=ContentChangeAction.upsert,
        visible_at=live_at,
    )
    # Something else changes now, with a newer version than the scheduled one.
    other = await make_article(session, slug="published-now", record_change=True)
    await session.flush()
    before = await sync_catalogue(
        session=session, token=first.next_sync_token, limit=500, now=now + timedelta(minutes=1)
    )
    assert [item.slug for item in before.items] == [other.slug]
    after = await sync_catalogue(
        session=session, token=before.next_sync_token, limit=500, now=live_at + timedelta(minutes=1)
    )
    assert [(item.slug, item.action) for item in after.items] == [("goes-live-later", "upsert")]


async def test_bad_tokens_are_422(client: AsyncClient) -> None:
    secret = get_settings().secret_key
    expired = sign(
        secret,
        SYNC_PURPOSE,
        {
            "phase": "delta",
            "version": 0,
            "seen": utcnow().isoformat(),
            "after": 0,
            "issued": (utcnow() - timedelta(days=400)).isoformat(),
        },
    )
    cursor = encode_cursor(secret, TRACK_SORTS["-published_at"], "2026-01-01T00:00:00+00:00", 1)
    garbage_payload = sign(secret, SYNC_PURPOSE, ["not", "a", "dict"])
    for token, reason in (
        ("garbage", "malformed"),
        (sign("another-secret", SYNC_PURPOSE, {"phase": "delta"}), "not issued by this API"),
        (expired, "expired"),
        (cursor, "not issued by this API"),
        (garbage_payload, "malformed"),
    ):
        response = await client.get("/v1/sync", params={"token": token})
        assert_problem(response, 422, "invalid-request", names=("token",))
        assert reason in response.json()["detail"], (token, response.json())
        assert response.json()["errors"][0]["name"] == "token"
    for params in ({"limit": 0}, {"limit": 501}, {"cursor": "x"}):
        assert_problem(await client.get("/v1/sync", params=params), 422, "invalid-request")
