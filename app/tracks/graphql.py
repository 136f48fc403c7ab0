"""GraphQL: tracks and their variants, with the viewer's progress on each."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.experimental.pydantic import type as pydantic_type

from app.core.errors import Moved, NotFound
from app.crisis.graphql import CountryArgument, CrisisResources, crisis_resources_of_content
from app.graphql.connections import Connection, ContentSort, aware, connection, page_size
from app.graphql.context import Info, content_locale, entry_locale
from app.graphql.node import Node, database_id_of, global_id_of
from app.taxonomy.graphql import Person, Topic  # noqa: F401 - registers the nested types
from app.tracks import service
from app.tracks.models import TrackKind, TrackLevel, TrackPublic, TrackSummary, TrackVariantPublic

if TYPE_CHECKING:
    from app.progress.graphql import TrackProgress

TrackProgressRef = Annotated["TrackProgress", strawberry.lazy("app.progress.graphql")]


@pydantic_type(model=TrackVariantPublic, all_fields=True, description=TrackVariantPublic.__doc__)
class TrackVariant:
    pass


@pydantic_type(model=TrackSummary, all_fields=True, description="A meditation track.")
class Track(Node):
    id: strawberry.ID = strawberry.field(resolver=global_id_of("Track"), description="Global id.")
    database_id: int = strawberry.field(
        resolver=database_id_of, description="The numeric id used in REST payloads."
    )

    @strawberry.field(
        description="Every recording (narrator x length). `audioUrl` is null for premium "
        "audio unless the viewer has premium."
    )
    async def variants(self, info: Info) -> list[TrackVariant]:
        if isinstance(self, TrackPublic):
            return self.variants
        return await info.context.loaders.variants.load((self.id, self.is_premium))

    @strawberry.field(description="The viewer's progress on this track; null when anonymous.")
    async def viewer_progress(self, info: Info) -> TrackProgressRef | None:
        if info.context.user is None:
            return None
        return await info.context.loaders.viewer_progress.load(self.id)

    @strawberry.field(
        description="Crisis helplines for the caller's country when the content warnings "
        "include `suicide` or `self_harm`; null otherwise."
    )
    async def crisis_resources(
        self, info: Info, country: CountryArgument = None
    ) -> CrisisResources | None:
        return await crisis_resources_of_content(info, self.content_warnings, country)


@strawberry.input(description="Filters, as REST's query parameters.")
class TrackFilter:
    topic: str | None = None
    narrator: str | None = None
    kind: TrackKind | None = None
    level: TrackLevel | None = None
    locale: str | None = None
    premium: bool | None = None
    min_duration: int | None = strawberry.field(default=None, description="Seconds.")
    max_duration: int | None = strawberry.field(default=None, description="Seconds.")
    updated_since: datetime | None = None


@strawberry.type
class TrackQuery:
    @strawberry.field(description="Published tracks, newest first by default.")
    async def tracks(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        sort: ContentSort = ContentSort.PUBLISHED_AT_DESC,
        filter: TrackFilter | None = None,
    ) -> Connection[Track]:
        filters = filter or TrackFilter()
        page = await info.context.db(
            service.list_published_tracks,
            filters=service.TrackFilters(
                topic=filters.topic,
                narrator=filters.narrator,
                kind=filters.kind,
                level=filters.level,
                locale=content_locale(info, filters.locale),
                premium=filters.premium,
                min_duration=filters.min_duration,
                max_duration=filters.max_duration,
                updated_since=aware(filters.updated_since, "filter.updatedSince"),
            ),
            sort=sort.value,
            limit=page_size(first),
            cursor=after,
            now=info.context.now,
        )
        return connection(page, service.TRACK_SORTS[sort.value])

    @strawberry.field(
        description="A published track by slug (its translation in `locale`, else "
        "Accept-Language, when it has one); null when there is none."
    )
    async def track(self, info: Info, slug: str, locale: str | None = None) -> Track | None:
        user = info.context.user
        try:
            return await info.context.db(
                service.get_published_track,
                slug=slug,
                now=info.context.now,
                premium_entitled=user is not None and user.is_premium,
                locale=entry_locale(info, locale),
            )
        except Moved as moved:
            return await self.track(info, moved.slug, locale)
        except NotFound:
            return None
