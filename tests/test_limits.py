"""Limits on what a client can make the API hold: request bodies, page sizes, and the
uvicorn settings `serve` (and so the container) runs with."""

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from httpx import AsyncClient

from app import cli
from app.core.config import Settings
from app.main import create_app
from tests.helpers import assert_problem
from tests.media_files import wav_bytes
from tests.member_factories import Member, use_settings

MiB = 1024 * 1024
LIMIT = Settings().max_request_body_bytes
REGISTER = "/v1/auth/register"
UPLOAD = "/v1/editorial/media"


def registration(padding: int = 0) -> dict[str, Any]:
    return {
        "email": "limits@example.com",
        "password": "a long enough passphrase 42",
        "display_name": "L" + "x" * padding,
        "time_zone": "UTC",
    }


class CountingBody:
    """A streamed request body that records how much of it the server pulled."""

    def __init__(self, size: int, chunk: int = 64 * 1024) -> None:
        self.size = size
        self.chunk = chunk
        self.sent = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while self.sent < self.size:
            part = b"x" * min(self.chunk, self.size - self.sent)
            self.sent += len(part)
            yield part


# Request bodies


def test_the_default_limit_is_one_mebibyte() -> None:
    assert Settings.model_fields["max_request_body_bytes"].default == MiB


async def test_a_json_body_over_the_limit_is_a_413(client: AsyncClient) -> None:
    body = json.dumps(registration(padding=LIMIT)).encode()
    assert len(body) > LIMIT

    response = await client.post(
        REGISTER, content=body, headers={"Content-Type": "application/json"}
    )

    detail = assert_problem(response, 413, "payload-too-large")["detail"]
    assert str(LIMIT) in detail
    # The unread rest of the body is dropped with the connection, not read to keep it.
    assert response.headers["connection"] == "close"


async def test_a_declared_length_over_the_limit_is_refused_before_reading(
    client: AsyncClient,
) -> None:
    body = CountingBody(4 * MiB)

    response = await client.post(
        REGISTER,
        content=body,
        headers={"Content-Type": "application/json", "Content-Length": str(body.size)},
    )

    assert_problem(response, 413, "payload-too-large")
    assert body.sent == 0


async def test_a_chunked_body_stops_being_read_past_the_limit(client: AsyncClient) -> None:
    body = CountingBody(8 * MiB)

    response = await client.post(
        REGISTER, content=body, headers={"Content-Type": "application/json"}
    )

    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    assert_problem(response, 413, "payload-too-large")
    # One chunk past the limit at most, never the whole 8 MiB.
    assert body.sent <= LIMIT + body.chunk


async def test_a_graphql_body_over_the_limit_is_a_413(client: AsyncClient) -> None:
    # Anonymous GraphQL POSTs are read by the response cache, outside the framework.
    query = "{ articles(first: 1) { edges { node { slug } } } }" + " " * LIMIT

    response = await client.post("/graphql", json={"query": query})

    assert_problem(response, 413, "payload-too-large")


