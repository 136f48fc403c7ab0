"""A size limit on every request body, enforced while the body streams in.

Pure ASGI, outside the framework. A declared Content-Length over the limit is refused before
a byte of the body is read, and a body that turns out larger (chunked, or a Content-Length
that lies) stops being read as soon as it passes the limit: the application never holds more
than the limit in memory. The answer is a 413 problem+json with `Connection: close`, so the
server drops the rest of the body instead of reading it.

The check runs when the application first asks for the body, after routing: a route that
accepts larger bodies (media uploads) raises its own request's limit with
`allow_larger_body` before reading. Starlette's and FastAPI's own `max_body_size` answer in
plain text or FastAPI's `{"detail": ...}` from outside the app's error handlers, so they are
not used.
"""

from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import ProblemException, domain_problem
from app.core.errors import ContentTooLarge

BODY_LIMIT_SCOPE_KEY = "smart_meditation.body_limit"
# Requests that by HTTP's rules carry no body: nothing to count, so nothing is wrapped.
_BODILESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _BodyBudget:
    limit: int
    declared: int | None
    received: int = 0
    exceeded: bool = False
    detail: str = ""

    def too_large(self) -> ProblemException:
        self.exceeded = True
        detail = self.detail or f"The request body may be at most {self.limit} bytes."
        return ProblemException(ContentTooLarge(detail))


def allow_larger_body(scope: Scope, max_bytes: int, *, detail: str) -> None:
    """Let this request's body grow to `max_bytes` (say, an upload route). Call it before the
    body is read; `detail` is the 413's explanation when even that is passed."""
    budget: _BodyBudget | None = scope.get(BODY_LIMIT_SCOPE_KEY)
    if budget is not None:
        budget.limit = max_bytes
        budget.detail = detail


def _declared_length(scope: Scope) -> tuple[int | None, bool]:
    """(Content-Length, whether the request says it has a body at all)."""
    declared: int | None = None
    has_body = False
    for name, value in scope["headers"]:
        if name == b"content-length":
            has_body = True
            # A malformed value is the server's to refuse (400); count the bytes instead.
            declared = int(value) if value.isdigit() else None
        elif name == b"transfer-encoding":
            has_body = True
    return declared, has_body


class RequestBodyLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared, has_body = _declared_length(scope)
        if not has_body and scope["method"] in _BODILESS_METHODS:
            return await self.app(scope, receive, send)
        budget = _BodyBudget(limit=self.max_bytes, declared=declared)
        scope[BODY_LIMIT_SCOPE_KEY] = budget
        response_started = False

        async def receive_within_limit() -> Message:
            if budget.exceeded or (budget.declared is not None and budget.declared > budget.limit):
                raise budget.too_large()
            message = await receive()
            if message["type"] == "http.request":
                budget.received += len(message.get("body", b""))
                if budget.received > budget.limit:
                    raise budget.too_large()
            return message

        async def send_closing_when_over(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                if budget.exceeded:
                    # The rest of the body is still on its way: do not read it to keep the
                    # connection alive.
                    headers: list[Any] = list(message.get("headers", []))
                    message = {**message, "headers": [*headers, (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, receive_within_limit, send_closing_when_over)
        except ProblemException as exc:
            # Raised outside the framework's error handlers (a middleware read the body).
            if not budget.exceeded or response_started:
                raise
            response = domain_problem(exc.error, instance=scope["path"])
            await response(scope, receive, send_closing_when_over)
