"""Query and path parameters shared by the list and detail endpoints, and field types shared
by request bodies."""

import re
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from app.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

LOCALE_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# RFC 3339's date-time, what the `date-time` format documents (the offset is required).
_RFC3339_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.IGNORECASE | re.ASCII
)


def _in_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError:
        # e.g. 0001-01-01T00:00:00+14:00 is before the first representable UTC time.
        raise ValueError("must be a time between the years 1 and 9999 in UTC") from None


def _rfc3339_date_time(value: object) -> object:
    # pydantic alone would also read a bare number as a Unix time, or a date without a time:
    # the parameter is documented as a date-time, so anything else is refused, not guessed at.
    if isinstance(value, datetime) or (
        isinstance(value, str) and _RFC3339_DATE_TIME.fullmatch(value)
    ):
        return value
    raise ValueError("must be an RFC 3339 date-time with an offset, e.g. 2026-11-01T00:00:00Z")


def json_number(value: object) -> object:
    # pydantic alone would also read "5" or true as 5. JSON Schema's integers include 5.0,
    # which pydantic then takes (and refuses 5.5), so StrictInt would be too strict.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _without_control_characters(value: str) -> str:
    # No slug holds one, and PostgreSQL cannot even compare text holding NUL: refused here
    # as a 422 rather than failing in the database as a 500.
    if _CONTROL_CHARACTERS.search(value):
        raise ValueError("a slug cannot contain control characters")
    return value


# The pattern documents the rule for clients (and API fuzzers); the validator gives the message.
Slug = Annotated[
    str,
    AfterValidator(_without_control_characters),
    Field(json_schema_extra={"pattern": r"^[^\x00-\x1f\x7f]*$"}),
]
# An integer field of a JSON body: a JSON number without a fraction, never a string or boolean.
# Bounds go on the field; for an optional one, inside the Annotated before the validator
# (`Annotated[int, Field(ge=1), BeforeValidator(json_number)] | None`): pydantic does not turn
# bounds put outside into minimum/maximum there.
JsonInt = Annotated[int, BeforeValidator(json_number)]
UpdatedSince = Annotated[
    AwareDatetime, BeforeValidator(_rfc3339_date_time), AfterValidator(_in_utc)
]


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
