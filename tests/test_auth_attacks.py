"""Attacks on authentication, each a named case: forged and stale access tokens on REST and
GraphQL, refresh-token reuse after the grace window, sign-in throttling from many addresses,
and the argon2 parameters of stored password hashes (upgraded at the next sign-in).

tests/test_auth.py already refuses, on GET /v1/me, the tokens of its `bad_tokens` (alg none,
HS512, an RS256 header over an HMAC signature, tampered payload and signature, another
secret, wrong audience and issuer, no exp, no sub, an unknown user, an old `ver`); here the
same tokens are also sent to GraphQL, and the attacks it does not try are sent to both.
"""

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import argon2
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from httpx import ASGITransport, AsyncClient, Response
from jwt.algorithms import RSAAlgorithm
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts import service as accounts
from app.accounts.models import User
from app.core.config import Settings
from app.core.db import utcnow
from app.core.security import password_hasher, verify_password
from tests.helpers import assert_problem
from tests.member_factories import (
    PASSWORD,
    Member,
    app_of,
    bearer,
    sign_in,
    unique_email,
    use_settings,
)
from tests.test_auth import bad_tokens, claims

VIEWER = "{ viewer { profile { email } } }"
TOKEN = "/v1/auth/token"
REFRESH = "/v1/auth/refresh"


# --- forging tokens ---


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _segment(value: Any) -> str:
    def numeric(item: Any) -> Any:
        return int(item.timestamp()) if isinstance(item, datetime) else item

    if isinstance(value, dict):
        value = {name: numeric(item) for name, item in value.items()}
    return _b64(json.dumps(value).encode())


def hmac_signed(
    header: Any, payload: dict[str, Any], key: bytes, digest: Callable[..., Any] = hashlib.sha256
) -> str:
    """A JWT with whatever header is given, MACed over the usual signing input: PyJWT would
    refuse to build most of these (unknown algorithms, a PEM as an HMAC key)."""
    signing_input = f"{_segment(header)}.{_segment(payload)}"
    signature = hmac.new(key, signing_input.encode(), digest).digest()
    return f"{signing_input}.{_b64(signature)}"


def unsigned(header: dict[str, Any], payload: dict[str, Any]) -> str:
    return f"{_segment(header)}.{_segment(payload)}."


