"""Property-based API tests: Schemathesis generates requests from /openapi.json and /graphql.

The app runs in Schemathesis' own ASGI transport (its own event loop and lifespan), so it gets
its own database rather than the per-test rolled-back transaction: a temporary SQLite file, or
a scratch PostgreSQL database beside TEST_DATABASE_URL's, migrated once and seeded with the
demo catalogue plus a member, an editor, an admin and a partner API key.

How many examples each operation gets comes from the Hypothesis profile (tests/conftest.py):
`fast` by default, `thorough` with HYPOTHESIS_PROFILE=thorough, which also runs Schemathesis'
coverage phase. With VERIFY_RESULTS set, a summary is written to
$VERIFY_RESULTS/schemathesis-<database>.json at the end of the module.

Where a rule cannot be written in the schema (a slug must name an existing row, two fields
must agree), positive cases are brought within it before they are sent and the rule has a
test of its own; negative cases are sent as generated.
"""

import json
import os
import struct
import tempfile
import uuid
import zlib
import zoneinfo
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import FailureGroup
from schemathesis.python.asgi import shutdown_lifespans
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import make_url, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Session

from app.accounts.models import Role, User
from app.accounts.passwords import password_problems
from app.articles.models import Article
from app.core.config import Settings
from app.core.db import create_engine
from app.core.security import create_access_token
from app.demo.seed import seed_demo_catalogue
from app.graphql.schema import schema_sdl
from app.main import create_app
from app.partners import service as partners
from app.partners.models import ApiClientCreate, Scope
from app.taxonomy.models import Person, Topic
from app.tracks.models import Track
from tests.conftest import DATABASE_URL, IS_POSTGRES, run_alembic
from tests.member_factories import PASSWORD, bearer, make_user, password_hash, unique_email

load_all_checks()
# Every check Schemathesis has. `use_after_free` and `ensure_resource_availability` judge
# sequences of calls and `object_level_authorization` compares identities Schemathesis manages
# itself; on the single calls made here they pass without finding anything to judge.
ALL_CHECKS = CHECKS.get_all()


@dataclass
class Identities:
    """Who makes each request: headers per role, and a way to mint a throwaway member."""

    settings: Settings
    sync_engine: Engine
    member: dict[str, str]
    editor: dict[str, str]
    admin: dict[str, str]

    def fresh_member(self) -> dict[str, str]:
        """A member of their own, for requests that end the caller's session or account."""
        with Session(self.sync_engine) as session:
            user = User(email=unique_email("fuzz"), password_hash=password_hash(), display_name="F")
            session.add(user)
            session.commit()
            token = create_access_token(self.settings, user_id=user.id, token_version=0)
        return bearer(token)

    def for_operation(self, method: str, path: str) -> dict[str, str]:
        """The least privileged identity the operation is for; public ones go anonymous."""
        if path.startswith("/v1/admin/"):
            return self.admin
        if path.startswith(("/v1/editorial/", "/v1/media/")):
            return self.editor
        # Deleting the account or signing out everywhere would lock the shared member out.
        if (method, path) in {("DELETE", "/v1/me"), ("POST", "/v1/auth/logout-all")}:
            return self.fresh_member()
        if path.startswith("/v1/me") or path in {"/v1/home"} or path.startswith("/v1/tracks/"):
            return self.member
        return {}


@dataclass
class Tally:
    """What was actually sent and what failed, for the VERIFY_RESULTS summary."""

    operations: set[str] = field(default_factory=set)
    inputs: int = 0
    failures: set[tuple[str, str]] = field(default_factory=set)

    def record(self, label: str, call: Any) -> Any:
        self.operations.add(label)
        self.inputs += 1
        try:
            return call()
        except FailureGroup as group:
            self.failures.update((label, failure.title) for failure in group.exceptions)
            raise
        except AssertionError as error:
            self.failures.add((label, str(error).splitlines()[0] if str(error) else "assertion"))
            raise
        except Exception as error:
            # The app raised instead of answering (a 500 for a real client).
            self.failures.add((label, type(error).__name__))
            raise


PARTNER_PATHS = (
    r"^/v1/(articles|tracks|collections|topics|people|search|home|crisis-resources|sync)(/|$)"
)


