"""HTTP caching of public content: strong ETags, Cache-Control, 304s, and a server-side
response cache for anonymous callers, invalidated by the content version.

It is pure ASGI in front of the framework (no BaseHTTPMiddleware): a hit is a dict lookup
and two `send` calls, and a conditional GET that matches is answered without running a query.
"""

import asyncio
import gzip
import hashlib
import itertools
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from app.core.db import utcnow

logger = logging.getLogger("app.caching")

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Paths whose GET responses are public content, the same for every anonymous caller.
PUBLIC_PREFIXES = (
    "/v1/articles",
    "/v1/tracks",
    "/v1/collections",
    "/v1/topics",
    "/v1/people",
    "/v1/search",
    "/v1/home",
    "/v1/crisis-resources",
)
GRAPHQL_PATH = "/graphql"
VARY = "Accept-Encoding, Accept-Language, Authorization"
GZIP_MIN_BYTES = 1024
MAX_GRAPHQL_BODY = 64 * 1024

# Content changes committed by this process, counted as they commit (see mark_content_changed).
_local_changes = itertools.count(1)
_local_version = 0


def mark_content_changed(session: AsyncSession) -> None:
    """Called by whoever records a content change: once the transaction commits, every
    cached public response of this process is stale."""
    session.sync_session.info["content_changed"] = True


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    global _local_version
    if session.info.pop("content_changed", False):
        _local_version = next(_local_changes)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop("content_changed", None)


