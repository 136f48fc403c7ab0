"""Query and path parameters shared by the list and detail endpoints."""

import re
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from app.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

LOCALE_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def _in_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError:
        # e.g. 0001-01-01T00:00:00+14:00 is before the first representable UTC time.
        raise ValueError("must be a time between the years 1 and 9999 in UTC") from None


def _without_control_characters(value: str) -> str:
    # No slug holds one, and PostgreSQL cannot even compare text holding NUL: refused here
    # as a 422 rather than failing in the database as a 500.
    if _CONTROL_CHARACTERS.search(value):
        raise ValueError("a slug cannot contain control characters")
    return value


Slug = Annotated[str, AfterValidator(_without_control_characters)]
UpdatedSince = Annotated[AwareDatetime, AfterValidator(_in_utc)]


class ListParams(BaseModel):
    # A misspelt filter is rejected rather than silently ignored.
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Items per page, 1 to {MAX_PAGE_SIZE}.",
    )
    cursor: str | None = Field(
        None,
        max_length=512,
        description="The `next_cursor` of the previous page; omit for the first page.",
    )
