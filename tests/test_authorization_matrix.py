"""The authorization matrix: every route the app serves and every GraphQL field that takes an
id or a slug, asked by every kind of caller, each expecting the exact answer that caller must get.

Callers: anonymous; members A and B, each with listening sessions, progress, a favourite and an
article read of their own; one partner API key per scope (`content:read`, `search`, `sync`); and
the staff roles editor, reviewer (a credentialed clinician) and admin.

The answer follows from the route's class:

    access       anonymous      members   editor, reviewer   admin   partner key
    public       ok             ok        ok                 ok      ok with its scope, else 403
    member-own   401 (Bearer)   ok        ok                 ok      403: keys never reach them
    staff        401 (Bearer)   403       ok                 ok      403
    admin        401 (Bearer)   403       403                ok      403

Refusals are problem+json. A partner key is checked before anything else and then dropped, so
a partner is served as an anonymous reader. A few cases say more than their class (premium
audio, the clinical-review rule); they list their exceptions.

Every case that addresses an object by id or slug runs again with an id that names nothing:
callers who may use the route get 404, callers who may not get the same refusal as for the real
object, so a refusal never says whether the object exists. Member data is never addressed by
id: it is the caller's own by construction, and nothing of A's can be named by B.

Besides its answer, every request is checked for two things: its body holds no private datum of
a member other than the caller (id, email, display name, listening session ids), and no row
of another member changed (the user row and every table with a `user_id`).

The routes and GraphQL fields are read from the app and the schema; one that the matrix does
not classify fails `test_the_matrix_classifies_every_route` (or the GraphQL one): add it here.

The world (users, content, keys, media, member data) is built once for the module, and each
request runs inside a savepoint rolled back afterwards, so the ~1,700 requests do not each
rebuild it. The app and its client are wired as the conftest `client` fixture wires them.
"""

import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, APIWebSocketRoute, iter_route_contexts
from graphql import GraphQLInputObjectType, GraphQLObjectType, get_named_type
from httpx import AsyncClient, RequestNotRead, Response
from sqlalchemy import Column, Table, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlmodel import SQLModel
from starlette.routing import Mount, Route

from app.accounts.models import Role
from app.core.config import Settings
from app.core.db import utcnow
from app.core.publishing import PublicationStatus
from app.graphql.node import global_id
from app.graphql.schema import build_schema
from app.main import create_app
from app.partners.models import Scope
from tests.conftest import client_for
from tests.factories import (
    make_article,
    make_collection,
    make_person,
    make_topic,
    make_track,
    variants_of,
)
from tests.helpers import PROBLEM_JSON
from tests.media_files import wav_bytes
from tests.member_factories import PASSWORD, Member, listen, make_member, sign_in

ANONYMOUS = "anonymous"
MEMBER_A = "member_a"
MEMBER_B = "member_b"
EDITOR = "editor"
REVIEWER = "reviewer"
ADMIN = "admin"
PARTNER_SCOPES: dict[str, Scope] = {
    "partner_content": Scope.content_read,
    "partner_search": Scope.search,
    "partner_sync": Scope.sync,
}
MEMBERS = (MEMBER_A, MEMBER_B)
STAFF = (EDITOR, REVIEWER, ADMIN)
ACTORS = (ANONYMOUS, *MEMBERS, *PARTNER_SCOPES, *STAFF)
SIGNED_IN = (*MEMBERS, *STAFF)

MemberRows = dict[str, list[tuple[Any, ...]]]
MISSING_ID = 2**31 - 1  # inside every id route's range, so the answer is about existence
MISSING_SLUG = "no-such-entry-anywhere"


class Access(StrEnum):
    public = "public"
    member_own = "member-own"
    staff = "staff"
    admin = "admin"


@dataclass(frozen=True)
class Answer:
    status: int
    code: str | None = None  # the problem code of a refusal or error

    def __str__(self) -> str:
        return f"{self.status} {self.code}" if self.code else str(self.status)


UNAUTHORIZED = Answer(401, "unauthorized")
FORBIDDEN = Answer(403, "forbidden")
NOT_FOUND = Answer(404, "not-found")
CONFLICT = Answer(409, "conflict")
REFUSALS = (UNAUTHORIZED, FORBIDDEN)


def class_answers(access: Access, scope: Scope | None, ok: Answer) -> dict[str, Answer]:
    """What each caller gets from a route of this class (the table in the module docstring)."""
    answers = {}
    for actor in ACTORS:
        if actor in PARTNER_SCOPES:
            opens = access is Access.public and scope is PARTNER_SCOPES[actor]
            answers[actor] = ok if opens else FORBIDDEN
        elif actor == ANONYMOUS:
            answers[actor] = ok if access is Access.public else UNAUTHORIZED
        elif actor in MEMBERS:
            answers[actor] = ok if access in (Access.public, Access.member_own) else FORBIDDEN
        elif actor in (EDITOR, REVIEWER):
            answers[actor] = FORBIDDEN if access is Access.admin else ok
        else:
            answers[actor] = ok
    return answers


# --- the world every request runs against ---


@dataclass
class World:
    client: AsyncClient
    connection: AsyncConnection
    session: AsyncSession
    headers: dict[str, dict[str, str]]
    # Ids and slugs of what was created, by name: cases read what they need from here.
    ids: dict[str, Any]
    # Per signed-in caller: their user id, and what they hold.
    user_ids: dict[str, str]
    session_ids: dict[str, list[str]]
    favorite_slugs: dict[str, list[str]]
    progress_slugs: dict[str, list[str]]
    # Per member: what no other caller may ever see.
    secrets: dict[str, list[bytes]]
    # For each set of members a caller is not: every row that belongs to them, as built.
    baseline: dict[tuple[str, ...], MemberRows] = field(default_factory=dict)
    # Rows written on the connection before this test's request (SQLite only).
    writes_before: int | None = None
    # Why the shared world cannot be used any more, once something broke it.
    broken: str | None = None


@cache
def member_tables() -> list[tuple[Table, Column[Any]]]:
    """The user table and every table holding member data (any with a user_id), each with the
    column naming the member: found from the models, so a new table is covered unnamed."""
    user_table = SQLModel.metadata.tables["user"]
    return [(user_table, user_table.c.id)] + [
        (table, table.c.user_id)
        for table in SQLModel.metadata.sorted_tables
        if "user_id" in table.c
    ]


