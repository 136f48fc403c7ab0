"""Per-request GraphQL context: the session, the caller, and DataLoaders."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from fastapi import Request, Response
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.fastapi import BaseContext

from app.accounts.models import User
from app.api.deps import SessionDep, private_response, user_of_request
from app.articles.service import SummaryCache
from app.core.caching import ContentVersionTracker
from app.core.config import Settings
from app.core.db import utcnow
from app.core.errors import FieldError, Invalid, Unauthorized
from app.core.locales import choose_locale, detail_locale

ResultT = TypeVar("ResultT")


class GraphQLContext(BaseContext):
    def __init__(
        self,
        *,
        session: AsyncSession,
        user: User | None,
        settings: Settings,
        content_version: ContentVersionTracker,
        article_summaries: SummaryCache,
        accept_language: str | None = None,
    ) -> None:
        super().__init__()
        self.content_version = content_version
        self.article_summaries = article_summaries
        self.accept_language = accept_language
        self.session = session
        self.user = user
        self.settings = settings
        # One "now" per request: every field sees the same catalogue.
        self.now = utcnow()
        self.db = RequestDatabase(session)
        from app.graphql.loaders import Loaders

        # Nothing the loaders hold refers back to the context: a request's objects are freed
        # as it ends, not left in a reference cycle for the garbage collector's full passes.
        self.loaders = Loaders(db=self.db, now=self.now, user=user)

    def require_user(self) -> User:
        if self.user is None:
            raise Unauthorized("Sign in first: send 'Authorization: Bearer <access token>'.")
        return self.user


class RequestDatabase:
    """The request's session for resolvers and loaders: `await db(service, **kwargs)`."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # Resolvers run concurrently but an AsyncSession serves one statement at a time.
        self._lock = asyncio.Lock()

    async def __call__(
        self, service: Callable[..., Awaitable[ResultT]], /, **kwargs: Any
    ) -> ResultT:
        """Call a service with the request's session, one database call at a time."""
        for name, value in kwargs.items():
            # No text we store or look up holds a NUL, and PostgreSQL cannot compare one;
            # loaders pass their keys as lists.
            texts = value if isinstance(value, list | tuple | set | frozenset) else [value]
            if any(isinstance(text, str) and "\x00" in text for text in texts):
                raise Invalid(
                    f"'{name}' contains a NUL character.",
                    errors=[FieldError("argument", name, "contains a NUL character")],
                )

        async def one_at_a_time() -> ResultT:
            async with self._lock:
                return await service(session=self.session, **kwargs)

        # Shielded: when a sibling field fails, graphql-core cancels the other resolvers; a
        # statement cancelled midway leaves the session's connection closed under it, and the
        # request then fails while closing the session (a 500 instead of the field's error).
        return await asyncio.shield(one_at_a_time())


async def get_context(
    request: Request,
    response: Response,
    session: SessionDep,
) -> GraphQLContext:
    user = await user_of_request(request, session)
    if user is not None:
        # A signed-in answer may hold member data (viewer, home's streak), as REST's member
        # routes do; anonymous answers get public caching from the response cache.
        await private_response(response)
    return GraphQLContext(
        session=session,
        user=user,
        settings=request.app.state.settings,
        content_version=request.app.state.content_version,
        article_summaries=request.app.state.article_summaries,
        accept_language=request.headers.get("accept-language"),
    )


Info = strawberry.Info[GraphQLContext, None]


def content_locale(info: Info, requested: str | None) -> str:
    """The language to answer in, by the same rule as REST (core/locales.py)."""
    return choose_locale(requested, info.context.accept_language)


def entry_locale(info: Info, requested: str | None) -> str | None:
    """The language for one entry asked for by slug, by REST's rule."""
    return detail_locale(requested, info.context.accept_language)
