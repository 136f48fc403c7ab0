"""The OpenAPI document explains every route; Swagger UI and ReDoc serve it."""

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from httpx import AsyncClient

from app.core.config import Settings
from app.main import create_app

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
METHODS = {"get", "post", "put", "patch", "delete"}

# The public catalogue: (method, path) -> operationId.
CATALOGUE = {
    ("get", "/v1/articles"): "list_articles",
    ("get", "/v1/articles/{slug}"): "get_article",
    ("get", "/v1/tracks"): "list_tracks",
    ("get", "/v1/tracks/{slug}"): "get_track",
    ("get", "/v1/tracks/{slug}/variants/{variant_id}/transcript"): "get_transcript",
    ("get", "/v1/collections"): "list_collections",
    ("get", "/v1/collections/{slug}"): "get_collection",
    ("get", "/v1/topics"): "list_topics",
    ("get", "/v1/topics/{slug}"): "get_topic",
    ("get", "/v1/people/{slug}"): "get_person",
    ("get", "/healthz"): "healthz",
    ("get", "/readyz"): "readyz",
    ("get", "/problems/{code}"): "describe_problem",
}

LIST_FILTERS = {
    "/v1/articles": {"topic", "author", "locale", "medical", "updated_since", "sort"},
    "/v1/tracks": {
        "topic", "narrator", "kind", "level", "locale", "premium", "min_duration",
        "max_duration", "updated_since", "sort",
    },
    "/v1/collections": {"topic", "kind", "locale", "updated_since", "sort"},
    "/v1/topics": set(),
}  # fmt: skip


@pytest.fixture
async def openapi(client: AsyncClient) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_every_route_is_in_the_document(settings: Settings) -> None:
    app = create_app(settings)
    document = app.openapi()

    # Included routers are expanded lazily: iter_route_contexts walks into them.
    checked = 0
    for context in iter_route_contexts(app.routes):
        route = context.route
        if context.path == "/graphql":
            continue  # left out of OpenAPI on purpose: schema.graphql documents it
        if isinstance(route, APIRoute) and route.include_in_schema:
            # The document names paths without converters ({action}, not {action:...}).
            path = context.path_format
            for method in context.methods or ():
                assert method.lower() in document["paths"].get(path, {}), path
                checked += 1
    assert checked >= len(CATALOGUE), f"only {checked} routes found: the walk is broken"


def test_catalogue_routes_have_their_operation_ids(openapi: dict[str, Any]) -> None:
    for (method, path), operation_id in CATALOGUE.items():
        assert openapi["paths"][path][method]["operationId"] == operation_id


def test_every_operation_has_summary_tag_and_readable_unique_id(
    openapi: dict[str, Any],
) -> None:
    declared_tags = {tag["name"] for tag in openapi.get("tags", [])}
    seen_ids: set[str] = set()
    for method, path, operation in operations(openapi):
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), where
        assert operation.get("tags"), where
        assert set(operation["tags"]) <= declared_tags, where
        operation_id = operation.get("operationId", "")
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", operation_id), where
        assert operation_id not in seen_ids, f"duplicate operationId {operation_id}"
        seen_ids.add(operation_id)


def test_tags_are_described(openapi: dict[str, Any]) -> None:
    for tag in openapi["tags"]:
        assert tag.get("description"), tag["name"]


def test_catalogue_operations_have_descriptions(openapi: dict[str, Any]) -> None:
    for method, path in CATALOGUE:
        assert openapi["paths"][path][method].get("description"), path


def test_errors_are_documented_as_problem_json(openapi: dict[str, Any]) -> None:
    assert "Problem" in openapi["components"]["schemas"]
    assert "HTTPValidationError" not in openapi["components"]["schemas"]
    for method, path, operation in operations(openapi):
        responses = operation["responses"]
        takes_input = operation.get("parameters") or operation.get("requestBody")
        if takes_input:
            assert "422" in responses, f"{method.upper()} {path} does not document 422"
        for status, response in responses.items():
            if status.startswith(("4", "5")):
                content = response.get("content", {})
                assert content.get("application/problem+json", {}).get("schema") == PROBLEM_REF, (
                    f"{method.upper()} {path} {status}"
                )


def test_detail_routes_document_404(openapi: dict[str, Any]) -> None:
    for method, path in CATALOGUE:
        if "{" in path:
            assert "404" in openapi["paths"][path][method]["responses"], path


def test_transcript_documents_webvtt_and_403(openapi: dict[str, Any]) -> None:
    responses = openapi["paths"]["/v1/tracks/{slug}/variants/{variant_id}/transcript"]["get"][
        "responses"
    ]

    assert "text/vtt" in responses["200"]["content"]
    assert responses["403"]["content"]["application/problem+json"]["schema"] == PROBLEM_REF


def test_list_filters_are_documented_parameters(openapi: dict[str, Any]) -> None:
    for path, filters in LIST_FILTERS.items():
        parameters = openapi["paths"][path]["get"]["parameters"]
        documented = {parameter["name"] for parameter in parameters}
        assert {"limit", "cursor"} | filters <= documented, path
        # Filters are query parameters; Accept-Language (a header) chooses the language.
        assert all(
            parameter["in"] == "query" or parameter["name"].lower() == "accept-language"
            for parameter in parameters
        )


def test_sort_parameters_list_the_allow_list(openapi: dict[str, Any]) -> None:
    allowed = {"-published_at", "published_at", "-updated_at", "updated_at", "title", "-title"}
    for path in ("/v1/articles", "/v1/tracks", "/v1/collections"):
        parameters = openapi["paths"][path]["get"]["parameters"]
        sort = next(parameter for parameter in parameters if parameter["name"] == "sort")
        assert set(sort["schema"]["enum"]) == allowed, path
        assert sort["schema"]["default"] == "-published_at"


async def test_swagger_ui_is_served(client: AsyncClient) -> None:
    response = await client.get("/docs")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "swagger-ui" in response.text
    assert "/openapi.json" in response.text


async def test_redoc_is_served(client: AsyncClient) -> None:
    response = await client.get("/redoc")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "redoc" in response.text.lower()
    assert "/openapi.json" in response.text


def test_errors_are_documented_only_as_problem_json(settings: Settings) -> None:
    document = create_app(settings).openapi()
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                assert set(response.get("content", {})) == {"application/problem+json"}, (
                    f"{method.upper()} {path} {status}: {sorted(response['content'])}"
                )
