"""Measuring one scenario: warm-up and measured wrk runs against the API and the baseline,
CPU per request, a background load when the scenario has one, and retries on a busy machine."""

import argparse
import copy
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import wrk
from bench.client import Response
from bench.scenarios import RunContext, Scenario
from bench.servers import PROJECT_ROOT, BackendCpu, CpuMeter, Server
from bench.wrk import WrkResult

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
# Other processes using more than this many cores on average make a scenario's numbers suspect.
BUSY_CORES = 0.15
# The baseline is measured for at most this long (after at most one second of warm-up).
BASELINE_SECONDS = 3.0


def log(message: str) -> None:
    print(message, flush=True)


@dataclass
class Outcome:
    scenario: Scenario
    status: str = "ok"  # ok | skipped | failed
    note: str = ""
    request: dict[str, Any] = field(default_factory=dict)
    reference: Response | None = None
    api: WrkResult | None = None
    baseline: WrkResult | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.api is None or self.baseline is None or not self.baseline.rps:
            return None
        return self.api.rps / self.baseline.rps

    @property
    def cpu_ratio(self) -> float | None:
        """The baseline's server CPU per request over the API's (server plus database)."""
        if self.api is None or self.baseline is None:
            return None
        api_cpu = (self.api.server_cpu_ms_per_request or 0) + (self.api.db_cpu_ms_per_request or 0)
        base_cpu = self.baseline.server_cpu_ms_per_request
        return base_cpu / api_cpu if base_cpu and api_cpu else None

    def add_note(self, text: str) -> None:
        self.note = f"{self.note}; {text}" if self.note else text


@dataclass
class Plan:
    args: argparse.Namespace
    tmp: Path
    server_cpus: str | None
    wrk_cpus: str | None
    backends: BackendCpu | None = None
    # The baseline serves precomputed bytes: only its first run needs a warm-up.
    baseline_warmed: bool = False


@dataclass
class Targets:
    apis: dict[str, Server]
    baseline: Server | None
    meter: CpuMeter


def measure_quietly(
    outcome: Outcome, ctx: RunContext, plan: Plan, targets: Targets, measured: dict[str, Outcome]
) -> Outcome:
    """Measure, noting how much CPU other processes took meanwhile; with --retry-busy,
    measure again when that was too much, and keep the least disturbed attempt."""
    api, meter = targets.apis[outcome.scenario.server], targets.meter
    best: Outcome | None = None
    for attempt in range(1 + plan.args.retry_busy):
        trial = copy.copy(outcome)
        trial.extra = {"attempt": attempt + 1}
        if plan.args.quiet_wait > 0:
            trial.extra["waited_for_quiet_s"] = wait_for_quiet(meter, plan.args.quiet_wait)
        before = meter.sample()
        try:
            measure(trial, ctx, plan, api, targets.baseline, measured)
        except Exception as error:  # one broken scenario must not lose the others
            trial.status, trial.note = "failed", f"{type(error).__name__}: {error}"[:400]
        trial.extra["server_rss_after_mb"] = api.rss_mb()
        foreign, steal = meter.foreign_cores(before, meter.sample())
        trial.extra["other_processes_cpu_cores"] = round(foreign, 2)
        trial.extra["steal_cpu_cores"] = round(steal, 2)
        if best is None or foreign < best.extra["other_processes_cpu_cores"]:
            best = trial
        if trial.status != "ok" or max(foreign, steal) <= BUSY_CORES:
            break
        if attempt < plan.args.retry_busy:
            log(f"  other processes used {foreign:.2f} cores meanwhile: measuring again")
    assert best is not None
    foreign, steal = best.extra["other_processes_cpu_cores"], best.extra["steal_cpu_cores"]
    if max(foreign, steal) > BUSY_CORES:
        best.add_note(f"MACHINE BUSY: other processes used {foreign:.2f} cores")
    return best


