"""Editorial: drafts, the review workflow, revisions, slug redirects and the audit log."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, ConfigDict, StringConstraints, model_validator
from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.collections.models import CollectionKind
from app.core.db import UTCDateTime, utcnow
from app.core.publishing import ContentWarning
from app.tracks.models import TrackKind, TrackLevel

SlugText = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=120)
]
Locale = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]
Text200 = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
EDITABLE_KINDS = ("article", "track", "collection", "topic", "person")


class Revision(SQLModel, table=True):
    """Every save of an entry: who, when, what changed, and the whole editable state."""

    __table_args__ = (UniqueConstraint("entity_type", "entity_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_type: str = Field(max_length=20)
    entity_id: int
    number: int
    author_id: uuid.UUID | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    changed_fields: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    snapshot: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", max_length=500)


class SlugRedirect(SQLModel, table=True):
    """A slug an entry was published under before: it answers with a 301 to the current one."""

    __tablename__ = "slug_redirect"

    entity_type: str = Field(max_length=20, primary_key=True)
    old_slug: str = Field(max_length=120, primary_key=True)
    entity_id: int
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AuditEntry(SQLModel, table=True):
    """Who did what to which entry, when; also every staff read of member data."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_entity", "entity_type", "entity_id"),
        Index("ix_audit_entry_created_at_id", "created_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    actor_id: uuid.UUID | None = Field(default=None, index=True)
    action: str = Field(max_length=60)
    entity_type: str = Field(max_length=20)
    entity_id: str = Field(max_length=64)
    before_revision: int | None = None
    after_revision: int | None = None
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# --- inputs ---


class CitationIn(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    text: str = Field(min_length=1, max_length=1000)
    url: str | None = Field(default=None, max_length=500)
    doi: str | None = Field(default=None, max_length=200)
    pmid: str | None = Field(default=None, max_length=20)


class ArticleDraft(SQLModel):
    """An article as an editor writes it. People and topics are named by slug."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    translation_of: SlugText | None = Field(
        default=None, description="The slug of the entry (in another language) this translates."
    )
    slug: SlugText
    locale: Locale = "en"
    title: Text200
    subtitle: str | None = Field(default=None, max_length=300)
    summary: str = Field(min_length=1, max_length=1000)
    body_markdown: str = Field(min_length=1, max_length=200_000)
    hero_image_url: str | None = Field(default=None, max_length=500)
    hero_image_alt: str | None = Field(default=None, max_length=300)
    is_medical: bool = False
    content_warnings: list[ContentWarning] = Field(default_factory=list)
    citations: list[CitationIn] = Field(default_factory=list, max_length=100)
    topics: list[SlugText] = Field(default_factory=list, max_length=20)
    author: SlugText | None = None
    seo_title: str | None = Field(default=None, max_length=200)
    seo_description: str | None = Field(default=None, max_length=320)
    licence: str = Field(default="All rights reserved", max_length=200)
    attribution: str = Field(default="", max_length=300)


class VariantIn(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    narrator: SlugText | None = None
    duration_seconds: int = Field(ge=1, le=86_400)
    audio_url: str | None = Field(default=None, max_length=500)
    media_asset_id: uuid.UUID | None = None
    transcript_vtt: str | None = Field(default=None, max_length=500_000)

    @model_validator(mode="after")
    def transcript_is_webvtt(self) -> "VariantIn":
        if self.transcript_vtt is not None and not self.transcript_vtt.startswith("WEBVTT"):
            raise ValueError("transcript_vtt must be a WebVTT document starting with 'WEBVTT'")
        return self


class TrackDraft(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    translation_of: SlugText | None = Field(
        default=None, description="The slug of the entry (in another language) this translates."
    )
    slug: SlugText
    locale: Locale = "en"
    title: Text200
    description: str = Field(default="", max_length=2000)
    kind: TrackKind
    level: TrackLevel = TrackLevel.beginner
    is_premium: bool = False
    cover_image_url: str | None = Field(default=None, max_length=500)
    cover_image_alt: str | None = Field(default=None, max_length=300)
    content_warnings: list[ContentWarning] = Field(default_factory=list)
    narrator: SlugText | None = None
    topics: list[SlugText] = Field(default_factory=list, max_length=20)
    variants: list[VariantIn] = Field(min_length=1, max_length=20)


class CollectionItemIn(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    track: SlugText | None = None
    article: SlugText | None = None

    @model_validator(mode="after")
    def exactly_one(self) -> "CollectionItemIn":
        if (self.track is None) == (self.article is None):
            raise ValueError("give exactly one of 'track' or 'article'")
        return self


class CollectionDraft(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    translation_of: SlugText | None = Field(
        default=None, description="The slug of the entry (in another language) this translates."
    )
    slug: SlugText
    locale: Locale = "en"
    title: Text200
    description: str = Field(default="", max_length=4000)
    kind: CollectionKind
    cover_image_url: str | None = Field(default=None, max_length=500)
    cover_image_alt: str | None = Field(default=None, max_length=300)
    topics: list[SlugText] = Field(default_factory=list, max_length=20)
    items: list[CollectionItemIn] = Field(default_factory=list, max_length=200)


class TopicIn(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    slug: SlugText
    name: Text200
    description: str = Field(default="", max_length=2000)


class PersonIn(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    slug: SlugText
    name: Text200
    credentials: str = Field(default="", max_length=300)
    registration_number: str | None = Field(default=None, max_length=100)
    bio: str = Field(default="", max_length=4000)
    avatar_url: str | None = Field(default=None, max_length=500)


class Transition(SQLModel):
    """Optional details for a workflow step."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    note: str = Field(default="", max_length=500)
    publish_at: AwareDatetime | None = Field(
        default=None, description="publish: a future time schedules it; omit for now."
    )
    next_review_due: date | None = Field(
        default=None, description="approve: when the clinical review lapses (default 12 months)."
    )
    clinical_correction: bool = Field(
        default=False,
        description="publish: this corrects medical content partners already have; they are "
        "told at once (content.clinical_correction).",
    )


# --- outputs ---


class EditorialEntry(SQLModel):
    """An entry as staff see it, whatever its status."""

    kind: str
    id: int
    slug: str
    status: str
    published_at: datetime | None
    updated_at: datetime
    approved_by: uuid.UUID | None = None
    approved_at: datetime | None = None
    content: dict[str, Any] = Field(description="The editable fields, as last saved.")
    public_url: str | None = Field(description="Where the public reads it, once live.")


class RevisionPublic(SQLModel):
    number: int
    author_id: uuid.UUID | None
    created_at: datetime
    changed_fields: list[str]
    note: str
    snapshot: dict[str, Any] | None = None


class ReviewQueueItem(SQLModel):
    id: int
    slug: str
    title: str
    status: str
    is_medical: bool
    reviewer: str | None
    next_review_due: date | None
    review_status: str = Field(description="overdue, due_soon, or awaiting_approval")


class AuditEntryPublic(SQLModel):
    id: int
    actor_id: uuid.UUID | None
    action: str
    entity_type: str
    entity_id: str
    before_revision: int | None
    after_revision: int | None
    detail: str
    created_at: datetime
