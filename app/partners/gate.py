"""The partner gate: pure ASGI, in front of the response cache.

A request with X-API-Key is authenticated, checked against the key's scopes and per-minute
limit, counted, and then passed on *without* the key, so partners are served from the same
cache as anonymous readers. Every partner response carries RateLimit-* headers.
"""

from typing import Any

from app.api.errors import domain_problem
from app.core.errors import DomainError, RateLimited
from app.core.ratelimit import RateLimiter
from app.partners import service
from app.partners.service import ApiKeys

Scope = dict[str, Any]
WINDOW_SECONDS = 60


class PartnerGate:
    def __init__(self, app: Any, *, keys: ApiKeys, limiter: RateLimiter) -> None:
        self.app = app
        self.keys = keys
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        key = next((v for k, v in scope["headers"] if k == b"x-api-key"), None)
        if key is None:
            return await self.app(scope, receive, send)
        rate_headers: dict[str, str] = {}
        try:
            client = await self.keys.verify(key.decode("latin-1"))
            service.check_scope(client, scope["path"])
            window = await self.limiter.hit(f"partner:{client.id}", WINDOW_SECONDS)
            limit = client.requests_per_minute
            rate_headers = {
                "RateLimit-Limit": str(limit),
                "RateLimit-Remaining": str(max(0, limit - window.count)),
                "RateLimit-Reset": str(window.retry_after_seconds),
                "RateLimit-Policy": f"{limit};w={WINDOW_SECONDS}",
            }
            if window.count > limit:
                raise RateLimited(
                    f"This API key allows {limit} requests a minute; retry after "
                    f"{window.retry_after_seconds} seconds.",
                    retry_after_seconds=window.retry_after_seconds,
                )
        except DomainError as error:
            response = domain_problem(error, instance=scope["path"], headers=rate_headers)
            return await response(scope, receive, send)
        self.keys.count(client)
        headers = [(k, v) for k, v in scope["headers"] if k != b"x-api-key"]
        extra = [(name.lower().encode(), value.encode()) for name, value in rate_headers.items()]

        async def send_with_limits(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app({**scope, "headers": headers}, receive, send_with_limits)
