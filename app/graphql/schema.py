"""The GraphQL schema, assembled from the domains' parts, and its HTTP router."""

from typing import Any

import orjson
import strawberry
from cross_web import HTTPException  # what strawberry's views raise (its dependency)
from fastapi import Request
from fastapi.routing import APIWebSocketRoute
from graphql import GraphQLError
from starlette.exceptions import HTTPException as StarletteHTTPException
from strawberry.extensions import ParserCache
from strawberry.extensions.disable_introspection import DisableIntrospection
from strawberry.fastapi import GraphQLRouter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from app.accounts.graphql import AccountMutation
from app.articles import service as articles
from app.articles.graphql import ArticleQuery
from app.collections import service as collections
from app.collections.graphql import CollectionQuery
from app.core.config import Settings
from app.core.errors import NotFound
from app.crisis.graphql import CrisisQuery
from app.graphql.completions import ExecutionContext
from app.graphql.context import Info, get_context
from app.graphql.errors import with_codes
from app.graphql.extensions import AnonymousResultCache, BoundedCache, PersistedQueries
from app.graphql.limits import DocumentLimits, QueryLimits, ValidatedDocuments
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
# About ten characters a token, indentation included: generous for any real document.
MAX_QUERY_LENGTH = 20_000
MAX_FIELDS = 1000
MAX_OPERATIONS = 10
# Colocated fragments (one per component) each select `slug` or `id` again: allow many.
MAX_SAME_FIELD = 20
LIMITS = QueryLimits(
    max_depth=MAX_DEPTH,
    max_aliases=MAX_ALIASES,
    max_tokens=MAX_TOKENS,
    max_length=MAX_QUERY_LENGTH,
    max_fields=MAX_FIELDS,
    max_operations=MAX_OPERATIONS,
    max_same_field=MAX_SAME_FIELD,
)
# Distinct documents remembered, parsed and validated: a client's working set.
DOCUMENT_CACHE_SIZE = 512


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

    @staticmethod
    def remove_field_suggestion(error: GraphQLError) -> None:
        # Called for every error when `disable_field_suggestions` is on (production).
        # strawberry strips only "Cannot query field" suggestions; graphql-core also
        # suggests argument, type, enum value and input field names, which would map the
        # schema as surely as introspection.
        error.message = error.message.split(" Did you mean ", 1)[0]


def build_schema(*, production: bool, result_cache_entries: int = 0) -> strawberry.Schema:
    # Factories: a fresh extension per request (extensions hold the request's execution
    # context). What they share is built here, once per schema: strawberry's parser cache
    # (module-level, per maxsize) and the validation cache with the limits. Building the
    # limit rules per request, as strawberry's limiters are built, gave every request new
    # rule classes and so a validation cache key never seen before.
    documents = ValidatedDocuments(LIMITS, maxsize=DOCUMENT_CACHE_SIZE)
    results = BoundedCache(maxsize=result_cache_entries)
    extensions: list[Any] = [
        # First: it may replace a persisted query's hash by the document, checked next.
        PersistedQueries,
        lambda: DocumentLimits(documents),
        lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: AnonymousResultCache(results),
    ]
    if production:
        extensions.append(DisableIntrospection)
    return Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        execution_context_class=ExecutionContext,
        config=StrawberryConfig(disable_field_suggestions=production),
    )


class CodedErrorsRouter(GraphQLRouter[Any, None]):
    """Applies error codes and masking at the one point every result passes, including
    parse and limit errors raised before execution starts."""

    def encode_json(self, data: object) -> bytes:
        # orjson rather than the standard library's encoder: ~6% of a GraphQL list's CPU.
        # (UTF-8 as is, where json.dumps escaped every non-ASCII character.)
        return orjson.dumps(data)

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        if result.errors:
            result.errors = with_codes(result.errors)
        return await super().process_result(request, result)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        # Requests refused before any document is read (a JSON array of operations, as
        # batching is off; a body that is not a GraphQL request) leave as problem+json like
        # every other HTTP error, not as strawberry's plain text.
        try:
            return await super().run(request, context=context, root_value=root_value)
        except HTTPException as error:
            raise StarletteHTTPException(error.status_code, error.reason) from None


def graphql_router(settings: Settings) -> GraphQLRouter[Any, None]:
    router = CodedErrorsRouter(
        build_schema(
            production=settings.is_production,
            result_cache_entries=settings.graphql_result_cache_max_entries,
        ),
        path="/graphql",
        context_getter=get_context,
        graphql_ide=None if settings.is_production else "graphiql",
        allow_queries_via_get=True,
        tags=["graphql"],
    )
    # GraphQL is served over HTTP only: the schema has no subscriptions, and strawberry's
    # websocket endpoint would pass the partner gate unchecked and then fail on every
    # connection resolving the HTTP-only context (a TypeError, not a refusal).
    router.routes = [route for route in router.routes if not isinstance(route, APIWebSocketRoute)]
    return router


def schema_sdl() -> str:
    """The schema as printed into schema.graphql (the same in every environment)."""
    return build_schema(production=False).as_str() + "\n"
