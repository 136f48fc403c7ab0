"""A small keep-alive HTTP client for preparing the run (sign-ins, reference responses, the
cursor walk). Only 127.0.0.1 is ever addressed."""

import http.client
import json
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from bench.servers import HOST


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def json(self) -> Any:
        return json.loads(self.body)


class Client:
    def __init__(self, port: int, timeout_s: float = 60) -> None:
        self.port = port
        self.timeout_s = timeout_s
        self._connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout_s)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ) -> Response:
        # One retry, on a fresh connection, when the server closed an idle keep-alive one.
        for attempt in range(2):
            connection = self._connect()
            try:
                connection.request(method, path, body=body, headers=headers or {})
                raw = connection.getresponse()
                data = raw.read()
                return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data)
            except (http.client.RemoteDisconnected, ConnectionError, BrokenPipeError):
                self.close()
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def sign_in(self, email: str, password: str, attempts: int = 5) -> str:
        """An access token from /v1/auth/token (the OAuth2 password flow). A 5xx is tried
        again a few times: on SQLite a sign-in can fail while another write commits."""
        form = urllib.parse.urlencode({"username": email, "password": password}).encode()
        for attempt in range(attempts):
            response = self.request(
                "POST",
                "/v1/auth/token",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                body=form,
            )
            if response.status == 200:
                return str(response.json()["access_token"])
            if response.status < 500 or attempt == attempts - 1:
                break
            time.sleep(0.2 * (attempt + 1))
        raise RuntimeError(f"sign-in of {email} failed: {response.status} {response.body!r}")
