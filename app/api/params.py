"""Query parameters shared by every list endpoint."""

from pydantic import BaseModel, ConfigDict, Field

from app.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

LOCALE_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"


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
