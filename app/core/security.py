"""Passwords (argon2id) and access tokens (JWT, HS256 pinned)."""

import asyncio
import contextlib
import hashlib
import os
import secrets
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

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


# How much lower than the serving threads password hashing runs (Linux nice levels).
HASHING_NICE_OFFSET = 10
# Hashes at once per process, each ~30 ms of CPU and 19 MiB: more only queue for the same
# cores and raise the peak memory.
HASHING_THREADS = 2


def _lower_this_threads_priority() -> None:
    """Make the calling thread yield the CPU to the event loop's. On Linux a nice value is
    per thread; where that is not so (or not allowed), nothing changes."""
    with contextlib.suppress(AttributeError, OSError):
        thread = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(19, current + HASHING_NICE_OFFSET))


# A worker is pinned to one core in the bench, as a small container is: argon2 in a thread
# of equal priority took half of that core whenever a sign-in ran, and reads' p99 doubled
# while sign-ins went on (bench reads_during_signins). At a lower priority the scheduler
# gives the event loop the core first; sign-ins take longer instead.
_hashing = ThreadPoolExecutor(
    max_workers=HASHING_THREADS,
    thread_name_prefix="password-hashing",
    initializer=_lower_this_threads_priority,
)


async def hash_password(password: str) -> str:
    # ~30 ms of CPU: in a hashing thread, so other requests keep being served meanwhile.
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing, password_hasher.hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    def verify() -> bool:
        try:
            return password_hasher.verify(password_hash or _DUMMY_HASH, password) and (
                password_hash is not None
            )
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    return await asyncio.get_running_loop().run_in_executor(_hashing, verify)


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
