"""Bad input gets a 4xx problem+json naming what is wrong, never a 500; health and problems."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.api.errors import PROBLEM_TYPES
from app.api.system import migration_heads
from app.core.config import Settings
from app.core.db import create_engine, create_sessionmaker
from app.main import create_app
from tests.factories import make_article, make_person, make_topic, make_track
from tests.helpers import PROBLEM_JSON, assert_problem

NAIVE_TIME = "2026-11-01T00:00:00"

# (url, query parameters, the parameters the 422 must name)
BAD_QUERIES: list[tuple[str, dict[str, str], tuple[str, ...]]] = [
    ("/v1/articles", {"sort": "popularity"}, ("sort",)),
    ("/v1/articles", {"sort": "published_at,title"}, ("sort",)),
    ("/v1/articles", {"limit": "0"}, ("limit",)),
    ("/v1/articles", {"limit": "1000"}, ("limit",)),
    ("/v1/articles", {"limit": "101"}, ("limit",)),
    ("/v1/articles", {"limit": "-5"}, ("limit",)),
    ("/v1/articles", {"limit": "ten"}, ("limit",)),
    ("/v1/articles", {"limit": "2.5"}, ("limit",)),
    ("/v1/articles", {"medical": "maybe"}, ("medical",)),
    ("/v1/articles", {"updated_since": NAIVE_TIME}, ("updated_since",)),
    ("/v1/articles", {"updated_since": "yesterday"}, ("updated_since",)),
    ("/v1/articles", {"updated_since": "2026-13-45T00:00:00Z"}, ("updated_since",)),
    ("/v1/articles", {"updated_since": "0001-01-01T00:00:00+14:00"}, ("updated_since",)),
    ("/v1/articles", {"updated_since": "9999-12-31T23:59:59-14:00"}, ("updated_since",)),
    ("/v1/articles", {"locale": "english"}, ("locale",)),
    ("/v1/articles", {"topc": "sleep"}, ("topc",)),
    ("/v1/articles", {"topic": "no-such-topic"}, ("topic",)),
    ("/v1/articles", {"author": "no-such-person"}, ("author",)),
    ("/v1/articles", {"topic": "a\x00b"}, ("topic",)),
    ("/v1/articles", {"author": "x" * 121}, ("author",)),
    ("/v1/articles", {"cursor": "garbage"}, ("cursor",)),
    ("/v1/tracks", {"max_duration": "abc"}, ("max_duration",)),
    ("/v1/tracks", {"min_duration": "abc"}, ("min_duration",)),
    ("/v1/tracks", {"min_duration": "-1"}, ("min_duration",)),
    ("/v1/tracks", {"max_duration": "86401"}, ("max_duration",)),
    ("/v1/tracks", {"max_duration": "99999999999999999999999"}, ("max_duration",)),
    ("/v1/tracks", {"min_duration": "900", "max_duration": "300"}, ("max_duration",)),
    ("/v1/tracks", {"premium": "maybe"}, ("premium",)),
    ("/v1/tracks", {"kind": "podcast"}, ("kind",)),
    ("/v1/tracks", {"kind": "Guided"}, ("kind",)),
    ("/v1/tracks", {"level": "expert"}, ("level",)),
    ("/v1/tracks", {"narrator": "no-such-person"}, ("narrator",)),
    ("/v1/tracks", {"topic": "no-such-topic"}, ("topic",)),
    ("/v1/tracks", {"updated_since": NAIVE_TIME}, ("updated_since",)),
    ("/v1/tracks", {"sort": "duration"}, ("sort",)),
    ("/v1/tracks", {"limit": "0"}, ("limit",)),
    ("/v1/tracks", {"limit": "1000"}, ("limit",)),
    ("/v1/tracks", {"duration": "600"}, ("duration",)),
    ("/v1/tracks", {"cursor": "garbage"}, ("cursor",)),
    ("/v1/collections", {"kind": "podcast"}, ("kind",)),
    ("/v1/collections", {"topic": "no-such-topic"}, ("topic",)),
    ("/v1/collections", {"updated_since": NAIVE_TIME}, ("updated_since",)),
    ("/v1/collections", {"locale": "EN"}, ("locale",)),
    ("/v1/collections", {"sort": "-popularity"}, ("sort",)),
    ("/v1/collections", {"limit": "0"}, ("limit",)),
    ("/v1/collections", {"limit": "1000"}, ("limit",)),
    ("/v1/collections", {"author": "someone"}, ("author",)),
    ("/v1/collections", {"cursor": "garbage"}, ("cursor",)),
    ("/v1/topics", {"sort": "name"}, ("sort",)),
    ("/v1/topics", {"limit": "0"}, ("limit",)),
    ("/v1/topics", {"limit": "1000"}, ("limit",)),
    ("/v1/topics", {"cursor": "garbage"}, ("cursor",)),
]


@pytest.mark.parametrize(
    ("url", "params", "names"),
    BAD_QUERIES,
    ids=[f"{url}?{'&'.join(params)}" for url, params, _ in BAD_QUERIES],
)
async def test_bad_query_is_a_422_naming_the_parameter(
    client: AsyncClient,
    session: AsyncSession,
    url: str,
    params: dict[str, str],
    names: tuple[str, ...],
) -> None:
    # Content exists, so an unknown filter slug is refused even though the list is not empty.
    await make_article(session, topics=[await make_topic(session)])
    await make_track(session)

    response = await client.get(url, params=params)

    body = assert_problem(response, 422, "invalid-request", names=names)
    for error in body["errors"]:
        assert error["location"] == "query"
        assert error["message"]
    for name in names:
        assert name in body["detail"]


async def test_every_invalid_parameter_is_named_at_once(client: AsyncClient) -> None:
    response = await client.get(
        "/v1/tracks", params={"limit": "0", "kind": "podcast", "topc": "sleep", "premium": "?"}
    )

    assert_problem(response, 422, "invalid-request", names=("limit", "kind", "topc", "premium"))


BAD_PATHS: list[tuple[str, str]] = [
    ("/v1/tracks/some-track/variants/abc/transcript", "variant_id"),
    ("/v1/tracks/some-track/variants/0/transcript", "variant_id"),
    ("/v1/tracks/some-track/variants/99999999999/transcript", "variant_id"),
    ("/v1/articles/" + "x" * 121, "slug"),
    ("/v1/articles/a%00b", "slug"),
    ("/v1/tracks/a%0Ab", "slug"),
    ("/v1/collections/a%1Fb", "slug"),
    ("/v1/topics/a%00b", "slug"),
    ("/v1/people/a%7Fb", "slug"),
    ("/v1/tracks/a%00b/variants/1/transcript", "slug"),
]


@pytest.mark.parametrize(("url", "name"), BAD_PATHS)
async def test_bad_path_parameter_is_a_422(client: AsyncClient, url: str, name: str) -> None:
    body = assert_problem(await client.get(url), 422, "invalid-request", names=(name,))
    assert body["errors"][0]["location"] == "path"


@pytest.mark.parametrize(
    "url",
    [
        "/v1/articles/no-such-article",
        "/v1/tracks/no-such-track",
        "/v1/tracks/no-such-track/variants/1/transcript",
        "/v1/collections/no-such-collection",
        "/v1/topics/no-such-topic",
        "/v1/people/no-such-person",
        "/v1/articles/Sleep%20Hygiene",
        "/v1/articles/%C3%A4ngste",
        "/problems/no-such-problem",
    ],
)
async def test_unknown_slug_is_a_404_problem(client: AsyncClient, url: str) -> None:
    body = assert_problem(await client.get(url), 404, "not-found")
    assert body["instance"]


@pytest.mark.parametrize("url", ["/v1/nothing-here", "/nothing", "/v1/articles/x/y", "/v2/x"])
async def test_unknown_route_is_a_404_problem(client: AsyncClient, url: str) -> None:
    body = assert_problem(await client.get(url), 404, "not-found")
    assert body["instance"] == url


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("POST", "/v1/articles"),
        ("DELETE", "/v1/articles/some-article"),
        ("PUT", "/v1/tracks/some-track"),
        ("PATCH", "/v1/collections/some-collection"),
        ("POST", "/v1/topics"),
        ("DELETE", "/v1/people/someone"),
        ("POST", "/healthz"),
    ],
)
async def test_wrong_method_is_a_405_problem(client: AsyncClient, method: str, url: str) -> None:
    response = await client.request(method, url)

    assert_problem(response, 405, "method-not-allowed")
    assert "GET" in response.headers["allow"]


async def test_problem_types_are_documented(client: AsyncClient) -> None:
    for code, description in PROBLEM_TYPES.items():
        response = await client.get(f"/problems/{code}")
        assert response.status_code == 200, code
        assert response.json() == {"code": code, "description": description}


async def test_problem_type_of_an_error_leads_to_its_description(client: AsyncClient) -> None:
    for url in ("/v1/articles/missing", "/v1/articles?limit=0", "/nowhere"):
        problem = (await client.get(url)).json()
        described = await client.get(problem["type"])
        assert described.status_code == 200, problem["type"]
        assert described.json()["code"] == problem["code"]


async def test_healthz(client: AsyncClient) -> None:
    response = await client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_the_migration_at_head(client: AsyncClient) -> None:
    response = await client.get("/readyz")

    assert response.status_code == 200, response.text
    assert response.json() == {
        "status": "ready",
        "database": "ok",
        "migration": ",".join(sorted(migration_heads())),
    }


async def client_on(engine: AsyncEngine, settings: Settings) -> AsyncIterator[AsyncClient]:
    app = create_app(settings)
    app.state.engine = engine
    app.state.sessionmaker = create_sessionmaker(engine)
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_readyz_is_503_on_a_database_never_migrated(
    tmp_path: Path, settings: Settings
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/empty.db")
    try:
        async for client in client_on(engine, settings):
            response = await client.get("/readyz")
            body = assert_problem(response, 503, "service-unavailable")
            assert "migrat" in body["detail"]
    finally:
        await engine.dispose()


async def test_readyz_is_503_when_migrations_are_behind(tmp_path: Path, settings: Settings) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/behind.db")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE alembic_version (version_num TEXT)"))
            await connection.execute(text("INSERT INTO alembic_version VALUES ('0123abcd')"))
        async for client in client_on(engine, settings):
            response = await client.get("/readyz")
            body = assert_problem(response, 503, "service-unavailable")
            assert "newest migration" in body["detail"]
    finally:
        await engine.dispose()


# Values that have broken APIs before: empty, huge, control characters, other scripts,
# SQL, numbers out of every range, and a naive time.
JUNK = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1e9",
    "99999999999999999999999999",
    "true",
    "null",
    "\x00",
    "ü",
    "\u202e\U0001f9d8",
    "' OR 1=1 --",
    "2026-02-30",
    NAIVE_TIME,
    "x" * 2000,
]
LIST_PARAMETERS = {
    "/v1/articles": [
        "limit", "cursor", "sort", "topic", "author", "locale", "medical", "updated_since",
    ],
    "/v1/tracks": [
        "limit", "cursor", "sort", "topic", "narrator", "kind", "level", "locale", "premium",
        "min_duration", "max_duration", "updated_since",
    ],
    "/v1/collections": ["limit", "cursor", "sort", "topic", "kind", "locale", "updated_since"],
    "/v1/topics": ["limit", "cursor"],
}  # fmt: skip


def assert_client_error_or_ok(response: Any) -> None:
    assert response.status_code < 500, (response.request.url, response.text)
    if response.status_code != 200:
        assert response.headers["content-type"].startswith(PROBLEM_JSON), response.request.url


@pytest.mark.parametrize("url", LIST_PARAMETERS)
async def test_junk_in_any_list_parameter_is_never_a_500(
    client: AsyncClient, session: AsyncSession, url: str
) -> None:
    person = await make_person(session)
    topic = await make_topic(session)
    await make_article(session, author=person, topics=[topic])
    await make_track(session, narrator=person, topics=[topic])
    for name in LIST_PARAMETERS[url]:
        for value in JUNK:
            assert_client_error_or_ok(await client.get(url, params={name: value}))


@pytest.mark.parametrize(
    "template",
    [
        "/v1/articles/{}",
        "/v1/tracks/{}",
        "/v1/tracks/{}/variants/1/transcript",
        "/v1/tracks/x/variants/{}/transcript",
        "/v1/collections/{}",
        "/v1/topics/{}",
        "/v1/people/{}",
        "/problems/{}",
    ],
)
async def test_junk_in_any_path_parameter_is_never_a_500(
    client: AsyncClient, template: str
) -> None:
    from urllib.parse import quote

    for value in JUNK:
        if value.strip():
            assert_client_error_or_ok(await client.get(template.format(quote(value, safe=""))))