@cache
def attacker_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@cache
def attacker_ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def public_pem() -> bytes:
    """Public key material, the HMAC key of the classic RS256-to-HS256 confusion."""
    return (
        attacker_rsa_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


def signed(settings: Settings, user_id: uuid.UUID, **changes: Any) -> str:
    """Our own secret and algorithm: only the claims are wrong."""
    return jwt.encode(claims(settings, user_id, **changes), settings.secret_key, algorithm="HS256")


def with_original_signature(settings: Settings, user_id: uuid.UUID, **changes: Any) -> str:
    """An expired token we really issued, its expiry pushed back, its signature kept."""
    now = utcnow()
    expired = signed(
        settings, user_id, iat=now - timedelta(hours=1), exp=now - timedelta(minutes=1)
    )
    head, _body, signature = expired.split(".")
    extended = claims(settings, user_id, iat=now - timedelta(hours=1), **changes)
    return f"{head}.{_segment(extended)}.{signature}"


def good_parts(settings: Settings, user_id: uuid.UUID) -> list[str]:
    return signed(settings, user_id).split(".")


Forgery = Callable[[Settings, uuid.UUID], str]
HS256 = {"alg": "HS256", "typ": "JWT"}

ATTACKS: dict[str, Forgery] = {
    # Algorithm swaps and unsigned tokens.
    "HS384 with our secret": lambda s, u: hmac_signed(
        {"alg": "HS384", "typ": "JWT"}, claims(s, u), s.secret_key.encode(), hashlib.sha384
    ),
    "alg None, no signature": lambda s, u: unsigned({"alg": "None"}, claims(s, u)),
    "alg NONE, no signature": lambda s, u: unsigned({"alg": "NONE"}, claims(s, u)),
    "alg none, MAC with our secret": lambda s, u: hmac_signed(
        {"alg": "none"}, claims(s, u), s.secret_key.encode()
    ),
    "unknown alg, MAC with our secret": lambda s, u: hmac_signed(
        {"alg": "HS1024", "typ": "JWT"}, claims(s, u), s.secret_key.encode()
    ),
    "no alg, MAC with our secret": lambda s, u: hmac_signed(
        {"typ": "JWT"}, claims(s, u), s.secret_key.encode()
    ),
    "alg as a list, MAC with our secret": lambda s, u: hmac_signed(
        {"alg": ["HS256"]}, claims(s, u), s.secret_key.encode()
    ),
    "header not an object, MAC with our secret": lambda s, u: hmac_signed(
        ["HS256"], claims(s, u), s.secret_key.encode()
    ),
    # Key confusion: public material, or keys the attacker chose, as the key.
    "RS256 header, MAC keyed with a public key": lambda s, u: hmac_signed(
        {"alg": "RS256", "typ": "JWT"}, claims(s, u), public_pem()
    ),
    "HS256 keyed with a public key": lambda s, u: hmac_signed(HS256, claims(s, u), public_pem()),
    "HS256 keyed with the issuer name": lambda s, u: hmac_signed(
        HS256, claims(s, u), s.jwt_issuer.encode()
    ),
    "HS256 with an empty key": lambda s, u: hmac_signed(HS256, claims(s, u), b""),
    "kid path traversal, empty key": lambda s, u: hmac_signed(
        HS256 | {"kid": "../../../../../../dev/null"}, claims(s, u), b""
    ),
    "HS256 keyed with a jwk in the header": lambda s, u: hmac_signed(
        HS256 | {"jwk": {"kty": "oct", "k": _b64(b"attacker-chosen-key")}},
        claims(s, u),
        b"attacker-chosen-key",
    ),
    "RS256 by an attacker key, its jwk in the header": lambda s, u: jwt.encode(
        claims(s, u),
        attacker_rsa_key(),
        algorithm="RS256",
        headers={"jwk": RSAAlgorithm.to_jwk(attacker_rsa_key().public_key(), as_dict=True)},
    ),
    "RS256 by an attacker key, jku to its key set": lambda s, u: jwt.encode(
        claims(s, u),
        attacker_rsa_key(),
        algorithm="RS256",
        headers={"jku": "https://evil.example/jwks.json", "kid": "evil"},
    ),
    "ES256 by an attacker key": lambda s, u: jwt.encode(
        claims(s, u), attacker_ec_key(), algorithm="ES256"
    ),
    # Our token, altered.
    "expiry pushed back, original signature": lambda s, u: with_original_signature(s, u),
    "tampered header, original signature": lambda s, u: ".".join(
        [_segment(HS256 | {"kid": "1"}), *good_parts(s, u)[1:]]
    ),
    "signature removed": lambda s, u: ".".join([*good_parts(s, u)[:2], ""]),
    "extra segment appended": lambda s, u: ".".join([*good_parts(s, u), "e30"]),
    # Our secret and algorithm, claims we never issue.
    "expired a second ago": lambda s, u: signed(
        s, u, iat=utcnow() - timedelta(minutes=15), exp=utcnow() - timedelta(seconds=1)
    ),
    "issued in the future": lambda s, u: signed(
        s, u, iat=utcnow() + timedelta(hours=1), exp=utcnow() + timedelta(hours=1, minutes=5)
    ),
    "not valid before a future time": lambda s, u: signed(s, u, nbf=utcnow() + timedelta(hours=1)),
    "no issued-at": lambda s, u: signed(s, u, iat=None),
    "no issuer": lambda s, u: signed(s, u, iss=None),
    "no audience": lambda s, u: signed(s, u, aud=None),
    "audience list without ours": lambda s, u: signed(s, u, aud=["partner-portal", "admin"]),
    "empty subject": lambda s, u: signed(s, u, sub=""),
    "numeric subject": lambda s, u: signed(s, u, sub=12345),
    "no token version": lambda s, u: signed(s, u, ver=None),
    "token version as text": lambda s, u: signed(s, u, ver="0"),
}

# The names of tests/test_auth.py's forgeries (its claims use only these three settings).
KNOWN_FORGERIES = list(
    bad_tokens(
        Settings(secret_key="collection-" * 4, environment="test", redis_url=None),
        uuid.UUID(int=0),
    )
)


async def graphql_post(client: AsyncClient, token: str) -> Response:
    return await client.post("/graphql", json={"query": VIEWER}, headers=bearer(token))


async def graphql_get(client: AsyncClient, token: str) -> Response:
    return await client.get("/graphql", params={"query": VIEWER}, headers=bearer(token))


async def rest_me(client: AsyncClient, token: str) -> Response:
    return await client.get("/v1/me", headers=bearer(token))


SURFACES = {"REST /v1/me": rest_me, "GraphQL POST": graphql_post, "GraphQL GET": graphql_get}


def assert_refused(response: Response, member: Member, surface: str) -> dict[str, Any]:
    assert response.status_code == 401, (surface, response.text)
    body = assert_problem(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer", surface
    assert member.email not in response.text, surface
    return body


async def test_a_token_we_issued_opens_every_surface(
    client: AsyncClient, settings: Settings, member: Member
) -> None:
    """The control: each forgery below differs from this token in one way."""
    token = signed(settings, member.id)
    for name, ask in SURFACES.items():
        response = await ask(client, token)
        assert response.status_code == 200, (name, response.text)
        assert member.email in response.text, name


@pytest.mark.parametrize("attack", list(ATTACKS))
async def test_forged_access_tokens_are_refused(
    client: AsyncClient, settings: Settings, member: Member, attack: str
) -> None:
    token = ATTACKS[attack](settings, member.id)
    for surface, ask in SURFACES.items():
        body = assert_refused(await ask(client, token), member, surface)
        if attack.startswith("expired"):
            assert "expired" in body["detail"], surface


@pytest.mark.parametrize("forgery", KNOWN_FORGERIES)
async def test_graphql_refuses_the_forgeries_rest_refuses(
    client: AsyncClient, settings: Settings, member: Member, forgery: str
) -> None:
    token = bad_tokens(settings, member.id)[forgery]
    for surface in ("GraphQL POST", "GraphQL GET"):
        assert_refused(await SURFACES[surface](client, token), member, surface)


async def delete_account(client: AsyncClient, member: Member) -> Response:
    return await client.delete("/v1/me", headers=member.headers)


async def sign_out_everywhere(client: AsyncClient, member: Member) -> Response:
    return await client.post("/v1/auth/logout-all", headers=member.headers)


@pytest.mark.parametrize(
    "stale_by",
    [
        pytest.param(delete_account, id="account deleted"),
        pytest.param(sign_out_everywhere, id="signed out everywhere"),
    ],
)
async def test_tokens_issued_before_are_refused_after(
    client: AsyncClient,
    member: Member,
    stale_by: Callable[[AsyncClient, Member], Any],
) -> None:
    """A token whose user is gone, or whose `ver` is behind the user's token_version."""
    assert (await stale_by(client, member)).status_code == 204
    for name, ask in SURFACES.items():
        body = assert_refused(await ask(client, member.access_token), member, name)
        assert "revoked" in body["detail"], name


# --- refresh tokens ---


async def test_a_spent_refresh_token_after_the_grace_window_revokes_the_family(
    client: AsyncClient, registered_member: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the real grace window, not one of zero: a spent token is a retry only within it.
    tests/test_auth.py covers reuse once the successor was used, and a retry within it."""
    grace = app_of(client).state.settings.refresh_reuse_grace_seconds
    assert grace > 0
    first = registered_member.refresh_token
    assert first
    rotated = await client.post(REFRESH, json={"refresh_token": first})
    assert rotated.status_code == 200, rotated.text
    successor = rotated.json()["refresh_token"]
    later = utcnow() + timedelta(seconds=grace + 1)
    monkeypatch.setattr(accounts, "utcnow", lambda: later)
    replayed = await client.post(REFRESH, json={"refresh_token": first})
    assert "already used" in assert_problem(replayed, 401, "unauthorized")["detail"]
    assert replayed.headers["www-authenticate"] == "Bearer"
    # The successor, never used, dies with its family: the holder must sign in again.
    unused = await client.post(REFRESH, json={"refresh_token": successor})
    assert_problem(unused, 401, "unauthorized")


# --- brute force ---


@pytest.fixture
async def from_address(client: AsyncClient) -> AsyncIterator[Callable[[str], AsyncClient]]:
    """Clients of the same app (and limiter) whose requests come from other addresses."""
    opened: list[AsyncClient] = []

    def open_client(address: str) -> AsyncClient:
        transport = ASGITransport(
            app=app_of(client), client=(address, 50000), raise_app_exceptions=False
        )
        opened.append(AsyncClient(transport=transport, base_url="http://testserver"))
        return opened[-1]

    yield open_client
    for other in opened:
        await other.aclose()


def assert_throttled(response: Response, window: int) -> None:
    body = assert_problem(response, 429, "rate-limited")
    assert "access_token" not in body
    assert 0 < int(response.headers["retry-after"]) <= window


async def test_one_account_is_throttled_whichever_address_the_guesses_come_from(
    client: AsyncClient, member: Member, from_address: Callable[[str], AsyncClient]
) -> None:
    settings = use_settings(client, sign_in_failures_per_account=3, sign_in_failures_per_ip=100)
    for n in range(3):
        wrong = await from_address(f"203.0.113.{n + 1}").post(
            TOKEN, data={"username": member.email, "password": "wrong-one-1"}
        )
        assert_problem(wrong, 401, "unauthorized")
    right = await from_address("198.51.100.9").post(
        TOKEN, data={"username": member.email, "password": PASSWORD}
    )
    assert_throttled(right, settings.sign_in_window_seconds)


@pytest.mark.parametrize(
    "spoofed",
    [
        pytest.param({}, id="no proxy headers"),
        pytest.param({"X-Forwarded-For": "198.51.100.7"}, id="X-Forwarded-For"),
        pytest.param({"X-Real-IP": "198.51.100.7"}, id="X-Real-IP"),
        pytest.param({"Forwarded": "for=198.51.100.7"}, id="Forwarded"),
    ],
)
async def test_the_address_throttle_holds_per_address_whatever_the_headers_claim(
    client: AsyncClient,
    member: Member,
    from_address: Callable[[str], AsyncClient],
    spoofed: dict[str, str],
) -> None:
    """The app counts the connection's address; proxy headers are trusted only by uvicorn,
    from FORWARDED_ALLOW_IPS (app/cli.py), so a guesser cannot name a fresh address."""
    settings = use_settings(client, sign_in_failures_per_ip=3, sign_in_failures_per_account=100)
    guesser = from_address("203.0.113.50")
    for n in range(3):
        wrong = await guesser.post(
            TOKEN,
            data={"username": f"guess-{n}@example.com", "password": "wrong-one-1"},
            headers={"X-Forwarded-For": f"192.0.2.{n + 1}"},
        )
        assert_problem(wrong, 401, "unauthorized")
    right = await guesser.post(
        TOKEN, data={"username": member.email, "password": PASSWORD}, headers=spoofed
    )
    assert_throttled(right, settings.sign_in_window_seconds)
    # The member, from their own address, is not locked out by someone else's guessing.
    assert (await sign_in(from_address("198.51.100.20"), member.email))["access_token"]


# --- password hashes ---


async def stored_hash(session: AsyncSession, user_id: uuid.UUID) -> str:
    found = await session.scalar(
        select(User.password_hash)
        .where(User.id == user_id)
        .execution_options(populate_existing=True)
    )
    assert found is not None
    return str(found)


def assert_current_argon2id(password_hash: str) -> None:
    """argon2id with at least OWASP's parameters (m=19 MiB, t=2, p=1), exactly as
    app/core/security.py configures them."""
    parameters = argon2.extract_parameters(password_hash)
    assert parameters.type is argon2.Type.ID
    assert parameters.version == argon2.low_level.ARGON2_VERSION == 19
    assert parameters.memory_cost >= 19456
    assert parameters.time_cost >= 2
    assert parameters.parallelism == 1
    assert parameters.salt_len >= 16
    assert parameters.hash_len >= 32
    assert parameters == argon2.extract_parameters(password_hasher.hash("any"))


async def test_registration_stores_argon2id_with_owasp_parameters(
    client: AsyncClient, session: AsyncSession
) -> None:
    email = unique_email("hash")
    response = await client.post(
        "/v1/auth/register",
        json={"email": email, "password": PASSWORD, "display_name": "Hal", "time_zone": "UTC"},
    )
    assert response.status_code == 201, response.text
    assert_current_argon2id(await stored_hash(session, uuid.UUID(response.json()["id"])))


OUTDATED_HASHERS = {
    "argon2id m=4 MiB t=1": argon2.PasswordHasher(memory_cost=4096, time_cost=1, parallelism=1),
    "argon2id t=1": argon2.PasswordHasher(memory_cost=19456, time_cost=1, parallelism=1),
    "argon2i, the older type": argon2.PasswordHasher(
        memory_cost=19456, time_cost=2, parallelism=1, type=argon2.Type.I
    ),
    "argon2id, 8-byte salt": argon2.PasswordHasher(
        memory_cost=19456, time_cost=2, parallelism=1, salt_len=8
    ),
}


async def sign_in_via_api(client: AsyncClient, member: Member, password: str) -> int:
    response = await client.post(TOKEN, data={"username": member.email, "password": password})
    return response.status_code


async def sign_in_via_admin(client: AsyncClient, member: Member, password: str) -> int:
    response = await client.post(
        "/admin/login", data={"username": member.email, "password": password}
    )
    return response.status_code


@pytest.mark.parametrize(
    ("entry", "signed_in", "refused"),
    [
        pytest.param(sign_in_via_api, 200, 401, id="API token endpoint"),
        pytest.param(sign_in_via_admin, 302, 400, id="admin sign-in form"),
    ],
)
@pytest.mark.parametrize("outdated", list(OUTDATED_HASHERS))
async def test_an_outdated_hash_is_upgraded_at_the_next_successful_sign_in(
    client: AsyncClient,
    session: AsyncSession,
    staff_user: Member,
    outdated: str,
    entry: Callable[[AsyncClient, Member, str], Any],
    signed_in: int,
    refused: int,
) -> None:
    old_hash = OUTDATED_HASHERS[outdated].hash(PASSWORD)
    staff_user.user.password_hash = old_hash
    await session.flush()
    # A wrong password proves nothing about the member: the old hash stays.
    assert await entry(client, staff_user, "not-the-password-1") == refused
    assert await stored_hash(session, staff_user.id) == old_hash

    assert await entry(client, staff_user, PASSWORD) == signed_in
    upgraded = await stored_hash(session, staff_user.id)
    assert_current_argon2id(upgraded)
    assert await verify_password(PASSWORD, upgraded)
    # Current now: the next sign-in leaves it alone.
    assert await entry(client, staff_user, PASSWORD) == signed_in
    assert await stored_hash(session, staff_user.id) == upgraded


async def test_a_current_hash_is_not_rewritten_at_sign_in(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    before = await stored_hash(session, member.id)
    assert_current_argon2id(before)
    await sign_in(client, member.email)
    assert await stored_hash(session, member.id) == before
