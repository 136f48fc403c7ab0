"""GraphQL: the home screen, through the same service as GET /v1/home."""

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.experimental.pydantic import type as pydantic_type

from app.graphql.context import Info
from app.home import models, service

if TYPE_CHECKING:
    from app.articles.graphql import Article
    from app.progress.graphql import TrackWithProgress
    from app.taxonomy.graphql import Topic
    from app.tracks.graphql import Track

ArticleRef = Annotated["Article", strawberry.lazy("app.articles.graphql")]
TrackRef = Annotated["Track", strawberry.lazy("app.tracks.graphql")]
TopicRef = Annotated["Topic", strawberry.lazy("app.taxonomy.graphql")]
TrackWithProgressRef = Annotated["TrackWithProgress", strawberry.lazy("app.progress.graphql")]


@pydantic_type(model=models.NewThisWeek, description=models.NewThisWeek.__doc__)
class NewThisWeek:
    articles: list[ArticleRef]
    tracks: list[TrackRef]


@pydantic_type(model=models.TopicShelf, description=models.TopicShelf.__doc__)
class TopicShelf:
    topic: TopicRef
    tracks: list[TrackRef]
    articles: list[ArticleRef]


@pydantic_type(
    model=models.StreakSummary, all_fields=True, description=models.StreakSummary.__doc__
)
class StreakSummary:
    pass


@pydantic_type(model=models.HomeFeed, description=models.HomeFeed.__doc__)
class HomeFeed:
    todays_pick: TrackRef | None = strawberry.field(
        description="One published track, the same for everyone during a UTC day."
    )
    new_this_week: NewThisWeek
    topic_shelves: list[TopicShelf] = strawberry.field(
        description="Up to 6 topics with the most published content, most first."
    )
    continue_listening: list[TrackWithProgressRef] | None = strawberry.field(
        description="Started, not finished, most recent first, at most 10; null when anonymous."
    )
    streak: StreakSummary | None = strawberry.field(description="Null when anonymous.")


@strawberry.type
class HomeQuery:
    @strawberry.field(description="The home screen in one query; same as GET /v1/home.")
    async def home(self, info: Info) -> HomeFeed:
        return await info.context.db(
            service.home_feed, user=info.context.user, now=info.context.now
        )