def _scratch_database_url() -> tuple[str, str | None]:
    """A database for this module alone; the name to drop afterwards on PostgreSQL."""
    if not IS_POSTGRES:
        directory = tempfile.mkdtemp(prefix="smart-meditation-schemathesis-")
        return f"sqlite+aiosqlite:///{directory}/api.db", None
    url = make_url(DATABASE_URL)
    name = f"{url.database}_schemathesis"
    return url.set(database=name).render_as_string(hide_password=False), name


def _admin_engine() -> Engine:
    # From the server's maintenance database, so this module never opens a session on
    # TEST_DATABASE_URL's own database (other test runs own it). CREATE/DROP DATABASE cannot
    # run inside a transaction.
    url = make_url(DATABASE_URL).set(database="postgres")
    return create_sync_engine(url, isolation_level="AUTOCOMMIT")


def _recreate_postgres_database(name: str) -> None:
    engine = _admin_engine()
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def _drop_postgres_database(name: str) -> None:
    engine = _admin_engine()
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


API_DATABASE_URL, POSTGRES_DATABASE = _scratch_database_url()
API_SETTINGS = Settings(
    database_url=API_DATABASE_URL,
    environment="test",
    redis_url=None,
    # Generated webhooks must not be delivered anywhere.
    webhook_dispatch_interval_seconds=0,
    media_root=tempfile.mkdtemp(prefix="smart-meditation-schemathesis-media-"),
    media_s3_bucket=None,
    # Generated sign-ins fail often; the limits they would hit are tested in test_auth.py.
    sign_in_failures_per_account=1_000_000,
    sign_in_failures_per_ip=1_000_000,
)
app = create_app(API_SETTINGS)

# Schemathesis' fixture-based loader (`schemathesis.pytest.from_fixture`) renames pytest nodes
# through an attribute pytest 9 no longer has, so the schemas are built at import time, when
# the database is not migrated yet: from the same documents /openapi.json and /graphql serve,
# without a request. Requests then go to `app` in process.
# Formats the app documents beyond JSON Schema's own (app/accounts/models.py): zone names
# from the tz database, and passwords that pass app/accounts/passwords.py (the rules that
# depend on the email cannot be met by chance by a random password of 10+ characters).
TIME_ZONES = ("UTC", "Europe/London", "Asia/Kolkata", "America/St_Johns")
ZONE_NAMES = zoneinfo.available_timezones()
schemathesis.openapi.format("iana-time-zone", st.sampled_from(TIME_ZONES))
schemathesis.openapi.format(
    "password",
    st.text(min_size=10, max_size=64).filter(
        lambda password: not password_problems(password, email="x@example.com")
    ),
)


