"""DataLoaders, made per request: each nested list costs one batch of queries per level,
however many parents ask for it."""

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from strawberry.dataloader import DataLoader

from app.accounts.models import User
from app.articles import service as articles
from app.articles.models import ArticlePublic, ArticleSummary
from app.collections import service as collections
from app.collections.models import CollectionItemPublic
from app.crisis import service as crisis
from app.crisis.models import CrisisResources
from app.progress import service as progress
from app.progress.models import TrackProgress
from app.taxonomy import service as taxonomy
from app.taxonomy.models import Person, Topic
from app.tracks import service as tracks
from app.tracks.models import TrackSummary, TrackVariantPublic

if TYPE_CHECKING:
    from app.graphql.context import RequestDatabase

KeyT = TypeVar("KeyT", bound=Hashable)
ValueT = TypeVar("ValueT")


# The per-topic tracks are one select per topic joined by UNION ALL, and SQLite refuses a
# compound select of more than 500 parts: a batch that large is split (no real query nears it).
MAX_GROUPS_PER_FETCH = 400


def _grouped_by_limit(
    fetch: Callable[[list[str], int], Awaitable[dict[str, list[ValueT]]]],
) -> Callable[[list[tuple[str, int]]], Awaitable[list[list[ValueT]]]]:
    """Keys are (slug, first): one fetch per distinct `first` (normally just one)."""

    async def load(keys: list[tuple[str, int]]) -> list[list[ValueT]]:
        by_limit: dict[int, list[str]] = defaultdict(list)
        for slug, first in keys:
            by_limit[first].append(slug)
        found: dict[tuple[str, int], list[ValueT]] = {}
        for first, slugs in by_limit.items():
            for start in range(0, len(slugs), MAX_GROUPS_PER_FETCH):
                chunk = slugs[start : start + MAX_GROUPS_PER_FETCH]
                for slug, items in (await fetch(chunk, first)).items():
                    found[(slug, first)] = items
        return [found.get(key, []) for key in keys]

    return load


class Loaders:
    def __init__(self, *, db: "RequestDatabase", now: datetime, user: User | None) -> None:

        async def people(slugs: list[str]) -> list[Person | None]:
            found = await db(taxonomy.people_by_slugs, slugs=slugs)
            return [found.get(slug) for slug in slugs]

        async def topics(slugs: list[str]) -> list[Topic | None]:
            found = await db(taxonomy.topics_by_slugs, slugs=slugs)
            return [found.get(slug) for slug in slugs]

        async def article_details(ids: list[int]) -> list[ArticlePublic | None]:
            found = await db(articles.published_article_details, ids=ids, now=now)
            return [found.get(article_id) for article_id in ids]

        async def variants(keys: list[tuple[int, bool]]) -> list[list[TrackVariantPublic]]:
            entitled = user is not None and user.is_premium
            found = await db(
                tracks.variants_for_tracks, tracks=dict(keys), premium_entitled=entitled
            )
            return [found.get(track_id, []) for track_id, _premium in keys]

        async def items(ids: list[int]) -> list[list[CollectionItemPublic]]:
            found = await db(collections.published_items, collection_ids=ids, now=now)
            return [found.get(collection_id, []) for collection_id in ids]

        async def viewer_progress(track_ids: list[int]) -> list[TrackProgress | None]:
            if user is None:
                return [None for _ in track_ids]
            found = await db(progress.progress_for_tracks, user=user, track_ids=track_ids)
            return [found.get(track_id) for track_id in track_ids]

        async def crisis_resources(countries: list[str]) -> list[CrisisResources]:
            found = await db(crisis.crisis_resources_by_country, countries=countries)
            return [found[country] for country in countries]

        async def topic_tracks(slugs: list[str], first: int) -> dict[str, list[TrackSummary]]:
            return await db(
                tracks.published_tracks_by_topics, topic_slugs=slugs, per_topic=first, now=now
            )

        async def topic_articles(slugs: list[str], first: int) -> dict[str, list[ArticleSummary]]:
            return await db(
                articles.published_articles_by_topics, topic_slugs=slugs, per_topic=first, now=now
            )

        async def narrator_tracks(slugs: list[str], first: int) -> dict[str, list[TrackSummary]]:
            return await db(
                tracks.published_tracks_by_narrators,
                narrator_slugs=slugs,
                per_narrator=first,
                now=now,
            )

        async def author_articles(slugs: list[str], first: int) -> dict[str, list[ArticleSummary]]:
            return await db(
                articles.published_articles_by_authors,
                author_slugs=slugs,
                per_author=first,
                now=now,
            )

        self.person: DataLoader[str, Person | None] = DataLoader(people)
        # Keyed by country code, INTL for the international list.
        self.crisis_resources: DataLoader[str, CrisisResources] = DataLoader(crisis_resources)
        self.topic: DataLoader[str, Topic | None] = DataLoader(topics)
        self.article_detail: DataLoader[int, ArticlePublic | None] = DataLoader(article_details)
        self.variants: DataLoader[tuple[int, bool], list[TrackVariantPublic]] = DataLoader(variants)
        self.collection_items: DataLoader[int, list[CollectionItemPublic]] = DataLoader(items)
        self.viewer_progress: DataLoader[int, TrackProgress | None] = DataLoader(viewer_progress)
        self.topic_tracks: DataLoader[tuple[str, int], list[Any]] = DataLoader(
            _grouped_by_limit(topic_tracks)
        )
        self.topic_articles: DataLoader[tuple[str, int], list[Any]] = DataLoader(
            _grouped_by_limit(topic_articles)
        )
        self.narrator_tracks: DataLoader[tuple[str, int], list[Any]] = DataLoader(
            _grouped_by_limit(narrator_tracks)
        )
        self.author_articles: DataLoader[tuple[str, int], list[Any]] = DataLoader(
            _grouped_by_limit(author_articles)
        )
