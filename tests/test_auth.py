"""Registration, sign-in, refresh rotation, sign-out, access-token checks, throttling, roles."""

import asyncio
import base64
import hashlib
import hmac
import json
import os
import sys
import threading
import uuid
import warnings
from datetime import timedelta
from typing import Any

import jwt
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts import service as accounts
from app.accounts.models import STAFF_ROLES, RefreshToken, Role, User
from app.api.deps import AdminUser, StaffUser, get_session
from app.core import ratelimit, security
from app.core.config import Settings
from app.core.db import utcnow
from app.core.errors import Forbidden, Invalid
from app.core.ratelimit import MemoryRateLimiter
from app.core.security import verify_password
from app.main import create_app
from tests.helpers import assert_problem
from tests.member_factories import (
    PASSWORD,
    Member,
    app_of,
    bearer,
    make_member,
    sign_in,
    unique_email,
    use_settings,
)

REGISTER = "/v1/auth/register"
TOKEN = "/v1/auth/token"
REFRESH = "/v1/auth/refresh"


def registration(**overrides: Any) -> dict[str, Any]:
    return {
        "email": unique_email("new"),
        "password": PASSWORD,
        "display_name": "Noor",
        "time_zone": "Europe/London",
        "locale": "en-GB",
    } | overrides


async def me(client: AsyncClient, token: str) -> int:
    response = await client.get("/v1/me", headers=bearer(token))
    return response.status_code


async def refresh(client: AsyncClient, token: str) -> Any:
    return await client.post(REFRESH, json={"refresh_token": token})


# --- registration ---


async def test_register_creates_a_member_and_never_returns_the_hash(
    client: AsyncClient, session: AsyncSession
) -> None:
    data = registration(email="  Noor.Haddad@Example.COM ")
    response = await client.post(REGISTER, json=data)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["email"] == "noor.haddad@example.com"
    assert body["role"] == "member"
    assert body["is_premium"] is False
    assert body["time_zone"] == "Europe/London"
    assert body["locale"] == "en-GB"
    assert not {"password", "password_hash", "token_version"} & body.keys()
    assert response.headers["cache-control"] == "private, no-store"
    user = await session.get(User, uuid.UUID(body["id"]))
    assert user is not None
    assert user.password_hash != PASSWORD
    assert user.password_hash.startswith("$argon2id$")
    assert await verify_password(PASSWORD, user.password_hash)


async def test_register_twice_with_the_same_email_is_a_conflict(client: AsyncClient) -> None:
    data = registration()
    assert (await client.post(REGISTER, json=data)).status_code == 201
    again = await client.post(REGISTER, json=data | {"email": data["email"].upper()})
    body = assert_problem(again, 409, "conflict", names=("email",))
    assert "already exists" in body["detail"]


@pytest.mark.parametrize(
    ("email", "password", "expected"),
    [
        ("kai@example.com", "short1!", ["at least 10 characters"]),
        ("kai@example.com", "meditation", ["most common"]),
        ("kai@example.com", "aaaaaaaaaaaaaa", ["4 different characters"]),
        ("kairos@example.com", "my-kairos-pass", ["email address"]),
        (
            "aaaa@example.com",
            "aaaaaa",
            ["at least 10 characters", "4 different characters", "email address"],
        ),
        ("kai@example.com", "123456789", ["at least 10 characters", "most common"]),
    ],
)
async def test_weak_passwords_are_refused_listing_every_broken_rule(
    client: AsyncClient, session: AsyncSession, email: str, password: str, expected: list[str]
) -> None:
    response = await client.post(REGISTER, json=registration(email=email, password=password))
    body = assert_problem(response, 422, "invalid-request", names=("password",))
    messages = [error["message"] for error in body["errors"]]
    assert len(messages) == len(expected), messages
    for rule, message in zip(expected, messages, strict=True):
        assert rule in message
        assert rule in body["detail"]
    assert await session.scalar(select(func.count()).where(User.email == email)) == 0


