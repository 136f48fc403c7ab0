"""Partners: API clients with hashed keys, scopes and rate limits; their daily usage; and the
webhooks that tell them at once when content changes."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AnyHttpUrl, BeforeValidator, ConfigDict, UrlConstraints, field_validator
from pydantic import Field as PydanticField
from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.api.params import JsonInt, json_number
from app.core.db import UTCDateTime, utcnow


class Scope(StrEnum):
    content_read = "content:read"
    search = "search"
    sync = "sync"


class WebhookEvent(StrEnum):
    published = "content.published"
    updated = "content.updated"
    unpublished = "content.unpublished"
    clinical_correction = "content.clinical_correction"


class ApiClient(SQLModel, table=True):
    __tablename__ = "api_client"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    contact_email: str = Field(default="", max_length=254)
    # The first characters of the key, shown in lists so people can tell keys apart.
    key_prefix: str = Field(max_length=16, index=True)
    # SHA-256 of the key: keys are 256 random bits, so a fast hash is enough.
    key_hash: str = Field(max_length=64, unique=True)
    scopes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    requests_per_minute: int = 600
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: uuid.UUID | None = None
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ApiClientUsage(SQLModel, table=True):
    """Requests per client per UTC day, flushed from memory every few seconds."""

    __tablename__ = "api_client_usage"

    client_id: int = Field(
        sa_column=Column(Integer, ForeignKey("api_client.id", ondelete="CASCADE"), primary_key=True)
    )
    day: date = Field(primary_key=True)
    requests: int = 0


class Webhook(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("api_client.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    url: str = Field(max_length=500)
    # Needed in clear to sign each delivery; shown to the partner once, at creation.
    secret: str = Field(max_length=100)
    events: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DeliveryStatus(StrEnum):
    pending = "pending"
    succeeded = "succeeded"
    failed = "failed"


class WebhookDelivery(SQLModel, table=True):
    """One event for one webhook: retried with backoff until it succeeds or gives up."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        Index("ix_webhook_delivery_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_webhook_delivery_webhook_id_id", "webhook_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    webhook_id: int = Field(
        sa_column=Column(Integer, ForeignKey("webhook.id", ondelete="CASCADE"), nullable=False)
    )
    event_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    event: str = Field(max_length=50)
    payload: dict[str, object] = Field(sa_column=Column(JSON, nullable=False))
    status: str = Field(default=DeliveryStatus.pending.value, sa_type=String(20))
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebhookCursor(SQLModel, table=True):
    """The last content change turned into deliveries: one row, so no event is sent twice
    however many workers dispatch."""

    __tablename__ = "webhook_cursor"

    id: int = Field(default=1, primary_key=True)
    last_version: int = 0
    seen_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# --- API models ---


class ApiClientCreate(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    name: str = Field(min_length=1, max_length=120)
    contact_email: str = Field(default="", max_length=254)
    scopes: list[Scope] = Field(min_length=1)
    # A JSON number: pydantic alone would also take "600" or true.
    requests_per_minute: JsonInt = Field(default=600, ge=1, le=100_000)


class ApiClientUpdate(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    name: str | None = Field(default=None, min_length=1, max_length=120)
    scopes: list[Scope] | None = Field(default=None, min_length=1)
    requests_per_minute: (
        Annotated[int, PydanticField(ge=1, le=100_000), BeforeValidator(json_number)] | None
    ) = None


class ApiClientPublic(SQLModel):
    id: int
    name: str
    contact_email: str
    key_prefix: str = Field(description="The start of the key, to tell keys apart.")
    scopes: list[Scope]
    requests_per_minute: int
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiClientCreated(ApiClientPublic):
    api_key: str = Field(
        description="Send as the X-API-Key header. Shown only now: store it safely."
    )


class DailyUsage(SQLModel):
    day: date
    requests: int


class WebhookCreate(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    # Stored normalized, in at most 500 characters (Webhook.url). Normalizing adds a "/" to a
    # bare host, so 499 characters as sent fit; percent-encoding or punycode can add more,
    # which `url_fits` refuses. The pattern documents what `format: uri` does not: http(s).
    url: Annotated[AnyHttpUrl, UrlConstraints(max_length=499)] = Field(
        schema_extra={"json_schema_extra": {"pattern": "^[hH][tT][tT][pP][sS]?://"}}
    )
    events: list[WebhookEvent] = Field(default_factory=lambda: list(WebhookEvent), min_length=1)

    @field_validator("url")
    @classmethod
    def url_fits(cls, url: AnyHttpUrl) -> AnyHttpUrl:
        if len(str(url)) > 500:
            raise ValueError("at most 500 characters")
        return url


class WebhookPublic(SQLModel):
    id: int
    client_id: int
    url: str
    events: list[WebhookEvent]
    active: bool
    created_at: datetime


class WebhookCreated(WebhookPublic):
    secret: str = Field(
        description="Verify each delivery's X-Webhook-Signature with it. Shown only now."
    )


class WebhookDeliveryPublic(SQLModel):
    id: int
    event_id: uuid.UUID
    event: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
