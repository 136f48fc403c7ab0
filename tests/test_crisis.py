"""Crisis help: the helplines by country, the international fallback, the country taken from
`country` or Accept-Language, the embed on articles and tracks about suicide or self-harm,
GraphQL parity, caching, and the idempotent seed (also as a CLI step)."""

import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.crisis import data
from app.crisis.models import INTERNATIONAL, CrisisResource
from app.crisis.service import (
    country_from_accept_language,
    crisis_resources_for_content,
    load_crisis_resources,
)
from app.graphql.extensions import PersistedQueries
from app.tracks.models import Track
from tests.factories import make_article, make_track
from tests.helpers import assert_problem, get_json
from tests.test_graphql import error_codes, gql

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ENTRIES = sum(len(entries) for entries in data.CRISIS_RESOURCES.values())


def setup_function() -> None:
    # Persisted documents are per process (results are per app): start from none.
    PersistedQueries.documents.clear()


@pytest.fixture
async def helplines(session: AsyncSession) -> dict[str, int]:
    counts = await load_crisis_resources(session=session, now=utcnow())
    await session.commit()
    return counts


def names(body: dict[str, Any]) -> list[str]:
    return [resource["name"] for resource in body["resources"]]


def expected_names(country: str) -> list[str]:
    return [entry["name"] for entry in data.CRISIS_RESOURCES[country]]


async def sensitive_track(session: AsyncSession, warnings: list[str]) -> Track:
    track = await make_track(session)
    track.content_warnings = warnings
    await session.flush()
    return track


# The data module


def test_the_data_covers_enough_countries_and_is_well_formed() -> None:
    docstring = (data.__doc__ or "").lower()
    assert "re-verify" in docstring and "clinical team" in docstring
    countries = set(data.CRISIS_RESOURCES)
    assert INTERNATIONAL in countries
    assert len(countries - {INTERNATIONAL}) >= 15
    for country, entries in data.CRISIS_RESOURCES.items():
        assert country == INTERNATIONAL or (len(country) == 2 and country.isupper()), country
        assert entries, country
        entry_names = [entry["name"] for entry in entries]
        assert len(entry_names) == len(set(entry_names)), country
        for entry in entries:
            where = f"{country}: {entry['name']}"
            assert set(entry) <= {
                "name", "description", "phone", "sms", "chat_url", "url", "hours",
                "audience", "languages", "emergency_number", "source_url",
            }, where  # fmt: skip
            assert entry.get("phone") or entry.get("sms") or entry.get("url"), where
            for field in ("url", "chat_url", "source_url"):
                assert entry.get(field) is None or entry[field].startswith("https://"), where
            assert entry["languages"], where
            if country != INTERNATIONAL:
                assert entry.get("emergency_number"), where


def test_required_services_are_listed() -> None:
    def numbers(country: str) -> set[str]:
        return {entry["phone"] for entry in data.CRISIS_RESOURCES[country] if entry.get("phone")}

    assert "988" in numbers("US") and "988" in numbers("CA")
    assert "116 123" in numbers("GB") and "116 123" in numbers("IE")
    assert "Text SHOUT to 85258" in {entry.get("sms") for entry in data.CRISIS_RESOURCES["GB"]}
    assert "13 11 14" in numbers("AU")
    assert "3114" in numbers("FR") and "024" in numbers("ES")
    assert data.CRISIS_RESOURCES[INTERNATIONAL][0]["url"] == "https://findahelpline.com"
    assert "emergency" in data.CRISIS_RESOURCES[INTERNATIONAL][0]["description"]


# Seeding


async def test_loading_is_idempotent_and_follows_the_data(session: AsyncSession) -> None:
    first = await load_crisis_resources(session=session, now=utcnow())
    assert first == {"added": ENTRIES, "updated": 0, "removed": 0, "unchanged": 0}
    second = await load_crisis_resources(session=session, now=utcnow())
    assert second == {"added": 0, "updated": 0, "removed": 0, "unchanged": ENTRIES}
    assert await session.scalar(select(func.count()).select_from(CrisisResource)) == ENTRIES

    samaritans = await session.scalar(
        select(CrisisResource).where(
            CrisisResource.country == "GB", CrisisResource.name == "Samaritans"
        )
    )
    assert samaritans is not None
    untouched = await session.scalar(
        select(CrisisResource).where(CrisisResource.country == "US").limit(1)
    )
    assert untouched is not None
    untouched_at = untouched.updated_at
    samaritans.phone = "0000"
    session.add(CrisisResource(country="GB", name="A line no longer listed", languages=["en"]))
    await session.flush()
    third = await load_crisis_resources(session=session, now=utcnow())
    assert third == {"added": 0, "updated": 1, "removed": 1, "unchanged": ENTRIES - 1}
    await session.refresh(samaritans)
    await session.refresh(untouched)
    assert samaritans.phone == "116 123"
    assert untouched.updated_at == untouched_at