def wait_for_quiet(meter: CpuMeter, limit_s: float) -> float:
    """Wait (at most `limit_s`) until other processes use under BUSY_CORES for 2 s running."""
    started = time.monotonic()
    quiet_since: float | None = None
    while time.monotonic() - started < limit_s:
        before = meter.sample()
        time.sleep(0.5)
        foreign, steal = meter.foreign_cores(before, meter.sample())
        if foreign < BUSY_CORES and steal < BUSY_CORES:
            quiet_since = quiet_since or before.wall
            if time.monotonic() - quiet_since >= 2:
                break
        else:
            quiet_since = None
    waited = time.monotonic() - started
    if waited > 3:
        log(f"  waited {waited:.0f} s for the machine to be quiet")
    return round(waited, 1)


def own_baseline(scenario: Scenario) -> bool:
    return scenario.baseline and scenario.baseline_of is None and scenario.lua is None


def script_for(scenario: Scenario, ctx: RunContext) -> Callable[[], str]:
    """A fresh script for each wrk run: new tokens when due, new ids for uploads."""

    def build() -> str:
        if scenario.lua is not None:
            return scenario.lua(ctx)
        path, headers, body = scenario.render(ctx)
        return wrk.static_script(scenario.method, path, headers, body)

    return build


def load(
    name: str,
    server: Server,
    build: Callable[[], str],
    plan: Plan,
    connections: int,
    *,
    warmup: float | None = None,
    duration: float | None = None,
    drain: bool = True,
) -> tuple[WrkResult, int]:
    """Warm up, then measure; returns the measured result and all requests sent."""
    sent, result = 0, None
    warmup = plan.args.warmup if warmup is None else warmup
    backends = plan.backends if server.name != "baseline" else None
    duration = plan.args.duration if duration is None else duration
    for phase, seconds in (("warmup", warmup), ("run", duration)):
        if seconds <= 0:
            continue
        script = plan.tmp / f"{name}-{phase}.lua"
        script.write_text(build())
        cpu = server.cpu_seconds(), backends.total() if backends else 0.0
        result, raw = wrk.run(
            server.url, script, connections=connections, seconds=seconds, cpus=plan.wrk_cpus
        )
        if result.requests:
            per_request = 1000 / result.requests
            result.server_cpu_ms_per_request = round(
                (server.cpu_seconds() - cpu[0]) * per_request, 3
            )
            if backends:
                used = backends.total() - cpu[1]
                result.db_cpu_ms_per_request = round(used * per_request, 3)
        sent += result.requests
        # Not while a background load runs on purpose: the server would never be idle.
        drained = server.wait_idle() if drain else 0.0
        if drained > 2:
            log(f"  {name} {phase}: {drained:.0f} s until requests left in flight were done")
        raw_dir = RESULTS_DIR / "wrk"
        raw_dir.mkdir(parents=True, exist_ok=True)
        (raw_dir / f"{name}-{phase}.txt").write_text(raw)
    assert result is not None
    return result, sent


def scenario_seconds(scenario: Scenario, duration: float, warmup: float) -> float:
    """About how long a scenario takes, baseline and overheads included."""
    seconds = warmup + duration + 1.5
    if scenario.during is not None and scenario.compare_idle is None:
        seconds += warmup + duration
    if own_baseline(scenario):
        seconds += min(duration, BASELINE_SECONDS) + 0.5
    return seconds


def fit_to_budget(scenarios: list[Scenario], args: argparse.Namespace, seconds: float) -> str:
    """Shorten --duration and --warmup (whole seconds, wrk's unit) until the scenarios fit in
    `seconds`; returns a note when they had to be shortened."""
    duration, warmup = round(args.duration), round(args.warmup)
    # Shorter runs first, down to 3 s; then less warm-up, down to 1 s; then runs of 2 s.
    ladder = [(d, warmup) for d in range(duration, 2, -1)]
    ladder += [(min(duration, 3), w) for w in range(warmup - 1, 0, -1)]
    ladder += [(2, min(warmup, 1))]
    for duration, warmup in ladder:
        if sum(scenario_seconds(s, duration, warmup) for s in scenarios) <= seconds:
            break
    if (duration, warmup) == (args.duration, args.warmup):
        return ""
    note = (
        f"{len(scenarios)} scenarios in a {args.budget:g} s budget: {warmup} s warm-up + "
        f"{duration} s each instead of {args.warmup:g} + {args.duration:g}"
    )
    args.duration, args.warmup = float(duration), float(warmup)
    return note