@pytest.mark.parametrize(
    "time_zone", ["Mars/Olympus_Mons", "utc ", "Europe", "America", "../etc/passwd", "Etc/../UTC"]
)
async def test_register_with_an_unknown_time_zone_is_422(
    client: AsyncClient, time_zone: str
) -> None:
    response = await client.post(REGISTER, json=registration(time_zone=time_zone))
    body = assert_problem(response, 422, "invalid-request", names=("time_zone",))
    assert "IANA" in body["detail"]


@pytest.mark.parametrize(
    "extra", [{"role": "admin"}, {"is_premium": True}, {"token_version": 5}, {"nickname": "x"}]
)
async def test_register_refuses_unknown_and_privileged_fields(
    client: AsyncClient, session: AsyncSession, extra: dict[str, Any]
) -> None:
    data = registration() | extra
    response = await client.post(REGISTER, json=data)
    assert_problem(response, 422, "invalid-request", names=tuple(extra))
    assert await session.scalar(select(func.count()).where(User.email == data["email"])) == 0


@pytest.mark.parametrize(
    "change",
    [
        {"email": "not-an-email"},
        {"display_name": ""},
        {"locale": "english"},
        {"password": ""},
        {"display_name": "   "},
        {"display_name": "Ada\x00Lovelace"},
        {"display_name": "x" * 81},
    ],
)
async def test_register_validates_each_field(
    client: AsyncClient, session: AsyncSession, change: dict[str, Any]
) -> None:
    data = registration() | change
    response = await client.post(REGISTER, json=data)
    assert_problem(response, 422, "invalid-request", names=tuple(change))
    # Refused before anything is stored: registering again with a good value works.
    assert await session.scalar(select(func.count()).where(User.email == data["email"])) == 0


async def test_register_trims_the_display_name(client: AsyncClient) -> None:
    response = await client.post(REGISTER, json=registration(display_name="  Noor  "))
    assert response.status_code == 201, response.text
    assert response.json()["display_name"] == "Noor"


async def test_registrations_from_one_address_are_throttled(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "REGISTRATIONS_PER_IP_PER_HOUR", 2)
    for _ in range(2):
        assert (await client.post(REGISTER, json=registration())).status_code == 201
    response = await client.post(REGISTER, json=registration())
    assert_problem(response, 429, "rate-limited")
    assert int(response.headers["retry-after"]) > 0


# --- signing in ---


async def test_sign_in_returns_tokens_that_open_me(
    client: AsyncClient, registered_member: Member
) -> None:
    tokens = await sign_in(client, registered_member.email.upper())
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 15 * 60
    assert tokens["refresh_expires_in"] == 30 * 24 * 3600
    assert tokens["refresh_token"] != registered_member.refresh_token
    response = await client.get("/v1/me", headers=bearer(tokens["access_token"]))
    assert response.status_code == 200, response.text
    assert response.json()["email"] == registered_member.email
    assert response.json()["id"] == str(registered_member.id)


