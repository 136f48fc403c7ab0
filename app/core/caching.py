"""HTTP caching of public content: strong ETags, Cache-Control, 304s, and a server-side
response cache for anonymous callers, invalidated by the content version.

It is pure ASGI in front of the framework (no BaseHTTPMiddleware), in two parts sharing one
store: `PublicResponseCache` sits inside the middleware stack (behind the partner gate, so
partners are served from it too) and fills the store; `CachedAnswersFirst` wraps the whole
application and answers an anonymous GET the store holds before any other layer runs: a hit
is one pass over the request headers, a dict lookup and two `send` calls, and a conditional
GET that matches is answered without running a query.
"""

import asyncio
import gzip
import hashlib
import itertools
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

import starlette.types
from pydantic import BaseModel
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
ItemT = TypeVar("ItemT")
ModelT = TypeVar("ModelT", bound=BaseModel)

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
    this process. It also carries the UTC date: review statuses turn overdue at midnight.

    Only the first read is awaited (the lifespan makes it). After that, a read that is due
    starts in the background and requests answer with the version read before, so none
    waits for it: a read is several round trips through the database driver's thread, and
    with the event loop busy each round trip waits for a turn of the loop. The request that
    made the read took ~370 ms at 32 connections, once a second (bench, large data set);
    and requests that waited for it while holding pooled connections could hold the very
    connection it needed (every connection held, the read timing out after 30 s).
    """

    def __init__(
        self,
        sessionmaker: Callable[[], async_sessionmaker[AsyncSession]],
        poll_seconds: float,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._poll_seconds = poll_seconds
        self._database_version = "unknown"
        self._read_at = float("-inf")
        self._first_read = asyncio.Lock()
        self._reading: asyncio.Task[None] | None = None
        self._composed_from: tuple[str, int, date] | None = None
        self._composed = ""

    async def current(self) -> str:
        if self._read_at == float("-inf"):
            async with self._first_read:
                if self._read_at == float("-inf"):
                    await self._read()
        return self.fresh() or self._compose()

    def fresh(self) -> str | None:
        """The version without waiting (None until it has been read once); a read that is
        due starts in the background."""
        if self._read_at == float("-inf"):
            return None
        if time.monotonic() - self._read_at >= self._poll_seconds and (
            self._reading is None or self._reading.done()
        ):
            self._reading = asyncio.get_running_loop().create_task(self._read_again())
        return self._compose()

    async def close(self) -> None:
        """Stop a read in the background (the app is stopping; its engine is next)."""
        if self._reading is not None:
            self._reading.cancel()
            await asyncio.gather(self._reading, return_exceptions=True)

    async def _read_again(self) -> None:
        try:
            await self._read()
        except Exception:
            # Served meanwhile: the version read before; tried again after the interval.
            logger.exception("could not read the content version; keeping the one read before")
            self._read_at = time.monotonic()

    def _compose(self) -> str:
        parts = (self._database_version, _local_version, utcnow().date())
        if parts != self._composed_from:
            self._composed_from = parts
            self._composed = f"{parts[0]}:{parts[1]}:{parts[2].isoformat()}"
        return self._composed

    async def _read(self) -> None:
        from app.sync.service import content_version

        async with self._sessionmaker()() as session:
            self._database_version = await content_version(session=session, now=utcnow())
        self._read_at = time.monotonic()


Headers = list[tuple[bytes, bytes]]
NOT_MODIFIED_HEADERS = (b"etag", b"cache-control", b"vary", b"content-language")


@dataclass(frozen=True)
class CachedResponse:
    status: int
    headers: Headers
    body: bytes
    gzipped: bytes | None
    etag: bytes
    # The header lists of each way it is answered, built once rather than on every hit.
    plain_headers: Headers = field(init=False)
    gzip_headers: Headers = field(init=False)
    not_modified_headers: Headers = field(init=False)

    def __post_init__(self) -> None:
        plain = [*self.headers, (b"content-length", str(len(self.body)).encode())]
        gzipped = []
        if self.gzipped is not None:
            gzipped = [
                *self.headers,
                (b"content-encoding", b"gzip"),
                (b"content-length", str(len(self.gzipped)).encode()),
            ]
        not_modified = [h for h in self.headers if h[0] in NOT_MODIFIED_HEADERS]
        object.__setattr__(self, "plain_headers", plain)
        object.__setattr__(self, "gzip_headers", gzipped)
        object.__setattr__(self, "not_modified_headers", not_modified)

    def answer(
        self, if_none_match: bytes | None, accept_encoding: bytes | None, head: bool
    ) -> tuple[int, Headers, bytes]:
        """Status, headers and body for a request with these headers."""
        if if_none_match and _etag_matches(if_none_match, self.etag):
            return 304, self.not_modified_headers, b""
        if self.gzipped is not None and accept_encoding and b"gzip" in accept_encoding:
            return self.status, self.gzip_headers, b"" if head else self.gzipped
        return self.status, self.plain_headers, b"" if head else self.body


def cache_key(
    method: str,
    path: str,
    query_string: bytes,
    body: bytes,
    accept_language: bytes | None,
    version: str,
) -> tuple[Any, ...]:
    """What a stored response is found by (HEAD is answered from GET's entry)."""
    return (
        "GET" if method == "HEAD" else method,
        path,
        query_string,
        hashlib.sha256(body).digest() if body else b"",
        accept_language,
        version,
    )


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


class BuiltItem(Generic[ModelT]):
    """One list item built for a content version: the model, which GraphQL resolves fields
    from, and its JSON, which REST pages are assembled from (serialized the first time it is
    asked for, then kept); and GraphQL's completions of selections that read only the model
    (app/graphql/completions.py), by selection."""

    __slots__ = ("_json", "completions", "model")

    def __init__(self, model: ModelT) -> None:
        self.model = model
        self._json: bytes | None = None
        self.completions: dict[int, Any] = {}

    @property
    def json(self) -> bytes:
        if self._json is None:
            self._json = self.model.model_dump_json().encode()
        return self._json


class FragmentCache(Generic[ItemT]):
    """Single list items (an article summary) built for one content version: a page the
    response cache cannot answer (a new cursor, a signed-in caller, a GraphQL query, a cache
    too small) is assembled from these instead of reading and building each item again. A
    different version empties it; it holds at most `max_entries` items.
    """

    def __init__(self, max_entries: int) -> None:
        self._version: str | None = None
        self._items: OrderedDict[Any, ItemT] = OrderedDict()
        self._max_entries = max_entries

    def get_many(self, version: str, keys: list[Any]) -> dict[Any, ItemT]:
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

    def peek(self, key: Any) -> ItemT | None:
        """The item kept under `key` for the version last asked for, if any."""
        return self._items.get(key)

    def put_many(self, version: str, items: dict[Any, ItemT]) -> None:
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
    if if_none_match == etag:
        return True
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
            key = cache_key(
                method,
                path,
                scope.get("query_string", b""),
                body,
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
        status, headers, body = entry.answer(
            _header(scope, b"if-none-match"),
            _header(scope, b"accept-encoding"),
            head=scope["method"] == "HEAD",
        )
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class CachedAnswersFirst:
    """Wraps the whole application (outside the error, CORS, body-limit and partner layers)
    and answers an anonymous GET or HEAD of public content that the response store holds,
    adding the security headers itself; anything else, and every miss, goes on to `app`,
    where `PublicResponseCache` answers or fills the store.

    Skipped: callers with credentials or an API key (the partner gate must see them), and,
    when CORS is on, requests with an Origin (the CORS layer must answer them).
    """

    def __init__(
        self,
        app: starlette.types.ASGIApp,
        *,
        tracker: ContentVersionTracker,
        store: ResponseStore,
        security_headers_for: Callable[[str], Headers],
        cors: bool,
    ) -> None:
        self.app = app
        self.tracker = tracker
        self.store = store
        self.security_headers_for = security_headers_for
        self.skip_for = (b"authorization", b"x-api-key", *((b"origin",) if cors else ()))

    async def __call__(
        self,
        scope: starlette.types.Scope,
        receive: starlette.types.Receive,
        send: starlette.types.Send,
    ) -> None:
        if scope["type"] == "http" and self.store.enabled:
            entry = self._stored(scope)
            if entry is not None:
                status, headers, body = entry[0].answer(
                    entry[1], entry[2], head=scope["method"] == "HEAD"
                )
                headers = headers + self.security_headers_for(scope["path"])
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    def _stored(
        self, scope: starlette.types.Scope
    ) -> tuple[CachedResponse, bytes | None, bytes | None] | None:
        """The stored entry with the request's If-None-Match and Accept-Encoding, if any."""
        method, path, query_string = scope["method"], scope["path"], scope["query_string"]
        if method not in ("GET", "HEAD"):
            return None
        if not path.startswith(PUBLIC_PREFIXES) and not (path == GRAPHQL_PATH and query_string):
            return None
        accept_language = if_none_match = accept_encoding = None
        for name, value in scope["headers"]:
            if name in self.skip_for:
                return None
            # The first of a repeated header counts, as in `_header`.
            if name == b"accept-language" and accept_language is None:
                accept_language = bytes(value)
            elif name == b"if-none-match" and if_none_match is None:
                if_none_match = value
            elif name == b"accept-encoding" and accept_encoding is None:
                accept_encoding = value
        version = self.tracker.fresh()
        if version is None:
            return None
        entry = self.store.get(cache_key(method, path, query_string, b"", accept_language, version))
        return None if entry is None else (entry, if_none_match, accept_encoding)


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
