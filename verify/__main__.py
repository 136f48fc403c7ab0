"""`make verify`: every hardening check, thorough settings, SQLite then PostgreSQL, and one
screen that says what ran and what failed.

    python -m verify [--only tests,crash,soak,audit] [--databases sqlite,postgres]
                     [--soak-seconds 60] [--crash-seconds 75]

Steps (each writes its figures to VERIFY_RESULTS, default verify/results/):
- lint and types (ruff, mypy, hadolint), as in `make test`;
- the test suite with HYPOTHESIS_PROFILE=thorough (Schemathesis against /openapi.json and
  /graphql with many more inputs per operation, the authorization matrix, auth attacks,
  limits, production configuration, log privacy), per database;
- `python -m verify.crash`: SIGKILL mid-writes, restart, integrity, per database;
- `python -m bench.soak`: a mixed workload on 2 workers, errors and memory over time, per
  database;
- `pip-audit`: known vulnerabilities in what is installed.
The exit status is 1 when any step failed. PostgreSQL steps need the server at
TEST_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test).
"""

import argparse
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
STEPS = ("lint", "tests", "crash", "soak", "audit")


@dataclass
class Outcome:
    check: str
    database: str
    passed: bool
    detail: str
    seconds: float
    # "pass", "FAIL", or "BLOCKED" when something outside the project kept it from running.
    status: str = ""

    def __post_init__(self) -> None:
        self.status = self.status or ("pass" if self.passed else "FAIL")


def run(command: list[str], env: dict[str, str], log: Path) -> tuple[int, float]:
    """Run a step with its output in a log file (the summary stays on one screen)."""
    started = time.monotonic()
    print(f"  $ {' '.join(command)}  (log: {log})", flush=True)
    with log.open("w") as output:
        # Our own fixed commands, never input from elsewhere.
        code = subprocess.call(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    return code, time.monotonic() - started


def read_json(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text())
        return data
    except (OSError, ValueError):
        return {}


def lint(results: Path, env: dict[str, str]) -> list[Outcome]:
    code, seconds = run(["make", "lint", "typecheck"], env, results / "lint.log")
    detail = "ruff, ruff format, mypy, hadolint clean" if code == 0 else "see lint.log"
    return [Outcome("lint and types", "-", code == 0, detail, seconds)]


def tests(results: Path, env: dict[str, str], database: str) -> list[Outcome]:
    junit = results / f"pytest-{database}.xml"
    code, seconds = run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}"],
        env | {"HYPOTHESIS_PROFILE": "thorough"},
        results / f"pytest-{database}.log",
    )
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    try:
        suite = ET.parse(junit).getroot()  # noqa: S314 - the report pytest just wrote
        suite = suite if suite.tag == "testsuite" else suite[0]
        counts = {name: int(suite.get(name, 0)) for name in counts}
    except (OSError, ET.ParseError, IndexError):
        pass
    failed = counts["failures"] + counts["errors"]
    passed = counts["tests"] - failed - counts["skipped"]
    outcomes = [
        Outcome(
            "tests (thorough)",
            database,
            code == 0,
            f"{passed} passed, {failed} failed, {counts['skipped']} skipped",
            seconds,
        )
    ]
    schemathesis = read_json(results / f"schemathesis-{database}.json")
    if schemathesis:
        outcomes.append(
            Outcome(
                "  schemathesis",
                database,
                schemathesis.get("failures", 1) == 0,
                f"{schemathesis.get('operations', '?')} operations, "
                f"{len(schemathesis.get('checks', []))} checks, "
                f"{schemathesis.get('inputs', '?')} inputs, "
                f"{schemathesis.get('failures', '?')} failures",
                0,
            )
        )
    return outcomes


def crash(
    results: Path, env: dict[str, str], database: str, label: str, seconds: float
) -> list[Outcome]:
    code, took = run(
        [PYTHON, "-m", "verify.crash", "--database", database, "--seconds", str(seconds)],
        env,
        results / f"crash-{label}.log",
    )
    data = read_json(results / f"crash-{label}.json")
    detail = (
        f"{data.get('rounds', '?')} kills, {data.get('acknowledged_batches', '?')} batches and "
        f"{data.get('acknowledged_editorial_writes', '?')} editorial writes acknowledged, "
        f"missing {data.get('missing', '?')}, partial {data.get('partial_batches', '?')}, "
        f"integrity {data.get('integrity', '?')}"
    )
    return [Outcome("crash-restart", label, code == 0, detail, took)]


