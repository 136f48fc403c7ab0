"""The GraphQL schema, assembled from the domains' parts, and its HTTP router."""

from typing import Any

import strawberry
from fastapi import Request
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.extensions.disable_introspection import DisableIntrospection
from strawberry.fastapi import GraphQLRouter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionResult

from app.accounts.graphql import AccountMutation
from app.articles import service as articles
from app.articles.graphql import ArticleQuery
from app.collections import service as collections
from app.collections.graphql import CollectionQuery
from app.core.config import Settings
from app.core.errors import NotFound
from app.crisis.graphql import CrisisQuery
from app.graphql.context import Info, get_context
from app.graphql.errors import with_codes
from app.graphql.extensions import AnonymousResultCache, PersistedQueries
from app.graphql.node import Node, parse_global_id
from app.home.graphql import HomeQuery
from app.progress.graphql import ProgressMutation, ViewerQuery
from app.search.graphql import SearchQuery
from app.taxonomy.graphql import TaxonomyQuery
from app.tracks import service as tracks
from app.tracks.graphql import TrackQuery

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000


@strawberry.type
class NodeQuery:
    @strawberry.field(
        description="Any content object by global id; null when there is none. Member data "
        "has no global id: it is reached only through `viewer`."
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        type_name, key = parse_global_id(id)
        context = info.context
        try:
            if type_name == "Article":
                found = await context.db(
                    articles.published_article_details, slug=key, now=context.now
                )
                return next(iter(found.values()), None)
            if type_name == "Track":
                user = context.user
                return await context.db(
                    tracks.get_published_track,
                    slug=key,
                    now=context.now,
                    premium_entitled=user is not None and user.is_premium,
                )
            if type_name == "Collection":
                return await context.db(
                    collections.get_published_collection, slug=key, now=context.now
                )
            if type_name in ("Topic", "Person"):
                query = TaxonomyQuery()
                resolve = query.topic if type_name == "Topic" else query.person
                return await resolve(info, key)
        except NotFound:
            return None
        return None


Query = merge_types(
    "Query",
    (
        ArticleQuery,
        TrackQuery,
        CollectionQuery,
        TaxonomyQuery,
        ViewerQuery,
        NodeQuery,
        CrisisQuery,
        HomeQuery,
        SearchQuery,
    ),
)
Mutation = merge_types("Mutation", (AccountMutation, ProgressMutation))


class Schema(strawberry.Schema):
    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        # ErrorCodes logs the unexpected ones; client mistakes are not server errors.
        return None


def build_schema(*, production: bool) -> strawberry.Schema:
    # Factories: a fresh extension per request. The parser and validation caches are
    # shared between instances by strawberry, per maxsize.
    extensions: list[Any] = [
        PersistedQueries,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        AnonymousResultCache,
    ]
    if production:
        extensions.append(DisableIntrospection)
    return Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=production),
    )


class CodedErrorsRouter(GraphQLRouter[Any, None]):
    """Applies error codes and masking at the one point every result passes, including
    parse and limit errors raised before execution starts."""

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        if result.errors:
            result.errors = with_codes(result.errors)
        return await super().process_result(request, result)


def graphql_router(settings: Settings) -> GraphQLRouter[Any, None]:
    return CodedErrorsRouter(
        build_schema(production=settings.is_production),
        path="/graphql",
        context_getter=get_context,
        graphql_ide=None if settings.is_production else "graphiql",
        allow_queries_via_get=True,
        tags=["graphql"],
    )


def schema_sdl() -> str:
    """The schema as printed into schema.graphql (the same in every environment)."""
    return build_schema(production=False).as_str() + "\n"
