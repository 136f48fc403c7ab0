"""Accounts: registration, sign-in with rotating refresh tokens, profiles, roles."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import RefreshToken, Role, TokenPair, User, UserRegister, UserUpdate
from app.accounts.passwords import check_password
from app.core.config import Settings
from app.core.db import begin_write, end_read, utcnow
from app.core.errors import Conflict, FieldError, Forbidden, RateLimited, Unauthorized
from app.core.ratelimit import RateLimiter
from app.core.security import (
    create_access_token,
    decode_access_token,
    hash_password,
    hash_refresh_token,
    new_refresh_token,
    password_needs_rehash,
    verify_password,
)

INVALID_CREDENTIALS = "The email or password is not correct."


@dataclass(frozen=True)
class ClientInfo:
    """Who is asking, as far as throttling and the token list need to know."""

    ip: str
    user_agent: str = ""


def normalize_email(email: str) -> str:
    return email.strip().lower()


REGISTRATIONS_PER_IP_PER_HOUR = 20


async def register(
    *,
    session: AsyncSession,
    data: UserRegister,
    role: Role = Role.member,
    limiter: RateLimiter | None = None,
    client: ClientInfo | None = None,
) -> User:
    """Create an account. Self-registration (with a limiter) is throttled per address."""
    if limiter is not None and client is not None:
        attempts = await limiter.hit(f"register:ip:{client.ip}", 3600)
        if attempts.count > REGISTRATIONS_PER_IP_PER_HOUR:
            raise RateLimited(
                "Too many accounts created from this address; try again later.",
                retry_after_seconds=attempts.retry_after_seconds,
            )
    email = normalize_email(str(data.email))
    check_password(data.password, email=email)
    user = User(
        email=email,
        password_hash=await hash_password(data.password),
        display_name=data.display_name.strip(),
        time_zone=data.time_zone,
        locale=data.locale,
        role=role,
    )
    session.add(user)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise Conflict(
            "An account with this email already exists; sign in instead.",
            errors=[FieldError("body", "email", "already registered")],
        ) from None
    return user


async def _issue_tokens(
    session: AsyncSession,
    settings: Settings,
    user: User,
    *,
    family_id: uuid.UUID,
    client: ClientInfo,
) -> tuple[TokenPair, RefreshToken]:
    token, token_hash = new_refresh_token()
    lifetime = timedelta(days=settings.refresh_token_days)
    refresh = RefreshToken(
        user_id=user.id,
        family_id=family_id,
        token_hash=token_hash,
        expires_at=utcnow() + lifetime,
        user_agent=client.user_agent[:300],
    )
    session.add(refresh)
    pair = TokenPair(
        access_token=create_access_token(
            settings, user_id=user.id, token_version=user.token_version
        ),
        expires_in=settings.access_token_minutes * 60,
        refresh_token=token,
        refresh_expires_in=int(lifetime.total_seconds()),
    )
    return pair, refresh


async def check_credentials(
    *,
    session: AsyncSession,
    settings: Settings,
    limiter: RateLimiter,
    email: str,
    password: str,
    client: ClientInfo,
) -> User:
    """The account these credentials belong to, or Unauthorized. Failures are counted per
    account and per address, and past the limit every attempt is refused (RateLimited), so
    the API's token endpoint and the admin's sign-in form share one throttle."""
    email = normalize_email(email)
    window = settings.sign_in_window_seconds
    account_key, ip_key = f"sign-in:account:{email}", f"sign-in:ip:{client.ip}"
    for key, allowed in (
        (account_key, settings.sign_in_failures_per_account),
        (ip_key, settings.sign_in_failures_per_ip),
    ):
        failures = await limiter.count(key, window)
        if failures.count >= allowed:
            raise RateLimited(
                "Too many failed sign-ins; wait before trying again.",
                retry_after_seconds=failures.retry_after_seconds,
            )
    # PostgreSQL cannot compare text holding NUL: no account has such an email anyway.
    user = (
        None if "\x00" in email else await session.scalar(select(User).where(User.email == email))
    )
    # Not one of the pool's few connections held while argon2 runs (~30 ms of CPU, far
    # longer under load).
    await end_read(session)
    if not await verify_password(password, user.password_hash if user else None) or not user:
        await limiter.hit(account_key, window)
        await limiter.hit(ip_key, window)
        raise Unauthorized(INVALID_CREDENTIALS)
    await limiter.reset(account_key)
    if password_needs_rehash(user.password_hash):
        await _rehash_password(session, user, password)
    return user


async def _rehash_password(session: AsyncSession, user: User, password: str) -> None:
    """Store the password again with today's argon2 parameters. Hashed before the write
    lock is taken; stored only if the hash is still the one just verified, so a password
    changed meanwhile is never overwritten. Committed here, as the caller's writes come in
    a transaction of their own (begin_write after check_credentials)."""
    verified_hash, new_hash = user.password_hash, await hash_password(password)
    await begin_write(session)
    await session.execute(
        update(User)
        .where(User.id == user.id, User.password_hash == verified_hash)
        .values(password_hash=new_hash)
    )
    await session.commit()


async def sign_in(
    *,
    session: AsyncSession,
    settings: Settings,
    limiter: RateLimiter,
    email: str,
    password: str,
    client: ClientInfo,
) -> TokenPair:
    """Check the password and start a new token family; failures are throttled."""
    user = await check_credentials(
        session=session,
        settings=settings,
        limiter=limiter,
        email=email,
        password=password,
        client=client,
    )
    # The password check read in a plain transaction and ran argon2 for tens of ms; on
    # SQLite that transaction could not become a writer if another commit came meanwhile.
    await begin_write(session)
    pair, _refresh = await _issue_tokens(
        session, settings, user, family_id=uuid.uuid4(), client=client
    )
    await session.commit()
    return pair


async def _revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def refresh_tokens(
    *, session: AsyncSession, settings: Settings, refresh_token: str, client: ClientInfo
) -> TokenPair:
    """Rotate: the presented token is spent and a new pair issued in the same family.

    A spent token presented again means it was copied: the whole family is revoked, unless
    it comes back within the grace window, which is a retry after a lost response.
    """
    await begin_write(session)
    now = utcnow()
    stored = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(refresh_token))
    )
    if stored is None or stored.revoked_at is not None:
        raise Unauthorized("The refresh token is not valid; sign in again.")
    if stored.expires_at <= now:
        raise Unauthorized("The refresh token has expired; sign in again.")
    user = await session.get(User, stored.user_id)
    if user is None:
        raise Unauthorized("The refresh token is not valid; sign in again.")
    # Spend the token atomically, so two concurrent refreshes cannot both rotate it.
    spent = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == stored.id, RefreshToken.rotated_at.is_(None))
        .values(rotated_at=now)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined,unused-ignore]
        await session.refresh(stored)
        rotated_at = stored.rotated_at or now
        successor = (
            await session.get(RefreshToken, stored.replaced_by_id)
            if stored.replaced_by_id is not None
            else None
        )
        # A lost response is retried before its successor is ever used; a spent token
        # presented after the successor was used means two holders: treat it as theft.
        successor_used = successor is not None and successor.rotated_at is not None
        too_late = now - rotated_at > timedelta(seconds=settings.refresh_reuse_grace_seconds)
        if too_late or successor_used:
            await _revoke_family(session, stored.family_id)
            await session.commit()
            raise Unauthorized(
                "This refresh token was already used, so it may have been copied: every "
                "device signed in with it has been signed out. Sign in again."
            )
        # A retry after a lost response: the successor the client never saw is revoked.
        if stored.replaced_by_id is not None:
            await session.execute(
                update(RefreshToken)
                .where(RefreshToken.id == stored.replaced_by_id)
                .values(revoked_at=now)
            )
    pair, successor = await _issue_tokens(
        session, settings, user, family_id=stored.family_id, client=client
    )
    await session.flush()
    await session.execute(
        update(RefreshToken).where(RefreshToken.id == stored.id).values(replaced_by_id=successor.id)
    )
    await session.commit()
    return pair


async def sign_out(*, session: AsyncSession, refresh_token: str) -> None:
    """End one sign-in (its token family). Unknown tokens are ignored: the outcome is the same."""
    await begin_write(session)
    stored = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(refresh_token))
    )
    if stored is not None:
        await _revoke_family(session, stored.family_id)
        await session.commit()


async def sign_out_everywhere(*, session: AsyncSession, user: User) -> None:
    """Revoke every refresh token and invalidate every access token already issued."""
    await begin_write(session)
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    await session.execute(
        update(User).where(User.id == user.id).values(token_version=User.token_version + 1)
    )
    await session.commit()


async def user_from_access_token(*, session: AsyncSession, settings: Settings, token: str) -> User:
    claims = decode_access_token(settings, token)
    try:
        user_id = uuid.UUID(str(claims["sub"]))
    except ValueError:
        raise Unauthorized("The access token is not valid; sign in again.") from None
    user = await session.get(User, user_id)
    if user is None or claims.get("ver") != user.token_version:
        raise Unauthorized("The access token has been revoked; sign in again.")
    return user


def require_role(user: User, roles: frozenset[Role]) -> User:
    if user.role not in roles:
        allowed = ", ".join(sorted(role.value for role in roles))
        raise Forbidden(f"This needs one of the roles: {allowed}.")
    return user


async def update_profile(*, session: AsyncSession, user: User, data: UserUpdate) -> User:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if not changes:
        return user
    await begin_write(session)
    user.sqlmodel_update(changes)
    user.updated_at = utcnow()
    session.add(user)
    await session.commit()
    return user


async def create_user(
    *, session: AsyncSession, email: str, password: str, display_name: str, role: Role
) -> User:
    """For the command line: staff accounts are created here, never by self-registration."""
    return await register(
        session=session,
        data=UserRegister(email=email, password=password, display_name=display_name),
        role=role,
    )