async def member_rows(connection: AsyncConnection, user_ids: list[str]) -> MemberRows:
    owners = [uuid.UUID(user_id) for user_id in user_ids]
    rows = {}
    for table, owner in member_tables():
        result = await connection.execute(
            select(table).where(owner.in_(owners)).order_by(*table.primary_key)
        )
        rows[table.name] = [tuple(row) for row in result]
    return rows


async def rows_written(connection: AsyncConnection) -> int | None:
    """Rows inserted, changed or deleted on this connection so far, where the database says
    (SQLite): when it has not moved, a request wrote nothing and the row check can be skipped."""
    if connection.dialect.name != "sqlite":
        return None
    return int((await connection.execute(text("SELECT total_changes()"))).scalar_one())


def other_members(actor: str) -> tuple[str, ...]:
    return tuple(member for member in MEMBERS if member != actor)


async def create_via_api(
    client: AsyncClient, url: str, who: Member, **kwargs: Any
) -> dict[str, Any]:
    response = await client.post(url, headers=who.headers, **kwargs)
    assert response.status_code == 201, (url, response.text)
    body: dict[str, Any] = response.json()
    return body


async def build_world(
    client: AsyncClient,
    connection: AsyncConnection,
    session: AsyncSession,
    settings: Settings,
) -> World:
    tag = uuid.uuid4().hex[:8]
    clinician = await make_person(session, name=f"Dr Reviewer {tag}", credentials="MD")
    people = {
        MEMBER_A: await make_member(session, settings, display_name=f"Ada Alpha {tag}"),
        MEMBER_B: await make_member(session, settings, display_name=f"Bea Beta {tag}"),
        EDITOR: await make_member(session, settings, display_name="Eddie", role=Role.editor),
        REVIEWER: await make_member(session, settings, display_name="Rhea", role=Role.reviewer),
        ADMIN: await make_member(session, settings, display_name="Ana", role=Role.admin),
    }
    people[REVIEWER].user.person_id = clinician.id
    sign_in_user = await make_member(session, settings, display_name="Sam Signin")
    editor, admin = people[EDITOR], people[ADMIN]

    topic = await make_topic(session)
    author = await make_person(session, name=f"Dr Author {tag}")
    article_a = await make_article(session, topics=[topic], author=author)
    article_b = await make_article(session, topics=[topic])
    draft_article = await make_article(session, status=PublicationStatus.draft.value)
    track_free = await make_track(session, topics=[topic], narrator=author, durations=(300,))
    track_b = await make_track(session, durations=(600,))
    track_premium = await make_track(session, is_premium=True, durations=(300,))
    collection = await make_collection(session, items=[track_free, article_a])
    [free_variant] = await variants_of(session, track_free)
    [b_variant] = await variants_of(session, track_b)
    [premium_variant] = await variants_of(session, track_premium)
    await session.commit()

    # Editorial entries made through the API, so each has its first revision.
    entries = {
        "article": await create_via_api(
            client,
            "/v1/editorial/articles",
            editor,
            json={
                "slug": f"draft-article-{tag}",
                "title": "A draft",
                "summary": "Not out yet.",
                "body_markdown": "Words.",
            },
        ),
        "track": await create_via_api(
            client,
            "/v1/editorial/tracks",
            editor,
            json={
                "slug": f"draft-track-{tag}",
                "title": "A draft track",
                "kind": "guided",
                "variants": [{"duration_seconds": 300}],
            },
        ),
        "collection": await create_via_api(
            client,
            "/v1/editorial/collections",
            editor,
            json={"slug": f"draft-collection-{tag}", "title": "A draft course", "kind": "course"},
        ),
        "topic": await create_via_api(
            client, "/v1/editorial/topics", editor, json={"slug": f"topic-{tag}", "name": "Grief"}
        ),
        "person": await create_via_api(
            client, "/v1/editorial/people", editor, json={"slug": f"person-{tag}", "name": "Sam"}
        ),
    }
    # A medical article in review, written by someone other than the reviewer.
    medical = await create_via_api(
        client,
        "/v1/editorial/articles",
        editor,
        json={
            "slug": f"medical-{tag}",
            "title": "Lamotrigine and ketamine",
            "summary": "What the evidence says.",
            "body_markdown": "Small studies, mixed findings.",
            "is_medical": True,
            "citations": [{"text": "Anand A, et al. Arch Gen Psychiatry. 2000;57(3):270-276."}],
            "author": author.slug,
        },
    )
    submitted = await client.post(
        f"/v1/editorial/articles/{medical['id']}/submit", headers=editor.headers
    )
    assert submitted.status_code == 200, submitted.text

    upload = {"file": ("take.wav", wav_bytes(0.2), "audio/wav")}
    media = {
        name: await create_via_api(client, "/v1/editorial/media", editor, files=upload)
        for name in ("free", "premium", "spare")
    }
    free_variant.media_asset_id = uuid.UUID(media["free"]["id"])
    premium_variant.media_asset_id = uuid.UUID(media["premium"]["id"])
    await session.commit()

    keys = {}
    client_ids = {}
    for actor, scope in PARTNER_SCOPES.items():
        created = await create_via_api(
            client,
            "/v1/admin/api-clients",
            admin,
            json={"name": actor, "scopes": [scope.value], "requests_per_minute": 100_000},
        )
        keys[actor] = created["api_key"]
        client_ids[actor] = created["id"]
    webhook = await create_via_api(
        client,
        f"/v1/admin/api-clients/{client_ids['partner_content']}/webhooks",
        admin,
        json={"url": "https://partner.example.com/hooks"},
    )

    # Member data: A listened to the free track twice, B to another track once.
    now = utcnow()
    listened = {
        MEMBER_A: [
            listen(free_variant.id, now - timedelta(days=1), seconds=200, mood_before=2),
            listen(free_variant.id, now - timedelta(hours=2), seconds=100, end=250),
        ],
        MEMBER_B: [listen(b_variant.id, now - timedelta(hours=3), seconds=300)],
    }
    favorites = {MEMBER_A: article_a.slug, MEMBER_B: article_b.slug}
    for actor in MEMBERS:
        who = people[actor]
        sent = await client.post(
            "/v1/me/sessions", json={"sessions": listened[actor]}, headers=who.headers
        )
        assert sent.json()["accepted"] == len(listened[actor]), sent.text
        faved = await client.put(
            f"/v1/me/favorites/article/{favorites[actor]}", headers=who.headers
        )
        assert faved.status_code == 204, faved.text
        read = await client.post(
            "/v1/me/article-reads", json={"article": favorites[actor]}, headers=who.headers
        )
        assert read.status_code == 200, read.text
    tokens = await sign_in(client, sign_in_user.email, PASSWORD)

    headers: dict[str, dict[str, str]] = {ANONYMOUS: {}}
    headers.update({actor: member.headers for actor, member in people.items()})
    headers.update({actor: {"X-API-Key": key} for actor, key in keys.items()})
    session_ids = {actor: [s["id"] for s in listened.get(actor, [])] for actor in SIGNED_IN}
    world = World(
        client=client,
        connection=connection,
        session=session,
        headers=headers,
        ids={
            "article_slug": article_a.slug,
            "draft_article_slug": draft_article.slug,
            "track_slug": track_free.slug,
            "free_variant_id": free_variant.id,
            "premium_track_slug": track_premium.slug,
            "premium_variant_id": premium_variant.id,
            "collection_slug": collection.slug,
            "topic_slug": topic.slug,
            "person_slug": author.slug,
            "entries": {kind: entry["id"] for kind, entry in entries.items()},
            "medical_entry_id": medical["id"],
            "media": {name: asset["id"] for name, asset in media.items()},
            "api_client_id": client_ids["partner_content"],
            "webhook_id": webhook["id"],
            "sign_in_email": sign_in_user.email,
            "refresh_token": tokens["refresh_token"],
            "a_session": listened[MEMBER_A][0],
            "a_session_id": listened[MEMBER_A][0]["id"],
            "a_user_id": str(people[MEMBER_A].id),
        },
        user_ids={actor: str(member.id) for actor, member in people.items()},
        session_ids=session_ids,
        favorite_slugs={
            actor: [favorites[actor]] if actor in favorites else [] for actor in SIGNED_IN
        },
        progress_slugs={
            actor: {MEMBER_A: [track_free.slug], MEMBER_B: [track_b.slug]}.get(actor, [])
            for actor in SIGNED_IN
        },
        secrets={
            actor: [
                str(people[actor].id).encode(),
                people[actor].email.encode(),
                people[actor].user.display_name.encode(),
                *(session_id.encode() for session_id in session_ids[actor]),
            ]
            for actor in MEMBERS
        },
    )
    await session.commit()
    for actor in ACTORS:
        others = other_members(actor)
        if others not in world.baseline:
            ids = [world.user_ids[other] for other in others]
            world.baseline[others] = await member_rows(connection, ids)
    return world


