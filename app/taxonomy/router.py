"""REST: topics and people, each with their published content."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from pydantic import Field
from sqlmodel import SQLModel

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.params import ListParams, Slug
from app.articles.models import ArticlePage
from app.articles.service import ArticleFilters, list_published_articles
from app.core.db import utcnow
from app.core.pagination import DEFAULT_PAGE_SIZE
from app.taxonomy import service
from app.taxonomy.models import PersonPublic, TopicPage, TopicPublic
from app.tracks.models import TrackPage
from app.tracks.service import TrackFilters, list_published_tracks

router = APIRouter(tags=["topics and people"])


class TopicDetail(TopicPublic):
    articles: ArticlePage = Field(
        description="Newest published articles; continue with /v1/articles?topic=…&cursor=…"
    )
    tracks: TrackPage = Field(
        description="Newest published tracks; continue with /v1/tracks?topic=…&cursor=…"
    )


class PersonDetail(PersonPublic):
    articles: ArticlePage = Field(
        description="Newest articles they wrote; continue with /v1/articles?author=…"
    )
    tracks: TrackPage = Field(
        description="Newest tracks they narrate; continue with /v1/tracks?narrator=…"
    )


@router.get(
    "/topics",
    summary="List topics",
    response_model=TopicPage,
    responses=problem_responses(422),
)
async def list_topics(session: SessionDep, params: Annotated[ListParams, Query()]) -> TopicPage:
    """Every topic, by name."""
    return await service.list_topics(session=session, limit=params.limit, cursor=params.cursor)


@router.get(
    "/topics/{slug}",
    summary="Get a topic with its articles and tracks",
    response_model=TopicDetail,
    responses=problem_responses(404, 422),
)
async def get_topic(
    request: Request,
    session: SessionDep,
    slug: Annotated[Slug, Path(max_length=120, examples=["sleep"])],
) -> SQLModel:
    """The topic and the first page of its newest published articles and tracks."""
    topic = await service.get_topic(session=session, slug=slug)
    now = utcnow()
    articles = await list_published_articles(
        session=session,
        summaries=request.app.state.article_summaries,
        filters=ArticleFilters(topic=slug),
        sort="-published_at",
        limit=DEFAULT_PAGE_SIZE,
        cursor=None,
        now=now,
    )
    tracks = await list_published_tracks(
        session=session,
        filters=TrackFilters(topic=slug),
        sort="-published_at",
        limit=DEFAULT_PAGE_SIZE,
        cursor=None,
        now=now,
    )
    return TopicDetail(
        **TopicPublic.model_validate(topic).model_dump(), articles=articles, tracks=tracks
    )


@router.get(
    "/people/{slug}",
    summary="Get a person with their articles and tracks",
    response_model=PersonDetail,
    responses=problem_responses(404, 422),
)
async def get_person(
    request: Request,
    session: SessionDep,
    slug: Annotated[Slug, Path(max_length=120, examples=["dr-amara-okafor"])],
) -> SQLModel:
    """An author, clinical reviewer or narrator: credentials, registration and bio, with the
    first page of their newest published articles and tracks."""
    person = await service.get_person(session=session, slug=slug)
    now = utcnow()
    articles = await list_published_articles(
        session=session,
        summaries=request.app.state.article_summaries,
        filters=ArticleFilters(author=slug),
        sort="-published_at",
        limit=DEFAULT_PAGE_SIZE,
        cursor=None,
        now=now,
    )
    tracks = await list_published_tracks(
        session=session,
        filters=TrackFilters(narrator=slug),
        sort="-published_at",
        limit=DEFAULT_PAGE_SIZE,
        cursor=None,
        now=now,
    )
    return PersonDetail(
        **PersonPublic.model_validate(person).model_dump(), articles=articles, tracks=tracks
    )
