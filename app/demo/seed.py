"""Load the demo catalogue (app/demo/catalogue.py) into an empty database."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article, ArticleTopic, Citation
from app.collections.models import Collection, CollectionItem, CollectionTopic
from app.core.db import utcnow
from app.core.markdown import reading_time_minutes, render_markdown
from app.core.publishing import PublicationStatus
from app.crisis.service import load_crisis_resources
from app.demo import catalogue
from app.search.indexing import index_contents
from app.search.models import SearchKind
from app.sync.models import ContentChangeAction
from app.sync.service import record_content_change
from app.taxonomy.models import Person, Topic
from app.tracks.models import Track, TrackTopic, TrackVariant


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


async def catalogue_is_empty(session: AsyncSession) -> bool:
    count = await session.scalar(select(func.count()).select_from(Article))
    return not count


def _article(data: dict[str, Any], person_id: Any) -> Article:
    reviewed_at = data.get("reviewed_at")
    due = data.get("next_review_due")
    article = Article(
        slug=data["slug"],
        locale=data["locale"],
        title=data["title"],
        subtitle=data.get("subtitle"),
        summary=data["summary"],
        body_markdown=data["body_markdown"],
        body_html=render_markdown(data["body_markdown"]),
        reading_time_minutes=reading_time_minutes(data["body_markdown"]),
        hero_image_url=data.get("hero_image_url"),
        hero_image_alt=data.get("hero_image_alt"),
        is_medical=data["is_medical"],
        content_warnings=list(data["content_warnings"]),
        seo_title=data.get("seo_title"),
        seo_description=data.get("seo_description"),
        licence=data["licence"],
        attribution=data["attribution"],
        author_id=person_id(data["author"]),
        reviewer_id=person_id(data.get("reviewer")),
        reviewed_at=_when(reviewed_at + "T12:00:00Z") if reviewed_at else None,
        next_review_due=date.fromisoformat(due) if due else None,
        status=data.get("status", PublicationStatus.published.value),
        published_at=_when(data["published_at"]),
    )
    article.created_at = article.updated_at = _when(data["published_at"])
    article.citations = [
        Citation(position=i, **citation) for i, citation in enumerate(data["citations"])
    ]
    return article


def _track(data: dict[str, Any], person_id: Any) -> Track:
    track = Track(
        **{key: data[key] for key in ("slug", "locale", "title", "description", "kind", "level")},
        is_premium=data["is_premium"],
        cover_image_url=data.get("cover_image_url"),
        cover_image_alt=data.get("cover_image_alt"),
        content_warnings=list(data.get("content_warnings", [])),
        narrator_id=person_id(data["narrator"]),
        status=data.get("status", PublicationStatus.published.value),
        published_at=_when(data["published_at"]),
    )
    track.created_at = track.updated_at = _when(data["published_at"])
    track.variants = [
        TrackVariant(
            position=i,
            narrator_id=person_id(variant["narrator"]),
            duration_seconds=variant["duration_seconds"],
            audio_url=variant["audio_url"],
            transcript_vtt=variant.get("transcript_vtt"),
        )
        for i, variant in enumerate(data["variants"])
    ]
    return track


def _collection(data: dict[str, Any]) -> Collection:
    collection = Collection(
        **{key: data[key] for key in ("slug", "locale", "title", "description", "kind")},
        cover_image_url=data.get("cover_image_url"),
        cover_image_alt=data.get("cover_image_alt"),
        status=data.get("status", PublicationStatus.published.value),
        published_at=_when(data["published_at"]),
    )
    collection.created_at = collection.updated_at = _when(data["published_at"])
    return collection


def _link_translations(entries: dict[str, Any], source: list[dict[str, Any]]) -> None:
    """An entry with `translation_of` joins the translation group of the one it translates."""
    for data in source:
        original = data.get("translation_of")
        if original:
            group = entries[original].translation_group or uuid.uuid4()
            entries[original].translation_group = group
            entries[data["slug"]].translation_group = group


async def seed_demo_catalogue(session: AsyncSession) -> dict[str, int]:
    """Insert every person, topic, article, track and collection, and bring the crisis
    helplines up to date (app/crisis/data.py), in one transaction."""
    people = {p["slug"]: Person(**p) for p in catalogue.PEOPLE}
    topics = {t["slug"]: Topic(**t) for t in catalogue.TOPICS}
    session.add_all([*people.values(), *topics.values()])
    await session.flush()

    def person_id(slug: str | None) -> int | None:
        return people[slug].id if slug else None

    articles = {a["slug"]: _article(a, person_id) for a in catalogue.ARTICLES}
    tracks = {t["slug"]: _track(t, person_id) for t in catalogue.TRACKS}
    collections = {c["slug"]: _collection(c) for c in catalogue.COLLECTIONS}
    for entries, source in (
        (articles, catalogue.ARTICLES),
        (tracks, catalogue.TRACKS),
        (collections, catalogue.COLLECTIONS),
    ):
        _link_translations(entries, source)
    session.add_all([*articles.values(), *tracks.values(), *collections.values()])
    await session.flush()

    links: list[Any] = []
    for data in catalogue.ARTICLES:
        article_id = articles[data["slug"]].id
        links += [
            ArticleTopic(article_id=article_id, topic_id=topics[slug].id, position=i)
            for i, slug in enumerate(data["topics"])
        ]
    for data in catalogue.TRACKS:
        track_id = tracks[data["slug"]].id
        links += [
            TrackTopic(track_id=track_id, topic_id=topics[slug].id, position=i)
            for i, slug in enumerate(data["topics"])
        ]
    for data in catalogue.COLLECTIONS:
        collection_id = collections[data["slug"]].id
        links += [
            CollectionTopic(collection_id=collection_id, topic_id=topics[slug].id, position=i)
            for i, slug in enumerate(data.get("topics", []))
        ]
        links += [
            CollectionItem(
                collection_id=collection_id,
                position=i,
                track_id=tracks[item["track"]].id if "track" in item else None,
                article_id=articles[item["article"]].id if "article" in item else None,
            )
            for i, item in enumerate(data["items"])
        ]
    session.add_all(links)

    entities: list[tuple[str, Any]] = [
        *(("person", p) for p in people.values()),
        *(("topic", t) for t in topics.values()),
        *(("article", a) for a in articles.values()),
        *(("track", t) for t in tracks.values()),
        *(("collection", c) for c in collections.values()),
    ]
    for entity_type, entity in entities:
        if getattr(entity, "status", PublicationStatus.published) != PublicationStatus.published:
            continue
        record_content_change(
            session,
            entity_type=entity_type,
            entity_id=entity.id,
            slug=entity.slug,
            action=ContentChangeAction.upsert,
            visible_at=getattr(entity, "published_at", None),
            event="published",
        )
    crisis = await load_crisis_resources(session=session, now=utcnow())
    # Every article, track and collection, published or not: visibility is decided when
    # searching. Each write path indexes what it changes, in its own transaction.
    for kind, rows in (
        (SearchKind.article, articles),
        (SearchKind.track, tracks),
        (SearchKind.collection, collections),
    ):
        await index_contents(session, kind=kind, content_ids=[row.id for row in rows.values()])
    await session.commit()
    return {
        "people": len(people),
        "topics": len(topics),
        "articles": len(articles),
        "tracks": len(tracks),
        "collections": len(collections),
        "crisis resources": sum(crisis.values()) - crisis["removed"],
    }