async def test_the_demo_seed_loads_the_helplines(client: AsyncClient, demo: dict[str, int]) -> None:
    assert demo["crisis resources"] == ENTRIES
    body = await get_json(client, "/v1/crisis-resources", country="US")
    assert names(body) == expected_names("US")


def test_the_cli_step_works_on_a_migrated_database_and_is_idempotent(tmp_path: Path) -> None:
    database = tmp_path / "crisis.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{database}"}

    def cli(*args: str) -> str:
        done = subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
            [sys.executable, "-m", "app.cli", *args],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli("migrate")
    assert f"{ENTRIES} added" in cli("seed-crisis-resources")
    again = cli("seed-crisis-resources")
    assert "0 added" in again and f"{ENTRIES} unchanged" in again
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT count(*) FROM crisis_resource").fetchone()
    assert rows == (ENTRIES,)


# GET /v1/crisis-resources


async def test_a_country_gets_its_own_list_in_order(
    client: AsyncClient, helplines: dict[str, int]
) -> None:
    body = await get_json(client, "/v1/crisis-resources", country="GB")
    assert body["country"] == "GB"
    assert body["fallback"] is False
    assert names(body) == ["Samaritans", "Shout"]
    samaritans, shout = body["resources"]
    assert samaritans["phone"] == "116 123"
    assert samaritans["emergency_number"] == "999"
    assert samaritans["hours"] == "24/7"
    assert samaritans["languages"] == ["en"]
    assert samaritans["source_url"].startswith("https://")
    assert samaritans["country"] == "GB"
    assert samaritans["updated_at"]
    assert shout["sms"] == "Text SHOUT to 85258"
    assert shout["phone"] is None
    assert set(samaritans) == {
        "country", "name", "description", "phone", "sms", "chat_url", "url", "hours",
        "audience", "languages", "emergency_number", "source_url", "updated_at",
    }  # fmt: skip


async def test_every_listed_country_is_served(
    client: AsyncClient, helplines: dict[str, int]
) -> None:
    for country in data.CRISIS_RESOURCES:
        if country == INTERNATIONAL:
            continue
        body = await get_json(client, "/v1/crisis-resources", country=country.lower())
        assert (body["country"], body["fallback"]) == (country, False)
        assert names(body) == expected_names(country)


async def test_uk_means_gb(client: AsyncClient, helplines: dict[str, int]) -> None:
    body = await get_json(client, "/v1/crisis-resources", country="uk")
    assert body["country"] == "GB"


@pytest.mark.parametrize("country", ["ZZ", "AQ", "XK"])
async def test_an_unknown_country_gets_the_international_fallback(
    client: AsyncClient, helplines: dict[str, int], country: str
) -> None:
    body = await get_json(client, "/v1/crisis-resources", country=country)
    assert body["country"] == INTERNATIONAL
    assert body["fallback"] is True
    assert names(body) == expected_names(INTERNATIONAL)


async def test_without_any_hint_the_international_list(
    client: AsyncClient, helplines: dict[str, int]
) -> None:
    body = await get_json(client, "/v1/crisis-resources")
    assert (body["country"], body["fallback"]) == (INTERNATIONAL, True)
    assert body["resources"][0]["url"] == "https://findahelpline.com"


async def test_an_empty_table_still_answers(client: AsyncClient) -> None:
    body = await get_json(client, "/v1/crisis-resources", country="GB")
    assert body == {"country": INTERNATIONAL, "fallback": True, "resources": []}


