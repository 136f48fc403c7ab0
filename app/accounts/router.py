"""REST: registration, sign-in and tokens (/v1/auth), and the member's profile (/v1/me)."""

from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.security import OAuth2PasswordRequestForm

from app.accounts import privacy, service
from app.accounts.models import RefreshRequest, TokenPair, UserPublic, UserRegister, UserUpdate
from app.api.deps import (
    ClientDep,
    CurrentUser,
    LimiterDep,
    SessionDep,
    SettingsDep,
    private_response,
)
from app.api.errors import problem_responses
from app.core.db import utcnow

auth_router = APIRouter(prefix="/auth", tags=["auth"], dependencies=[Depends(private_response)])
me_router = APIRouter(prefix="/me", tags=["me"], dependencies=[Depends(private_response)])


@auth_router.post(
    "/register",
    summary="Create a member account",
    status_code=status.HTTP_201_CREATED,
    response_model=UserPublic,
    responses=problem_responses(409, 422, 429),
)
async def register(
    session: SessionDep, data: UserRegister, limiter: LimiterDep, client: ClientDep
) -> UserPublic:
    """Register with email, password, display name, IANA time zone and locale, then sign in
    at /v1/auth/token. Passwords need at least 10 characters, not a common password and
    not the email; a 422 lists every rule broken."""
    user = await service.register(session=session, data=data, limiter=limiter, client=client)
    return UserPublic.model_validate(user)


@auth_router.post(
    "/token",
    summary="Sign in (OAuth2 password flow)",
    response_model=TokenPair,
    responses=problem_responses(401, 422, 429),
)
async def sign_in(
    session: SessionDep,
    settings: SettingsDep,
    limiter: LimiterDep,
    client: ClientDep,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> TokenPair:
    """Form fields `username` (the email) and `password`. Returns a 15-minute access token
    and a refresh token. Repeated failures for one account or from one address are
    throttled with 429 and Retry-After."""
    return await service.sign_in(
        session=session,
        settings=settings,
        limiter=limiter,
        email=form.username,
        password=form.password,
        client=client,
    )


@auth_router.post(
    "/refresh",
    summary="Exchange a refresh token for new tokens",
    response_model=TokenPair,
    responses=problem_responses(401, 422),
)
async def refresh(
    session: SessionDep, settings: SettingsDep, client: ClientDep, data: RefreshRequest
) -> TokenPair:
    """Each refresh token works once and is replaced by the one returned. Presenting a used
    one again (after a short grace period for retries) signs out that sign-in everywhere."""
    return await service.refresh_tokens(
        session=session, settings=settings, refresh_token=data.refresh_token, client=client
    )


@auth_router.post(
    "/logout",
    summary="Sign out this device",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(422),
)
async def sign_out(session: SessionDep, data: RefreshRequest) -> None:
    """Revokes the refresh token and every token rotated from the same sign-in."""
    await service.sign_out(session=session, refresh_token=data.refresh_token)


@auth_router.post(
    "/logout-all",
    summary="Sign out every device",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401),
)
async def sign_out_everywhere(session: SessionDep, user: CurrentUser) -> None:
    """Revokes every refresh token and makes every access token already issued invalid."""
    await service.sign_out_everywhere(session=session, user=user)


@me_router.get(
    "", summary="Get my profile", response_model=UserPublic, responses=problem_responses(401)
)
async def get_me(user: CurrentUser) -> UserPublic:
    """The signed-in member's profile and settings."""
    return UserPublic.model_validate(user)


@me_router.patch(
    "",
    summary="Update my profile",
    response_model=UserPublic,
    responses=problem_responses(401, 422),
)
async def update_me(session: SessionDep, user: CurrentUser, data: UserUpdate) -> UserPublic:
    """Change display name, time zone, locale, daily goal or whether streaks are shown.
    Any other field (role, premium, email) is rejected with 422."""
    return UserPublic.model_validate(
        await service.update_profile(session=session, user=user, data=data)
    )


@me_router.get(
    "/export",
    summary="Export all my data",
    response_model=privacy.MemberExport,
    responses=problem_responses(401),
)
async def export_me(session: SessionDep, user: CurrentUser) -> privacy.MemberExport:
    """Every record held about you, as JSON (GDPR rights of access and portability)."""
    return await privacy.export_member_data(session=session, user=user, now=utcnow())


@me_router.delete(
    "",
    summary="Delete my account and all my data",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401),
)
async def delete_me(session: SessionDep, user: CurrentUser) -> None:
    """Erases the account and every record about you, and signs out every device. This
    cannot be undone."""
    await privacy.erase_member(session=session, user=user)
