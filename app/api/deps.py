"""Request dependencies, as named Annotated aliases shared by REST and GraphQL."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, Query, Request, Response
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts import service as accounts
from app.accounts.models import STAFF_ROLES, Role, User
from app.api.params import LOCALE_PATTERN
from app.core.config import Settings
from app.core.errors import Unauthorized
from app.core.locales import detail_locale
from app.core.ratelimit import RateLimiter
from app.crisis import service as crisis
from app.crisis.models import COUNTRY_PATTERN


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    # Services commit their own work; this only opens and closes the session.
    session: AsyncSession = request.app.state.sessionmaker()
    try:
        yield session
    finally:
        # Closing is AsyncSession's exit: close() in a new task, shielded so a cancelled
        # request still gives its connection back (~70 us). A session that holds no
        # transaction holds no connection: anonymous reads served from the read connection
        # and the per-version caches never take one, and skip it.
        if session.in_transaction():
            await session.__aexit__(None, None, None)


# Dependencies are `async def` even when they do not await: FastAPI runs a plain `def`
# dependency in a worker thread, a hop costing more than the function (and a thread each,
# up to 40, under load).
async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.limiter
    return limiter


async def get_client_info(request: Request) -> accounts.ClientInfo:
    return accounts.ClientInfo(
        ip=request.client.host if request.client else "unknown",
        user_agent=request.headers.get("user-agent", ""),
    )


SessionDep = Annotated[AsyncSession, Depends(get_session)]
AcceptLanguage = Annotated[
    str | None,
    Header(
        description="The caller's languages: they choose the language of content when "
        "`locale` is not given (English when none matches), and the region of the preferred "
        "one (`en-GB`) the country for crisis help when `country` is not given.",
        examples=["en-GB,en;q=0.9"],
    ),
]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
LimiterDep = Annotated[RateLimiter, Depends(get_limiter)]
ClientDep = Annotated[accounts.ClientInfo, Depends(get_client_info)]

bearer_token = OAuth2PasswordBearer(
    tokenUrl="/v1/auth/token",
    auto_error=False,
    description="Sign in at /v1/auth/token with your email as the username.",
)


async def get_optional_user(
    session: SessionDep,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(bearer_token)],
) -> User | None:
    """The signed-in member, or None without a token. A bad token is a 401, never anonymous."""
    if token is None:
        return None
    return await accounts.user_from_access_token(session=session, settings=settings, token=token)


async def user_of_request(request: Request, session: AsyncSession) -> User | None:
    """get_optional_user for a caller that already has the session (GraphQL's context):
    the same token rule, without three more dependencies to solve on every request."""
    return await get_optional_user(session, request.app.state.settings, await bearer_token(request))


async def get_current_user(user: Annotated[User | None, Depends(get_optional_user)]) -> User:
    if user is None:
        raise Unauthorized("Sign in first: send 'Authorization: Bearer <access token>'.")
    return user


OptionalUser = Annotated[User | None, Depends(get_optional_user)]
CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_staff_user(user: CurrentUser) -> User:
    return accounts.require_role(user, STAFF_ROLES)


async def get_admin_user(user: CurrentUser) -> User:
    return accounts.require_role(user, frozenset({Role.admin}))


StaffUser = Annotated[User, Depends(get_staff_user)]
AdminUser = Annotated[User, Depends(get_admin_user)]


async def private_response(response: Response) -> None:
    """Member data: never stored by shared caches, and not by the browser either."""
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Vary"] = "Authorization"


async def get_crisis_country(
    accept_language: AcceptLanguage = None,
    country: Annotated[
        str | None,
        Query(
            pattern=COUNTRY_PATTERN,
            description="ISO 3166-1 alpha-2 code choosing the crisis helplines shown with "
            "content about suicide or self-harm; default: the Accept-Language region.",
            examples=["GB"],
        ),
    ] = None,
) -> str | None:
    return crisis.choose_country(country=country, accept_language=accept_language)


# The caller's country for crisis help (None: the international list).
CrisisCountry = Annotated[str | None, Depends(get_crisis_country)]


async def get_detail_locale(
    accept_language: AcceptLanguage = None,
    locale: Annotated[
        str | None,
        Query(
            pattern=LOCALE_PATTERN,
            description="Answer with the entry's translation in this language when it has "
            "one (else the entry as it is); default: from Accept-Language, if sent.",
            examples=["es"],
        ),
    ] = None,
) -> str | None:
    return detail_locale(locale, accept_language)


DetailLocale = Annotated[str | None, Depends(get_detail_locale)]
