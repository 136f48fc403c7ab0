"""HTTP caching of public content: ETags, 304s, the anonymous response cache and its
invalidation, gzip, and private member responses."""

import asyncio
import gzip
from datetime import timedelta
from typing import Any
from unittest.mock import patch

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.core.config import Settings
from app.core.db import utcnow
from app.main import create_app
from app.sync.models import ContentChangeAction
from app.sync.service import content_version, record_content_change
from tests.conftest import client_for
from tests.factories import make_article
from tests.helpers import assert_problem
from tests.member_factories import Member


async def test_public_content_has_strong_etag_and_cache_control(
    client: AsyncClient, session: AsyncSession
) -> None:
    article = await make_article(session)
    for url in ("/v1/articles", f"/v1/articles/{article.slug}", "/v1/topics", "/v1/tracks"):
        response = await client.get(url)
        assert response.status_code == 200
        assert response.headers["etag"].startswith('"') and not response.headers["etag"].startswith(
            "W/"
        )
        assert response.headers["cache-control"].startswith("public, max-age=")
        assert "stale-while-revalidate=" in response.headers["cache-control"]
        assert "Authorization" in response.headers["vary"]
        assert "Accept-Language" in response.headers["vary"]


async def test_if_none_match_gives_304_without_a_query(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    await make_article(session)
    first = await client.get("/v1/articles")
    with count_statements() as log:
        response = await client.get(
            "/v1/articles", headers={"If-None-Match": first.headers["etag"]}
        )
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == first.headers["etag"]
    assert log.count == 0
    stale = await client.get("/v1/articles", headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


async def test_repeated_anonymous_reads_are_served_from_memory(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    await make_article(session)
    first = await client.get("/v1/articles", params={"limit": 5})
    with count_statements() as log:
        second = await client.get("/v1/articles", params={"limit": 5})
    assert log.count == 0
    assert second.content == first.content
    with count_statements() as log:
        other = await client.get("/v1/articles", params={"limit": 6})
    assert log.count > 0, "a different query string is a different entry"
    assert other.status_code == 200


async def test_a_content_change_invalidates_the_cache(
    client: AsyncClient, session: AsyncSession
) -> None:
    await make_article(session, slug="first-article")
    await session.commit()
    before = await client.get("/v1/articles")
    await make_article(session, slug="second-article", record_change=True)
    await session.commit()
    after = await client.get("/v1/articles")
    assert "second-article" in [a["slug"] for a in after.json()["items"]]
    assert after.headers["etag"] != before.headers["etag"]
    old = await client.get("/v1/articles", headers={"If-None-Match": before.headers["etag"]})
    assert old.status_code == 200


async def test_a_rolled_back_change_does_not_invalidate(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    article = await make_article(session)
    await session.commit()
    await client.get("/v1/articles")
    record_content_change(
        session,
        entity_type="article",
        entity_id=article.id,
        slug=article.slug,
        action=ContentChangeAction.upsert,
    )
    await session.rollback()
    with count_statements() as log:
        await client.get("/v1/articles")
    assert log.count == 0


async def test_gzip_for_large_bodies(client: AsyncClient, session: AsyncSession) -> None:
    for _ in range(10):
        await make_article(session)
    plain = await client.get("/v1/articles", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    compressed = await client.get("/v1/articles", headers={"Accept-Encoding": "gzip"})
    assert compressed.headers["content-encoding"] == "gzip"
    assert compressed.json() == plain.json()  # httpx decompresses
    raw = await client.get("/v1/articles", headers={"Accept-Encoding": "gzip"})
    assert int(raw.headers["content-length"]) < len(plain.content)
    assert gzip.compress(plain.content)  # the plain body is what was compressed


async def test_head_returns_headers_only(client: AsyncClient, session: AsyncSession) -> None:
    await make_article(session)
    response = await client.head("/v1/articles")
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["etag"]


async def test_errors_are_not_cached(client: AsyncClient, count_statements: Any) -> None:
    await client.get("/v1/articles/no-such-article")
    with count_statements() as log:
        response = await client.get("/v1/articles/no-such-article")
    assert response.status_code == 404
    assert log.count > 0
    assert "etag" not in response.headers


async def test_signed_in_reads_are_private_and_not_shared(
    client: AsyncClient, session: AsyncSession, member: Member, count_statements: Any
) -> None:
    await make_article(session)
    await client.get("/v1/articles")
    with count_statements() as log:
        response = await client.get("/v1/articles", headers=member.headers)
    assert log.count > 0, "a signed-in read never comes from the shared cache"
    assert response.headers["cache-control"] == "private, no-cache"
    assert response.headers["etag"]
    me = await client.get("/v1/me", headers=member.headers)
    assert me.headers["cache-control"] == "private, no-store"


async def test_graphql_anonymous_get_and_post_are_cached(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    await make_article(session)
    query = "{ articles(first: 3) { nodes { slug } } }"
    await client.post("/graphql", json={"query": query})
    with count_statements() as log:
        response = await client.post("/graphql", json={"query": query})
    assert log.count == 0
    assert response.headers["etag"]
    await client.get("/graphql", params={"query": query})
    with count_statements() as log:
        response = await client.get("/graphql", params={"query": query})
    assert log.count == 0
    assert response.json()["data"]["articles"]["nodes"]


async def test_content_version_sees_scheduled_items_go_live(session: AsyncSession) -> None:
    now = utcnow()
    before = await content_version(session=session, now=now)
    record_content_change(
        session,
        entity_type="article",
        entity_id=1,
        slug="scheduled",
        action=ContentChangeAction.upsert,
        visible_at=now + timedelta(hours=1),
    )
    record_content_change(
        session, entity_type="article", entity_id=2, slug="now", action=ContentChangeAction.upsert
    )
    await session.flush()
    moments = [now + timedelta(seconds=1), now + timedelta(minutes=59), now + timedelta(hours=2)]
    versions = [await content_version(session=session, now=moment) for moment in moments]
    assert versions[0] != before
    assert versions[0] == versions[1], "nothing new is visible before the scheduled time"
    assert versions[2] != versions[1], "the scheduled change becomes visible at its time"


async def test_a_stored_answer_is_the_answer_the_app_gave(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    await make_article(session)
    for url in ("/v1/articles", "/graphql?query=%7Barticles%7Bnodes%7Bslug%7D%7D%7D"):
        first = await client.get(url, headers={"Accept-Language": "en"})
        with count_statements() as log:
            stored = await client.get(url, headers={"Accept-Language": "en"})
        assert log.count == 0, url
        assert stored.content == first.content
        assert sorted(stored.headers.multi_items()) == sorted(first.headers.multi_items())


async def test_a_stored_answer_is_per_language(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    await make_article(session)
    await client.get("/v1/articles", headers={"Accept-Language": "en"})
    with count_statements() as log:
        await client.get("/v1/articles", headers={"Accept-Language": "es"})
    assert log.count > 0, "another language is another entry"


async def test_cors_answers_for_stored_responses(
    engine: AsyncEngine, session: AsyncSession, settings: Settings
) -> None:
    allowed = "https://clinic.example"
    app = create_app(settings.model_copy(update={"cors_origins": [allowed]}))
    async with client_for(app, engine, session) as client:
        await app.state.content_version.current()
        await make_article(session)
        await client.get("/v1/articles")  # stored, without an Origin
        from_browser = await client.get("/v1/articles", headers={"Origin": allowed})
        assert from_browser.headers["access-control-allow-origin"] == allowed
        other = await client.get("/v1/articles", headers={"Origin": "https://else.example"})
        assert "access-control-allow-origin" not in other.headers


async def test_a_bad_api_key_is_refused_even_when_the_answer_is_stored(
    client: AsyncClient, session: AsyncSession
) -> None:
    await make_article(session)
    assert (await client.get("/v1/articles")).status_code == 200
    refused = await client.get("/v1/articles", headers={"X-API-Key": "smk_not-a-key"})
    assert_problem(refused, 401, "unauthorized")


async def test_the_version_is_read_again_in_the_background(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Only the first read is awaited; later ones run in the background while requests
    answer with the version read before (had they waited while holding pooled connections,
    the read could get none; through a busy event loop it took ~370 ms)."""
    from app.core.caching import ContentVersionTracker

    reading = asyncio.Event()
    release = asyncio.Event()
    reads = 0
    failing = False

    class SlowSession:
        async def __aenter__(self) -> "SlowSession":
            nonlocal reads
            reads += 1
            if reads == 2:
                reading.set()
                await release.wait()
            if failing:
                raise ConnectionError("database unreachable")
            return self

        async def __aexit__(self, *_exc: object) -> None:
            return None

    async def fake_content_version(*, session: object, now: object) -> str:
        return f"db{reads}"

    tracker = ContentVersionTracker(lambda: SlowSession, poll_seconds=0)  # type: ignore[return-value]
    assert tracker.fresh() is None  # not read yet
    with patch("app.sync.service.content_version", fake_content_version):
        first = await tracker.current()
        assert first.startswith("db1:")
        # Due again (poll 0): the read starts, and nobody waits for it.
        assert await asyncio.wait_for(tracker.current(), timeout=1) == first
        await reading.wait()
        assert await asyncio.wait_for(tracker.current(), timeout=1) == first
        assert tracker.fresh() == first
        assert reads == 2  # one read at a time
        release.set()
        for _ in range(100):
            if tracker.fresh() != first:
                break
            await asyncio.sleep(0.01)
        assert (await tracker.current()).startswith(("db2:", "db3:"))

        # A read that fails is logged; the version read before is kept.
        failing = True
        kept = await tracker.current()
        for _ in range(10):
            await asyncio.sleep(0.01)
            assert await tracker.current() == kept
        assert "could not read the content version" in caplog.text

        # Stopping cancels a read still running.
        failing = False
        reads, reading, release = 1, asyncio.Event(), asyncio.Event()
        await tracker.close()
        tracker.fresh()
        await reading.wait()
        await tracker.close()
        assert tracker._reading is not None and tracker._reading.cancelled()