async def test_a_body_at_the_limit_is_read(client: AsyncClient) -> None:
    # Exactly the limit passes the size check (and is then judged as JSON: an unknown field).
    document = registration()
    document["padding"] = ""
    base = len(json.dumps(document).encode())
    document["padding"] = "x" * (LIMIT - base)
    body = json.dumps(document).encode()
    assert len(body) == LIMIT

    response = await client.post(
        REGISTER, content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 422, response.text


async def test_normal_requests_are_unaffected(client: AsyncClient) -> None:
    response = await client.post(REGISTER, json=registration())
    assert response.status_code == 201, response.text
    assert "connection" not in response.headers

    listed = await client.get("/v1/articles", params={"limit": 5})
    assert listed.status_code == 200, listed.text


# Media uploads have their own, larger limits


@pytest.fixture
def media_root(client: AsyncClient, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    use_settings(client, media_root=str(root))
    return root


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


async def upload(client: AsyncClient, staff: Member, data: bytes) -> Any:
    return await client.post(
        UPLOAD, files={"file": ("long.wav", data, "audio/wav")}, headers=staff.headers
    )


async def test_an_upload_may_be_larger_than_the_request_limit(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    data = wav_bytes(2 * LIMIT / 16_000, rate=8000)  # 16-bit mono at 8 kHz: 16 kB a second
    assert len(data) > LIMIT

    response = await upload(client, staff_user, data)

    assert response.status_code == 201, response.text
    assert response.json()["byte_size"] == len(data)


async def test_an_upload_over_its_own_limit_is_still_a_413(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    use_settings(client, media_max_audio_bytes=2 * MiB, media_max_image_bytes=MiB)

    response = await upload(client, staff_user, wav_bytes(4 * MiB / 16_000, rate=8000))

    detail = assert_problem(response, 413, "payload-too-large")["detail"]
    assert str(2 * MiB) in detail
    assert stored_files(media_root) == []


async def test_the_upload_limit_applies_to_the_upload_route_only(
    client: AsyncClient, staff_user: Member
) -> None:
    # The editorial JSON routes next to it keep the general limit.
    response = await client.post(
        "/v1/editorial/articles",
        content=b"{" + b" " * LIMIT + b"}",
        headers={**staff_user.headers, "Content-Type": "application/json"},
    )

    assert_problem(response, 413, "payload-too-large")


# Page sizes


def _list_routes() -> list[tuple[str, int]]:
    """Every GET route that takes `limit`, with its documented maximum."""
    schema = create_app(Settings(environment="test")).openapi()
    routes = []
    for path, operations in schema["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["name"] == "limit" and parameter["in"] == "query":
                routes.append((path, parameter["schema"]["maximum"]))
    return sorted(routes)


LIST_ROUTES = _list_routes()


def test_the_list_routes_were_found() -> None:
    paths = {path for path, _ in LIST_ROUTES}
    assert {"/v1/articles", "/v1/tracks", "/v1/search", "/v1/sync", "/v1/me/history"} <= paths
    assert {"/v1/editorial/media", "/v1/admin/webhooks/{webhook_id}/deliveries"} <= paths


@pytest.mark.parametrize(("path", "maximum"), LIST_ROUTES, ids=[p for p, _ in LIST_ROUTES])
async def test_a_page_over_the_maximum_is_a_422_naming_limit(
    client: AsyncClient, admin_user: Member, path: str, maximum: int
) -> None:
    url = path.replace("{webhook_id}", "1")
    params: dict[str, Any] = {"q": "sleep"} if path == "/v1/search" else {}

    for limit in (maximum + 1, 0):
        response = await client.get(
            url, params={**params, "limit": limit}, headers=admin_user.headers
        )
        assert_problem(response, 422, "invalid-request", names=("limit",))

    at_maximum = await client.get(
        url, params={**params, "limit": maximum}, headers=admin_user.headers
    )
    assert at_maximum.status_code != 422, at_maximum.text


# Serving


def test_serve_passes_the_timeouts_and_limits_to_uvicorn() -> None:
    settings = Settings(
        keep_alive_timeout_seconds=75,
        limit_concurrency=250,
        backlog=512,
        http_implementation="h11",
        h11_max_incomplete_event_size=32 * 1024,
        web_concurrency=3,
    )

    options = cli.uvicorn_options(settings)
    # uvicorn.Config takes every option, so none is misspelt.
    config = uvicorn.Config("app.main:create_app", **options)

    assert config.timeout_keep_alive == 75
    assert config.limit_concurrency == 250
    assert config.backlog == 512
    assert config.http == "h11"
    assert config.h11_max_incomplete_event_size == 32 * 1024
    assert config.workers == 3
    assert config.factory is True
    assert config.proxy_headers is True
    assert config.server_header is False
    assert config.ws == "none"  # no websocket routes: no websocket implementation loaded


def test_the_default_serving_settings() -> None:
    options = cli.uvicorn_options(Settings())

    assert options["timeout_keep_alive"] == 5
    assert options["limit_concurrency"] == 1000
    assert options["h11_max_incomplete_event_size"] == 16 * 1024
    assert options["http"] == "auto"


@pytest.mark.parametrize("prepare", [True, False])
def test_the_serve_command_runs_uvicorn_with_those_options(
    monkeypatch: pytest.MonkeyPatch, prepare: bool
) -> None:
    settings = Settings(keep_alive_timeout_seconds=30)
    steps: list[str] = []
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    monkeypatch.setattr(cli, "migrate", lambda: steps.append("migrate"))

    async def seed(*, only_if_empty: bool) -> None:
        steps.append("seed")

    monkeypatch.setattr(cli, "seed", seed)
    calls: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append((app, kwargs)))

    cli.main(["serve"] if prepare else ["serve", "--no-prepare"])

    assert calls == [("app.main:create_app", cli.uvicorn_options(settings))]
    assert steps == (["migrate", "seed"] if prepare else [])
