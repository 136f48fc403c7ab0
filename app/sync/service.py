"""Recording content changes: the monotonic version behind ETags, caches and delta sync."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.caching import mark_content_changed
from app.core.db import utcnow
from app.sync.models import ContentChange, ContentChangeAction


def record_content_change(
    session: AsyncSession,
    *,
    entity_type: str,
    entity_id: int,
    slug: str,
    action: ContentChangeAction,
    visible_at: datetime | None = None,
) -> ContentChange:
    """Add a change row in the caller's transaction, so it commits with the change itself."""
    now = utcnow()
    change = ContentChange(
        entity_type=entity_type,
        entity_id=entity_id,
        slug=slug,
        action=action,
        visible_at=max(visible_at, now) if visible_at else now,
        changed_at=now,
    )
    session.add(change)
    mark_content_changed(session)
    return change


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
