"""The article list's fast path: a page of ids from a prebuilt statement (straight on sqlite3
on SQLite), summaries serialized once per content version, and index range scans only."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles import service
from app.articles.models import ArticlePage
from app.core.caching import FragmentCache
from app.core.db import utcnow
from app.core.pagination import page_json
from app.main import create_app
from app.sync.models import ContentChangeAction
from app.sync.service import record_content_change
from tests.conftest import IS_POSTGRES
from tests.factories import a_while_ago, make_article, make_person, make_topic
from tests.member_factories import Member


class FixedVersion:
    async def current(self) -> str:
        return "built here"


async def test_the_page_is_what_the_models_would_serialize(
    client: AsyncClient, session: AsyncSession
) -> None:
    author = await make_person(session, name="Dr Lena Ortiz", credentials="MD")
    sleep = await make_topic(session, slug="sleep", name="Sleep")
    for minutes in range(1, 8):
        await make_article(
            session, published_at=a_while_ago(minutes), author=author, topics=[sleep]
        )
    now = utcnow()
    expected = await service.list_published_articles(
        session=session,
        summaries=service.SummaryCache(FragmentCache(max_entries=10), FixedVersion()),
        filters=service.ArticleFilters(locale="en"),
        sort="-published_at",
        limit=3,
        cursor=None,
        now=now,
    )

    response = await client.get("/v1/articles", params={"limit": 3})

    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-language"] == "en"
    page = ArticlePage.model_validate_json(response.content)
    assert [item.id for item in page.items] == [item.id for item in expected.items]
    assert page.items == expected.items
    assert page.next_cursor is not None
    assert response.json() == expected.model_dump(mode="json") | {"next_cursor": page.next_cursor}


def test_page_json_matches_pydantic() -> None:
    for cursor in (None, 'abc"def'):
        assert (
            page_json([b'{"a":1}', b'{"a":2}'], cursor)
            == ArticlePage.model_validate({"items": [], "next_cursor": cursor})
            .model_dump_json()
            .replace('"items":[]', '"items":[{"a":1},{"a":2}]')
            .encode()
        )


async def test_a_changed_article_is_served_changed_to_signed_in_readers_at_once(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    """Signed-in readers skip the response cache; the summary cache must still follow the
    content version."""
    article = await make_article(session, title="Before", published_at=a_while_ago(5))
    headers = {"Authorization": f"Bearer {member.access_token}"}
    first = await client.get("/v1/articles", headers=headers)
    assert first.json()["items"][0]["title"] == "Before"

    article.title = "After"
    session.add(article)
    record_content_change(
        session,
        entity_type="article",
        entity_id=article.id,
        slug=article.slug,
        action=ContentChangeAction.upsert,
    )
    await session.commit()

    second = await client.get("/v1/articles", headers=headers)
    assert second.json()["items"][0]["title"] == "After"


def test_fragment_cache_follows_the_version_and_stays_bounded() -> None:
    cache = FragmentCache[bytes](max_entries=2)
    assert cache.get_many("v1", [1]) == {}
    cache.put_many("v1", {1: b"one", 2: b"two"})
    assert cache.get_many("v1", [1, 2, 3]) == {1: b"one", 2: b"two"}
    cache.put_many("v1", {3: b"three"})  # 2 was used least recently... after 1
    assert cache.get_many("v1", [1, 2, 3]) == {2: b"two", 3: b"three"}
    cache.put_many("v0", {4: b"stale"})  # built from an older version: dropped
    assert cache.get_many("v1", [4]) == {}
    assert cache.get_many("v2", [2, 3]) == {}  # a new version starts empty


def _plan(rows: list[Any]) -> str:
    return "\n".join(str(row[-1]) for row in rows)


SHAPES = [
    ("-published_at", frozenset({"locale"}), False, "ix_article_status_published_at_id"),
    ("-published_at", frozenset({"locale"}), True, "ix_article_status_published_at_id"),
    ("published_at", frozenset({"locale"}), True, "ix_article_status_published_at_id"),
    ("-updated_at", frozenset({"locale"}), True, "ix_article_status_updated_at_id"),
    ("title", frozenset({"locale", "medical"}), True, "ix_article_status_title_id"),
    ("-published_at", frozenset({"locale", "topic"}), False, "topic"),
    ("published_at", frozenset({"locale", "topic", "author"}), True, "topic"),
]
TOPIC_LINKS_INDEX = "ix_article_topic_topic_id_published_at_article_id"


@pytest.mark.parametrize(("sort", "shape", "after", "index"), SHAPES)
async def test_every_page_query_is_an_index_range_scan_without_a_sort(
    session: AsyncSession, sort: str, shape: frozenset[str], after: bool, index: str
) -> None:
    statement = service._page_ids_select(service.ARTICLE_SORTS[sort], shape, after)
    dialect = session.get_bind().dialect
    sql = str(statement.compile(dialect=dialect))
    params: dict[str, Any] = {
        "now": utcnow(),
        "locale": "en",
        "medical": False,
        "topic": "sleep",
        "author": "someone",
        "after_value": utcnow() if "at" in sort else "m",
        "after_id": 10,
        "page_limit": 21,
    }
    compiled = statement.compile(dialect=dialect)
    values = compiled.construct_params(params)
    if IS_POSTGRES:
        # The test tables are tiny, so PostgreSQL would rightly scan them: forbid that, then
        # check an index gives the order: with sorts discouraged too, a Sort node left in the
        # plan means no index can give it.
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            await session.execute(text(f"SET LOCAL {setting} = off"))
        connection = await session.connection()
        rows = (await connection.exec_driver_sql("EXPLAIN " + sql, values)).all()
        plan = _plan(rows)
        assert "Seq Scan on article" not in plan, plan
        assert "Sort" not in plan.replace("Sort Key", ""), plan
        assert (TOPIC_LINKS_INDEX if index == "topic" else index) in plan, plan
        return
    ordered = [values[name] for name in compiled.positiontup or ()]
    connection = await session.connection()
    raw = await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, tuple(ordered))
    plan = _plan(raw.all())
    assert "SCAN article" not in plan, plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
    if index == "topic":
        assert f"SEARCH article_topic USING COVERING INDEX {TOPIC_LINKS_INDEX}" in plan, plan
    else:
        assert f"SEARCH article USING INDEX {index}" in plan, plan


async def test_a_topic_s_tracks_by_date_are_read_from_its_links_in_index_order(
    session: AsyncSession, count_statements: Any
) -> None:
    from app.tracks import service as tracks

    await make_topic(session, slug="sleep", name="Sleep")
    with count_statements() as log:
        await tracks.list_published_tracks(
            session=session,
            filters=tracks.TrackFilters(topic="sleep", max_duration=600, locale="en"),
            sort="-published_at",
            limit=20,
            cursor=None,
            now=utcnow(),
        )
    page_query = next(sql for sql in log.statements if "FROM track " in sql)
    assert "track_topic.published_at <=" in page_query
    assert "ORDER BY track_topic.published_at DESC" in page_query
    assert "track.published_at <=" not in page_query, "a bound on track makes SQLite start there"


def test_routers_are_included_on_the_app_itself_hot_ones_first() -> None:
    # FastAPI (0.165) finds a request's route by walking the routes of each included router
    # in turn, nested ones too, twice per request: a /v1 router nested in another cost
    # ~10% of an uncached article list, and every route before the one asked for costs.
    included = [route for route in create_app().routes if hasattr(route, "original_router")]
    for route in included:
        inner: Any = route.original_router
        assert not any(hasattr(child, "original_router") for child in inner.routes), inner
    # System routes (/healthz) first, then GraphQL, then the most read /v1 routers.
    graphql: Any = included[1].original_router
    assert {getattr(child, "path", None) for child in graphql.routes} == {"/graphql"}
    prefixes = [route.original_router.prefix for route in included[2:4]]
    assert prefixes == ["/articles", "/tracks"], prefixes
