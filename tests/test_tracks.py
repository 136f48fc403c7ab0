"""GET /v1/tracks, /v1/tracks/{slug} and the transcripts: published only, premium withheld."""

from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.core.publishing import PublicationStatus
from app.tracks.models import TrackKind, TrackLevel
from tests.factories import (
    TRANSCRIPT,
    a_while_ago,
    in_the_future,
    make_person,
    make_topic,
    make_track,
    variants_of,
)
from tests.helpers import assert_problem, get_json, slugs
from tests.member_factories import Member

HIDDEN_STATES: dict[str, dict[str, Any]] = {
    "draft": {"status": PublicationStatus.draft.value},
    "in_review": {"status": PublicationStatus.in_review.value},
    "approved": {"status": PublicationStatus.approved.value},
    "archived": {"status": PublicationStatus.archived.value},
    "scheduled": {"status": PublicationStatus.published.value, "published_at": in_the_future()},
}


async def test_list_serves_summaries_with_lengths_on_offer(
    client: AsyncClient, session: AsyncSession
) -> None:
    narrator = await make_person(session, name="Maya Chen", credentials="Meditation teacher")
    sleep = await make_topic(session, slug="sleep", name="Sleep")
    older = await make_track(session, published_at=a_while_ago(60), durations=[1200, 300, 600])
    newer = await make_track(
        session,
        published_at=a_while_ago(5),
        narrator=narrator,
        topics=[sleep],
        kind=TrackKind.sleep_story,
        level=TrackLevel.advanced,
    )

    body = await get_json(client, "/v1/tracks")

    assert [item["slug"] for item in body["items"]] == [newer.slug, older.slug]
    first, second = body["items"]
    assert first["narrator"] == {
        "slug": narrator.slug,
        "name": "Maya Chen",
        "credentials": "Meditation teacher",
    }
    assert first["topics"] == [{"slug": "sleep", "name": "Sleep"}]
    assert first["kind"] == "sleep_story"
    assert first["level"] == "advanced"
    assert second["durations_seconds"] == [300, 600, 1200]
    assert second["narrator"] is None
    # Lists carry no audio: that is decided per variant on the detail.
    assert "variants" not in first


async def test_detail_lists_variants_in_order_with_audio(
    client: AsyncClient, session: AsyncSession
) -> None:
    narrator = await make_person(session)
    track = await make_track(session, narrator=narrator, durations=[600, 300, 1200])
    variants = await variants_of(session, track)

    body = await get_json(client, f"/v1/tracks/{track.slug}")

    assert body["slug"] == track.slug
    assert body["is_premium"] is False
    assert body["durations_seconds"] == [300, 600, 1200]
    assert [variant["id"] for variant in body["variants"]] == [v.id for v in variants]
    assert [variant["duration_seconds"] for variant in body["variants"]] == [600, 300, 1200]
    for public, stored in zip(body["variants"], variants, strict=True):
        assert public["audio_url"] == stored.audio_url is not None
        assert public["has_transcript"] is True
        assert public["narrator"]["slug"] == narrator.slug


async def test_premium_audio_is_withheld_from_anonymous_callers(
    client: AsyncClient, session: AsyncSession
) -> None:
    premium = await make_track(session, is_premium=True)

    body = await get_json(client, f"/v1/tracks/{premium.slug}")

    assert body["is_premium"] is True
    assert len(body["variants"]) == 2
    assert all(variant["audio_url"] is None for variant in body["variants"])
    # What is on offer is still visible, so the app can show an upgrade prompt.
    assert [variant["duration_seconds"] for variant in body["variants"]] == [300, 600]
    assert all(variant["has_transcript"] for variant in body["variants"])


async def test_free_transcript_is_webvtt(client: AsyncClient, session: AsyncSession) -> None:
    track = await make_track(session)
    variant = (await variants_of(session, track))[0]

    response = await client.get(f"/v1/tracks/{track.slug}/variants/{variant.id}/transcript")

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/vtt")
    assert response.text == TRANSCRIPT


async def test_premium_transcript_is_403_for_anonymous_callers(
    client: AsyncClient, session: AsyncSession
) -> None:
    track = await make_track(session, is_premium=True)
    variant = (await variants_of(session, track))[0]

    response = await client.get(f"/v1/tracks/{track.slug}/variants/{variant.id}/transcript")

    body = assert_problem(response, 403, "forbidden")
    assert "premium" in body["detail"]
    assert "Settle into" not in response.text


