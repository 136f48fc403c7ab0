"""Row builders for the bench data set: plain dicts for SQLAlchemy Core executemany.

Everything is drawn from one seeded `random.Random`, so a scale always produces the same data
(apart from the times, which are relative to when it was generated). Ids are assigned here,
not by the database, so links between tables need no round trips.
"""

import random
import re
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.core.markdown import reading_time_minutes, render_markdown
from bench import content

Row = dict[str, Any]
DAY = timedelta(days=1)
PUBLISHED, DRAFT = "published", "draft"
KINDS = ["guided", "sleep_story", "breathing", "soundscape", "lesson"]
LEVELS = ["beginner", "beginner", "intermediate", "advanced"]
DURATIONS = [180, 300, 600, 900, 1200, 1800, 2700]
WARNINGS = ["medication_change", "suicide", "self_harm", "grief", "trauma"]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def skewed(rng: random.Random, n: int, power: float = 2.2) -> int:
    """An index in [0, n) where low indices are much more likely: a few popular items."""
    return min(int(n * rng.random() ** power), n - 1)


def random_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@dataclass
class Catalogue:
    """What later steps need to know about the content that was generated."""

    person_ids: list[int] = field(default_factory=list)
    topic_slugs: list[str] = field(default_factory=list)
    published_articles: list[int] = field(default_factory=list)
    published_tracks: list[int] = field(default_factory=list)
    # (variant id, track id, seconds) of published tracks, the most popular first.
    variants: list[tuple[int, int, int]] = field(default_factory=list)
    detail_article_slug: str = ""


def people(rng: random.Random, count: int, now: datetime) -> list[Row]:
    rows = []
    for i in range(count):
        name = f"{rng.choice(content.FIRST_NAMES)} {rng.choice(content.LAST_NAMES)}"
        credentials = rng.choice(content.CREDENTIALS)
        rows.append(
            {
                "id": i + 1,
                "slug": f"{slugify(name)}-{i + 1}",
                "name": name,
                "credentials": credentials,
                "registration_number": f"BENCH-{i + 1:05d}" if credentials else None,
                "bio": f"{name} writes and records for the app. {credentials}".strip(),
                "avatar_url": f"https://media.bench.example/people/{i + 1}.jpg",
                "created_at": now - timedelta(days=2000),
                "updated_at": now - timedelta(days=2000),
            }
        )
    return rows


def topics(count: int, now: datetime) -> list[Row]:
    names = list(content.TOPIC_NAMES)
    for word in content.TOPIC_WORDS:
        names += [f"{word} {name.lower()}" for name in content.TOPIC_NAMES]
    rows = []
    for i in range(count):
        name = names[i] if i < len(names) else f"Topic {i + 1}"
        rows.append(
            {
                "id": i + 1,
                "slug": slugify(name),
                "name": name,
                "description": f"Articles and practices about {name.lower()}.",
                "created_at": now - timedelta(days=2000),
                "updated_at": now - timedelta(days=2000),
            }
        )
    return rows


def _status_and_time(rng: random.Random, i: int, now: datetime, years: float) -> tuple[str, Any]:
    """2% drafts, 2% scheduled for the coming month, the rest published in the past."""
    if i % 50 == 7:
        return DRAFT, None
    if i % 50 == 23:
        return PUBLISHED, now + timedelta(seconds=rng.randint(3600, 30 * 86400))
    return PUBLISHED, now - timedelta(seconds=rng.randint(3600, int(years * 365 * 86400)))


def _topic_links(rng: random.Random, owner: str, owner_id: int, n_topics: int) -> list[Row]:
    chosen: list[int] = []
    for _ in range(rng.randint(1, 3)):
        topic = skewed(rng, n_topics) + 1
        if topic not in chosen:
            chosen.append(topic)
    return [
        {owner: owner_id, "topic_id": topic, "position": position}
        for position, topic in enumerate(chosen)
    ]


@dataclass
class ArticleRows:
    articles: list[Row]
    links: list[Row]
    citations: list[Row]


