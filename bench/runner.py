"""The runner: data set, API and baseline servers, every scenario, one table and a JSON file.

    python -m bench [--scale small|large] [--database sqlite|postgres] [--duration S]
                    [--warmup S] [--scenarios a,b] [--workers 1|2] [--json PATH]
                    [--budget S] [--quiet-wait S] [--retry-busy N] [--nice N] [--list]

With one worker, both servers are pinned to core 0 and wrk to core 1 (taskset), as in
/work/shared/PERF-NOTES.md. Each scenario runs a warm-up, then a measured run of fixed length,
against the API and then against the baseline serving the same bytes.
"""

import argparse
import base64
import contextlib
import fcntl
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any, NoReturn

from sqlalchemy import make_url

from bench import datagen, wrk
from bench.client import Client, Response
from bench.measure import (
    RESULTS_DIR,
    Outcome,
    Plan,
    Targets,
    fit_to_budget,
    log,
    measure_quietly,
    own_baseline,
)
from bench.production_imports import as_installed_env
from bench.report import build_report, print_table
from bench.scenarios import (
    SCENARIOS,
    SCENARIOS_BY_NAME,
    SERVER_PROFILES,
    RunContext,
    Scenario,
    initial_values,
)
from bench.servers import BackendCpu, CpuMeter, Server, Servers, can_pin

# Development settings with a key of our own: production-only checks are not under test.
SECRET_KEY = "bench-only-secret-key-0123456789abcdef-not-for-production"  # noqa: S105
# Idle seconds before memory "after the run" is read.
SETTLE_SECONDS = 2.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=sorted(datagen.SCALES), default="small")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds measured")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up")
    parser.add_argument("--scenarios", default="", help="comma-separated names (default: all)")
    parser.add_argument("--workers", type=int, choices=[1, 2], default=1)
    parser.add_argument("--connections", type=int, default=32, help="wrk -c (default 32)")
    parser.add_argument("--json", type=Path, default=RESULTS_DIR / "latest.json")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the data set")
    parser.add_argument(
        "--budget",
        type=float,
        default=0.0,
        help="seconds the whole run may take: --duration and --warmup are shortened (to no "
        "less than 2 s and 1 s) when the scenarios would not fit; default 0: no budget",
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=None,
        help="run the servers and wrk at this nice level (e.g. -10 as root, so that other "
        "work on a shared machine cannot take their cores); default: unchanged",
    )
    parser.add_argument(
        "--retry-busy",
        type=int,
        default=0,
        help="measure a scenario again, up to this many times, when other processes used "
        "the CPUs meanwhile (a shared machine); default 0",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=0.0,
        help="before each scenario, wait up to this many seconds for other processes to "
        "leave the CPUs idle (a shared machine); default 0: do not wait",
    )
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 3600 or not 0 <= args.warmup <= 600:
        parser.error("--duration must be 1..3600 and --warmup 0..600 seconds")
    if not 0 <= args.retry_busy <= 10 or not 0 <= args.quiet_wait <= 3600:
        parser.error("--retry-busy must be 0..10 and --quiet-wait 0..3600 seconds")
    return args


def choose(names: str) -> list[Scenario]:
    if not names:
        return list(SCENARIOS)
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in SCENARIOS_BY_NAME]
    if unknown:
        raise SystemExit(f"unknown scenarios: {', '.join(unknown)}; see --list")
    # The run order of SCENARIOS is kept: reads first, writes last.
    return [s for s in SCENARIOS if s.name in wanted]


def server_env(extra: dict[str, str]) -> dict[str, str]:
    from app.core.config import Settings

    # Only what the bench sets reaches the app's settings (no REDIS_URL, SQL_ECHO, ...).
    env = {k: v for k, v in os.environ.items() if k.lower() not in Settings.model_fields}
    env.update(
        {"ENVIRONMENT": "development", "SECRET_KEY": SECRET_KEY, "LOG_LEVEL": "warning", **extra}
    )
    # Servers see what `pip install .` installs, not the dev venv's test tools.
    return as_installed_env(env)