@pytest.fixture(scope="module")
async def built_world(
    engine: AsyncEngine, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[World]:
    """The conftest `client` wiring (the app's sessions join one connection whose transaction
    is rolled back at the end), built once for this module."""
    media_root: Path = tmp_path_factory.mktemp("matrix-media")
    app_settings = settings.model_copy(update={"media_root": str(media_root)})
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        app = create_app(app_settings)
        try:
            async with client_for(app, engine, session) as client:
                await app.state.content_version.current()
                yield await build_world(client, connection, session, app_settings)
        finally:
            await session.close()
            await transaction.rollback()


@pytest.fixture
async def world(built_world: World) -> AsyncIterator[World]:
    """The world, with whatever this test's request changes rolled back afterwards."""
    if built_world.broken:
        pytest.fail(f"an earlier test broke the shared world: {built_world.broken}")
    try:
        savepoint = await built_world.connection.begin_nested()
    except Exception as error:
        # The connection is unusable (a request was cancelled mid-statement, say): every
        # later test would fail for the same reason, so they say that instead.
        built_world.broken = f"{error!r}"
        raise
    built_world.writes_before = await rows_written(built_world.connection)
    yield built_world
    await built_world.session.rollback()
    await savepoint.rollback()
    # The session's objects may hold what the request wrote: forget them all.
    built_world.session.expunge_all()


def app_of(world: World) -> FastAPI:
    transport: Any = world.client._transport
    app: FastAPI = transport.app
    return app


# --- the REST cases ---

PathParams = Callable[[World], dict[str, Any]]
RequestArgs = Callable[[World, str], dict[str, Any]]
Check = Callable[[World, str, Response], None]


@dataclass(frozen=True)
class Case:
    method: str
    route: str  # as the app declares it
    access: Access
    scope: Scope | None = None  # the partner scope that opens a public route, if any
    ok: int = 200
    label: str = ""
    path: PathParams | None = None
    request: RequestArgs | None = None  # more client.request arguments: params, json, ...
    # Path parameters naming nothing: the case is run again with them (see `expand`).
    missing: PathParams | None = None
    # Where a case says more than its class (premium audio, clinical review).
    overrides: Mapping[str, Answer] = field(default_factory=dict)
    check: Check | None = None  # on a successful answer, that it is the caller's own

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}" + (f" [{self.label}]" if self.label else "")

    def answers(self) -> dict[str, Answer]:
        return {**class_answers(self.access, self.scope, Answer(self.ok)), **self.overrides}

    def url(self, world: World) -> str:
        return self.route.format(**self.path(world)) if self.path else self.route


@dataclass(frozen=True)
class MissingCase(Case):
    """A case addressing nothing: callers past the refusals get 404 (or `missing_ok`)."""

    missing_ok: int | None = None

    def answers(self) -> dict[str, Answer]:
        past = Answer(self.missing_ok) if self.missing_ok else NOT_FOUND
        return {
            actor: answer if answer in REFUSALS else past
            for actor, answer in class_answers(self.access, self.scope, Answer(self.ok)).items()
        }


def entry(kind: str) -> PathParams:
    return lambda w: {"entry_id": w.ids["entries"][kind]}


def entry_revision(kind: str) -> PathParams:
    return lambda w: {"entry_id": w.ids["entries"][kind], "number": 1}


def no_entry(_w: World) -> dict[str, Any]:
    return {"entry_id": MISSING_ID, "number": 1, "action": "submit"}


def json_body(body: Any) -> RequestArgs:
    return lambda _w, _actor: {"json": body}