def _png(width: int, height: int) -> bytes:
    """A valid RGB PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x7f\x7f\x7f" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# The upload's `file` part documents its allowed types (app/media/router.py); generated files
# of one of them are real ones. Images only: alt_text, which the form may carry, is refused
# for audio (a 422 no multipart schema can tie to the file's type); audio uploads are tested
# in tests/test_media.py.
schemathesis.openapi.media_type(
    "image/png", st.builds(_png, st.integers(1, 64), st.integers(1, 64))
)
rest_schema = schemathesis.openapi.from_dict(app.openapi())
graphql_schema = schemathesis.graphql.from_file(schema_sdl())
for loaded, location in ((rest_schema, "/openapi.json"), (graphql_schema, "/graphql")):
    loaded.app = app
    loaded.location = location
# What a partner's API key may read (app/partners/service.py's SCOPE_BY_PREFIX).
partner_schema = rest_schema.include(path_regex=PARTNER_PATHS)
# `fast` (the default: `make test`, CI) leaves out Schemathesis' coverage phase, ~5,000
# deterministic boundary, missing-part and wrong-method requests that take about a minute;
# `thorough` runs it. Every operation still gets its examples and generated positive and
# negative cases.
if os.environ.get("HYPOTHESIS_PROFILE", "fast") == "fast":
    for generated_from in (rest_schema, partner_schema, graphql_schema):
        generated_from.config.phases.coverage.enabled = False


@pytest.fixture(scope="module")
def tally() -> Iterator[Tally]:
    tally = Tally()
    yield tally
    results = os.environ.get("VERIFY_RESULTS")
    if not results:
        return
    database = "postgresql" if IS_POSTGRES else "sqlite"
    summary = {
        "name": "schemathesis",
        "database": database,
        "profile": os.environ.get("HYPOTHESIS_PROFILE", "fast"),
        "operations": len(tally.operations),
        "checks": sorted(check.__name__ for check in ALL_CHECKS),
        "inputs": tally.inputs,
        "failures": len(tally.failures),
        "known_issues": sum(len(checks) for checks in KNOWN_ISSUES.values()),
    }
    Path(results).mkdir(parents=True, exist_ok=True)
    path = Path(results) / f"schemathesis-{database}.json"
    path.write_text(json.dumps(summary, indent=2) + "\n")


@pytest.fixture(scope="module", autouse=True)
async def api_database() -> AsyncIterator[None]:
    """Migrate and seed the app's database before the first request; drop it afterwards."""
    if POSTGRES_DATABASE:
        _recreate_postgres_database(POSTGRES_DATABASE)
    engine = create_engine(API_SETTINGS.database_url)
    async with engine.begin() as connection:
        await connection.run_sync(run_alembic, "head", url=API_SETTINGS.database_url)
    async with AsyncSession(engine, expire_on_commit=False) as session:
        await seed_demo_catalogue(session)
    await engine.dispose()
    yield
    # The app's engine is disposed by its lifespan; stop it before the database goes.
    shutdown_lifespans()
    if POSTGRES_DATABASE:
        _drop_postgres_database(POSTGRES_DATABASE)


@pytest.fixture(scope="module")
async def identities(api_database: None) -> AsyncIterator[Identities]:
    engine = create_engine(API_SETTINGS.database_url)
    async with AsyncSession(engine, expire_on_commit=False) as session:
        users = {
            role: await make_user(session, display_name=role.value.title(), role=role)
            for role in (Role.member, Role.editor, Role.admin)
        }
        await session.commit()
    await engine.dispose()

    def headers(user: User) -> dict[str, str]:
        return bearer(create_access_token(API_SETTINGS, user_id=user.id, token_version=0))

    sync_engine = create_sync_engine(API_SETTINGS.database_url.replace("+aiosqlite", ""))
    yield Identities(
        settings=API_SETTINGS,
        sync_engine=sync_engine,
        member=headers(users[Role.member]),
        editor=headers(users[Role.editor]),
        admin=headers(users[Role.admin]),
    )
    sync_engine.dispose()


NEGATIVE = "negative_data_rejection"
POSITIVE = "positive_data_acceptance"
# Checks switched off on one operation each, where the cause is the tool's and not the API's,
# each with why. Remove an entry once its cause is gone. (Counted in the VERIFY_RESULTS summary.)
KNOWN_ISSUES: dict[str, dict[str, str]] = {
    # Multipart text fields reach the server as text, so a number generated for alt_text in a
    # negative case arrives as its digits: a valid alt text, rightly accepted. Schemathesis
    # excuses that for form bodies by validating the fields as sent, but its validator
    # (jsonschema_rs) cannot take the bytes of the file part in the same body, so the excuse
    # never applies to this upload (schemathesis 4.32.5, specs/openapi/checks.py,
    # _form_body_is_valid_as_sent). Negative cases still run (with the other checks); only
    # whether they are refused goes unjudged here.
    "POST /v1/editorial/media": {
        NEGATIVE: "a number for a multipart text field is sent as text, which is valid"
    },
}


def known_issues(case: schemathesis.Case) -> list[Any]:
    names = KNOWN_ISSUES.get(case.operation.label, {})
    return [check for check in ALL_CHECKS if check.__name__ in names]


# Signed by the API and bound to one list (or to the sync feed): no schema can describe a
# valid one, so generated ones are sent only where they should be refused (negative cases);
# tests/test_pagination.py and tests/test_sync.py follow real ones.
ISSUED_TOKENS = ("cursor", "token")


def _without_generated_tokens(case: schemathesis.Case) -> None:
    if case.meta is not None and not case.meta.generation.mode.is_negative and case.query:
        for name in ISSUED_TOKENS:
            case.query.pop(name, None)


