"""Meditation tracks and their variants (narrator x length), each a playable recording."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, Relationship, SQLModel

from app.core.db import UTCDateTime, utcnow
from app.core.pagination import Page
from app.core.publishing import ContentWarning, PublicationStatus, Translation
from app.crisis.models import CrisisResources
from app.taxonomy.models import PersonSummary, TopicSummary


class TrackKind(StrEnum):
    guided = "guided"
    sleep_story = "sleep_story"
    breathing = "breathing"
    soundscape = "soundscape"
    lesson = "lesson"


class TrackLevel(StrEnum):
    beginner = "beginner"
    intermediate = "intermediate"
    advanced = "advanced"


class TrackBase(SQLModel):
    slug: str = Field(max_length=120, description="Stable address of the track.")
    locale: str = Field(default="en", max_length=10, description="BCP 47 language tag.")
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=2000)
    kind: TrackKind = Field(sa_type=String(20))
    level: TrackLevel = Field(default=TrackLevel.beginner, sa_type=String(20))
    is_premium: bool = Field(
        default=False, description="Premium audio plays only for members with premium."
    )
    cover_image_url: str | None = Field(default=None, max_length=500)
    cover_image_alt: str | None = Field(default=None, max_length=300)


class Track(TrackBase, table=True):
    __table_args__ = (
        Index("ix_track_status_published_at_id", "status", "published_at", "id"),
        Index("ix_track_status_title_id", "status", "title", "id"),
        Index("ix_track_status_updated_at_id", "status", "updated_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True)
    narrator_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    content_warnings: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
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

    variants: list["TrackVariant"] = Relationship(
        sa_relationship_kwargs={
            "lazy": "raise",
            "order_by": "TrackVariant.position",
            "cascade": "all, delete-orphan",
        }
    )


class TrackTopic(SQLModel, table=True):
    __tablename__ = "track_topic"
    __table_args__ = (
        # A topic's newest entries: one range scan (see published_at below).
        Index(
            "ix_track_topic_topic_id_published_at_track_id", "topic_id", "published_at", "track_id"
        ),
    )

    track_id: int = Field(
        sa_column=Column(Integer, ForeignKey("track.id", ondelete="CASCADE"), primary_key=True)
    )
    topic_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    position: int = 0
    # The entry's published_at while it is published, NULL otherwise. Written only by the
    # database's triggers (migration 7c1e5a9d2b40), never by the app.
    published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))


class TrackVariant(SQLModel, table=True):
    __tablename__ = "track_variant"
    __table_args__ = (Index("ix_track_variant_track_id_duration", "track_id", "duration_seconds"),)

    id: int | None = Field(default=None, primary_key=True)
    track_id: int = Field(
        sa_column=Column(Integer, ForeignKey("track.id", ondelete="CASCADE"), nullable=False)
    )
    position: int = 0
    narrator_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    duration_seconds: int = Field(gt=0)
    audio_url: str | None = Field(default=None, max_length=500)
    media_asset_id: uuid.UUID | None = Field(default=None, foreign_key="media_asset.id", index=True)
    transcript_vtt: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class TrackVariantPublic(SQLModel):
    """One recording of a track. `audio_url` is null for premium audio unless entitled."""

    id: int
    narrator: PersonSummary | None
    duration_seconds: int
    audio_url: str | None = Field(
        description="Where to stream the audio; null when the caller may not play it."
    )
    has_transcript: bool


class TrackSummary(SQLModel):
    """A track in a list: enough to render a card and choose a length."""

    id: int
    slug: str
    locale: str
    title: str
    description: str
    kind: TrackKind
    level: TrackLevel
    is_premium: bool
    cover_image_url: str | None
    cover_image_alt: str | None
    content_warnings: list[ContentWarning]
    narrator: PersonSummary | None
    topics: list[TopicSummary]
    durations_seconds: list[int] = Field(description="The lengths on offer, shortest first.")
    published_at: datetime
    updated_at: datetime


class TrackPublic(TrackSummary):
    """A track in full, with every variant."""

    translations: list[Translation] = Field(
        default_factory=list, description="The other languages it is published in."
    )

    variants: list[TrackVariantPublic]
    crisis_resources: CrisisResources | None = Field(
        default=None,
        description="Crisis helplines for the caller's country when the content warnings "
        "include `suicide` or `self_harm`; null otherwise. In sync payloads, which are the "
        "same for everyone, the international list.",
    )


class TrackPage(Page[TrackSummary]):
    """A page of a list: pass `next_cursor` as `cursor` for the next."""
