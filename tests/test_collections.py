"""GET /v1/collections and /v1/collections/{slug}: ordered published items and their totals."""

from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.collections.models import CollectionKind
from app.core.db import utcnow
from app.core.publishing import PublicationStatus
from tests.factories import (
    a_while_ago,
    in_the_future,
    make_article,
    make_collection,
    make_topic,
    make_track,
)
from tests.helpers import assert_problem, get_json, slugs

HIDDEN_STATES: dict[str, dict[str, Any]] = {
    "draft": {"status": PublicationStatus.draft.value},
    "in_review": {"status": PublicationStatus.in_review.value},
    "approved": {"status": PublicationStatus.approved.value},
    "archived": {"status": PublicationStatus.archived.value},
    "scheduled": {"status": PublicationStatus.published.value, "published_at": in_the_future()},
}

# 200 words read in one minute: the factory body is short, so each article reads in 1 minute.
ONE_MINUTE = 60


async def test_detail_serves_items_in_order_with_total_duration(
    client: AsyncClient, session: AsyncSession
) -> None:
    breathing = await make_track(session, durations=[600, 180])
    article = await make_article(session)
    sleep = await make_track(session, durations=[900])
    topic = await make_topic(session, name="Sleep")
    collection = await make_collection(
        session, items=[breathing, article, sleep], topics=[topic], kind=CollectionKind.series
    )

    body = await get_json(client, f"/v1/collections/{collection.slug}")

    assert body["slug"] == collection.slug
    assert body["kind"] == "series"
    assert body["topics"] == [{"slug": topic.slug, "name": "Sleep"}]
    assert [(item["position"], item["kind"]) for item in body["items"]] == [
        (0, "track"),
        (1, "article"),
        (2, "track"),
    ]
    assert body["items"][0]["track"]["slug"] == breathing.slug
    assert body["items"][0]["article"] is None
    assert body["items"][1]["article"]["slug"] == article.slug
    assert body["items"][1]["track"] is None
    assert body["items"][2]["track"]["slug"] == sleep.slug
    assert body["item_count"] == 3
    # Each track counts with its shortest variant; each article with its reading time.
    assert body["total_duration_seconds"] == 180 + ONE_MINUTE + 900


async def test_list_totals_match_the_detail(client: AsyncClient, session: AsyncSession) -> None:
    first = await make_collection(
        session,
        items=[await make_track(session, durations=[300, 600]), await make_article(session)],
        published_at=a_while_ago(5),
    )
    empty = await make_collection(session, published_at=a_while_ago(10))

    body = await get_json(client, "/v1/collections")

    assert [item["slug"] for item in body["items"]] == [first.slug, empty.slug]
    listed = {item["slug"]: item for item in body["items"]}
    assert (listed[first.slug]["item_count"], listed[first.slug]["total_duration_seconds"]) == (
        2,
        300 + ONE_MINUTE,
    )
    assert (listed[empty.slug]["item_count"], listed[empty.slug]["total_duration_seconds"]) == (
        0,
        0,
    )
    assert "items" not in listed[first.slug]
    for slug, summary in listed.items():
        detail = await get_json(client, f"/v1/collections/{slug}")
        assert detail["item_count"] == summary["item_count"] == len(detail["items"])
        assert detail["total_duration_seconds"] == summary["total_duration_seconds"]


@pytest.mark.parametrize("state", HIDDEN_STATES)
async def test_unpublished_items_are_skipped_and_not_counted(
    client: AsyncClient, session: AsyncSession, state: str
) -> None:
    hidden = HIDDEN_STATES[state]
    visible_track = await make_track(session, durations=[300])
    hidden_track = await make_track(session, durations=[60], **hidden)
    hidden_article = await make_article(session, **hidden)
    visible_article = await make_article(session)
    collection = await make_collection(
        session, items=[hidden_track, visible_track, hidden_article, visible_article]
    )

    detail = await get_json(client, f"/v1/collections/{collection.slug}")
    listed = (await get_json(client, "/v1/collections"))["items"][0]

    # Hidden steps vanish and positions are renumbered without gaps.
    assert [(item["position"], item["kind"]) for item in detail["items"]] == [
        (0, "track"),
        (1, "article"),
    ]
    assert detail["items"][0]["track"]["slug"] == visible_track.slug
    assert detail["items"][1]["article"]["slug"] == visible_article.slug
    assert hidden_track.slug not in str(detail)
    assert hidden_article.slug not in str(detail)
    for totals in (detail, listed):
        assert totals["item_count"] == 2
        assert totals["total_duration_seconds"] == 300 + ONE_MINUTE


@pytest.mark.parametrize("state", HIDDEN_STATES)
async def test_unpublished_collections_are_invisible(
    client: AsyncClient, session: AsyncSession, state: str
) -> None:
    topic = await make_topic(session)
    visible = await make_collection(session, topics=[topic])
    hidden = await make_collection(
        session, topics=[topic], items=[await make_track(session)], **HIDDEN_STATES[state]
    )

    assert await slugs(client, "/v1/collections") == [visible.slug]
    assert await slugs(client, "/v1/collections", topic=topic.slug) == [visible.slug]
    assert await slugs(client, "/v1/collections", kind="course") == [visible.slug]
    assert_problem(await client.get(f"/v1/collections/{hidden.slug}"), 404, "not-found")


