"""Who may use the admin, and what they may open.

Staff (editors, reviewers, admins) sign in with their account's email and password, checked by
the accounts service with the API's own throttling. The session is a cookie signed with a key
derived from SECRET_KEY: HttpOnly, SameSite=Strict (so no other site can make the browser send
it, even on a link: the workflow buttons are links), Secure in production, and scoped to the
admin's path. Every request reloads the user, so a changed role or "sign out everywhere" ends
an admin session at once.
"""

import hashlib
import hmac
import logging
import time
import uuid
from typing import Any

from sqladmin.authentication import AuthenticationBackend
from sqladmin.authorization import AuthorizationBackend
from sqladmin.templating import Jinja2Templates
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.accounts import service as accounts
from app.accounts.models import STAFF_ROLES, Role, User
from app.core.config import Settings
from app.core.db import begin_write
from app.core.errors import RateLimited, Unauthorized
from app.editorial import service as editorial

logger = logging.getLogger("app.admin")
SESSION_COOKIE = "admin_session"
SESSION_HOURS = 12
NOT_STAFF = "This account is not allowed to use the admin: it is for editors, reviewers and admins."
# Views only admins open: the audit log and the accounts.
ADMIN_ONLY = frozenset({"audit-entry", "user"})


class AppSessions(async_sessionmaker[AsyncSession]):
    """The app's own sessionmaker, looked up on every call.

    The engine belongs to the app's lifespan (and tests swap in their own sessionmaker
    without running it), so the admin asks `app.state` when it needs a session rather than
    holding an engine of its own: the admin and the API always share one pool.
    """

    def __init__(self, state: Any) -> None:
        super().__init__(class_=AsyncSession)
        self._state = state

    def __call__(self, **local_kw: Any) -> AsyncSession:
        session: AsyncSession = self._state.sessionmaker(**local_kw)
        return session


def session_key(settings: Settings) -> str:
    # A key of its own, so an admin cookie can never be confused with another signed value.
    return hmac.new(settings.secret_key.encode(), b"admin-session", hashlib.sha256).hexdigest()


def staff_user(request: Request) -> User:
    """The signed-in staff member (set by `StaffAuthentication.authenticate`)."""
    user: User = request.state.staff_user
    return user


def client_of(request: Request) -> accounts.ClientInfo:
    return accounts.ClientInfo(
        ip=request.client.host if request.client else "unknown",
        user_agent=request.headers.get("user-agent", ""),
    )


class StaffAuthentication(AuthenticationBackend):
    def __init__(self, state: Any, settings: Settings) -> None:
        super().__init__(
            secret_key=session_key(settings),
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_HOURS * 3600,
            path="/admin",
            same_site="strict",
            https_only=settings.is_production,
        )
        self._state = state
        self._sessions = AppSessions(state)
        self.templates: Jinja2Templates | None = None  # set once the Admin exists

    async def _refuse(self, request: Request, message: str, status_code: int) -> Response:
        assert self.templates is not None
        return await self.templates.TemplateResponse(
            request, "sqladmin/login.html", {"error": message}, status_code=status_code
        )

    async def login(self, request: Request) -> Response | bool:
        form = await request.form()
        email, password = str(form.get("username") or ""), str(form.get("password") or "")
        async with self._sessions() as session:
            try:
                user = await accounts.check_credentials(
                    session=session,
                    settings=self._state.settings,
                    limiter=self._state.limiter,
                    email=email,
                    password=password,
                    client=client_of(request),
                )
            except RateLimited as error:
                response = await self._refuse(request, error.detail, 429)
                response.headers["Retry-After"] = str(error.retry_after_seconds)
                return response
            except Unauthorized as error:
                return await self._refuse(request, error.detail, 400)
            if user.role not in STAFF_ROLES:
                return await self._refuse(request, NOT_STAFF, 403)
            await begin_write(session)
            editorial.audit(
                session, actor=user, action="admin.sign_in", entity_type="user", entity_id=user.id
            )
            await session.commit()
        request.session.clear()
        request.session.update(
            {
                "user_id": str(user.id),
                "token_version": user.token_version,
                "expires": int(time.time()) + SESSION_HOURS * 3600,
            }
        )
        return True

    async def logout(self, request: Request) -> Response | bool:
        request.session.clear()
        return RedirectResponse(request.url_for("admin:login"), status_code=302)

    async def authenticate(self, request: Request) -> Response | bool:
        try:
            user_id = uuid.UUID(str(request.session.get("user_id")))
        except ValueError:
            return False
        if int(request.session.get("expires") or 0) < time.time():
            request.session.clear()
            return False
        async with self._sessions() as session:
            user = await session.get(User, user_id)
        if (
            user is None
            or user.role not in STAFF_ROLES
            or user.token_version != request.session.get("token_version")
        ):
            request.session.clear()
            return False
        request.state.staff_user = user
        return True


class StaffAuthorization(AuthorizationBackend):
    """Staff open the content, the workflow and the review queue; the audit log and the
    accounts are for admins. Which workflow step each role may take is the service's rule."""

    def has_permission(
        self, request: Request, identity: str, action: str, obj: Any | None = None
    ) -> bool:
        user: User | None = getattr(request.state, "staff_user", None)
        if user is None or user.role not in STAFF_ROLES:
            return False
        return identity not in ADMIN_ONLY or user.role == Role.admin
