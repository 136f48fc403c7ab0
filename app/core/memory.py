"""Keep a worker's memory from ratcheting up under glibc's allocator.

Each sign-in hashes with argon2id at 19 MiB (app/core/security.py) in a thread-pool thread.
glibc serves allocations above its mmap threshold with mmap and returns them on free, but it
raises that threshold to the size of the largest block freed (up to 32 MiB): from the second
sign-in on, the 19 MiB buffers come from the thread's arena and stay there, one arena per
thread, up to 8 per core. Measured by the soak (bench/soak.py): worker RSS grew by ~100 MB and
kept growing with sign-ins, and stayed flat with the threshold fixed. Fixing the threshold
(which turns the raising off) and capping the arenas is what MALLOC_MMAP_THRESHOLD_ and
MALLOC_ARENA_MAX would do, but done here it holds however the server is started.
"""

import ctypes
import logging
import sys

logger = logging.getLogger("app.memory")

M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
M_ARENA_MAX = -8
MMAP_THRESHOLD_BYTES = 1024 * 1024
ARENA_MAX = 2


def return_large_blocks_to_the_system() -> bool:
    """Tune glibc's malloc; a no-op (False) on other platforms and C libraries."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False  # not glibc (musl has no mallopt)
    done = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(M_ARENA_MAX, ARENA_MAX)
    )
    if not done:
        logger.warning("could not tune malloc; memory may grow with sign-ins")
    return done