def unique_registration(_w: World, actor: str) -> dict[str, Any]:
    email = f"new-{actor}-{uuid.uuid4().hex[:8]}@example.com"
    body = {"email": email, "password": PASSWORD, "display_name": "New", "time_zone": "UTC"}
    return {"json": body}


def check_profile(world: World, actor: str, response: Response) -> None:
    assert response.json()["id"] == world.user_ids[actor]


def check_history(world: World, actor: str, response: Response) -> None:
    ids = {item["id"] for item in response.json()["items"]}
    assert ids == set(world.session_ids[actor])


def check_progress(world: World, actor: str, response: Response) -> None:
    slugs = {item["track"]["slug"] for item in response.json()["items"]}
    assert slugs == set(world.progress_slugs[actor])


def check_favorites(world: World, actor: str, response: Response) -> None:
    slugs = [item["slug"] for item in response.json()["items"]]
    assert slugs == world.favorite_slugs[actor]


def check_stats(world: World, actor: str, response: Response) -> None:
    assert response.json()["total_sessions"] == len(world.session_ids[actor])


def check_export(world: World, actor: str, response: Response) -> None:
    sessions = response.json()["sections"]["listening_sessions"]
    assert {s["id"] for s in sessions} == set(world.session_ids[actor])


def check_resent_batch(actor: str, accepted: int, duplicates: int, rejected: int) -> None:
    # A's own session comes back a duplicate; to anyone else its id is taken, and they
    # learn no more than that (tests/test_member_isolation.py covers the wording).
    expected = (0, 1, 0) if actor == MEMBER_A else (0, 0, 1)
    assert (accepted, duplicates, rejected) == expected


def check_resent_session(world: World, actor: str, response: Response) -> None:
    body = response.json()
    check_resent_batch(actor, body["accepted"], body["duplicates"], body["rejected"])


def check_admin_ui_login(_world: World, _actor: str, response: Response) -> None:
    # No bearer token signs anyone in to the admin UI: it is cookie-only. (Keys are refused.)
    assert response.headers["location"].endswith("/admin/login")


SLUG = {"slug": MISSING_SLUG}
PREMIUM_MEDIA = {
    ANONYMOUS: UNAUTHORIZED,
    MEMBER_A: FORBIDDEN,
    MEMBER_B: FORBIDDEN,
    # The key is dropped at the gate and the partner is served as anonymous.
    "partner_content": UNAUTHORIZED,
}
# The transcript of a premium recording: only for members with premium, none of these
# callers. This rule (app/tracks) differs from premium audio's (app/media): staff, who may play
# the audio, are refused its words, and anonymous callers get 403 where the audio says 401.
PREMIUM_TRANSCRIPT = {
    actor: FORBIDDEN for actor in (ANONYMOUS, *MEMBERS, "partner_content", *STAFF)
}

