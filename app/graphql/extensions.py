"""Schema extensions: persisted queries and the anonymous result cache."""

import hashlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from typing import Any

import orjson
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

PERSISTED_QUERY_NOT_FOUND = "persisted-query-not-found"


class BoundedCache:
    """A small LRU map; enough for one process's working set of documents and results."""

    def __init__(self, maxsize: int) -> None:
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._maxsize = maxsize

    @property
    def enabled(self) -> bool:
        return self._maxsize > 0

    def get(self, key: str) -> Any:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._maxsize:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()


def _persisted_query_error(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


class PersistedQueries(SchemaExtension):
    """Automatic persisted queries: a client sends `extensions.persistedQuery.sha256Hash`
    with the query once, then the hash alone. An unknown hash asks for the full query."""

    documents = BoundedCache(maxsize=2000)

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        persisted = (context.operation_extensions or {}).get("persistedQuery")
        if isinstance(persisted, dict):
            digest = persisted.get("sha256Hash")
            if not isinstance(digest, str) or len(digest) != 64:
                raise _persisted_query_error(
                    "persistedQuery.sha256Hash must be the SHA-256 of the query in hex.",
                    "invalid-request",
                )
            if context.query:
                if hashlib.sha256(context.query.encode()).hexdigest() != digest:
                    raise _persisted_query_error(
                        "persistedQuery.sha256Hash does not match the query sent with it.",
                        "invalid-request",
                    )
                self.documents.put(digest, context.query)
            else:
                query = self.documents.get(digest)
                if query is None:
                    raise _persisted_query_error(
                        "PersistedQueryNotFound: send the full query with this hash once.",
                        PERSISTED_QUERY_NOT_FOUND,
                    )
                context.query = query
        yield


class AnonymousResultCache(SchemaExtension):
    """Anonymous queries are answered from memory while the catalogue has not changed:
    keyed by (document, variables, operation, content version), so any content change (or a
    scheduled item going live, or a review falling overdue at midnight) misses."""

    def __init__(self, results: BoundedCache) -> None:
        super().__init__()
        self.results = results

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        graphql_context = context.context
        key = None
        if (
            self.results.enabled
            and graphql_context.user is None
            and context.operation_type is OperationType.QUERY
            and context.query
        ):
            version = await graphql_context.content_version.current()
            request = graphql_context.request
            # Crisis help without a country follows Accept-Language, as in REST.
            accept_language = request.headers.get("accept-language") if request else None
            key = hashlib.sha256(
                orjson.dumps(
                    [
                        context.query,
                        context.variables,
                        context.operation_name,
                        accept_language,
                        version,
                    ],
                    option=orjson.OPT_SORT_KEYS,
                    default=str,
                )
            ).hexdigest()
            cached = self.results.get(key)
            if cached is not None:
                context.result = cached
        yield
        result = context.result
        if key is not None and result is not None and not result.errors:
            self.results.put(key, result)