@pytest.mark.parametrize(
    ("accept_language", "country"),
    [
        ("en-GB", "GB"),
        ("en-GB,en;q=0.9", "GB"),
        ("fr-ca", "CA"),
        ("en_AU", "AU"),
        ("zh-Hant-TW", "TW"),
        ("en;q=0.4, de-DE;q=0.9", "DE"),
        ("de-DE;q=0, en-IE", "IE"),
        ("en-UK", "GB"),
        ("es-419", None),
        ("es-419,es-MX;q=0.9", None),
        ("en", None),
        ("en, en-GB;q=0.9", None),
        ("*", None),
        ("", None),
        (None, None),
        ("en-GB;q=abc", None),
        (";;,,", None),
        ("sr-Latn-RS", "RS"),
        ("x-klingon", None),
    ],
)
def test_accept_language_region(accept_language: str | None, country: str | None) -> None:
    assert country_from_accept_language(accept_language) == country


async def test_accept_language_chooses_the_country(
    client: AsyncClient, helplines: dict[str, int]
) -> None:
    for header, country, fallback in (
        ("en-GB,en;q=0.9", "GB", False),
        ("nl-BE", "BE", False),
        ("es-419", INTERNATIONAL, True),
        ("en", INTERNATIONAL, True),
        ("zh-TW", INTERNATIONAL, True),
    ):
        response = await client.get("/v1/crisis-resources", headers={"Accept-Language": header})
        body = response.json()
        assert (body["country"], body["fallback"]) == (country, fallback), header


async def test_the_country_parameter_wins_over_accept_language(
    client: AsyncClient, helplines: dict[str, int]
) -> None:
    response = await client.get(
        "/v1/crisis-resources", params={"country": "IE"}, headers={"Accept-Language": "en-GB"}
    )
    assert response.json()["country"] == "IE"


@pytest.mark.parametrize("country", ["GBR", "1", "G", "", "G1", "ÉÉ", "12"])
async def test_a_malformed_country_is_a_422_naming_it(
    client: AsyncClient, helplines: dict[str, int], country: str
) -> None:
    response = await client.get("/v1/crisis-resources", params={"country": country})
    assert_problem(response, 422, "invalid-request", names=("country",))


async def test_unknown_parameters_are_rejected(client: AsyncClient) -> None:
    response = await client.get("/v1/crisis-resources", params={"countrycode": "GB"})
    assert_problem(response, 422, "invalid-request", names=("countrycode",))


async def test_the_list_is_cached_per_query_and_language(
    client: AsyncClient, helplines: dict[str, int], count_statements: Any
) -> None:
    first = await client.get("/v1/crisis-resources", headers={"Accept-Language": "en-GB"})
    assert first.headers["cache-control"].startswith("public")
    assert "Accept-Language" in first.headers["vary"]
    with count_statements() as log:
        again = await client.get("/v1/crisis-resources", headers={"Accept-Language": "en-GB"})
    assert log.count == 0
    assert again.json() == first.json()
    with count_statements() as log:
        other = await client.get("/v1/crisis-resources", headers={"Accept-Language": "en-AU"})
    assert log.count == 1
    assert other.json()["country"] == "AU"


# The embed on articles and tracks


async def test_sensitive_articles_embed_the_callers_helplines(
    client: AsyncClient, session: AsyncSession, helplines: dict[str, int]
) -> None:
    for warnings in (["suicide"], ["self_harm"], ["medication_change", "suicide"]):
        article = await make_article(session, content_warnings=warnings)
        url = f"/v1/articles/{article.slug}"
        by_param = (await client.get(url, params={"country": "gb"})).json()
        assert by_param["crisis_resources"]["country"] == "GB"
        assert names(by_param["crisis_resources"]) == expected_names("GB")
        by_header = await client.get(url, headers={"Accept-Language": "en-AU"})
        assert by_header.json()["crisis_resources"]["country"] == "AU"
        anonymous = (await client.get(url)).json()["crisis_resources"]
        assert (anonymous["country"], anonymous["fallback"]) == (INTERNATIONAL, True)
        unknown = (await client.get(url, params={"country": "ZZ"})).json()["crisis_resources"]
        assert unknown == anonymous
        assert by_param["crisis_resources"] == await get_json(
            client, "/v1/crisis-resources", country="GB"
        )


async def test_other_articles_have_no_crisis_resources(
    client: AsyncClient, session: AsyncSession, helplines: dict[str, int]
) -> None:
    for warnings in ([], ["medication_change"], ["grief", "trauma"]):
        article = await make_article(session, content_warnings=warnings)
        body = await get_json(client, f"/v1/articles/{article.slug}", country="GB")
        assert body["crisis_resources"] is None