class ContentVersionTracker:
    """The catalogue's version, read from the database at most once per `poll_seconds`
    (other instances' changes, scheduled items going live) and bumped at once by commits in
    this process. It also carries the UTC date: review statuses turn overdue at midnight."""

    def __init__(
        self,
        sessionmaker: Callable[[], async_sessionmaker[AsyncSession]],
        poll_seconds: float,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._poll_seconds = poll_seconds
        self._database_version = "unknown"
        self._read_at = float("-inf")
        self._lock = asyncio.Lock()

    async def current(self) -> str:
        if time.monotonic() - self._read_at >= self._poll_seconds:
            async with self._lock:
                if time.monotonic() - self._read_at >= self._poll_seconds:
                    await self._read()
        return f"{self._database_version}:{_local_version}:{utcnow().date().isoformat()}"

    async def _read(self) -> None:
        from app.sync.service import content_version

        async with self._sessionmaker()() as session:
            self._database_version = await content_version(session=session, now=utcnow())
        self._read_at = time.monotonic()


@dataclass(frozen=True)
class CachedResponse:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    gzipped: bytes | None
    etag: bytes


class ResponseStore:
    """An LRU of responses bounded by entries and bytes."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self._entries: OrderedDict[tuple[Any, ...], CachedResponse] = OrderedDict()
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self._bytes = 0

    @property
    def enabled(self) -> bool:
        return self._max_entries > 0 and self._max_bytes > 0

    def get(self, key: tuple[Any, ...]) -> CachedResponse | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: tuple[Any, ...], entry: CachedResponse) -> None:
        size = len(entry.body) + len(entry.gzipped or b"")
        if size > self._max_bytes // 10:
            return  # one response never crowds out the rest
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body) + len(old.gzipped or b"")
        self._entries[key] = entry
        self._bytes += size
        while len(self._entries) > self._max_entries or self._bytes > self._max_bytes:
            _key, evicted = self._entries.popitem(last=False)
            self._bytes -= len(evicted.body) + len(evicted.gzipped or b"")

    def __len__(self) -> int:
        return len(self._entries)


class FragmentCache:
    """Serialized JSON of single list items (an article summary), valid for one content
    version: a page the response cache cannot answer (a new cursor, a signed-in caller, a
    cache too small) is assembled from these bytes instead of building and serializing each
    item again. A different version empties it; it holds at most `max_entries` items.
    """

    def __init__(self, max_entries: int) -> None:
        self._version: str | None = None
        self._items: OrderedDict[Any, bytes] = OrderedDict()
        self._max_entries = max_entries

    def get_many(self, version: str, keys: list[Any]) -> dict[Any, bytes]:
        if version != self._version:
            self._version, self._items = version, OrderedDict()
            return {}
        found = {}
        for key in keys:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
                found[key] = item
        return found

    def put_many(self, version: str, items: dict[Any, bytes]) -> None:
        if version != self._version:
            return  # built from an older version than the one now served
        self._items.update(items)
        while len(self._items) > self._max_entries:
            self._items.popitem(last=False)


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return None


def _no_store(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(
        name.lower() == b"cache-control" and b"no-store" in value.lower() for name, value in headers
    )


def _etag_matches(if_none_match: bytes | None, etag: bytes) -> bool:
    if not if_none_match:
        return False
    candidates = [tag.strip() for tag in if_none_match.split(b",")]
    return b"*" in candidates or etag in candidates or b"W/" + etag in candidates


class PublicResponseCache:
    """ETag, Cache-Control and 304 for public content; anonymous responses kept in memory
    under (request, content version) and served without entering the framework."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        tracker: ContentVersionTracker,
        store: ResponseStore,
        max_age: int,
        stale_while_revalidate: int,
    ) -> None:
        self.app = app
        self.tracker = tracker
        self.store = store
        self.public_cache_control = (
            f"public, max-age={max_age}, stale-while-revalidate={stale_while_revalidate}"
        ).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path, method = scope["path"], scope["method"]
        is_graphql = path == GRAPHQL_PATH and (
            method == "POST" or (method == "GET" and bool(scope.get("query_string")))
        )
        is_content = method in ("GET", "HEAD") and path.startswith(PUBLIC_PREFIXES)
        if not (is_content or is_graphql):
            return await self.app(scope, receive, send)
        anonymous = (
            _header(scope, b"authorization") is None and _header(scope, b"x-api-key") is None
        )
        if is_graphql and not anonymous:
            return await self.app(scope, receive, send)

        body = b""
        if method == "POST":
            body, complete = await _read_body(receive, MAX_GRAPHQL_BODY)
            if not complete:
                return await self.app(scope, _replay(body, receive), send)
            receive = _replay(body, receive)

        key = None
        version = await self._version() if anonymous else None
        if version is not None:
            key = (
                method if method != "HEAD" else "GET",
                path,
                scope.get("query_string", b""),
                hashlib.sha256(body).digest() if body else b"",
                _header(scope, b"accept-language"),
                version,
            )
            entry = self.store.get(key)
            if entry is not None:
                return await self._serve(entry, scope, send)

        # HEAD is answered as GET without the body (the routes declare GET only).
        app_scope = _without_accept_encoding(scope)
        if method == "HEAD":
            app_scope["method"] = "GET"
        response = await _capture(self.app, app_scope, receive)
        if response is None:
            return  # the app did not finish a response (client gone)
        status, headers, content = response
        if (
            status != 200
            or (is_graphql and b'"errors":' in content)
            or _no_store(headers)  # a member's own data on a public path (/v1/home)
        ):
            return await _forward(status, headers, b"" if method == "HEAD" else content, send)
        etag = b'"' + hashlib.sha256(content).hexdigest()[:32].encode() + b'"'
        cache_control = self.public_cache_control if anonymous else b"private, no-cache"
        kept = [
            (name, value)
            for name, value in headers
            if name.lower() not in (b"content-length", b"cache-control", b"vary", b"etag")
        ]
        kept += [(b"etag", etag), (b"cache-control", cache_control), (b"vary", VARY.encode())]
        stored = key is not None and self.store.enabled
        # Compressed once per entry when kept; otherwise only for a client that takes gzip.
        compress = stored or b"gzip" in (_header(scope, b"accept-encoding") or b"")
        gzipped = (
            gzip.compress(content, compresslevel=5)
            if compress and len(content) >= GZIP_MIN_BYTES
            else None
        )
        entry = CachedResponse(status, kept, content, gzipped, etag)
        if key is not None and stored:
            self.store.put(key, entry)
        await self._serve(entry, scope, send)

    async def _version(self) -> str | None:
        """The content version, or None (serve uncached) if it cannot be read right now."""
        try:
            return await self.tracker.current()
        except Exception:
            logger.exception("could not read the content version; serving uncached")
            return None

    async def _serve(self, entry: CachedResponse, scope: Scope, send: Send) -> None:
        if _etag_matches(_header(scope, b"if-none-match"), entry.etag):
            headers = [
                (name, value)
                for name, value in entry.headers
                if name in (b"etag", b"cache-control", b"vary", b"content-language")
            ]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        accept_encoding = _header(scope, b"accept-encoding") or b""
        body, headers = entry.body, list(entry.headers)
        if entry.gzipped is not None and b"gzip" in accept_encoding:
            body = entry.gzipped
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": entry.status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )


def _without_accept_encoding(scope: Scope) -> Scope:
    """The cache compresses once per entry, so the app is asked for the plain body."""
    headers = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
    return {**scope, "headers": headers}


async def _read_body(receive: Receive, limit: int) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks), False
        if not message.get("more_body", False):
            return b"".join(chunks), True


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _capture(
    app: ASGIApp, scope: Scope, receive: Receive
) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
    status = 0
    headers: list[tuple[bytes, bytes]] = []
    chunks: list[bytes] = []
    finished = False

    async def capture(message: Message) -> None:
        nonlocal status, headers, finished
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            finished = not message.get("more_body", False)

    await app(scope, receive, capture)
    return (status, headers, b"".join(chunks)) if finished else None


async def _forward(
    status: int, headers: list[tuple[bytes, bytes]], body: bytes, send: Send
) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
