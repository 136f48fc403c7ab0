"""Keyset pagination with opaque, tamper-evident cursors.

A cursor names the sort it belongs to and the (sort value, id) of the last item served, so
the next page is a seek on an index, never an OFFSET, and stays correct while rows are added.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import Integer, Row, Select, Uuid, bindparam, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import get_settings
from app.core.errors import FieldError, Invalid
from app.core.reads import Rows
from app.core.signing import BadToken, sign, unsign

ItemT = TypeVar("ItemT")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

SortKind = Literal["datetime", "text", "int"]


@dataclass(frozen=True)
class SortKey:
    """One entry of a list's sort allow-list: `-published_at` sorts newest first."""

    name: str
    column: Any
    kind: SortKind

    @property
    def descending(self) -> bool:
        return self.name.startswith("-")


CURSOR = "cursor"


def encode_cursor(secret: str, sort: SortKey, value: Any, row_id: Any) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    return sign(secret, CURSOR, [sort.name, value, row_id])


def _bad_cursor(message: str) -> Invalid:
    return Invalid(
        f"The cursor is not valid: {message}. Use a next_cursor from a previous page "
        "of the same list with the same sort, or omit it to start at the first page.",
        errors=[FieldError("query", "cursor", message)],
    )


def decode_cursor(secret: str, sort: SortKey, cursor: str) -> tuple[Any, Any]:
    try:
        payload = unsign(secret, CURSOR, cursor)
        sort_name, value, row_id = payload
    except BadToken as error:
        raise _bad_cursor(str(error)) from None
    except (TypeError, ValueError):
        raise _bad_cursor("it is malformed") from None
    if sort_name != sort.name:
        raise _bad_cursor(f"it belongs to sort={sort_name}, not sort={sort.name}")
    if sort.kind == "datetime":
        value = datetime.fromisoformat(value)
    return value, row_id


def apply_keyset(
    statement: Select[Any], *, sort: SortKey, id_column: Any, after: tuple[Any, Any] | None
) -> Select[Any]:
    """Order by (sort column, id) and seek past `after`; ties on the sort value break by id."""
    if sort.descending:
        statement = statement.order_by(sort.column.desc(), id_column.desc())
    else:
        statement = statement.order_by(sort.column.asc(), id_column.asc())
    if after is None:
        return statement
    value, row_id = after
    # Bind with the columns' types, so UTC datetimes and UUIDs take their stored form.
    value = bindparam(None, value, type_=sort.column.type)
    if isinstance(id_column.type, Uuid):
        row_id = uuid.UUID(str(row_id))  # JSON carried it as text
    row_id = bindparam(None, row_id, type_=id_column.type)
    # A row-value comparison is one index range scan on SQLite and PostgreSQL alike.
    position = tuple_(sort.column, id_column)
    if sort.descending:
        return statement.where(position < tuple_(value, row_id))
    return statement.where(position > tuple_(value, row_id))


def keyset_select(
    statement: Select[Any], *, sort: SortKey, id_column: Any, after: bool
) -> Select[Any]:
    """`apply_keyset` with bound parameters instead of values, so the statement is built
    and compiled once per shape: `keyset_params` gives the values (and the page limit)."""
    position = tuple_(sort.column, id_column)
    seek = tuple_(
        bindparam("after_value", type_=sort.column.type),
        bindparam("after_id", type_=id_column.type),
    )
    if sort.descending:
        statement = statement.order_by(sort.column.desc(), id_column.desc())
        if after:
            statement = statement.where(position < seek)
    else:
        statement = statement.order_by(sort.column.asc(), id_column.asc())
        if after:
            statement = statement.where(position > seek)
    return statement.limit(bindparam("page_limit", type_=Integer))


def keyset_params(sort: SortKey, cursor: str | None, limit: int) -> dict[str, Any]:
    """The parameters of a `keyset_select`: one row more than the page, to know if another
    page follows."""
    params: dict[str, Any] = {"page_limit": limit + 1}
    if cursor:
        params["after_value"], params["after_id"] = decode_cursor(
            get_settings().secret_key, sort, cursor
        )
    return params


def next_cursor(sort: SortKey, rows: Rows, limit: int) -> str | None:
    """The cursor after a page of `keyset_select` rows that start with (id, sort value)."""
    if len(rows) <= limit:
        return None
    last = limit - 1
    return encode_cursor(get_settings().secret_key, sort, rows.value(last, 1), rows.value(last, 0))


def page_json(items: list[bytes], next_cursor: str | None) -> bytes:
    """A `Page` serialized from items already serialized: the bytes `Page.model_dump_json`
    would give for the same items."""
    cursor = b"null" if next_cursor is None else json.dumps(next_cursor).encode()
    return b'{"items":[' + b",".join(items) + b'],"next_cursor":' + cursor + b"}"


class Page(BaseModel, Generic[ItemT]):
    """One page of a list. Each list subclasses it (`ArticlePage`), which names it in OpenAPI
    and in generated clients."""

    items: list[ItemT]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class Items(BaseModel, Generic[ItemT]):
    """A short list returned whole (bounded by design, so not paginated)."""

    items: list[ItemT]


async def fetch_page(
    session: AsyncSession,
    statement: Select[Any],
    *,
    sort: SortKey,
    id_column: Any,
    limit: int,
    cursor: str | None,
) -> tuple[list[Row[Any]], str | None]:
    """Run a keyset-paginated select: one page of rows and the cursor to the next one.

    The statement must select `sort.column` and `id_column`.
    """
    secret = get_settings().secret_key
    after = decode_cursor(secret, sort, cursor) if cursor else None
    statement = apply_keyset(statement, sort=sort, id_column=id_column, after=after)
    rows = list((await session.execute(statement.limit(limit + 1))).all())
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]._mapping
    return rows, encode_cursor(secret, sort, last[sort.column], last[id_column])
