"""Editorial: drafts, the review workflow, revisions, slug redirects and the audit log."""

import re
import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    StrictBool,
    StringConstraints,
    create_model,
    field_validator,
    model_validator,
)
from pydantic import Field as PydanticField
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonDict
from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.api.params import JsonInt
from app.collections.models import CollectionKind
from app.core.db import UTCDateTime, utcnow
from app.core.publishing import ContentWarning
from app.tracks.models import TrackKind, TrackLevel

SlugText = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=120)
]
Locale = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]
# Unicode White_Space, as a character class: what pydantic's strip_whitespace (Rust's trim)
# removes. Spelt out because `\s` means slightly different sets in different regex engines.
_WHITE_SPACE = "\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


# PostgreSQL cannot store NUL in text: refused in every text field of an entry (as a 422,
# not a failed INSERT), and documented with this pattern where a field has none of its own.
WITHOUT_NUL = r"^[^\x00]*$"


def _stripped_not_blank(value: str) -> str:
    stripped = re.sub(f"^[{_WHITE_SPACE}]+|[{_WHITE_SPACE}]+$", "", value)
    if not stripped:
        raise ValueError("must not be blank")
    return stripped


# A title or name: at most 200 characters as sent, not blank, kept without surrounding space.
# The pattern documents the rule for clients (and API fuzzers); the validators give the message.
Text200 = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(_stripped_not_blank),
    PydanticField(json_schema_extra={"pattern": rf"^[^\x00]*[^\x00{_WHITE_SPACE}][^\x00]*$"}),
]


def document_without_nul(schema: dict[str, Any]) -> None:
    """Give each text property (or text alternative) without a pattern the WITHOUT_NUL one."""
    for field in schema.get("properties", {}).values():
        for alternative in field.get("anyOf", [field]):
            if alternative.get("type") == "string" and "pattern" not in alternative:
                alternative["pattern"] = WITHOUT_NUL


class EditorialInput(SQLModel):
    """What editors send: no unknown fields, and no NUL in any text."""

    model_config = ConfigDict(  # type: ignore[assignment]
        extra="forbid", json_schema_extra=document_without_nul
    )

    @field_validator("*")
    @classmethod
    def text_without_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


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


class CitationIn(EditorialInput):
    text: str = Field(min_length=1, max_length=1000)
    url: str | None = Field(default=None, max_length=500)
    doi: str | None = Field(default=None, max_length=200)
    pmid: str | None = Field(default=None, max_length=20)


class ArticleDraft(EditorialInput):
    """An article as an editor writes it. People and topics are named by slug."""

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
    # JSON booleans and numbers only (here and below): pydantic alone would also take 0/1 or
    # "yes" for a boolean, and "5" or true for a number.
    is_medical: StrictBool = False
    content_warnings: list[ContentWarning] = Field(default_factory=list)
    citations: list[CitationIn] = Field(default_factory=list, max_length=100)
    topics: list[SlugText] = Field(default_factory=list, max_length=20)
    author: SlugText | None = None
    seo_title: str | None = Field(default=None, max_length=200)
    seo_description: str | None = Field(default=None, max_length=320)
    licence: str = Field(default="All rights reserved", max_length=200)
    attribution: str = Field(default="", max_length=300)


class VariantIn(EditorialInput):
    narrator: SlugText | None = None
    duration_seconds: JsonInt = Field(ge=1, le=86_400)
    audio_url: str | None = Field(default=None, max_length=500)
    media_asset_id: uuid.UUID | None = None
    transcript_vtt: str | None = Field(
        default=None,
        max_length=500_000,
        description="A WebVTT document.",
        # Documents the rule `transcript_is_webvtt` checks (and words the error of).
        schema_extra={"json_schema_extra": {"pattern": "^WEBVTT"}},
    )

    @model_validator(mode="after")
    def transcript_is_webvtt(self) -> "VariantIn":
        if self.transcript_vtt is not None and not self.transcript_vtt.startswith("WEBVTT"):
            raise ValueError("transcript_vtt must be a WebVTT document starting with 'WEBVTT'")
        return self


class TrackDraft(EditorialInput):
    translation_of: SlugText | None = Field(
        default=None, description="The slug of the entry (in another language) this translates."
    )
    slug: SlugText
    locale: Locale = "en"
    title: Text200
    description: str = Field(default="", max_length=2000)
    kind: TrackKind
    level: TrackLevel = TrackLevel.beginner
    is_premium: StrictBool = False
    cover_image_url: str | None = Field(default=None, max_length=500)
    cover_image_alt: str | None = Field(default=None, max_length=300)
    content_warnings: list[ContentWarning] = Field(default_factory=list)
    narrator: SlugText | None = None
    topics: list[SlugText] = Field(default_factory=list, max_length=20)
    variants: list[VariantIn] = Field(min_length=1, max_length=20)


# Documents the rule `exactly_one` checks (and words the error of): one slug, the other absent
# or null.
_TRACK_OR_ARTICLE: JsonDict = {
    "oneOf": [
        {"required": [named], "properties": {named: {"type": "string"}, other: {"type": "null"}}}
        for named, other in (("track", "article"), ("article", "track"))
    ]
}


class CollectionItemIn(EditorialInput):
    """A track or an article, by slug."""

    # Its slugs have patterns of their own, which exclude NUL.
    model_config = ConfigDict(extra="forbid", json_schema_extra=_TRACK_OR_ARTICLE)

    track: SlugText | None = None
    article: SlugText | None = None

    @model_validator(mode="after")
    def exactly_one(self) -> "CollectionItemIn":
        if (self.track is None) == (self.article is None):
            raise ValueError("give exactly one of 'track' or 'article'")
        return self


class CollectionDraft(EditorialInput):
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


class TopicIn(EditorialInput):
    slug: SlugText
    name: Text200
    description: str = Field(default="", max_length=2000)


class PersonIn(EditorialInput):
    slug: SlugText
    name: Text200
    credentials: str = Field(default="", max_length=300)
    registration_number: str | None = Field(default=None, max_length=100)
    bio: str = Field(default="", max_length=4000)
    avatar_url: str | None = Field(default=None, max_length=500)


def _change_schema(schema: dict[str, Any]) -> None:
    # A field is optional in a change because leaving it out keeps the saved value, not
    # because it has a default (null is refused where the draft refuses it).
    for field in schema.get("properties", {}).values():
        field.pop("default", None)
    document_without_nul(schema)


def changes_of(draft: type[BaseModel]) -> type[BaseModel]:
    """The body of a PATCH to an entry: any of the draft's fields, with the draft's rules.

    The changed fields are merged into the saved draft and the whole is validated again, so
    rules across fields (and references to other entries) are checked then.
    """
    name = draft.__name__.removesuffix("Draft").removesuffix("In") + "Changes"
    fields: dict[str, Any] = {
        field_name: (
            info.annotation,
            FieldInfo.merge_field_infos(info, default=None, default_factory=None),
        )
        for field_name, info in draft.model_fields.items()
    }
    return create_model(
        name,
        __config__=ConfigDict(extra="forbid", json_schema_extra=_change_schema),
        __doc__=f"Any fields of {draft.__name__}; those left out keep their saved values.",
        **fields,
    )


class Transition(EditorialInput):
    """Optional details for a workflow step."""

    note: str = Field(default="", max_length=500)
    publish_at: AwareDatetime | None = Field(
        default=None, description="publish: a future time schedules it; omit for now."
    )
    next_review_due: date | None = Field(
        default=None, description="approve: when the clinical review lapses (default 12 months)."
    )
    clinical_correction: StrictBool = Field(
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
