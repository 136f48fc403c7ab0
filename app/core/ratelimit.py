"""Fixed-window counters for throttling: in process by default, in Redis when shared.

With several workers or instances, set REDIS_URL so they count together.
"""

import itertools
import math
import time
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class WindowCount:
    count: int
    retry_after_seconds: int


class RateLimiter(Protocol):
    async def count(self, key: str, window_seconds: int) -> WindowCount: ...

    async def hit(self, key: str, window_seconds: int) -> WindowCount: ...

    async def reset(self, key: str) -> None: ...

    async def close(self) -> None: ...


class MemoryRateLimiter:
    """Counters in this process's memory, at most `max_keys` of them.

    Each key remembers its own window, so expiring one kind of counter (15-minute sign-in
    failures) never clears another (hourly registrations). Keys are kept in the order their
    windows started; when full and nothing has expired, the oldest windows make room.
    """

    def __init__(self, max_keys: int = 100_000) -> None:
        # key -> (window start, count, window length)
        self._windows: dict[str, tuple[float, int, int]] = {}
        self._max_keys = max_keys

    def _current(self, key: str, window_seconds: int, now: float) -> tuple[float, int]:
        started, count, _window = self._windows.get(key, (now, 0, window_seconds))
        if now - started >= window_seconds:
            return now, 0
        return started, count

    def _result(self, started: float, count: int, window_seconds: int, now: float) -> WindowCount:
        return WindowCount(count, max(1, math.ceil(started + window_seconds - now)))

    async def count(self, key: str, window_seconds: int) -> WindowCount:
        now = time.monotonic()
        started, count = self._current(key, window_seconds, now)
        return self._result(started, count, window_seconds, now)

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        now = time.monotonic()
        started, count = self._current(key, window_seconds, now)
        if count == 0:
            # A new window: move the key to the end, keeping the oldest windows first.
            self._windows.pop(key, None)
            if len(self._windows) >= self._max_keys:
                self._make_room(now)
        self._windows[key] = (started, count + 1, window_seconds)
        return self._result(started, count + 1, window_seconds, now)

    def _make_room(self, now: float) -> None:
        for key, (started, _count, window) in list(self._windows.items()):
            if now - started >= window:
                del self._windows[key]
        # Still full: forget the oldest tenth, so the next new keys do not each pay a scan.
        excess = len(self._windows) - int(self._max_keys * 0.9)
        for key in list(itertools.islice(self._windows, max(0, excess))):
            del self._windows[key]

    async def reset(self, key: str) -> None:
        self._windows.pop(key, None)

    async def close(self) -> None:
        self._windows.clear()


class RedisRateLimiter:
    """Counters in Redis, shared by every worker and instance: INCR plus a window expiry."""

    def __init__(self, url: str, prefix: str = "smart-meditation:rl:") -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url)
        self._prefix = prefix

    async def count(self, key: str, window_seconds: int) -> WindowCount:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.get(self._prefix + key)
            pipe.pttl(self._prefix + key)
            raw, ttl_ms = await pipe.execute()
        return WindowCount(int(raw or 0), self._retry_after(ttl_ms, window_seconds))

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        name = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, window_seconds, nx=True)
            pipe.pttl(name)
            count, _set, ttl_ms = await pipe.execute()
        return WindowCount(int(count), self._retry_after(ttl_ms, window_seconds))

    @staticmethod
    def _retry_after(ttl_ms: int, window_seconds: int) -> int:
        return max(1, math.ceil(ttl_ms / 1000)) if ttl_ms and ttl_ms > 0 else window_seconds

    async def reset(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)

    async def close(self) -> None:
        await self._redis.aclose()


def create_rate_limiter(redis_url: str | None) -> RateLimiter:
    return RedisRateLimiter(redis_url) if redis_url else MemoryRateLimiter()
