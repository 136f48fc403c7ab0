"""Domain errors: what went wrong in the service layer, with no HTTP or GraphQL in it.

Each edge maps them once: `app/api/errors.py` to problem+json, GraphQL to error extensions.
`code` is the stable, machine-readable name a client can switch on.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One invalid input: where it was (query, path, body, header), its name, and why."""

    location: str
    name: str
    message: str


class DomainError(Exception):
    code: str = "domain-error"
    title: str = "Request could not be completed"

    def __init__(self, detail: str, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class NotFound(DomainError):
    code = "not-found"
    title = "Not found"


class Unauthorized(DomainError):
    code = "unauthorized"
    title = "Authentication required"


class Forbidden(DomainError):
    code = "forbidden"
    title = "Forbidden"


class Conflict(DomainError):
    code = "conflict"
    title = "Conflict"


class Invalid(DomainError):
    code = "invalid-request"
    title = "Invalid request"


class RateLimited(DomainError):
    code = "rate-limited"
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds


class Moved(DomainError):
    """The entry now lives under another slug (it was renamed after being published)."""

    code = "moved-permanently"
    title = "Moved permanently"

    def __init__(self, detail: str, *, entity_type: str, slug: str) -> None:
        super().__init__(detail)
        self.entity_type = entity_type
        self.slug = slug


class ContentTooLarge(DomainError):
    """A request body (or an uploaded file) over its limit."""

    code = "payload-too-large"
    title = "Content too large"


class UnsupportedMediaType(DomainError):
    code = "unsupported-media-type"
    title = "Unsupported media type"
