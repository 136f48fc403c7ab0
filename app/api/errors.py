"""Every error leaves the API as RFC 9457 problem+json, with no stack trace in it."""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.core.errors import (
    Conflict,
    ContentTooLarge,
    DomainError,
    FieldError,
    Forbidden,
    Invalid,
    Moved,
    NotFound,
    RateLimited,
    Unauthorized,
    UnsupportedMediaType,
)

logger = logging.getLogger("app.errors")

PROBLEM_JSON = "application/problem+json"

# Where each kind of entry is read publicly, for redirects.
PUBLIC_COLLECTIONS = {"article": "articles", "track": "tracks", "collection": "collections"}

STATUS_BY_ERROR: dict[type[DomainError], int] = {
    Moved: 301,
    NotFound: 404,
    Unauthorized: 401,
    Forbidden: 403,
    Conflict: 409,
    ContentTooLarge: 413,
    UnsupportedMediaType: 415,
    Invalid: 422,
    RateLimited: 429,
}

RANGE_NOT_SATISFIABLE = "range-not-satisfiable"

# What each problem `type` means; served at /problems/{code} so the URI leads somewhere.
PROBLEM_TYPES: dict[str, str] = {
    "not-found": "The resource does not exist, is not published, or you may not see it.",
    "unauthorized": "Sign in, or send a valid bearer token or API key.",
    "forbidden": "You are signed in, but your role or scopes do not allow this.",
    "conflict": "The request breaks a rule about the resource's current state; see detail.",
    "invalid-request": "A parameter or field is invalid; `errors` names each one and why.",
    "rate-limited": "Too many requests; retry after the number of seconds in Retry-After.",
    "moved-permanently": "The entry was renamed: follow the Location header to its new slug.",
    ContentTooLarge.code: "The request body, or the uploaded file, is larger than this route "
    "allows; detail gives the limit.",
    UnsupportedMediaType.code: "The file's content is not an allowed audio or image type, "
    "disagrees with its declared Content-Type, or cannot be read.",
    RANGE_NOT_SATISFIABLE: "The Range starts past the end of the file; Content-Range gives "
    "its size.",
    "method-not-allowed": "The path exists but does not accept this HTTP method.",
    "http-error": "The request could not be served; see detail.",
    "internal-error": "An unexpected error on our side. It was logged; retrying may help.",
    "service-unavailable": "A dependency (such as the database) is not ready; retry later.",
}


