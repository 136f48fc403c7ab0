"""Keyset pagination: whole lists without repeats or gaps, even while rows are added."""

import base64
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import orjson
import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article
from app.core.db import utcnow
from app.core.pagination import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    SortKey,
    decode_cursor,
    encode_cursor,
)
from tests.factories import (
    a_while_ago,
    make_article,
    make_collection,
    make_topic,
    make_track,
    unique,
)
from tests.helpers import assert_problem, get_json, slugs, walk

SORTS = ["-published_at", "published_at", "-updated_at", "updated_at", "title", "-title"]
LISTS = ["/v1/articles", "/v1/tracks", "/v1/collections"]


@dataclass(frozen=True)
class Row:
    slug: str
    rank: int
    id: int


async def make_ranked(session: AsyncSession, url: str, sort: str, rank: int) -> Row:
    """A row of the list at `url` whose value for `sort` grows with `rank`."""
    base = utcnow() - timedelta(days=10)
    field = sort.lstrip("-")
    if url == "/v1/topics":
        topic = await make_topic(session, name=f"Topic {rank:05d}")
        assert topic.id is not None
        return Row(topic.slug, rank, topic.id)
    values: dict[str, Any] = {"published_at": base}
    if field == "published_at":
        values["published_at"] = base + timedelta(minutes=rank)
    elif field == "updated_at":
        values["updated_at"] = base + timedelta(minutes=rank)
    else:
        values["title"] = f"Item {rank:05d}"
    if url == "/v1/articles":
        row: Any = await make_article(session, **values)
    elif url == "/v1/tracks":
        row = await make_track(session, **values)
    else:
        row = await make_collection(session, **values)
    return Row(row.slug, rank, row.id)


def sort_key(sort: str | None) -> Any:
    descending = bool(sort and sort.startswith("-"))

    def key(row: Row) -> tuple[int, int]:
        return (-row.rank, -row.id) if descending else (row.rank, row.id)

    return key


LIST_SORTS = [(url, sort) for url in LISTS for sort in SORTS] + [("/v1/topics", None)]


@pytest.mark.parametrize(("url", "sort"), LIST_SORTS)
async def test_walk_sees_every_row_once_while_rows_are_inserted(
    client: AsyncClient, session: AsyncSession, url: str, sort: str | None
) -> None:
    """After each page: add a row sorting before the cursor (never served), one sorting just
    after it (served later), and one tying with the cursor's sort value (the id decides)."""
    key = sort_key(sort)
    rows = {}
    for rank in range(100, 1100, 100):
        row = await make_ranked(session, url, sort or "name", rank)
        rows[row.slug] = row
    expected = set(rows)
    served: list[str] = []
    params: dict[str, Any] = {"limit": 3}
    if sort:
        params["sort"] = sort
    for _ in range(50):
        body = await get_json(client, url, **params)
        served += [item["slug"] for item in body["items"]]
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
        last = rows[served[-1]]
        step = -1 if sort and sort.startswith("-") else 1
        for rank in (last.rank - step, last.rank + step, last.rank):
            row = await make_ranked(session, url, sort or "name", rank)
            rows[row.slug] = row
            if key(row) > key(last):
                expected.add(row.slug)
    else:
        raise AssertionError("the list never ended")

    assert len(served) == len(set(served)), "a row was served twice"
    assert set(served) == expected, "a row was skipped or a row before the cursor was served"
    assert served == sorted(served, key=lambda slug: key(rows[slug]))
    # Rows were added after the first page: some of them must have been served.
    assert len(served) > 10


@pytest.mark.parametrize(("url", "sort"), LIST_SORTS)
async def test_small_pages_walk_the_same_list_as_one_big_page(
    client: AsyncClient, session: AsyncSession, url: str, sort: str | None
) -> None:
    for rank in (5, 3, 9, 1, 7, 3, 5):
        await make_ranked(session, url, sort or "name", rank)
    params = {"sort": sort} if sort else {}

    whole = await slugs(client, url, **params)

    assert len(whole) == 7
    for limit in (1, 2, 3, 6, 7):
        assert await walk(client, url, limit=limit, **params) == whole, limit


async def test_rows_with_equal_sort_values_page_by_id(
    client: AsyncClient, session: AsyncSession
) -> None:
    moment = a_while_ago(30)
    created = [await make_article(session, published_at=moment) for _ in range(7)]
    newest_id_first = [a.slug for a in sorted(created, key=lambda a: a.id or 0, reverse=True)]

    assert await walk(client, "/v1/articles", limit=2) == newest_id_first
    assert await walk(client, "/v1/articles", limit=2, sort="published_at") == list(
        reversed(newest_id_first)
    )


async def test_last_page_has_no_cursor_even_when_exactly_full(
    client: AsyncClient, session: AsyncSession
) -> None:
    for _ in range(4):
        await make_article(session)

    first = await get_json(client, "/v1/articles", limit=2)
    second = await get_json(client, "/v1/articles", limit=2, cursor=first["next_cursor"])
    everything = await get_json(client, "/v1/articles", limit=4)

    assert first["next_cursor"] is not None
    assert len(second["items"]) == 2
    assert second["next_cursor"] is None
    assert everything["next_cursor"] is None


