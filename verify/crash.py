"""Crash safety: SIGKILL the real server in the middle of writes, restart it on the same
database, and check that nothing acknowledged was lost and nothing half-written was kept.

    python -m verify.crash --database sqlite|postgres [--seconds 75] [--rounds 5] [--seed 7]

Setup, on a database of its own (a SQLite file in a temporary directory, or the PostgreSQL
database `verify_crash`, created and dropped through an AUTOCOMMIT connection to `test`, whose
data is never touched): `python -m app.cli migrate` and `seed`, members registered over the
API, an editor made with `python -m app.cli create-user`. Then, each round, uvicorn (two
workers, as deployed) takes concurrent uploads of listening-session batches (50 sessions with
ids the client generates, all sharing a per-batch prefix) and editorial writes (article drafts
created, then edited twice), and after a random 1-3 s its whole process group gets SIGKILL: no
shutdown, no rollback, nothing flushed by the app. Every 2xx answer is recorded with what was
sent. The server is started again on the same database and the checks below run over
everything written in all rounds so far (so later crashes must not damage earlier data).

What is checked after every kill, and why:

- **Storage is sound**: SQLite `PRAGMA integrity_check` is `ok` and `PRAGMA foreign_key_check`
  finds nothing, run on the file as the crash left it, before the app opens it again;
  PostgreSQL: amcheck's `bt_index_check(heapallindexed)` on every B-tree index and
  `verify_heapam` on every table of the schema. A crash of the app must never corrupt storage.
- **No partial batch**: each batch's sessions are stored all together or not at all. The upload
  is one transaction; a half-stored batch would count the other half twice once the phone
  resends it under new ids, or never.
- **Nothing acknowledged is missing**: every batch answered 2xx is stored whole with the content
  sent. The answer tells the phone it may delete the sessions from its outbox.
- **Totals agree with the sessions**: DailyActivity per member and day and TrackProgress per
  member and track equal what the sessions table gives, and GET /v1/me/stats?range=all reports
  the same count and minutes. They are recomputed in the upload's transaction; a crash between
  the insert and the recompute must not leave them behind.
- **Editorial writes are durable and whole**: every acknowledged create or edit is there with
  its content (or with the newer edit that was in flight at the kill), with one revision per
  write that reached the database; a create that was never answered is absent or whole.
- **The server comes back**: after the restart it is ready, and a new upload per member, a new
  draft and public reads succeed.

Any 5xx while the traffic runs (before the kill) fails the run too; the report names the
endpoints and quotes the server log.
"""

import argparse
import asyncio
import itertools
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psutil
from sqlalchemy import create_engine, make_url, select, text
from sqlmodel import SQLModel

from bench import datagen
from bench.runner import server_env
from bench.servers import PROJECT_ROOT, Server, Servers
from verify.crash_checks import (
    BATCH_SIZE,
    Batch,
    Draft,
    Fixture,
    Ledger,
    Member,
    check_api,
    check_sessions,
    check_storage,
    editorial_content,
    log,
    sync_engine,
)

PG_DATABASE = "verify_crash"
UPLOADERS = 9
# Two at least, whatever the budget: the second crash hits a database already recovered from
# one, and the first round's data must survive it.
MIN_ROUNDS = 2
EDITORS = 4
MEMBER_ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]
MEMBERS = 8
# Generated fixtures for a throwaway database, not secrets.
PASSWORD = "quiet-harbour-lantern-7351"  # noqa: S105
EDITOR_EMAIL = "crash-editor@example.com"


