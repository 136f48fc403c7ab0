"""Soak: the API under a steady mixed load for a bounded time, watching errors, latency per
kind of request and every worker's memory.

    python -m bench.soak [--database sqlite|postgres] [--seconds 60] [--workers 2]
                         [--concurrency 8] [--json PATH]

The small bench data set (generated or reused as `python -m bench` does) is served by uvicorn
with `--workers 2` on 127.0.0.1, with the public response cache off (as the bench's `api`
profile: every read runs the app and the database, so a leak on the request path is not hidden
behind the cache filling up to its bound). An asyncio driver (httpx, `--concurrency`
connections in a closed loop) picks each request at random by weight: article and track lists
and details, topic pages, searches, GraphQL (anonymous and signed in), a member's stats,
uploads of 20 new sessions as the bench's upload members; and beside that one sign-in (argon2)
every 2 s. psutil samples the RSS of each worker every 3 s.

Failures: any error (a status other than the one expected, a GraphQL `errors` list, an upload
not accepting all its sessions, a socket error or timeout), or memory still growing in the
second half of the run: a least-squares line through the summed RSS of the workers over the
second half that rises more than max(10 MB, 5%) over that half. The first half absorbs warm-up
(imports, first queries, connection pools, allocator arenas). Writes the result as JSON to
`$VERIFY_RESULTS/soak-<sqlite|postgresql>.json` (or `--json`), exits 1 on failures.
"""

import argparse
import asyncio
import json
import os
import random
import time
import urllib.parse
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bench import datagen
from bench.client import Client
from bench.measure import RESULTS_DIR, log
from bench.runner import _lock_dataset, server_env
from bench.scenarios import (
    GRAPHQL_ARTICLES,
    GRAPHQL_HOME,
    SERVER_PROFILES,
    RunContext,
    initial_values,
    search_index_ready,
)
from bench.servers import Server, Servers

SAMPLE_EVERY_S = 3.0
SIGNIN_EVERY_S = 2.0
RECONNECT_EVERY = 50
UPLOAD_SESSIONS = 20
SEARCH_WORDS = ["sleep", "anxiety", "breathing", "stress", "calm", "focus", "body scan", "worry"]
# Growth over the second half below max(this many MB, this share of the RSS) is "flat".
FLAT_MB = 10.0
FLAT_SHARE = 0.05


# (method, path, headers, body): JSON, or a form for the sign-in.
Request = tuple[str, str, dict[str, str], Any]


@dataclass
class Kind:
    name: str
    weight: int
    expect_status: int = 200


KINDS = [
    Kind("articles_list", 14),
    Kind("article_detail", 16),
    Kind("tracks_list", 10),
    Kind("track_detail", 8),
    Kind("topic_page", 6),
    Kind("search", 8),
    Kind("graphql_articles", 8),
    Kind("graphql_articles_member", 6),
    Kind("graphql_home_member", 2),
    Kind("member_stats", 6),
    Kind("upload", 6),
]


@dataclass
class Tally:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    sent: int = 0

    def error(self, kind: str, what: str) -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 20:
            self.error_samples.append(f"{kind}: {what}"[:400])


