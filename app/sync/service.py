"""Recording content changes: the monotonic version behind ETags, caches and delta sync."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

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
    return change