async def test_premium_members_get_premium_audio_and_transcripts(
    client: AsyncClient, session: AsyncSession, premium_member: Member, member: Member
) -> None:
    track = await make_track(session, is_premium=True)
    variant = (await variants_of(session, track))[0]
    transcript_url = f"/v1/tracks/{track.slug}/variants/{variant.id}/transcript"

    entitled = await client.get(f"/v1/tracks/{track.slug}", headers=premium_member.headers)
    not_entitled = await client.get(f"/v1/tracks/{track.slug}", headers=member.headers)

    assert entitled.json()["variants"][0]["audio_url"] == variant.audio_url
    assert all(v["audio_url"] is None for v in not_entitled.json()["variants"])
    transcript = await client.get(transcript_url, headers=premium_member.headers)
    assert transcript.status_code == 200
    assert transcript.text == TRANSCRIPT
    assert_problem(await client.get(transcript_url, headers=member.headers), 403, "forbidden")


async def test_transcript_of_a_variant_without_one_is_404(
    client: AsyncClient, session: AsyncSession
) -> None:
    track = await make_track(session, transcript=None)
    variant = (await variants_of(session, track))[0]

    detail = await get_json(client, f"/v1/tracks/{track.slug}")
    response = await client.get(f"/v1/tracks/{track.slug}/variants/{variant.id}/transcript")

    assert detail["variants"][0]["has_transcript"] is False
    assert_problem(response, 404, "not-found")


async def test_transcript_of_another_tracks_variant_is_404(
    client: AsyncClient, session: AsyncSession
) -> None:
    track = await make_track(session)
    other = await make_track(session)
    others_variant = (await variants_of(session, other))[0]

    response = await client.get(f"/v1/tracks/{track.slug}/variants/{others_variant.id}/transcript")

    assert_problem(response, 404, "not-found")


@pytest.mark.parametrize("state", HIDDEN_STATES)
async def test_unpublished_tracks_are_invisible(
    client: AsyncClient, session: AsyncSession, state: str
) -> None:
    topic = await make_topic(session)
    narrator = await make_person(session)
    visible = await make_track(session, topics=[topic], narrator=narrator)
    hidden = await make_track(session, topics=[topic], narrator=narrator, **HIDDEN_STATES[state])
    hidden_variant = (await variants_of(session, hidden))[0]

    assert await slugs(client, "/v1/tracks") == [visible.slug]
    assert await slugs(client, "/v1/tracks", topic=topic.slug) == [visible.slug]
    assert await slugs(client, "/v1/tracks", narrator=narrator.slug) == [visible.slug]
    assert await slugs(client, "/v1/tracks", max_duration=600) == [visible.slug]
    assert_problem(await client.get(f"/v1/tracks/{hidden.slug}"), 404, "not-found")
    transcript = await client.get(
        f"/v1/tracks/{hidden.slug}/variants/{hidden_variant.id}/transcript"
    )
    assert_problem(transcript, 404, "not-found")


async def test_unknown_slug_is_a_404_problem(client: AsyncClient) -> None:
    assert_problem(await client.get("/v1/tracks/no-such-track"), 404, "not-found")
    response = await client.get("/v1/tracks/no-such-track/variants/1/transcript")
    assert_problem(response, 404, "not-found")


async def test_filter_by_topic(client: AsyncClient, session: AsyncSession) -> None:
    sleep = await make_topic(session)
    focus = await make_topic(session)
    match = await make_track(session, topics=[focus, sleep])
    await make_track(session, topics=[focus])

    assert await slugs(client, "/v1/tracks", topic=sleep.slug) == [match.slug]


async def test_filter_by_narrator(client: AsyncClient, session: AsyncSession) -> None:
    narrator = await make_person(session)
    theirs = await make_track(session, narrator=narrator)
    await make_track(session, narrator=await make_person(session))
    await make_track(session)

    assert await slugs(client, "/v1/tracks", narrator=narrator.slug) == [theirs.slug]


@pytest.mark.parametrize("kind", list(TrackKind))
async def test_filter_by_kind(client: AsyncClient, session: AsyncSession, kind: TrackKind) -> None:
    tracks = {each: await make_track(session, kind=each) for each in TrackKind}

    assert await slugs(client, "/v1/tracks", kind=kind.value) == [tracks[kind].slug]


async def test_filter_by_level(client: AsyncClient, session: AsyncSession) -> None:
    tracks = {level: await make_track(session, level=level) for level in TrackLevel}

    for level, track in tracks.items():
        assert await slugs(client, "/v1/tracks", level=level.value) == [track.slug]


async def test_filter_by_locale(client: AsyncClient, session: AsyncSession) -> None:
    spanish = await make_track(session, locale="es")
    await make_track(session, locale="en")

    assert await slugs(client, "/v1/tracks", locale="es") == [spanish.slug]


