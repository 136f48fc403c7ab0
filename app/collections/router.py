"""REST: published collections (courses, series, playlists)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import Field

from app.api.deps import AcceptLanguage, DetailLocale, SessionDep
from app.api.errors import problem_responses
from app.api.params import LOCALE_PATTERN, ListParams, Slug, UpdatedSince
from app.collections import service
from app.collections.models import CollectionKind, CollectionPage, CollectionPublic
from app.core.db import utcnow
from app.core.locales import choose_locale

router = APIRouter(prefix="/collections", tags=["collections"])


class CollectionListParams(ListParams):
    sort: Literal[
        "-published_at", "published_at", "-updated_at", "updated_at", "title", "-title"
    ] = Field("-published_at", description="Sort order; a leading `-` means descending.")
    topic: Slug | None = Field(None, max_length=120, description="Topic slug.", examples=["sleep"])
    kind: CollectionKind | None = None
    locale: str | None = Field(None, pattern=LOCALE_PATTERN, examples=["en"])
    updated_since: UpdatedSince | None = Field(
        None, description="Only collections updated at or after this time (ISO 8601 with offset)."
    )


@router.get(
    "",
    summary="List published collections",
    response_model=CollectionPage,
    responses=problem_responses(422),
)
async def list_collections(
    session: SessionDep,
    params: Annotated[CollectionListParams, Query()],
    response: Response,
    accept_language: AcceptLanguage = None,
) -> CollectionPage:
    """Courses, series and playlists, with their item count and total duration."""
    locale = choose_locale(params.locale, accept_language)
    response.headers["Content-Language"] = locale
    return await service.list_published_collections(
        session=session,
        filters=service.CollectionFilters(
            topic=params.topic,
            kind=params.kind,
            locale=locale,
            updated_since=params.updated_since,
        ),
        sort=params.sort,
        limit=params.limit,
        cursor=params.cursor,
        now=utcnow(),
    )


@router.get(
    "/{slug}",
    summary="Get a published collection",
    response_model=CollectionPublic,
    responses=problem_responses(404, 422),
)
async def get_collection(
    session: SessionDep,
    slug: Annotated[Slug, Path(max_length=120, examples=["seven-days-of-calmer-sleep"])],
    locale: DetailLocale,
    response: Response,
) -> CollectionPublic:
    """The collection's published tracks and articles, in order."""
    collection = await service.get_published_collection(
        session=session, slug=slug, now=utcnow(), locale=locale
    )
    response.headers["Content-Language"] = collection.locale
    return collection
