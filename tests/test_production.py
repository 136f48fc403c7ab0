"""The app as production runs it (ENVIRONMENT=production): security headers on every kind
of answer, and a GraphQL endpoint that does not describe its own schema.

The OpenAPI docs stay on in production: partner developers read them (README, Deploying).
"""

import re
import secrets
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from httpx import AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.core import security_headers
from app.core.config import Settings
from app.main import create_app
from tests.conftest import DATABASE_URL, client_for
from tests.factories import make_article
from tests.helpers import assert_problem
from tests.member_factories import Member, app_of

PRODUCTION = Settings(
    environment="production",
    secret_key=secrets.token_urlsafe(48),
    database_url=DATABASE_URL,
    content_version_poll_seconds=3600,
    redis_url=None,
)
EVERYWHERE = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
API = {
    **EVERYWHERE,
    "content-security-policy": security_headers.API_CSP,
    "cross-origin-resource-policy": "same-origin",
}
HSTS = security_headers.HSTS


@pytest.fixture
async def production(engine: AsyncEngine, session: AsyncSession) -> AsyncIterator[AsyncClient]:
    app = create_app(PRODUCTION)
    async with client_for(app, engine, session) as client:
        await app.state.content_version.current()
        yield client


def assert_headers(response: Response, expected: dict[str, str], *, hsts: bool = True) -> None:
    for name, value in expected.items():
        assert response.headers.get(name) == value, (name, response.headers)
    if hsts:
        assert response.headers["strict-transport-security"] == HSTS
    else:
        assert "strict-transport-security" not in response.headers
    # Each header once, however many layers the answer passed.
    for name in expected:
        assert len(response.headers.get_list(name)) == 1, name


async def gql(client: AsyncClient, query: str, **extra: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, **extra})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# Security headers


async def test_json_answers_carry_the_headers(
    production: AsyncClient, session: AsyncSession
) -> None:
    await make_article(session)

    response = await production.get("/v1/articles")

    assert response.status_code == 200, response.text
    assert_headers(response, API)
    # Caching is not the headers' business.
    assert response.headers["cache-control"].startswith("public, max-age=")