class Traffic:
    """One round of concurrent writes against one server, until the kill."""

    def __init__(
        self, client: httpx.AsyncClient, fixture: Fixture, ledger: Ledger, rng: random.Random
    ) -> None:
        self.client = client
        self.fixture = fixture
        self.ledger = ledger
        self.rng = rng
        self.killed = asyncio.Event()
        self.label = ""

    def new_batch(self, member: int) -> Batch:
        prefix = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))[:24]
        now = datetime.now(UTC)
        sessions = []
        for n in range(BATCH_SIZE):
            variant, duration = self.rng.choice(self.fixture.variants)
            completed = self.rng.random() < 0.5
            listened = duration if completed else self.rng.randint(1, max(1, duration - 1))
            started = now - timedelta(seconds=self.rng.randint(600, 20 * 86_400))
            session: dict[str, Any] = {
                "id": f"{prefix}{n:012x}",
                "variant_id": variant,
                "started_at": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "seconds_listened": listened,
                "end_position_seconds": listened,
                "completed": completed,
            }
            if self.rng.random() < 0.3:
                mood = self.rng.randint(1, 4)
                session |= {"mood_before": mood, "mood_after": mood + 1}
            sessions.append(session)
        return Batch(prefix, member, sessions)

    def article(self, slug: str, version: int) -> dict[str, Any]:
        words = " ".join(self.rng.choice(["calm", "breath", "sleep", "notice"]) for _ in range(300))
        return {
            "title": f"Crash draft {slug} v{version}",
            "summary": f"Version {version} of {slug}.",
            "body_markdown": f"## Version {version}\n\n{words}\n",
            "topics": self.rng.sample(self.fixture.topics, k=2),
            # As the API echoes them: every field of a citation, unset ones as null.
            "citations": [
                {"text": f"Citation {version} for {slug}.", "url": None, "doi": None, "pmid": None}
            ],
        }

    async def send(self, method: str, path: str, token: str, body: Any) -> httpx.Response | None:
        """The answer, or None when the request died with the server (it may have been
        stored or not). A socket error before the kill is a failure."""
        try:
            return await self.client.request(
                method, path, json=body, headers={"Authorization": f"Bearer {token}"}
            )
        except httpx.HTTPError as error:
            if not self.killed.is_set():
                key = f"socket:{method} {path}:{self.label}"
                self.ledger.problem(key, f"{method} {path}: {type(error).__name__} before the kill")
            return None

    def refused(self, method: str, path: str, response: httpx.Response) -> None:
        where = f"{method} {_route(path)}"
        detail = f"{where} -> {response.status_code}: {response.text[:300]}"
        if response.status_code >= 500:
            self.ledger.server_errors.append(detail)
        self.ledger.problem(f"status:{where}:{len(self.ledger.problems)}", detail)

    async def upload(self, member: int) -> bool:
        batch = self.new_batch(member)
        self.ledger.batches.append(batch)
        token = self.fixture.members[member].token
        response = await self.send("POST", "/v1/me/sessions", token, {"sessions": batch.sessions})
        if response is None:
            return False
        if response.status_code == 200 and response.json()["accepted"] == BATCH_SIZE:
            batch.state = "acked"
            return True
        batch.state = "refused"
        self.refused("POST", "/v1/me/sessions", response)
        return False

    async def write_draft(self, draft: Draft, content: dict[str, Any]) -> bool:
        if draft.entry_id is None:
            method, path, body = "POST", "/v1/editorial/articles", {"slug": draft.slug, **content}
        else:
            method, path, body = "PATCH", f"/v1/editorial/articles/{draft.entry_id}", content
        draft.in_flight = content
        response = await self.send(method, path, self.fixture.editor.token, body)
        if response is None:
            return False
        if response.status_code not in (200, 201):
            self.refused(method, path, response)
            return False
        entry = response.json()
        draft.entry_id, draft.acked, draft.in_flight = entry["id"], content, None
        draft.acked_writes += 1
        if editorial_content(entry["content"]) != content:
            self.ledger.problem(f"echo:{draft.slug}", f"{method} {path} answered other content")
        return True

    async def uploader(self) -> None:
        while not self.killed.is_set():
            if not await self.upload(self.rng.randrange(len(self.fixture.members))):
                return

    async def editor(self, worker: int, round_number: int) -> None:
        for n in range(10_000):
            draft = Draft(f"crash-r{round_number}-e{worker}-{n}")
            self.ledger.drafts.append(draft)
            for version in range(3):
                if self.killed.is_set() or not await self.write_draft(
                    draft, self.article(draft.slug, version)
                ):
                    return

    async def run_until_kill(self, server: Server, round_number: int, kill_after: float) -> None:
        self.label = f"round {round_number}"
        workers = [asyncio.create_task(self.uploader()) for _ in range(UPLOADERS)]
        workers += [asyncio.create_task(self.editor(n, round_number)) for n in range(EDITORS)]
        await asyncio.sleep(kill_after)
        self.killed.set()
        await asyncio.to_thread(kill_process_group, server)
        await asyncio.gather(*workers)