class ProblemFieldError(BaseModel):
    location: str = Field(description="Where the input was: query, path, header or body.")
    name: str = Field(description="The parameter or field, dotted for nested body fields.")
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(examples=["/problems/not-found"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["No published article has the slug 'sleep-hygine'."])
    instance: str | None = Field(default=None, examples=["/v1/articles/sleep-hygine"])
    code: str = Field(description="Stable machine-readable error code.", examples=["not-found"])
    errors: list[ProblemFieldError] | None = None


def problem_response(
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    instance: str | None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        "code": code,
    }
    if errors:
        body["errors"] = [
            {"location": e.location, "name": e.name, "message": e.message} for e in errors
        ]
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[FieldError]:
    errors = []
    for error in exc.errors():
        location, *path = error.get("loc", ()) or ("request",)
        name = ".".join(str(part) for part in path) or str(location)
        message = str(error.get("msg", "is invalid"))
        if error.get("type") == "extra_forbidden":
            message = f"Unknown {location} parameter; check its spelling against the docs"
        errors.append(FieldError(str(location), name, message))
    return errors


def status_of(error: DomainError) -> int:
    return next((code for cls, code in STATUS_BY_ERROR.items() if isinstance(error, cls)), 400)


class ProblemException(StarletteHTTPException):
    """Carries a domain error through code that lets only HTTPExceptions pass: FastAPI
    re-raises an HTTPException met while reading the body, and turns anything else into a
    400. `handle_http_error` answers it as the domain error it carries."""

    def __init__(self, error: DomainError) -> None:
        super().__init__(status_code=status_of(error), detail=error.detail)
        self.error = error


def domain_problem(
    error: DomainError, *, instance: str | None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The problem+json response for a domain error (also used by the ASGI layers)."""
    status = status_of(error)
    headers = dict(headers or {})
    if isinstance(error, RateLimited):
        headers["Retry-After"] = str(error.retry_after_seconds)
    elif isinstance(error, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    elif isinstance(error, Moved):
        headers["Location"] = f"/v1/{PUBLIC_COLLECTIONS[error.entity_type]}/{error.slug}"
    return problem_response(
        status=status,
        code=error.code,
        title=error.title,
        detail=error.detail,
        instance=instance,
        errors=error.errors,
        headers=headers,
    )


async def handle_domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return domain_problem(exc, instance=request.url.path)


async def handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    detail = "; ".join(f"{e.location} parameter '{e.name}': {e.message}" for e in errors)
    if errors and errors[0].location == "body":
        detail = "; ".join(f"field '{e.name}': {e.message}" for e in errors)
    return problem_response(
        status=422,
        code=Invalid.code,
        title=Invalid.title,
        detail=detail or "The request is invalid.",
        instance=request.url.path,
        errors=errors,
    )


# FastAPI's message when a body is not even text (e.g. invalid UTF-8); JSON that does not
# parse is already a 422 from FastAPI, so this is answered the same way.
UNPARSABLE_BODY = "There was an error parsing the body"


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at this path: Starlette names only the first route's."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        if route.methods and route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods
    return ", ".join(sorted(methods))


async def handle_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, ProblemException):
        return domain_problem(exc.error, instance=request.url.path)
    status = exc.status_code
    if status == 400 and exc.detail == UNPARSABLE_BODY:
        return problem_response(
            status=422,
            code=Invalid.code,
            title=Invalid.title,
            detail="The request body is not valid JSON.",
            instance=request.url.path,
            errors=[FieldError("body", "body", "is not valid JSON text")],
        )
    headers = dict(getattr(exc, "headers", None) or {})
    if status == 405:
        headers["Allow"] = _allowed_methods(request)
    codes = {
        404: "not-found",
        405: "method-not-allowed",
        401: "unauthorized",
        403: "forbidden",
        413: ContentTooLarge.code,
        415: UnsupportedMediaType.code,
        416: RANGE_NOT_SATISFIABLE,
    }
    code = codes.get(status, "http-error")
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
    if status == 404 and detail == "Not Found":
        detail = f"No route matches {request.method} {request.url.path}. See /docs."
    return problem_response(
        status=status,
        code=code,
        title=HTTPStatus(status).phrase,
        detail=detail,
        instance=request.url.path,
        headers=headers or None,
    )


def _database_busy(exc: Exception) -> bool:
    """SQLite still busy after its busy_timeout: many writers at once, not a bug to hide."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


async def handle_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, PoolTimeoutError):
        # Every pooled connection stayed busy for the pool's timeout: the worker is
        # overloaded, which is not a bug to log with a traceback.
        logger.warning("no database connection free on %s %s", request.method, request.url.path)
        return problem_response(
            status=503,
            code="service-unavailable",
            title="Service Unavailable",
            detail="The server is overloaded: no database connection became free in time. "
            "Retry in a few seconds.",
            instance=request.url.path,
            headers={"Retry-After": "5"},
        )
    if _database_busy(exc):
        logger.warning("database busy on %s %s", request.method, request.url.path)
        return problem_response(
            status=503,
            code="service-unavailable",
            title="Service Unavailable",
            detail="The database is busy with other writes; nothing was saved. Retry shortly.",
            instance=request.url.path,
            headers={"Retry-After": "1"},
        )
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        status=500,
        code="internal-error",
        title="Internal Server Error",
        detail="An unexpected error occurred. It has been logged; please try again later.",
        instance=request.url.path,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, handle_domain_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(Exception, handle_unexpected_error)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries documenting the problem+json errors a route can return."""
    descriptions = {
        401: "Not authenticated",
        403: "Not allowed",
        404: "Not found",
        409: "Conflicts with the resource's state",
        413: "The body is over this route's size limit",
        422: "Invalid parameter or body; `errors` names each one",
        429: "Rate limited; see Retry-After",
        503: "Not ready",
    }
    return {
        status: {
            "model": Problem,
            "description": descriptions.get(status, HTTPStatus(status).phrase),
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