CATALOGUE_TABLES: dict[str, Any] = {
    "topic": Topic,
    "person": Person,
    "article": Article,
    "track": Track,
}


@dataclass(frozen=True)
class Catalogue:
    """The slugs the database holds now: the editorial operations rename and delete entries."""

    sync_engine: Engine

    def existing(self, kind: str, generated: str) -> str:
        """An existing slug in place of a generated one: the same one for the same input."""
        table = CATALOGUE_TABLES[kind]
        with Session(self.sync_engine) as session:
            slugs = session.scalars(select(table.slug).order_by(table.slug)).all()
        if not slugs:
            return generated
        return slugs[zlib.crc32(generated.encode()) % len(slugs)]


@pytest.fixture(scope="module")
def catalogue(identities: Identities) -> Catalogue:
    return Catalogue(identities.sync_engine)


# Filters and editorial bodies name topics, people, tracks and articles by slug, and a slug
# nothing has is a 422 by design (tests/test_articles.py, tests/test_editorial.py): the schema
# can say what a slug looks like, not which ones exist. Like issued tokens, generated ones are
# sent only in negative cases; positive cases name rows the seeded database holds.
QUERY_REFERENCES = {"topic": "topic", "author": "person", "narrator": "person"}
BODY_REFERENCES = {"author": "person", "narrator": "person"}
ITEM_REFERENCES = {"track": "track", "article": "article"}


def _as_int(value: object) -> int | None:
    # Coverage-phase cases carry query values as the text they send.
    if isinstance(value, int) or (isinstance(value, str) and value.isascii() and value.isdigit()):
        return int(value)
    return None


def _within_rules_across_fields(case: schemathesis.Case) -> None:
    """Positive cases made to keep the rules that hold between fields, which JSON Schema cannot
    state; each rule has its own test (named below)."""
    if case.meta is None or case.meta.generation.mode.is_negative:
        return
    # max_duration not below min_duration (tests/test_errors.py).
    if case.path == "/v1/tracks" and case.query:
        low, high = _as_int(case.query.get("min_duration")), _as_int(case.query.get("max_duration"))
        if low is not None and high is not None and low > high:
            case.query["min_duration"], case.query["max_duration"] = high, low
    # Each session id once per batch; uniqueItems compares whole items (tests/test_progress.py).
    if case.path == "/v1/me/sessions" and isinstance(case.body, dict):
        seen: set[str] = set()
        for position, item in enumerate(case.body.get("sessions") or ()):
            if isinstance(item, dict) and item.get("id") in seen:
                item["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{item['id']}/{position}"))
            if isinstance(item, dict):
                seen.add(item.get("id"))


def _in_custom_formats(case: schemathesis.Case) -> None:
    """Positive cases made to keep the formats registered above.

    Schemathesis mixes string literals from the app's source into positive cases wherever its
    validator accepts them, and its validator passes any string for a format it does not know:
    so "Title" can arrive as a time zone. Such values are put back in the format."""
    body = case.body
    if case.meta is None or case.meta.generation.mode.is_negative or not isinstance(body, dict):
        return
    time_zone = body.get("time_zone")
    if isinstance(time_zone, str) and time_zone not in ZONE_NAMES:
        body["time_zone"] = TIME_ZONES[zlib.crc32(time_zone.encode()) % len(TIME_ZONES)]
    # The one `password` format (a new account's password).
    password, email = body.get("password"), body.get("email")
    if (
        case.operation.label == "POST /v1/auth/register"
        and isinstance(password, str)
        and password_problems(password, email=str(email))
    ):
        body["password"] = PASSWORD


