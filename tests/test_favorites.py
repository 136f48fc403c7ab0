"""Favourites (/v1/me/favorites) and article reads (/v1/me/article-reads)."""

from datetime import datetime
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article
from app.core.publishing import PublicationStatus
from app.progress.models import ArticleRead, Favorite
from tests.factories import in_the_future, make_article, make_collection, make_track
from tests.helpers import assert_problem
from tests.member_factories import Member

FAVORITES = "/v1/me/favorites"


async def favorites(client: AsyncClient, member: Member) -> list[tuple[str, str]]:
    response = await client.get(FAVORITES, headers=member.headers)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"
    return [(item["kind"], item["slug"]) for item in response.json()["items"]]


async def test_add_is_idempotent_and_lists_newest_first(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    article = await make_article(session)
    track = await make_track(session)
    collection = await make_collection(session, items=[track])
    for kind, slug in (
        ("article", article.slug),
        ("track", track.slug),
        ("collection", collection.slug),
    ):
        response = await client.put(f"{FAVORITES}/{kind}/{slug}", headers=member.headers)
        assert response.status_code == 204, response.text
        assert response.content == b""
    assert await favorites(client, member) == [
        ("collection", collection.slug),
        ("track", track.slug),
        ("article", article.slug),
    ]
    # Adding again changes nothing, not even the order: the first time is kept.
    again = await client.put(f"{FAVORITES}/article/{article.slug}", headers=member.headers)
    assert again.status_code == 204
    items = (await client.get(FAVORITES, headers=member.headers)).json()["items"]
    assert [item["slug"] for item in items][-1] == article.slug
    assert items[-1]["title"] == article.title
    times = [datetime.fromisoformat(item["created_at"]) for item in items]
    assert times == sorted(times, reverse=True)
    count = await session.scalar(select(func.count()).where(Favorite.user_id == member.id))
    assert count == 3


async def test_remove_is_idempotent(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    track = await make_track(session)
    other = await make_track(session)
    for slug in (track.slug, other.slug):
        await client.put(f"{FAVORITES}/track/{slug}", headers=member.headers)
    for _ in range(2):
        response = await client.delete(f"{FAVORITES}/track/{track.slug}", headers=member.headers)
        assert response.status_code == 204
    assert await favorites(client, member) == [("track", other.slug)]
    # Removing something never favourited, or of another kind with the same slug, is fine.
    assert (
        await client.delete(f"{FAVORITES}/article/{other.slug}", headers=member.headers)
    ).status_code == 204
    assert (
        await client.delete(f"{FAVORITES}/track/no-such-track", headers=member.headers)
    ).status_code == 204
    assert await favorites(client, member) == [("track", other.slug)]


async def test_the_same_slug_in_two_kinds_is_two_favourites(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    article = await make_article(session, slug="breathing-basics-shared")
    track = await make_track(session, slug="breathing-basics-shared")
    for kind in ("article", "track"):
        response = await client.put(f"{FAVORITES}/{kind}/{article.slug}", headers=member.headers)
        assert response.status_code == 204
    assert set(await favorites(client, member)) == {
        ("article", article.slug),
        ("track", track.slug),
    }
    await client.delete(f"{FAVORITES}/article/{article.slug}", headers=member.headers)
    assert await favorites(client, member) == [("track", track.slug)]


@pytest.mark.parametrize("kind", ["article", "track", "collection"])
async def test_unknown_draft_and_scheduled_content_is_404(
    client: AsyncClient, session: AsyncSession, member: Member, kind: str
) -> None:
    draft = PublicationStatus.draft.value
    hidden: list[Any]
    if kind == "article":
        hidden = [
            await make_article(session, status=draft),
            await make_article(session, published_at=in_the_future()),
        ]
    elif kind == "track":
        hidden = [
            await make_track(session, status=draft),
            await make_track(session, published_at=in_the_future()),
        ]
    else:
        hidden = [
            await make_collection(session, status=draft),
            await make_collection(session, published_at=in_the_future()),
        ]
    for slug in ("does-not-exist", *(item.slug for item in hidden)):
        response = await client.put(f"{FAVORITES}/{kind}/{slug}", headers=member.headers)
        body = assert_problem(response, 404, "not-found")
        assert slug in body["detail"]
    assert await favorites(client, member) == []


@pytest.mark.parametrize("kind", ["podcast", "Track", "tracks", "1"])
async def test_an_unknown_kind_is_422(client: AsyncClient, member: Member, kind: str) -> None:
    response = await client.put(f"{FAVORITES}/{kind}/anything", headers=member.headers)
    assert_problem(response, 422, "invalid-request", names=("kind",))
    response = await client.delete(f"{FAVORITES}/{kind}/anything", headers=member.headers)
    assert_problem(response, 422, "invalid-request", names=("kind",))


@pytest.mark.parametrize("slug", ["a" * 121, "sleep%00well", "tab%09here"])
async def test_impossible_slugs_are_422(client: AsyncClient, member: Member, slug: str) -> None:
    for method in ("PUT", "DELETE"):
        response = await client.request(method, f"{FAVORITES}/track/{slug}", headers=member.headers)
        assert_problem(response, 422, "invalid-request", names=("slug",))


async def test_favourites_whose_content_is_withdrawn_drop_out(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    kept = await make_article(session)
    withdrawn = await make_article(session)
    for article in (kept, withdrawn):
        await client.put(f"{FAVORITES}/article/{article.slug}", headers=member.headers)
    await session.execute(
        update(Article)
        .where(Article.id == withdrawn.id)
        .values(status=PublicationStatus.archived.value)
    )
    await session.flush()
    assert await favorites(client, member) == [("article", kept.slug)]


# --- article reads ---


async def test_article_reads_keep_the_first_read_and_completion_is_sticky(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    article = await make_article(session)
    url = "/v1/me/article-reads"
    opened = await client.post(url, json={"article": article.slug}, headers=member.headers)
    assert opened.status_code == 200, opened.text
    assert opened.headers["cache-control"] == "private, no-store"
    first = opened.json()
    assert first["article_slug"] == article.slug
    assert first["completed_at"] is None
    first_read_at = datetime.fromisoformat(first["first_read_at"])

    finished = (
        await client.post(
            url, json={"article": article.slug, "completed": True}, headers=member.headers
        )
    ).json()
    assert datetime.fromisoformat(finished["first_read_at"]) == first_read_at
    completed_at = datetime.fromisoformat(finished["completed_at"])
    assert completed_at >= first_read_at

    for completed in (False, True):
        again = (
            await client.post(
                url, json={"article": article.slug, "completed": completed}, headers=member.headers
            )
        ).json()
        assert datetime.fromisoformat(again["first_read_at"]) == first_read_at
        assert datetime.fromisoformat(again["completed_at"]) == completed_at

    rows = (
        await session.scalars(
            select(ArticleRead)
            .where(ArticleRead.user_id == member.id)
            .execution_options(populate_existing=True)
        )
    ).all()
    assert len(rows) == 1
    assert rows[0].first_read_at == first_read_at
    assert rows[0].completed_at == completed_at


async def test_article_reads_of_unknown_or_unpublished_articles_are_404(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    draft = await make_article(session, status=PublicationStatus.draft.value)
    for slug in ("no-such-article", draft.slug):
        response = await client.post(
            "/v1/me/article-reads", json={"article": slug}, headers=member.headers
        )
        assert_problem(response, 404, "not-found")
    count = await session.scalar(select(func.count()).where(ArticleRead.user_id == member.id))
    assert count == 0


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"article": ""},
        {"article": "x", "completed": "yes please"},
        {"article": "x", "read_at": "2026-01-01T00:00:00Z"},
        {"article": "sleep\x00well"},
        {"article": "a" * 121},
    ],
)
async def test_article_read_bodies_are_validated(
    client: AsyncClient, member: Member, body: dict[str, object]
) -> None:
    response = await client.post("/v1/me/article-reads", json=body, headers=member.headers)
    assert_problem(response, 422, "invalid-request")
