"""Every table model, imported in one place: the registry Alembic and the app read."""

from app.accounts.models import RefreshToken, User
from app.articles.models import Article, ArticleTopic, Citation
from app.collections.models import Collection, CollectionItem, CollectionTopic
from app.crisis.models import CrisisResource
from app.editorial.models import AuditEntry, Revision, SlugRedirect
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
from app.search.models import search_document
from app.sync.models import ContentChange
from app.taxonomy.models import Person, Topic
from app.tracks.models import Track, TrackTopic, TrackVariant

__all__ = [
    "ApiClient",
    "ApiClientUsage",
    "Article",
    "ArticleRead",
    "ArticleTopic",
    "AuditEntry",
    "Citation",
    "Collection",
    "CollectionItem",
    "CollectionTopic",
    "ContentChange",
    "CrisisResource",
    "DailyActivity",
    "Favorite",
    "ListeningSession",
    "MediaAsset",
    "Person",
    "RefreshToken",
    "Revision",
    "SlugRedirect",
    "Topic",
    "Track",
    "TrackProgress",
    "TrackTopic",
    "TrackVariant",
    "User",
    "Webhook",
    "WebhookCursor",
    "WebhookDelivery",
    "search_document",
]
