"""GET /v1/topics, /v1/topics/{slug} and /v1/people/{slug}, with their published content."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.publishing import PublicationStatus
from tests.factories import (
    a_while_ago,
    in_the_future,
    make_article,
    make_person,
    make_topic,
    make_track,
)
from tests.helpers import assert_problem, get_json, walk

HIDDEN_STATES: dict[str, dict[str, Any]] = {
    "draft": {"status": PublicationStatus.draft.value},
    "in_review": {"status": PublicationStatus.in_review.value},
    "approved": {"status": PublicationStatus.approved.value},
    "archived": {"status": PublicationStatus.archived.value},
    "scheduled": {"status": PublicationStatus.published.value, "published_at": in_the_future()},
}


def page_slugs(page: dict[str, Any]) -> list[str]:
    return [item["slug"] for item in page["items"]]


async def test_topics_are_listed_by_name(client: AsyncClient, session: AsyncSession) -> None:
    sleep = await make_topic(session, name="Sleep", description="Falling and staying asleep.")
    anxiety = await make_topic(session, name="Anxiety")
    focus = await make_topic(session, name="Focus")

    body = await get_json(client, "/v1/topics")

    assert page_slugs(body) == [anxiety.slug, focus.slug, sleep.slug]
    assert body["next_cursor"] is None
    assert body["items"][2]["name"] == "Sleep"
    assert body["items"][2]["description"] == "Falling and staying asleep."
    assert body["items"][2]["updated_at"]
    assert await walk(client, "/v1/topics", limit=1) == [anxiety.slug, focus.slug, sleep.slug]


async def test_topic_page_has_its_published_articles_and_tracks(
    client: AsyncClient, session: AsyncSession
) -> None:
    topic = await make_topic(session, name="Sleep")
    other = await make_topic(session)
    newer = await make_article(session, topics=[topic], published_at=a_while_ago(5))
    older = await make_article(session, topics=[topic, other], published_at=a_while_ago(50))
    await make_article(session, topics=[other])
    track = await make_track(session, topics=[topic])
    await make_track(session, topics=[other])

    body = await get_json(client, f"/v1/topics/{topic.slug}")

    assert body["slug"] == topic.slug
    assert body["name"] == "Sleep"
    assert page_slugs(body["articles"]) == [newer.slug, older.slug]
    assert page_slugs(body["tracks"]) == [track.slug]
    assert body["articles"]["next_cursor"] is None


async def test_topic_page_continues_with_the_list_cursor(
    client: AsyncClient, session: AsyncSession
) -> None:
    topic = await make_topic(session)
    for minutes in range(25):
        await make_article(session, topics=[topic], published_at=a_while_ago(minutes + 1))

    page = await get_json(client, f"/v1/topics/{topic.slug}")
    rest = await get_json(
        client, "/v1/articles", topic=topic.slug, cursor=page["articles"]["next_cursor"]
    )

    assert len(page["articles"]["items"]) == 20
    assert len(rest["items"]) == 5
    assert not set(page_slugs(page["articles"])) & set(page_slugs(rest))


async def test_topic_page_of_a_topic_without_content(
    client: AsyncClient, session: AsyncSession
) -> None:
    topic = await make_topic(session)

    body = await get_json(client, f"/v1/topics/{topic.slug}")

    assert body["articles"] == {"items": [], "next_cursor": None}
    assert body["tracks"] == {"items": [], "next_cursor": None}


async def test_person_page_has_credentials_and_their_published_content(
    client: AsyncClient, session: AsyncSession
) -> None:
    person = await make_person(
        session,
        name="Dr Amara Okafor",
        credentials="PsyD, licensed clinical psychologist",
        registration_number="PSY-777",
        bio="Sleep researcher.",
    )
    written = await make_article(session, author=person)
    narrated = await make_track(session, narrator=person)
    # Reviewing an article does not make it theirs.
    await make_article(session, reviewer=person)
    await make_article(session, author=await make_person(session))
    await make_track(session)

    body = await get_json(client, f"/v1/people/{person.slug}")

    assert body["slug"] == person.slug
    assert body["name"] == "Dr Amara Okafor"
    assert body["credentials"] == "PsyD, licensed clinical psychologist"
    assert body["registration_number"] == "PSY-777"
    assert body["bio"] == "Sleep researcher."
    assert page_slugs(body["articles"]) == [written.slug]
    assert page_slugs(body["tracks"]) == [narrated.slug]


async def test_person_without_content_has_empty_pages(
    client: AsyncClient, session: AsyncSession
) -> None:
    reviewer = await make_person(session)

    body = await get_json(client, f"/v1/people/{reviewer.slug}")

    assert body["articles"]["items"] == []
    assert body["tracks"]["items"] == []


@pytest.mark.parametrize("state", HIDDEN_STATES)
async def test_unpublished_content_is_not_on_topic_or_person_pages(
    client: AsyncClient, session: AsyncSession, state: str
) -> None:
    topic = await make_topic(session)
    person = await make_person(session)
    hidden = HIDDEN_STATES[state]
    article = await make_article(session, topics=[topic], author=person)
    track = await make_track(session, topics=[topic], narrator=person)
    await make_article(session, topics=[topic], author=person, **hidden)
    await make_track(session, topics=[topic], narrator=person, **hidden)

    for url in (f"/v1/topics/{topic.slug}", f"/v1/people/{person.slug}"):
        body = await get_json(client, url)
        assert page_slugs(body["articles"]) == [article.slug], url
        assert page_slugs(body["tracks"]) == [track.slug], url


@pytest.mark.parametrize("url", ["/v1/topics/no-such-topic", "/v1/people/no-such-person"])
async def test_unknown_slug_is_a_404_problem(client: AsyncClient, url: str) -> None:
    body = assert_problem(await client.get(url), 404, "not-found")
    assert body["instance"] == url