async def test_sensitive_tracks_embed_the_callers_helplines(
    client: AsyncClient, session: AsyncSession, helplines: dict[str, int]
) -> None:
    track = await sensitive_track(session, ["self_harm"])
    body = await get_json(client, f"/v1/tracks/{track.slug}", country="NZ")
    assert body["crisis_resources"]["country"] == "NZ"
    assert names(body["crisis_resources"]) == expected_names("NZ")
    response = await client.get(f"/v1/tracks/{track.slug}", headers={"Accept-Language": "es-419"})
    assert response.json()["crisis_resources"]["fallback"] is True
    calm = await make_track(session)
    assert (await get_json(client, f"/v1/tracks/{calm.slug}"))["crisis_resources"] is None


async def test_lists_carry_no_crisis_data(
    client: AsyncClient, session: AsyncSession, helplines: dict[str, int]
) -> None:
    await make_article(session, content_warnings=["suicide"])
    await sensitive_track(session, ["suicide"])
    for url in ("/v1/articles", "/v1/tracks"):
        items = (await get_json(client, url))["items"]
        assert items and all("crisis_resources" not in item for item in items), url


async def test_detail_routes_reject_a_malformed_country(
    client: AsyncClient, session: AsyncSession
) -> None:
    article = await make_article(session)
    track = await make_track(session)
    for url in (f"/v1/articles/{article.slug}", f"/v1/tracks/{track.slug}"):
        for country in ("GBR", "1"):
            response = await client.get(url, params={"country": country})
            assert_problem(response, 422, "invalid-request", names=("country",))


async def test_cached_details_follow_the_callers_country(
    client: AsyncClient,
    session: AsyncSession,
    helplines: dict[str, int],
    count_statements: Any,
) -> None:
    article = await make_article(session, content_warnings=["suicide"])
    url = f"/v1/articles/{article.slug}"
    gb = await client.get(url, headers={"Accept-Language": "en-GB"})
    with count_statements() as log:
        again = await client.get(url, headers={"Accept-Language": "en-GB"})
    assert log.count == 0
    assert again.json() == gb.json()
    us = await client.get(url, headers={"Accept-Language": "en-US"})
    assert us.json()["crisis_resources"]["country"] == "US"
    assert us.headers["etag"] != gb.headers["etag"]
    ie = await client.get(url, params={"country": "IE"}, headers={"Accept-Language": "en-GB"})
    assert ie.json()["crisis_resources"]["country"] == "IE"


async def test_one_statement_for_the_crisis_services_of_many_items(
    session: AsyncSession, helplines: dict[str, int], count_statements: Any
) -> None:
    warnings = {n: ["suicide"] if n % 2 else [] for n in range(50)}
    with count_statements() as log:
        found = await crisis_resources_for_content(
            session=session, content_warnings=warnings, country="GB"
        )
    assert log.count == 1
    assert all((found[n] is not None) == bool(n % 2) for n in warnings)
    with count_statements() as log:
        await crisis_resources_for_content(
            session=session, content_warnings={1: ["grief"]}, country="GB"
        )
    assert log.count == 0


# GraphQL


def camel(body: dict[str, Any]) -> dict[str, Any]:
    """A REST crisis payload with GraphQL's field names and times as datetimes."""

    def name(key: str) -> str:
        head, *rest = key.split("_")
        return head + "".join(part.title() for part in rest)

    return graphql_times(
        {
            "country": body["country"],
            "fallback": body["fallback"],
            "resources": [
                {name(key): value for key, value in resource.items()}
                for resource in body["resources"]
            ],
        }
    )


def graphql_times(body: dict[str, Any]) -> dict[str, Any]:
    """REST writes `Z`, GraphQL `+00:00`: compare the instants."""
    for resource in body["resources"]:
        resource["updatedAt"] = datetime.fromisoformat(resource["updatedAt"])
    return body


FIELDS = (
    "country fallback resources { country name description phone sms chatUrl url hours "
    "audience languages emergencyNumber sourceUrl updatedAt }"
)


async def test_graphql_root_matches_rest(client: AsyncClient, helplines: dict[str, int]) -> None:
    for country in ("GB", "us", "ZZ"):
        rest = await get_json(client, "/v1/crisis-resources", country=country)
        result = await gql(
            client,
            f"query($country: String) {{ crisisResources(country: $country) {{ {FIELDS} }} }}",
            {"country": country},
        )
        assert graphql_times(result["data"]["crisisResources"]) == camel(rest), country


