"""The load scenarios: one declarative record each.

A scenario is a request (method, path, headers and body, with `{placeholders}` filled from the
run's context) or a Lua script for requests that change every time, plus: whether it needs a
member's token, whether its baseline is measured (or borrowed from a scenario that serves the
same bytes), and an optional `prepare` step. Adding a scenario is adding one entry to
SCENARIOS, for example a conditional GET:

    Scenario("articles_304", "...", path="/v1/articles?limit=20",
             headers={"If-None-Match": "{etag_articles}"}, expect_status=304,
             prepare=remember_etag)
"""

import os
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import create_engine, func, select
from sqlmodel import SQLModel

from bench.client import Client
from bench.datagen import DatasetInfo, sync_url
from bench.wrk import DONE_HOOK, lua_string

DEEP_PAGE_DEPTH = 1_000
UPLOAD_BATCH = 500
TOKEN_MAX_AGE_S = 600  # access tokens live 15 minutes
GRAPHQL_ARTICLES = (
    "{ articles(first: 20) { edges { node { slug title summary topics { slug name } } } } }"
)
# The app's home screen in one round trip: newest articles, each topic's tracks with their
# narrator, lengths and the viewer's resume point, and the viewer's streak.
GRAPHQL_HOME = (
    "{ articles(first: 10) { nodes { slug title summary author { name } topics { slug name "
    "tracks(first: 3) { slug title narrator { name } durationsSeconds "
    "viewerProgress { resumePositionSeconds } } } } } "
    "viewer { stats(range: week) { currentStreakDays totalMinutes } "
    "continueListening { resumePositionSeconds track { slug } } } }"
)


# The API servers scenarios run against, by the settings that differ (environment variables).
SERVER_PROFILES: dict[str, dict[str, str]] = {
    # Every public read runs the app and the database: the public response cache and
    # GraphQL's result cache are sized to nothing, so each response is still hashed for its
    # ETag and compressed, then dropped. (Per-version caches of built items, such as article
    # summaries, stay: they are how an uncached read is served.)
    "api": {"RESPONSE_CACHE_MAX_ENTRIES": "0", "GRAPHQL_RESULT_CACHE_MAX_ENTRIES": "0"},
    # As deployed by default: anonymous public reads are answered from the response cache.
    "api_cached": {},
}


