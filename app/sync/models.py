"""The content version: one row per change to public content, in order."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer, String
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, utcnow


class ContentChangeAction(StrEnum):
    upsert = "upsert"
    delete = "delete"


class ContentChange(SQLModel, table=True):
    """Every create, update, unpublish or delete of content appends one row.

    `version` is monotonic: it is the catalogue's version for ETags, caches and delta sync,
    and a delete leaves a row behind as the tombstone.
    """

    __tablename__ = "content_change"
    __table_args__ = (
        Index("ix_content_change_entity", "entity_type", "entity_id"),
        Index("ix_content_change_visible_at", "visible_at"),
    )

    version: int | None = Field(
        default=None,
        # BIGINT on PostgreSQL; SQLite needs INTEGER PRIMARY KEY for its rowid alias.
        sa_column=Column(
            BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
    )
    entity_type: str = Field(max_length=30)
    entity_id: int
    slug: str = Field(max_length=120)
    action: ContentChangeAction = Field(sa_type=String(10))
    # What happened, for webhooks: published, updated, unpublished, deleted or
    # clinical_correction (a medical fix partners must apply at once).
    event: str = Field(default="updated", max_length=30)
    # When the change becomes visible: a scheduled publication is visible at its time.
    visible_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SyncItem(SQLModel):
    """One entry that changed: its current public state, or a tombstone."""

    type: str = Field(description="article, track, collection, topic or person.")
    id: int = Field(description="The entry's numeric id (stable; slugs can change).")
    slug: str
    action: ContentChangeAction = Field(
        description="`upsert`: store `data`, replacing any entry of this type and id. "
        "`delete`: remove it (deleted, unpublished or archived)."
    )
    data: dict[str, Any] | None = Field(
        description="The entry as its detail endpoint returns it; null for deletions."
    )


class SyncPage(SQLModel):
    items: list[SyncItem]
    has_more: bool = Field(
        description="True: call again at once with next_sync_token for the next page. "
        "False: the client is up to date; keep next_sync_token for the next sync."
    )
    next_sync_token: str
