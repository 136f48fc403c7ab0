"""Collections: courses, series and playlists of tracks and articles, in order."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, String
from sqlmodel import Field, Relationship, SQLModel

from app.articles.models import ArticleSummary
from app.core.db import UTCDateTime, utcnow
from app.core.pagination import Page
from app.core.publishing import PublicationStatus, Translation
from app.taxonomy.models import TopicSummary
from app.tracks.models import TrackSummary


class CollectionKind(StrEnum):
    course = "course"
    series = "series"
    playlist = "playlist"


class CollectionBase(SQLModel):
    slug: str = Field(max_length=120, description="Stable address of the collection.")
    locale: str = Field(default="en", max_length=10, description="BCP 47 language tag.")
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=4000)
    kind: CollectionKind = Field(sa_type=String(20))
    cover_image_url: str | None = Field(default=None, max_length=500)
    cover_image_alt: str | None = Field(default=None, max_length=300)


class Collection(CollectionBase, table=True):
    __table_args__ = (
        Index("ix_collection_status_published_at_id", "status", "published_at", "id"),
        Index("ix_collection_status_title_id", "status", "title", "id"),
        Index("ix_collection_status_updated_at_id", "status", "updated_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True)
    status: str = Field(default=PublicationStatus.draft.value, max_length=20)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Entries that are translations of each other share a group.
    translation_group: uuid.UUID | None = Field(default=None, index=True)
    # Editorial: who created it, and who approved the version that is (or will be) published.
    created_by: uuid.UUID | None = None
    approved_by: uuid.UUID | None = None
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    items: list["CollectionItem"] = Relationship(
        sa_relationship_kwargs={
            "lazy": "raise",
            "order_by": "CollectionItem.position",
            "cascade": "all, delete-orphan",
        }
    )


class CollectionTopic(SQLModel, table=True):
    __tablename__ = "collection_topic"

    collection_id: int = Field(
        sa_column=Column(Integer, ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True)
    )
    topic_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    position: int = 0


class CollectionItem(SQLModel, table=True):
    """One step of a collection: exactly one of a track or an article."""

    __tablename__ = "collection_item"
    __table_args__ = (
        CheckConstraint("(track_id IS NULL) <> (article_id IS NULL)", name="exactly_one_target"),
        Index("ix_collection_item_collection_id_position", "collection_id", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    collection_id: int = Field(
        sa_column=Column(Integer, ForeignKey("collection.id", ondelete="CASCADE"), nullable=False)
    )
    position: int = 0
    track_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("track.id", ondelete="CASCADE"), nullable=True, index=True
        ),
    )
    article_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=True, index=True
        ),
    )


class CollectionSummary(SQLModel):
    id: int
    slug: str
    locale: str
    title: str
    description: str
    kind: CollectionKind
    cover_image_url: str | None
    cover_image_alt: str | None
    topics: list[TopicSummary]
    item_count: int = Field(description="Published items in the collection.")
    total_duration_seconds: int = Field(
        description=(
            "Listening time of each track's shortest variant plus the reading time of each "
            "article, for the published items."
        )
    )
    published_at: datetime
    updated_at: datetime


class CollectionItemPublic(SQLModel):
    """One step: `kind` says which of `track` or `article` is set."""

    position: int
    kind: str = Field(description="`track` or `article`.")
    track: TrackSummary | None = None
    article: ArticleSummary | None = None


class CollectionPublic(CollectionSummary):
    translations: list[Translation] = Field(
        default_factory=list, description="The other languages it is published in."
    )
    items: list[CollectionItemPublic]


class CollectionPage(Page[CollectionSummary]):
    """A page of a list: pass `next_cursor` as `cursor` for the next."""
