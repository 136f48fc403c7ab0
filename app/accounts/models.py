"""Members and staff, and the refresh tokens that keep them signed in."""

import re
import uuid
import zoneinfo
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from email_validator import SPECIAL_USE_DOMAIN_NAMES
from pydantic import BeforeValidator, ConfigDict, EmailStr, StrictBool, field_validator
from pydantic import Field as PydanticField
from sqlalchemy import Column, ForeignKey, Index, String, Uuid
from sqlmodel import Field, SQLModel

from app.api.params import LOCALE_PATTERN, json_number
from app.core.db import UTCDateTime, utcnow


class Role(StrEnum):
    member = "member"
    editor = "editor"
    reviewer = "reviewer"
    admin = "admin"


STAFF_ROLES = frozenset({Role.editor, Role.reviewer, Role.admin})


def _valid_time_zone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    # OSError: a region such as "Europe" is a directory of the tz database, not a zone.
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"'{value}' is not an IANA time zone; use a name such as 'Europe/London'"
        ) from None
    return value


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def _clean_display_name(value: str) -> str:
    # Stripped before it is stored, so a blank name must fail here (as a 422), not after the
    # account was created; PostgreSQL cannot store NUL in text at all.
    value = value.strip()
    if not value:
        raise ValueError("must contain at least one visible character")
    if _CONTROL_CHARACTERS.search(value):
        raise ValueError("must not contain control characters")
    return value


# What the validators below enforce, documented (not enforced, so their messages stay):
# a visible character and no control characters; a zone name from the tz database.
DISPLAY_NAME_SCHEMA = {"pattern": r"^[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f-\x9f\s][^\x00-\x1f\x7f]*$"}
TIME_ZONE_SCHEMA = {"format": "iana-time-zone"}
# EmailStr (email-validator) also refuses addresses under the special-use domains of RFC 6761
# and its successors (.test, .localhost, ...), where no mail can be delivered; the `email`
# format allows them. Spelt out per letter because JSON Schema patterns take no flags.
_SPECIAL_USE_DOMAINS = "|".join(
    "".join(f"[{letter}{letter.upper()}]" for letter in name) for name in SPECIAL_USE_DOMAIN_NAMES
)
EMAIL_SCHEMA = {"pattern": rf"^(?!.*[@.]({_SPECIAL_USE_DOMAINS})$)"}


class ProfileFields(SQLModel):
    display_name: str = Field(
        min_length=1, max_length=80, schema_extra={"json_schema_extra": DISPLAY_NAME_SCHEMA}
    )
    time_zone: str = Field(
        default="UTC",
        max_length=64,
        description="IANA time zone: streaks and daily minutes follow the member's own day.",
        schema_extra={"examples": ["Europe/London"], "json_schema_extra": TIME_ZONE_SCHEMA},
    )
    locale: str = Field(
        default="en",
        max_length=10,
        # SQLModel's `regex=` is silently ignored under pydantic v2: `pattern` is enforced.
        schema_extra={"pattern": LOCALE_PATTERN, "examples": ["en"]},
    )


class User(ProfileFields, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(max_length=254, unique=True, description="Stored lower-cased.")
    password_hash: str = Field(max_length=200)
    role: Role = Field(default=Role.member, sa_type=String(20))
    daily_goal_minutes: int = 10
    show_streaks: bool = True
    is_premium: bool = False
    # Staff who are clinicians point at their public Person record (credentials, registration).
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    # Bumped by "sign out everywhere": access tokens carrying an older version stop working.
    token_version: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RefreshToken(SQLModel, table=True):
    """One refresh token. Tokens rotated from one sign-in share a `family_id`."""

    __tablename__ = "refresh_token"
    __table_args__ = (Index("ix_refresh_token_user_id_family_id", "user_id", "family_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    )
    family_id: uuid.UUID
    # SHA-256 of the token: the token itself is never stored.
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    rotated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    replaced_by_id: uuid.UUID | None = None
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    user_agent: str = Field(default="", max_length=300)


class UserRegister(ProfileFields):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    email: EmailStr = Field(
        max_length=254,
        description="Not under a special-use domain such as .test or .localhost.",
        schema_extra={"json_schema_extra": EMAIL_SCHEMA},
    )
    password: str = Field(
        min_length=1,
        max_length=1024,
        # Documents the length rule that app/accounts/passwords.py checks with the others,
        # so a short password gets every problem named at once.
        schema_extra={"json_schema_extra": {"minLength": 10, "format": "password"}},
        description="At least 10 characters; not a common password; not your email.",
    )

    @field_validator("time_zone")
    @classmethod
    def time_zone_exists(cls, value: str) -> str:
        return _valid_time_zone(value)

    @field_validator("display_name")
    @classmethod
    def display_name_is_visible(cls, value: str) -> str:
        return _clean_display_name(value)


class UserUpdate(SQLModel):
    """Only these fields can be changed by the member; role and premium cannot."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    display_name: str | None = Field(
        default=None,
        min_length=1,
        max_length=80,
        schema_extra={"json_schema_extra": DISPLAY_NAME_SCHEMA},
    )
    time_zone: str | None = Field(
        default=None, max_length=64, schema_extra={"json_schema_extra": TIME_ZONE_SCHEMA}
    )
    locale: str | None = Field(
        default=None, max_length=10, schema_extra={"pattern": LOCALE_PATTERN}
    )
    # Numbers and booleans as JSON has them: pydantic alone would also take "5", true for 1,
    # and 0/1 or "yes" for a boolean.
    daily_goal_minutes: (
        Annotated[int, PydanticField(ge=1, le=600), BeforeValidator(json_number)] | None
    ) = None
    show_streaks: StrictBool | None = None

    @field_validator("time_zone")
    @classmethod
    def time_zone_exists(cls, value: str | None) -> str | None:
        return None if value is None else _valid_time_zone(value)

    @field_validator("display_name")
    @classmethod
    def display_name_is_visible(cls, value: str | None) -> str | None:
        return None if value is None else _clean_display_name(value)


class UserPublic(ProfileFields):
    """The signed-in member's own profile."""

    id: uuid.UUID
    email: str
    role: Role
    daily_goal_minutes: int
    show_streaks: bool
    is_premium: bool
    created_at: datetime


class TokenPair(SQLModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_token: str = Field(
        description="Single use: each refresh returns a new one. Reusing an old one signs out "
        "every device of that sign-in."
    )
    refresh_expires_in: int


class RefreshRequest(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    refresh_token: str = Field(min_length=1, max_length=200)
