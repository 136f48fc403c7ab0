"""Crisis help: helplines by country, shown with content about suicide and self-harm."""

from datetime import datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, utcnow

# ISO 3166-1 alpha-2, as callers send it (any case); stored upper-case.
COUNTRY_PATTERN = r"^[A-Za-z]{2}$"
# The list shown when the caller's country is unknown or has no entries of its own.
INTERNATIONAL = "INTL"


class CrisisResourceBase(SQLModel):
    country: str = Field(
        max_length=4,
        description="ISO 3166-1 alpha-2 code (upper-case), or `INTL` for the international list.",
        schema_extra={"examples": ["GB"]},
    )
    name: str = Field(max_length=200, schema_extra={"examples": ["Samaritans"]})
    description: str = Field(default="", max_length=1000)
    phone: str | None = Field(
        default=None,
        max_length=50,
        description="As dialled within the country; strip spaces for a `tel:` link.",
        schema_extra={"examples": ["116 123"]},
    )
    sms: str | None = Field(
        default=None,
        max_length=200,
        description="How to reach the service by text message.",
        schema_extra={"examples": ["Text SHOUT to 85258"]},
    )
    chat_url: str | None = Field(default=None, max_length=500, description="Web chat.")
    url: str | None = Field(default=None, max_length=500, description="Where to find out more.")
    hours: str | None = Field(
        default=None,
        max_length=100,
        description="Null when not confirmed.",
        schema_extra={"examples": ["24/7"]},
    )
    audience: str = Field(
        default="everyone",
        max_length=100,
        description="Who the service is for.",
        schema_extra={"examples": ["everyone", "young people", "LGBTQ+ young people"]},
    )
    emergency_number: str | None = Field(
        default=None,
        max_length=20,
        description="The country's emergency number, for immediate danger.",
        schema_extra={"examples": ["999"]},
    )
    source_url: str | None = Field(
        default=None,
        max_length=500,
        description="The service's official site, where these details were checked.",
    )


class CrisisResource(CrisisResourceBase, table=True):
    __tablename__ = "crisis_resource"
    __table_args__ = (
        UniqueConstraint("country", "name", name="uq_crisis_resource_country_name"),
        Index("ix_crisis_resource_country_position", "country", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    position: int = Field(default=0, description="Order within the country's list.")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CrisisResourcePublic(CrisisResourceBase):
    """One helpline or crisis service."""

    languages: list[str] = Field(
        description="BCP 47 tags of the languages it answers in.",
        schema_extra={"examples": [["en"]]},
    )
    updated_at: datetime


class CrisisResources(SQLModel):
    """The crisis services for a country, or the international list when there are none."""

    country: str = Field(
        description="The list served: the country's code, or `INTL` for the fallback.",
        schema_extra={"examples": ["GB"]},
    )
    fallback: bool = Field(
        description="True when no country was given or recognised, or it has no entries: "
        "`resources` is then the international list."
    )
    resources: list[CrisisResourcePublic]
