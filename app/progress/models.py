"""Listening sessions and what is derived from them: progress per track, activity per day."""

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StrictBool,
    field_validator,
)
from pydantic import Field as PydanticField
from sqlalchemy import Column, ForeignKey, Index, Integer, String, Uuid
from sqlmodel import Field, SQLModel

from app.api.params import JsonInt, Slug, json_number
from app.core.db import UTCDateTime, utcnow
from app.core.pagination import Items, Page
from app.tracks.models import TrackSummary

MAX_BATCH = 500
# Earlier start times are clock errors (the app did not exist): refused, because they would
# stretch "all time" stats over centuries, and years near 1 cannot even be moved to UTC.
EARLIEST_START = datetime(2020, 1, 1, tzinfo=UTC)
# The bound documented for clients (and API fuzzers) to the day: local dates from 2020-01-02
# to 9999-12-30 are always valid; on 2020-01-01 and 9999-12-31 the offset decides whether the
# time is inside the UTC range, which a pattern cannot say, so the schema leaves those days out.
STARTED_AT_SCHEMA = {
    "pattern": r"^(?!2020-01-01|9999-12-31)(20[2-9][0-9]|2[1-9][0-9]{2}|[3-9][0-9]{3})-"
}


Mood = Annotated[int, PydanticField(ge=1, le=5), BeforeValidator(json_number)]


def _user_fk() -> Column:  # type: ignore[type-arg,unused-ignore]
    return Column(Uuid, ForeignKey("user.id", ondelete="CASCADE"), nullable=False)


