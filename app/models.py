"""Every table model, imported in one place: the registry Alembic and the app read."""

from app.accounts.models import RefreshToken, User
from app.articles.models import Article, ArticleTopic, Citation
from app.collections.models import Collection, CollectionItem, CollectionTopic
from app.media.models import MediaAsset
from app.partners.models import (
    ApiClient,
    ApiClientUsage,
    Webhook,
    WebhookCursor,
    WebhookDelivery,
)
from app.progress.models import (
    ArticleRead,
    DailyActivity,
    Favorite,
    ListeningSession,
    TrackProgress,
)
from app.sync.models import ContentChange
from app.taxonomy.models import Person, Topic
from app.tracks.models import Track, TrackTopic, TrackVariant

__all__ = [
    "ApiClient",
    "ApiClientUsage",
    "Article",
    "ArticleRead",
    "ArticleTopic",
    "Citation",
    "Collection",
    "CollectionItem",
    "CollectionTopic",
    "ContentChange",
    "DailyActivity",
    "Favorite",
    "ListeningSession",
    "MediaAsset",
    "Person",
    "RefreshToken",
    "Topic",
    "Track",
    "TrackProgress",
    "TrackTopic",
    "TrackVariant",
    "User",
    "Webhook",
    "WebhookCursor",
    "WebhookDelivery",
]