@dataclass
class RunContext:
    """What scenarios are filled in from: the data set, clients of the servers, found values."""

    info: DatasetInfo
    clients: dict[str, Client]
    database_url: str
    values: dict[str, str] = field(default_factory=dict)
    _tokens: dict[str, tuple[float, str]] = field(default_factory=dict)

    @property
    def client(self) -> Client:
        """A client of the `api` server, for sign-ins and other preparation."""
        return self.clients["api"]

    def token(self, email: str) -> str:
        """A member's access token, signed in at /v1/auth/token, renewed before it expires."""
        cached = self._tokens.get(email)
        if cached is None or time.monotonic() - cached[0] > TOKEN_MAX_AGE_S:
            cached = (time.monotonic(), self.client.sign_in(email, self.info.password))
            self._tokens[email] = cached
        return cached[1]

    def auth_headers(self, who: str | None) -> dict[str, str]:
        if who is None:
            return {}
        email = {"stats": self.info.stats_member, "signin": self.info.signin_member}[who]
        return {"Authorization": f"Bearer {self.token(email)}"}

    def published_variants(self, limit: int = 1_000) -> list[tuple[int, int]]:
        """(variant id, seconds) of published tracks, for uploads to refer to."""
        tables = SQLModel.metadata.tables
        variant, track = tables["track_variant"], tables["track"]
        engine = create_engine(sync_url(self.database_url))
        try:
            with engine.connect() as conn:
                found = conn.execute(
                    select(variant.c.id, variant.c.duration_seconds)
                    .join(track, track.c.id == variant.c.track_id)
                    .where(track.c.status == "published", track.c.published_at <= _now())
                    .order_by(variant.c.id)
                    .limit(limit)
                ).all()
        finally:
            engine.dispose()
        return [(int(row[0]), int(row[1])) for row in found]

    def count_sessions(self, emails: list[str]) -> int:
        tables = SQLModel.metadata.tables
        sessions, user = tables["listening_session"], tables["user"]
        engine = create_engine(sync_url(self.database_url))
        try:
            with engine.connect() as conn:
                owners = select(user.c.id).where(user.c.email.in_(emails))
                return int(
                    conn.scalar(
                        select(func.count())
                        .select_from(sessions)
                        .where(sessions.c.user_id.in_(owners))
                    )
                    or 0
                )
        finally:
            engine.dispose()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Scenario:
    name: str
    summary: str
    method: str = "GET"
    path: str = ""
    # The server profile (SERVER_PROFILES) it runs against.
    server: str = "api"
    headers: Mapping[str, str] = field(default_factory=dict)
    body: str | None = None
    # "stats": the bearer token of the member with 5,000 sessions.
    auth: str | None = None
    # Builds a Lua `request` function, for requests that differ every time.
    lua: Callable[[RunContext], str] | None = None
    baseline: bool = True
    # Borrow the baseline measured for another scenario that serves the same bytes.
    baseline_of: str | None = None
    connections: int | None = None
    expect_status: int = 200
    # Probed before the run; a 404 there means the feature does not exist yet: skipped.
    requires: str | None = None
    prepare: Callable[[RunContext], str | None] | None = None
    # Runs just before each measurement (warm-up included), and checks it afterwards given
    # the number of requests answered; the check's text goes into the notes.
    before: Callable[[RunContext], None] | None = None
    after: Callable[[RunContext, int], str] | None = None
    # A second load on the same wrk core while this one is measured; compared with the
    # idle result of `compare_idle`.
    during: "Scenario | None" = None
    compare_idle: str | None = None

    def render(self, ctx: RunContext) -> tuple[str, dict[str, str], str | None]:
        """The concrete request: path, headers (with a fresh token) and body."""
        headers = {k: v.format(**ctx.values) for k, v in self.headers.items()}
        headers.update(ctx.auth_headers(self.auth))
        body = self.body.format(**ctx.values) if self.body is not None else None
        return self.path.format(**ctx.values), headers, body


def walk_to_deep_page(ctx: RunContext) -> str:
    """Follow next_cursor from the first page, DEEP_PAGE_DEPTH times or to the last page."""
    path, cursor, depth = "/v1/articles?limit=20", "", 0
    deadline = time.monotonic() + 600
    while depth < DEEP_PAGE_DEPTH and time.monotonic() < deadline:
        response = ctx.client.get(path + (f"&cursor={cursor}" if cursor else ""))
        if response.status != 200:
            raise RuntimeError(f"cursor walk failed at depth {depth}: {response.status}")
        following = response.json()["next_cursor"]
        if following is None:
            break
        cursor, depth = urllib.parse.quote(following, safe=""), depth + 1
    ctx.values["deep_cursor"] = cursor
    ctx.values["deep_page_depth"] = str(depth)
    if depth < DEEP_PAGE_DEPTH:
        return f"depth {depth}: the deepest page at this scale (target {DEEP_PAGE_DEPTH})"
    return f"depth {depth} (rows {depth * 20 + 1}-{depth * 20 + 20})"


def signin_form(ctx: RunContext) -> str:
    form = {"username": ctx.info.signin_member, "password": ctx.info.password}
    ctx.values["signin_form"] = urllib.parse.urlencode(form)
    return "sign-ins as one member with the right password"


UPLOAD_LUA = r"""
local tokens = {@TOKENS@}
local variants = {@VARIANTS@}
local prefix = @PREFIX@
local per_request = @PER_REQUEST@
local counter = 0
local now = os.time()
math.randomseed(@SEED@)

local function session(n)
  local v = variants[math.random(#variants)]
  local completed = math.random() < 0.55
  local listened = v[2]
  if not completed then listened = math.random(30, v[2] - 1) end
  local mood = ""
  if math.random() < 0.35 then
    local before = math.random(1, 4)
    mood = string.format(',"mood_before":%d,"mood_after":%d', before, before + 1)
  end
  return string.format(
    '{"id":"%s%012x","variant_id":%d,"started_at":"%s","seconds_listened":%d,' ..
    '"end_position_seconds":%d,"completed":%s%s}',
    prefix, n, v[1], os.date("!%Y-%m-%dT%H:%M:%SZ", now - math.random(600, 30 * 86400)),
    listened, listened, completed and "true" or "false", mood)
end

request = function()
  counter = counter + 1
  local items = {}
  for i = 1, per_request do items[i] = session(counter * per_request + i) end
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1],
  }
  return wrk.format("POST", "/v1/me/sessions", headers,
    '{"sessions":[' .. table.concat(items, ",") .. ']}')
end
"""


