"""REST: the member's listening progress, stats, favourites and reads (/v1/me/...)."""

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status
from pydantic import BaseModel, Field

from app.api.deps import CurrentUser, SessionDep, SettingsDep, private_response
from app.api.errors import problem_responses
from app.api.params import ListParams
from app.api.params import Slug as SlugText
from app.core.db import utcnow
from app.progress import favorites, service
from app.progress.models import (
    ArticleReadIn,
    ArticleReadPublic,
    BatchResult,
    FavoriteKind,
    FavoriteList,
    ListeningSessionBatch,
    ListeningSessionPage,
    Stats,
    StatsRange,
    TrackProgressList,
    TrackProgressPage,
)

router = APIRouter(prefix="/me", tags=["me"], dependencies=[Depends(private_response)])


class StatsParams(BaseModel):
    model_config = {"extra": "forbid"}

    range: StatsRange = Field(StatsRange.week, description="week, month, year or all.")


@router.post(
    "/sessions",
    summary="Upload listening sessions",
    response_model=BatchResult,
    responses=problem_responses(401, 422),
)
async def upload_sessions(
    session: SessionDep, settings: SettingsDep, user: CurrentUser, batch: ListeningSessionBatch
) -> BatchResult:
    """Up to 500 sessions recorded on the phone, possibly offline. Safe to retry: each
    session's `id` is its idempotency key, so one already stored is reported as `duplicate`
    and not counted again. Each item is `accepted`, `duplicate` or `rejected` with a
    `reason`; the phone can delete accepted and duplicate items from its outbox. The
    batch is one transaction."""
    return await service.record_listening_sessions(
        session=session,
        user=user,
        batch=batch,
        now=utcnow(),
        clock_skew=timedelta(seconds=settings.clock_skew_seconds),
    )


@router.get(
    "/progress",
    summary="My progress per track",
    response_model=TrackProgressPage,
    responses=problem_responses(401, 422),
)
async def list_progress(
    session: SessionDep, user: CurrentUser, params: Annotated[ListParams, Query()]
) -> TrackProgressPage:
    """Every track you have played, most recently played first: resume point, completions,
    sessions and time listened."""
    return await service.track_progress(
        session=session, user=user, limit=params.limit, cursor=params.cursor, now=utcnow()
    )


@router.get(
    "/continue",
    summary="Continue listening",
    response_model=TrackProgressList,
    responses=problem_responses(401),
)
async def continue_listening(session: SessionDep, user: CurrentUser) -> TrackProgressList:
    """Up to 20 tracks you started and did not finish, most recent first, with the variant
    and position to resume from."""
    items = await service.continue_listening(session=session, user=user, now=utcnow())
    return TrackProgressList(items=items)


@router.get(
    "/history",
    summary="My listening history",
    response_model=ListeningSessionPage,
    responses=problem_responses(401, 422),
)
async def history(
    session: SessionDep, user: CurrentUser, params: Annotated[ListParams, Query()]
) -> ListeningSessionPage:
    """Your listening sessions, newest first."""
    return await service.listening_history(
        session=session, user=user, limit=params.limit, cursor=params.cursor
    )


@router.get(
    "/stats",
    summary="My stats and streaks",
    response_model=Stats,
    responses=problem_responses(401, 422),
)
async def stats(
    session: SessionDep, user: CurrentUser, params: Annotated[StatsParams, Query()]
) -> Stats:
    """Minutes, sessions, a per-day series for charts, streaks and average mood change, on
    your own calendar (your profile's time zone). A day counts toward a streak once it has
    a session; a session uploaded late counts for the day it happened."""
    return await service.member_stats(session=session, user=user, range=params.range, now=utcnow())


Kind = Annotated[FavoriteKind, Path(description="article, track or collection")]
Slug = Annotated[SlugText, Path(max_length=120)]


@router.put(
    "/favorites/{kind}/{slug}",
    summary="Add a favourite",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 404, 409, 422),
)
async def add_favorite(session: SessionDep, user: CurrentUser, kind: Kind, slug: Slug) -> None:
    """Idempotent: adding it again changes nothing."""
    await favorites.add_favorite(session=session, user=user, kind=kind, slug=slug, now=utcnow())


@router.delete(
    "/favorites/{kind}/{slug}",
    summary="Remove a favourite",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 422),
)
async def remove_favorite(session: SessionDep, user: CurrentUser, kind: Kind, slug: Slug) -> None:
    """Idempotent: removing something that is not a favourite succeeds."""
    await favorites.remove_favorite(session=session, user=user, kind=kind, slug=slug)


@router.get(
    "/favorites",
    summary="My favourites",
    response_model=FavoriteList,
    responses=problem_responses(401),
)
async def list_favorites(session: SessionDep, user: CurrentUser) -> FavoriteList:
    """Your favourite articles, tracks and collections that are still published, newest
    first."""
    items = await favorites.list_favorites(session=session, user=user, now=utcnow())
    return FavoriteList(items=items)


@router.post(
    "/article-reads",
    summary="Record that I read an article",
    response_model=ArticleReadPublic,
    responses=problem_responses(401, 404, 422),
)
async def record_article_read(
    session: SessionDep, user: CurrentUser, data: ArticleReadIn
) -> ArticleReadPublic:
    """Call when an article is opened, and with `completed: true` when read to the end."""
    return await favorites.record_article_read(
        session=session, user=user, slug=data.article, completed=data.completed, now=utcnow()
    )
