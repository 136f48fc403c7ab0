"""The application: routers at /v1, error handlers, docs, and the database lifecycle."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.routing import APIRoute
from fastapi.telemetry import TelemetryConfig

from app.admin import mount_admin
from app.api.body_limit import RequestBodyLimit
from app.api.errors import install_error_handlers
from app.api.router import API_ROUTERS
from app.api.system import router as system_router
from app.articles.models import ArticleSummary
from app.articles.service import SummaryCache
from app.core.caching import (
    GZIP_MIN_BYTES,
    BuiltItem,
    CachedAnswersFirst,
    ContentVersionTracker,
    FragmentCache,
    PublicResponseCache,
    ResponseStore,
)
from app.core.config import Settings, get_settings
from app.core.db import create_engine, create_sessionmaker
from app.core.memory import prepare_heap_for_serving, return_large_blocks_to_the_system
from app.core.ratelimit import create_rate_limiter
from app.core.security_headers import SecurityHeaders
from app.graphql.schema import graphql_router
from app.partners.gate import PartnerGate
from app.partners.service import ApiKeys
from app.partners.webhooks import dispatch_forever

DESCRIPTION = """
Clinically reviewed **articles**, guided **meditation tracks** and **collections** for the
Smart Meditation app and its partners.

* Lists page with `limit` and an opaque `cursor`: pass each page's `next_cursor` to get the
  next one. Filters are plain query parameters; unknown parameters are rejected.
* Every error is [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) `application/problem+json`
  with a stable `code`, and `errors` naming each invalid parameter.
* The same catalogue and the member's data are served over GraphQL at `/graphql` (GraphiQL
  in development; the schema is `schema.graphql` in the repository).
* Medical articles carry their clinical review: reviewer, review date, next review due, and a
  `review_status` that reads `overdue` once that date has passed.
