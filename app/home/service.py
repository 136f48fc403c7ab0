"""The home feed: today's pick, what is new, topic shelves and, for a member, where they left
off and their streak. A fixed number of statements, whatever the catalogue's size."""

import hashlib
from datetime import date, datetime, time, timedelta

from sqlalchemy import BigInteger, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import User
from app.articles.models import Article, ArticleTopic
from app.articles.service import published_articles_by_topics, published_articles_since
from app.core.publishing import publicly_visible
from app.home.models import HomeFeed, NewThisWeek, StreakSummary, TopicShelf
from app.progress.models import StatsRange
from app.progress.service import continue_listening, member_stats
from app.taxonomy.models import Topic, TopicSummary
from app.tracks.models import Track, TrackSummary, TrackTopic
from app.tracks.service import (
    published_track_summaries,
    published_tracks_by_topics,
    published_tracks_since,
)

NEW_DAYS = 7
NEW_LIMIT = 10
SHELF_TOPICS = 6
SHELF_TRACKS = 6
SHELF_ARTICLES = 4
CONTINUE_LIMIT = 10


def day_seed(day: date) -> int:
    """A number fixed for the day and spread evenly: 48 bits of the date's SHA-256, so it
    fits a signed 64-bit integer on every database."""
    return int.from_bytes(hashlib.sha256(day.isoformat().encode()).digest()[:6], "big")


async def todays_pick(*, session: AsyncSession, now: datetime) -> TrackSummary | None:
    """One published track per UTC day, the same for everyone: the day's seed modulo the
    number of published tracks, counted in id order. Publishing or unpublishing a track
    can change the pick; the cached home feed moves with the content version anyway."""
    ranked = (
        select(
            Track.id,
            func.row_number().over(order_by=Track.id).label("position"),
            func.count().over().label("total"),
        )
        .where(publicly_visible(Track, now))
        .subquery()
    )
    seed = literal(day_seed(now.date()), BigInteger)
    track_id = await session.scalar(
        select(ranked.c.id).where(ranked.c.position == seed % ranked.c.total + 1)
    )
    if track_id is None:
        return None
    summaries = await published_track_summaries(session=session, ids=[track_id], now=now)
    return summaries.get(track_id)


async def busiest_topics(*, session: AsyncSession, limit: int, now: datetime) -> list[TopicSummary]:
    """The topics with the most published articles and tracks, most first, then by name."""
    links = union_all(
        select(ArticleTopic.topic_id.label("topic_id"))
        .join(Article, Article.id == ArticleTopic.article_id)
        .where(publicly_visible(Article, now)),
        select(TrackTopic.topic_id.label("topic_id"))
        .join(Track, Track.id == TrackTopic.track_id)
        .where(publicly_visible(Track, now)),
    ).subquery()
    items = func.count().label("items")
    rows = await session.execute(
        select(Topic.slug, Topic.name, items)
        .join(links, links.c.topic_id == Topic.id)
        .group_by(Topic.id, Topic.slug, Topic.name)
        .order_by(items.desc(), Topic.name, Topic.slug)
        .limit(limit)
    )
    return [TopicSummary(slug=row.slug, name=row.name) for row in rows]


async def topic_shelves(*, session: AsyncSession, now: datetime) -> list[TopicShelf]:
    topics = await busiest_topics(session=session, limit=SHELF_TOPICS, now=now)
    slugs = [topic.slug for topic in topics]
    tracks = await published_tracks_by_topics(
        session=session, topic_slugs=slugs, per_topic=SHELF_TRACKS, now=now
    )
    articles = await published_articles_by_topics(
        session=session, topic_slugs=slugs, per_topic=SHELF_ARTICLES, now=now
    )
    return [
        TopicShelf(
            topic=topic,
            tracks=tracks.get(topic.slug, []),
            articles=articles.get(topic.slug, []),
        )
        for topic in topics
    ]


async def new_this_week(*, session: AsyncSession, now: datetime) -> NewThisWeek:
    # Whole UTC days, so the answer is stable for the day and cacheable with it.
    since = datetime.combine(now.date() - timedelta(days=NEW_DAYS - 1), time(), now.tzinfo)
    return NewThisWeek(
        articles=await published_articles_since(
            session=session, since=since, limit=NEW_LIMIT, now=now
        ),
        tracks=await published_tracks_since(session=session, since=since, limit=NEW_LIMIT, now=now),
    )


async def streak_summary(*, session: AsyncSession, user: User, now: datetime) -> StreakSummary:
    stats = await member_stats(session=session, user=user, range=StatsRange.week, now=now)
    return StreakSummary(
        current_streak_days=stats.current_streak_days,
        longest_streak_days=stats.longest_streak_days,
        today_minutes=stats.series[-1].minutes if stats.series else 0.0,
        daily_goal_minutes=stats.daily_goal_minutes,
    )


async def home_feed(*, session: AsyncSession, user: User | None, now: datetime) -> HomeFeed:
    """The home screen. Anonymous feeds are the same for everyone (and cached); a member's
    adds their unfinished tracks and streak."""
    feed = HomeFeed(
        todays_pick=await todays_pick(session=session, now=now),
        new_this_week=await new_this_week(session=session, now=now),
        topic_shelves=await topic_shelves(session=session, now=now),
        continue_listening=None,
        streak=None,
    )
    if user is not None:
        unfinished = await continue_listening(session=session, user=user, now=now)
        feed.continue_listening = unfinished[:CONTINUE_LIMIT]
        feed.streak = await streak_summary(session=session, user=user, now=now)
    return feed
