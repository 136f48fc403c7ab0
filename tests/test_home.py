"""GET /v1/home and GraphQL `home`: today's pick, new this week, topic shelves, and a
member's continue listening and streak; a fixed number of statements; anonymous responses
cached, a member's private."""

from datetime import date, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.core.db import utcnow
from app.core.publishing import publicly_visible
from app.graphql.extensions import PersistedQueries
from app.home.service import day_seed, home_feed, todays_pick
from app.tracks.models import Track
from tests.factories import in_the_future, make_article, make_topic, make_track, variants_of
from tests.helpers import assert_problem, get_json
from tests.member_factories import Member, listen, make_member, record
from tests.test_graphql import gql


def setup_function() -> None:
    # Persisted documents are per process (results are per app): start from none.
    PersistedQueries.documents.clear()


def days_ago(days: float) -> Any:
    return utcnow() - timedelta(days=days)


def slugs_of(items: list[dict[str, Any]]) -> list[str]:
    return [item["slug"] for item in items]


async def published_track_ids(session: AsyncSession) -> list[int]:
    ids = await session.scalars(
        select(Track.id).where(publicly_visible(Track, utcnow())).order_by(Track.id)
    )
    return [int(track_id) for track_id in ids]


async def listened(session: AsyncSession, member: Member, track: Track, seconds: int) -> None:
    """A session on `track` a few minutes ago, stopped after `seconds`."""
    variant = (await variants_of(session, track))[0]
    started = utcnow() - timedelta(minutes=20)
    result = await record(
        session, member.user, [listen(variant, started, seconds=seconds)], now=utcnow()
    )
    assert result.accepted == 1


# Anonymous


async def test_an_empty_catalogue_gives_an_empty_feed(client: AsyncClient) -> None:
    body = await get_json(client, "/v1/home")
    assert body == {
        "todays_pick": None,
        "new_this_week": {"articles": [], "tracks": []},
        "topic_shelves": [],
        "continue_listening": None,
        "streak": None,
    }


