"""Reads of people and topics, and the small lookups other content services share."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from sqlalchemy import (
    Select,
    String,
    Subquery,
    bindparam,
    func,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import FieldError, Invalid, NotFound
from app.core.pagination import SortKey, fetch_page
from app.taxonomy.models import Person, PersonSummary, Topic, TopicPage, TopicPublic

TOPIC_SORT = SortKey("name", Topic.name, "text")


def person_summary(slug: str | None, name: str | None, credentials: str | None) -> Any:
    """A byline from columns of an outer join: None when the person is absent."""
    if slug is None:
        return None
    return PersonSummary(slug=slug, name=name or "", credentials=credentials or "")


async def topics_by_owner(
    session: AsyncSession, link: Any, owner_column: Any, owner_ids: Iterable[int]
) -> dict[int, list[dict[str, str]]]:
    """Topics of many articles (or tracks, or collections) in one statement, in their order."""
    ids = list(owner_ids)
    if not ids:
        return {}
    statement = (
        select(owner_column, Topic.slug, Topic.name)
        .join(Topic, Topic.id == link.topic_id)
        .where(owner_column.in_(ids))
        .order_by(owner_column, link.position, Topic.name)
    )
    topics: dict[int, list[dict[str, str]]] = defaultdict(list)
    for owner_id, slug, name in (await session.execute(statement)).all():
        topics[owner_id].append({"slug": slug, "name": name})
    return topics


class _Identified(Protocol):
    id: int


ItemT = TypeVar("ItemT", bound=_Identified)


def by_group_key(rows: list[Any], items: list[ItemT], groups: list[str]) -> dict[str, list[ItemT]]:
    """`items` (built from `rows`) under each row's group_key, in the rows' order; every
    group present, empty when it has none."""
    by_id = {item.id: item for item in items}
    grouped: dict[str, list[ItemT]] = {group: [] for group in groups}
    for row in rows:
        grouped[row.group_key].append(by_id[row.id])
    return grouped


def newest_per_group(
    statement: Select[Any], *, table: Any, group_column: Any, groups: list[str], per_group: int
) -> Select[Any]:
    """Rank a summary select within each group (a topic, an author...), newest first, and
    keep the first `per_group` of each; rows gain `group_key`. One statement for any number
    of groups: how GraphQL's nested lists stay a bounded number of queries."""
    ranked = (
        statement.add_columns(
            group_column.label("group_key"),
            func.row_number()
            .over(partition_by=group_column, order_by=(table.published_at.desc(), table.id.desc()))
            .label("rank"),
        )
        .where(group_column.in_(groups))
        .subquery()
    )
    return select(ranked).where(ranked.c.rank <= per_group).order_by(ranked.c.rank)


def newest_in_each_topic(
    *, link: Any, owner_column: Any, topics: list[str], per_topic: int, now: datetime
) -> tuple[Subquery, dict[str, Any]]:
    """(group_key, id) of the newest `per_topic` published entries of each topic, to join a
    summary select to, and the parameters to execute it with: a `LIMIT per_topic` select
    per topic on its links, joined by UNION ALL. The links carry the entry's published_at
    while it is published (`link.published_at`, kept by triggers), so each select is one
    range scan of the (topic_id, published_at, entry id) index, however many entries the
    topic or the catalogue has; ranking with `newest_per_group` read every entry of every
    topic (63 ms for the home query's topics at 20,000 tracks)."""
    parameters: dict[str, Any] = {"newest_now": now}
    parameters.update((f"newest_topic_{n}", topic) for n, topic in enumerate(topics))
    return _newest_in_each_topic(link, owner_column, len(topics), per_topic), parameters


@lru_cache(maxsize=256)
def _newest_in_each_topic(link: Any, owner_column: Any, topics: int, per_topic: int) -> Subquery:
    # Built once per shape with bound parameters: a select per topic costs more to build
    # (and to make its cache key) than the whole statement costs to run.
    now = bindparam("newest_now", type_=link.published_at.type)
    selects = []
    for n in range(topics):
        slug = bindparam(f"newest_topic_{n}", type_=String)
        topic_id = select(Topic.id).where(Topic.slug == slug).scalar_subquery()
        selects.append(
            select(
                select(slug.label("group_key"), owner_column.label("id"))
                .where(link.topic_id == topic_id, link.published_at <= now)
                .order_by(link.published_at.desc(), owner_column.desc())
                .limit(per_topic)
                .subquery()
            )
        )
    return union_all(*selects).subquery("newest_in_topic")


async def people_by_slugs(*, session: AsyncSession, slugs: list[str]) -> dict[str, Person]:
    people = await session.scalars(select(Person).where(Person.slug.in_(slugs)))
    return {person.slug: person for person in people}


async def topics_by_slugs(*, session: AsyncSession, slugs: list[str]) -> dict[str, Topic]:
    topics = await session.scalars(select(Topic).where(Topic.slug.in_(slugs)))
    return {topic.slug: topic for topic in topics}


async def require_filter_target(
    session: AsyncSession, model: type[Person] | type[Topic], slug: str, parameter: str
) -> None:
    """A filter naming a topic or person that does not exist is a client mistake, not an
    empty result; called only when a filtered page came back empty, so it costs nothing
    on the hot path."""
    found = await session.scalar(select(model.id).where(model.slug == slug))
    if found is None:
        kind = "topic" if model is Topic else "person"
        raise Invalid(
            f"query parameter '{parameter}': no {kind} has the slug '{slug}'",
            errors=[FieldError("query", parameter, f"unknown {kind} slug '{slug}'")],
        )


async def list_topics(*, session: AsyncSession, limit: int, cursor: str | None) -> TopicPage:
    statement = select(Topic.id, Topic.slug, Topic.name, Topic.description, Topic.updated_at)
    rows, next_cursor = await fetch_page(
        session, statement, sort=TOPIC_SORT, id_column=Topic.slug, limit=limit, cursor=cursor
    )
    return TopicPage(
        items=[TopicPublic.model_validate(row._mapping) for row in rows], next_cursor=next_cursor
    )


async def get_topic(*, session: AsyncSession, slug: str) -> Topic:
    topic = await session.scalar(select(Topic).where(Topic.slug == slug))
    if topic is None:
        raise NotFound(f"No topic has the slug '{slug}'.")
    return topic


async def get_person(*, session: AsyncSession, slug: str) -> Person:
    person = await session.scalar(select(Person).where(Person.slug == slug))
    if person is None:
        raise NotFound(f"No person has the slug '{slug}'.")
    return person