class Workload:
    """Builds each kind of request from the data set's slugs, members and variants."""

    def __init__(self, ctx: RunContext, rng: random.Random) -> None:
        self.ctx = ctx
        self.rng = rng
        info = ctx.info
        self.stats_auth = {"Authorization": f"Bearer {ctx.token(info.stats_member)}"}
        self.uploaders = [
            {"Authorization": f"Bearer {ctx.token(email)}"} for email in info.upload_members
        ]
        self.variants = ctx.published_variants()
        self.articles = self._slugs("/v1/articles?limit=100", pages=5)
        self.tracks = self._slugs("/v1/tracks?limit=100", pages=2)
        self.topics = self._slugs("/v1/topics?limit=100", pages=1)
        self.signin_form = {"username": info.signin_member, "password": info.password}
        self.run_prefix = uuid.uuid4().hex[:8]
        self.uploads = 0

    def _slugs(self, path: str, *, pages: int) -> list[str]:
        slugs: list[str] = []
        cursor = ""
        for _ in range(pages):
            page = self.ctx.client.get(path + cursor).json()
            slugs += [item["slug"] for item in page["items"]]
            if not page.get("next_cursor"):
                break
            cursor = "&cursor=" + urllib.parse.quote(page["next_cursor"], safe="")
        if not slugs:
            raise RuntimeError(f"{path} listed nothing: is the data set loaded?")
        return slugs

    def request(self, kind: str) -> Request:
        """(method, path, headers, JSON body) for one request of this kind."""
        pick = self.rng.choice
        graphql = "/graphql?query=" + urllib.parse.quote(GRAPHQL_ARTICLES, safe="")
        if kind == "articles_list":
            sort = pick(["-published_at", "title", "-updated_at"])
            return "GET", f"/v1/articles?limit=20&sort={sort}", {}, None
        if kind == "article_detail":
            return "GET", f"/v1/articles/{pick(self.articles)}", {}, None
        if kind == "tracks_list":
            return "GET", f"/v1/tracks?topic={pick(self.topics)}&max_duration=600", {}, None
        if kind == "track_detail":
            return "GET", f"/v1/tracks/{pick(self.tracks)}", {}, None
        if kind == "topic_page":
            return "GET", f"/v1/topics/{pick(self.topics)}", {}, None
        if kind == "search":
            query = urllib.parse.quote(pick(SEARCH_WORDS))
            return "GET", f"/v1/search?q={query}&limit=20", {}, None
        if kind == "graphql_articles":
            return "GET", graphql, {}, None
        if kind == "graphql_articles_member":
            return "GET", graphql, self.stats_auth, None
        if kind == "graphql_home_member":
            home = "/graphql?query=" + urllib.parse.quote(GRAPHQL_HOME, safe="")
            return "GET", home, self.stats_auth, None
        if kind == "member_stats":
            return (
                "GET",
                f"/v1/me/stats?range={pick(['week', 'month', 'year'])}",
                self.stats_auth,
                None,
            )
        if kind == "upload":
            return "POST", "/v1/me/sessions", pick(self.uploaders), {"sessions": self._sessions()}
        raise ValueError(kind)

    def _sessions(self) -> list[dict[str, Any]]:
        self.uploads += 1
        now = datetime.now(UTC)
        sessions = []
        for n in range(UPLOAD_SESSIONS):
            variant, duration = self.rng.choice(self.variants)
            listened = self.rng.randint(1, duration)
            started = now - timedelta(seconds=self.rng.randint(600, 30 * 86_400))
            sessions.append(
                {
                    "id": str(uuid.UUID(f"{self.run_prefix}{self.uploads:012x}{n:012x}")),
                    "variant_id": variant,
                    "started_at": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "seconds_listened": listened,
                    "end_position_seconds": listened,
                    "completed": listened == duration,
                }
            )
        return sessions


def problem_in(kind: Kind, response: httpx.Response) -> str:
    """What is wrong with this answer, or an empty string."""
    if response.status_code != kind.expect_status:
        return f"{response.status_code} {response.text[:200]}"
    if kind.name.startswith("graphql"):
        errors = response.json().get("errors")
        return f"GraphQL errors: {json.dumps(errors)[:200]}" if errors else ""
    if kind.name == "upload":
        result = response.json()
        if result["accepted"] != UPLOAD_SESSIONS:
            return f"accepted {result['accepted']} of {UPLOAD_SESSIONS}: {result['results'][:2]}"
    return ""


async def timed(
    client: httpx.AsyncClient,
    tally: Tally,
    kind: Kind,
    request: tuple[str, str, dict[str, str], Any],
) -> None:
    method, path, headers, body = request
    started = time.perf_counter()
    tally.sent += 1
    try:
        if method == "POST" and kind.name == "signin":
            response = await client.post(path, data=body, headers=headers)
        else:
            response = await client.request(method, path, json=body, headers=headers)
    except httpx.HTTPError as error:
        tally.error(kind.name, f"{method} {path}: {type(error).__name__}: {error}")
        return
    tally.latencies_ms[kind.name].append((time.perf_counter() - started) * 1000)
    wrong = problem_in(kind, response)
    if wrong:
        tally.error(kind.name, f"{method} {path.split('?')[0]}: {wrong}")


