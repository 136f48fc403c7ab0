"""Every table model, imported in one place: the registry Alembic and the app read."""

from app.articles.models import Article, ArticleTopic, Citation
from app.collections.models import Collection, CollectionItem, CollectionTopic
from app.media.models import MediaAsset
from app.sync.models import ContentChange
from app.taxonomy.models import Person, Topic
from app.tracks.models import Track, TrackTopic, TrackVariant

__all__ = [
    "Article",
    "ArticleTopic",
    "Citation",
    "Collection",
    "CollectionItem",
    "CollectionTopic",
    "ContentChange",
    "MediaAsset",
    "Person",
    "Topic",
    "Track",
    "TrackTopic",
    "TrackVariant",
]
