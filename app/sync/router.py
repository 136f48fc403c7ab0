"""REST: delta sync of the public catalogue for phones and partners."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.core.db import utcnow
from app.sync import feed
from app.sync.models import SyncPage

router = APIRouter(prefix="/sync", tags=["sync"])


class SyncParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str | None = Field(
        None,
        max_length=2048,
        description="The next_sync_token of the previous call; omit it for a first sync.",
    )
    limit: int = Field(100, ge=1, le=500, description="Entries per page, 1 to 500.")


@router.get(
    "",
    summary="Sync the catalogue (first sync, then deltas)",
    response_model=SyncPage,
    responses=problem_responses(422),
)
async def sync(session: SessionDep, params: Annotated[SyncParams, Query()]) -> SyncPage:
    """Without a token: the whole published catalogue (people, topics, articles, tracks,
    collections), a page at a time. While `has_more` is true, call again at once with
    `next_sync_token`. When it is false, store the token: the next call with it returns only
    what was created, changed, unpublished or deleted since (deletions as `action: delete`
    tombstones), including scheduled items that went live. An unchanged catalogue gives an
    empty page. Tokens are signed; an altered or expired one is a 422 — start over without a
    token."""
    return await feed.sync_catalogue(
        session=session, token=params.token, limit=params.limit, now=utcnow()
    )
