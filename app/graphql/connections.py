"""Relay-style connections over the services' keyset pages."""

from collections.abc import Callable
from enum import Enum
from functools import partial
from operator import attrgetter
from typing import Any, Generic, TypeVar

import strawberry

from app.core.config import get_settings
from app.core.errors import FieldError, Invalid
from app.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, SortKey, encode_cursor

NodeT = TypeVar("NodeT")

MAX_NESTED = 20


@strawberry.enum(description="Sort orders of content lists, as REST's `sort` values.")
class ContentSort(Enum):
    PUBLISHED_AT_DESC = "-published_at"
    PUBLISHED_AT = "published_at"
    UPDATED_AT_DESC = "-updated_at"
    UPDATED_AT = "updated_at"
    TITLE = "title"
    TITLE_DESC = "-title"


@strawberry.type(description="Where this page ends and whether more follow.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None = strawberry.field(description="Pass as `after` to get the next page.")


@strawberry.type
class Edge(Generic[NodeT]):
    node: NodeT
    # Signing a cursor costs ~12 us; most queries select `nodes` or leave `cursor` out, so
    # it is signed only when asked for.
    sign_cursor: strawberry.Private[Callable[[], str]]

    @strawberry.field
    def cursor(self) -> str:
        return self.sign_cursor()


@strawberry.type(description="A page of a list: `nodes` (or `edges`) and `pageInfo`.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    nodes: list[NodeT]
    page_info: PageInfo


def page_size(first: int, *, name: str = "first", maximum: int = MAX_PAGE_SIZE) -> int:
    if not 1 <= first <= maximum:
        raise Invalid(
            f"'{name}' must be between 1 and {maximum}.",
            errors=[FieldError("argument", name, f"must be between 1 and {maximum}")],
        )
    return first


def connection(page: Page[Any], sort: SortKey, id_attribute: str = "id") -> Connection[Any]:
    """Wrap a service page; each edge's cursor resumes right after that item. `id_attribute`
    may be dotted (`track.id`), for items whose key is another object's id."""
    secret = get_settings().secret_key
    key = sort.column.key
    id_of = attrgetter(id_attribute)
    edges = [
        Edge(
            node=item,
            sign_cursor=partial(encode_cursor, secret, sort, getattr(item, key), id_of(item)),
        )
        for item in page.items
    ]
    return Connection(
        edges=edges,
        nodes=list(page.items),
        page_info=PageInfo(has_next_page=page.next_cursor is not None, end_cursor=page.next_cursor),
    )


__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_NESTED",
    "Connection",
    "ContentSort",
    "PageInfo",
    "connection",
    "page_size",
]


def aware(value: Any, name: str) -> Any:
    """Times must carry an offset, as in REST; a naive time is ambiguous."""
    if value is not None and value.tzinfo is None:
        raise Invalid(
            f"'{name}' needs a UTC offset, e.g. 2026-11-01T00:00:00Z.",
            errors=[FieldError("argument", name, "must include a UTC offset")],
        )
    return value
