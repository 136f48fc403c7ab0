"""GraphQL errors carry the same `code` as REST's problem types; the unexpected is masked."""

import logging

from graphql import GraphQLError
from pydantic import ValidationError

from app.core.errors import DomainError, FieldError, Invalid

logger = logging.getLogger("app.graphql")

VALIDATION_FAILED = "graphql-validation-failed"
INTERNAL_ERROR = "internal-error"


def _with_code(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, DomainError):
        extensions = dict(error.extensions or {})
        extensions["code"] = original.code
        if original.errors:
            extensions["errors"] = [
                {"location": e.location, "name": e.name, "message": e.message}
                for e in original.errors
            ]
        return GraphQLError(
            original.detail,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions=extensions,
        )
    if original is None or isinstance(original, GraphQLError):
        # Syntax, validation and limit errors: the message is meant for the client.
        extensions = dict(error.extensions or {})
        extensions.setdefault("code", VALIDATION_FAILED)
        return GraphQLError(
            error.message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions=extensions,
        )
    logger.error("unexpected error in GraphQL resolver", exc_info=original)
    return GraphQLError(
        "An unexpected error occurred. It has been logged; please try again later.",
        nodes=error.nodes,
        positions=error.positions,
        path=error.path,
        extensions={"code": INTERNAL_ERROR},
    )


def with_codes(errors: list[GraphQLError]) -> list[GraphQLError]:
    """Every error gets a `code`; unexpected ones are masked (and logged)."""
    return [_with_code(error) for error in errors]


def invalid_from(error: ValidationError, prefix: str = "") -> Invalid:
    """The REST input models' rules, reported as a GraphQL error with REST's code."""
    errors = [
        FieldError(
            "argument",
            prefix + ".".join(str(part) for part in detail["loc"]),
            str(detail["msg"]),
        )
        for detail in error.errors()
    ]
    return Invalid("; ".join(f"{e.name}: {e.message}" for e in errors), errors=errors)
