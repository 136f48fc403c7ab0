"""Keep a worker's memory from ratcheting up under glibc's allocator.

Each sign-in hashes with argon2id at 19 MiB (app/core/security.py) in a thread-pool thread.
glibc serves allocations above its mmap threshold with mmap and returns them on free, but it
raises that threshold to the size of the largest block freed (up to 32 MiB): from the second
sign-in on, the 19 MiB buffers come from the thread's arena and stay there, one arena per
thread, up to 8 per core. Measured by the soak (bench/soak.py): worker RSS grew by ~100 MB and
kept growing with sign-ins, and stayed flat with the threshold fixed. Fixing the threshold
(which turns the raising off) and capping the arenas is what MALLOC_MMAP_THRESHOLD_ and
MALLOC_ARENA_MAX would do, but done here it holds however the server is started.

Smaller blocks are the other half. A burst of concurrent heavy requests (32 searches ranking
100k matches, GraphQL home pages for members) raises the heap: SQLite's page caches and
sorters on every pooled connection, result rows, response bodies. Once they are freed, glibc
keeps the pages unless they sit at the very top of the heap, so the worker stayed ~30 MB above
what it was using (large bench data set, after 32 concurrent searches: 197 MB resident, 169 MB
after malloc_trim(0), which took 3.3 ms; 0.4 ms when there is nothing to give back). A thread
gives freed pages back with malloc_trim when a burst is over (the worker went idle after
working) and at least every half minute under steady load; trimming in the middle of a burst
would only make the next allocations fault the same pages in again. (Python's own small-object
arenas are not malloc's: a partly used one stays, whatever is trimmed.)
"""

import ctypes
import gc
import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger("app.memory")

M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
M_ARENA_MAX = -8
MMAP_THRESHOLD_BYTES = 1024 * 1024
ARENA_MAX = 2

# How often the trimming thread looks at the process's CPU time.
TRIM_CHECK_SECONDS = 0.5
# Below this share of one core over a check, the worker is idle.
IDLE_CPU_SHARE = 0.05
# CPU used since the last trim worth giving memory back for: a trim costs up to ~3 ms, and
# the pages it returns may be faulted in again by the next burst.
WORK_CPU_SECONDS = 0.5
# Under steady load, never idle: trim this often anyway.
TRIM_AT_LEAST_EVERY_SECONDS = 30.0

# Allocations between two passes over the garbage collector's young generation (Python's
# default is 700; see prepare_heap_for_serving).
YOUNG_GENERATION_THRESHOLD = 10_000

_trimming: threading.Thread | None = None
_trimming_lock = threading.Lock()


def return_large_blocks_to_the_system() -> bool:
    """Tune glibc's malloc and start the thread that trims it (once per process); a no-op
    (False) on other platforms and C libraries."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt, malloc_trim = libc.mallopt, libc.malloc_trim
    except (OSError, AttributeError):
        return False  # not glibc (musl has neither)
    done = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(M_ARENA_MAX, ARENA_MAX)
    )
    if not done:
        logger.warning("could not tune malloc; memory may grow with sign-ins")
    _start_trimming(malloc_trim)
    return done


@dataclass
class TrimSchedule:
    """When to trim, from the process's CPU time sampled every TRIM_CHECK_SECONDS: after
    work, once the worker is idle; or after work, TRIM_AT_LEAST_EVERY_SECONDS since the last
    trim. An idle worker is never trimmed twice in a row."""

    last_check: float
    last_cpu: float
    trimmed_at: float
    cpu_at_trim: float

    @classmethod
    def starting(cls, now: float, cpu: float) -> "TrimSchedule":
        return cls(last_check=now, last_cpu=cpu, trimmed_at=now, cpu_at_trim=cpu)

    def should_trim(self, now: float, cpu: float) -> bool:
        elapsed = max(now - self.last_check, 1e-9)
        idle = (cpu - self.last_cpu) / elapsed < IDLE_CPU_SHARE
        worked = cpu - self.cpu_at_trim >= WORK_CPU_SECONDS
        self.last_check, self.last_cpu = now, cpu
        due = worked and (idle or now - self.trimmed_at >= TRIM_AT_LEAST_EVERY_SECONDS)
        if due:
            self.trimmed_at, self.cpu_at_trim = now, cpu
        return due


def _start_trimming(malloc_trim: Callable[[int], int]) -> None:
    global _trimming
    with _trimming_lock:
        if _trimming is not None and _trimming.is_alive():
            return
        _trimming = threading.Thread(
            target=_trim_forever, args=(malloc_trim,), name="malloc-trim", daemon=True
        )
        _trimming.start()


def _trim_forever(malloc_trim: Callable[[int], int]) -> None:
    # time.process_time() counts every thread of the process (aiosqlite's, argon2's too).
    schedule = TrimSchedule.starting(time.monotonic(), time.process_time())
    while True:
        time.sleep(TRIM_CHECK_SECONDS)
        if schedule.should_trim(time.monotonic(), time.process_time()):
            malloc_trim(0)  # ctypes releases the GIL: the event loop runs meanwhile


_heap_prepared = False


def prepare_heap_for_serving() -> bool:
    """Once per process, when the first app has started: what was built so far is left out
    of the cyclic garbage collector's passes, and its young generation is collected every
    10,000 allocations rather than every 700. False when already done.

    Why (bench, large data set, 32 connections): the imported stack, the schema and the
    caches are ~210k tracked objects, and a full pass over them took ~240 ms. Full passes
    came every second or so, because at 700 allocations the young generation is collected
    several times during one request: the objects of the 32 requests in flight survive
    those passes and are promoted, and once enough have been promoted the collector walks
    everything. That was ~0.7 ms of CPU per request and the p99 of every list. Frozen, a full
    pass walks only what was made since start (~20k objects); with the larger young
    generation, a request's objects are mostly freed (by reference counting) before a pass
    sees them. Cyclic garbage, which the passes exist for, is rare on the hot paths (GraphQL
    leaves none: app/graphql/completions.py).

    Once per process, not per app: a process that starts many apps (the test suite) would
    otherwise walk its whole heap at every start (that made the suite ~2x slower)."""
    global _heap_prepared
    if _heap_prepared:
        return False
    _heap_prepared = True
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *gc.get_threshold()[1:])
    return True