def _stop_on_sigterm(_signum: int, _frame: Any) -> NoReturn:
    raise SystemExit(143)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.list:
        for scenario in SCENARIOS:
            print(f"{scenario.name:22} {scenario.summary}")
        return
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    signal.signal(signal.SIGHUP, _stop_on_sigterm)
    report = run(args)
    print_table(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    log(f"\nwritten to {args.json}")


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    wrk.ensure_installed(log)
    wrk.NICE = args.nice
    chosen = choose(args.scenarios)
    scale = datagen.SCALES[args.scale]
    url = datagen.dataset_url(args.database, args.scale)
    lock = _lock_dataset(args.database, args.scale)
    mark = time.perf_counter()
    info = datagen.ensure_dataset(url, scale, log=log, force=args.regenerate)
    dataset_seconds = time.perf_counter() - mark
    datagen.reset_bench_members(url, info)
    if not info.reused:
        # Migrations written while the data was loading apply too.
        datagen.migrate(url)
    pinned = args.workers == 1 and can_pin()
    outcomes = [Outcome(scenario) for scenario in chosen]
    rss: dict[str, Any] = {}
    backends = BackendCpu(make_url(url).database or "") if args.database == "postgres" else None
    with (
        Servers(RESULTS_DIR / "logs") as servers,
        tempfile.TemporaryDirectory(prefix="bench-") as tmp,
        backends or contextlib.nullcontext(),
    ):
        plan = Plan(args, Path(tmp), "0" if pinned else None, "1" if pinned else None, backends)
        apis: dict[str, Server] = {}
        for profile in dict.fromkeys(["api", *(s.server for s in chosen)]):
            apis[profile] = servers.start(
                profile,
                "app.main:create_app",
                env=server_env({"DATABASE_URL": url, **SERVER_PROFILES[profile]}),
                workers=args.workers,
                cpus=plan.server_cpus,
                # Ready means the database answers and its schema is at the newest migration.
                ready_path="/readyz",
            )
            rss[f"{profile}_after_start_mb"] = apis[profile].rss_mb()
        clients = {profile: Client(server.port) for profile, server in apis.items()}
        ctx = RunContext(info, clients, url, values=initial_values(info))
        for outcome in outcomes:
            prepare(outcome, ctx)
        served = [o for o in outcomes if o.reference is not None and own_baseline(o.scenario)]
        baseline = None
        if served:
            baseline = servers.start(
                "baseline",
                "bench.baseline:create_app",
                env=server_env({"BENCH_BASELINE_RESPONSES": str(write_responses(plan, served))}),
                workers=args.workers,
                cpus=plan.server_cpus,
            )
            rss["baseline_after_start_mb"] = baseline.rss_mb()
        measured: dict[str, Outcome] = {}
        if args.budget:
            runnable = [o.scenario for o in outcomes if o.status == "ok"]
            # What is left of the budget, less ~10 s to stop the servers and write the report.
            left = args.budget - (time.perf_counter() - started) - 10
            args.budget_note = fit_to_budget(runnable, args, left)
            if args.budget_note:
                log(args.budget_note)
        meter = CpuMeter(servers, backends)
        targets = Targets(apis, baseline, meter)
        for index, outcome in enumerate(outcomes):
            if outcome.status != "ok":
                log(f"{outcome.scenario.name}: {outcome.status} ({outcome.note})")
                continue
            log(f"{outcome.scenario.name} ...")
            outcomes[index] = outcome = measure_quietly(outcome, ctx, plan, targets, measured)
            measured[outcome.scenario.name] = outcome
        # Memory as the last scenario ends, then once the servers have been idle a moment: a
        # worker gives the heap pages a burst freed back when it goes idle (app/core/memory.py).
        started_servers = {**apis, **({"baseline": baseline} if baseline else {})}
        for name, server in started_servers.items():
            rss[f"{name}_end_of_load_mb"] = server.rss_mb()
        time.sleep(SETTLE_SECONDS)
        for name, server in started_servers.items():
            rss[f"{name}_after_run_mb"] = server.rss_mb()
        for client in clients.values():
            client.close()
    lock.close()
    return build_report(args, info, dataset_seconds, outcomes, rss, pinned, started)


def _lock_dataset(database: str, scale: str) -> IO[str]:
    """One run per data set at a time: another would reset and write the same rows."""
    datagen.DATA_DIR.mkdir(parents=True, exist_ok=True)
    handle = (datagen.DATA_DIR / f"{database}-{scale}.lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise SystemExit(f"another bench run is using the {database} {scale} data set") from None
    return handle


def prepare(outcome: Outcome, ctx: RunContext) -> None:
    """Probe, run the scenario's prepare step, and fetch its real response once."""
    scenario = outcome.scenario
    try:
        client = ctx.clients[scenario.server]
        if scenario.requires is not None:
            probe = client.get(scenario.requires)
            if probe.status == 404:
                outcome.status = "skipped"
                outcome.note = f"{scenario.requires.split('?')[0]} does not exist yet"
                return
        if scenario.prepare is not None:
            outcome.add_note(scenario.prepare(ctx) or "")
        path, headers, body = scenario.render(ctx)
        outcome.request = {"method": scenario.method, "path": path}
        if scenario.lua is not None:
            return
        reference = client.request(
            scenario.method, path, headers=headers, body=body.encode() if body else None
        )
        problem = _problem(scenario, reference)
        if problem:
            outcome.status, outcome.note = "failed", problem
            return
        outcome.reference = reference
        outcome.request["response_bytes"] = len(reference.body)
        outcome.request["content_type"] = reference.content_type
    except Exception as error:
        outcome.status, outcome.note = "failed", f"prepare: {type(error).__name__}: {error}"[:400]


def _problem(scenario: Scenario, response: Response) -> str:
    if response.status != scenario.expect_status:
        expected, body = scenario.expect_status, response.body[:300]
        return f"answered {response.status}, expected {expected}: {body!r}"
    if scenario.path.startswith("/graphql"):
        errors = response.json().get("errors")
        if errors:
            return f"GraphQL errors: {json.dumps(errors)[:300]}"
    return ""


def write_responses(plan: Plan, outcomes: list[Outcome]) -> Path:
    entries = []
    for outcome in outcomes:
        assert outcome.reference is not None
        path, _, query = outcome.request["path"].partition("?")
        entries.append(
            {
                "scenario": outcome.scenario.name,
                "method": outcome.scenario.method,
                "path": path,
                "query": query,
                # The same URL is both a 200 and, with If-None-Match, a 304 (articles_list_304).
                "conditional": any(
                    name.lower() == "if-none-match" for name in outcome.scenario.headers
                ),
                "status": outcome.reference.status,
                "content_type": outcome.reference.content_type,
                "body": base64.b64encode(outcome.reference.body).decode(),
            }
        )
    target = plan.tmp / "baseline-responses.json"
    target.write_text(json.dumps(entries))
    return target


if __name__ == "__main__":
    main(sys.argv[1:])
