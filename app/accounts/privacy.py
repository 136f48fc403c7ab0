"""A member's right of access and erasure: everything we hold about them, out or gone.

MEMBER_TABLES is the one list of tables holding member data; a test walks the database
metadata and fails if a table with a foreign key to `user` is missing from it.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from app.accounts.models import RefreshToken, User, UserPublic
from app.core.db import begin_write
from app.progress.models import (
    ArticleRead,
    DailyActivity,
    Favorite,
    ListeningSession,
    TrackProgress,
)

# Table -> the section of the export that carries it, and columns left out of it.
MEMBER_TABLES: dict[Any, tuple[str, frozenset[str]]] = {
    RefreshToken: ("sign_ins", frozenset({"token_hash"})),
    ListeningSession: ("listening_sessions", frozenset()),
    TrackProgress: ("track_progress", frozenset()),
    DailyActivity: ("daily_activity", frozenset()),
    Favorite: ("favorites", frozenset()),
    ArticleRead: ("article_reads", frozenset()),
}


class MemberExport(SQLModel):
    """Every record held about the member, as stored (times in UTC)."""

    exported_at: datetime
    profile: UserPublic
    sections: dict[str, list[dict[str, Any]]] = Field(
        description="One list of records per kind of data: sign_ins (devices signed in; "
        "no token values), listening_sessions, track_progress, daily_activity, favorites, "
        "article_reads."
    )


async def export_member_data(*, session: AsyncSession, user: User, now: datetime) -> MemberExport:
    sections: dict[str, list[dict[str, Any]]] = {}
    for model, (section, excluded) in MEMBER_TABLES.items():
        rows = await session.scalars(select(model).where(model.user_id == user.id))
        # warnings=False: enum columns stored as text (Favorite.kind) load as plain strings,
        # which pydantic flags although their JSON is the same.
        sections[section] = [
            row.model_dump(mode="json", exclude=set(excluded | {"user_id"}), warnings=False)
            for row in rows
        ]
    return MemberExport(exported_at=now, profile=UserPublic.model_validate(user), sections=sections)


async def erase_member(*, session: AsyncSession, user: User) -> None:
    """Delete every record of the member and the account itself, in one transaction; their
    tokens go with it, so every device is signed out."""
    await begin_write(session)
    for model in MEMBER_TABLES:
        await session.execute(delete(model).where(model.user_id == user.id))
    await session.execute(delete(User).where(User.id == user.id))
    await session.commit()
