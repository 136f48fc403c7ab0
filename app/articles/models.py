"""Articles: clinically reviewed reading, with citations and content warnings."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, Text
from sqlmodel import Field, Relationship, SQLModel

from app.core.db import UTCDateTime, utcnow
from app.core.pagination import Page
from app.core.publishing import ContentWarning, PublicationStatus, ReviewStatus, Translation
from app.crisis.models import CrisisResources
from app.taxonomy.models import PersonSummary, TopicSummary


class ArticleBase(SQLModel):
    slug: str = Field(max_length=120, description="Stable address of the article.")
    locale: str = Field(default="en", max_length=10, description="BCP 47 language tag.")
    title: str = Field(max_length=200)
    subtitle: str | None = Field(default=None, max_length=300)
    summary: str = Field(max_length=1000, description="One or two sentences for lists.")
    hero_image_url: str | None = Field(default=None, max_length=500)
    hero_image_alt: str | None = Field(
        default=None, max_length=300, description="Alt text for the hero image."
    )
    is_medical: bool = Field(
        default=False,
        description="Medical content is published only after a clinician's review.",
    )
    licence: str = Field(default="All rights reserved", max_length=200)
    attribution: str = Field(default="", max_length=300)


class Article(ArticleBase, table=True):
    __table_args__ = (
        # Public lists filter on status and seek on (sort key, id): index range scans.
        Index("ix_article_status_published_at_id", "status", "published_at", "id"),
        Index("ix_article_status_title_id", "status", "title", "id"),
        Index("ix_article_status_updated_at_id", "status", "updated_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True)
    body_markdown: str = Field(sa_column=Column(Text, nullable=False))
    # Rendered and sanitized on save; requests never render Markdown.
    body_html: str = Field(sa_column=Column(Text, nullable=False))
    reading_time_minutes: int = Field(ge=1)
    content_warnings: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    seo_title: str | None = Field(default=None, max_length=200)
    seo_description: str | None = Field(default=None, max_length=320)
    author_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    reviewer_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    next_review_due: date | None = None
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

    citations: list["Citation"] = Relationship(
        sa_relationship_kwargs={
            "lazy": "raise",
            "order_by": "Citation.position",
            "cascade": "all, delete-orphan",
        }
    )


class ArticleTopic(SQLModel, table=True):
    __tablename__ = "article_topic"
    __table_args__ = (
        # A topic's newest entries: one range scan (see published_at below).
        Index(
            "ix_article_topic_topic_id_published_at_article_id",
            "topic_id",
            "published_at",
            "article_id",
        ),
    )

    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
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


class CitationBase(SQLModel):
    text: str = Field(max_length=1000, description="The reference as it should be printed.")
    url: str | None = Field(default=None, max_length=500)
    doi: str | None = Field(default=None, max_length=200)
    pmid: str | None = Field(default=None, max_length=20, description="PubMed identifier.")


class Citation(CitationBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    position: int = 0


class CitationPublic(CitationBase):
    pass


class ClinicalReview(SQLModel):
    """Who checked this content clinically, when, and when it is next due."""

    reviewer: PersonSummary | None
    reviewed_at: datetime | None
    next_review_due: date | None
    status: ReviewStatus = Field(
        description="`overdue` when next_review_due has passed; `due_soon` within 30 days."
    )


class ArticleSummary(SQLModel):
    """An article in a list: everything but the body."""

    id: int
    slug: str
    locale: str
    title: str
    subtitle: str | None
    summary: str
    reading_time_minutes: int
    hero_image_url: str | None
    hero_image_alt: str | None
    is_medical: bool
    content_warnings: list[ContentWarning]
    review_status: ReviewStatus
    author: PersonSummary | None
    topics: list[TopicSummary]
    published_at: datetime
    updated_at: datetime


class ArticlePublic(ArticleSummary):
    """An article in full, with its body, clinical review and citations."""

    translations: list[Translation] = Field(
        default_factory=list, description="The other languages it is published in."
    )

    body_markdown: str
    body_html: str = Field(description="The body rendered from Markdown and sanitized.")
    review: ClinicalReview
    citations: list[CitationPublic]
    seo_title: str | None
    seo_description: str | None
    licence: str
    attribution: str
    crisis_resources: CrisisResources | None = Field(
        default=None,
        description="Crisis helplines for the caller's country when the content warnings "
        "include `suicide` or `self_harm`; null otherwise. In sync payloads, which are the "
        "same for everyone, the international list.",
    )


class ArticlePage(Page[ArticleSummary]):
    """A page of a list: pass `next_cursor` as `cursor` for the next."""