async def test_filter_by_premium(client: AsyncClient, session: AsyncSession) -> None:
    premium = await make_track(session, is_premium=True)
    free = await make_track(session, is_premium=False)

    assert await slugs(client, "/v1/tracks", premium="true") == [premium.slug]
    assert await slugs(client, "/v1/tracks", premium="false") == [free.slug]


async def test_filter_by_duration_matches_any_variant(
    client: AsyncClient, session: AsyncSession
) -> None:
    short = await make_track(session, durations=[180, 300], published_at=a_while_ago(1))
    medium = await make_track(session, durations=[600], published_at=a_while_ago(2))
    spread = await make_track(session, durations=[120, 1800], published_at=a_while_ago(3))
    long = await make_track(session, durations=[1200, 2400], published_at=a_while_ago(4))

    assert await slugs(client, "/v1/tracks", max_duration=300) == [short.slug, spread.slug]
    assert await slugs(client, "/v1/tracks", min_duration=1200) == [spread.slug, long.slug]
    in_range = await slugs(client, "/v1/tracks", min_duration=300, max_duration=600)
    assert in_range == [short.slug, medium.slug]
    # Both bounds must hold for the same variant: 120 and 1800 each miss 300..1200.
    assert spread.slug not in await slugs(client, "/v1/tracks", min_duration=300, max_duration=1200)
    exact = await slugs(client, "/v1/tracks", min_duration=600, max_duration=600)
    assert exact == [medium.slug]


async def test_filter_by_updated_since(client: AsyncClient, session: AsyncSession) -> None:
    since = utcnow() - timedelta(days=3)
    await make_track(session, published_at=since - timedelta(days=10))
    fresh = await make_track(
        session, published_at=since - timedelta(days=10), updated_at=since + timedelta(hours=1)
    )

    assert await slugs(client, "/v1/tracks", updated_since=since.isoformat()) == [fresh.slug]


async def test_filters_combine(client: AsyncClient, session: AsyncSession) -> None:
    topic = await make_topic(session)
    match = await make_track(
        session, topics=[topic], kind=TrackKind.breathing, is_premium=False, durations=[120]
    )
    await make_track(session, topics=[topic], kind=TrackKind.breathing, is_premium=True)
    await make_track(session, topics=[topic], kind=TrackKind.guided, durations=[120])
    await make_track(session, kind=TrackKind.breathing, durations=[120])

    found = await slugs(
        client,
        "/v1/tracks",
        topic=topic.slug,
        kind="breathing",
        premium="false",
        max_duration=200,
        level="beginner",
    )
    assert found == [match.slug]


@pytest.mark.parametrize("parameter", ["topic", "narrator"])
async def test_filter_on_unknown_slug_is_a_422(
    client: AsyncClient, session: AsyncSession, parameter: str
) -> None:
    await make_track(session)
    response = await client.get("/v1/tracks", params={parameter: "no-such-slug"})
    assert_problem(response, 422, "invalid-request", names=(parameter,))


async def test_every_sort_on_the_allow_list(client: AsyncClient, session: AsyncSession) -> None:
    now = utcnow()
    specs = [("m", 30, 2), ("c", 10, 3), ("x", 20, 1), ("a", 40, 4)]
    tracks = {}
    for title, published_minutes_ago, updated_minutes_ago in specs:
        tracks[title] = await make_track(
            session,
            title=f"{title} track",
            published_at=now - timedelta(minutes=published_minutes_ago),
            updated_at=now - timedelta(minutes=updated_minutes_ago),
        )

    def order(*titles: str) -> list[str]:
        return [tracks[title].slug for title in titles]

    expected = {
        "-published_at": order("c", "x", "m", "a"),
        "published_at": order("a", "m", "x", "c"),
        "-updated_at": order("x", "m", "c", "a"),
        "updated_at": order("a", "c", "m", "x"),
        "title": order("a", "c", "m", "x"),
        "-title": order("x", "m", "c", "a"),
    }
    for sort, slugs_in_order in expected.items():
        assert await slugs(client, "/v1/tracks", sort=sort) == slugs_in_order, sort
    assert await slugs(client, "/v1/tracks") == expected["-published_at"]


async def test_statement_count_does_not_grow_with_limit(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    narrator = await make_person(session)
    topic = await make_topic(session)
    for _ in range(105):
        await make_track(session, narrator=narrator, topics=[topic], durations=[300, 600, 900])

    counts = {}
    for limit in (1, 100):
        with count_statements() as log:
            body = await get_json(client, "/v1/tracks", limit=limit)
        assert len(body["items"]) == limit
        assert all(item["durations_seconds"] == [300, 600, 900] for item in body["items"])
        counts[limit] = log.count
    assert counts[1] == counts[100], counts
    assert 1 <= counts[100] <= 3, counts
