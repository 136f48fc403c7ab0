"""Partners: API keys with scopes and rate limits, usage counts, admin routes, and signed
webhooks with retries — delivered over real HTTP to a receiver on 127.0.0.1."""

import asyncio
import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest
import uvicorn
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.core.config import Settings
from app.core.db import utcnow
from app.core.publishing import PublicationStatus
from app.main import create_app
from app.partners.models import DeliveryStatus, WebhookDelivery
from app.partners.webhooks import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    deliver_due,
    enqueue_deliveries,
    verify_signature,
)
from app.sync.models import ContentChangeAction
from app.sync.service import record_content_change
from tests.conftest import client_for
from tests.factories import make_article
from tests.helpers import assert_problem
from tests.member_factories import Member


async def create_client(client: AsyncClient, admin: Member, **body: Any) -> dict[str, Any]:
    payload = {"name": "Calm Clinics", "scopes": ["content:read"], **body}
    response = await client.post("/v1/admin/api-clients", json=payload, headers=admin.headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def key_headers(created: dict[str, Any]) -> dict[str, str]:
    return {"X-API-Key": created["api_key"]}


async def test_admin_creates_a_client_and_sees_the_key_once(
    client: AsyncClient, admin_user: Member
) -> None:
    created = await create_client(client, admin_user, scopes=["content:read", "sync"])
    assert created["api_key"].startswith("smk_")
    assert created["api_key"].startswith(created["key_prefix"])
    listed = (await client.get("/v1/admin/api-clients", headers=admin_user.headers)).json()
    assert [c["id"] for c in listed] == [created["id"]]
    assert "api_key" not in listed[0]
    assert created["api_key"] not in str(listed)
    assert listed[0]["scopes"] == ["content:read", "sync"]


async def test_admin_routes_are_for_admins_only(
    client: AsyncClient, member: Member, staff_user: Member
) -> None:
    body = {"name": "X", "scopes": ["content:read"]}
    assert_problem(await client.post("/v1/admin/api-clients", json=body), 401, "unauthorized")
    for who in (member, staff_user):
        response = await client.post("/v1/admin/api-clients", json=body, headers=who.headers)
        assert_problem(response, 403, "forbidden")
        assert_problem(
            await client.get("/v1/admin/api-clients", headers=who.headers), 403, "forbidden"
        )


async def test_bad_client_input_is_422(client: AsyncClient, admin_user: Member) -> None:
    for body, name in (
        ({"name": "X", "scopes": ["write:everything"]}, "scopes.0"),
        ({"name": "X", "scopes": []}, "scopes"),
        ({"name": "", "scopes": ["sync"]}, "name"),
        ({"name": "X", "scopes": ["sync"], "requests_per_minute": 0}, "requests_per_minute"),
        ({"name": "X", "scopes": ["sync"], "role": "admin"}, "role"),
    ):
        response = await client.post("/v1/admin/api-clients", json=body, headers=admin_user.headers)
        assert_problem(response, 422, "invalid-request", names=(name,))
    missing = await client.get("/v1/admin/api-clients/999999", headers=admin_user.headers)
    assert_problem(missing, 404, "not-found")


async def test_partner_reads_content_with_rate_limit_headers(
    client: AsyncClient, session: AsyncSession, admin_user: Member, count_statements: Any
) -> None:
    await make_article(session)
    created = await create_client(client, admin_user, requests_per_minute=50)
    first = await client.get("/v1/articles", headers=key_headers(created))
    assert first.status_code == 200
    assert first.headers["ratelimit-limit"] == "50"
    assert first.headers["ratelimit-remaining"] == "49"
    assert int(first.headers["ratelimit-reset"]) <= 60
    with count_statements() as log:
        second = await client.get("/v1/articles", headers=key_headers(created))
    assert second.json() == first.json()
    assert second.headers["ratelimit-remaining"] == "48"
    assert log.count == 0, "verified keys are remembered and content comes from the cache"


async def test_scopes_are_enforced(client: AsyncClient, admin_user: Member, member: Member) -> None:
    sync_only = await create_client(client, admin_user, scopes=["sync"])
    assert_problem(
        await client.get("/v1/articles", headers=key_headers(sync_only)), 403, "forbidden"
    )
    assert (await client.get("/v1/sync", headers=key_headers(sync_only))).status_code == 200
    content = await create_client(client, admin_user, name="Reader")
    assert_problem(await client.get("/v1/sync", headers=key_headers(content)), 403, "forbidden")
    for path in ("/v1/me", "/v1/admin/api-clients"):
        assert_problem(await client.get(path, headers=key_headers(content)), 403, "forbidden")


async def test_unknown_and_revoked_keys_are_401(client: AsyncClient, admin_user: Member) -> None:
    response = await client.get("/v1/articles", headers={"X-API-Key": "smk_not-a-real-key"})
    assert_problem(response, 401, "unauthorized")
    created = await create_client(client, admin_user)
    assert (await client.get("/v1/articles", headers=key_headers(created))).status_code == 200
    revoke = await client.delete(
        f"/v1/admin/api-clients/{created['id']}", headers=admin_user.headers
    )
    assert revoke.status_code == 204
    response = await client.get("/v1/articles", headers=key_headers(created))
    assert_problem(response, 401, "unauthorized")
    assert "revoked" in response.json()["detail"]


async def test_rate_limit_gives_429_with_retry_after(
    client: AsyncClient, admin_user: Member
) -> None:
    created = await create_client(client, admin_user, requests_per_minute=3)
    statuses = [
        (await client.get("/v1/topics", headers=key_headers(created))).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 200]
    limited = await client.get("/v1/topics", headers=key_headers(created))
    assert_problem(limited, 429, "rate-limited")
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert limited.headers["ratelimit-remaining"] == "0"


async def test_usage_is_counted_per_day(client: AsyncClient, admin_user: Member) -> None:
    created = await create_client(client, admin_user)
    for _ in range(4):
        await client.get("/v1/topics", headers=key_headers(created))
    usage = await client.get(
        f"/v1/admin/api-clients/{created['id']}/usage", headers=admin_user.headers
    )
    assert usage.json() == [{"day": utcnow().date().isoformat(), "requests": 4}]
    detail = await client.get(f"/v1/admin/api-clients/{created['id']}", headers=admin_user.headers)
    assert detail.json()["last_used_at"] is not None


async def test_admin_changes_scopes_and_limits(client: AsyncClient, admin_user: Member) -> None:
    created = await create_client(client, admin_user)
    response = await client.patch(
        f"/v1/admin/api-clients/{created['id']}",
        json={"scopes": ["sync"], "requests_per_minute": 10},
        headers=admin_user.headers,
    )
    assert response.json()["scopes"] == ["sync"]
    assert_problem(await client.get("/v1/articles", headers=key_headers(created)), 403, "forbidden")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
async def test_rate_limits_are_shared_between_instances_through_redis(
    engine: AsyncEngine, session: AsyncSession, settings: Settings, admin_user: Member
) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(os.environ["REDIS_URL"])
    async for key in redis.scan_iter("smart-meditation:rl:partner:*"):
        await redis.delete(key)
    await redis.aclose()
    shared = settings.model_copy(update={"redis_url": os.environ["REDIS_URL"]})
    clients = []
    for _ in range(2):
        clients.append(client_for(create_app(shared), engine, session))
    first = clients[0]
    created = await create_client(first, admin_user, requests_per_minute=4)
    try:
        statuses = []
        for n in range(6):
            instance = clients[n % 2]
            statuses.append(
                (await instance.get("/v1/topics", headers=key_headers(created))).status_code
            )
        assert statuses == [200, 200, 200, 200, 429, 429]
    finally:
        for instance in clients:
            await instance.aclose()


@dataclass
class Receiver:
    """A real HTTP endpoint on 127.0.0.1 that records what it is sent."""

    status: int = 204
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    state = Receiver()

    async def hook(request: Request) -> Response:
        state.requests.append((dict(request.headers), await request.body()))
        return Response(status_code=state.status)

    config = uvicorn.Config(
        Starlette(routes=[Route("/hook", hook, methods=["POST"])]),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    state.url = f"http://127.0.0.1:{port}/hook"
    try:
        yield state
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, timeout=5)


async def subscribe(
    client: AsyncClient, admin: Member, url: str, events: list[str] | None = None
) -> dict[str, Any]:
    created = await create_client(client, admin)
    body: dict[str, Any] = {"url": url}
    if events is not None:
        body["events"] = events
    response = await client.post(
        f"/v1/admin/api-clients/{created['id']}/webhooks", json=body, headers=admin.headers
    )
    assert response.status_code == 201, response.text
    hook: dict[str, Any] = response.json()
    return hook


async def dispatch(session: AsyncSession, *, allow_private: bool = True, now: Any = None) -> None:
    now = now or utcnow()
    await enqueue_deliveries(session=session, now=now)
    async with httpx.AsyncClient(timeout=5) as http:
        await deliver_due(session=session, http=http, now=now, allow_private=allow_private)


async def test_publish_is_delivered_signed(
    client: AsyncClient, session: AsyncSession, admin_user: Member, receiver: Receiver
) -> None:
    await dispatch(session)  # changes before the subscription are not sent
    hook = await subscribe(client, admin_user, receiver.url)
    assert hook["secret"].startswith("whsec_")
    article = await make_article(session, slug="new-on-sleep")
    record_content_change(
        session,
        entity_type="article",
        entity_id=article.id,
        slug=article.slug,
        action=ContentChangeAction.upsert,
        event="published",
    )
    await session.commit()
    await dispatch(session)
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert verify_signature(
        hook["secret"], headers["webhook-signature"], body, now=int(time.time()), tolerance=300
    )
    assert not verify_signature(
        "whsec_wrong", headers["webhook-signature"], body, now=int(time.time()), tolerance=300
    )
    assert not verify_signature(
        hook["secret"],
        headers["webhook-signature"],
        body + b" ",
        now=int(time.time()),
        tolerance=300,
    )
    import orjson

    payload = orjson.loads(body)
    assert payload["event"] == "content.published"
    assert payload["entry"] == {"type": "article", "id": article.id, "slug": "new-on-sleep"}
    assert payload["data"]["slug"] == "new-on-sleep"
    log = await client.get(
        f"/v1/admin/webhooks/{hook['id']}/deliveries", headers=admin_user.headers
    )
    assert [(d["status"], d["attempts"], d["last_status_code"]) for d in log.json()] == [
        ("succeeded", 1, 204)
    ]
    await dispatch(session)
    assert len(receiver.requests) == 1, "an event is delivered once"


async def test_unpublish_and_clinical_correction_events(
    client: AsyncClient, session: AsyncSession, admin_user: Member, receiver: Receiver
) -> None:
    await dispatch(session)
    await subscribe(
        client, admin_user, receiver.url, ["content.unpublished", "content.clinical_correction"]
    )
    corrected = await make_article(session, is_medical=True)
    record_content_change(
        session,
        entity_type="article",
        entity_id=corrected.id,
        slug=corrected.slug,
        action=ContentChangeAction.upsert,
        event="clinical_correction",
    )
    withdrawn = await make_article(session, status=PublicationStatus.archived)
    record_content_change(
        session,
        entity_type="article",
        entity_id=withdrawn.id,
        slug=withdrawn.slug,
        action=ContentChangeAction.upsert,
    )
    updated = await make_article(session)
    record_content_change(
        session,
        entity_type="article",
        entity_id=updated.id,
        slug=updated.slug,
        action=ContentChangeAction.upsert,
    )
    await session.commit()
    await dispatch(session)
    import orjson

    events = [orjson.loads(body) for _headers, body in receiver.requests]
    assert [(e["event"], e["entry"]["id"]) for e in events] == [
        ("content.clinical_correction", corrected.id),
        ("content.unpublished", withdrawn.id),
    ], "updates were not subscribed to"
    assert events[1]["data"] is None


async def test_failures_are_retried_with_backoff_then_given_up(
    client: AsyncClient, session: AsyncSession, admin_user: Member, receiver: Receiver
) -> None:
    await dispatch(session)
    hook = await subscribe(client, admin_user, receiver.url)
    receiver.status = 500
    article = await make_article(session)
    record_content_change(
        session,
        entity_type="article",
        entity_id=article.id,
        slug=article.slug,
        action=ContentChangeAction.upsert,
    )
    await session.commit()
    now = utcnow()
    await dispatch(session, now=now)
    delivery = await session.scalar(
        select(WebhookDelivery).where(WebhookDelivery.webhook_id == hook["id"])
    )
    assert delivery is not None
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert delivery.next_attempt_at == now + RETRY_DELAYS[0]
    await dispatch(session, now=now + timedelta(seconds=5))
    assert len(receiver.requests) == 1, "not retried before its time"
    moment = now
    for attempt in range(2, MAX_ATTEMPTS + 1):
        moment = moment + RETRY_DELAYS[attempt - 2]
        await dispatch(session, now=moment)
    await session.refresh(delivery)
    assert delivery.status == DeliveryStatus.failed.value
    assert delivery.attempts == MAX_ATTEMPTS
    assert len(receiver.requests) == MAX_ATTEMPTS


async def test_recovers_when_the_partner_comes_back(
    client: AsyncClient, session: AsyncSession, admin_user: Member, receiver: Receiver
) -> None:
    await dispatch(session)
    hook = await subscribe(client, admin_user, receiver.url)
    receiver.status = 503
    article = await make_article(session)
    record_content_change(
        session,
        entity_type="article",
        entity_id=article.id,
        slug=article.slug,
        action=ContentChangeAction.upsert,
    )
    await session.commit()
    now = utcnow()
    await dispatch(session, now=now)
    receiver.status = 200
    await dispatch(session, now=now + RETRY_DELAYS[0])
    log = await client.get(
        f"/v1/admin/webhooks/{hook['id']}/deliveries", headers=admin_user.headers
    )
    assert [(d["status"], d["attempts"]) for d in log.json()] == [("succeeded", 2)]


async def test_private_addresses_are_refused_when_not_allowed(
    client: AsyncClient, session: AsyncSession, admin_user: Member, receiver: Receiver
) -> None:
    await dispatch(session)
    hook = await subscribe(client, admin_user, receiver.url)
    article = await make_article(session)
    record_content_change(
        session,
        entity_type="article",
        entity_id=article.id,
        slug=article.slug,
        action=ContentChangeAction.upsert,
    )
    await session.commit()
    await dispatch(session, allow_private=False)
    assert receiver.requests == []
    log = await client.get(
        f"/v1/admin/webhooks/{hook['id']}/deliveries", headers=admin_user.headers
    )
    assert "private address" in log.json()[0]["last_error"]


async def test_bad_webhook_input(client: AsyncClient, admin_user: Member) -> None:
    created = await create_client(client, admin_user)
    for body, name in (
        ({"url": "not a url"}, "url"),
        ({"url": "ftp://example.org/hook"}, "url"),
        ({"url": "https://example.org/hook", "events": ["content.exploded"]}, "events.0"),
        ({"url": "https://example.org/hook", "events": []}, "events"),
    ):
        response = await client.post(
            f"/v1/admin/api-clients/{created['id']}/webhooks", json=body, headers=admin_user.headers
        )
        assert_problem(response, 422, "invalid-request", names=(name,))
    assert_problem(
        await client.delete("/v1/admin/webhooks/999999", headers=admin_user.headers),
        404,
        "not-found",
    )