async def drive(
    server: Server, workload: Workload, args: argparse.Namespace
) -> tuple[Tally, list[list[Any]], float]:
    tally = Tally()
    memory: list[list[Any]] = []
    deadline = time.monotonic() + args.seconds
    weights = [kind.weight for kind in KINDS]
    signin = Kind("signin", 0)

    def connect() -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=server.url,
            timeout=30,
            trust_env=False,
            limits=httpx.Limits(max_connections=1),
        )

    async def loop() -> None:
        # Each loop is one client holding one keep-alive connection, which it replaces every
        # RECONNECT_EVERY requests, as apps come and go: a connection stays with the worker
        # that accepted it, so long-lived ones could leave one worker with all the load.
        while time.monotonic() < deadline:
            async with connect() as client:
                for _ in range(RECONNECT_EVERY):
                    if time.monotonic() >= deadline:
                        return
                    kind = workload.rng.choices(KINDS, weights)[0]
                    await timed(client, tally, kind, workload.request(kind.name))

    async def signins() -> None:
        while args.signin_every > 0 and time.monotonic() < deadline:
            request: Request = ("POST", "/v1/auth/token", {}, workload.signin_form)
            # A sign-in comes from a device that was not connected: a fresh connection.
            async with connect() as client:
                await timed(client, tally, signin, request)
            await asyncio.sleep(args.signin_every)

    async def sample_memory() -> None:
        while True:
            rss = await asyncio.to_thread(server.rss_mb)
            memory.append([round(time.monotonic() - started, 1), round(sum(rss), 1), rss])
            if time.monotonic() >= deadline:
                return
            await asyncio.sleep(min(SAMPLE_EVERY_S, max(0.0, deadline - time.monotonic())))

    started = time.monotonic()
    await asyncio.gather(*(loop() for _ in range(args.concurrency)), signins(), sample_memory())
    return tally, memory, time.monotonic() - started


def memory_trend(memory: list[list[Any]], seconds: float) -> dict[str, Any]:
    """Least-squares slope of the summed RSS over the second half of the run."""
    half = [(t, rss) for t, rss, _ in memory if t >= seconds / 2]
    if len(half) < 3:
        return {
            "memory_trend": "unknown",
            "memory_slope_mb_per_min": None,
            "memory_note": "too few samples in the second half",
        }
    times = [t for t, _ in half]
    values = [rss for _, rss in half]
    mean_t, mean_v = sum(times) / len(times), sum(values) / len(values)
    spread = sum((t - mean_t) ** 2 for t in times)
    slope_per_s = sum((t - mean_t) * (v - mean_v) for t, v in half) / spread if spread else 0.0
    growth = slope_per_s * (times[-1] - times[0])
    allowed = max(FLAT_MB, FLAT_SHARE * mean_v)
    return {
        "memory_trend": "flat" if growth < allowed else "growing",
        "memory_slope_mb_per_min": round(slope_per_s * 60, 2),
        "memory_growth_second_half_mb": round(growth, 1),
        "memory_growth_allowed_mb": round(allowed, 1),
        "memory_note": f"second half {growth:+.1f} MB of {mean_v:.0f} MB "
        f"({slope_per_s * 60:+.1f} MB/min), flat below {allowed:.1f} MB",
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1)


