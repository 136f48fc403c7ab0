"""Reads of people and topics, and the small lookups other content services share."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, func, select
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


def in_topics(statement: Select[Any], *, table: Any, link: Any, link_owner: Any) -> Select[Any]:
    """Join a content select to its topics, for grouping by Topic.slug."""
    return statement.join(link, link_owner == table.id).join(Topic, Topic.id == link.topic_id)


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
