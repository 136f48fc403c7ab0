"""Webhook dispatch: content changes become signed deliveries, retried with backoff.

The content change log is the outbox: each dispatch turns the changes that became visible
since the last one into one delivery per subscribed webhook, then sends what is due. A
delivery is POSTed as JSON with `Webhook-Id`, `Webhook-Timestamp` and
`Webhook-Signature: t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, so partners
can verify it and refuse replays.
"""

import asyncio
import hashlib
import hmac
import ipaddress
import logging
import socket
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

import orjson
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.db import begin_write, utcnow

if TYPE_CHECKING:
    import httpx
from app.partners.models import (
    ApiClient,
    DeliveryStatus,
    Webhook,
    WebhookCursor,
    WebhookDelivery,
    WebhookEvent,
)
from app.sync.feed import current_entries
from app.sync.models import ContentChange, ContentChangeAction

logger = logging.getLogger("app.webhooks")

# After the first failure: 30 s, 2 min, 10 min, 30 min, 2 h, 6 h, 12 h; then it has failed.
RETRY_DELAYS = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
BATCH = 50


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify_signature(secret: str, header: str, body: bytes, *, now: int, tolerance: int) -> bool:
    """What a partner runs on receipt (shown in the README); used by the tests."""
    try:
        parts = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def _event(change: Any, visible: bool) -> WebhookEvent:
    if change.event == "clinical_correction" and visible:
        return WebhookEvent.clinical_correction
    if change.action == ContentChangeAction.delete or not visible:
        return WebhookEvent.unpublished
    if change.event == "published":
        return WebhookEvent.published
    return WebhookEvent.updated


async def enqueue_deliveries(*, session: AsyncSession, now: datetime) -> int:
    """Turn newly visible changes into deliveries, once, whichever worker runs it."""
    await begin_write(session)
    cursor = await session.scalar(
        select(WebhookCursor).where(WebhookCursor.id == 1).with_for_update()
    )
    if cursor is None:
        cursor = WebhookCursor(id=1, last_version=0)
        session.add(cursor)
        await session.flush()
    seen_at = cursor.seen_at or now
    changes = (
        (
            await session.execute(
                select(ContentChange)
                .where(
                    ContentChange.visible_at <= now,
                    or_(
                        ContentChange.version > cursor.last_version,
                        ContentChange.visible_at > seen_at,
                    ),
                )
                .order_by(ContentChange.version)
            )
        )
        .scalars()
        .all()
    )
    hooks = (
        (
            await session.execute(
                select(Webhook)
                .join(ApiClient, ApiClient.id == Webhook.client_id)
                .where(Webhook.active.is_(True), ApiClient.revoked_at.is_(None))
            )
        )
        .scalars()
        .all()
    )
    created = 0
    if changes and hooks:
        wanted: dict[str, list[int]] = {}
        for change in changes:
            wanted.setdefault(change.entity_type, []).append(change.entity_id)
        payloads = await current_entries(session, wanted, now)
        for change in changes:
            data = payloads.get((change.entity_type, change.entity_id))
            event = _event(change, data is not None)
            body = {
                "event": event.value,
                "occurred_at": change.visible_at.isoformat(),
                "version": change.version,
                "entry": {
                    "type": change.entity_type,
                    "id": change.entity_id,
                    "slug": data["slug"] if data else change.slug,
                },
                "data": data,
            }
            for hook in hooks:
                if event.value in hook.events:
                    session.add(
                        WebhookDelivery(
                            webhook_id=hook.id, event=event.value, payload=body, next_attempt_at=now
                        )
                    )
                    created += 1
    newest = max((c.version for c in changes if c.version is not None), default=0)
    cursor.last_version = max(cursor.last_version, newest)
    cursor.seen_at = now
    await session.commit()
    return created


def _private_address(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return any(
        ipaddress.ip_address(address).is_private or ipaddress.ip_address(address).is_loopback
        for address in addresses
    )


class Poster(Protocol):
    async def post(self, url: str, *, content: bytes, headers: dict[str, str]) -> Any: ...


class ClientOnFirstPost:
    """An httpx client made when the first webhook is sent: httpx and what it imports (~2
    MB, and rich and pygments where installed) stay out of workers that send none."""

    def __init__(self) -> None:
        self._client: httpx.AsyncClient | None = None

    async def post(self, url: str, *, content: bytes, headers: dict[str, str]) -> Any:
        if self._client is None:
            import httpx

            self._client = httpx.AsyncClient(timeout=5.0, follow_redirects=False)
        return await self._client.post(url, content=content, headers=headers)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()


async def deliver_due(
    *, session: AsyncSession, http: Poster, now: datetime, allow_private: bool
) -> int:
    """Send the deliveries that are due; each outcome is recorded with its next attempt."""
    await begin_write(session)
    statement = (
        select(WebhookDelivery, Webhook)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(
            WebhookDelivery.status == DeliveryStatus.pending.value,
            WebhookDelivery.next_attempt_at <= now,
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(BATCH)
    )
    if session.get_bind().dialect.name == "postgresql":
        # Several workers share the queue; each takes rows no other one holds.
        statement = statement.with_for_update(skip_locked=True, of=WebhookDelivery)
    due = (await session.execute(statement)).all()
    for delivery, hook in due:
        import httpx  # for its errors; loaded by the time anything is sent

        body = orjson.dumps(delivery.payload)
        timestamp = int(now.timestamp())
        delivery.attempts += 1
        try:
            if not allow_private and await asyncio.to_thread(_private_address, hook.url):
                raise ValueError("the webhook URL resolves to a private address")
            response = await http.post(
                hook.url,
                content=body,
                headers={
                    "Content-Type": "application/json",
                    "Webhook-Id": str(delivery.event_id),
                    "Webhook-Timestamp": str(timestamp),
                    "Webhook-Signature": signature(hook.secret, timestamp, body),
                    "User-Agent": "SmartMeditation-Webhooks/1",
                },
            )
            delivery.last_status_code = response.status_code
            ok = 200 <= response.status_code < 300
            delivery.last_error = None if ok else f"HTTP {response.status_code}"
        except (httpx.HTTPError, ValueError) as error:
            ok = False
            delivery.last_error = f"{type(error).__name__}: {error}"[:500]
        if ok:
            delivery.status = DeliveryStatus.succeeded.value
            delivery.delivered_at = now
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.failed.value
        else:
            delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
    await session.commit()
    return len(due)


async def dispatch_forever(
    sessionmaker: "async_sessionmaker[AsyncSession]",
    *,
    interval_seconds: float,
    allow_private: bool,
) -> None:
    """The background loop each app process runs: enqueue, deliver, sleep."""
    http = ClientOnFirstPost()
    try:
        while True:
            try:
                async with sessionmaker() as session:
                    await enqueue_deliveries(session=session, now=utcnow())
                async with sessionmaker() as session:
                    await deliver_due(
                        session=session, http=http, now=utcnow(), allow_private=allow_private
                    )
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("webhook dispatch failed; retrying next round")
            await asyncio.sleep(interval_seconds)
    finally:
        await http.aclose()