def measure(
    outcome: Outcome,
    ctx: RunContext,
    plan: Plan,
    api: Server,
    baseline: Server | None,
    measured: dict[str, Outcome],
) -> None:
    scenario = outcome.scenario
    connections = scenario.connections or plan.args.connections
    build = script_for(scenario, ctx)
    outcome.request["connections"] = connections
    if scenario.during is not None:
        outcome.api = _measure_during(outcome, ctx, plan, api, measured, connections)
    else:
        if scenario.before is not None:
            scenario.before(ctx)
        outcome.api, sent = load(scenario.name, api, build, plan, connections)
        if scenario.after is not None:
            outcome.add_note(scenario.after(ctx, sent))
    if outcome.api.failures:
        outcome.add_note(f"errors {outcome.api.errors}")
    if not outcome.api.requests:
        outcome.add_note(
            f"no answer within the {plan.args.duration:g} s run: each request queued behind "
            f"{connections} others took longer"
        )
    if scenario.method == "POST" and scenario.lua is not None:
        outcome.extra["items_per_s"] = round(outcome.api.rps * 500)
    if scenario.baseline_of is not None:
        borrowed = measured.get(scenario.baseline_of)
        outcome.baseline = borrowed.baseline if borrowed else None
    elif own_baseline(scenario) and baseline is not None:
        name = f"{scenario.name}-baseline"
        # Precomputed bytes have nothing to warm but the interpreter, and at ~25k requests/s
        # a short run gives tens of thousands of samples.
        warmup = 0.0 if plan.baseline_warmed else min(plan.args.warmup, 1.0)
        duration = min(plan.args.duration, BASELINE_SECONDS)
        outcome.baseline, _ = load(
            name, baseline, build, plan, connections, warmup=warmup, duration=duration
        )
        plan.baseline_warmed = True
        if outcome.baseline.failures:
            outcome.add_note(f"baseline errors {outcome.baseline.errors}")


def _measure_during(
    outcome: Outcome,
    ctx: RunContext,
    plan: Plan,
    api: Server,
    measured: dict[str, Outcome],
    connections: int,
) -> WrkResult:
    """The scenario's reads while a second wrk (same core) drives `during`; then the idle
    numbers for comparison, from `compare_idle` when it was measured in this run."""
    scenario, background = outcome.scenario, outcome.scenario.during
    assert background is not None
    idle_of = measured.get(scenario.compare_idle or "")
    if idle_of is None or idle_of.api is None:
        build = script_for(scenario, ctx)
        idle, _ = load(f"{scenario.name}-idle", api, build, plan, connections)
    else:
        idle = idle_of.api
    seconds = plan.args.warmup + plan.args.duration + 1
    script = plan.tmp / f"{background.name}.lua"
    script.write_text(script_for(background, ctx)())
    output = plan.tmp / f"{background.name}.txt"
    process = wrk.start(
        api.url,
        script,
        connections=background.connections or 2,
        seconds=seconds,
        cpus=plan.wrk_cpus,
        log=output,
    )
    try:
        build = script_for(scenario, ctx)
        busy, _ = load(scenario.name, api, build, plan, connections, drain=False)
        process.wait(timeout=seconds + 60)
        api.wait_idle()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    side = wrk.parse_output(output.read_text())
    outcome.extra |= {
        "idle_rps": round(idle.rps, 1),
        "idle_p50_ms": idle.p("50"),
        "idle_p99_ms": idle.p("99"),
        "p99_vs_idle": round(busy.p("99") / idle.p("99"), 2) if idle.p("99") else None,
        background.name: side.to_dict(),
    }
    outcome.add_note(
        f"idle p99 {idle.p('99'):.1f} ms -> {busy.p('99'):.1f} ms "
        f"(x{outcome.extra['p99_vs_idle']}); {side.rps:.1f} {background.name}/s, "
        f"p50 {side.p('50'):.0f} ms" + (f", {side.failures} failed" if side.failures else "")
    )
    return busy