async def test_token_response_is_never_cached(client: AsyncClient, member: Member) -> None:
    response = await client.post(TOKEN, data={"username": member.email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"


async def test_wrong_password_and_unknown_email_get_the_same_401(
    client: AsyncClient, member: Member
) -> None:
    wrong = await client.post(TOKEN, data={"username": member.email, "password": "nope-nope-1"})
    unknown = await client.post(
        TOKEN, data={"username": "nobody@example.com", "password": PASSWORD}
    )
    wrong_body = assert_problem(wrong, 401, "unauthorized")
    unknown_body = assert_problem(unknown, 401, "unauthorized")
    assert wrong_body["detail"] == unknown_body["detail"] == accounts.INVALID_CREDENTIALS
    assert wrong.headers["www-authenticate"] == "Bearer"
    assert unknown.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("username", ["nul\x00@example.com", "   ", "x" * 2000])
async def test_odd_usernames_are_just_wrong_credentials(client: AsyncClient, username: str) -> None:
    response = await client.post(TOKEN, data={"username": username, "password": PASSWORD})
    body = assert_problem(response, 401, "unauthorized")
    assert body["detail"] == accounts.INVALID_CREDENTIALS


async def test_sign_in_needs_the_form_fields(client: AsyncClient) -> None:
    response = await client.post(TOKEN, data={"username": "a@example.com"})
    assert_problem(response, 422, "invalid-request", names=("password",))
    empty = await client.post(TOKEN, data={"username": "", "password": "x"})
    assert_problem(empty, 422, "invalid-request", names=("username",))
    as_json = await client.post(TOKEN, json={"username": "a@example.com", "password": "x"})
    assert as_json.status_code == 422


# --- refresh rotation ---


async def test_refresh_rotates_both_tokens(
    client: AsyncClient, session: AsyncSession, registered_member: Member
) -> None:
    assert registered_member.refresh_token
    response = await refresh(client, registered_member.refresh_token)
    assert response.status_code == 200, response.text
    rotated = response.json()
    assert rotated["refresh_token"] != registered_member.refresh_token
    assert rotated["access_token"] != registered_member.access_token
    assert await me(client, rotated["access_token"]) == 200
    again = await refresh(client, rotated["refresh_token"])
    assert again.status_code == 200, again.text
    tokens = (
        await session.scalars(
            select(RefreshToken)
            .where(RefreshToken.user_id == registered_member.id)
            .execution_options(populate_existing=True)
        )
    ).all()
    assert len(tokens) == 3
    assert len({token.family_id for token in tokens}) == 1
    assert sum(token.rotated_at is None for token in tokens) == 1
    # Only hashes are stored.
    stored_hashes = {token.token_hash for token in tokens}
    assert again.json()["refresh_token"] not in stored_hashes
    assert hashlib.sha256(again.json()["refresh_token"].encode()).hexdigest() in stored_hashes


async def test_reusing_a_spent_refresh_token_revokes_the_whole_family(
    client: AsyncClient, registered_member: Member
) -> None:
    use_settings(client, refresh_reuse_grace_seconds=0)
    first = registered_member.refresh_token
    assert first
    second = (await refresh(client, first)).json()["refresh_token"]
    third = (await refresh(client, second)).json()["refresh_token"]
    # An attacker replays the first token: refused, and every token of the sign-in dies.
    stolen = await refresh(client, first)
    body = assert_problem(stolen, 401, "unauthorized")
    assert "already used" in body["detail"]
    assert stolen.headers["www-authenticate"] == "Bearer"
    assert_problem(await refresh(client, third), 401, "unauthorized")
    assert_problem(await refresh(client, second), 401, "unauthorized")


async def test_theft_of_one_sign_in_leaves_other_devices_signed_in(
    client: AsyncClient, registered_member: Member
) -> None:
    use_settings(client, refresh_reuse_grace_seconds=0)
    other_device = (await sign_in(client, registered_member.email))["refresh_token"]
    first = registered_member.refresh_token
    assert first
    assert (await refresh(client, first)).status_code == 200
    assert (await refresh(client, first)).status_code == 401
    assert (await refresh(client, other_device)).status_code == 200


async def test_reuse_within_the_grace_window_is_a_retry_not_theft(
    client: AsyncClient, registered_member: Member
) -> None:
    assert app_of(client).state.settings.refresh_reuse_grace_seconds > 0
    first = registered_member.refresh_token
    assert first
    lost = await refresh(client, first)  # the phone never saw this response
    assert lost.status_code == 200
    retry = await refresh(client, first)
    assert retry.status_code == 200, retry.text
    current = retry.json()["refresh_token"]
    assert current != lost.json()["refresh_token"]
    # The successor the phone never saw is dead; the one it holds keeps working.
    assert_problem(await refresh(client, lost.json()["refresh_token"]), 401, "unauthorized")
    assert (await refresh(client, current)).status_code == 200


async def test_unknown_expired_and_malformed_refresh_tokens(
    client: AsyncClient, session: AsyncSession, registered_member: Member
) -> None:
    assert_problem(await refresh(client, "not-a-token"), 401, "unauthorized")
    assert_problem(await client.post(REFRESH, json={"refresh_token": ""}), 422, "invalid-request")
    assert_problem(
        await client.post(REFRESH, json={"refresh_token": "x", "extra": 1}),
        422,
        "invalid-request",
    )
    stored = await session.scalar(
        select(RefreshToken).where(RefreshToken.user_id == registered_member.id)
    )
    assert stored is not None
    stored.expires_at = utcnow() - timedelta(seconds=1)
    await session.flush()
    assert registered_member.refresh_token
    expired = await refresh(client, registered_member.refresh_token)
    assert "expired" in assert_problem(expired, 401, "unauthorized")["detail"]


# --- signing out ---


async def test_logout_revokes_the_sign_in_family(
    client: AsyncClient, registered_member: Member
) -> None:
    first = registered_member.refresh_token
    assert first
    rotated = (await refresh(client, first)).json()["refresh_token"]
    other_device = (await sign_in(client, registered_member.email))["refresh_token"]
    response = await client.post("/v1/auth/logout", json={"refresh_token": first})
    assert response.status_code == 204
    assert response.headers["cache-control"] == "private, no-store"
    assert_problem(await refresh(client, rotated), 401, "unauthorized")
    # Another sign-in (another device) is not affected.
    assert (await refresh(client, other_device)).status_code == 200
    # Signing out with a token that does not exist is harmless and says nothing.
    unknown = await client.post("/v1/auth/logout", json={"refresh_token": "never-issued"})
    assert unknown.status_code == 204


async def test_logout_all_revokes_every_refresh_token_and_access_token(
    client: AsyncClient, session: AsyncSession, registered_member: Member
) -> None:
    second = await sign_in(client, registered_member.email)
    assert await me(client, registered_member.access_token) == 200
    assert await me(client, second["access_token"]) == 200
    response = await client.post("/v1/auth/logout-all", headers=registered_member.headers)
    assert response.status_code == 204, response.text
    for access in (registered_member.access_token, second["access_token"]):
        revoked = await client.get("/v1/me", headers=bearer(access))
        assert "revoked" in assert_problem(revoked, 401, "unauthorized")["detail"]
    assert registered_member.refresh_token
    for refresh_token in (registered_member.refresh_token, second["refresh_token"]):
        assert_problem(await refresh(client, refresh_token), 401, "unauthorized")
    live = await session.scalar(
        select(func.count()).where(
            RefreshToken.user_id == registered_member.id, RefreshToken.revoked_at.is_(None)
        )
    )
    assert live == 0
    # Signing in again works, with tokens of the new version.
    fresh = await sign_in(client, registered_member.email)
    assert await me(client, fresh["access_token"]) == 200
    assert (await refresh(client, fresh["refresh_token"])).status_code == 200


# --- access tokens ---


def claims(settings: Settings, user_id: uuid.UUID, **changes: Any) -> dict[str, Any]:
    now = utcnow()
    base: dict[str, Any] = {
        "sub": str(user_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "jti": uuid.uuid4().hex,
        "ver": 0,
    }
    for name, value in changes.items():
        if value is None:
            base.pop(name, None)
        else:
            base[name] = value
    return base


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _segment(data: dict[str, Any]) -> str:
    numeric = {k: int(v.timestamp()) if hasattr(v, "timestamp") else v for k, v in data.items()}
    return _b64(json.dumps(numeric).encode())


def forge(header: dict[str, Any], payload: dict[str, Any], key: str) -> str:
    """A JWT with any header, signed with HMAC-SHA256 over the usual signing input."""
    signing_input = (_segment(header) + "." + _segment(payload)).encode()
    signature = hmac.new(key.encode(), signing_input, hashlib.sha256).digest()
    return signing_input.decode() + "." + _b64(signature)


def _hs512(payload: dict[str, Any], key: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyJWT warns that the key is short for SHA-512
        return jwt.encode(payload, key, algorithm="HS512")


def bad_tokens(settings: Settings, user_id: uuid.UUID) -> dict[str, str]:
    secret = settings.secret_key
    good = jwt.encode(claims(settings, user_id), secret, algorithm="HS256")
    head, body, signature = good.split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    rs256_header = {"alg": "RS256", "typ": "JWT"}
    return {
        "expired": jwt.encode(
            claims(
                settings,
                user_id,
                iat=utcnow() - timedelta(hours=1),
                exp=utcnow() - timedelta(minutes=1),
            ),
            secret,
            algorithm="HS256",
        ),
        "tampered signature": f"{head}.{body}.{flipped}",
        "tampered payload": f"{head}.{_segment(claims(settings, uuid.uuid4()))}.{signature}",
        "alg none": jwt.encode(claims(settings, user_id), None, algorithm="none"),
        "alg none, signature kept": jwt.encode(claims(settings, user_id), None, algorithm="none")
        + signature,
        "HS512 with our secret": _hs512(claims(settings, user_id), secret),
        "RS256 header, HMAC signature": forge(rs256_header, claims(settings, user_id), secret),
        "another secret": jwt.encode(
            claims(settings, user_id), "another-secret-of-sufficient-length!!", algorithm="HS256"
        ),
        "wrong audience": jwt.encode(
            claims(settings, user_id, aud="partner-portal"), secret, algorithm="HS256"
        ),
        "wrong issuer": jwt.encode(
            claims(settings, user_id, iss="https://evil.example"), secret, algorithm="HS256"
        ),
        "no expiry": jwt.encode(claims(settings, user_id, exp=None), secret, algorithm="HS256"),
        "no subject": jwt.encode(claims(settings, user_id, sub=None), secret, algorithm="HS256"),
        "subject not a uuid": jwt.encode(
            claims(settings, user_id, sub="admin"), secret, algorithm="HS256"
        ),
        "unknown user": jwt.encode(claims(settings, uuid.uuid4()), secret, algorithm="HS256"),
        "old token version": jwt.encode(
            claims(settings, user_id, ver=-1), secret, algorithm="HS256"
        ),
        "not a jwt": "definitely-not-a-jwt",
    }


async def test_forged_and_stale_access_tokens_are_refused(
    client: AsyncClient, settings: Settings, member: Member
) -> None:
    valid = jwt.encode(claims(settings, member.id), settings.secret_key, algorithm="HS256")
    assert await me(client, valid) == 200  # the forgeries below differ from this in one way
    for name, token in bad_tokens(settings, member.id).items():
        response = await client.get("/v1/me", headers=bearer(token))
        body = assert_problem(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer", name
        assert member.email not in response.text, name
        if name == "expired":
            assert "expired" in body["detail"]


async def test_a_bad_token_is_401_even_on_public_routes(
    client: AsyncClient, settings: Settings, member: Member
) -> None:
    """A broken token is never treated as anonymous: the client learns it must sign in."""
    token = bad_tokens(settings, member.id)["wrong audience"]
    assert (await client.get("/v1/tracks")).status_code == 200
    response = await client.get("/v1/tracks/anything", headers=bearer(token))
    assert_problem(response, 401, "unauthorized")


async def test_access_tokens_issued_by_sign_in_carry_the_expected_claims(
    client: AsyncClient, settings: Settings, member: Member
) -> None:
    tokens = await sign_in(client, member.email)
    header = jwt.get_unverified_header(tokens["access_token"])
    assert header["alg"] == "HS256"
    decoded = jwt.decode(
        tokens["access_token"],
        settings.secret_key,
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    assert decoded["sub"] == str(member.id)
    assert decoded["ver"] == 0
    assert decoded["exp"] - decoded["iat"] == settings.access_token_minutes * 60


# --- brute force ---


async def test_account_is_throttled_after_repeated_failures_even_with_the_right_password(
    client: AsyncClient, member: Member, other_member: Member
) -> None:
    allowed = app_of(client).state.settings.sign_in_failures_per_account
    for _ in range(allowed):
        wrong = await client.post(TOKEN, data={"username": member.email, "password": "wrong-one-1"})
        assert wrong.status_code == 401
    right = await client.post(TOKEN, data={"username": member.email, "password": PASSWORD})
    body = assert_problem(right, 429, "rate-limited")
    assert "access_token" not in body
    retry_after = int(right.headers["retry-after"])
    window = app_of(client).state.settings.sign_in_window_seconds
    assert 0 < retry_after <= window
    # The email is matched however it is written.
    shouted = await client.post(
        TOKEN, data={"username": member.email.upper(), "password": PASSWORD}
    )
    assert shouted.status_code == 429
    # Another account from the same address can still sign in.
    assert (await sign_in(client, other_member.email))["access_token"]


async def test_a_successful_sign_in_resets_the_account_counter(
    client: AsyncClient, member: Member
) -> None:
    allowed = app_of(client).state.settings.sign_in_failures_per_account
    for _ in range(allowed - 1):
        wrong = await client.post(TOKEN, data={"username": member.email, "password": "wrong-one-1"})
        assert wrong.status_code == 401
    await sign_in(client, member.email)
    for _ in range(allowed - 1):
        wrong = await client.post(TOKEN, data={"username": member.email, "password": "wrong-one-1"})
        assert wrong.status_code == 401
    await sign_in(client, member.email)


async def test_one_address_is_throttled_across_accounts(
    client: AsyncClient, member: Member
) -> None:
    use_settings(client, sign_in_failures_per_ip=3, sign_in_failures_per_account=100)
    for n in range(3):  # unknown emails count too: guessing accounts is throttled
        wrong = await client.post(
            TOKEN, data={"username": f"guess-{n}@example.com", "password": "wrong-one-1"}
        )
        assert wrong.status_code == 401
    right = await client.post(TOKEN, data={"username": member.email, "password": PASSWORD})
    assert_problem(right, 429, "rate-limited")
    assert int(right.headers["retry-after"]) > 0


async def test_throttling_is_per_app_limiter(client: AsyncClient, member: Member) -> None:
    """The counters live in app.state.limiter: a fresh limiter (a new window) lets one in."""
    use_settings(client, sign_in_failures_per_account=1)
    wrong = await client.post(TOKEN, data={"username": member.email, "password": "wrong-one-1"})
    assert wrong.status_code == 401
    blocked = await client.post(TOKEN, data={"username": member.email, "password": PASSWORD})
    assert blocked.status_code == 429
    await app_of(client).state.limiter.close()
    assert (await sign_in(client, member.email))["access_token"]


# --- roles ---


async def test_create_user_makes_staff_accounts(session: AsyncSession) -> None:
    """`python -m app.cli create-user --role admin` calls this."""
    email = unique_email("admin")
    admin = await accounts.create_user(
        session=session,
        email=email.upper(),
        password=PASSWORD,
        display_name="Admin",
        role=Role.admin,
    )
    assert admin.role is Role.admin
    assert admin.email == email
    stored = await session.scalar(select(User.role).where(User.email == email))
    assert stored == Role.admin
    with pytest.raises(Invalid) as weak:
        await accounts.create_user(
            session=session,
            email=unique_email("editor"),
            password="password",
            display_name="Editor",
            role=Role.editor,
        )
    assert any(error.name == "password" for error in weak.value.errors)


@pytest.fixture
async def staff_client(session: AsyncSession, settings: Settings) -> Any:
    """An app with two throwaway routes guarded by the staff and admin dependencies."""
    app: FastAPI = create_app(settings)

    @app.get("/staff-only")
    async def staff_only(user: StaffUser) -> dict[str, str]:
        return {"role": user.role.value}

    @app.get("/admin-only")
    async def admin_only(user: AdminUser) -> dict[str, str]:
        return {"role": user.role.value}

    async def test_session() -> Any:
        yield session

    app.dependency_overrides[get_session] = test_session
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.mark.parametrize(
    ("role", "staff", "admin"),
    [
        (Role.member, 403, 403),
        (Role.reviewer, 200, 403),
        (Role.editor, 200, 403),
        (Role.admin, 200, 200),
    ],
)
async def test_staff_and_admin_dependencies(
    staff_client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    role: Role,
    staff: int,
    admin: int,
) -> None:
    caller = await make_member(session, settings, role=role)
    staff_response = await staff_client.get("/staff-only", headers=caller.headers)
    admin_response = await staff_client.get("/admin-only", headers=caller.headers)
    assert staff_response.status_code == staff, staff_response.text
    assert admin_response.status_code == admin, admin_response.text
    if staff == 403:
        assert "roles" in assert_problem(staff_response, 403, "forbidden")["detail"]
    else:
        assert staff_response.json() == {"role": role.value}
    if admin == 403:
        assert_problem(admin_response, 403, "forbidden")
    else:
        assert admin_response.json() == {"role": role.value}


async def test_staff_routes_need_a_token(staff_client: AsyncClient) -> None:
    for path in ("/staff-only", "/admin-only"):
        assert_problem(await staff_client.get(path), 401, "unauthorized")


async def test_require_role_checks_membership(member: Member, admin_user: Member) -> None:
    assert accounts.require_role(admin_user.user, STAFF_ROLES) is admin_user.user
    with pytest.raises(Forbidden):
        accounts.require_role(member.user, STAFF_ROLES)


# --- the in-memory limiter itself ---


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(ratelimit.time, "monotonic", fake)
    return fake


async def test_memory_limiter_counts_per_window(clock: FakeClock) -> None:
    limiter = MemoryRateLimiter()
    assert (await limiter.count("k", 60)).count == 0
    assert (await limiter.hit("k", 60)).count == 1
    clock.now += 20
    second = await limiter.hit("k", 60)
    assert (second.count, second.retry_after_seconds) == (2, 40)
    clock.now += 40  # the window is over
    assert (await limiter.count("k", 60)).count == 0
    assert (await limiter.hit("k", 60)).count == 1
    await limiter.reset("k")
    assert (await limiter.count("k", 60)).count == 0


async def test_memory_limiter_keeps_each_counter_s_own_window_when_full(clock: FakeClock) -> None:
    limiter = MemoryRateLimiter(max_keys=3)
    await limiter.hit("sign-in:account:early", 900)
    await limiter.hit("register:ip:1", 3600)
    clock.now += 1000  # past the 15-minute window, well inside the hourly one
    await limiter.hit("sign-in:account:b", 900)
    await limiter.hit("sign-in:account:c", 900)  # full: the expired counter makes room
    # The hourly counter was not dropped for being older than fifteen minutes.
    assert (await limiter.count("register:ip:1", 3600)).count == 1
    assert (await limiter.count("sign-in:account:b", 900)).count == 1


async def test_memory_limiter_stays_within_its_size(clock: FakeClock) -> None:
    limiter = MemoryRateLimiter(max_keys=10)
    for n in range(100):
        await limiter.hit(f"sign-in:account:{n}@example.com", 900)
        clock.now += 1
    assert len(limiter._windows) <= 10
    # The newest counters are the ones kept.
    assert (await limiter.count("sign-in:account:99@example.com", 900)).count == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
async def test_passwords_are_hashed_at_a_lower_priority_than_serving() -> None:
    def nice_here() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    serving = nice_here()
    hashing = await asyncio.get_running_loop().run_in_executor(security._hashing, nice_here)
    assert hashing == min(19, serving + security.HASHING_NICE_OFFSET)
    assert nice_here() == serving  # the event loop's own thread is left alone
    assert await security.verify_password("right", await security.hash_password("right"))
    assert not await security.verify_password("wrong", await security.hash_password("right"))
