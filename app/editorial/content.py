"""Editing entries: drafts in, snapshots out, one function per kind of entry.

A snapshot is an entry's editable state in the shape editors send it (people and topics by
slug), so the same code saves a new draft, an edit, and a restored revision.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article, ArticleTopic, Citation
from app.collections.models import Collection, CollectionItem, CollectionTopic
from app.core.errors import FieldError, Invalid
from app.core.markdown import reading_time_minutes, render_markdown
from app.editorial.models import (
    ArticleDraft,
    CollectionDraft,
    PersonIn,
    TopicIn,
    TrackDraft,
)
from app.media.models import MediaAsset
from app.taxonomy.models import Person, Topic
from app.tracks.models import Track, TrackTopic, TrackVariant


@dataclass(frozen=True)
class Kind:
    name: str
    table: Any
    draft: type[BaseModel]
    # Published through the review workflow (articles, tracks, collections), or live at once.
    reviewed: bool


KINDS: dict[str, Kind] = {
    "article": Kind("article", Article, ArticleDraft, reviewed=True),
    "track": Kind("track", Track, TrackDraft, reviewed=True),
    "collection": Kind("collection", Collection, CollectionDraft, reviewed=True),
    "topic": Kind("topic", Topic, TopicIn, reviewed=False),
    "person": Kind("person", Person, PersonIn, reviewed=False),
}


async def _ids_by_slug(
    session: AsyncSession, table: Any, slugs: list[str], field: str
) -> dict[str, int]:
    wanted = {slug for slug in slugs if slug}
    if not wanted:
        return {}
    rows = await session.execute(select(table.slug, table.id).where(table.slug.in_(wanted)))
    found = {slug: entity_id for slug, entity_id in rows}
    missing = sorted(wanted - set(found))
    if missing:
        kind = table.__tablename__
        raise Invalid(
            f"No {kind} has the slug {', '.join(repr(s) for s in missing)}.",
            errors=[FieldError("body", field, f"unknown {kind} '{slug}'") for slug in missing],
        )
    return found


async def _slugs_by_id(session: AsyncSession, table: Any, ids: set[int]) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    rows = await session.execute(select(table.id, table.slug).where(table.id.in_(ids)))
    return {entity_id: slug for entity_id, slug in rows}


async def _translation_of(session: AsyncSession, table: Any, entity: Any) -> str | None:
    """Another entry of the translation group (the oldest), as editors name it."""
    if entity.translation_group is None:
        return None
    slug: str | None = await session.scalar(
        select(table.slug)
        .where(table.translation_group == entity.translation_group, table.id != entity.id)
        .order_by(table.id)
        .limit(1)
    )
    return slug


async def _join_translation(
    session: AsyncSession, table: Any, entity: Any, original_slug: str | None, locale: str
) -> None:
    """Put the entry in the translation group of `original_slug` (None: in no group)."""
    if original_slug is None:
        entity.translation_group = None
        return
    original = await session.scalar(select(table).where(table.slug == original_slug))
    if original is None or original is entity:
        raise Invalid(
            f"translation_of must name another {table.__tablename__}; '{original_slug}' is not.",
            errors=[FieldError("body", "translation_of", "unknown or the entry itself")],
        )
    group = original.translation_group or uuid.uuid4()
    taken = await session.scalar(
        select(table.slug).where(
            table.translation_group == group, table.locale == locale, table.id != entity.id
        )
    )
    if taken is not None or original.locale == locale:
        raise Invalid(
            f"'{original_slug}' already has a translation in '{locale}'.",
            errors=[FieldError("body", "translation_of", f"already translated into {locale}")],
        )
    original.translation_group = group
    entity.translation_group = group


async def snapshot(session: AsyncSession, kind: str, entity: Any) -> dict[str, Any]:
    """The entry's editable state, as its draft model dumps it."""
    if kind == "article":
        topic_ids = list(
            await session.scalars(
                select(ArticleTopic.topic_id)
                .where(ArticleTopic.article_id == entity.id)
                .order_by(ArticleTopic.position)
            )
        )
        topics = await _slugs_by_id(session, Topic, set(topic_ids))
        people = await _slugs_by_id(session, Person, {entity.author_id})
        citations = await session.scalars(
            select(Citation).where(Citation.article_id == entity.id).order_by(Citation.position)
        )
        data: dict[str, Any] = {
            name: getattr(entity, name)
            for name in ArticleDraft.model_fields
            if name not in ("topics", "author", "citations", "translation_of")
        }
        data |= {
            "translation_of": await _translation_of(session, Article, entity),
            "topics": [topics[t] for t in topic_ids],
            "author": people.get(entity.author_id),
            "citations": [
                {"text": c.text, "url": c.url, "doi": c.doi, "pmid": c.pmid} for c in citations
            ],
        }
        return ArticleDraft.model_validate(data).model_dump(mode="json")
    if kind == "track":
        topic_ids = list(
            await session.scalars(
                select(TrackTopic.topic_id)
                .where(TrackTopic.track_id == entity.id)
                .order_by(TrackTopic.position)
            )
        )
        variants = list(
            await session.scalars(
                select(TrackVariant)
                .where(TrackVariant.track_id == entity.id)
                .order_by(TrackVariant.position)
            )
        )
        topics = await _slugs_by_id(session, Topic, set(topic_ids))
        people = await _slugs_by_id(
            session, Person, {entity.narrator_id, *(v.narrator_id for v in variants)}
        )
        data = {
            name: getattr(entity, name)
            for name in TrackDraft.model_fields
            if name not in ("topics", "narrator", "variants", "translation_of")
        }
        data |= {
            "translation_of": await _translation_of(session, Track, entity),
            "topics": [topics[t] for t in topic_ids],
            "narrator": people.get(entity.narrator_id),
            "variants": [
                {
                    "narrator": people.get(v.narrator_id),
                    "duration_seconds": v.duration_seconds,
                    "audio_url": v.audio_url,
                    "media_asset_id": v.media_asset_id,
                    "transcript_vtt": v.transcript_vtt,
                }
                for v in variants
            ],
        }
        return TrackDraft.model_validate(data).model_dump(mode="json")
    if kind == "collection":
        topic_ids = list(
            await session.scalars(
                select(CollectionTopic.topic_id)
                .where(CollectionTopic.collection_id == entity.id)
                .order_by(CollectionTopic.position)
            )
        )
        items = (
            await session.execute(
                select(CollectionItem.track_id, CollectionItem.article_id)
                .where(CollectionItem.collection_id == entity.id)
                .order_by(CollectionItem.position)
            )
        ).all()
        topics = await _slugs_by_id(session, Topic, set(topic_ids))
        tracks = await _slugs_by_id(session, Track, {i.track_id for i in items})
        articles = await _slugs_by_id(session, Article, {i.article_id for i in items})
        data = {
            name: getattr(entity, name)
            for name in CollectionDraft.model_fields
            if name not in ("topics", "items", "translation_of")
        }
        data |= {
            "translation_of": await _translation_of(session, Collection, entity),
            "topics": [topics[t] for t in topic_ids],
            "items": [
                {"track": tracks[i.track_id]} if i.track_id else {"article": articles[i.article_id]}
                for i in items
            ],
        }
        return CollectionDraft.model_validate(data).model_dump(mode="json")
    draft = KINDS[kind].draft
    return draft.model_validate(
        {name: getattr(entity, name) for name in draft.model_fields}
    ).model_dump(mode="json")


