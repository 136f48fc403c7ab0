"""Languages: translations linked in groups; `locale=` or Accept-Language chooses, with
English as the documented fallback; Content-Language says which language came back."""

import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.locales import negotiate, preferred_languages
from tests.factories import make_article, make_track
from tests.helpers import assert_problem
from tests.member_factories import Member


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("es", "es"),
        ("es-MX,es;q=0.9,en;q=0.5", "es"),
        ("fr-FR, de;q=0.8", "en"),
        ("fr, es;q=0.3", "es"),
        ("es;q=0, en", "en"),
        ("*", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("\x00garbage;;q=zz,,", "en"),
        ("es;q=0.2, en;q=0.8", "en"),
    ],
)
def test_accept_language_negotiation(header: str | None, expected: str) -> None:
    assert negotiate(header) == expected


def test_preferred_languages_order_by_quality() -> None:
    assert preferred_languages("de;q=0.5, es-MX, en;q=0.9") == ["es-MX", "en", "de"]


async def linked(session: AsyncSession) -> tuple[Any, Any]:
    english = await make_article(session, slug="sleep-basics", title="Sleep basics")
    spanish = await make_article(
        session, slug="sueno-basico", title="Lo básico del sueño", locale="es"
    )
    english.translation_group = spanish.translation_group = uuid.uuid4()
    await session.flush()
    return english, spanish


async def test_lists_are_in_one_language(client: AsyncClient, session: AsyncSession) -> None:
    english, spanish = await linked(session)
    default = await client.get("/v1/articles")
    assert default.headers["content-language"] == "en"
    assert [a["slug"] for a in default.json()["items"]] == [english.slug]
    spanish_list = await client.get("/v1/articles", headers={"Accept-Language": "es-ES"})
    assert spanish_list.headers["content-language"] == "es"
    assert [a["slug"] for a in spanish_list.json()["items"]] == [spanish.slug]
    explicit = await client.get(
        "/v1/articles", params={"locale": "es"}, headers={"Accept-Language": "en"}
    )
    assert [a["slug"] for a in explicit.json()["items"]] == [spanish.slug]
    unsupported = await client.get("/v1/articles", headers={"Accept-Language": "fr"})
    assert unsupported.headers["content-language"] == "en", "English is the fallback"
    assert [a["slug"] for a in unsupported.json()["items"]] == [english.slug]


async def test_details_answer_with_the_translation(
    client: AsyncClient, session: AsyncSession
) -> None:
    english, spanish = await linked(session)
    response = await client.get(f"/v1/articles/{english.slug}", headers={"Accept-Language": "es"})
    assert response.headers["content-language"] == "es"
    assert response.json()["slug"] == spanish.slug
    assert response.json()["translations"] == [{"locale": "en", "slug": english.slug}]
    by_param = await client.get(f"/v1/articles/{english.slug}", params={"locale": "es"})
    assert by_param.json()["slug"] == spanish.slug
    as_is = await client.get(f"/v1/articles/{english.slug}")
    assert as_is.headers["content-language"] == "en"
    assert as_is.json()["translations"] == [{"locale": "es", "slug": spanish.slug}]
    fallback = await client.get(f"/v1/articles/{english.slug}", params={"locale": "fr"})
    assert fallback.json()["slug"] == english.slug
    assert fallback.headers["content-language"] == "en"
    bad = await client.get(f"/v1/articles/{english.slug}", params={"locale": "not a locale"})
    assert_problem(bad, 422, "invalid-request", names=("locale",))


async def test_cached_responses_vary_by_language(
    client: AsyncClient, session: AsyncSession
) -> None:
    english, spanish = await linked(session)
    first = await client.get(f"/v1/articles/{english.slug}", headers={"Accept-Language": "es"})
    second = await client.get(f"/v1/articles/{english.slug}", headers={"Accept-Language": "en"})
    assert first.json()["slug"] == spanish.slug
    assert second.json()["slug"] == english.slug
    assert "Accept-Language" in second.headers["vary"]


async def test_tracks_and_an_unpublished_translation(
    client: AsyncClient, session: AsyncSession
) -> None:
    track = await make_track(session, slug="breath-en")
    draft = await make_track(session, slug="respiracion", locale="es", status="draft")
    track.translation_group = draft.translation_group = uuid.uuid4()
    await session.flush()
    response = await client.get("/v1/tracks/breath-en", headers={"Accept-Language": "es"})
    assert response.json()["slug"] == "breath-en", "a draft translation is never served"
    assert response.json()["translations"] == []
    assert response.headers["content-language"] == "en"


async def test_graphql_follows_the_same_rules(client: AsyncClient, session: AsyncSession) -> None:
    english, spanish = await linked(session)
    query = '{ articles { nodes { slug } } article(slug: "sleep-basics") { slug } }'
    spanish_result = await client.post(
        "/graphql", json={"query": query}, headers={"Accept-Language": "es"}
    )
    data = spanish_result.json()["data"]
    assert [n["slug"] for n in data["articles"]["nodes"]] == [spanish.slug]
    assert data["article"]["slug"] == spanish.slug
    english_result = await client.post("/graphql", json={"query": query})
    assert english_result.json()["data"]["article"]["slug"] == english.slug
    explicit = await client.post(
        "/graphql", json={"query": '{ article(slug: "sleep-basics", locale: "es") { slug } }'}
    )
    assert explicit.json()["data"]["article"]["slug"] == spanish.slug


async def test_editors_link_translations(
    client: AsyncClient, session: AsyncSession, staff_user: Member
) -> None:
    base = {"title": "T", "summary": "S", "body_markdown": "B"}
    english = await client.post(
        "/v1/editorial/articles", json={**base, "slug": "calm-en"}, headers=staff_user.headers
    )
    assert english.status_code == 201
    spanish = await client.post(
        "/v1/editorial/articles",
        json={**base, "slug": "calma-es", "locale": "es", "translation_of": "calm-en"},
        headers=staff_user.headers,
    )
    assert spanish.status_code == 201, spanish.text
    assert spanish.json()["content"]["translation_of"] == "calm-en"
    again = await client.get(
        f"/v1/editorial/articles/{english.json()['id']}", headers=staff_user.headers
    )
    assert again.json()["content"]["translation_of"] == "calma-es"
    for body, name in (
        ({**base, "slug": "x-es", "locale": "es", "translation_of": "no-such"}, "translation_of"),
        ({**base, "slug": "y-es", "locale": "es", "translation_of": "calm-en"}, "translation_of"),
        ({**base, "slug": "z-en", "locale": "en", "translation_of": "calm-en"}, "translation_of"),
    ):
        response = await client.post(
            "/v1/editorial/articles", json=body, headers=staff_user.headers
        )
        assert_problem(response, 422, "invalid-request", names=(name,))


async def test_a_slug_without_a_language_preference_is_served_as_it_is(
    client: AsyncClient, session: AsyncSession
) -> None:
    _english, spanish = await linked(session)
    response = await client.get(f"/v1/articles/{spanish.slug}")
    assert response.json()["slug"] == spanish.slug
    assert response.headers["content-language"] == "es"