class ListeningSession(SQLModel, table=True):
    """One listen, as the phone recorded it. Its id is the phone's, so retries are harmless."""

    __tablename__ = "listening_session"
    __table_args__ = (
        Index("ix_listening_session_user_id_started_at_id", "user_id", "started_at", "id"),
        Index("ix_listening_session_user_id_local_date", "user_id", "local_date"),
        Index("ix_listening_session_user_id_track_id", "user_id", "track_id"),
    )

    id: uuid.UUID = Field(primary_key=True)
    user_id: uuid.UUID = Field(sa_column=_user_fk())
    track_id: int = Field(
        sa_column=Column(Integer, ForeignKey("track.id", ondelete="CASCADE"), nullable=False)
    )
    variant_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("track_variant.id", ondelete="CASCADE"), nullable=False
        )
    )
    started_at: datetime = Field(sa_type=UTCDateTime)
    # The offset the phone reported, kept so the session reads back as it was sent.
    utc_offset_minutes: int
    # The member's calendar day when it happened, in their time zone at upload.
    local_date: date
    seconds_listened: int
    end_position_seconds: int
    completed: bool
    mood_before: int | None = None
    mood_after: int | None = None
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TrackProgress(SQLModel, table=True):
    """Per member and track: recomputed from that track's sessions on every upload."""

    __tablename__ = "track_progress"
    __table_args__ = (
        Index("ix_track_progress_user_id_last_played_at", "user_id", "last_played_at"),
    )

    user_id: uuid.UUID = Field(
        sa_column=Column(
            Uuid, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    track_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("track.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    last_session_id: uuid.UUID
    resume_variant_id: int
    resume_position_seconds: int
    finished: bool = Field(description="The latest session completed the track.")
    completions: int
    sessions: int
    seconds_listened: int
    last_played_at: datetime = Field(sa_type=UTCDateTime)


class DailyActivity(SQLModel, table=True):
    """Per member and local day: the totals behind stats and streaks, O(days) to read."""

    __tablename__ = "daily_activity"

    user_id: uuid.UUID = Field(
        sa_column=Column(
            Uuid, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    local_date: date = Field(primary_key=True)
    seconds_listened: int
    sessions: int
    mood_change_sum: int = 0
    mood_change_count: int = 0


class FavoriteKind(StrEnum):
    article = "article"
    track = "track"
    collection = "collection"


class Favorite(SQLModel, table=True):
    __table_args__ = (Index("ix_favorite_user_id_created_at", "user_id", "created_at"),)

    user_id: uuid.UUID = Field(
        sa_column=Column(
            Uuid, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    kind: str = Field(sa_type=String(20), primary_key=True, description="A FavoriteKind.")
    content_id: int = Field(primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ArticleRead(SQLModel, table=True):
    __tablename__ = "article_read"

    user_id: uuid.UUID = Field(
        sa_column=Column(
            Uuid, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    article_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("article.id", ondelete="CASCADE"),
            primary_key=True,
            nullable=False,
        )
    )
    first_read_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# --- API models ---


class ListeningSessionIn(SQLModel):
    """A listen recorded on the phone, possibly offline and uploaded later."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    id: uuid.UUID = Field(description="Generated by the phone; the idempotency key.")
    # Numbers and booleans as JSON has them: pydantic alone would also take "5", true for 1,
    # and 0/1 or "yes" for a boolean.
    variant_id: JsonInt = Field(ge=1, le=2**31 - 1, description="The track variant played.")
    started_at: AwareDatetime = Field(
        description="When playback started, with the phone's UTC offset; "
        "not before 2020-01-01T00:00:00Z.",
        schema_extra={
            "examples": ["2026-11-26T22:15:00+01:00"],
            "json_schema_extra": STARTED_AT_SCHEMA,
        },
    )
    seconds_listened: JsonInt = Field(ge=0, le=86_400)
    end_position_seconds: JsonInt = Field(ge=0, le=86_400, description="Where playback stopped.")
    completed: StrictBool = False
    mood_before: Mood | None = None
    mood_after: Mood | None = None

    @field_validator("started_at")
    @classmethod
    def started_after_the_earliest_start(cls, value: datetime) -> datetime:
        earliest = EARLIEST_START.date().isoformat()
        try:
            in_utc = value.astimezone(UTC)
        except OverflowError:
            raise ValueError(
                f"must be a time between {earliest} and the year 9999 in UTC"
            ) from None
        if in_utc < EARLIEST_START:
            raise ValueError(f"must not be before {earliest} (check the device clock)")
        return value


class ListeningSessionBatch(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    sessions: list[ListeningSessionIn] = Field(min_length=1, max_length=MAX_BATCH)

    @field_validator("sessions")
    @classmethod
    def ids_are_unique(cls, sessions: list[ListeningSessionIn]) -> list[ListeningSessionIn]:
        seen: set[uuid.UUID] = set()
        for session in sessions:
            if session.id in seen:
                raise ValueError(f"session id {session.id} appears more than once in the batch")
            seen.add(session.id)
        return sessions


class SessionOutcome(StrEnum):
    accepted = "accepted"
    duplicate = "duplicate"
    rejected = "rejected"


class SessionResult(SQLModel):
    id: uuid.UUID
    outcome: SessionOutcome = Field(
        description="`accepted` and `duplicate` are stored: delete them from the outbox. "
        "`rejected` will never be accepted as sent; `reason` says why."
    )
    reason: str | None = Field(
        default=None,
        description="For rejections: unknown_variant, started_in_future, "
        "exceeds_duration, conflict (this id was stored with different content).",
    )
    message: str | None = None


class BatchResult(SQLModel):
    accepted: int
    duplicates: int
    rejected: int
    results: list[SessionResult]


class ListeningSessionPublic(SQLModel):
    id: uuid.UUID
    track_slug: str
    track_title: str
    variant_id: int
    started_at: datetime
    local_date: date
    seconds_listened: int
    end_position_seconds: int
    completed: bool
    mood_before: int | None
    mood_after: int | None


class TrackProgressPublic(SQLModel):
    track: TrackSummary
    resume_variant_id: int
    resume_position_seconds: int
    finished: bool
    completions: int
    sessions: int
    seconds_listened: int
    last_played_at: datetime


class StatsRange(StrEnum):
    week = "week"
    month = "month"
    year = "year"
    all = "all"


class DayStats(BaseModel):
    # A plain pydantic model: pydantic-core builds a year's 365 of them in ~0.3 ms, where
    # SQLModel's Python __init__ per instance took ~4 ms (GET /v1/me/stats?range=year).
    date: date
    minutes: float
    sessions: int


class Stats(SQLModel):
    range: StatsRange
    time_zone: str
    start_date: date
    end_date: date
    total_minutes: float
    total_sessions: int
    days_active: int
    daily_goal_minutes: int
    days_goal_met: int
    current_streak_days: int | None = Field(
        description="Consecutive days with a session, up to today (or yesterday, since today "
        "is not over). Null when the member has turned streaks off."
    )
    longest_streak_days: int | None
    average_mood_change: float | None = Field(
        description="Mean of (mood after - mood before) over sessions that recorded both."
    )
    series: list[DayStats] = Field(description="Every day of the range, oldest first.")


class FavoritePublic(SQLModel):
    kind: FavoriteKind
    slug: str
    title: str
    created_at: datetime


class ArticleReadIn(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    article: Slug = Field(min_length=1, max_length=120, description="The article's slug.")
    completed: StrictBool = Field(default=False, description="Read to the end.")


class ArticleReadPublic(SQLModel):
    article_slug: str
    first_read_at: datetime
    completed_at: datetime | None


class ListeningSessionPage(Page[ListeningSessionPublic]):
    """A page of a list: pass `next_cursor` as `cursor` for the next."""


class TrackProgressPage(Page[TrackProgressPublic]):
    """A page of a list: pass `next_cursor` as `cursor` for the next."""


class FavoriteList(Items[FavoritePublic]):
    """The whole list."""


class TrackProgressList(Items[TrackProgressPublic]):
    """The whole list."""
