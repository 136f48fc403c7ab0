"""Recording content changes: the monotonic version behind ETags, caches and delta sync."""

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article, ArticleTopic
from app.collections.models import Collection, CollectionItem, CollectionTopic
from app.core.caching import mark_content_changed
from app.core.db import utcnow
from app.sync.models import ContentChange, ContentChangeAction
from app.tracks.models import Track, TrackTopic, TrackVariant


def record_content_change(
    session: AsyncSession,
    *,
    entity_type: str,
    entity_id: int,
    slug: str,
    action: ContentChangeAction,
    visible_at: datetime | None = None,
    event: str | None = None,
) -> ContentChange:
    """Add a change row in the caller's transaction, so it commits with the change itself."""
    now = utcnow()
    change = ContentChange(
        entity_type=entity_type,
        entity_id=entity_id,
        slug=slug,
        action=action,
        event=event or ("deleted" if action is ContentChangeAction.delete else "updated"),
        visible_at=max(visible_at, now) if visible_at else now,
        changed_at=now,
    )
    session.add(change)
    mark_content_changed(session)
    return change


async def _dependents(
    session: AsyncSession, entity_type: str, entity_id: int
) -> list[tuple[str, int, str]]:
    """Entries whose public payload embeds this one: a collection shows its articles and
    tracks; articles and tracks show their people and topics."""
    articles: set[int] = set()
    tracks: set[int] = set()
    collections: set[int] = set()
    if entity_type == "person":
        articles |= set(
            await session.scalars(
                select(Article.id).where(
                    or_(Article.author_id == entity_id, Article.reviewer_id == entity_id)
                )
            )
        )
        tracks |= set(
            await session.scalars(
                select(Track.id).where(
                    or_(
                        Track.narrator_id == entity_id,
                        Track.id.in_(
                            select(TrackVariant.track_id).where(
                                TrackVariant.narrator_id == entity_id
                            )
                        ),
                    )
                )
            )
        )
    elif entity_type == "topic":
        articles |= set(
            await session.scalars(
                select(ArticleTopic.article_id).where(ArticleTopic.topic_id == entity_id)
            )
        )
        tracks |= set(
            await session.scalars(
                select(TrackTopic.track_id).where(TrackTopic.topic_id == entity_id)
            )
        )
        collections |= set(
            await session.scalars(
                select(CollectionTopic.collection_id).where(CollectionTopic.topic_id == entity_id)
            )
        )
    elif entity_type == "article":
        articles.add(entity_id)
    elif entity_type == "track":
        tracks.add(entity_id)
    if articles or tracks:
        collections |= set(
            await session.scalars(
                select(CollectionItem.collection_id).where(
                    or_(
                        CollectionItem.article_id.in_(articles),
                        CollectionItem.track_id.in_(tracks),
                    )
                )
            )
        )
    articles.discard(entity_id if entity_type == "article" else -1)
    tracks.discard(entity_id if entity_type == "track" else -1)
    found: list[tuple[str, int, str]] = []
    for kind, table, ids in (
        ("article", Article, articles),
        ("track", Track, tracks),
        ("collection", Collection, collections),
    ):
        if ids:
            rows = await session.execute(select(table.id, table.slug).where(table.id.in_(ids)))
            found += [(kind, row.id, row.slug) for row in rows]
    return found


async def record_change_with_dependents(
    session: AsyncSession,
    *,
    entity_type: str,
    entity_id: int,
    slug: str,
    action: ContentChangeAction,
    visible_at: datetime | None = None,
    event: str | None = None,
) -> None:
    """Record a change and an upsert for every entry that embeds it. Call before deleting
    rows, while the links to the dependents still exist."""
    for kind, dependent_id, dependent_slug in await _dependents(session, entity_type, entity_id):
        record_content_change(
            session,
            entity_type=kind,
            entity_id=dependent_id,
            slug=dependent_slug,
            action=ContentChangeAction.upsert,
            visible_at=visible_at,
        )
    record_content_change(
        session,
        entity_type=entity_type,
        entity_id=entity_id,
        slug=slug,
        action=action,
        visible_at=visible_at,
        event=event,
    )


async def content_version(*, session: AsyncSession, now: datetime) -> str:
    """The catalogue's version as the public sees it at `now`.

    The newest visible change alone is not enough: a publication scheduled earlier becomes
    visible later with an older number, so the latest visible time is part of the version.
    Both parts are index lookups.
    """
    visible = ContentChange.visible_at <= now
    newest = (
        select(ContentChange.version).where(visible).order_by(ContentChange.version.desc()).limit(1)
    ).scalar_subquery()
    latest_visible_at = select(func.max(ContentChange.visible_at)).where(visible).scalar_subquery()
    row = (await session.execute(select(newest, latest_visible_at))).one()
    version, visible_at = row
    if version is None:
        return "0"
    stamp = visible_at.timestamp() if isinstance(visible_at, datetime) else visible_at
    return f"{version}.{stamp}"