def _route(path: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/{id}", path)


def kill_process_group(server: Server) -> None:
    """SIGKILL the server and its workers at once, and wait until every one is gone."""
    try:
        children = psutil.Process(server.process.pid).children(recursive=True)
    except psutil.Error:
        children = []
    os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait(timeout=30)
    psutil.wait_procs(children, timeout=30)


# --- the database ------------------------------------------------------------------------


def database_url(database: str, tmp: Path) -> str:
    if database == "sqlite":
        return f"sqlite+aiosqlite:///{tmp / 'crash.db'}"
    url = make_url(datagen.POSTGRES_ADMIN_URL).set(database=PG_DATABASE)
    return url.render_as_string(hide_password=False)


def drop_pg_database() -> None:
    engine = create_engine(
        datagen.sync_url(datagen.POSTGRES_ADMIN_URL), isolation_level="AUTOCOMMIT"
    )
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)'))
    finally:
        engine.dispose()


def cli(url: str, *args: str, extra_env: dict[str, str] | None = None) -> None:
    env = {**os.environ, "DATABASE_URL": url, "ENVIRONMENT": "development", **(extra_env or {})}
    done = subprocess.run(  # noqa: S603 - this interpreter running app.cli, fixed arguments
        [sys.executable, "-m", "app.cli", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"app.cli {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def catalogue(url: str) -> tuple[list[tuple[int, int]], list[str]]:
    """(variant id, seconds) of published tracks, and topic slugs, for the writes to use."""
    tables = SQLModel.metadata.tables
    variant, track, topic = tables["track_variant"], tables["track"], tables["topic"]
    with sync_engine(url) as engine, engine.connect() as conn:
        variants = conn.execute(
            select(variant.c.id, variant.c.duration_seconds)
            .join(track, track.c.id == variant.c.track_id)
            .where(track.c.status == "published", track.c.published_at <= datetime.now(UTC))
            .order_by(variant.c.id)
        ).all()
        topics = conn.scalars(select(topic.c.slug).order_by(topic.c.slug)).all()
    return [(int(v), int(s)) for v, s in variants if s >= 2], list(topics)


async def after_restart(client: httpx.AsyncClient, traffic: Traffic, round_number: int) -> None:
    """The restarted server takes new writes and serves reads (these are checked later too)."""
    traffic.label = f"after restart {round_number}"
    for member in range(len(traffic.fixture.members)):
        await traffic.upload(member)
    draft = Draft(f"crash-after-restart-{round_number}")
    traffic.ledger.drafts.append(draft)
    await traffic.write_draft(draft, traffic.article(draft.slug, 0))
    for path in ("/v1/articles", "/v1/tracks", "/v1/home"):
        response = await client.get(path)
        if response.status_code != 200:
            traffic.refused("GET", path, response)


# --- the run -----------------------------------------------------------------------------


async def prepare(
    servers: Servers, url: str, env: dict[str, str], name: str
) -> tuple[Fixture, Server]:
    """The database with the demo catalogue, members and an editor, and the first server."""
    log("  migrate, seed the demo catalogue, create the editor")
    await asyncio.to_thread(datagen.reset_database, url)
    await asyncio.to_thread(cli, url, "migrate")
    await asyncio.to_thread(cli, url, "seed")
    await asyncio.to_thread(
        cli,
        url,
        *("create-user", "--email", EDITOR_EMAIL, "--name", "Crash Editor", "--role", "editor"),
        extra_env={"NEW_USER_PASSWORD": PASSWORD},
    )
    variants, topics = await asyncio.to_thread(catalogue, url)
    server = await asyncio.to_thread(start_server, servers, env, name)
    members = []
    async with _client(server) as client:
        for n in range(MEMBERS):
            email = f"crash-member-{n}@example.com"
            response = await client.post(
                "/v1/auth/register",
                json={
                    "email": email,
                    "password": PASSWORD,
                    "display_name": f"Member {n}",
                    "time_zone": MEMBER_ZONES[n % len(MEMBER_ZONES)],
                },
            )
            if response.status_code != 201:
                raise RuntimeError(f"register {email}: {response.status_code} {response.text}")
            members.append(Member(email, await _sign_in(client, email)))
        editor = Member(EDITOR_EMAIL, await _sign_in(client, EDITOR_EMAIL))
    return Fixture(url, members, editor, variants, topics), server


async def _sign_in(client: httpx.AsyncClient, email: str) -> str:
    response = await client.post("/v1/auth/token", data={"username": email, "password": PASSWORD})
    if response.status_code != 200:
        raise RuntimeError(f"sign-in of {email}: {response.status_code} {response.text}")
    return str(response.json()["access_token"])


def _client(server: Server) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=server.url,
        timeout=60,
        trust_env=False,
        limits=httpx.Limits(max_connections=UPLOADERS + EDITORS + 4),
    )


def start_server(servers: Servers, env: dict[str, str], name: str) -> Server:
    return servers.start(
        name, "app.main:create_app", env=env, workers=2, cpus=None, ready_path="/readyz"
    )


async def run_rounds(args: argparse.Namespace, tmp: Path, ledger: Ledger) -> int:
    url = database_url(args.database, tmp)
    env = server_env({"DATABASE_URL": url})
    log_dir = Path(os.environ.get("VERIFY_RESULTS") or tmp) / "logs"
    started = time.monotonic()
    rng = random.Random(args.seed)  # noqa: S311 - reproducible test data, not secrets
    rounds = errors_logged = unanswered = 0
    with Servers(log_dir) as servers:
        fixture, server = await prepare(servers, url, env, f"crash-{args.database}-1")
        log(f"  ready after {time.monotonic() - started:.1f} s")
        ready = time.monotonic()
        while rounds < args.rounds:
            # No round starts that would, at the pace so far, end after --seconds.
            pace = (time.monotonic() - ready) / rounds if rounds else 0.0
            if rounds >= MIN_ROUNDS and time.monotonic() + pace - started > args.seconds:
                break
            rounds += 1
            kill_after = round(rng.uniform(1.0, 3.0), 2)
            async with _client(server) as client:
                traffic = Traffic(client, fixture, ledger, rng)
                await traffic.run_until_kill(server, rounds, kill_after)
            in_flight = sum(b.state == "unanswered" for b in ledger.batches) - unanswered
            unanswered += in_flight
            ledger.kills.append(
                {"round": rounds, "after_s": kill_after, "log": str(server.log_path)}
            )
            if len(ledger.server_errors) > errors_logged:
                ledger.kills[-1]["server_log"] = server_log_excerpt(server.log_path)
            errors_logged = len(ledger.server_errors)
            phases = [time.monotonic()]
            await asyncio.to_thread(check_storage, url, ledger, rounds)
            phases.append(time.monotonic())
            server = await asyncio.to_thread(
                start_server, servers, env, f"crash-{args.database}-{rounds + 1}"
            )
            phases.append(time.monotonic())
            per_member = await asyncio.to_thread(check_sessions, url, ledger)
            async with _client(server) as client:
                await check_api(client, fixture, ledger, per_member)
                await after_restart(client, Traffic(client, fixture, ledger, rng), rounds)
            phases.append(time.monotonic())
            storage_s, restart_s, checks_s = (b - a for a, b in itertools.pairwise(phases))
            log(
                f"  [{time.monotonic() - started:.0f} s] round {rounds}: killed after "
                f"{kill_after} s with {in_flight} batches unanswered; "
                f"{sum(b.state == 'acked' for b in ledger.batches)} batches and "
                f"{ledger.acked_editorial_writes} editorial writes acknowledged so far; "
                f"{len(ledger.problems)} problems (storage check {storage_s:.1f} s, restart "
                f"{restart_s:.1f} s, checks {checks_s:.1f} s)"
            )
        # The writes made after the last restart are checked on a clean stop too.
        per_member = await asyncio.to_thread(check_sessions, url, ledger)
        async with _client(server) as client:
            await check_api(client, fixture, ledger, per_member)
    return rounds


def server_log_excerpt(path: Path, limit: int = 60) -> list[str]:
    """The log lines about failed requests, and the first traceback in full."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    wanted = [
        n for n, line in enumerate(lines) if re.search(r"unhandled error|database busy", line)
    ]
    if not wanted:
        return lines[-limit:]
    counts = Counter(lines[n].split(" on ", 1)[-1] for n in wanted)
    summary = [f"{count} x {what}" for what, count in counts.most_common()]
    first = wanted[0]
    following = next((n for n in wanted if n > first), len(lines))
    return summary + lines[first : min(following, first + limit)]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m verify.crash", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--seconds",
        type=float,
        default=75,
        help="time budget: no kill round starts that would, at the pace of the rounds so far, "
        f"end after this many seconds from the start ({MIN_ROUNDS} always run); default 75",
    )
    parser.add_argument("--rounds", type=int, default=5, help="kill rounds at most (default 5)")
    parser.add_argument("--seed", type=int, default=7, help="seeds the kill moments and data")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    name = "postgresql" if args.database == "postgres" else "sqlite"
    log(f"crash safety on {name}: up to {args.rounds} SIGKILL rounds within {args.seconds:.0f} s")
    started = time.monotonic()
    ledger = Ledger()
    rounds = 0
    with tempfile.TemporaryDirectory(prefix="verify-crash-") as tmp:
        try:
            rounds = asyncio.run(run_rounds(args, Path(tmp), ledger))
        except Exception as error:  # the report still says what went wrong
            ledger.problem("run", f"the run stopped: {type(error).__name__}: {error}"[:2000])
        finally:
            if args.database == "postgres":
                drop_pg_database()
    acked = [b for b in ledger.batches if b.state == "acked"]
    integrity_failed = ledger.count("integrity") > 0
    result = {
        "name": "crash",
        "database": name,
        "rounds": rounds,
        "seconds": round(time.monotonic() - started, 1),
        "acknowledged_batches": len(acked),
        "acknowledged_sessions": len(acked) * BATCH_SIZE,
        "unanswered_batches": sum(b.state == "unanswered" for b in ledger.batches),
        "unanswered_batches_stored": ledger.stored_unanswered,
        "acknowledged_editorial_writes": ledger.acked_editorial_writes,
        "integrity": "fail" if integrity_failed else "pass",
        "partial_batches": ledger.count("partial"),
        "missing": ledger.count("missing"),
        "totals_mismatches": ledger.count("totals"),
        "server_errors": len(ledger.server_errors),
        "server_error_endpoints": dict(
            Counter(error.split(" -> ")[0] for error in ledger.server_errors)
        ),
        "kills": ledger.kills,
        "failures": len(ledger.problems),
        "problems": list(ledger.problems.values())[:50],
    }
    print_summary(result)
    if os.environ.get("VERIFY_RESULTS"):
        target = Path(os.environ["VERIFY_RESULTS"]) / f"crash-{name}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(result, indent=2, default=str) + "\n")
        log(f"written to {target}")
    return 1 if result["failures"] else 0


def print_summary(result: dict[str, Any]) -> None:
    kills = ", ".join(f"{k['after_s']} s" for k in result["kills"]) or "none"
    log(
        f"\ncrash safety, {result['database']}: {result['rounds']} rounds in "
        f"{result['seconds']} s (killed after {kills})\n"
        f"  acknowledged: {result['acknowledged_batches']} batches "
        f"({result['acknowledged_sessions']:,} sessions), "
        f"{result['acknowledged_editorial_writes']} editorial writes; "
        f"{result['unanswered_batches']} batches unanswered at the kills "
        f"({result['unanswered_batches_stored']} of them stored whole)\n"
        f"  integrity {result['integrity']}; partial batches {result['partial_batches']}; "
        f"missing {result['missing']}; totals mismatches {result['totals_mismatches']}; "
        f"server errors {result['server_errors']}; failures {result['failures']}"
    )
    for endpoint, count in result["server_error_endpoints"].items():
        log(f"  5xx: {count} x {endpoint}")
    for kill in result["kills"]:
        for line in kill.get("server_log", [])[:40]:
            log(f"    | {line}")
    for problem in result["problems"][:15]:
        log(f"  - {problem}")
    log("PASS" if not result["failures"] else "FAIL")


if __name__ == "__main__":
    raise SystemExit(main())
