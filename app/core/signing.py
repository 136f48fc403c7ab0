"""Opaque, tamper-evident tokens: a JSON payload and its HMAC, URL-safe.

Used for list cursors and sync tokens, so a client can hold state for us without being able
to forge it.
"""

import base64
import binascii
import hashlib
import hmac
from typing import Any

import orjson


class BadToken(ValueError):
    """The token is malformed or was not issued by this API (or was altered)."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(secret: str, purpose: str, payload: bytes) -> bytes:
    key = hashlib.sha256(f"{purpose}:{secret}".encode()).digest()
    return hmac.new(key, payload, hashlib.sha256).digest()[:12]


def sign(secret: str, purpose: str, value: Any) -> str:
    """`purpose` separates kinds of tokens: a cursor is never accepted as a sync token."""
    payload = orjson.dumps(value)
    return f"{_b64encode(payload)}.{_b64encode(_signature(secret, purpose, payload))}"


def unsign(secret: str, purpose: str, token: str) -> Any:
    try:
        body, signature = token.split(".", 1)
        payload, given = _b64decode(body), _b64decode(signature)
    except (ValueError, binascii.Error):
        raise BadToken("it is malformed") from None
    if not hmac.compare_digest(given, _signature(secret, purpose, payload)):
        raise BadToken("it was not issued by this API or has been altered")
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError:
        raise BadToken("it is malformed") from None
