"""Public reads of collections: their published items, in order, with total duration."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article
from app.articles.service import published_article_summaries
from app.collections.models import (
    Collection,
    CollectionItem,
    CollectionItemPublic,
    CollectionKind,
    CollectionPage,
    CollectionPublic,
    CollectionSummary,
    CollectionTopic,
)
from app.core.errors import Moved, NotFound
from app.core.pagination import SortKey, fetch_page
from app.core.publishing import publicly_visible, published_translations
from app.taxonomy.models import Topic
from app.taxonomy.service import require_filter_target, topics_by_owner
from app.tracks.models import Track, TrackVariant
from app.tracks.service import published_track_summaries

COLLECTION_SORTS = {
    sort.name: sort
    for sort in (
        SortKey("-published_at", Collection.published_at, "datetime"),
        SortKey("published_at", Collection.published_at, "datetime"),
        SortKey("-updated_at", Collection.updated_at, "datetime"),
        SortKey("updated_at", Collection.updated_at, "datetime"),
        SortKey("title", Collection.title, "text"),
        SortKey("-title", Collection.title, "text"),
    )
}


@dataclass(frozen=True)
class CollectionFilters:
    topic: str | None = None
    kind: CollectionKind | None = None
    locale: str | None = None
    updated_since: datetime | None = None


@dataclass
class _ItemTotals:
    count: int = 0
    seconds: int = 0


def _summary_select(now: datetime) -> Select[Any]:
    return select(
        Collection.id,
        Collection.slug,
        Collection.locale,
        Collection.title,
        Collection.description,
        Collection.kind,
        Collection.cover_image_url,
        Collection.cover_image_alt,
        Collection.published_at,
        Collection.updated_at,
    ).where(publicly_visible(Collection, now))


async def _item_totals(
    session: AsyncSession, collection_ids: list[int], now: datetime
) -> dict[int, _ItemTotals]:
    """Published items and their total time per collection, in two statements."""
    totals: dict[int, _ItemTotals] = defaultdict(_ItemTotals)
    if not collection_ids:
        return totals
    shortest_variant = (
        select(TrackVariant.track_id, func.min(TrackVariant.duration_seconds).label("seconds"))
        .group_by(TrackVariant.track_id)
        .subquery()
    )
    track_items = (
        select(CollectionItem.collection_id, func.coalesce(shortest_variant.c.seconds, 0))
        .join(Track, Track.id == CollectionItem.track_id)
        .outerjoin(shortest_variant, shortest_variant.c.track_id == Track.id)
        .where(CollectionItem.collection_id.in_(collection_ids), publicly_visible(Track, now))
    )
    article_items = (
        select(CollectionItem.collection_id, Article.reading_time_minutes * 60)
        .join(Article, Article.id == CollectionItem.article_id)
        .where(CollectionItem.collection_id.in_(collection_ids), publicly_visible(Article, now))
    )
    for statement in (track_items, article_items):
        for collection_id, seconds in (await session.execute(statement)).all():
            totals[collection_id].count += 1
            totals[collection_id].seconds += int(seconds)
    return totals


def _summary_fields(row: Any, topics: dict[int, Any], totals: dict[int, _ItemTotals]) -> Any:
    total = totals.get(row.id, _ItemTotals())
    return {
        **row._asdict(),
        "topics": topics.get(row.id, []),
        "item_count": total.count,
        "total_duration_seconds": total.seconds,
    }


async def list_published_collections(
    *,
    session: AsyncSession,
    filters: CollectionFilters,
    sort: str,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> CollectionPage:
    statement = _summary_select(now)
    if filters.topic is not None:
        statement = statement.where(
            Collection.id.in_(
                select(CollectionTopic.collection_id)
                .join(Topic, Topic.id == CollectionTopic.topic_id)
                .where(Topic.slug == filters.topic)
            )
        )
    if filters.kind is not None:
        statement = statement.where(Collection.kind == filters.kind.value)
    if filters.locale is not None:
        statement = statement.where(Collection.locale == filters.locale)
    if filters.updated_since is not None:
        statement = statement.where(Collection.updated_at >= filters.updated_since)
    rows, next_cursor = await fetch_page(
        session,
        statement,
        sort=COLLECTION_SORTS[sort],
        id_column=Collection.id,
        limit=limit,
        cursor=cursor,
    )
    if not rows and filters.topic is not None:
        await require_filter_target(session, Topic, filters.topic, "topic")
    ids = [row.id for row in rows]
    topics = await topics_by_owner(session, CollectionTopic, CollectionTopic.collection_id, ids)
    totals = await _item_totals(session, ids, now)
    return CollectionPage(
        items=[CollectionSummary(**_summary_fields(row, topics, totals)) for row in rows],
        next_cursor=next_cursor,
    )


async def published_collection_summaries(
    *, session: AsyncSession, ids: list[int], now: datetime
) -> dict[int, CollectionSummary]:
    """Summaries of the published collections among `ids` (for search results)."""
    if not ids:
        return {}
    rows = (await session.execute(_summary_select(now).where(Collection.id.in_(ids)))).all()
    collection_ids = [row.id for row in rows]
    topics = await topics_by_owner(
        session, CollectionTopic, CollectionTopic.collection_id, collection_ids
    )
    totals = await _item_totals(session, collection_ids, now)
    return {row.id: CollectionSummary(**_summary_fields(row, topics, totals)) for row in rows}


async def published_items(
    *, session: AsyncSession, collection_ids: list[int], now: datetime
) -> dict[int, list[CollectionItemPublic]]:
    """The published items of each collection, in order, in constant statements.
    Unpublished items are skipped and positions renumbered, so clients see no gaps."""
    items = (
        await session.execute(
            select(CollectionItem.collection_id, CollectionItem.track_id, CollectionItem.article_id)
            .where(CollectionItem.collection_id.in_(collection_ids))
            .order_by(CollectionItem.collection_id, CollectionItem.position, CollectionItem.id)
        )
    ).all()
    tracks = await published_track_summaries(
        session=session, ids=[i.track_id for i in items if i.track_id is not None], now=now
    )
    articles = await published_article_summaries(
        session=session, ids=[i.article_id for i in items if i.article_id is not None], now=now
    )
    result: dict[int, list[CollectionItemPublic]] = {cid: [] for cid in collection_ids}
    for item in items:
        steps = result[item.collection_id]
        if item.track_id in tracks:
            steps.append(
                CollectionItemPublic(position=len(steps), kind="track", track=tracks[item.track_id])
            )
        elif item.article_id in articles:
            steps.append(
                CollectionItemPublic(
                    position=len(steps), kind="article", article=articles[item.article_id]
                )
            )
    return result


async def published_collection_details(
    *, session: AsyncSession, now: datetime, ids: list[int] | None = None, slug: str | None = None
) -> dict[int, CollectionPublic]:
    """Whole published collections by id (or one by slug), with their items."""
    statement = _summary_select(now)
    if ids is not None:
        statement = statement.where(Collection.id.in_(ids))
    if slug is not None:
        statement = statement.where(Collection.slug == slug)
    rows = (await session.execute(statement)).all()
    if not rows:
        return {}
    collection_ids = [row.id for row in rows]
    topics = await topics_by_owner(
        session, CollectionTopic, CollectionTopic.collection_id, collection_ids
    )
    items = await published_items(session=session, collection_ids=collection_ids, now=now)
    groups: dict[int, Any] = dict(
        (
            await session.execute(
                select(Collection.id, Collection.translation_group).where(
                    Collection.id.in_(collection_ids)
                )
            )
        ).all()
    )
    translations = await published_translations(session, Collection, groups, now)
    details = {}
    for row in rows:
        totals = _ItemTotals(count=len(items[row.id]))
        for item in items[row.id]:
            if item.track is not None:
                totals.seconds += min(item.track.durations_seconds, default=0)
            elif item.article is not None:
                totals.seconds += item.article.reading_time_minutes * 60
        details[row.id] = CollectionPublic(
            **_summary_fields(row, topics, {row.id: totals}),
            items=items[row.id],
            translations=translations[row.id],
        )
    return details


async def _follow_renamed(session: AsyncSession, slug: str) -> None:
    """An old slug of a published collection answers with a move to its current slug."""
    from app.editorial.redirects import redirected_slug

    current = await redirected_slug(session, entity_type="collection", table=Collection, slug=slug)
    if current is not None:
        raise Moved(
            f"This collection is now at '{current}'.", entity_type="collection", slug=current
        )


async def get_published_collection(
    *, session: AsyncSession, slug: str, now: datetime, locale: str | None = None
) -> CollectionPublic:
    """The collection, or its translation in `locale` when it has one (else as it is)."""
    details = await published_collection_details(session=session, now=now, slug=slug)
    if not details:
        await _follow_renamed(session, slug)
        raise NotFound(f"No published collection has the slug '{slug}'.")
    collection = next(iter(details.values()))
    wanted = next((t.slug for t in collection.translations if t.locale == locale), None)
    if wanted is None:
        return collection
    translated = await published_collection_details(session=session, now=now, slug=wanted)
    return next(iter(translated.values()), collection)
