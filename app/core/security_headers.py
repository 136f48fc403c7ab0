"""Security headers on every response: pure ASGI, outside everything else.

It sits outside the public response cache, so cached answers and 304s carry the headers too,
and outside Starlette's error middleware, so a 500 does as well. A header the response
already has is left alone (the admin sets its own Referrer-Policy); Cache-Control is never
touched.

The JSON API gets the strictest Content-Security-Policy (`default-src 'none'`: a response
rendered as a page by mistake can load and run nothing). The pages that are meant to be
pages get what they load and nothing more:

* `/docs` (Swagger UI) and `/redoc` are FastAPI's: their script and styles come from
  cdn.jsdelivr.net, ReDoc's fonts from Google Fonts, and each page starts with an inline
  script. They show no user content, so 'unsafe-inline' there is the price of FastAPI's
  HTML; self-hosting the assets (`get_swagger_ui_html(swagger_js_url=...)`) would allow
  dropping the CDN but not the inline script.
* GraphiQL (`/graphql` outside production) loads React and GraphiQL from unpkg.com.
* The admin (`/admin`) serves its own scripts and styles; some elements have inline styles.

Media (`/v1/media/`) may be embedded by other sites (an `<img>` or `<audio>` on a partner's
page), so it is `Cross-Origin-Resource-Policy: cross-origin`; everything else is
`same-origin` (CORS still lets allowed origins fetch the API: CORP only stops no-cors
embedding). `Strict-Transport-Security` is sent in production only, where TLS is
terminated in front of the app; on plain-HTTP development servers browsers ignore it anyway.
"""

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Headers = list[tuple[bytes, bytes]]

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
DOCS_CSP = (
    "default-src 'none'; "
    "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' data: https://fonts.gstatic.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "connect-src 'self'; "
    "worker-src 'self' blob:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
GRAPHIQL_CSP = (
    "default-src 'none'; "
    "script-src 'self' 'unsafe-inline' https://unpkg.com; "
    "style-src 'self' 'unsafe-inline' https://unpkg.com; "
    "font-src 'self' data: https://unpkg.com; "
    "img-src 'self' data:; "
    "connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
ADMIN_CSP = (
    "default-src 'self'; "
    "script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; "
    "font-src 'self' data:; "
    "object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# Two years, the HSTS preload list's minimum; subdomains too, as the API has no plain-HTTP
# subdomain to protect.
HSTS = "max-age=63072000; includeSubDomains"
MEDIA_PREFIX = "/v1/media/"
ADMIN_PREFIX = "/admin"
GRAPHQL_PATH = "/graphql"


def _encoded(pairs: Iterable[tuple[str, str]]) -> Headers:
    return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in pairs]


class SecurityHeaders:
    def __init__(
        self,
        app: ASGIApp,
        *,
        production: bool,
        graphiql: bool,
        docs_paths: Iterable[str | None],
    ) -> None:
        self.app = app
        self.docs_paths = frozenset(path for path in docs_paths if path)
        self.graphiql = graphiql
        common = [
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
        ]
        if production:
            common.append(("Strict-Transport-Security", HSTS))
        same_origin = ("Cross-Origin-Resource-Policy", "same-origin")
        self.api = _encoded([*common, ("Content-Security-Policy", API_CSP), same_origin])
        self.media = _encoded(
            [
                *common,
                ("Content-Security-Policy", API_CSP),
                ("Cross-Origin-Resource-Policy", "cross-origin"),
            ]
        )
        self.docs = _encoded([*common, ("Content-Security-Policy", DOCS_CSP), same_origin])
        self.graphiql_page = _encoded(
            [*common, ("Content-Security-Policy", GRAPHIQL_CSP), same_origin]
        )
        self.admin = _encoded([*common, ("Content-Security-Policy", ADMIN_CSP), same_origin])

    def headers_for(self, path: str) -> Headers:
        if path.startswith(MEDIA_PREFIX):
            return self.media
        if path in self.docs_paths:
            return self.docs
        if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
            return self.admin
        if path == GRAPHQL_PATH and self.graphiql:
            return self.graphiql_page
        return self.api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = self.headers_for(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: Headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [header for header in extra if header[0] not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
