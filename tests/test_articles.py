"""GET /v1/articles and /v1/articles/{slug}: published articles only, filters, sorts."""

from datetime import timedelta, timezone
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.core.publishing import PublicationStatus
from tests.factories import (
    a_while_ago,
    in_the_future,
    make_article,
    make_person,
    make_topic,
)
from tests.helpers import assert_problem, get_json, slugs

# Every state in which an article must be invisible to the public, as factory overrides.
HIDDEN_STATES: dict[str, dict[str, Any]] = {
    "draft": {"status": PublicationStatus.draft.value},
    "in_review": {"status": PublicationStatus.in_review.value},
    "approved": {"status": PublicationStatus.approved.value},
    "archived": {"status": PublicationStatus.archived.value},
    "scheduled": {"status": PublicationStatus.published.value, "published_at": in_the_future()},
}


async def test_list_serves_published_summaries_newest_first(
    client: AsyncClient, session: AsyncSession
) -> None:
    author = await make_person(session, name="Dr Lena Ortiz", credentials="MD, psychiatrist")
    sleep = await make_topic(session, slug="sleep", name="Sleep")
    older = await make_article(session, published_at=a_while_ago(120), author=author)
    newer = await make_article(session, published_at=a_while_ago(10), topics=[sleep])

    body = await get_json(client, "/v1/articles")

    assert [item["slug"] for item in body["items"]] == [newer.slug, older.slug]
    assert body["next_cursor"] is None
    first, second = body["items"]
    assert first["topics"] == [{"slug": "sleep", "name": "Sleep"}]
    assert first["author"] is None
    assert second["author"] == {
        "slug": author.slug,
        "name": "Dr Lena Ortiz",
        "credentials": "MD, psychiatrist",
    }
    # A summary is for lists: it never carries the body.
    assert "body_markdown" not in first
    assert "body_html" not in first
    assert first["reading_time_minutes"] >= 1


async def test_detail_has_body_review_and_ordered_citations(
    client: AsyncClient, session: AsyncSession
) -> None:
    author = await make_person(session, name="Dr Amara Okafor")
    reviewer = await make_person(session, name="Dr Sam Reed", credentials="PharmD")
    first_topic = await make_topic(session, name="Depression")
    second_topic = await make_topic(session, name="Anxiety")
    article = await make_article(
        session,
        body_markdown="## Dosing\n\nTalk to your **prescriber** first.",
        author=author,
        reviewer=reviewer,
        next_review_due=(utcnow() + timedelta(days=200)).date(),
        is_medical=True,
        content_warnings=["medication_change"],
        topics=[first_topic, second_topic],
        citations=["Second reference", "First reference"],
    )

    body = await get_json(client, f"/v1/articles/{article.slug}")

    assert body["slug"] == article.slug
    assert body["body_markdown"].startswith("## Dosing")
    assert "<h2>Dosing</h2>" in body["body_html"]
    assert "<strong>prescriber</strong>" in body["body_html"]
    assert body["is_medical"] is True
    assert body["content_warnings"] == ["medication_change"]
    assert [topic["name"] for topic in body["topics"]] == ["Depression", "Anxiety"]
    assert [citation["text"] for citation in body["citations"]] == [
        "Second reference",
        "First reference",
    ]
    assert body["author"]["slug"] == author.slug
    assert body["review"]["reviewer"] == {
        "slug": reviewer.slug,
        "name": "Dr Sam Reed",
        "credentials": "PharmD",
    }
    assert body["review"]["status"] == body["review_status"] == "current"
    assert body["review"]["reviewed_at"] is not None
    assert body["licence"] == "All rights reserved"


@pytest.mark.parametrize(
    ("days_until_due", "expected"),
    [(None, "not_reviewed"), (-1, "overdue"), (10, "due_soon"), (90, "current")],
)
async def test_review_status_follows_next_review_due(
    client: AsyncClient, session: AsyncSession, days_until_due: int | None, expected: str
) -> None:
    due = None if days_until_due is None else (utcnow() + timedelta(days=days_until_due)).date()
    article = await make_article(session, next_review_due=due)

    detail = await get_json(client, f"/v1/articles/{article.slug}")
    listed = await get_json(client, "/v1/articles")

    assert detail["review_status"] == detail["review"]["status"] == expected
    assert listed["items"][0]["review_status"] == expected


@pytest.mark.parametrize("state", HIDDEN_STATES)
async def test_unpublished_articles_are_invisible(
    client: AsyncClient, session: AsyncSession, state: str
) -> None:
    topic = await make_topic(session)
    author = await make_person(session)
    visible = await make_article(session, topics=[topic], author=author)
    hidden = await make_article(session, topics=[topic], author=author, **HIDDEN_STATES[state])

    assert await slugs(client, "/v1/articles") == [visible.slug]
    assert await slugs(client, "/v1/articles", topic=topic.slug) == [visible.slug]
    assert await slugs(client, "/v1/articles", author=author.slug) == [visible.slug]
    response = await client.get(f"/v1/articles/{hidden.slug}")
    assert_problem(response, 404, "not-found")
    assert hidden.slug in response.json()["detail"]


async def test_unknown_slug_is_a_404_problem(client: AsyncClient) -> None:
    response = await client.get("/v1/articles/no-such-article")
    body = assert_problem(response, 404, "not-found")
    assert body["instance"] == "/v1/articles/no-such-article"


async def test_filter_by_topic(client: AsyncClient, session: AsyncSession) -> None:
    sleep = await make_topic(session)
    anxiety = await make_topic(session)
    both = await make_article(session, topics=[anxiety, sleep], published_at=a_while_ago(5))
    only_sleep = await make_article(session, topics=[sleep], published_at=a_while_ago(10))
    await make_article(session, topics=[anxiety])
    await make_article(session)

    assert await slugs(client, "/v1/articles", topic=sleep.slug) == [both.slug, only_sleep.slug]


