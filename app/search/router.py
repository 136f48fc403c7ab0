"""REST: search over the published catalogue."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.params import LOCALE_PATTERN, Slug
from app.core.db import utcnow
from app.search import service
from app.search.models import SearchKind, SearchPage

router = APIRouter(prefix="/search", tags=["search"])


class SearchParams(BaseModel):
    # A misspelt filter is rejected rather than silently ignored.
    model_config = ConfigDict(extra="forbid")

    q: str = Field(
        min_length=1,
        max_length=service.MAX_QUERY_LENGTH,
        description="Words to search for; every word must match (after stemming, ignoring "
        "case and accents). Punctuation and search syntax are ignored.",
        examples=["sleep"],
    )
    kind: list[SearchKind] | None = Field(
        None,
        description="Only these kinds; repeat the parameter for several "
        "(`kind=article&kind=track`). All kinds when omitted.",
    )
    topic: Slug | None = Field(None, max_length=120, description="Topic slug.", examples=["sleep"])
    locale: str | None = Field(None, pattern=LOCALE_PATTERN, examples=["en"])
    limit: int = Field(
        service.DEFAULT_SEARCH_PAGE,
        ge=1,
        le=service.MAX_SEARCH_PAGE,
        description=f"Results per page, 1 to {service.MAX_SEARCH_PAGE}.",
    )
    cursor: str | None = Field(
        None,
        max_length=512,
        description="The `next_cursor` of the previous page of the same search.",
    )


@router.get(
    "",
    summary="Search articles, tracks and collections",
    response_model=SearchPage,
    responses=problem_responses(422),
)
async def search(session: SessionDep, params: Annotated[SearchParams, Query()]) -> SearchPage:
    """Published articles, tracks and collections matching every word of `q`, best first.

    Items whose title holds every word come first, then those whose title and summary (or
    description) hold them, then matches in an article's text or a track's transcript;
    `score` orders them (higher first, comparable within one list only). Each hit has a
    `snippet` of HTML from its best-matching field, with matches in `<mark>` and everything
    else escaped, and the item's summary under `article`, `track` or `collection`.

    Page with `limit` and `cursor`; a search returns at most 300 results. A query of only
    punctuation is an empty list; an empty `q`, an unknown `kind` or `topic`, a bad `limit`
    or a cursor from another search is a 422 naming the parameter.
    """
    return await service.search_content(
        session=session,
        q=params.q,
        filters=service.SearchFilters(
            kinds=frozenset(params.kind or ()), topic=params.topic, locale=params.locale
        ),
        limit=params.limit,
        cursor=params.cursor,
        now=utcnow(),
    )
