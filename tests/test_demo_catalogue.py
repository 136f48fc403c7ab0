"""The demo catalogue through the public API: every list walks, every link resolves.

Counts come from app/demo/catalogue.py itself, so the demo content can change freely.
"""

from datetime import UTC, datetime
from typing import Any

from httpx import AsyncClient

from app.core.db import utcnow
from app.demo import catalogue
from tests.helpers import get_json, walk
from tests.test_markdown import assert_harmless


def published_slugs(entries: list[dict[str, Any]]) -> set[str]:
    now = utcnow()
    return {
        entry["slug"]
        for entry in entries
        if entry.get("status", "published") == "published"
        and datetime.fromisoformat(entry["published_at"].replace("Z", "+00:00")).astimezone(UTC)
        <= now
    }


async def test_lists_walk_to_exactly_the_published_demo_content(
    client: AsyncClient, demo: dict[str, int]
) -> None:
    for url, entries in (
        ("/v1/articles", catalogue.ARTICLES),
        ("/v1/tracks", catalogue.TRACKS),
        ("/v1/collections", catalogue.COLLECTIONS),
    ):
        # Lists are in one language: walk each language the demo is written in.
        served: list[str] = []
        for locale in sorted({entry.get("locale", "en") for entry in entries}):
            served += await walk(client, url, limit=4, locale=locale)
        assert len(served) == len(set(served)), url
        assert set(served) == published_slugs(entries), url
    topics = await walk(client, "/v1/topics", limit=3)
    assert set(topics) == {topic["slug"] for topic in catalogue.TOPICS}


async def test_every_demo_detail_resolves(client: AsyncClient, demo: dict[str, int]) -> None:
    for slug in published_slugs(catalogue.ARTICLES):
        article = await get_json(client, f"/v1/articles/{slug}")
        assert_harmless(article["body_html"])
        assert article["body_html"].strip()
    for slug in published_slugs(catalogue.TRACKS):
        track = await get_json(client, f"/v1/tracks/{slug}")
        assert track["variants"], slug
        for variant in track["variants"]:
            assert (variant["audio_url"] is None) == track["is_premium"], slug
            if variant["has_transcript"]:
                response = await client.get(
                    f"/v1/tracks/{slug}/variants/{variant['id']}/transcript"
                )
                assert response.status_code == (403 if track["is_premium"] else 200), slug
    for slug in published_slugs(catalogue.COLLECTIONS):
        collection = await get_json(client, f"/v1/collections/{slug}")
        assert collection["item_count"] == len(collection["items"])
    for topic in catalogue.TOPICS:
        await get_json(client, f"/v1/topics/{topic['slug']}")
    for person in catalogue.PEOPLE:
        await get_json(client, f"/v1/people/{person['slug']}")


async def test_unpublished_demo_content_is_nowhere(
    client: AsyncClient, demo: dict[str, int]
) -> None:
    hidden = {entry["slug"] for entry in catalogue.ARTICLES} - published_slugs(catalogue.ARTICLES)
    pages: list[Any] = [await get_json(client, "/v1/articles", limit=100)]
    pages += [await get_json(client, f"/v1/topics/{t['slug']}") for t in catalogue.TOPICS]
    pages += [await get_json(client, f"/v1/people/{p['slug']}") for p in catalogue.PEOPLE]
    pages += [
        await get_json(client, f"/v1/collections/{c['slug']}")
        for c in catalogue.COLLECTIONS
        if c["slug"] in published_slugs(catalogue.COLLECTIONS)
    ]
    for slug in hidden:
        assert (await client.get(f"/v1/articles/{slug}")).status_code == 404
        for page in pages:
            assert f'"{slug}"' not in str(page).replace("'", '"'), slug
