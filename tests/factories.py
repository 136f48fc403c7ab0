"""Small typed factories: insert a row with sensible defaults, flush, return the table object.

Every factory takes the test's `session` first and keyword-only overrides after it. Slugs are
unique per call, so a test only names what it asserts on.
"""

import itertools
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article, ArticleTopic, Citation
from app.collections.models import Collection, CollectionItem, CollectionKind, CollectionTopic
from app.core.db import utcnow
from app.core.markdown import reading_time_minutes, render_markdown
from app.core.publishing import PublicationStatus
from app.sync.models import ContentChangeAction
from app.sync.service import record_content_change
from app.taxonomy.models import Person, Topic
from app.tracks.models import Track, TrackKind, TrackLevel, TrackTopic, TrackVariant

PUBLISHED = PublicationStatus.published.value
_sequence = itertools.count(1)

TRANSCRIPT = "WEBVTT\n\n00:00.000 --> 00:04.000\nSettle into a comfortable position.\n"


def unique(prefix: str) -> str:
    """A slug no other factory call in this test run has used."""
    return f"{prefix}-{next(_sequence):05d}"


def a_while_ago(minutes: int = 60) -> datetime:
    return utcnow() - timedelta(minutes=minutes)


def in_the_future(days: int = 7) -> datetime:
    return utcnow() + timedelta(days=days)


async def _record_change(session: AsyncSession, entity_type: str, row: Any) -> None:
    record_content_change(
        session,
        entity_type=entity_type,
        entity_id=row.id,
        slug=row.slug,
        action=ContentChangeAction.upsert,
        visible_at=row.published_at,
    )
    await session.flush()


async def make_person(
    session: AsyncSession,
    *,
    slug: str | None = None,
    name: str = "Dr Amara Okafor",
    credentials: str = "PsyD, licensed clinical psychologist",
    registration_number: str | None = "PSY-12345",
    bio: str = "Writes about sleep and anxiety.",
) -> Person:
    person = Person(
        slug=slug or unique("person"),
        name=name,
        credentials=credentials,
        registration_number=registration_number,
        bio=bio,
    )
    session.add(person)
    await session.flush()
    return person


async def make_topic(
    session: AsyncSession,
    *,
    slug: str | None = None,
    name: str | None = None,
    description: str = "Everything about this topic.",
) -> Topic:
    slug = slug or unique("topic")
    topic = Topic(slug=slug, name=name or slug.replace("-", " ").title(), description=description)
    session.add(topic)
    await session.flush()
    return topic


async def make_article(
    session: AsyncSession,
    *,
    slug: str | None = None,
    title: str | None = None,
    locale: str = "en",
    summary: str = "A short summary for lists.",
    body_markdown: str = "## Why sleep matters\n\nRest helps **mood** and memory.\n",
    status: str = PUBLISHED,
    published_at: datetime | None = None,
    updated_at: datetime | None = None,
    author: Person | None = None,
    reviewer: Person | None = None,
    next_review_due: date | None = None,
    is_medical: bool = False,
    content_warnings: Sequence[str] = (),
    topics: Sequence[Topic] = (),
    citations: Sequence[str] = (),
    record_change: bool = False,
) -> Article:
    slug = slug or unique("article")
    published_at = published_at or a_while_ago()
    article = Article(
        slug=slug,
        locale=locale,
        title=title or f"Article {slug}",
        summary=summary,
        body_markdown=body_markdown,
        body_html=render_markdown(body_markdown),
        reading_time_minutes=reading_time_minutes(body_markdown),
        is_medical=is_medical,
        content_warnings=list(content_warnings),
        author_id=author.id if author else None,
        reviewer_id=reviewer.id if reviewer else None,
        reviewed_at=a_while_ago(60 * 24) if reviewer else None,
        next_review_due=next_review_due,
        status=status,
        published_at=published_at,
        created_at=published_at,
        updated_at=updated_at or published_at,
    )
    session.add(article)
    await session.flush()
    session.add_all(
        ArticleTopic(article_id=article.id, topic_id=topic.id, position=position)
        for position, topic in enumerate(topics)
    )
    session.add_all(
        Citation(article_id=article.id, text=text, position=position)
        for position, text in enumerate(citations)
    )
    await session.flush()
    if record_change:
        await _record_change(session, "article", article)
    return article


async def make_track(
    session: AsyncSession,
    *,
    slug: str | None = None,
    title: str | None = None,
    locale: str = "en",
    kind: TrackKind = TrackKind.guided,
    level: TrackLevel = TrackLevel.beginner,
    is_premium: bool = False,
    status: str = PUBLISHED,
    published_at: datetime | None = None,
    updated_at: datetime | None = None,
    narrator: Person | None = None,
    topics: Sequence[Topic] = (),
    durations: Sequence[int] = (300, 600),
    transcript: str | None = TRANSCRIPT,
    record_change: bool = False,
) -> Track:
    """A track with one variant per entry of `durations`, each with audio and a transcript."""
    slug = slug or unique("track")
    published_at = published_at or a_while_ago()
    track = Track(
        slug=slug,
        locale=locale,
        title=title or f"Track {slug}",
        description="Breathe in, breathe out.",
        kind=kind,
        level=level,
        is_premium=is_premium,
        narrator_id=narrator.id if narrator else None,
        status=status,
        published_at=published_at,
        created_at=published_at,
        updated_at=updated_at or published_at,
    )
    session.add(track)
    await session.flush()
    session.add_all(
        TrackVariant(
            track_id=track.id,
            position=position,
            narrator_id=narrator.id if narrator else None,
            duration_seconds=seconds,
            audio_url=f"https://media.example.com/{slug}/{seconds}.m4a",
            transcript_vtt=transcript,
        )
        for position, seconds in enumerate(durations)
    )
    session.add_all(
        TrackTopic(track_id=track.id, topic_id=topic.id, position=position)
        for position, topic in enumerate(topics)
    )
    await session.flush()
    if record_change:
        await _record_change(session, "track", track)
    return track


async def variants_of(session: AsyncSession, track: Track) -> list[TrackVariant]:
    result = await session.scalars(
        select(TrackVariant)
        .where(TrackVariant.track_id == track.id)
        .order_by(TrackVariant.position)
    )
    return list(result)


async def make_collection(
    session: AsyncSession,
    *,
    slug: str | None = None,
    title: str | None = None,
    locale: str = "en",
    kind: CollectionKind = CollectionKind.course,
    status: str = PUBLISHED,
    published_at: datetime | None = None,
    updated_at: datetime | None = None,
    topics: Sequence[Topic] = (),
    items: Sequence[Track | Article] = (),
    record_change: bool = False,
) -> Collection:
    """A collection whose items are `items`, in that order."""
    slug = slug or unique("collection")
    published_at = published_at or a_while_ago()
    collection = Collection(
        slug=slug,
        locale=locale,
        title=title or f"Collection {slug}",
        description="Seven short steps.",
        kind=kind,
        status=status,
        published_at=published_at,
        created_at=published_at,
        updated_at=updated_at or published_at,
    )
    session.add(collection)
    await session.flush()
    session.add_all(
        CollectionItem(
            collection_id=collection.id,
            position=position,
            track_id=item.id if isinstance(item, Track) else None,
            article_id=item.id if isinstance(item, Article) else None,
        )
        for position, item in enumerate(items)
    )
    session.add_all(
        CollectionTopic(collection_id=collection.id, topic_id=topic.id, position=position)
        for position, topic in enumerate(topics)
    )
    await session.flush()
    if record_change:
        await _record_change(session, "collection", collection)
    return collection