def articles(
    rng: random.Random, start: int, count: int, cat: Catalogue, now: datetime, n_topics: int
) -> ArticleRows:
    """Articles with ids start+1 .. start+count, their topic links and citations."""
    bodies = [
        (md, render_markdown(md), reading_time_minutes(md)) for md in content.article_bodies()
    ]
    out = ArticleRows([], [], [])
    for i in range(start, start + count):
        article_id = i + 1
        status, published_at = _status_and_time(rng, i, now, years=5)
        links = _topic_links(rng, "article_id", article_id, n_topics)
        topic_name = cat.topic_slugs[links[0]["topic_id"] - 1].replace("-", " ")
        title = f"{rng.choice(content.TITLE_OPENINGS)} {topic_name}"
        medical = rng.random() < 0.3
        md, html, minutes = bodies[i % len(bodies)]
        created = (published_at or now) - timedelta(days=rng.randint(1, 30))
        reviewed = created + timedelta(days=rng.randint(0, 20)) if medical else None
        slug = f"{slugify(title)}-{article_id}"
        out.articles.append(
            {
                "id": article_id,
                "slug": slug,
                "locale": "en",
                "title": title[:200],
                "subtitle": "What it is, what helps, and when to ask for help" if i % 3 else None,
                "summary": f"A clinician-written introduction to {topic_name}: what is common, "
                "what you can try today, and when to talk to someone.",
                "hero_image_url": f"https://media.bench.example/articles/{article_id}.jpg",
                "hero_image_alt": f"An illustration for {topic_name}",
                "is_medical": medical,
                "licence": "All rights reserved",
                "attribution": "",
                "body_markdown": md,
                "body_html": html,
                "reading_time_minutes": minutes,
                "content_warnings": [rng.choice(WARNINGS)] if medical and i % 3 == 0 else [],
                "seo_title": title[:200],
                "seo_description": f"Learn about {topic_name}."[:320],
                "author_id": cat.person_ids[skewed(rng, len(cat.person_ids), 1.5)],
                "reviewer_id": rng.choice(cat.person_ids) if medical else None,
                "reviewed_at": reviewed,
                # About one review in ten is overdue.
                "next_review_due": (
                    (now + timedelta(days=rng.randint(-60, 540))).date() if medical else None
                ),
                "status": status,
                "published_at": published_at,
                "created_at": created,
                "updated_at": max(created, published_at or created),
            }
        )
        out.links += links
        n_citations = rng.randint(3, 5) if medical else rng.randint(0, 2)
        out.citations += [
            {
                "article_id": article_id,
                "position": position,
                "text": f"Author A, Author B. A study of {topic_name}. "
                f"J Bench Med. 20{position + 10}.",
                "url": f"https://example.org/studies/{article_id}/{position}",
                "doi": f"10.5555/bench.{article_id}.{position}",
                "pmid": None,
            }
            for position in range(n_citations)
        ]
        live = status == PUBLISHED and published_at <= now
        if live:
            cat.published_articles.append(article_id)
            if medical and n_citations >= 3 and not cat.detail_article_slug:
                cat.detail_article_slug = slug
    return out


@dataclass
class TrackRows:
    tracks: list[Row]
    variants: list[Row]
    links: list[Row]


def tracks(
    rng: random.Random, count: int, cat: Catalogue, now: datetime, n_topics: int
) -> TrackRows:
    out = TrackRows([], [], [])
    variant_id = 0
    for i in range(count):
        track_id = i + 1
        status, published_at = _status_and_time(rng, i, now, years=3)
        links = _topic_links(rng, "track_id", track_id, n_topics)
        topic_name = cat.topic_slugs[links[0]["topic_id"] - 1].replace("-", " ")
        title = f"{rng.choice(content.TRACK_OPENINGS)} {topic_name}"
        kind = KINDS[skewed(rng, len(KINDS), 1.5)]
        narrator = cat.person_ids[skewed(rng, len(cat.person_ids), 1.5)]
        created = (published_at or now) - timedelta(days=rng.randint(1, 30))
        out.tracks.append(
            {
                "id": track_id,
                "slug": f"{slugify(title)}-{track_id}",
                "locale": "en",
                "title": title[:200],
                "description": f"A {kind.replace('_', ' ')} practice for {topic_name}.",
                "kind": kind,
                "level": rng.choice(LEVELS),
                "is_premium": rng.random() < 0.3,
                "cover_image_url": f"https://media.bench.example/tracks/{track_id}.jpg",
                "cover_image_alt": f"Cover art for {title}"[:300],
                "narrator_id": narrator,
                "content_warnings": [],
                "status": status,
                "published_at": published_at,
                "created_at": created,
                "updated_at": max(created, published_at or created),
            }
        )
        out.links += links
        lengths = sorted(rng.sample(DURATIONS[2:] if kind == "sleep_story" else DURATIONS, 3))
        for position, seconds in enumerate(lengths[: rng.randint(2, 3)]):
            variant_id += 1
            out.variants.append(
                {
                    "id": variant_id,
                    "track_id": track_id,
                    "position": position,
                    "narrator_id": narrator if position == 0 else rng.choice(cat.person_ids),
                    "duration_seconds": seconds,
                    "audio_url": f"https://media.bench.example/audio/{variant_id}.m4a",
                    "media_asset_id": None,
                    "transcript_vtt": content.TRANSCRIPT if variant_id % 2 else None,
                }
            )
            if status == PUBLISHED and published_at <= now:
                cat.variants.append((variant_id, track_id, seconds))
        if status == PUBLISHED and published_at <= now:
            cat.published_tracks.append(track_id)
    # Popularity follows the order of this list (see `skewed`): shuffle it once.
    rng.shuffle(cat.variants)
    return out


