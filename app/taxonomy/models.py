"""People (authors, clinical reviewers, narrators) and topics, shared by all content."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, utcnow
from app.core.pagination import Page


class PersonBase(SQLModel):
    slug: str = Field(max_length=120, description="Stable address of the person.")
    name: str = Field(max_length=200)
    credentials: str = Field(
        default="",
        max_length=300,
        description="Degrees and licences, e.g. 'PsyD, licensed clinical psychologist'.",
    )
    registration_number: str | None = Field(
        default=None, max_length=100, description="Professional registration, where one exists."
    )
    bio: str = Field(default="", max_length=4000)
    avatar_url: str | None = Field(default=None, max_length=500)


class Person(PersonBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PersonSummary(SQLModel):
    """A person as named on content: enough to show a byline and link to them."""

    slug: str
    name: str
    credentials: str


class PersonPublic(PersonSummary):
    registration_number: str | None = Field(
        default=None, description="Professional registration, where one exists."
    )
    bio: str
    avatar_url: str | None
    updated_at: datetime


class TopicBase(SQLModel):
    slug: str = Field(max_length=120, description="Stable address of the topic.")
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=2000)


class Topic(TopicBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TopicSummary(SQLModel):
    slug: str
    name: str


class TopicPublic(TopicSummary):
    description: str
    updated_at: datetime


class TopicPage(Page[TopicPublic]):
    """A page of a list: pass `next_cursor` as `cursor` for the next."""
