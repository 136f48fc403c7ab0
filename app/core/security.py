"""Passwords (argon2id) and access tokens (JWT, HS256 pinned)."""

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any

import anyio
import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.core.config import Settings
from app.core.db import utcnow
from app.core.errors import Unauthorized

# OWASP's argon2id recommendation: m=19 MiB, t=2, p=1.
password_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
JWT_ALGORITHM = "HS256"
# Verified against when the email is unknown, so both paths cost the same time.
_DUMMY_HASH = password_hasher.hash(secrets.token_urlsafe(16))


async def hash_password(password: str) -> str:
    # ~30 ms of CPU: in a worker thread, so other requests keep being served meanwhile.
    return await anyio.to_thread.run_sync(password_hasher.hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    def verify() -> bool:
        try:
            return password_hasher.verify(password_hash or _DUMMY_HASH, password) and (
                password_hash is not None
            )
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    return await anyio.to_thread.run_sync(verify)


def password_needs_rehash(password_hash: str) -> bool:
    """Whether a hash that just verified was made with other parameters than ours (weaker
    ones from before, or another argon2 type): it is replaced at that sign-in, the only
    moment the password is known."""
    return password_hasher.check_needs_rehash(password_hash)


def create_access_token(settings: Settings, *, user_id: uuid.UUID, token_version: int) -> str:
    now = utcnow()
    claims = {
        "sub": str(user_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + timedelta(minutes=settings.access_token_minutes),
        "jti": uuid.uuid4().hex,
        "ver": token_version,
    }
    return jwt.encode(claims, settings.secret_key, algorithm=JWT_ALGORITHM)


def decode_access_token(settings: Settings, token: str) -> dict[str, Any]:
    """The token's claims, or Unauthorized; only HS256 with our issuer and audience passes."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            settings.secret_key,
            algorithms=[JWT_ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthorized("The access token has expired; refresh it or sign in again.") from None
    except jwt.PyJWTError:
        raise Unauthorized("The access token is not valid; sign in again.") from None
    return claims


def new_refresh_token() -> tuple[str, str]:
    """A random refresh token and the SHA-256 digest that is stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