CASES: list[Case] = [
    # System and documentation: public, and not for API keys.
    Case("GET", "/healthz", Access.public),
    Case("GET", "/readyz", Access.public),
    Case(
        "GET",
        "/problems/{code}",
        Access.public,
        path=lambda w: {"code": "not-found"},
        missing=lambda w: {"code": "no-such-problem"},
    ),
    Case("GET", "/openapi.json", Access.public),
    Case("GET", "/docs", Access.public),
    Case("GET", "/docs/oauth2-redirect", Access.public),
    Case("GET", "/redoc", Access.public),
    # The catalogue: public; partners need content:read.
    Case("GET", "/v1/articles", Access.public, Scope.content_read),
    Case(
        "GET",
        "/v1/articles/{slug}",
        Access.public,
        Scope.content_read,
        path=lambda w: {"slug": w.ids["article_slug"]},
        missing=lambda w: SLUG,
    ),
    Case(
        "GET",
        "/v1/articles/{slug}",
        Access.public,
        Scope.content_read,
        label="draft: not found, for staff too",
        path=lambda w: {"slug": w.ids["draft_article_slug"]},
        overrides={actor: NOT_FOUND for actor in (ANONYMOUS, *SIGNED_IN, "partner_content")},
    ),
    Case("GET", "/v1/tracks", Access.public, Scope.content_read),
    Case(
        "GET",
        "/v1/tracks/{slug}",
        Access.public,
        Scope.content_read,
        path=lambda w: {"slug": w.ids["track_slug"]},
        missing=lambda w: SLUG,
    ),
    Case(
        "GET",
        "/v1/tracks/{slug}/variants/{variant_id}/transcript",
        Access.public,
        Scope.content_read,
        path=lambda w: {"slug": w.ids["track_slug"], "variant_id": w.ids["free_variant_id"]},
        missing=lambda w: {"slug": w.ids["track_slug"], "variant_id": MISSING_ID},
    ),
    Case(
        "GET",
        "/v1/tracks/{slug}/variants/{variant_id}/transcript",
        Access.public,
        Scope.content_read,
        label="premium",
        path=lambda w: {
            "slug": w.ids["premium_track_slug"],
            "variant_id": w.ids["premium_variant_id"],
        },
        overrides=PREMIUM_TRANSCRIPT,
    ),
    Case("GET", "/v1/collections", Access.public, Scope.content_read),
    Case(
        "GET",
        "/v1/collections/{slug}",
        Access.public,
        Scope.content_read,
        path=lambda w: {"slug": w.ids["collection_slug"]},
        missing=lambda w: SLUG,
    ),
    Case("GET", "/v1/topics", Access.public, Scope.content_read),
    Case(
        "GET",
        "/v1/topics/{slug}",
        Access.public,
        Scope.content_read,
        path=lambda w: {"slug": w.ids["topic_slug"]},
        missing=lambda w: SLUG,
    ),
    Case(
        "GET",
        "/v1/people/{slug}",
        Access.public,
        Scope.content_read,
        path=lambda w: {"slug": w.ids["person_slug"]},
        missing=lambda w: SLUG,
    ),
    Case("GET", "/v1/home", Access.public, Scope.content_read),
    Case("GET", "/v1/crisis-resources", Access.public, Scope.content_read),
    Case(
        "GET",
        "/v1/search",
        Access.public,
        Scope.search,
        request=lambda w, a: {"params": {"q": "breathe"}},
    ),
    Case("GET", "/v1/sync", Access.public, Scope.sync),
    # Audio and images: free files are public; a key is not needed and opens nothing more.
    Case(
        "GET",
        "/v1/media/{asset_id}",
        Access.public,
        Scope.content_read,
        path=lambda w: {"asset_id": w.ids["media"]["free"]},
        missing=lambda w: {"asset_id": uuid.uuid4()},
    ),
    Case(
        "HEAD",
        "/v1/media/{asset_id}",
        Access.public,
        Scope.content_read,
        path=lambda w: {"asset_id": w.ids["media"]["free"]},
        missing=lambda w: {"asset_id": uuid.uuid4()},
    ),
    Case(
        "GET",
        "/v1/media/{asset_id}",
        Access.public,
        Scope.content_read,
        label="premium audio",
        path=lambda w: {"asset_id": w.ids["media"]["premium"]},
        overrides=PREMIUM_MEDIA,
    ),
    Case(
        "HEAD",
        "/v1/media/{asset_id}",
        Access.public,
        Scope.content_read,
        label="premium audio",
        path=lambda w: {"asset_id": w.ids["media"]["premium"]},
        overrides=PREMIUM_MEDIA,
    ),
    # Signing in: public (the body is the credential); not for API keys.
    Case("POST", "/v1/auth/register", Access.public, ok=201, request=unique_registration),
    Case(
        "POST",
        "/v1/auth/token",
        Access.public,
        request=lambda w, a: {"data": {"username": w.ids["sign_in_email"], "password": PASSWORD}},
    ),
    Case(
        "POST",
        "/v1/auth/refresh",
        Access.public,
        request=lambda w, a: {"json": {"refresh_token": w.ids["refresh_token"]}},
    ),
    Case(
        "POST",
        "/v1/auth/logout",
        Access.public,
        ok=204,
        request=lambda w, a: {"json": {"refresh_token": w.ids["refresh_token"]}},
    ),
    Case("POST", "/v1/auth/logout-all", Access.member_own, ok=204),
    # The signed-in caller's own data: staff are members too.
    Case("GET", "/v1/me", Access.member_own, check=check_profile),
    Case(
        "PATCH",
        "/v1/me",
        Access.member_own,
        request=json_body({"display_name": "Mallory", "time_zone": "Asia/Tokyo"}),
        check=check_profile,
    ),
    Case("DELETE", "/v1/me", Access.member_own, ok=204),
    Case("GET", "/v1/me/export", Access.member_own, check=check_export),
    Case(
        "POST",
        "/v1/me/sessions",
        Access.member_own,
        label="re-sending A's session",
        request=lambda w, a: {"json": {"sessions": [w.ids["a_session"]]}},
        check=check_resent_session,
    ),
    Case(
        "GET",
        "/v1/me/progress",
        Access.member_own,
        request=lambda w, a: {"params": {"limit": 100}},
        check=check_progress,
    ),
    Case("GET", "/v1/me/continue", Access.member_own),
    Case(
        "GET",
        "/v1/me/history",
        Access.member_own,
        request=lambda w, a: {"params": {"limit": 100}},
        check=check_history,
    ),
    Case(
        "GET",
        "/v1/me/stats",
        Access.member_own,
        request=lambda w, a: {"params": {"range": "all"}},
        check=check_stats,
    ),
    Case("GET", "/v1/me/favorites", Access.member_own, check=check_favorites),
    Case(
        "PUT",
        "/v1/me/favorites/{kind}/{slug}",
        Access.member_own,
        ok=204,
        label="A's favourite",
        path=lambda w: {"kind": "article", "slug": w.ids["article_slug"]},
        missing=lambda w: {"kind": "article", "slug": MISSING_SLUG},
    ),
    Case(
        "DELETE",
        "/v1/me/favorites/{kind}/{slug}",
        Access.member_own,
        ok=204,
        label="A's favourite",
        path=lambda w: {"kind": "article", "slug": w.ids["article_slug"]},
    ),
    Case(
        "POST",
        "/v1/me/article-reads",
        Access.member_own,
        request=lambda w, a: {"json": {"article": w.ids["article_slug"], "completed": True}},
    ),
    # Partner administration: admins only.
    Case(
        "POST",
        "/v1/admin/api-clients",
        Access.admin,
        ok=201,
        request=json_body({"name": "Calm Clinics", "scopes": ["content:read"]}),
    ),
    Case("GET", "/v1/admin/api-clients", Access.admin),
    *(
        Case(
            method,
            route,
            Access.admin,
            ok=ok,
            path=lambda w: {"client_id": w.ids["api_client_id"]},
            missing=lambda w: {"client_id": MISSING_ID},
            request=request,
        )
        for method, route, ok, request in (
            ("GET", "/v1/admin/api-clients/{client_id}", 200, None),
            ("PATCH", "/v1/admin/api-clients/{client_id}", 200, json_body({"name": "Renamed"})),
            ("DELETE", "/v1/admin/api-clients/{client_id}", 204, None),
            ("GET", "/v1/admin/api-clients/{client_id}/usage", 200, None),
            ("GET", "/v1/admin/api-clients/{client_id}/webhooks", 200, None),
            (
                "POST",
                "/v1/admin/api-clients/{client_id}/webhooks",
                201,
                json_body({"url": "https://partner.example.com/other-hook"}),
            ),
        )
    ),
    *(
        Case(
            method,
            route,
            Access.admin,
            ok=ok,
            path=lambda w: {"webhook_id": w.ids["webhook_id"]},
            missing=lambda w: {"webhook_id": MISSING_ID},
        )
        for method, route, ok in (
            ("DELETE", "/v1/admin/webhooks/{webhook_id}", 204),
            ("GET", "/v1/admin/webhooks/{webhook_id}/deliveries", 200),
        )
    ),
    # Editorial: staff; the audit log is for admins.
    Case("GET", "/v1/editorial/review-queue", Access.staff),
    Case("GET", "/v1/editorial/audit", Access.admin),
    Case(
        "POST",
        "/v1/editorial/media",
        Access.staff,
        ok=201,
        request=lambda w, a: {"files": {"file": ("more.wav", wav_bytes(0.1), "audio/wav")}},
    ),
    Case("GET", "/v1/editorial/media", Access.staff),
    Case(
        "DELETE",
        "/v1/editorial/media/{asset_id}",
        Access.staff,
        ok=204,
        path=lambda w: {"asset_id": w.ids["media"]["spare"]},
        missing=lambda w: {"asset_id": uuid.uuid4()},
    ),
    Case(
        "POST",
        "/v1/editorial/articles/{entry_id}/{action}",
        Access.staff,
        label="approve a medical article: credentialed reviewers only",
        path=lambda w: {"entry_id": w.ids["medical_entry_id"], "action": "approve"},
        # A workflow rule, not a role check: it names the rule as a 409 (app/editorial).
        overrides={EDITOR: CONFLICT, ADMIN: CONFLICT},
    ),
]