def upload_script(ctx: RunContext, per_request: int = UPLOAD_BATCH) -> str:
    """500 new sessions per request, spread over the upload members round-robin. The ids are
    a fresh random prefix per wrk run plus a counter, so every request really inserts."""
    tokens = [ctx.token(email) for email in ctx.info.upload_members]
    variants = ctx.published_variants()
    h = uuid.uuid4().hex
    replacements = {
        "@TOKENS@": ", ".join(lua_string(t) for t in tokens),
        "@VARIANTS@": ", ".join(f"{{{v}, {s}}}" for v, s in variants),
        "@PREFIX@": lua_string(f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-"),
        "@PER_REQUEST@": str(per_request),
        "@SEED@": str(int(h[20:28], 16)),
    }
    script = UPLOAD_LUA
    for marker, value in replacements.items():
        script = script.replace(marker, value)
    return script + DONE_HOOK


def count_uploaded(ctx: RunContext) -> None:
    ctx.values["uploaded_before"] = str(ctx.count_sessions(ctx.info.upload_members))


def check_uploaded(ctx: RunContext, requests: int) -> str:
    """Every request must have stored 500 new rows, or the scenario measured duplicates. wrk
    counts only the answers it read; requests in flight when it stopped are stored too."""
    stored = ctx.count_sessions(ctx.info.upload_members) - int(ctx.values["uploaded_before"])
    batches, partial = divmod(stored, UPLOAD_BATCH)
    if partial or batches < requests:
        raise RuntimeError(
            f"{stored} sessions stored for {requests} answered uploads of {UPLOAD_BATCH}: "
            "some requests did not insert all their sessions"
        )
    return f"{stored:,} sessions stored: {batches} full batches ({requests} answered)"


def remember_etag(ctx: RunContext) -> str:
    response = ctx.clients["api_cached"].get("/v1/articles?limit=20")
    etag = response.headers.get("etag")
    if response.status != 200 or not etag:
        raise RuntimeError(f"no ETag on /v1/articles (status {response.status})")
    ctx.values["articles_etag"] = etag
    return ""


def search_index_ready(ctx: RunContext) -> str:
    """The data set is bulk-loaded after migrating, past the services that keep the search
    index current: build the index once when it is empty, so the search ranks real matches."""
    if ctx.client.get("/v1/search?q=sleep&limit=1").json()["items"]:
        return ""
    subprocess.run(
        [sys.executable, "-m", "app.cli", "search-reindex"],
        env={**os.environ, "DATABASE_URL": ctx.database_url, "ENVIRONMENT": "development"},
        check=True,
        capture_output=True,
        timeout=900,
    )
    return "search index built from the data set first"


SIGNINS = Scenario(
    "signins",
    "POST /v1/auth/token: argon2id verify (~30 ms CPU) and a refresh-token insert.",
    method="POST",
    path="/v1/auth/token",
    headers={"Content-Type": "application/x-www-form-urlencoded"},
    body="{signin_form}",
    baseline=False,
    connections=2,
)

SCENARIOS = [
    Scenario(
        "articles_list",
        "GET /v1/articles?limit=20: the first page of article summaries.",
        path="/v1/articles?limit=20",
    ),
    Scenario(
        "article_detail",
        "GET /v1/articles/{slug}: one medical article in full (body, review, citations).",
        path="/v1/articles/{detail_article}",
    ),
    Scenario(
        "tracks_filtered",
        "GET /v1/tracks?topic=<most used topic>&max_duration=600.",
        path="/v1/tracks?topic={popular_topic}&max_duration=600",
    ),
    Scenario(
        "topic_page",
        "GET /v1/topics/{slug}: the topic with its first 20 articles and 20 tracks.",
        path="/v1/topics/{popular_topic}",
    ),
    Scenario(
        "search",
        "GET /v1/search?q=sleep: full-text search, ranked, 20 hits with snippets and summaries.",
        path="/v1/search?q=sleep&limit=20",
        requires="/v1/search?q=sleep",
        prepare=search_index_ready,
    ),
    Scenario(
        "deep_page",
        "GET /v1/articles?limit=20&cursor=<cursor at depth 1,000> (keyset seek).",
        path="/v1/articles?limit=20&cursor={deep_cursor}",
        prepare=walk_to_deep_page,
    ),
    Scenario(
        "member_stats",
        "GET /v1/me/stats?range=year for the member with 5,000 sessions (bearer token).",
        path="/v1/me/stats?range=year",
        auth="stats",
    ),
    Scenario(
        "graphql_articles",
        "GET /graphql, anonymous: first 20 articles (slug title summary topics{slug name}), "
        "uncached (the document's parse and validation are): compared with articles_list.",
        path="/graphql?query={graphql_articles_query}",
        requires="/graphql?query=%7B__typename%7D",
    ),
    Scenario(
        "graphql_articles_warm",
        "graphql_articles with the response cache on, as deployed: compared with "
        "articles_list_warm.",
        path="/graphql?query={graphql_articles_query}",
        server="api_cached",
        requires="/graphql?query=%7B__typename%7D",
    ),
    Scenario(
        "graphql_articles_member",
        "graphql_articles signed in: the member is loaded, then as graphql_articles.",
        path="/graphql?query={graphql_articles_query}",
        auth="stats",
        requires="/graphql?query=%7B__typename%7D",
    ),
    Scenario(
        "graphql_home",
        "GET /graphql, anonymous: the nested home-screen query (articles, topics, their "
        "tracks, narrators), uncached; DataLoaders load the nested lists.",
        path="/graphql?query={graphql_home_query}",
        requires="/graphql?query=%7B__typename%7D",
    ),
    Scenario(
        "graphql_home_member",
        "graphql_home signed in (the 5,000-session member): no result cache; DataLoaders "
        "load the nested lists, the viewer's progress on every track and their streak.",
        path="/graphql?query={graphql_home_query}",
        auth="stats",
        requires="/graphql?query=%7B__typename%7D",
    ),
    Scenario(
        "articles_list_warm",
        "articles_list with the public response cache on (anonymous, so every hit is cached).",
        path="/v1/articles?limit=20",
        server="api_cached",
        baseline_of="articles_list",
    ),
    Scenario(
        "articles_list_304",
        "articles_list_warm with If-None-Match: the ETag matches, 304 without a body.",
        path="/v1/articles?limit=20",
        server="api_cached",
        headers={"If-None-Match": "{articles_etag}"},
        expect_status=304,
        prepare=remember_etag,
    ),
    Scenario(
        "reads_during_signins",
        "articles_list while a second wrk on the same core signs in over 2 connections.",
        path="/v1/articles?limit=20",
        baseline_of="articles_list",
        during=SIGNINS,
        compare_idle="articles_list",
        prepare=signin_form,
    ),
    Scenario(
        "upload_500",
        "POST /v1/me/sessions, 500 new sessions per request, one at a time (so p50 is the "
        "cost of one batch, not a queue), 32 members round-robin.",
        method="POST",
        path="/v1/me/sessions",
        lua=upload_script,
        baseline=False,
        connections=1,
        before=count_uploaded,
        after=check_uploaded,
    ),
]
SCENARIOS_BY_NAME = {scenario.name: scenario for scenario in SCENARIOS}


def initial_values(info: DatasetInfo) -> dict[str, str]:
    return {
        "detail_article": info.detail_article,
        "popular_topic": info.popular_topic,
        "graphql_articles_query": urllib.parse.quote(GRAPHQL_ARTICLES, safe=""),
        "graphql_home_query": urllib.parse.quote(GRAPHQL_HOME, safe=""),
    }
