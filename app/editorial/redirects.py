"""Old slugs of published entries, answered with a 301 to the current slug."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.editorial.models import SlugRedirect


async def redirected_slug(
    session: AsyncSession, *, entity_type: str, table: object, slug: str
) -> str | None:
    """The current slug of the entry once published as `slug`, if it still exists."""
    entity_id = await session.scalar(
        select(SlugRedirect.entity_id).where(
            SlugRedirect.entity_type == entity_type, SlugRedirect.old_slug == slug
        )
    )
    if entity_id is None:
        return None
    current: str | None = await session.scalar(select(table.slug).where(table.id == entity_id))
    return current if current != slug else None