def soak(
    results: Path, env: dict[str, str], database: str, label: str, seconds: float
) -> list[Outcome]:
    code, took = run(
        [PYTHON, "-m", "bench.soak", "--database", database, "--seconds", str(seconds)],
        env,
        results / f"soak-{label}.log",
    )
    data = read_json(results / f"soak-{label}.json")
    p99 = data.get("p99_ms") or {}
    worst = max(p99.items(), key=lambda item: item[1]) if p99 else ("?", "?")
    detail = (
        f"{data.get('requests', '?')} requests, {data.get('errors', '?')} errors, "
        f"worst p99 {worst[0]} {worst[1]} ms, memory {data.get('memory_trend', '?')}"
        f"{' (' + str(data['memory_note']) + ')' if data.get('memory_note') else ''}"
    )
    return [Outcome("soak, 2 workers", label, code == 0, detail, took)]


def audit(results: Path, env: dict[str, str]) -> list[Outcome]:
    """Known vulnerabilities in every installed package (the app's and the tools'). Without
    --strict pip-audit skips what it cannot look up and still says "no known
    vulnerabilities", so skipped packages are counted here: when none could be checked (the
    advisory service unreachable), the step is BLOCKED, never a pass."""
    report = results / "pip-audit.json"
    code, took = run(
        [
            str(Path(PYTHON).parent / "pip-audit"),
            "--local",
            "--skip-editable",
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--output",
            str(report),
        ],
        env,
        results / "pip-audit.log",
    )
    packages = read_json(report).get("dependencies", [])
    skipped = [package for package in packages if "skip_reason" in package]
    found = sum(len(package.get("vulns", [])) for package in packages)
    checked = len(packages) - len(skipped)
    detail = f"{found} known vulnerabilities in {checked} of {len(packages)} packages checked"
    if skipped:
        detail += f"; not looked up: {skipped[0]['skip_reason'][:48]}..."
    outcome = Outcome("pip-audit", "-", code == 0 and found == 0 and not skipped, detail, took)
    if packages and checked == 0:
        outcome.status = "BLOCKED"
        outcome.detail = (
            f"no advisory service answers here: none of {len(packages)} packages could be "
            "looked up (PyPI's per-release JSON answers 404, OSV does not resolve)"
        )
    return [outcome]


def summary(outcomes: list[Outcome], started: datetime, took: float) -> str:
    lines = [
        "",
        f"make verify: {started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, {took / 60:.1f} min",
        f"{'check':22} {'database':10} {'result':7} {'time':>6}  detail",
        f"{'-' * 22} {'-' * 10} {'-' * 7} {'-' * 6}  {'-' * 40}",
    ]
    for outcome in outcomes:
        took_text = f"{outcome.seconds:5.0f}s" if outcome.seconds else ""
        lines.append(
            f"{outcome.check:22} {outcome.database:10} {outcome.status:7} {took_text:>6}  "
            f"{outcome.detail}"
        )
    failed = [outcome for outcome in outcomes if outcome.status == "FAIL"]
    blocked = [outcome for outcome in outcomes if outcome.status == "BLOCKED"]
    lines.append(
        f"{len(outcomes)} checks, {len(failed)} failed, {len(blocked)} blocked"
        + "".join(f"; FAIL {o.check.strip()} ({o.database})" for o in failed)
        + "".join(f"; BLOCKED {o.check.strip()}" for o in blocked)
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(STEPS), help=f"steps: {','.join(STEPS)}")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--soak-seconds", type=float, default=60)
    parser.add_argument("--crash-seconds", type=float, default=75)
    args = parser.parse_args(argv)
    steps = set(args.only.split(","))
    databases = [name for name in args.databases.split(",") if name]

    results = Path(os.environ.get("VERIFY_RESULTS") or ROOT / "verify" / "results").resolve()
    results.mkdir(parents=True, exist_ok=True)
    for old in results.glob("*.json"):
        old.unlink()
    base = {key: value for key, value in os.environ.items() if key != "TEST_DATABASE_URL"}
    base["VERIFY_RESULTS"] = str(results)
    postgres_url = os.environ.get("TEST_DATABASE_URL") or POSTGRES_URL

    started, clock = datetime.now(UTC), time.monotonic()
    outcomes: list[Outcome] = []
    if "lint" in steps:
        print("== lint and types", flush=True)
        outcomes += lint(results, base)
    for database in databases:
        env = base | ({"TEST_DATABASE_URL": postgres_url} if database == "postgres" else {})
        label = "postgresql" if database == "postgres" else "sqlite"
        if "tests" in steps:
            print(f"== tests, thorough, on {label}", flush=True)
            outcomes += tests(results, env, label)
        if "crash" in steps:
            print(f"== crash safety on {label}", flush=True)
            outcomes += crash(results, base, database, label, args.crash_seconds)
        if "soak" in steps:
            print(f"== soak on {label}", flush=True)
            outcomes += soak(results, base, database, label, args.soak_seconds)
    if "audit" in steps:
        print("== pip-audit", flush=True)
        outcomes += audit(results, base)

    text = summary(outcomes, started, time.monotonic() - clock)
    print(text)
    (results / "summary.txt").write_text(text.lstrip() + "\n")
    # Blocked steps are reported, not failed: nothing in the project can make them pass.
    return 1 if any(outcome.status == "FAIL" for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
