"""Assertions and walks shared by the API tests."""

import subprocess
import sys
from typing import Any

from httpx import AsyncClient, Response

from app.api.system import PROJECT_ROOT

PROBLEM_JSON = "application/problem+json"


def printed_by_fresh_interpreter(code: str, env: dict[str, str] | None = None) -> list[str]:
    """What `code` prints, run by a new interpreter in the project (words, in order): for
    what a process imports, which the test process, having imported everything, cannot
    tell."""
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def assert_problem(
    response: Response, status: int, code: str, *, names: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status and code; `errors` name `names`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"/problems/{code}"
    assert body["title"]
    assert body["detail"]
    assert "Traceback" not in response.text
    if names:
        named = {error["name"] for error in body.get("errors") or []}
        assert set(names) <= named, body
    return body


async def get_json(client: AsyncClient, url: str, **params: Any) -> Any:
    response = await client.get(url, params=params or None)
    assert response.status_code == 200, response.text
    return response.json()


async def slugs(client: AsyncClient, url: str, **params: Any) -> list[str]:
    """The slugs of the first page (limit 100 unless given)."""
    params.setdefault("limit", 100)
    body = await get_json(client, url, **params)
    return [item["slug"] for item in body["items"]]


async def walk(client: AsyncClient, url: str, **params: Any) -> list[str]:
    """Every slug of a list, following next_cursor to the end."""
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(1000):
        page_params = dict(params)
        if cursor:
            page_params["cursor"] = cursor
        body = await get_json(client, url, **page_params)
        seen += [item["slug"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("the list never ended")