async def test_filter_by_author(client: AsyncClient, session: AsyncSession) -> None:
    author = await make_person(session)
    someone_else = await make_person(session)
    theirs = await make_article(session, author=author)
    await make_article(session, author=someone_else)
    await make_article(session)

    assert await slugs(client, "/v1/articles", author=author.slug) == [theirs.slug]


async def test_filter_by_locale(client: AsyncClient, session: AsyncSession) -> None:
    german = await make_article(session, locale="de")
    brazilian = await make_article(session, locale="pt-BR")
    await make_article(session, locale="en")

    assert await slugs(client, "/v1/articles", locale="de") == [german.slug]
    assert await slugs(client, "/v1/articles", locale="pt-BR") == [brazilian.slug]
    assert await slugs(client, "/v1/articles", locale="fr") == []


async def test_filter_by_medical(client: AsyncClient, session: AsyncSession) -> None:
    medical = await make_article(session, is_medical=True)
    general = await make_article(session, is_medical=False)

    assert await slugs(client, "/v1/articles", medical="true") == [medical.slug]
    assert await slugs(client, "/v1/articles", medical="false") == [general.slug]


async def test_filter_by_updated_since_is_inclusive_and_honours_offsets(
    client: AsyncClient, session: AsyncSession
) -> None:
    boundary = utcnow() - timedelta(days=5)
    await make_article(session, published_at=boundary - timedelta(days=5))
    at_boundary = await make_article(
        session, published_at=boundary - timedelta(days=6), updated_at=boundary
    )
    after = await make_article(
        session, published_at=boundary - timedelta(days=7), updated_at=boundary + timedelta(days=1)
    )
    expected = [at_boundary.slug, after.slug]

    assert await slugs(client, "/v1/articles", updated_since=boundary.isoformat()) == expected
    # The same instant written in another offset selects the same articles.
    plus_two = boundary.astimezone(timezone(timedelta(hours=2))).isoformat()
    assert await slugs(client, "/v1/articles", updated_since=plus_two) == expected
    later = (boundary + timedelta(seconds=1)).isoformat()
    assert await slugs(client, "/v1/articles", updated_since=later) == [after.slug]


async def test_filters_combine(client: AsyncClient, session: AsyncSession) -> None:
    topic = await make_topic(session)
    author = await make_person(session)
    match = await make_article(session, topics=[topic], author=author, is_medical=True)
    await make_article(session, topics=[topic], author=author, is_medical=False)
    await make_article(session, topics=[topic], is_medical=True)
    await make_article(session, author=author, is_medical=True)

    found = await slugs(
        client, "/v1/articles", topic=topic.slug, author=author.slug, medical="true", locale="en"
    )
    assert found == [match.slug]


async def test_filter_on_existing_topic_without_articles_is_empty(
    client: AsyncClient, session: AsyncSession
) -> None:
    topic = await make_topic(session)
    await make_article(session)
    person = await make_person(session)

    assert await get_json(client, "/v1/articles", topic=topic.slug) == {
        "items": [],
        "next_cursor": None,
    }
    assert await slugs(client, "/v1/articles", author=person.slug) == []


@pytest.mark.parametrize("parameter", ["topic", "author"])
async def test_filter_on_unknown_slug_is_a_422(
    client: AsyncClient, session: AsyncSession, parameter: str
) -> None:
    await make_article(session)
    response = await client.get("/v1/articles", params={parameter: "no-such-slug"})
    body = assert_problem(response, 422, "invalid-request", names=(parameter,))
    assert "no-such-slug" in body["detail"]


async def test_every_sort_on_the_allow_list(client: AsyncClient, session: AsyncSession) -> None:
    now = utcnow()
    # Published order, update order and title order all differ.
    specs = [("m", 30, 2), ("c", 10, 3), ("x", 20, 1), ("a", 40, 4)]
    articles = {}
    for title, published_minutes_ago, updated_minutes_ago in specs:
        articles[title] = await make_article(
            session,
            title=f"{title} article",
            published_at=now - timedelta(minutes=published_minutes_ago),
            updated_at=now - timedelta(minutes=updated_minutes_ago),
        )

    def order(*titles: str) -> list[str]:
        return [articles[title].slug for title in titles]

    expected = {
        "-published_at": order("c", "x", "m", "a"),
        "published_at": order("a", "m", "x", "c"),
        "-updated_at": order("x", "m", "c", "a"),
        "updated_at": order("a", "c", "m", "x"),
        "title": order("a", "c", "m", "x"),
        "-title": order("x", "m", "c", "a"),
    }
    for sort, slugs_in_order in expected.items():
        assert await slugs(client, "/v1/articles", sort=sort) == slugs_in_order, sort
    # The default is newest first.
    assert await slugs(client, "/v1/articles") == expected["-published_at"]


async def test_statement_count_does_not_grow_with_limit(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    author = await make_person(session)
    reviewer = await make_person(session)
    topics = [await make_topic(session), await make_topic(session)]
    for _ in range(105):
        await make_article(session, author=author, reviewer=reviewer, topics=topics)

    counts = {}
    for limit in (1, 100):
        with count_statements() as log:
            body = await get_json(client, "/v1/articles", limit=limit)
        assert len(body["items"]) == limit
        assert all(len(item["topics"]) == 2 for item in body["items"])
        counts[limit] = log.count
    assert counts[1] == counts[100], counts
    assert 1 <= counts[100] <= 3, counts