_EDITORIAL_DRAFTS: dict[str, tuple[str, dict[str, Any], dict[str, Any], bool]] = {
    # kind: (plural, a new entry, a change, has a workflow)
    "article": (
        "articles",
        {"slug": "new-article", "title": "New", "summary": "S.", "body_markdown": "B."},
        {"title": "A clearer title"},
        True,
    ),
    "track": (
        "tracks",
        {
            "slug": "new-track",
            "title": "New",
            "kind": "guided",
            "variants": [{"duration_seconds": 60}],
        },
        {"title": "A calmer title"},
        True,
    ),
    "collection": (
        "collections",
        {"slug": "new-collection", "title": "New", "kind": "course"},
        {"title": "A better course"},
        True,
    ),
    "topic": ("topics", {"slug": "new-topic", "name": "New"}, {"name": "Renamed"}, False),
    "person": ("people", {"slug": "new-person", "name": "New"}, {"name": "Renamed"}, False),
}

for _kind, (_plural, _new, _change, _workflow) in _EDITORIAL_DRAFTS.items():
    _base = f"/v1/editorial/{_plural}"
    CASES += [
        Case("POST", _base, Access.staff, ok=201, request=json_body(_new)),
        Case("GET", _base, Access.staff),
        Case("GET", _base + "/{entry_id}", Access.staff, path=entry(_kind), missing=no_entry),
        Case(
            "PATCH",
            _base + "/{entry_id}",
            Access.staff,
            path=entry(_kind),
            missing=no_entry,
            request=json_body(_change),
        ),
        Case(
            "DELETE",
            _base + "/{entry_id}",
            Access.staff,
            ok=204,
            path=entry(_kind),
            missing=no_entry,
        ),
        Case(
            "GET",
            _base + "/{entry_id}/revisions",
            Access.staff,
            path=entry(_kind),
            missing=no_entry,
        ),
        Case(
            "GET",
            _base + "/{entry_id}/revisions/{number}",
            Access.staff,
            path=entry_revision(_kind),
            missing=no_entry,
        ),
        Case(
            "POST",
            _base + "/{entry_id}/revisions/{number}/restore",
            Access.staff,
            path=entry_revision(_kind),
            missing=no_entry,
        ),
    ]
    if _workflow:
        CASES.append(
            Case(
                "POST",
                _base + "/{entry_id}/{action}",
                Access.staff,
                label="submit",
                path=lambda w, kind=_kind: {"entry_id": w.ids["entries"][kind], "action": "submit"},
                missing=no_entry,
            )
        )

# GraphQL over HTTP: public; partners need content:read. Each field is in the GraphQL matrix.
CASES += [
    Case(
        "GET",
        "/graphql",
        Access.public,
        Scope.content_read,
        request=lambda w, a: {"params": {"query": "{ __typename }"}},
    ),
    Case(
        "POST",
        "/graphql",
        Access.public,
        Scope.content_read,
        request=json_body({"query": "{ __typename }"}),
    ),
]

# The admin web UI is a mounted app signed in with its own cookie (tests/test_admin.py):
# no bearer token opens it, and an API key is refused at the gate.
ADMIN_UI = Case(
    "GET",
    "/admin/",
    Access.public,
    ok=302,
    label="cookie-only staff UI",
    check=check_admin_ui_login,
)
CASES.append(ADMIN_UI)

# Routes that are not plain HTTP routes, and why the matrix treats them as it does.
NOT_HTTP_ROUTES = {
    ("mount", "/admin"): "the admin UI, covered by the cookie-only case above",
}


def expand(cases: list[Case]) -> list[Case]:
    """Each case, then its twin addressing an object that does not exist."""
    expanded: list[Case] = []
    for case in cases:
        expanded.append(case)
        if case.missing is None:
            continue
        assert not case.overrides, f"{case.id}: a case with exceptions has no missing twin"
        # Removing a favourite that is not one succeeds: the route is idempotent.
        missing_ok = 204 if case.method == "DELETE" and "/favorites/" in case.route else None
        expanded.append(
            MissingCase(
                **{
                    **{f.name: getattr(case, f.name) for f in fields(case)},
                    "label": (case.label + ", " if case.label else "") + "no such object",
                    "path": case.missing,
                    "missing": None,
                    "check": None,
                },
                missing_ok=missing_ok,
            )
        )
    return expanded


ALL_CASES = expand(CASES)


# --- checks shared by every request ---


def assert_answer(response: Response, expected: Answer, context: str) -> None:
    assert response.status_code == expected.status, (
        f"{context}: expected {expected}, got {response.status_code}: {response.text[:300]}"
    )
    if expected.code is None:
        return
    assert response.headers["content-type"].startswith(PROBLEM_JSON), context
    if response.request.method == "HEAD":
        return
    body = response.json()
    assert (body["status"], body["code"]) == (expected.status, expected.code), (context, body)
    if expected == UNAUTHORIZED:
        assert response.headers.get("www-authenticate") == "Bearer", context


def assert_no_other_members_data(
    world: World, actor: str, response: Response, context: str
) -> None:
    try:
        sent = response.request.content
    except RequestNotRead:  # a streamed upload: it holds no member's data
        sent = b""
    for owner in other_members(actor):
        for secret in world.secrets[owner]:
            # What the caller sent (B re-sending an id of A's) is no news to them.
            if secret not in sent:
                assert secret not in response.content, f"{context}: shows {owner}'s {secret!r}"


async def assert_other_members_untouched(world: World, actor: str, context: str) -> None:
    written = await rows_written(world.connection)
    if written is not None and written == world.writes_before:
        return
    others = other_members(actor)
    rows = await member_rows(world.connection, [world.user_ids[other] for other in others])
    assert rows == world.baseline[others], f"{context}: changed the data of {others}"


