"""GraphQL: collections and their ordered items."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.experimental.pydantic import type as pydantic_type

from app.collections import service
from app.collections.models import (
    CollectionItemPublic,
    CollectionKind,
    CollectionPublic,
    CollectionSummary,
)
from app.core.errors import Moved, NotFound
from app.graphql.connections import Connection, ContentSort, aware, connection, page_size
from app.graphql.context import Info, content_locale, entry_locale
from app.graphql.node import Node, database_id_of, global_id_of
from app.taxonomy.graphql import Topic  # noqa: F401 - registers the nested type

if TYPE_CHECKING:
    from app.articles.graphql import Article
    from app.tracks.graphql import Track


@pydantic_type(
    model=CollectionItemPublic, all_fields=False, description=CollectionItemPublic.__doc__
)
class CollectionItem:
    position: strawberry.auto
    kind: strawberry.auto
    track: Annotated["Track", strawberry.lazy("app.tracks.graphql")] | None
    article: Annotated["Article", strawberry.lazy("app.articles.graphql")] | None


@pydantic_type(
    model=CollectionSummary, all_fields=True, description="A course, series or playlist."
)
class Collection(Node):
    id: strawberry.ID = strawberry.field(
        resolver=global_id_of("Collection"), description="Global id."
    )
    database_id: int = strawberry.field(
        resolver=database_id_of, description="The numeric id used in REST payloads."
    )

    @strawberry.field(description="Its published tracks and articles, in order.")
    async def items(self, info: Info) -> list[CollectionItem]:
        if isinstance(self, CollectionPublic):
            return self.items
        return await info.context.loaders.collection_items.load(self.id)


@strawberry.input(description="Filters, as REST's query parameters.")
class CollectionFilter:
    topic: str | None = None
    kind: CollectionKind | None = None
    locale: str | None = None
    updated_since: datetime | None = None


@strawberry.type
class CollectionQuery:
    @strawberry.field(description="Published collections, newest first by default.")
    async def collections(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        sort: ContentSort = ContentSort.PUBLISHED_AT_DESC,
        filter: CollectionFilter | None = None,
    ) -> Connection[Collection]:
        filters = filter or CollectionFilter()
        page = await info.context.db(
            service.list_published_collections,
            filters=service.CollectionFilters(
                topic=filters.topic,
                kind=filters.kind,
                locale=content_locale(info, filters.locale),
                updated_since=aware(filters.updated_since, "filter.updatedSince"),
            ),
            sort=sort.value,
            limit=page_size(first),
            cursor=after,
            now=info.context.now,
        )
        return connection(page, service.COLLECTION_SORTS[sort.value])

    @strawberry.field(
        description="A published collection by slug (its translation in `locale`, else "
        "Accept-Language, when it has one); null when there is none."
    )
    async def collection(
        self, info: Info, slug: str, locale: str | None = None
    ) -> Collection | None:
        try:
            return await info.context.db(
                service.get_published_collection,
                slug=slug,
                now=info.context.now,
                locale=entry_locale(info, locale),
            )
        except Moved as moved:
            return await self.collection(info, moved.slug, locale)
        except NotFound:
            return None