def run(args: argparse.Namespace) -> dict[str, Any]:
    scale = datagen.SCALES["small"]
    url = datagen.dataset_url(args.database, scale.name)
    lock = _lock_dataset(args.database, scale.name)
    try:
        info = datagen.ensure_dataset(url, scale, log=log)
        datagen.reset_bench_members(url, info)
        if not info.reused:
            datagen.migrate(url)
        with Servers(RESULTS_DIR / "logs") as servers:
            server = servers.start(
                f"soak-{args.database}",
                "app.main:create_app",
                env=server_env({"DATABASE_URL": url, **SERVER_PROFILES["api"]}),
                workers=args.workers,
                cpus=None,
                ready_path="/readyz",
            )
            ctx = RunContext(info, {"api": Client(server.port)}, url, values=initial_values(info))
            note = search_index_ready(ctx)
            if note:
                log(note)
            workload = Workload(ctx, random.Random(args.seed))
            ctx.client.close()
            log(
                f"soak: {args.seconds:.0f} s, {args.workers} workers, {args.concurrency} "
                f"connections, a sign-in every {args.signin_every:g} s (0: none)"
            )
            tally, memory, elapsed = asyncio.run(drive(server, workload, args))
            # How the load was shared: CPU seconds each worker used (start-up included).
            cpu = [sum(p.cpu_times()[:2]) for p in server.worker_processes()]
    finally:
        lock.close()
    result = report(args, tally, memory, elapsed)
    result["worker_cpu_s"] = [round(seconds, 1) for seconds in cpu]
    return result


def report(
    args: argparse.Namespace, tally: Tally, memory: list[list[Any]], elapsed: float
) -> dict[str, Any]:
    kinds = sorted(set(tally.latencies_ms) | set(tally.errors))
    requests = tally.sent
    errors = sum(tally.errors.values())
    result: dict[str, Any] = {
        "name": "soak",
        "database": "postgresql" if args.database == "postgres" else "sqlite",
        "seconds": round(elapsed, 1),
        "workers": args.workers,
        "concurrency": args.concurrency,
        "requests": requests,
        "requests_per_s": round(requests / elapsed, 1) if elapsed else 0.0,
        "errors": errors,
        "errors_by_kind": dict(tally.errors),
        "error_samples": tally.error_samples,
        "requests_by_kind": {k: len(tally.latencies_ms.get(k, [])) for k in kinds},
        "p50_ms": {k: percentile(v, 50) for k, v in tally.latencies_ms.items() if v},
        "p99_ms": {k: percentile(v, 99) for k, v in tally.latencies_ms.items() if v},
        "memory_mb": memory,
        **memory_trend(memory, elapsed),
    }
    result["failures"] = errors + (result["memory_trend"] != "flat")
    return result


def print_report(result: dict[str, Any]) -> None:
    log(
        f"\nsoak, {result['database']}: {result['requests']:,} requests in {result['seconds']} s "
        f"({result['requests_per_s']}/s), {result['errors']} errors"
    )
    log(f"  {'kind':24} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for kind, count in result["requests_by_kind"].items():
        p50, p99 = result["p50_ms"].get(kind, 0.0), result["p99_ms"].get(kind, 0.0)
        errors = result["errors_by_kind"].get(kind, 0)
        log(f"  {kind:24} {count:>8,} {p50:>8.1f} {p99:>8.1f} {errors:>6}")
    memory = result["memory_mb"]
    if memory:
        log(
            f"  RSS of the workers, MB: {memory[0][2]} at {memory[0][0]} s -> "
            f"{memory[len(memory) // 2][2]} at {memory[len(memory) // 2][0]} s -> "
            f"{memory[-1][2]} at {memory[-1][0]} s"
        )
    log(f"  CPU seconds per worker: {result.get('worker_cpu_s')}")
    log(f"  memory: {result['memory_trend']} ({result['memory_note']})")
    for sample in result["error_samples"][:10]:
        log(f"  - {sample}")
    log("PASS" if not result["failures"] else "FAIL")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8, help="connections (default 8)")
    parser.add_argument(
        "--signin-every",
        type=float,
        default=SIGNIN_EVERY_S,
        help=f"seconds between sign-ins (default {SIGNIN_EVERY_S:g}; 0: none)",
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", type=Path, default=None, help="also write the result here")
    args = parser.parse_args(argv)
    if not 10 <= args.seconds <= 3600 or not 1 <= args.workers <= 8:
        parser.error("--seconds must be 10..3600 and --workers 1..8")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    result = run(args)
    print_report(result)
    targets = [args.json] if args.json else []
    if os.environ.get("VERIFY_RESULTS"):
        targets.append(Path(os.environ["VERIFY_RESULTS"]) / f"soak-{result['database']}.json")
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(result, indent=2) + "\n")
        log(f"written to {target}")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
