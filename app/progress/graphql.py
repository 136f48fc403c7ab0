"""GraphQL: the viewer — profile, progress, history, stats, favourites — and the member
mutations. Everything here is read through the viewer's own identity."""

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated

import strawberry
from pydantic import ValidationError
from strawberry.experimental.pydantic import type as pydantic_type

from app.accounts.graphql import User
from app.accounts.models import UserPublic
from app.graphql.connections import Connection, connection, page_size
from app.graphql.context import Info
from app.graphql.errors import invalid_from
from app.progress import favorites, service
from app.progress.models import (
    ArticleReadPublic,
    BatchResult,
    DayStats,
    FavoriteKind,
    FavoritePublic,
    ListeningSessionBatch,
    ListeningSessionPublic,
    SessionResult,
    Stats,
    StatsRange,
    TrackProgressPublic,
)

if TYPE_CHECKING:
    from app.tracks.graphql import Track

TrackRef = Annotated["Track", strawberry.lazy("app.tracks.graphql")]


@strawberry.type(description="The viewer's progress on one track.")
class TrackProgress:
    resume_variant_id: int
    resume_position_seconds: int
    finished: bool
    completions: int
    sessions: int
    seconds_listened: int
    last_played_at: datetime


@pydantic_type(model=TrackProgressPublic, all_fields=False, description="A track and my progress.")
class TrackWithProgress:
    track: TrackRef
    resume_variant_id: strawberry.auto
    resume_position_seconds: strawberry.auto
    finished: strawberry.auto
    completions: strawberry.auto
    sessions: strawberry.auto
    seconds_listened: strawberry.auto
    last_played_at: strawberry.auto


@pydantic_type(model=ListeningSessionPublic, all_fields=True, description="One listen.")
class ListeningSession:
    pass


@pydantic_type(model=DayStats, all_fields=True)
class DayStat:
    pass


@pydantic_type(model=Stats, all_fields=True, description="Minutes, sessions and streaks.")
class MemberStats:
    pass


@pydantic_type(model=FavoritePublic, all_fields=True)
class Favorite:
    pass


@pydantic_type(model=SessionResult, all_fields=True)
class ListeningSessionResult:
    pass


@pydantic_type(model=BatchResult, all_fields=True, description="What happened to each session.")
class ListeningSessionBatchResult:
    pass


@pydantic_type(model=ArticleReadPublic, all_fields=True)
class ArticleRead:
    pass


@strawberry.type(description="The signed-in member and their data.")
class Viewer:
    @strawberry.field
    def profile(self, info: Info) -> User:
        return UserPublic.model_validate(info.context.require_user())

    @strawberry.field(description="Every track played, most recently played first.")
    async def progress(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[TrackWithProgress]:
        page = await info.context.db(
            service.track_progress,
            user=info.context.require_user(),
            limit=page_size(first),
            cursor=after,
            now=info.context.now,
        )
        # Progress is one row per member and track: the cursor's id is the track's, as in REST.
        return connection(page, service.PROGRESS_SORT, id_attribute="track.id")

    @strawberry.field(description="Started, not finished, most recent first, at most 20.")
    async def continue_listening(self, info: Info) -> list[TrackWithProgress]:
        return await info.context.db(
            service.continue_listening, user=info.context.require_user(), now=info.context.now
        )

    @strawberry.field(description="Listening sessions, newest first.")
    async def history(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[ListeningSession]:
        page = await info.context.db(
            service.listening_history,
            user=info.context.require_user(),
            limit=page_size(first),
            cursor=after,
        )
        return connection(page, service.HISTORY_SORT)

    @strawberry.field(description="Stats and streaks on the viewer's own calendar.")
    async def stats(self, info: Info, range: StatsRange = StatsRange.week) -> MemberStats:
        return await info.context.db(
            service.member_stats,
            user=info.context.require_user(),
            range=range,
            now=info.context.now,
        )

    @strawberry.field(description="Favourite content that is still published, newest first.")
    async def favorites(self, info: Info) -> list[Favorite]:
        return await info.context.db(
            favorites.list_favorites, user=info.context.require_user(), now=info.context.now
        )


@strawberry.type
class ViewerQuery:
    @strawberry.field(description="The signed-in member; null when anonymous.")
    def viewer(self, info: Info) -> Viewer | None:
        return Viewer() if info.context.user is not None else None


@strawberry.input(description="A listen recorded on the phone; `id` is its idempotency key.")
class ListeningSessionInput:
    id: uuid.UUID
    variant_id: int
    started_at: datetime = strawberry.field(description="With the phone's UTC offset.")
    seconds_listened: int
    end_position_seconds: int
    completed: bool = False
    mood_before: int | None = None
    mood_after: int | None = None


@strawberry.type
class ProgressMutation:
    @strawberry.mutation(
        description="Upload up to 500 sessions; retried uploads are acknowledged, not "
        "counted twice. Same rules and per-item results as POST /v1/me/sessions."
    )
    async def record_listening_sessions(
        self, info: Info, sessions: list[ListeningSessionInput]
    ) -> ListeningSessionBatchResult:
        user = info.context.require_user()
        try:
            batch = ListeningSessionBatch.model_validate(
                {"sessions": [vars(item) for item in sessions]}
            )
        except ValidationError as error:
            raise invalid_from(error) from None
        return await info.context.db(
            service.record_listening_sessions,
            user=user,
            batch=batch,
            now=info.context.now,
            clock_skew=timedelta(seconds=info.context.settings.clock_skew_seconds),
        )

    @strawberry.mutation(description="Idempotent.")
    async def add_favorite(self, info: Info, kind: FavoriteKind, slug: str) -> bool:
        await info.context.db(
            favorites.add_favorite,
            user=info.context.require_user(),
            kind=kind,
            slug=slug,
            now=info.context.now,
        )
        return True

    @strawberry.mutation(description="Idempotent.")
    async def remove_favorite(self, info: Info, kind: FavoriteKind, slug: str) -> bool:
        await info.context.db(
            favorites.remove_favorite, user=info.context.require_user(), kind=kind, slug=slug
        )
        return True

    @strawberry.mutation(description="Record that the viewer opened (or finished) an article.")
    async def mark_article_read(
        self, info: Info, slug: str, completed: bool = False
    ) -> ArticleRead:
        return await info.context.db(
            favorites.record_article_read,
            user=info.context.require_user(),
            slug=slug,
            completed=completed,
            now=info.context.now,
        )