async def test_cached_answers_and_304s_carry_the_headers(
    production: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    await make_article(session)
    first = await production.get("/v1/articles")

    with count_statements() as log:
        cached = await production.get("/v1/articles")
        not_modified = await production.get(
            "/v1/articles", headers={"If-None-Match": first.headers["etag"]}
        )

    assert log.count == 0  # both answered by the response cache
    assert cached.status_code == 200
    assert_headers(cached, API)
    assert not_modified.status_code == 304
    assert_headers(not_modified, API)


async def test_problems_carry_the_headers(production: AsyncClient) -> None:
    missing = await production.get("/v1/articles/no-such-article")
    assert_problem(missing, 404, "not-found")
    assert_headers(missing, API)

    invalid = await production.get("/v1/articles", params={"limit": 1000})
    assert_problem(invalid, 422, "invalid-request", names=("limit",))
    assert_headers(invalid, API)

    too_large = await production.post(
        "/v1/auth/register",
        content=b"{" + b" " * PRODUCTION.max_request_body_bytes + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert_problem(too_large, 413, "payload-too-large")
    assert_headers(too_large, API)


async def test_a_500_carries_the_headers(engine: AsyncEngine, session: AsyncSession) -> None:
    app = create_app(PRODUCTION)

    async def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/v1/broken", broken)
    async with client_for(app, engine, session) as client:
        response = await client.get("/v1/broken")

    assert_problem(response, 500, "internal-error")
    assert_headers(response, API)


async def test_media_may_be_embedded_by_other_sites(production: AsyncClient) -> None:
    response = await production.get("/v1/media/3f2b8c1e-7d4a-4c55-9a0e-2b1f6f0c9d11")

    assert_problem(response, 404, "not-found")
    assert_headers(
        response,
        {
            **EVERYWHERE,
            "content-security-policy": security_headers.API_CSP,
            "cross-origin-resource-policy": "cross-origin",
        },
    )


async def test_development_has_the_headers_but_not_hsts(client: AsyncClient) -> None:
    response = await client.get("/healthz")

    assert_headers(response, API, hsts=False)


# Pages: each policy allows what the page loads


def _sources(html: str) -> list[tuple[str, str]]:
    """(CSP directive, URL) of every script, stylesheet and icon a page loads."""
    found = [("script-src", url) for url in re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)]
    for link in re.findall(r"<link[^>]*>", html):
        href = re.search(r'\bhref="([^"]+)"', link)
        rel = re.search(r'\brel="([^"]+)"', link)
        if href and rel:
            directive = "img-src" if "icon" in rel.group(1) else "style-src"
            found.append((directive, href.group(1)))
    return found


def _directive(policy: str, name: str) -> list[str]:
    for directive in policy.split(";"):
        parts = directive.split()
        if parts and parts[0] == name:
            return parts[1:]
    raise AssertionError(f"{name} missing from {policy}")


def assert_policy_allows(response: Response) -> None:
    policy = response.headers["content-security-policy"]
    sources = _sources(response.text)
    assert sources, "the page loads nothing: has the HTML changed?"
    own_origin = f"{response.request.url.scheme}://{response.request.url.netloc.decode()}"
    for directive, url in sources:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else own_origin
        origin = "'self'" if origin == own_origin else origin
        assert origin in _directive(policy, directive), (url, policy)
    if "<script>" in response.text:  # an inline script starts the page
        assert "'unsafe-inline'" in _directive(policy, "script-src")


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_the_docs_stay_on_in_production_with_a_policy_that_lets_them_load(
    production: AsyncClient, path: str
) -> None:
    response = await production.get(path)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert_headers(
        response,
        {
            **EVERYWHERE,
            "content-security-policy": security_headers.DOCS_CSP,
            "cross-origin-resource-policy": "same-origin",
        },
    )
    assert_policy_allows(response)
    assert (await production.get("/openapi.json")).status_code == 200


async def test_graphiql_in_development_has_a_policy_that_lets_it_load(
    client: AsyncClient,
) -> None:
    response = await client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-security-policy"] == security_headers.GRAPHIQL_CSP
    assert_policy_allows(response)


async def test_the_admin_keeps_its_own_policy_for_its_own_assets(production: AsyncClient) -> None:
    response = await production.get("/admin/login")

    assert response.status_code == 200
    assert response.headers["content-security-policy"] == security_headers.ADMIN_CSP
    # The admin's own Referrer-Policy stands; the missing headers are added.
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["strict-transport-security"] == HSTS
    assert_policy_allows(response)
    assert "'unsafe-inline'" not in _directive(security_headers.ADMIN_CSP, "script-src")


# GraphQL


async def test_graphiql_is_not_served(production: AsyncClient) -> None:
    response = await production.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 404
    assert not response.headers["content-type"].startswith("text/html")
    assert "graphiql" not in response.text.lower()
    assert_headers(response, API)


@pytest.mark.parametrize(
    "query",
    [
        "{ __schema { types { name } } }",
        '{ __type(name: "Article") { fields { name } } }',
        "query Named { articles(first: 1) { edges { node { slug } } } __schema { queryType "
        "{ name } } }",
    ],
)
async def test_introspection_is_refused(production: AsyncClient, query: str) -> None:
    result = await gql(production, query)

    assert result.get("data") is None
    assert "introspection" in result["errors"][0]["message"].lower()


async def test_typename_still_works(production: AsyncClient) -> None:
    # Clients (Apollo, Relay) add __typename to every selection; it reveals nothing.
    result = await gql(production, "{ __typename }")

    assert result == {"data": {"__typename": "Query"}}


MISTAKES = {
    "field": "{ articels(first: 1) { edges { node { slug } } } }",
    "argument": "{ articles(frist: 1) { edges { node { slug } } } }",
    "enum value": "{ articles(sort: PUBLISHED_ATT) { edges { node { slug } } } }",
    "type": "query($n: Intt) { articles(first: $n) { edges { node { slug } } } }",
    "input field": '{ articles(filter: {topik: "sleep"}) { edges { node { slug } } } }',
    "nested field": "{ articles(first: 1) { edges { node { slgu } } } }",
}


@pytest.mark.parametrize("query", MISTAKES.values(), ids=MISTAKES.keys())
async def test_mistakes_get_no_suggestions(
    client: AsyncClient, production: AsyncClient, query: str
) -> None:
    # In development the same mistake is answered with a suggestion, so the check bites.
    developed = await gql(client, query)
    assert "Did you mean" in developed["errors"][0]["message"]

    result = await gql(production, query)

    assert result["errors"]
    for error in result["errors"]:
        assert "Did you mean" not in error["message"], error
        assert error["extensions"]["code"]


async def test_a_variable_with_a_mistaken_enum_value_gets_no_suggestion(
    production: AsyncClient,
) -> None:
    result = await gql(
        production,
        "query($sort: ContentSort!) { articles(sort: $sort) { edges { node { slug } } } }",
        variables={"sort": "TITEL"},
    )

    assert result["errors"]
    assert "Did you mean" not in result["errors"][0]["message"]


async def test_member_queries_work_in_production(
    production: AsyncClient, session: AsyncSession
) -> None:
    from tests.member_factories import make_member

    member: Member = await make_member(session, app_of(production).state.settings)

    response = await production.post(
        "/graphql",
        json={"query": "{ viewer { profile { displayName } } }"},
        headers=member.headers,
    )

    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"viewer": {"profile": {"displayName": "Robin"}}}}
    assert response.headers["cache-control"] == "private, no-store"
    assert_headers(response, API)