async def test_default_and_maximum_page_sizes(client: AsyncClient, session: AsyncSession) -> None:
    for _ in range(MAX_PAGE_SIZE + 1):
        await make_topic(session)

    default = await get_json(client, "/v1/topics")
    largest = await get_json(client, "/v1/topics", limit=MAX_PAGE_SIZE)

    assert len(default["items"]) == DEFAULT_PAGE_SIZE
    assert default["next_cursor"] is not None
    assert len(largest["items"]) == MAX_PAGE_SIZE
    assert largest["next_cursor"] is not None


async def real_cursor(client: AsyncClient, session: AsyncSession, **params: Any) -> str:
    for _ in range(3):
        await make_article(session, title=unique("title"))
    body = await get_json(client, "/v1/articles", limit=1, **params)
    cursor: str = body["next_cursor"]
    assert cursor
    return cursor


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "no-dot-at-all",
        "abc.def",
        ".",
        "....",
        "%%%.%%%",
        "ü.ü",
        "\u202e.\u202e",
        b64(b'["-published_at", "2026-01-01T00:00:00+00:00", 1]') + ".forged",
        b64(b"not json at all") + ".AAAAAAAAAAAAAAAA",
        "x" * 512,
    ],
)
async def test_garbage_cursor_is_a_422(client: AsyncClient, cursor: str) -> None:
    response = await client.get("/v1/articles", params={"cursor": cursor})
    body = assert_problem(response, 422, "invalid-request", names=("cursor",))
    assert "cursor" in body["detail"]


async def test_overlong_cursor_is_a_422(client: AsyncClient) -> None:
    response = await client.get("/v1/articles", params={"cursor": "x" * 513})
    assert_problem(response, 422, "invalid-request", names=("cursor",))


async def test_cursor_with_tampered_signature_is_a_422(
    client: AsyncClient, session: AsyncSession
) -> None:
    cursor = await real_cursor(client, session)
    body, signature = cursor.split(".")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")

    response = await client.get("/v1/articles", params={"cursor": f"{body}.{flipped}"})

    problem = assert_problem(response, 422, "invalid-request", names=("cursor",))
    assert "altered" in problem["detail"]


async def test_cursor_with_tampered_payload_is_a_422(
    client: AsyncClient, session: AsyncSession
) -> None:
    cursor = await real_cursor(client, session)
    body, signature = cursor.split(".")
    sort, value, row_id = orjson.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    forged = b64(orjson.dumps([sort, value, row_id + 1000]))

    response = await client.get("/v1/articles", params={"cursor": f"{forged}.{signature}"})

    assert_problem(response, 422, "invalid-request", names=("cursor",))


@pytest.mark.parametrize(("issued_for", "used_with"), [("title", "-title"), ("-title", None)])
async def test_cursor_from_another_sort_is_a_422(
    client: AsyncClient, session: AsyncSession, issued_for: str, used_with: str | None
) -> None:
    cursor = await real_cursor(client, session, sort=issued_for)
    params = {"cursor": cursor} | ({"sort": used_with} if used_with else {})

    response = await client.get("/v1/articles", params=params)

    problem = assert_problem(response, 422, "invalid-request", names=("cursor",))
    assert f"sort={issued_for}" in problem["detail"]


async def test_cursor_from_the_topic_list_is_refused_by_the_article_list(
    client: AsyncClient, session: AsyncSession
) -> None:
    for _ in range(2):
        await make_topic(session)
    cursor = (await get_json(client, "/v1/topics", limit=1))["next_cursor"]

    response = await client.get("/v1/articles", params={"cursor": cursor})

    assert_problem(response, 422, "invalid-request", names=("cursor",))


async def test_cursor_signed_with_another_secret_is_a_422(client: AsyncClient) -> None:
    sort = SortKey("-published_at", Article.published_at, "datetime")
    cursor = encode_cursor("some-other-deployments-secret", sort, utcnow(), 1)

    response = await client.get("/v1/articles", params={"cursor": cursor})

    assert_problem(response, 422, "invalid-request", names=("cursor",))


def test_cursor_round_trips_a_utc_datetime_and_id() -> None:
    sort = SortKey("-published_at", Article.published_at, "datetime")
    moment = utcnow()

    cursor = encode_cursor("secret", sort, moment, 42)

    assert decode_cursor("secret", sort, cursor) == (moment, 42)
    assert "=" not in cursor  # safe in a query string without escaping


def test_cursor_round_trips_text() -> None:
    sort = SortKey("title", Article.title, "text")

    cursor = encode_cursor("secret", sort, "Ängste & Schlaf", 7)

    assert decode_cursor("secret", sort, cursor) == ("Ängste & Schlaf", 7)
