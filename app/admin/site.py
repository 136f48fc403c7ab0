"""The admin site built with sqladmin: its guard, authentication, views and templates.
Imported on the first request to /admin (app/admin/__init__.py)."""

from pathlib import Path
from typing import Any

from sqladmin import Admin
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse

from app.admin.auth import AppSessions, StaffAuthentication, StaffAuthorization
from app.admin.views import VIEWS, ReviewQueueView
from app.core.config import Settings

TEMPLATES = Path(__file__).parent / "templates"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class AdminGuard:
    """Headers for every admin page, and a refusal for cross-site writes.

    Pages are never stored (`no-store`) nor framed (the workflow buttons are links, so a
    framed page could be clicked through). The session cookie is SameSite=Strict already;
    as a second line, a write or a workflow step that the browser says came from another
    site (`Sec-Fetch-Site`, or an `Origin` that is not this host) is refused.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope["headers"]
        }
        changes = scope["method"] in UNSAFE_METHODS or "/action/" in scope["path"]
        origin = headers.get("origin")
        foreign_origin = origin is not None and origin.split("://", 1)[-1] != headers.get("host")
        if changes and (headers.get("sec-fetch-site") == "cross-site" or foreign_origin):
            response = PlainTextResponse("Cross-site requests cannot change content.", 403)
            return await response(scope, receive, send)
        is_static = scope["path"].startswith(f"{scope.get('root_path', '')}/statics/")

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and not is_static:
                message.setdefault("headers", [])
                message["headers"] = [
                    (name, value)
                    for name, value in message["headers"]
                    if name.lower() != b"cache-control"
                ] + [
                    (b"cache-control", b"no-store"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-content-type-options", b"nosniff"),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def build_admin(state: Any, settings: Settings, base_url: str) -> Starlette:
    """The admin's ASGI app. It reads `state.sessionmaker` per request, so it works with the
    engine the lifespan creates and with the one tests put there."""
    sessions = AppSessions(state)
    authentication = StaffAuthentication(state, settings)
    admin = Admin(
        # sqladmin mounts its app on the one it is given; the caller mounts it itself.
        Starlette(),
        session_maker=sessions,
        base_url=base_url,
        title="Smart Meditation admin",
        templates_dir=str(TEMPLATES),
        middlewares=[Middleware(AdminGuard)],
        authentication_backend=authentication,
        authorization_backend=StaffAuthorization(),
    )
    authentication.templates = admin.templates
    for view in VIEWS:
        # sqladmin keeps its state on the view classes: each app gets subclasses of its own.
        extra = {"sessions": sessions} if view is ReviewQueueView else {}
        admin.add_view(type(view.__name__, (view,), extra))
    return admin.admin
