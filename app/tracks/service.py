"""Public reads of tracks. Premium audio is withheld unless the caller is entitled."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.core.errors import FieldError, Forbidden, Invalid, Moved, NotFound
from app.core.pagination import SortKey, fetch_page
from app.core.publishing import (
    PublicationStatus,
    publicly_visible,
    published_translations,
    visible_row,
)
from app.crisis.service import crisis_resources_for_content
from app.taxonomy.models import Person, Topic
from app.taxonomy.service import (
    by_group_key,
    newest_in_each_topic,
    newest_per_group,
    person_summary,
    require_filter_target,
    topics_by_owner,
)
from app.tracks.models import (
    Track,
    TrackKind,
    TrackLevel,
    TrackPage,
    TrackPublic,
    TrackSummary,
    TrackTopic,
    TrackVariant,
    TrackVariantPublic,
)

TRACK_SORTS = {
    sort.name: sort
    for sort in (
        SortKey("-published_at", Track.published_at, "datetime"),
        SortKey("published_at", Track.published_at, "datetime"),
        SortKey("-updated_at", Track.updated_at, "datetime"),
        SortKey("updated_at", Track.updated_at, "datetime"),
        SortKey("title", Track.title, "text"),
        SortKey("-title", Track.title, "text"),
    )
}


MAX_DURATION_FILTER = 86_400


@dataclass(frozen=True)
class TrackFilters:
    topic: str | None = None
    narrator: str | None = None
    kind: TrackKind | None = None
    level: TrackLevel | None = None
    locale: str | None = None
    premium: bool | None = None
    min_duration: int | None = None
    max_duration: int | None = None
    updated_since: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("min_duration", "max_duration"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= MAX_DURATION_FILTER:
                raise Invalid(
                    f"{name} must be between 0 and {MAX_DURATION_FILTER} seconds.",
                    errors=[FieldError("query", name, f"must be 0 to {MAX_DURATION_FILTER}")],
                )
        if (
            self.min_duration is not None
            and self.max_duration is not None
            and self.min_duration > self.max_duration
        ):
            raise Invalid(
                "min_duration must not be greater than max_duration.",
                errors=[FieldError("query", "min_duration", "greater than max_duration")],
            )


Narrator = aliased(Person, name="narrator")


def _summary_select(now: datetime) -> Select[Any]:
    return _summary_columns().where(publicly_visible(Track, now))


def _summary_columns() -> Select[Any]:
    return select(
        Track.id,
        Track.slug,
        Track.locale,
        Track.title,
        Track.description,
        Track.kind,
        Track.level,
        Track.is_premium,
        Track.cover_image_url,
        Track.cover_image_alt,
        Track.content_warnings,
        Track.published_at,
        Track.updated_at,
        Track.translation_group,
        Narrator.slug.label("narrator_slug"),
        Narrator.name.label("narrator_name"),
        Narrator.credentials.label("narrator_credentials"),
    ).outerjoin(Narrator, Narrator.id == Track.narrator_id)


async def _durations_by_track(session: AsyncSession, track_ids: list[int]) -> dict[int, list[int]]:
    if not track_ids:
        return {}
    statement = (
        select(TrackVariant.track_id, TrackVariant.duration_seconds)
        .where(TrackVariant.track_id.in_(track_ids))
        .order_by(TrackVariant.track_id, TrackVariant.duration_seconds)
    )
    durations: dict[int, list[int]] = defaultdict(list)
    for track_id, seconds in (await session.execute(statement)).all():
        if seconds not in durations[track_id]:
            durations[track_id].append(seconds)
    return durations


def _summary_fields(row: Any, topics: dict[int, Any], durations: dict[int, list[int]]) -> Any:
    return {
        "id": row.id,
        "slug": row.slug,
        "locale": row.locale,
        "title": row.title,
        "description": row.description,
        "kind": row.kind,
        "level": row.level,
        "is_premium": row.is_premium,
        "cover_image_url": row.cover_image_url,
        "cover_image_alt": row.cover_image_alt,
        "content_warnings": row.content_warnings,
        "narrator": person_summary(row.narrator_slug, row.narrator_name, row.narrator_credentials),
        "topics": topics.get(row.id, []),
        "durations_seconds": durations.get(row.id, []),
        "published_at": row.published_at,
        "updated_at": row.updated_at,
    }


async def _summaries(session: AsyncSession, rows: list[Any]) -> list[TrackSummary]:
    ids = [row.id for row in rows]
    topics = await topics_by_owner(session, TrackTopic, TrackTopic.track_id, ids)
    durations = await _durations_by_track(session, ids)
    return [TrackSummary(**_summary_fields(row, topics, durations)) for row in rows]


async def list_published_tracks(
    *,
    session: AsyncSession,
    filters: TrackFilters,
    sort: str,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> TrackPage:
    statement = _summary_select(now)
    sort_key, id_column = TRACK_SORTS[sort], Track.id
    if filters.topic is not None:
        topic_id = select(Topic.id).where(Topic.slug == filters.topic).scalar_subquery()
        if sort_key.column is Track.published_at:
            # By date, a topic's tracks are read from its links in their index's order: the
            # links carry the track's published_at while it is published (TrackTopic), so
            # the visibility bound is on them too, or SQLite starts from the tracks.
            sort_key = SortKey(sort_key.name, TrackTopic.published_at, sort_key.kind)
            id_column = TrackTopic.track_id
            statement = (
                _summary_columns()
                .add_columns(TrackTopic.published_at, TrackTopic.track_id)
                .join(TrackTopic, TrackTopic.track_id == Track.id)
                .where(
                    TrackTopic.topic_id == topic_id,
                    TrackTopic.published_at <= now,
                    Track.status == PublicationStatus.published.value,
                )
            )
        else:
            statement = statement.where(
                Track.id.in_(select(TrackTopic.track_id).where(TrackTopic.topic_id == topic_id))
            )
    if filters.narrator is not None:
        statement = statement.where(Narrator.slug == filters.narrator)
    if filters.kind is not None:
        statement = statement.where(Track.kind == filters.kind.value)
    if filters.level is not None:
        statement = statement.where(Track.level == filters.level.value)
    if filters.locale is not None:
        statement = statement.where(Track.locale == filters.locale)
    if filters.premium is not None:
        statement = statement.where(Track.is_premium == filters.premium)
    if filters.min_duration is not None or filters.max_duration is not None:
        # A track matches when one of its variants has a length in the range.
        variant_in_range = exists().where(TrackVariant.track_id == Track.id)
        if filters.min_duration is not None:
            variant_in_range = variant_in_range.where(
                TrackVariant.duration_seconds >= filters.min_duration
            )
        if filters.max_duration is not None:
            variant_in_range = variant_in_range.where(
                TrackVariant.duration_seconds <= filters.max_duration
            )
        statement = statement.where(variant_in_range)
    if filters.updated_since is not None:
        statement = statement.where(Track.updated_at >= filters.updated_since)
    rows, next_cursor = await fetch_page(
        session, statement, sort=sort_key, id_column=id_column, limit=limit, cursor=cursor
    )
    if not rows:
        if filters.topic is not None:
            await require_filter_target(session, Topic, filters.topic, "topic")
        if filters.narrator is not None:
            await require_filter_target(session, Person, filters.narrator, "narrator")
    return TrackPage(items=await _summaries(session, rows), next_cursor=next_cursor)


async def published_track_summaries(
    *, session: AsyncSession, ids: list[int], now: datetime
) -> dict[int, TrackSummary]:
    """Summaries of the published tracks among `ids` (for collections)."""
    if not ids:
        return {}
    statement = _summary_columns().add_columns(Track.status).where(Track.id.in_(ids))
    rows = [
        row
        for row in await session.execute(statement)
        if visible_row(row.status, row.published_at, now)
    ]
    return {summary.id: summary for summary in await _summaries(session, rows)}


async def published_tracks_since(
    *, session: AsyncSession, since: datetime, limit: int, now: datetime
) -> list[TrackSummary]:
    """Tracks published from `since` until now, newest first, at most `limit`."""
    rows = (
        await session.execute(
            _summary_select(now)
            .where(Track.published_at >= since)
            .order_by(Track.published_at.desc(), Track.id.desc())
            .limit(limit)
        )
    ).all()
    return await _summaries(session, list(rows))


async def _newest_by_group(
    session: AsyncSession,
    statement: Select[Any],
    group_column: Any,
    groups: list[str],
    per_group: int,
    now: datetime,
) -> dict[str, list[TrackSummary]]:
    if not groups:
        return {}
    statement = newest_per_group(
        statement, table=Track, group_column=group_column, groups=groups, per_group=per_group
    )
    rows = (await session.execute(statement)).all()
    return by_group_key(rows, await _summaries(session, list(rows)), groups)


async def published_tracks_by_topics(
    *, session: AsyncSession, topic_slugs: list[str], per_topic: int, now: datetime
) -> dict[str, list[TrackSummary]]:
    """The newest `per_topic` published tracks of each topic, in constant statements."""
    if not topic_slugs:
        return {}
    newest, parameters = newest_in_each_topic(
        link=TrackTopic,
        owner_column=TrackTopic.track_id,
        topics=topic_slugs,
        per_topic=per_topic,
        now=now,
    )
    statement = (
        # Visibility came with the links (published_at only while published): a condition
        # on track here would tempt SQLite to walk the status index instead of the keys.
        _summary_columns().add_columns(newest.c.group_key).join(newest, newest.c.id == Track.id)
    )
    rows = sorted(
        (await session.execute(statement, parameters)).all(),
        key=lambda row: (row.published_at, row.id),
        reverse=True,
    )
    return by_group_key(rows, await _summaries(session, rows), topic_slugs)


async def published_tracks_by_narrators(
    *, session: AsyncSession, narrator_slugs: list[str], per_narrator: int, now: datetime
) -> dict[str, list[TrackSummary]]:
    """The newest `per_narrator` published tracks of each narrator, in constant statements."""
    return await _newest_by_group(
        session, _summary_select(now), Narrator.slug, narrator_slugs, per_narrator, now
    )


async def variants_for_tracks(
    *, session: AsyncSession, tracks: dict[int, bool], premium_entitled: bool
) -> dict[int, list[TrackVariantPublic]]:
    """The variants of each track (id -> is_premium), shortest first within their order.
    Premium audio URLs are withheld unless the caller is entitled."""
    if not tracks:
        return {}
    VariantNarrator = aliased(Person, name="variant_narrator")
    rows = (
        await session.execute(
            select(
                TrackVariant.track_id,
                TrackVariant.id,
                TrackVariant.duration_seconds,
                TrackVariant.audio_url,
                TrackVariant.transcript_vtt.is_not(None).label("has_transcript"),
                VariantNarrator.slug,
                VariantNarrator.name,
                VariantNarrator.credentials,
            )
            .outerjoin(VariantNarrator, VariantNarrator.id == TrackVariant.narrator_id)
            .where(TrackVariant.track_id.in_(list(tracks)))
            .order_by(TrackVariant.track_id, TrackVariant.position, TrackVariant.duration_seconds)
        )
    ).all()
    variants: dict[int, list[TrackVariantPublic]] = {track_id: [] for track_id in tracks}
    for row in rows:
        playable = premium_entitled or not tracks[row.track_id]
        variants[row.track_id].append(
            TrackVariantPublic(
                id=row.id,
                narrator=person_summary(row.slug, row.name, row.credentials),
                duration_seconds=row.duration_seconds,
                audio_url=row.audio_url if playable else None,
                has_transcript=bool(row.has_transcript),
            )
        )
    return variants


async def published_track_details(
    *,
    session: AsyncSession,
    now: datetime,
    premium_entitled: bool,
    ids: list[int] | None = None,
    slug: str | None = None,
    crisis_country: str | None = None,
) -> dict[int, TrackPublic]:
    """Whole published tracks by id (or one by slug), with variants, in four statements,
    and one more when some carry the crisis services of `crisis_country` (None: the
    international list)."""
    statement = _summary_select(now)
    if ids is not None:
        statement = statement.where(Track.id.in_(ids))
    if slug is not None:
        statement = statement.where(Track.slug == slug)
    rows = (await session.execute(statement)).all()
    if not rows:
        return {}
    track_ids = [row.id for row in rows]
    topics = await topics_by_owner(session, TrackTopic, TrackTopic.track_id, track_ids)
    variants = await variants_for_tracks(
        session=session,
        tracks={row.id: row.is_premium for row in rows},
        premium_entitled=premium_entitled,
    )
    crisis = await crisis_resources_for_content(
        session=session,
        content_warnings={row.id: row.content_warnings for row in rows},
        country=crisis_country,
    )
    translations = await published_translations(
        session, Track, {row.id: row.translation_group for row in rows}, now
    )
    details = {}
    for row in rows:
        durations = {row.id: sorted({v.duration_seconds for v in variants[row.id]})}
        details[row.id] = TrackPublic(
            **_summary_fields(row, topics, durations),
            variants=variants[row.id],
            crisis_resources=crisis[row.id],
            translations=translations[row.id],
        )
    return details


async def _follow_renamed(session: AsyncSession, slug: str) -> None:
    """An old slug of a published track answers with a move to its current slug."""
    from app.editorial.redirects import redirected_slug

    current = await redirected_slug(session, entity_type="track", table=Track, slug=slug)
    if current is not None:
        raise Moved(f"This track is now at '{current}'.", entity_type="track", slug=current)


async def get_published_track(
    *,
    session: AsyncSession,
    slug: str,
    now: datetime,
    premium_entitled: bool,
    crisis_country: str | None = None,
    locale: str | None = None,
) -> TrackPublic:
    """The track, or its translation in `locale` when it has one (else as it is)."""

    async def by_slug(wanted: str) -> TrackPublic | None:
        details = await published_track_details(
            session=session,
            now=now,
            premium_entitled=premium_entitled,
            slug=wanted,
            crisis_country=crisis_country,
        )
        return next(iter(details.values()), None)

    track = await by_slug(slug)
    if track is None:
        await _follow_renamed(session, slug)
        raise NotFound(f"No published track has the slug '{slug}'.")
    wanted = next((t.slug for t in track.translations if t.locale == locale), None)
    return (await by_slug(wanted) if wanted else None) or track


async def get_published_transcript(
    *, session: AsyncSession, slug: str, variant_id: int, now: datetime, premium_entitled: bool
) -> str:
    row = (
        await session.execute(
            select(TrackVariant.transcript_vtt, Track.is_premium)
            .join(Track, Track.id == TrackVariant.track_id)
            .where(
                Track.slug == slug,
                TrackVariant.id == variant_id,
                publicly_visible(Track, now),
            )
        )
    ).first()
    if row is None or row.transcript_vtt is None:
        raise NotFound(f"Track '{slug}' has no published variant {variant_id} with a transcript.")
    # The transcript is the recording's words: premium, like its audio.
    if row.is_premium and not premium_entitled:
        raise Forbidden(f"Track '{slug}' is premium: its transcript needs a premium membership.")
    return str(row.transcript_vtt)