def _with_existing_references(case: schemathesis.Case, catalogue: Catalogue) -> None:
    if case.meta is None or case.meta.generation.mode.is_negative:
        return
    for name, kind in QUERY_REFERENCES.items():
        if case.query and isinstance(case.query.get(name), str):
            case.query[name] = catalogue.existing(kind, case.query[name])
    if not (case.path.startswith("/v1/editorial/") and isinstance(case.body, dict)):
        return
    body: dict[str, Any] = case.body
    for name, kind in BODY_REFERENCES.items():
        if isinstance(body.get(name), str):
            body[name] = catalogue.existing(kind, body[name])
    if isinstance(body.get("topics"), list):
        body["topics"] = [catalogue.existing("topic", slug) for slug in body["topics"]]
    for variant in body.get("variants") or ():
        if isinstance(variant.get("narrator"), str):
            variant["narrator"] = catalogue.existing("person", variant["narrator"])
        # Ids of uploads; tests/test_media.py links real ones.
        variant.pop("media_asset_id", None)
    for item in body.get("items") or ():
        for name, kind in ITEM_REFERENCES.items():
            if isinstance(item.get(name), str):
                item[name] = catalogue.existing(kind, item[name])
    # A translation must name an entry in another locale not yet translated into this one:
    # a rule across rows that generated data meets only by chance (tests/test_locales.py).
    body.pop("translation_of", None)


@pytest.fixture(scope="module")
async def partner_headers(api_database: None) -> dict[str, str]:
    """A key made when the partner test starts: the admin operations, fuzzed before it,
    revoke whichever clients their generated ids hit."""
    engine = create_engine(API_SETTINGS.database_url)
    async with AsyncSession(engine, expire_on_commit=False) as session:
        admin = await make_user(session, display_name="Partner admin", role=Role.admin)
        _, key = await partners.create_client(
            session=session,
            data=ApiClientCreate(
                name="Fuzzing partner", scopes=list(Scope), requests_per_minute=100_000
            ),
            actor=admin,
        )
    await engine.dispose()
    return {"X-API-Key": key}


@rest_schema.parametrize()
def test_rest_api(
    case: schemathesis.Case, identities: Identities, catalogue: Catalogue, tally: Tally
) -> None:
    _without_generated_tokens(case)
    _with_existing_references(case, catalogue)
    _within_rules_across_fields(case)
    _in_custom_formats(case)
    headers = identities.for_operation(case.method.upper(), case.path)
    tally.record(
        case.operation.label,
        lambda: case.call_and_validate(
            headers=headers, checks=ALL_CHECKS, excluded_checks=known_issues(case)
        ),
    )


@partner_schema.parametrize()
def test_rest_api_as_partner(
    case: schemathesis.Case, partner_headers: dict[str, str], catalogue: Catalogue, tally: Tally
) -> None:
    _without_generated_tokens(case)
    _with_existing_references(case, catalogue)
    _within_rules_across_fields(case)
    _in_custom_formats(case)
    tally.record(
        f"partner {case.operation.label}",
        lambda: case.call_and_validate(
            headers=partner_headers, checks=ALL_CHECKS, excluded_checks=known_issues(case)
        ),
    )


# Codes app/graphql/errors.py gives errors that are the app's own failure, not the caller's.
GRAPHQL_SERVER_ERROR_CODES = {"internal-error", "service-unavailable"}


@schemathesis.check
def not_a_graphql_server_error(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """`not_a_server_error` for this app's GraphQL errors.

    The built-in check tells a refused query from a failed resolver by Apollo's or
    graphql-java's labels; this app labels each error with its REST problem code instead
    (`invalid-request`, `not-found`, ...), which the built-in check takes for resolver failures.
    The HTTP status is still judged by the built-in check; masked unexpected errors and nulls in
    non-null fields fail here.
    """
    if response.status_code >= 500:
        raise AssertionError(f"GraphQL answered {response.status_code}")
    payload = response.json()
    assert isinstance(payload, dict), "a GraphQL response is a JSON object"
    for error in payload.get("errors") or ():
        code = (error.get("extensions") or {}).get("code")
        assert code not in GRAPHQL_SERVER_ERROR_CODES, f"server error: {error}"
        assert code is not None, f"error without a code: {error}"
        assert "Cannot return null for non-nullable field" not in error.get("message", ""), error
    return None


@graphql_schema.parametrize()
def test_graphql(case: schemathesis.Case, identities: Identities, tally: Tally) -> None:
    tally.record(
        case.operation.label,
        lambda: case.call_and_validate(
            headers=identities.member, checks=[not_a_graphql_server_error]
        ),
    )
