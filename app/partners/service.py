"""Partners: API clients and their keys, scopes, usage, and webhook subscriptions."""

import hashlib
import secrets
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.accounts.models import User
from app.core.db import begin_write, dialect_insert, utcnow
from app.core.errors import Forbidden, NotFound, Unauthorized
from app.partners.models import (
    ApiClient,
    ApiClientCreate,
    ApiClientUpdate,
    ApiClientUsage,
    DailyUsage,
    Scope,
    Webhook,
    WebhookCreate,
    WebhookDelivery,
)

KEY_PREFIX = "smk_"
# Which scope each public path needs; any other path is not open to API keys.
SCOPE_BY_PREFIX: tuple[tuple[str, Scope], ...] = (
    ("/v1/search", Scope.search),
    ("/v1/sync", Scope.sync),
    ("/v1/articles", Scope.content_read),
    ("/v1/tracks", Scope.content_read),
    ("/v1/collections", Scope.content_read),
    ("/v1/topics", Scope.content_read),
    ("/v1/people", Scope.content_read),
    ("/v1/home", Scope.content_read),
    ("/v1/crisis-resources", Scope.content_read),
    # The audio and images that content links to (premium audio still needs a member).
    ("/v1/media", Scope.content_read),
    ("/graphql", Scope.content_read),
)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def required_scope(path: str) -> Scope | None:
    for prefix, scope in SCOPE_BY_PREFIX:
        if path == prefix or path.startswith(prefix + "/"):
            return scope
    return None


def check_scope(client: ApiClient, path: str) -> None:
    scope = required_scope(path)
    if scope is None:
        raise Forbidden("API keys give access to public content only; this route is not.")
    if scope.value not in client.scopes:
        raise Forbidden(
            f"This API key lacks the '{scope.value}' scope needed here; ask us to add it."
        )


async def create_client(
    *, session: AsyncSession, data: ApiClientCreate, actor: User
) -> tuple[ApiClient, str]:
    """A new client and its key; the key itself is returned once and never stored."""
    await begin_write(session)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    client = ApiClient(
        name=data.name,
        contact_email=data.contact_email,
        key_prefix=key[:12],
        key_hash=hash_key(key),
        scopes=sorted({scope.value for scope in data.scopes}),
        requests_per_minute=data.requests_per_minute,
        created_by=actor.id,
    )
    session.add(client)
    await session.commit()
    return client, key


async def list_clients(*, session: AsyncSession) -> list[ApiClient]:
    return list((await session.scalars(select(ApiClient).order_by(ApiClient.id))).all())


async def get_client(*, session: AsyncSession, client_id: int) -> ApiClient:
    client = await session.get(ApiClient, client_id)
    if client is None:
        raise NotFound(f"There is no API client {client_id}.")
    return client


async def update_client(
    *, session: AsyncSession, client_id: int, data: ApiClientUpdate
) -> ApiClient:
    await begin_write(session)
    client = await get_client(session=session, client_id=client_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "scopes" in changes:
        changes["scopes"] = sorted({Scope(scope).value for scope in changes["scopes"]})
    client.sqlmodel_update(changes)
    session.add(client)
    await session.commit()
    return client


async def revoke_client(*, session: AsyncSession, client_id: int) -> None:
    await begin_write(session)
    client = await get_client(session=session, client_id=client_id)
    if client.revoked_at is None:
        client.revoked_at = utcnow()
        await session.commit()


async def client_usage(*, session: AsyncSession, client_id: int, days: int) -> list[DailyUsage]:
    await get_client(session=session, client_id=client_id)
    since = utcnow().date() - timedelta(days=days - 1)
    rows = await session.scalars(
        select(ApiClientUsage)
        .where(ApiClientUsage.client_id == client_id, ApiClientUsage.day >= since)
        .order_by(ApiClientUsage.day)
    )
    return [DailyUsage(day=row.day, requests=row.requests) for row in rows]


async def add_usage(*, session: AsyncSession, counts: dict[tuple[int, date], int]) -> None:
    """Add counted requests to each client's day, and mark the clients as used."""
    if not counts:
        return
    statement = dialect_insert(session, ApiClientUsage)
    statement = statement.on_conflict_do_update(
        index_elements=["client_id", "day"],
        set_={"requests": ApiClientUsage.requests + statement.excluded.requests},
    )
    await session.execute(
        statement,
        [{"client_id": cid, "day": day, "requests": n} for (cid, day), n in counts.items()],
    )
    await session.execute(
        update(ApiClient)
        .where(ApiClient.id.in_({cid for cid, _day in counts}))
        .values(last_used_at=utcnow())
    )
    await session.commit()


class ApiKeys:
    """Verifies keys with a short-lived in-memory cache (revocations apply within
    `ttl_seconds`, at once in the process that revoked) and counts usage per day."""

    def __init__(
        self, sessionmaker: Callable[[], "async_sessionmaker[AsyncSession]"], ttl_seconds: float
    ) -> None:
        self._sessionmaker = sessionmaker
        self._ttl = ttl_seconds
        self._verified: dict[str, tuple[float, ApiClient | None]] = {}
        self.usage: Counter[tuple[int, date]] = Counter()

    async def verify(self, key: str) -> ApiClient:
        digest = hash_key(key)
        cached = self._verified.get(digest)
        if cached is None or time.monotonic() - cached[0] > self._ttl:
            async with self._sessionmaker()() as session:
                client = await session.scalar(select(ApiClient).where(ApiClient.key_hash == digest))
            if len(self._verified) > 10_000:
                self._verified.clear()
            self._verified[digest] = (time.monotonic(), client)
            cached = self._verified[digest]
        client = cached[1]
        if client is None:
            raise Unauthorized("The API key is not valid.")
        if client.revoked_at is not None:
            raise Unauthorized("The API key has been revoked.")
        return client

    def forget(self) -> None:
        self._verified.clear()

    def count(self, client: ApiClient) -> None:
        assert client.id is not None
        self.usage[(client.id, utcnow().date())] += 1

    async def flush_usage(self) -> None:
        counts, self.usage = dict(self.usage), Counter()
        if counts:
            async with self._sessionmaker()() as session:
                await add_usage(session=session, counts=counts)


async def create_webhook(*, session: AsyncSession, client_id: int, data: WebhookCreate) -> Webhook:
    await begin_write(session)
    await get_client(session=session, client_id=client_id)
    webhook = Webhook(
        client_id=client_id,
        url=str(data.url),
        secret="whsec_" + secrets.token_urlsafe(24),
        events=sorted({event.value for event in data.events}),
    )
    session.add(webhook)
    await session.commit()
    return webhook


async def list_webhooks(*, session: AsyncSession, client_id: int) -> list[Webhook]:
    await get_client(session=session, client_id=client_id)
    rows = await session.scalars(
        select(Webhook).where(Webhook.client_id == client_id).order_by(Webhook.id)
    )
    return list(rows.all())


async def delete_webhook(*, session: AsyncSession, webhook_id: int) -> None:
    await begin_write(session)
    webhook = await session.get(Webhook, webhook_id)
    if webhook is None:
        raise NotFound(f"There is no webhook {webhook_id}.")
    await session.delete(webhook)
    await session.commit()


async def list_deliveries(
    *, session: AsyncSession, webhook_id: int, limit: int
) -> list[WebhookDelivery]:
    if await session.get(Webhook, webhook_id) is None:
        raise NotFound(f"There is no webhook {webhook_id}.")
    rows = await session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == webhook_id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    )
    return list(rows.all())