async def send(world: World, case: Case, actor: str) -> Response:
    extra = case.request(world, actor) if case.request else {}
    return await world.client.request(
        case.method, case.url(world), headers=world.headers[actor], **extra
    )


# --- the tests ---


@pytest.mark.parametrize(
    ("case", "actor"),
    [(case, actor) for case in ALL_CASES for actor in ACTORS],
    ids=[f"{case.id} as {actor}" for case in ALL_CASES for actor in ACTORS],
)
async def test_rest_route(world: World, case: Case, actor: str) -> None:
    expected = case.answers()[actor]
    context = f"{case.id} as {actor}"
    response = await send(world, case, actor)
    assert_answer(response, expected, context)
    if case.check is not None and expected.code is None:
        case.check(world, actor, response)
    assert_no_other_members_data(world, actor, response, context)
    await assert_other_members_untouched(world, actor, context)


def served_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every HTTP route, ("websocket"|"mount", path) of the others."""
    served: set[tuple[str, str]] = set()
    for context in iter_route_contexts(app.routes):
        route = context.route
        if isinstance(route, APIWebSocketRoute):
            served.add(("websocket", str(context.path)))
        elif isinstance(route, Mount):
            served.add(("mount", str(context.path)))
        else:
            assert isinstance(route, APIRoute | Route), route
            methods = set(context.methods or ())
            # HEAD is served with every GET; it is its own route only where declared alone.
            if "GET" in methods:
                methods.discard("HEAD")
            served.update((method, str(context.path_format)) for method in methods)
    return served


async def test_the_matrix_classifies_every_route(built_world: World) -> None:
    served = served_routes(app_of(built_world))
    classified = {(case.method, case.route) for case in CASES if case is not ADMIN_UI}
    classified |= set(NOT_HTTP_ROUTES)
    assert served - classified == set(), "routes the matrix does not classify: add them"
    assert classified - served == set(), "the matrix names routes the app does not serve"
    assert len(served) > 100


async def websocket_handshake(app: FastAPI, path: str, headers: dict[str, str]) -> list[Any]:
    """What the app sends to a websocket client that connects to `path` (httpx has no
    websockets, so the ASGI conversation is held here)."""
    scope = {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "scheme": "ws",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"sec-websocket-protocol", b"graphql-transport-ws"),
            *((name.lower().encode(), value.encode()) for name, value in headers.items()),
        ],
        "subprotocols": ["graphql-transport-ws"],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    inbox = [{"type": "websocket.connect"}]
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return inbox.pop(0) if inbox else {"type": "websocket.disconnect", "code": 1000}

    async def send(message: Any) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


@pytest.mark.parametrize("actor", ACTORS)
async def test_no_websocket_is_accepted(built_world: World, actor: str) -> None:
    # The app serves no websocket: one would pass the partner gate (HTTP only) unchecked.
    sent = await websocket_handshake(app_of(built_world), "/graphql", built_world.headers[actor])
    assert [message["type"] for message in sent] == ["websocket.close"]


# --- GraphQL: every field that takes an id or a slug ---


def takes_an_address(argument: str) -> bool:
    return argument in ("id", "ids", "slug", "slugs") or argument.endswith(("Id", "Ids", "Slug"))


def addresses_something(name: str, graphql_type: Any, seen: frozenset[str] = frozenset()) -> bool:
    """The argument (or input field) is an id or slug, or an input object holding one."""
    if takes_an_address(name):
        return True
    named = get_named_type(graphql_type)
    if not isinstance(named, GraphQLInputObjectType) or named.name in seen:
        return False
    return any(
        addresses_something(field_name, input_field.type, seen | {named.name})
        for field_name, input_field in named.fields.items()
    )


def addressed_fields() -> set[str]:
    """`Type.field` for every field of an object type whose arguments name something by id
    or slug, directly or inside an input object."""
    schema = build_schema(production=False)._schema
    found = set()
    for type_name, graphql_type in schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field_name, graphql_field in graphql_type.fields.items():
            if any(
                addresses_something(name, argument.type)
                for name, argument in graphql_field.args.items()
            ):
                found.add(f"{type_name}.{field_name}")
    return found


class Outcome(StrEnum):
    value = "value"  # the field is not null
    null = "null"  # the field is null, without an error
    unauthorized = "unauthorized"  # a GraphQL error with this code
    not_found = "not-found"


@dataclass(frozen=True)
class GraphQLCase:
    field: str  # Type.field
    label: str
    document: str
    variables: Callable[[World], dict[str, Any]]
    access: Access  # public, or member-own for the viewer's mutations
    outcome: Outcome  # for every caller let through
    check: Callable[[str, Any], None] | None = None  # of the field's value, by caller

    @property
    def id(self) -> str:
        return f"{self.field} [{self.label}]"

    def answer(self, actor: str) -> Outcome | Answer:
        if actor in PARTNER_SCOPES and PARTNER_SCOPES[actor] is not Scope.content_read:
            return FORBIDDEN  # the gate, before GraphQL runs
        signed_in = actor in SIGNED_IN
        if self.access is Access.member_own and not signed_in:
            # A partner's key is dropped at the gate: it signs no one in.
            return Outcome.unauthorized
        return self.outcome


def by_slug(field_name: str) -> str:
    return f"query($slug: String!) {{ {field_name}(slug: $slug) {{ __typename slug }} }}"


NODE = "query($id: ID!) { node(id: $id) { __typename id } }"


def graphql_session(sent: dict[str, Any]) -> dict[str, Any]:
    """A session as REST takes it, as GraphQL's ListeningSessionInput."""
    return {
        "".join(
            part.capitalize() if index else part for index, part in enumerate(name.split("_"))
        ): value
        for name, value in sent.items()
    }


def node_of(type_name: str, key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"id": global_id(type_name, w.ids.get(key, key))}


GRAPHQL_CASES: list[GraphQLCase] = []
for _field, _key in (
    ("article", "article_slug"),
    ("track", "track_slug"),
    ("collection", "collection_slug"),
    ("topic", "topic_slug"),
    ("person", "person_slug"),
):
    GRAPHQL_CASES += [
        GraphQLCase(
            f"Query.{_field}",
            "published",
            by_slug(_field),
            lambda w, key=_key: {"slug": w.ids[key]},
            Access.public,
            Outcome.value,
        ),
        GraphQLCase(
            f"Query.{_field}",
            "no such slug",
            by_slug(_field),
            lambda w: {"slug": MISSING_SLUG},
            Access.public,
            Outcome.null,
        ),
    ]
