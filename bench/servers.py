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
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited early:\n{_tail(server.log_path)}")
        try:
            with urllib.request.urlopen(server.url + path, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{server.name} not ready after {timeout_s} s:\n{_tail(server.log_path)}")


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


def backend_cpu_seconds(database: str) -> float:
    """CPU time used so far by the PostgreSQL backends connected to `database`."""
    marker, total = f" {database} ", 0.0
    for process in psutil.process_iter(["name", "cmdline", "cpu_times"]):
        command = " ".join(process.info["cmdline"] or [])
        times = process.info["cpu_times"]
        if process.info["name"] == "postgres" and marker in command and times:
            total += times.user + times.system
    return total


@dataclass
class CpuSample:
    wall: float
    busy: float
    steal: float
    ours: float


class CpuMeter:
    """How much CPU other processes took while the bench ran: a shared machine (tests running
    beside the benchmark) shows up here instead of silently lowering the numbers."""

    def __init__(self, servers: Servers, database: str | None = None) -> None:
        self.servers = servers
        # PostgreSQL backends serving the bench's database work for the bench too.
        self.database = database

    def _ours(self) -> float:
        me = psutil.Process().cpu_times()
        total = me.user + me.system + me.children_user + me.children_system
        total += sum(server.cpu_seconds() for server in self.servers.started)
        return total + (backend_cpu_seconds(self.database) if self.database else 0.0)

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
