"""Driving wrk: Lua scripts for the request and a machine-readable report, and the parsing.

Every script ends with a `done()` hook that prints one `BENCH_RESULT {json}` line: request
count, duration, errors and latency percentiles (wrk records microseconds).
"""

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MARKER = "BENCH_RESULT "
# Scheduling priority (nice) for the processes under measurement: wrk and the servers.
# Negative values (root only) keep other work on a shared machine from taking their CPU.
NICE: int | None = None
PERCENTILES = (50, 75, 90, 99, 99.9)

DONE_HOOK = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  local ps = {}
  for _, p in ipairs({50, 75, 90, 99, 99.9}) do
    ps[#ps + 1] = string.format('"%s": %.0f', tostring(p), latency:percentile(p))
  end
  io.write(string.format(
    '\nBENCH_RESULT {"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, ' ..
    '"errors": {"connect": %.0f, "read": %.0f, "write": %.0f, "status": %.0f, ' ..
    '"timeout": %.0f}, "latency_us": {"min": %.0f, "max": %.0f, "mean": %.1f, ' ..
    '"stdev": %.1f, "percentiles": {%s}}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency.min, latency.max, latency.mean, latency.stdev,
    table.concat(ps, ", ")))
end
"""


def lua_string(value: str) -> str:
    """A Lua string literal: printable ASCII as is, everything else as 3-digit decimal escapes
    (so a digit that follows cannot extend the escape)."""
    out = []
    for byte in value.encode():
        char = chr(byte)
        if char in '"\\' or not 32 <= byte < 127:
            out.append(f"\\{byte:03d}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def static_script(
    method: str, path: str, headers: Mapping[str, str], body: str | None = None
) -> str:
    """One fixed request, sent again and again (wrk's fastest mode)."""
    lines = [f"wrk.method = {lua_string(method)}", f"wrk.path = {lua_string(path)}"]
    lines += [f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()]
    if body is not None:
        lines.append(f"wrk.body = {lua_string(body)}")
    return "\n".join(lines) + "\n" + DONE_HOOK


@dataclass
class WrkResult:
    requests: int
    duration_s: float
    bytes: int
    errors: dict[str, int]
    latency_ms: dict[str, float]
    # CPU the server (and PostgreSQL's backends) spent per request during the measured run:
    # unlike requests/s, this hardly changes when other processes share the machine.
    server_cpu_ms_per_request: float | None = None
    db_cpu_ms_per_request: float | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0

    @property
    def failures(self) -> int:
        """Non-2xx/3xx responses plus socket errors and timeouts."""
        return sum(self.errors.values())

    def p(self, percentile: str) -> float:
        return self.latency_ms.get(f"p{percentile}", 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rps": round(self.rps, 1)}


def parse_output(stdout: str) -> WrkResult:
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            break
    else:
        raise RuntimeError(f"wrk printed no {MARKER.strip()} line:\n{stdout[-2000:]}")
    latency = data["latency_us"]
    ms = {f"p{key}": value / 1000 for key, value in latency["percentiles"].items()}
    ms.update({name: latency[name] / 1000 for name in ("min", "max", "mean", "stdev")})
    return WrkResult(
        requests=int(data["requests"]),
        duration_s=data["duration_us"] / 1e6,
        bytes=int(data["bytes"]),
        errors={key: int(value) for key, value in data["errors"].items()},
        latency_ms={key: round(value, 3) for key, value in ms.items()},
    )


def launcher(cpus: str | None) -> list[str]:
    """The argv prefix that pins a process to `cpus` (when taskset exists) at NICE priority."""
    prefix = ["nice", "-n", str(NICE)] if NICE is not None and shutil.which("nice") else []
    if cpus is not None and shutil.which("taskset") and (os.cpu_count() or 1) >= 2:
        prefix += ["taskset", "-c", cpus]
    return prefix


def command(
    url: str,
    script: Path,
    *,
    connections: int,
    seconds: float,
    cpus: str | None,
    timeout_s: int = 10,
) -> list[str]:
    return [
        *launcher(cpus),
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        f"--timeout={timeout_s}s",
        "-s",
        str(script),
        url,
    ]


def run(
    url: str, script: Path, *, connections: int, seconds: float, cpus: str | None
) -> tuple[WrkResult, str]:
    """Run wrk to the end (bounded by a timeout) and return its report and raw output."""
    argv = command(url, script, connections=connections, seconds=seconds, cpus=cpus)
    done = subprocess.run(
        argv, capture_output=True, text=True, timeout=seconds + 60, check=False, cwd=script.parent
    )
    # wrk runs on with its default request when the script does not load: that is a failure.
    if done.returncode != 0 or ".lua:" in done.stderr:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr[-2000:]}")
    return parse_output(done.stdout), done.stdout


def start(
    url: str, script: Path, *, connections: int, seconds: float, cpus: str | None, log: Path
) -> "subprocess.Popen[bytes]":
    """wrk in the background (its own process group); the caller waits for it or kills it."""
    argv = command(url, script, connections=connections, seconds=seconds, cpus=cpus)
    with log.open("wb") as out:
        return subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, cwd=script.parent, start_new_session=True
        )


def ensure_installed(log: Callable[[str], None] = print) -> None:
    """Install wrk from Debian's packages when it is missing (the bench needs nothing else)."""
    if shutil.which("wrk"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    install = [*sudo, "apt-get", "install", "-y", "wrk"]
    log("wrk is not installed: " + " ".join(install))
    if _apt(install) != 0:
        _apt([*sudo, "apt-get", "update"])
        _apt(install)
    if not shutil.which("wrk"):
        raise SystemExit("wrk could not be installed; install it with `apt-get install -y wrk`")


def _apt(argv: list[str]) -> int:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(argv, env=env, timeout=900, check=False).returncode
