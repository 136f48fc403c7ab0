"""REST: published meditation tracks."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import PlainTextResponse
from pydantic import Field, ValidationInfo, field_validator

from app.api.deps import AcceptLanguage, CrisisCountry, DetailLocale, OptionalUser, SessionDep
from app.api.errors import problem_responses
from app.api.params import LOCALE_PATTERN, ListParams, Slug, UpdatedSince
from app.core.db import utcnow
from app.core.locales import choose_locale
from app.tracks import service
from app.tracks.models import TrackKind, TrackLevel, TrackPage, TrackPublic

router = APIRouter(prefix="/tracks", tags=["tracks"])


class TrackListParams(ListParams):
    sort: Literal[
        "-published_at", "published_at", "-updated_at", "updated_at", "title", "-title"
    ] = Field("-published_at", description="Sort order; a leading `-` means descending.")
    topic: Slug | None = Field(None, max_length=120, description="Topic slug.", examples=["sleep"])
    narrator: Slug | None = Field(None, max_length=120, description="Narrator's person slug.")
    kind: TrackKind | None = None
    level: TrackLevel | None = None
    locale: str | None = Field(None, pattern=LOCALE_PATTERN, examples=["en"])
    premium: bool | None = Field(None, description="Only premium (true) or free (false) tracks.")
    min_duration: int | None = Field(
        None, ge=0, le=86_400, description="Seconds: a variant at least this long exists."
    )
    max_duration: int | None = Field(
        None,
        ge=0,
        le=86_400,
        description="Seconds: a variant at most this long exists.",
        examples=[600],
    )
    updated_since: UpdatedSince | None = Field(
        None, description="Only tracks updated at or after this time (ISO 8601 with offset)."
    )

    @field_validator("max_duration")
    @classmethod
    def duration_range_is_ordered(cls, value: int | None, info: ValidationInfo) -> int | None:
        # A field validator, not a model one, so the 422 names the parameter at fault.
        minimum = info.data.get("min_duration")
        if value is not None and minimum is not None and minimum > value:
            raise ValueError(f"must not be less than min_duration ({minimum})")
        return value


@router.get(
    "",
    summary="List published tracks",
    response_model=TrackPage,
    responses=problem_responses(422),
)
async def list_tracks(
    session: SessionDep,
    params: Annotated[TrackListParams, Query()],
    response: Response,
    accept_language: AcceptLanguage = None,
) -> TrackPage:
    """Published tracks as summaries with the lengths on offer, newest first by default.

    Filter by topic, narrator, kind, level, locale, premium, a duration range (a track
    matches when one of its variants fits) and `updated_since`.
    """
    locale = choose_locale(params.locale, accept_language)
    response.headers["Content-Language"] = locale
    return await service.list_published_tracks(
        session=session,
        filters=service.TrackFilters(
            topic=params.topic,
            narrator=params.narrator,
            kind=params.kind,
            level=params.level,
            locale=locale,
            premium=params.premium,
            min_duration=params.min_duration,
            max_duration=params.max_duration,
            updated_since=params.updated_since,
        ),
        sort=params.sort,
        limit=params.limit,
        cursor=params.cursor,
        now=utcnow(),
    )


TrackSlug = Annotated[Slug, Path(max_length=120, examples=["body-scan-for-sleep"])]


@router.get(
    "/{slug}",
    summary="Get a published track",
    response_model=TrackPublic,
    responses=problem_responses(404, 422),
)
async def get_track(
    session: SessionDep,
    user: OptionalUser,
    slug: TrackSlug,
    crisis_country: CrisisCountry,
    locale: DetailLocale,
    response: Response,
) -> TrackPublic:
    """The track with every variant (narrator x length). For premium tracks `audio_url` is
    null unless the caller has a premium membership.

    When the content warnings include `suicide` or `self_harm`, `crisis_resources` lists
    the helplines for the caller's country (`country`, else the Accept-Language region),
    or the international list with `fallback: true`; otherwise it is null."""
    track = await service.get_published_track(
        session=session,
        slug=slug,
        now=utcnow(),
        premium_entitled=user is not None and user.is_premium,
        crisis_country=crisis_country,
        locale=locale,
    )
    response.headers["Content-Language"] = track.locale
    return track


@router.get(
    "/{slug}/variants/{variant_id}/transcript",
    summary="Get a variant's transcript (WebVTT)",
    response_class=PlainTextResponse,
    responses={
        200: {"content": {"text/vtt": {}}, "description": "The WebVTT transcript."},
        **problem_responses(403, 404, 422),
    },
)
async def get_transcript(
    session: SessionDep,
    user: OptionalUser,
    slug: TrackSlug,
    variant_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> PlainTextResponse:
    """The recording's words as WebVTT captions, for subtitles and screen readers."""
    transcript = await service.get_published_transcript(
        session=session,
        slug=slug,
        variant_id=variant_id,
        now=utcnow(),
        premium_entitled=user is not None and user.is_premium,
    )
    return PlainTextResponse(transcript, media_type="text/vtt")