def collections(
    rng: random.Random, count: int, cat: Catalogue, now: datetime, n_topics: int
) -> tuple[list[Row], list[Row], list[Row]]:
    rows, items, links = [], [], []
    item_id = 0
    for i in range(count):
        collection_id = i + 1
        published_at = now - timedelta(days=rng.randint(1, 700))
        rows.append(
            {
                "id": collection_id,
                "slug": f"bench-collection-{collection_id}",
                "locale": "en",
                "title": f"Course {collection_id}: two weeks of steadier days",
                "description": "Short daily practices with reading in between.",
                "kind": ["course", "series", "playlist"][i % 3],
                "cover_image_url": f"https://media.bench.example/collections/{collection_id}.jpg",
                "cover_image_alt": "Cover art",
                "status": PUBLISHED,
                "published_at": published_at,
                "created_at": published_at,
                "updated_at": published_at,
            }
        )
        links += _topic_links(rng, "collection_id", collection_id, n_topics)
        for position in range(rng.randint(5, 12)):
            item_id += 1
            is_track = position % 3 != 2 or not cat.published_articles
            items.append(
                {
                    "id": item_id,
                    "collection_id": collection_id,
                    "position": position,
                    "track_id": rng.choice(cat.published_tracks) if is_track else None,
                    "article_id": None if is_track else rng.choice(cat.published_articles),
                }
            )
    return rows, items, links


@dataclass(frozen=True)
class Member:
    id: uuid.UUID
    time_zone: str
    created_at: datetime


def member_row(member: Member, email: str, password_hash: str, rng: random.Random) -> Row:
    return {
        "id": member.id,
        "email": email,
        "password_hash": password_hash,
        "display_name": email.split("@", 1)[0],
        "time_zone": member.time_zone,
        "locale": "en",
        "role": "member",
        "daily_goal_minutes": rng.choice([5, 10, 10, 15, 20]),
        "show_streaks": rng.random() < 0.9,
        "is_premium": rng.random() < 0.2,
        "person_id": None,
        "token_version": 0,
        "created_at": member.created_at,
        "updated_at": member.created_at,
    }


def session_counts(rng: random.Random, members: int, total: int) -> list[int]:
    """Sessions per member, heavy-tailed (most listen a little, a few a lot), summing to total."""
    weights = [min(rng.paretovariate(1.3), 60.0) for _ in range(members)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for _ in range(total - sum(counts)):
        counts[rng.randrange(members)] += 1
    return counts


def sessions(
    rng: random.Random,
    member: Member,
    count: int,
    cat: Catalogue,
    now: datetime,
    *,
    days: list[date] | None = None,
) -> Iterator[Row]:
    """`count` sessions of one member, between joining and now (or on the given local days)."""
    zone = zoneinfo.ZoneInfo(member.time_zone)
    span = max(int((now - member.created_at).total_seconds()) - 7200, 3600)
    # People return to a few favourite recordings: most sessions replay one of them.
    favourites = [cat.variants[skewed(rng, len(cat.variants))] for _ in range(rng.randint(3, 12))]
    for _ in range(count):
        if days:
            day = rng.choice(days)
            local = datetime(day.year, day.month, day.day, tzinfo=zone)
            started = (local + timedelta(seconds=rng.randint(6 * 3600, 23 * 3600))).astimezone(UTC)
            started = min(started, now - timedelta(minutes=5))
        else:
            started = member.created_at + timedelta(seconds=rng.randint(0, span))
        if rng.random() < 0.7:
            variant_id, track_id, seconds = rng.choice(favourites)
        else:
            variant_id, track_id, seconds = cat.variants[skewed(rng, len(cat.variants))]
        completed = rng.random() < 0.55
        listened = seconds if completed else rng.randint(30, seconds - 1)
        with_mood = rng.random() < 0.35
        before = rng.randint(1, 4)
        local_start = started.astimezone(zone)
        offset = local_start.utcoffset() or timedelta()
        yield {
            "id": random_uuid(rng),
            "user_id": member.id,
            "track_id": track_id,
            "variant_id": variant_id,
            "started_at": started,
            "utc_offset_minutes": int(offset.total_seconds() // 60),
            "local_date": local_start.date(),
            "seconds_listened": listened,
            "end_position_seconds": listened,
            "completed": completed,
            "mood_before": before if with_mood else None,
            "mood_after": max(1, min(5, before + rng.randint(-1, 2))) if with_mood else None,
            "received_at": min(started + timedelta(seconds=rng.randint(60, 172_800)), now),
        }
