"""A member's favourites and article reads: the service behind /v1/me/favorites and
/v1/me/article-reads."""

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import User
from app.articles.models import Article
from app.collections.models import Collection
from app.core.db import begin_write, insert_ignoring_duplicates, upsert
from app.core.errors import Conflict, NotFound
from app.core.publishing import publicly_visible
from app.progress.models import (
    ArticleRead,
    ArticleReadPublic,
    Favorite,
    FavoriteKind,
    FavoritePublic,
)
from app.tracks.models import Track

MAX_FAVORITES = 1000
CONTENT_TABLES: dict[FavoriteKind, Any] = {
    FavoriteKind.article: Article,
    FavoriteKind.track: Track,
    FavoriteKind.collection: Collection,
}


async def _published_id(session: AsyncSession, kind: FavoriteKind, slug: str, now: datetime) -> int:
    table = CONTENT_TABLES[kind]
    content_id = await session.scalar(
        select(table.id).where(table.slug == slug, publicly_visible(table, now))
    )
    if content_id is None:
        raise NotFound(f"No published {kind.value} has the slug '{slug}'.")
    return int(content_id)


async def add_favorite(
    *, session: AsyncSession, user: User, kind: FavoriteKind, slug: str, now: datetime
) -> None:
    """Idempotent: favouriting something twice keeps the first time it was favourited."""
    await begin_write(session)
    content_id = await _published_id(session, kind, slug, now)
    existing = await session.get(Favorite, (user.id, kind.value, content_id))
    if existing is not None:
        return
    count = await session.scalar(select(func.count()).where(Favorite.user_id == user.id))
    if (count or 0) >= MAX_FAVORITES:
        raise Conflict(f"You can keep at most {MAX_FAVORITES} favourites; remove some first.")
    # Two taps at once both get here: the second insert quietly does nothing.
    await session.execute(
        insert_ignoring_duplicates(session, Favorite),
        [{"user_id": user.id, "kind": kind.value, "content_id": content_id, "created_at": now}],
    )
    await session.commit()


async def remove_favorite(
    *, session: AsyncSession, user: User, kind: FavoriteKind, slug: str
) -> None:
    """Idempotent: removing something that is not a favourite succeeds."""
    await begin_write(session)
    table = CONTENT_TABLES[kind]
    await session.execute(
        delete(Favorite).where(
            Favorite.user_id == user.id,
            Favorite.kind == kind.value,
            Favorite.content_id.in_(select(table.id).where(table.slug == slug)),
        )
    )
    await session.commit()


async def list_favorites(
    *, session: AsyncSession, user: User, now: datetime
) -> list[FavoritePublic]:
    """Every favourite whose content is still published, newest first."""
    parts = [
        select(Favorite.kind, table.slug, table.title, Favorite.created_at)
        .join(table, (table.id == Favorite.content_id) & (Favorite.kind == kind.value))
        .where(Favorite.user_id == user.id, publicly_visible(table, now))
        for kind, table in CONTENT_TABLES.items()
    ]
    combined = union_all(*parts).subquery()
    rows = await session.execute(select(combined).order_by(combined.c.created_at.desc()))
    return [FavoritePublic.model_validate(row._mapping) for row in rows]


async def record_article_read(
    *, session: AsyncSession, user: User, slug: str, completed: bool, now: datetime
) -> ArticleReadPublic:
    """The first read is kept; `completed` is sticky once set."""
    await begin_write(session)
    article_id = await _published_id(session, FavoriteKind.article, slug, now)
    read = await session.get(ArticleRead, (user.id, article_id))
    first_read_at = read.first_read_at if read else now
    completed_at = read.completed_at if read else None
    if completed and completed_at is None:
        completed_at = now
    await session.execute(
        upsert(session, ArticleRead, ["user_id", "article_id"]),
        [
            {
                "user_id": user.id,
                "article_id": article_id,
                "first_read_at": first_read_at,
                "completed_at": completed_at,
            }
        ],
    )
    await session.commit()
    return ArticleReadPublic(
        article_slug=slug, first_read_at=first_read_at, completed_at=completed_at
    )
