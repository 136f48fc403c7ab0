"""Global object ids: opaque, typed, and resolved through the same services as REST."""

import base64
import binascii
from collections.abc import Callable
from typing import Any

import strawberry

from app.core.errors import FieldError, Invalid
from app.graphql.completions import reads_only_parent


@strawberry.interface(description="An object with a global id, fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Global id: pass it to `node(id:)` to fetch this object."
    )


def global_id(type_name: str, key: object) -> strawberry.ID:
    return strawberry.ID(base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode())


def global_id_of(type_name: str) -> Callable[..., strawberry.ID]:
    """A resolver of the global id of content addressed by slug."""

    @reads_only_parent
    def resolve(root: strawberry.Parent[Any]) -> strawberry.ID:
        return global_id(type_name, root.slug)

    return resolve


@reads_only_parent
def database_id_of(root: strawberry.Parent[Any]) -> int:
    return int(root.id)


def parse_global_id(value: str) -> tuple[str, str]:
    try:
        type_name, key = base64.urlsafe_b64decode(value.encode()).decode().split(":", 1)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Invalid(
            "The id is not a global id from this API.",
            errors=[FieldError("argument", "id", "not a global id")],
        ) from None
    return type_name, key
