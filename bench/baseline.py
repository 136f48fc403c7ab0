"""The baseline: a bare Starlette app serving each scenario's real response, precomputed.

The runner fetches every scenario's response from the API once and writes them to the JSON
file named by BENCH_BASELINE_RESPONSES: method, path, query string, status, content type and
the body (base64). This app serves exactly those bytes with the same content type, so the
requests per second it reaches under the same uvicorn settings and CPU pinning are the ceiling
of this Python stack for that response on this machine. Run with
`uvicorn bench.baseline:create_app --factory`.
"""

import base64
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

Prepared = tuple[bytes, str, int]
# (query string, whether the request is conditional): one URL may be answered 200, and 304
# to a request carrying If-None-Match.
RequestKey = tuple[bytes, bool]


def _conditional(request: Request) -> bool:
    return "if-none-match" in request.headers


def _endpoint(by_query: dict[RequestKey, Prepared]) -> Any:
    if len(by_query) == 1:
        body, content_type, status = next(iter(by_query.values()))

        async def serve_one(request: Request) -> Response:
            return Response(body, status_code=status, media_type=content_type)

        return serve_one

    async def serve_by_query(request: Request) -> Response:
        found = by_query.get((request.scope["query_string"], _conditional(request)))
        if found is None:
            return Response(b"no such prepared response", status_code=404)
        return Response(found[0], status_code=found[2], media_type=found[1])

    return serve_by_query


async def healthz(request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


def create_app(responses_file: str | None = None) -> Starlette:
    path = Path(responses_file or os.environ["BENCH_BASELINE_RESPONSES"])
    routes: dict[tuple[str, str], dict[RequestKey, Prepared]] = defaultdict(dict)
    for entry in json.loads(path.read_text()):
        prepared = (base64.b64decode(entry["body"]), entry["content_type"], entry["status"])
        key = (entry["query"].encode(), bool(entry.get("conditional")))
        routes[(entry["method"], entry["path"])][key] = prepared
    return Starlette(
        routes=[
            Route("/healthz", healthz),
            *(
                Route(route_path, _endpoint(by_query), methods=[method])
                for (method, route_path), by_query in routes.items()
            ),
        ]
    )
