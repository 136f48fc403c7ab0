"""REST: published articles."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import Field

from app.api.deps import AcceptLanguage, CrisisCountry, DetailLocale, SessionDep
from app.api.errors import problem_responses
from app.api.params import LOCALE_PATTERN, ListParams, Slug, UpdatedSince
from app.articles import service
from app.articles.models import ArticlePage, ArticlePublic
from app.core.db import utcnow
from app.core.locales import choose_locale
from app.core.pagination import page_json

router = APIRouter(prefix="/articles", tags=["articles"])


class ArticleListParams(ListParams):
    sort: Literal[
        "-published_at", "published_at", "-updated_at", "updated_at", "title", "-title"
    ] = Field("-published_at", description="Sort order; a leading `-` means descending.")
    topic: Slug | None = Field(None, max_length=120, description="Topic slug.", examples=["sleep"])
    author: Slug | None = Field(None, max_length=120, description="Author's person slug.")
    locale: str | None = Field(None, pattern=LOCALE_PATTERN, examples=["en"])
    medical: bool | None = Field(None, description="Only medical (true) or non-medical (false).")
    updated_since: UpdatedSince | None = Field(
        None,
        description="Only articles updated at or after this time (ISO 8601 with offset).",
        examples=["2026-11-01T00:00:00Z"],
    )


@router.get(
    "",
    summary="List published articles",
    response_model=ArticlePage,
    responses=problem_responses(422),
)
async def list_articles(
    request: Request,
    session: SessionDep,
    params: Annotated[ArticleListParams, Query()],
    accept_language: AcceptLanguage = None,
) -> Response:
    """Published articles as summaries (no body), newest first by default.

    Pages with `limit` and `cursor`; filter by topic, author, locale, medical and
    `updated_since`. An unknown topic or author slug is a 422, not an empty list.
    """
    locale = choose_locale(params.locale, accept_language)
    now = utcnow()
    ids, next_cursor = await service.published_article_page(
        session=session,
        filters=service.ArticleFilters(
            topic=params.topic,
            author=params.author,
            locale=locale,
            medical=params.medical,
            updated_since=params.updated_since,
        ),
        sort=params.sort,
        limit=params.limit,
        cursor=params.cursor,
        now=now,
    )
    # Summaries are serialized once per content version, not per request (ArticlePage's
    # bytes; response_model above documents them).
    items = await service.cached_summaries(
        session=session, summaries=request.app.state.article_summaries, ids=ids, now=now
    )
    return Response(
        page_json([item.json for item in items], next_cursor),
        media_type="application/json",
        headers={"Content-Language": locale},
    )


@router.get(
    "/{slug}",
    summary="Get a published article",
    response_model=ArticlePublic,
    responses=problem_responses(404, 422),
)
async def get_article(
    session: SessionDep,
    slug: Annotated[Slug, Path(max_length=120, examples=["lamotrigine-and-ketamine"])],
    crisis_country: CrisisCountry,
    locale: DetailLocale,
    response: Response,
) -> ArticlePublic:
    """The whole article: Markdown and sanitized HTML body, clinical review (reviewer,
    review dates and `status`, which is `overdue` once the review date has passed),
    ordered citations, content warnings, licence and attribution.

    When the content warnings include `suicide` or `self_harm`, `crisis_resources` lists
    the helplines for the caller's country (`country`, else the Accept-Language region),
    or the international list with `fallback: true`; otherwise it is null."""
    article = await service.get_published_article(
        session=session, slug=slug, now=utcnow(), crisis_country=crisis_country, locale=locale
    )
    response.headers["Content-Language"] = article.locale
    return article