async def apply(session: AsyncSession, kind: str, entity: Any, data: BaseModel) -> None:
    """Write a validated draft onto the entry, its links and its children. The entry must
    have an id (flushed) before links are written."""
    if isinstance(data, ArticleDraft):
        people = await _ids_by_slug(session, Person, [data.author or ""], "author")
        topics = await _ids_by_slug(session, Topic, data.topics, "topics")
        await _join_translation(session, Article, entity, data.translation_of, data.locale)
        for name in ArticleDraft.model_fields:
            if name not in ("topics", "author", "citations", "translation_of"):
                setattr(entity, name, getattr(data, name))
        entity.content_warnings = [warning.value for warning in data.content_warnings]
        entity.author_id = people.get(data.author or "")
        entity.body_html = render_markdown(data.body_markdown)
        entity.reading_time_minutes = reading_time_minutes(data.body_markdown)
        session.add(entity)
        await session.flush()
        await session.execute(delete(ArticleTopic).where(ArticleTopic.article_id == entity.id))
        await session.execute(delete(Citation).where(Citation.article_id == entity.id))
        session.add_all(
            ArticleTopic(article_id=entity.id, topic_id=topics[slug], position=n)
            for n, slug in enumerate(dict.fromkeys(data.topics))
        )
        session.add_all(
            Citation(article_id=entity.id, position=n, **citation.model_dump())
            for n, citation in enumerate(data.citations)
        )
    elif isinstance(data, TrackDraft):
        narrators = [data.narrator or "", *(v.narrator or "" for v in data.variants)]
        people = await _ids_by_slug(session, Person, narrators, "narrator")
        topics = await _ids_by_slug(session, Topic, data.topics, "topics")
        assets = {v.media_asset_id for v in data.variants if v.media_asset_id}
        if assets:
            found = set(
                await session.scalars(select(MediaAsset.id).where(MediaAsset.id.in_(assets)))
            )
            if assets - found:
                raise Invalid(
                    "A variant names a media asset that does not exist.",
                    errors=[FieldError("body", "variants.media_asset_id", "unknown asset")],
                )
        await _join_translation(session, Track, entity, data.translation_of, data.locale)
        for name in TrackDraft.model_fields:
            if name not in ("topics", "narrator", "variants", "translation_of"):
                setattr(entity, name, getattr(data, name))
        entity.kind = data.kind.value
        entity.level = data.level.value
        entity.content_warnings = [warning.value for warning in data.content_warnings]
        entity.narrator_id = people.get(data.narrator or "")
        session.add(entity)
        await session.flush()
        await session.execute(delete(TrackTopic).where(TrackTopic.track_id == entity.id))
        await session.execute(delete(TrackVariant).where(TrackVariant.track_id == entity.id))
        session.add_all(
            TrackTopic(track_id=entity.id, topic_id=topics[slug], position=n)
            for n, slug in enumerate(dict.fromkeys(data.topics))
        )
        session.add_all(
            TrackVariant(
                track_id=entity.id,
                position=n,
                narrator_id=people.get(variant.narrator or ""),
                duration_seconds=variant.duration_seconds,
                audio_url=variant.audio_url,
                media_asset_id=variant.media_asset_id,
                transcript_vtt=variant.transcript_vtt,
            )
            for n, variant in enumerate(data.variants)
        )
    elif isinstance(data, CollectionDraft):
        topics = await _ids_by_slug(session, Topic, data.topics, "topics")
        tracks = await _ids_by_slug(
            session, Track, [i.track for i in data.items if i.track], "items.track"
        )
        articles = await _ids_by_slug(
            session, Article, [i.article for i in data.items if i.article], "items.article"
        )
        await _join_translation(session, Collection, entity, data.translation_of, data.locale)
        for name in CollectionDraft.model_fields:
            if name not in ("topics", "items", "translation_of"):
                setattr(entity, name, getattr(data, name))
        entity.kind = data.kind.value
        session.add(entity)
        await session.flush()
        await session.execute(
            delete(CollectionTopic).where(CollectionTopic.collection_id == entity.id)
        )
        await session.execute(
            delete(CollectionItem).where(CollectionItem.collection_id == entity.id)
        )
        session.add_all(
            CollectionTopic(collection_id=entity.id, topic_id=topics[slug], position=n)
            for n, slug in enumerate(dict.fromkeys(data.topics))
        )
        session.add_all(
            CollectionItem(
                collection_id=entity.id,
                position=n,
                track_id=tracks.get(item.track or ""),
                article_id=articles.get(item.article or ""),
            )
            for n, item in enumerate(data.items)
        )
    else:
        for name in type(data).model_fields:
            setattr(entity, name, getattr(data, name))
        session.add(entity)
    await session.flush()


def title_of(kind: str, snapshot: dict[str, Any]) -> str:
    return str(snapshot.get("title") or snapshot.get("name") or snapshot.get("slug"))