async def test_unknown_slug_is_a_404_problem(client: AsyncClient) -> None:
    response = await client.get("/v1/collections/no-such-collection")
    body = assert_problem(response, 404, "not-found")
    assert "no-such-collection" in body["detail"]


async def test_filter_by_topic(client: AsyncClient, session: AsyncSession) -> None:
    sleep = await make_topic(session)
    match = await make_collection(session, topics=[await make_topic(session), sleep])
    await make_collection(session, topics=[await make_topic(session)])
    await make_collection(session)

    assert await slugs(client, "/v1/collections", topic=sleep.slug) == [match.slug]


@pytest.mark.parametrize("kind", list(CollectionKind))
async def test_filter_by_kind(
    client: AsyncClient, session: AsyncSession, kind: CollectionKind
) -> None:
    collections = {each: await make_collection(session, kind=each) for each in CollectionKind}

    assert await slugs(client, "/v1/collections", kind=kind.value) == [collections[kind].slug]


async def test_filter_by_locale(client: AsyncClient, session: AsyncSession) -> None:
    french = await make_collection(session, locale="fr")
    await make_collection(session, locale="en")

    assert await slugs(client, "/v1/collections", locale="fr") == [french.slug]


async def test_filter_by_updated_since(client: AsyncClient, session: AsyncSession) -> None:
    since = utcnow() - timedelta(days=3)
    await make_collection(session, published_at=since - timedelta(days=10))
    fresh = await make_collection(
        session, published_at=since - timedelta(days=10), updated_at=since
    )

    assert await slugs(client, "/v1/collections", updated_since=since.isoformat()) == [fresh.slug]


async def test_filters_combine(client: AsyncClient, session: AsyncSession) -> None:
    topic = await make_topic(session)
    match = await make_collection(
        session, topics=[topic], kind=CollectionKind.playlist, locale="de"
    )
    await make_collection(session, topics=[topic], kind=CollectionKind.playlist, locale="en")
    await make_collection(session, topics=[topic], kind=CollectionKind.course, locale="de")

    found = await slugs(client, "/v1/collections", topic=topic.slug, kind="playlist", locale="de")
    assert found == [match.slug]


async def test_filter_on_unknown_topic_is_a_422(client: AsyncClient, session: AsyncSession) -> None:
    await make_collection(session)
    response = await client.get("/v1/collections", params={"topic": "no-such-topic"})
    assert_problem(response, 422, "invalid-request", names=("topic",))


async def test_every_sort_on_the_allow_list(client: AsyncClient, session: AsyncSession) -> None:
    now = utcnow()
    specs = [("m", 30, 2), ("c", 10, 3), ("x", 20, 1), ("a", 40, 4)]
    collections = {}
    for title, published_minutes_ago, updated_minutes_ago in specs:
        collections[title] = await make_collection(
            session,
            title=f"{title} collection",
            published_at=now - timedelta(minutes=published_minutes_ago),
            updated_at=now - timedelta(minutes=updated_minutes_ago),
        )

    def order(*titles: str) -> list[str]:
        return [collections[title].slug for title in titles]

    expected = {
        "-published_at": order("c", "x", "m", "a"),
        "published_at": order("a", "m", "x", "c"),
        "-updated_at": order("x", "m", "c", "a"),
        "updated_at": order("a", "c", "m", "x"),
        "title": order("a", "c", "m", "x"),
        "-title": order("x", "m", "c", "a"),
    }
    for sort, slugs_in_order in expected.items():
        assert await slugs(client, "/v1/collections", sort=sort) == slugs_in_order, sort
    assert await slugs(client, "/v1/collections") == expected["-published_at"]


async def test_statement_count_does_not_grow_with_limit(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    topic = await make_topic(session)
    track = await make_track(session, durations=[300])
    article = await make_article(session)
    for _ in range(105):
        await make_collection(session, topics=[topic], items=[track, article])

    counts = {}
    for limit in (1, 100):
        with count_statements() as log:
            body = await get_json(client, "/v1/collections", limit=limit)
        assert len(body["items"]) == limit
        assert all(item["item_count"] == 2 for item in body["items"])
        counts[limit] = log.count
    assert counts[1] == counts[100], counts
    assert 1 <= counts[100] <= 4, counts


async def test_detail_statement_count_does_not_grow_with_items(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    topic = await make_topic(session)
    small = await make_collection(
        session, items=[await make_track(session, topics=[topic]), await make_article(session)]
    )
    items: list[Any] = []
    for _ in range(30):
        items += [await make_track(session, topics=[topic]), await make_article(session)]
    large = await make_collection(session, items=items)

    counts = {}
    for collection in (small, large):
        with count_statements() as log:
            await get_json(client, f"/v1/collections/{collection.slug}")
        counts[collection.slug] = log.count
    assert counts[small.slug] == counts[large.slug], counts