async def test_todays_pick_is_the_days_track_for_everyone(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    for _ in range(7):
        await make_track(session)
    await make_track(session, status="draft")
    await make_track(session, published_at=in_the_future())
    ids = await published_track_ids(session)
    expected = ids[day_seed(utcnow().date()) % len(ids)]
    first = (await get_json(client, "/v1/home"))["todays_pick"]
    assert first["id"] == expected
    assert set(first) >= {"slug", "title", "durations_seconds", "topics", "narrator"}
    # The same for a member, and the same on every later request that day.
    member = await make_member(session, settings)
    signed_in = (await client.get("/v1/home", headers=member.headers)).json()
    assert signed_in["todays_pick"] == first


async def test_the_pick_changes_with_the_day_and_is_always_published(
    session: AsyncSession,
) -> None:
    for _ in range(5):
        await make_track(session)
    draft = await make_track(session, status="draft")
    ids = await published_track_ids(session)
    now = utcnow()
    picks = set()
    for offset in range(30):
        moment = now + timedelta(days=offset)
        pick = await todays_pick(session=session, now=moment)
        assert pick is not None
        assert pick.id == ids[day_seed(moment.date()) % len(ids)]
        assert pick.id != draft.id
        picks.add(pick.id)
    assert len(picks) > 1, "a month of picks is not always the same track"
    assert day_seed(date(2026, 1, 1)) == day_seed(date(2026, 1, 1)) < 2**48


async def test_new_this_week_is_the_last_seven_days_newest_first(
    client: AsyncClient, session: AsyncSession
) -> None:
    old_article = await make_article(session, published_at=days_ago(8))
    old_track = await make_track(session, published_at=days_ago(8))
    articles = [await make_article(session, published_at=days_ago(n)) for n in (6, 0.01, 2)]
    tracks = [await make_track(session, published_at=days_ago(n)) for n in (3, 1)]
    await make_article(session, published_at=days_ago(1), status="draft")
    await make_track(session, published_at=in_the_future(1))
    new = (await get_json(client, "/v1/home"))["new_this_week"]
    assert slugs_of(new["articles"]) == [articles[1].slug, articles[2].slug, articles[0].slug]
    assert slugs_of(new["tracks"]) == [tracks[1].slug, tracks[0].slug]
    assert old_article.slug not in slugs_of(new["articles"])
    assert old_track.slug not in slugs_of(new["tracks"])
    assert "body_markdown" not in new["articles"][0]


async def test_new_this_week_keeps_the_newest_ten(
    client: AsyncClient, session: AsyncSession
) -> None:
    articles = [await make_article(session, published_at=days_ago(n / 10)) for n in range(12)]
    tracks = [await make_track(session, published_at=days_ago(n / 10)) for n in range(12)]
    new = (await get_json(client, "/v1/home"))["new_this_week"]
    assert slugs_of(new["articles"]) == [article.slug for article in articles[:10]]
    assert slugs_of(new["tracks"]) == [track.slug for track in tracks[:10]]


async def test_topic_shelves_are_the_busiest_topics_with_their_newest_content(
    client: AsyncClient, session: AsyncSession
) -> None:
    # Topic n holds n + 1 tracks and n + 1 articles; topic 0 the fewest.
    topics = [await make_topic(session, name=f"Topic {n}") for n in range(8)]
    quiet = topics[0]
    for n, topic in enumerate(topics[1:], start=1):
        for k in range(n + 1):
            await make_track(session, topics=[topic], published_at=days_ago(30 + k))
            await make_article(session, topics=[topic], published_at=days_ago(30 + k))
    await make_track(session, topics=[quiet])
    for _ in range(20):  # unpublished content does not count
        await make_article(session, topics=[quiet], status="draft")
    empty = await make_topic(session, name="AAA nothing here")

    shelves = (await get_json(client, "/v1/home"))["topic_shelves"]
    assert [shelf["topic"]["slug"] for shelf in shelves] == [
        topic.slug for topic in reversed(topics[2:])
    ]
    assert empty.slug not in {shelf["topic"]["slug"] for shelf in shelves}
    for shelf in shelves:
        held = int(shelf["topic"]["name"].removeprefix("Topic ")) + 1
        assert len(shelf["tracks"]) == min(6, held)
        assert len(shelf["articles"]) == min(4, held)
        for items in (shelf["tracks"], shelf["articles"]):
            published = [item["published_at"] for item in items]
            assert published == sorted(published, reverse=True)
            assert all(shelf["topic"]["slug"] in slugs_of(item["topics"]) for item in items)


async def test_ties_between_topics_go_by_name(client: AsyncClient, session: AsyncSession) -> None:
    later = await make_topic(session, name="Sleep")
    earlier = await make_topic(session, name="Anxiety")
    for topic in (later, earlier):
        await make_track(session, topics=[topic])
    shelves = (await get_json(client, "/v1/home"))["topic_shelves"]
    assert [shelf["topic"]["slug"] for shelf in shelves] == [earlier.slug, later.slug]


async def test_anonymous_callers_get_no_member_fields(
    client: AsyncClient, session: AsyncSession
) -> None:
    await make_track(session)
    body = await get_json(client, "/v1/home")
    assert body["continue_listening"] is None
    assert body["streak"] is None


async def test_unknown_parameters_and_bad_tokens_are_rejected(client: AsyncClient) -> None:
    response = await client.get("/v1/home", params={"country": "GB"})
    assert_problem(response, 422, "invalid-request", names=("country",))
    response = await client.get("/v1/home", headers={"Authorization": "Bearer not-a-token"})
    assert_problem(response, 401, "unauthorized")


# Members


async def test_a_member_gets_continue_listening_and_streak(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    tracks = [await make_track(session, durations=(600,)) for _ in range(12)]
    for track in tracks:
        await listened(session, member, track, seconds=90)
    await session.commit()
    body = (await client.get("/v1/home", headers=member.headers)).json()
    rest_continue = (await client.get("/v1/me/continue", headers=member.headers)).json()["items"]
    unfinished = body["continue_listening"]
    assert len(unfinished) == 10
    assert [item["track"]["slug"] for item in unfinished] == [
        item["track"]["slug"] for item in rest_continue[:10]
    ]
    assert unfinished[0]["resume_position_seconds"] == 90
    stats = (await client.get("/v1/me/stats", headers=member.headers)).json()
    assert body["streak"] == {
        "current_streak_days": stats["current_streak_days"],
        "longest_streak_days": stats["longest_streak_days"],
        "today_minutes": stats["series"][-1]["minutes"],
        "daily_goal_minutes": member.user.daily_goal_minutes,
    }
    assert body["streak"]["current_streak_days"] == 1
    # 12 x 90 s, today (or, just after midnight UTC, partly yesterday).
    assert sum(day["minutes"] for day in stats["series"][-2:]) == 18.0


async def test_hidden_streaks_are_null_but_minutes_remain(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    member = await make_member(session, settings, show_streaks=False, daily_goal_minutes=15)
    track = await make_track(session, durations=(600,))
    await listened(session, member, track, seconds=120)
    body = (await client.get("/v1/home", headers=member.headers)).json()
    stats = (await client.get("/v1/me/stats", headers=member.headers)).json()
    assert body["streak"] == {
        "current_streak_days": None,
        "longest_streak_days": None,
        "today_minutes": stats["series"][-1]["minutes"],
        "daily_goal_minutes": 15,
    }


async def test_a_new_member_has_empty_progress(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    body = (await client.get("/v1/home", headers=member.headers)).json()
    assert body["continue_listening"] == []
    assert body["streak"]["current_streak_days"] == 0
    assert body["streak"]["today_minutes"] == 0.0


# Statements and caching


async def build_catalogue(
    session: AsyncSession, member: Member, *, topics: int, per_topic: int
) -> None:
    made = [await make_topic(session) for _ in range(topics)]
    for topic in made:
        for n in range(per_topic):
            track = await make_track(session, topics=[topic], published_at=days_ago(n))
            await make_article(session, topics=[topic], published_at=days_ago(n))
            await listened(session, member, track, seconds=60)


@pytest.mark.parametrize("signed_in", [False, True])
async def test_statement_count_does_not_grow_with_the_catalogue(
    session: AsyncSession, settings: Settings, count_statements: Any, signed_in: bool
) -> None:
    counts = []
    for topics, per_topic in ((1, 1), (9, 8)):
        member = await make_member(session, settings)
        await build_catalogue(session, member, topics=topics, per_topic=per_topic)
        with count_statements() as log:
            feed = await home_feed(
                session=session, user=member.user if signed_in else None, now=utcnow()
            )
        assert feed.todays_pick is not None and feed.topic_shelves
        if signed_in:
            assert feed.continue_listening
        counts.append(log.count)
    assert counts[0] == counts[1], counts
    # Today: 15 anonymous (pick 4, new 5, shelves 6), 20 signed in (+ progress 4, stats 1).
    assert counts[1] <= (20 if signed_in else 15), counts


async def test_anonymous_home_is_served_from_the_cache(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    await make_track(session, topics=[await make_topic(session)])
    first = await client.get("/v1/home")
    assert first.headers["cache-control"].startswith("public")
    assert first.headers["etag"]
    with count_statements() as log:
        second = await client.get("/v1/home")
    assert log.count == 0
    assert second.content == first.content
    with count_statements() as log:
        not_modified = await client.get(
            "/v1/home", headers={"If-None-Match": first.headers["etag"]}
        )
    assert not_modified.status_code == 304
    assert log.count == 0


async def test_a_members_home_is_private_and_never_shared(
    client: AsyncClient, session: AsyncSession, member: Member, count_statements: Any
) -> None:
    track = await make_track(session, topics=[await make_topic(session)])
    await listened(session, member, track, seconds=60)
    anonymous = await client.get("/v1/home")
    with count_statements() as log:
        mine = await client.get("/v1/home", headers=member.headers)
    assert log.count > 0, "a signed-in home never comes from the shared cache"
    assert mine.headers["cache-control"] == "private, no-store"
    assert "etag" not in mine.headers
    assert mine.json()["continue_listening"]
    with count_statements() as log:
        after = await client.get("/v1/home")
    assert log.count == 0
    assert after.content == anonymous.content
    assert after.json()["continue_listening"] is None


async def test_a_content_change_refreshes_the_cached_home(
    client: AsyncClient, session: AsyncSession
) -> None:
    await make_track(session)
    await session.commit()
    before = await get_json(client, "/v1/home")
    newer = await make_track(session, record_change=True)
    await session.commit()
    after = await get_json(client, "/v1/home")
    assert newer.slug in slugs_of(after["new_this_week"]["tracks"])
    assert newer.slug not in slugs_of(before["new_this_week"]["tracks"])


# GraphQL

HOME = """
{ home {
    todaysPick { slug }
    newThisWeek { articles { slug } tracks { slug } }
    topicShelves { topic { slug name } tracks { slug } articles { slug } }
    continueListening { track { slug } resumePositionSeconds }
    streak { currentStreakDays longestStreakDays todayMinutes dailyGoalMinutes }
} }
"""


def as_graphql(body: dict[str, Any]) -> dict[str, Any]:
    """The REST home reduced to the fields of HOME, with GraphQL's names."""

    def slugs(items: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [{"slug": item["slug"]} for item in items]

    streak = body["streak"]
    return {
        "todaysPick": {"slug": body["todays_pick"]["slug"]} if body["todays_pick"] else None,
        "newThisWeek": {
            "articles": slugs(body["new_this_week"]["articles"]),
            "tracks": slugs(body["new_this_week"]["tracks"]),
        },
        "topicShelves": [
            {
                "topic": shelf["topic"],
                "tracks": slugs(shelf["tracks"]),
                "articles": slugs(shelf["articles"]),
            }
            for shelf in body["topic_shelves"]
        ],
        "continueListening": None
        if body["continue_listening"] is None
        else [
            {
                "track": {"slug": item["track"]["slug"]},
                "resumePositionSeconds": item["resume_position_seconds"],
            }
            for item in body["continue_listening"]
        ],
        "streak": None
        if streak is None
        else {
            "currentStreakDays": streak["current_streak_days"],
            "longestStreakDays": streak["longest_streak_days"],
            "todayMinutes": streak["today_minutes"],
            "dailyGoalMinutes": streak["daily_goal_minutes"],
        },
    }


async def test_graphql_home_matches_rest(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    topics = [await make_topic(session) for _ in range(3)]
    for n in range(9):
        track = await make_track(session, topics=topics[: 1 + n % 3], published_at=days_ago(n))
        await make_article(session, topics=topics[n % 3 :], published_at=days_ago(n))
        if n % 2:
            await listened(session, member, track, seconds=45)
    for headers in ({}, member.headers):
        rest = (await client.get("/v1/home", headers=headers)).json()
        result = await gql(client, HOME, headers=headers)
        assert "errors" not in result, result
        assert result["data"]["home"] == as_graphql(rest), headers
    anonymous = await gql(client, HOME)
    assert anonymous["data"]["home"]["continueListening"] is None
    assert anonymous["data"]["home"]["streak"] is None


async def test_graphql_home_is_bounded(
    client: AsyncClient, session: AsyncSession, member: Member, count_statements: Any
) -> None:
    counts = []
    for topics, per_topic in ((1, 1), (8, 7)):
        await build_catalogue(session, member, topics=topics, per_topic=per_topic)
        with count_statements() as log:
            result = await gql(client, HOME, headers=member.headers)
        assert "errors" not in result, result
        counts.append(log.count)
    assert counts[0] == counts[1], counts


async def test_openapi_documents_home(client: AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    operation = document["paths"]["/v1/home"]["get"]
    assert operation["operationId"] == "get_home"
    assert operation["tags"] == ["home"]
    assert {"401", "422"} <= set(operation["responses"])