GRAPHQL_CASES += [
    GraphQLCase(
        "Query.article",
        "draft: null, for staff too",
        by_slug("article"),
        lambda w: {"slug": w.ids["draft_article_slug"]},
        Access.public,
        Outcome.null,
    ),
    *(
        GraphQLCase(
            "Query.node",
            f"{type_name}, published",
            NODE,
            node_of(type_name, key),
            Access.public,
            Outcome.value,
        )
        for type_name, key in (
            ("Article", "article_slug"),
            ("Track", "track_slug"),
            ("Collection", "collection_slug"),
            ("Topic", "topic_slug"),
            ("Person", "person_slug"),
        )
    ),
    GraphQLCase(
        "Query.node",
        "Article, draft",
        NODE,
        node_of("Article", "draft_article_slug"),
        Access.public,
        Outcome.null,
    ),
    GraphQLCase(
        "Query.node",
        "Article, no such slug",
        NODE,
        node_of("Article", MISSING_SLUG),
        Access.public,
        Outcome.null,
    ),
    # Member data has no global id: ids made up from A's own keys name nothing, for A too.
    *(
        GraphQLCase(
            "Query.node",
            f"made-up {type_name} id of A's",
            NODE,
            lambda w, type_name=type_name, key=key: {"id": global_id(type_name, w.ids[key])},
            Access.public,
            Outcome.null,
        )
        for type_name, key in (
            ("User", "a_user_id"),
            ("Viewer", "a_user_id"),
            ("ListeningSession", "a_session_id"),
        )
    ),
]
# A's own listening session, sent again by each caller: A's comes back a duplicate, anyone
# else's is rejected, and A's data is untouched either way (checked after every request).
GRAPHQL_CASES.append(
    GraphQLCase(
        "Mutation.recordListeningSessions",
        "re-sending A's session",
        "mutation($sessions: [ListeningSessionInput!]!) "
        "{ recordListeningSessions(sessions: $sessions) { accepted duplicates rejected } }",
        lambda w: {"sessions": [graphql_session(w.ids["a_session"])]},
        Access.member_own,
        Outcome.value,
        check=lambda actor, batch: check_resent_batch(
            actor, batch["accepted"], batch["duplicates"], batch["rejected"]
        ),
    )
)
_FAVORITE = "mutation($slug: String!) {{ {name}(kind: article, slug: $slug) }}"
_READ = "mutation($slug: String!) { markArticleRead(slug: $slug, completed: true) { articleSlug } }"
for _name, _document in (
    ("addFavorite", _FAVORITE.format(name="addFavorite")),
    ("removeFavorite", _FAVORITE.format(name="removeFavorite")),
    ("markArticleRead", _READ),
):
    GRAPHQL_CASES += [
        GraphQLCase(
            f"Mutation.{_name}",
            "A's favourite article",
            _document,
            lambda w: {"slug": w.ids["article_slug"]},
            Access.member_own,
            Outcome.value,
        ),
    ]
    if _name != "removeFavorite":  # removing what is not a favourite succeeds
        GRAPHQL_CASES.append(
            GraphQLCase(
                f"Mutation.{_name}",
                "no such slug",
                _document,
                lambda w: {"slug": MISSING_SLUG},
                Access.member_own,
                Outcome.not_found,
            )
        )


def test_the_graphql_matrix_covers_every_addressed_field() -> None:
    covered = {case.field for case in GRAPHQL_CASES}
    found = addressed_fields()
    assert found - covered == set(), "fields taking an id or slug with no case: add them"
    assert covered - found == set(), "cases for fields the schema does not have"
    assert "Query.node" in found


@pytest.mark.parametrize(
    ("case", "actor"),
    [(case, actor) for case in GRAPHQL_CASES for actor in ACTORS],
    ids=[f"{case.id} as {actor}" for case in GRAPHQL_CASES for actor in ACTORS],
)
async def test_graphql_field(world: World, case: GraphQLCase, actor: str) -> None:
    context = f"{case.id} as {actor}"
    response = await world.client.post(
        "/graphql",
        json={"query": case.document, "variables": case.variables(world)},
        headers=world.headers[actor],
    )
    expected = case.answer(actor)
    if isinstance(expected, Answer):
        assert_answer(response, expected, context)
    else:
        assert response.status_code == 200, (context, response.text)
        body = response.json()
        value = (body.get("data") or {}).get(case.field.split(".")[1])
        errors = body.get("errors") or []
        if expected in (Outcome.unauthorized, Outcome.not_found):
            assert [e["extensions"]["code"] for e in errors] == [expected.value], (context, body)
            assert value is None, context
        else:
            assert errors == [], (context, body)
            assert (value is None) == (expected is Outcome.null), (context, body)
            if case.check is not None:
                case.check(actor, value)
    assert_no_other_members_data(world, actor, response, context)
    await assert_other_members_untouched(world, actor, context)


VIEWER = """{ viewer {
  profile { id email displayName }
  history(first: 50) { edges { node { id } } }
  progress(first: 50) { edges { node { track { slug } } } }
  favorites { slug }
} }"""


@pytest.mark.parametrize("actor", ACTORS)
async def test_graphql_viewer_is_the_caller(world: World, actor: str) -> None:
    response = await world.client.post(
        "/graphql", json={"query": VIEWER}, headers=world.headers[actor]
    )
    if actor in PARTNER_SCOPES and PARTNER_SCOPES[actor] is not Scope.content_read:
        assert_answer(response, FORBIDDEN, actor)
        return
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    viewer = body["data"]["viewer"]
    if actor not in SIGNED_IN:
        assert viewer is None, "a partner's key signs no one in"
        return
    assert viewer["profile"]["id"] == world.user_ids[actor]
    history = {edge["node"]["id"] for edge in viewer["history"]["edges"]}
    assert history == set(world.session_ids[actor])
    progress = {edge["node"]["track"]["slug"] for edge in viewer["progress"]["edges"]}
    assert progress == set(world.progress_slugs[actor])
    assert [item["slug"] for item in viewer["favorites"]] == world.favorite_slugs[actor]
    assert_no_other_members_data(world, actor, response, actor)
