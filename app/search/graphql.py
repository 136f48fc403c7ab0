"""GraphQL: search, as a connection over the same service as REST."""

from functools import partial
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.experimental.pydantic import type as pydantic_type

from app.graphql.connections import Connection, Edge, PageInfo, page_size
from app.graphql.context import Info
from app.search import service
from app.search.models import SearchHit as SearchHitModel
from app.search.models import SearchKind

if TYPE_CHECKING:
    from app.articles.graphql import Article
    from app.collections.graphql import Collection
    from app.tracks.graphql import Track


@pydantic_type(model=SearchHitModel, description=SearchHitModel.__doc__)
class SearchHit:
    kind: strawberry.auto
    slug: strawberry.auto
    title: strawberry.auto
    snippet: strawberry.auto
    score: strawberry.auto
    article: Annotated["Article", strawberry.lazy("app.articles.graphql")] | None
    track: Annotated["Track", strawberry.lazy("app.tracks.graphql")] | None
    collection: Annotated["Collection", strawberry.lazy("app.collections.graphql")] | None


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Published articles, tracks and collections matching every word of `q`, "
        "best first: title matches, then summary matches, then body matches. At most 300 "
        "results in all."
    )
    async def search(
        self,
        info: Info,
        q: str,
        kind: list[SearchKind] | None = None,
        topic: str | None = None,
        locale: str | None = None,
        first: int = service.DEFAULT_SEARCH_PAGE,
        after: str | None = None,
    ) -> Connection[SearchHit]:
        filters = service.SearchFilters(
            kinds=frozenset(kind or ()),
            topic=topic,
            locale=locale,
        )
        page = await info.context.db(
            service.search_content,
            q=q,
            filters=filters,
            limit=page_size(first, maximum=service.MAX_SEARCH_PAGE),
            cursor=after,
            now=info.context.now,
        )
        start = service.offset_of(after, q=q, filters=filters)
        edges = [
            Edge(
                node=hit,
                sign_cursor=partial(
                    service.search_cursor, q=q, filters=filters, position=start + i + 1
                ),
            )
            for i, hit in enumerate(page.items)
        ]
        return Connection(
            edges=edges,
            nodes=list(page.items),
            page_info=PageInfo(
                has_next_page=page.next_cursor is not None, end_cursor=page.next_cursor
            ),
        )