async def test_graphql_follows_accept_language_and_caches_per_language(
    client: AsyncClient, helplines: dict[str, int]
) -> None:
    query = "{ crisisResources { country fallback } }"
    for header, expected in (("en-GB", "GB"), ("en-CA", "CA"), ("en-GB", "GB"), ("es-419", "INTL")):
        result = await gql(client, query, headers={"Accept-Language": header})
        assert result["data"]["crisisResources"]["country"] == expected, header
    anonymous = await gql(client, query)
    assert anonymous["data"]["crisisResources"] == {"country": "INTL", "fallback": True}


async def test_graphql_rejects_a_malformed_country(
    client: AsyncClient, session: AsyncSession, helplines: dict[str, int]
) -> None:
    result = await gql(client, '{ crisisResources(country: "GBR") { country } }')
    assert error_codes(result) == ["invalid-request"]
    assert result["errors"][0]["extensions"]["errors"][0]["name"] == "country"
    article = await make_article(session)
    result = await gql(
        client,
        'query($slug: String!) { article(slug: $slug) { crisisResources(country: "1") '
        "{ country } } }",
        {"slug": article.slug},
    )
    assert error_codes(result) == ["invalid-request"]


async def test_graphql_content_fields_match_rest(
    client: AsyncClient, session: AsyncSession, helplines: dict[str, int]
) -> None:
    sensitive = await make_article(session, content_warnings=["suicide"])
    calm = await make_article(session)
    track = await sensitive_track(session, ["self_harm"])
    query = (
        "query($a: String!, $b: String!, $t: String!) {"
        f' sensitive: article(slug: $a) {{ crisisResources(country: "GB") {{ {FIELDS} }} }}'
        f' calm: article(slug: $b) {{ crisisResources(country: "GB") {{ country }} }}'
        f" track(slug: $t) {{ crisisResources {{ {FIELDS} }} }} }}"
    )
    result = await gql(
        client,
        query,
        {"a": sensitive.slug, "b": calm.slug, "t": track.slug},
        headers={"Accept-Language": "en-IE"},
    )
    assert "errors" not in result, result
    rest_article = await get_json(client, f"/v1/articles/{sensitive.slug}", country="GB")
    rest_track = (
        await client.get(f"/v1/tracks/{track.slug}", headers={"Accept-Language": "en-IE"})
    ).json()
    sensitive_result = graphql_times(result["data"]["sensitive"]["crisisResources"])
    assert sensitive_result == camel(rest_article["crisis_resources"])
    assert result["data"]["calm"]["crisisResources"] is None
    assert graphql_times(result["data"]["track"]["crisisResources"]) == camel(
        rest_track["crisis_resources"]
    )
    assert result["data"]["track"]["crisisResources"]["country"] == "IE"


async def test_graphql_lists_load_crisis_services_once(
    client: AsyncClient, session: AsyncSession, helplines: dict[str, int], count_statements: Any
) -> None:
    for n in range(40):
        await make_article(session, content_warnings=["suicide"] if n % 2 else [])
    query = (
        "query($first: Int!) { articles(first: $first) { nodes { slug "
        'crisisResources(country: "GB") { country resources { name } } } } }'
    )
    counts = {}
    for first in (2, 40):
        with count_statements() as log:
            result = await gql(client, query, {"first": first})
        nodes = result["data"]["articles"]["nodes"]
        assert len(nodes) == first
        assert any(node["crisisResources"] for node in nodes)
        assert any(node["crisisResources"] is None for node in nodes)
        counts[first] = log.count
    assert counts[2] == counts[40], counts


async def test_openapi_documents_the_route_and_the_country_parameter(
    client: AsyncClient,
) -> None:
    document = (await client.get("/openapi.json")).json()
    operation = document["paths"]["/v1/crisis-resources"]["get"]
    assert operation["operationId"] == "get_crisis_resources"
    assert "422" in operation["responses"]
    for path in ("/v1/articles/{slug}", "/v1/tracks/{slug}"):
        parameters = document["paths"][path]["get"]["parameters"]
        assert "country" in {parameter["name"] for parameter in parameters}, path
