"""Publication states and the one rule that decides what the public may see."""

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import and_
from sqlalchemy.sql.elements import ColumnElement


class PublicationStatus(StrEnum):
    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    # Published with a future `published_at` is "scheduled": it goes live at that time,
    # decided at query time, so no background job has to flip it.
    published = "published"
    archived = "archived"


class ContentWarning(StrEnum):
    suicide = "suicide"
    self_harm = "self_harm"
    medication_change = "medication_change"
    substance_use = "substance_use"
    trauma = "trauma"
    eating_disorders = "eating_disorders"
    grief = "grief"


class ReviewStatus(StrEnum):
    not_reviewed = "not_reviewed"
    current = "current"
    due_soon = "due_soon"
    overdue = "overdue"


# A review falling due within this window is flagged to readers and editors alike.
REVIEW_DUE_SOON = timedelta(days=30)


def publicly_visible(table: Any, now: datetime) -> ColumnElement[bool]:
    """Published and live: the filter every public read applies."""
    return and_(
        table.status == PublicationStatus.published.value,
        table.published_at <= now,
    )


def review_status(next_review_due: date | None, today: date) -> ReviewStatus:
    if next_review_due is None:
        return ReviewStatus.not_reviewed
    if next_review_due < today:
        return ReviewStatus.overdue
    if next_review_due - today <= REVIEW_DUE_SOON:
        return ReviewStatus.due_soon
    return ReviewStatus.current
