"""Starting and always stopping the uvicorn servers under test, and reading their memory.

Each server runs in its own process group (so its workers go with it), pinned with taskset
where available. `Servers` is a context manager: whatever happens, every server it started is
sent SIGTERM, then SIGKILL if it has not exited within a few seconds.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import psutil

from bench.wrk import launcher

PROJECT_ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
# Identical for the API and the baseline: the only difference is the app.
UVICORN_FLAGS = [
    "--loop",
    "uvloop",
    "--http",
    "httptools",
    "--ws",
    "none",  # as app.cli serve runs it
    "--no-access-log",
    "--log-level",
    "warning",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def can_pin() -> bool:
    return shutil.which("taskset") is not None and (os.cpu_count() or 1) >= 2


@dataclass
class Server:
    name: str
    process: "subprocess.Popen[bytes]"
    port: int
    workers: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def worker_processes(self) -> list[psutil.Process]:
        """The processes that serve requests: the server itself, or its worker children."""
        parent = psutil.Process(self.process.pid)
        if self.workers == 1:
            return [parent]
        children = parent.children(recursive=True)
        return [c for c in children if "resource_tracker" not in " ".join(c.cmdline())]

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server and its workers (all threads)."""
        total = 0.0
        try:
            parent = psutil.Process(self.process.pid)
            for process in [parent, *parent.children(recursive=True)]:
                times = process.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            pass
        return total

    def wait_idle(self, *, timeout_s: float = 120.0) -> float:
        """Wait until the server stops using CPU: requests still in flight when wrk stopped
        (a slow scenario leaves up to one per connection) would otherwise be served during
        the next run. Returns the seconds waited."""
        started = time.monotonic()
        used = self.cpu_seconds()
        while time.monotonic() - started < timeout_s:
            time.sleep(0.25)
            now = self.cpu_seconds()
            if now - used < 0.25 * 0.1:
                break
            used = now
        return time.monotonic() - started

    def rss_mb(self) -> list[float]:
        try:
            return [round(p.memory_info().rss / 2**20, 1) for p in self.worker_processes()]
        except psutil.Error:
            return []

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                continue


class Servers:
    """Starts servers and stops them all on exit, even on errors and Ctrl-C."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.started: list[Server] = []

    def __enter__(self) -> "Servers":
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.stop_all()

    def stop_all(self) -> None:
        while self.started:
            self.started.pop().stop()

    def start(
        self,
        name: str,
        app: str,
        *,
        env: dict[str, str],
        workers: int,
        cpus: str | None,
        ready_path: str = "/healthz",
    ) -> Server:
        port = free_port()
        argv = [
            *launcher(cpus),
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--factory",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            str(workers),
            *UVICORN_FLAGS,
        ]
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.log_dir / f"{name}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                argv,
                cwd=PROJECT_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(name, process, port, workers, log_path)
        self.started.append(server)
        _wait_ready(server, ready_path, timeout_s=60)
        return server


def _wait_ready(server: Server, path: str, *, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited early:\n{_tail(server.log_path)}")
        try:
            with urllib.request.urlopen(server.url + path, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            last = f"{error.code} {error.read()[:500]!r}"
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(
        f"{server.name} not ready after {timeout_s} s (GET {path}: {last}):\n"
        + _tail(server.log_path)
    )


def _tail(path: Path, size: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-size:]
    except OSError:
        return ""


def describe_cpu() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"model": model, "count": os.cpu_count(), "pinned": can_pin()}


class BackendCpu:
    """CPU used by the PostgreSQL backends connected to one database, over the whole run.

    Backends come and go (the pool closes its overflow connections), taking their CPU time
    with them, so a thread samples them every 0.2 s and remembers each one's last value.
    """

    def __init__(self, database: str) -> None:
        self.marker = f" {database} "
        self._seen: dict[int, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="backend-cpu", daemon=True)

    def _sample(self) -> None:
        found = {}
        for process in psutil.process_iter(["name", "cmdline", "cpu_times"]):
            command = " ".join(process.info["cmdline"] or [])
            times = process.info["cpu_times"]
            if process.info["name"] == "postgres" and self.marker in command and times:
                found[process.pid] = times.user + times.system
        with self._lock:
            for pid, seconds in found.items():
                self._seen[pid] = max(seconds, self._seen.get(pid, 0.0))

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def __enter__(self) -> "BackendCpu":
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def total(self) -> float:
        """CPU seconds of every backend seen so far (a reused pid may hide a little)."""
        self._sample()
        with self._lock:
            return sum(self._seen.values())


@dataclass
class CpuSample:
    wall: float
    busy: float
    steal: float
    ours: float


class CpuMeter:
    """How much CPU other processes took while the bench ran: a shared machine (tests running
    beside the benchmark) shows up here instead of silently lowering the numbers."""

    def __init__(self, servers: Servers, backends: BackendCpu | None = None) -> None:
        self.servers = servers
        # PostgreSQL backends serving the bench's database work for the bench too.
        self.backends = backends

    def _ours(self) -> float:
        me = psutil.Process().cpu_times()
        total = me.user + me.system + me.children_user + me.children_system
        total += sum(server.cpu_seconds() for server in self.servers.started)
        return total + (self.backends.total() if self.backends else 0.0)

    def sample(self) -> CpuSample:
        times = psutil.cpu_times()
        # Loopback traffic is processed in softirq time, which the kernel also charges to the
        # processes that send it: counted on both sides, it cancels out.
        busy = sum(
            getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq")
        )
        return CpuSample(time.monotonic(), busy, getattr(times, "steal", 0.0), self._ours())

    @staticmethod
    def foreign_cores(start: CpuSample, end: CpuSample) -> tuple[float, float]:
        """(cores used by other processes, cores stolen by the hypervisor) on average."""
        wall = max(end.wall - start.wall, 1e-6)
        foreign = (end.busy - start.busy) - (end.ours - start.ours)
        return max(foreign, 0.0) / wall, (end.steal - start.steal) / wall
