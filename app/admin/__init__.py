"""The admin web UI at /admin (sqladmin): staff sign in, edit content through the editorial
service, move it through the review workflow, and read the review queue and the audit log.

The site (app/admin/site.py) is built on the first request to /admin: sqladmin, WTForms,
Jinja and the views are ~4 MB per worker, and most workers only ever serve the API."""

from typing import Any

from fastapi import FastAPI
from starlette.routing import BaseRoute
from starlette.types import Receive, Scope, Send

from app.core.config import Settings

BASE_URL = "/admin"


class AdminOnFirstRequest:
    """The admin's ASGI app, built when first called or when a URL in it is first asked for
    (`url_for("admin:...")` reads `routes`)."""

    def __init__(self, state: Any, settings: Settings) -> None:
        self.state = state
        self.settings = settings
        self.site: Any = None

    def _site(self) -> Any:
        if self.site is None:
            from app.admin.site import build_admin

            self.site = build_admin(self.state, self.settings, BASE_URL)
        return self.site

    @property
    def routes(self) -> list[BaseRoute]:
        routes: list[BaseRoute] = self._site().routes
        return routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._site()(scope, receive, send)


def mount_admin(app: FastAPI, settings: Settings) -> None:
    """Mount the admin at /admin, built on its first request."""
    app.mount(BASE_URL, AdminOnFirstRequest(app.state, settings), name="admin")