"""

TAGS = [
    {"name": "articles", "description": "Psychoeducation and medication articles."},
    {"name": "tracks", "description": "Guided meditations, sleep stories, breathing exercises."},
    {"name": "collections", "description": "Courses, series and playlists."},
    {"name": "topics and people", "description": "Topics, authors, reviewers and narrators."},
    {"name": "search", "description": "Full-text search over articles, tracks and collections."},
    {"name": "home", "description": "The home screen in one request."},
    {
        "name": "crisis help",
        "description": "Crisis helplines by country, also shown with content about suicide "
        "and self-harm.",
    },
    {"name": "sync", "description": "Delta sync of the catalogue, with deletions."},
    {"name": "auth", "description": "Registration, sign-in and tokens."},
    {"name": "me", "description": "The signed-in member: profile, progress, stats, favourites."},
    {"name": "editorial", "description": "Drafts, clinical review, publishing, revisions."},
    {"name": "media", "description": "Uploaded audio and images, served with Range requests."},
    {"name": "admin: partners", "description": "Partner API clients, usage and webhooks."},
    {"name": "system", "description": "Health checks and error documentation."},
]


async def _flush_usage_forever(keys: ApiKeys, interval_seconds: float = 10) -> None:
    while True:
        await asyncio.sleep(interval_seconds)
        try:
            await keys.flush_usage()
        except Exception:
            logging.getLogger("app.partners").exception("could not record API key usage")


def operation_id(route: APIRoute) -> str:
    # Stable, readable ids ("list_articles") so generated clients get good method names.
    return route.name


TELEMETRY_OFF: TelemetryConfig = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    return_large_blocks_to_the_system()  # before any thread allocates (app/core/memory.py)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings.database_url, echo=settings.sql_echo)
        app.state.engine = engine
        app.state.sessionmaker = create_sessionmaker(engine)
        try:  # read before requests hold connections; /readyz reports a database not ready
            await app.state.content_version.current()
        except Exception:
            logging.getLogger("app").warning("could not read the content version at start")
        tasks = [asyncio.create_task(_flush_usage_forever(app.state.api_keys))]
        if settings.webhook_dispatch_interval_seconds > 0:
            tasks.append(
                asyncio.create_task(
                    dispatch_forever(
                        app.state.sessionmaker,
                        interval_seconds=settings.webhook_dispatch_interval_seconds,
                        allow_private=settings.webhooks_may_reach_private_addresses,
                    )
                )
            )
        prepare_heap_for_serving()  # once per process (app/core/memory.py)
        yield
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await app.state.content_version.close()
        await app.state.api_keys.flush_usage()
        await app.state.limiter.close()
        await engine.dispose()

    app = FastAPI(
        title="Smart Meditation content API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        # FastAPI's native OpenTelemetry looks up the global providers on every request
        # (a third of a cached answer's time) even when none is configured: on only when
        # asked for.
        telemetry=None if settings.opentelemetry else TELEMETRY_OFF,
    )
    app.state.settings = settings
    app.state.limiter = create_rate_limiter(settings.redis_url)
    install_error_handlers(app)
    app.state.content_version = ContentVersionTracker(
        lambda: app.state.sessionmaker, settings.content_version_poll_seconds
    )
    app.state.article_summaries = SummaryCache(
        FragmentCache[BuiltItem[ArticleSummary]](settings.fragment_cache_max_entries),
        app.state.content_version,
    )
    app.state.responses = ResponseStore(
        settings.response_cache_max_entries, settings.response_cache_max_bytes
    )
    # Innermost first: gzip for what the response cache does not handle itself, the cache,
    # the partner gate, the body size limit (before anything reads a body: the cache reads
    # GraphQL POSTs), then CORS so every response gets its headers; security headers wrap
    # the whole stack (below).
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)
    app.add_middleware(
        PublicResponseCache,
        tracker=app.state.content_version,
        store=app.state.responses,
        max_age=settings.content_max_age_seconds,
        stale_while_revalidate=settings.content_stale_while_revalidate_seconds,
    )
    # Partners are checked (key, scope, rate limit) before the cache, then served from it.
    app.state.api_keys = ApiKeys(lambda: app.state.sessionmaker, settings.api_key_cache_seconds)
    app.add_middleware(PartnerGate, keys=app.state.api_keys, limiter=app.state.limiter)
    app.add_middleware(RequestBodyLimit, max_bytes=settings.max_request_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=settings.cors_allow_credentials,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match", "X-API-Key"],
            expose_headers=[
                "ETag",
                "Retry-After",
                "Location",
                "Content-Language",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
            ],
        )
    app.include_router(system_router)
    # GraphQL documents itself (GraphiQL, schema.graphql); OpenAPI describes REST only.
    app.include_router(graphql_router(settings), include_in_schema=False)
    for router in API_ROUTERS:
        app.include_router(router, prefix="/v1")
    # The staff web UI; it uses app.state.sessionmaker per request (set by the lifespan).
    mount_admin(app, settings)
    _document_problem_schema(app)
    _wrap_outermost(app, settings)
    logging.getLogger("app").setLevel(settings.log_level.upper())
    return app


def _wrap_outermost(app: FastAPI, settings: Settings) -> None:
    """Security headers outside Starlette's ServerErrorMiddleware, which every
    add_middleware() sits inside, so a 500 gets them too; and outside those, the stored
    answers to anonymous reads, which then skip every other layer (they add the security
    headers themselves)."""
    build_middleware_stack = app.build_middleware_stack

    def build_wrapped() -> Any:
        security = SecurityHeaders(
            build_middleware_stack(),
            production=settings.is_production,
            graphiql=not settings.is_production,
            docs_paths=(app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url),
        )
        return CachedAnswersFirst(
            security,
            tracker=app.state.content_version,
            store=app.state.responses,
            security_headers_for=security.headers_for,
            cors=bool(settings.cors_origins),
        )

    app.build_middleware_stack = build_wrapped  # type: ignore[method-assign]


def _document_problem_schema(app: FastAPI) -> None:
    """Document every error response as problem+json only (FastAPI would add the route's
    own media type, and its own body for 422)."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        # `Problem` itself is registered by the routes' documented responses.
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    if status.startswith(("4", "5")):
                        response["content"] = problem
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
