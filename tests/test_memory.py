"""A worker gives freed heap pages back when a burst of work is over (app/core/memory.py)."""

import platform
import threading

import pytest

from app.core import memory
from app.core.memory import (
    TRIM_AT_LEAST_EVERY_SECONDS,
    TRIM_CHECK_SECONDS,
    WORK_CPU_SECONDS,
    TrimSchedule,
)


class Worker:
    """A clock and a CPU counter moved by hand, checked as the trimming thread would."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.cpu = 50.0
        self.schedule = TrimSchedule.starting(self.now, self.cpu)

    def check(self, *, busy: float) -> bool:
        """One check interval later, having used `busy` of a core meanwhile."""
        self.now += TRIM_CHECK_SECONDS
        self.cpu += busy * TRIM_CHECK_SECONDS
        return self.schedule.should_trim(self.now, self.cpu)


def test_trims_once_when_a_burst_is_over() -> None:
    worker = Worker()
    busy_checks = int(WORK_CPU_SECONDS / TRIM_CHECK_SECONDS) + 2

    assert not any(worker.check(busy=1.0) for _ in range(busy_checks))
    assert worker.check(busy=0.0)
    assert not any(worker.check(busy=0.0) for _ in range(100))


def test_little_work_is_not_worth_a_trim() -> None:
    worker = Worker()

    assert not worker.check(busy=WORK_CPU_SECONDS / TRIM_CHECK_SECONDS / 2)
    assert not any(worker.check(busy=0.0) for _ in range(100))


def test_steady_load_is_trimmed_now_and_then() -> None:
    worker = Worker()
    checks = int(3 * TRIM_AT_LEAST_EVERY_SECONDS / TRIM_CHECK_SECONDS)

    trims = sum(worker.check(busy=0.8) for _ in range(checks))

    assert trims == 3


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_one_trimming_thread_per_process() -> None:
    memory.return_large_blocks_to_the_system()
    memory.return_large_blocks_to_the_system()

    trimming = [t for t in threading.enumerate() if t.name == "malloc-trim"]
    assert len(trimming) == 1
    assert trimming[0].daemon


def test_a_serving_process_leaves_what_it_built_at_start_out_of_collections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    monkeypatch.setattr(memory, "_heap_prepared", False)
    threshold = gc.get_threshold()
    startup_object = ["built at start"]  # a list: always tracked by the collector
    try:
        assert memory.prepare_heap_for_serving()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == memory.YOUNG_GENERATION_THRESHOLD
        assert not any(found is startup_object for found in gc.get_objects())
        collections: list[int] = []

        def counting_collect(*_args: int) -> int:
            collections.append(1)
            return 0

        monkeypatch.setattr(gc, "collect", counting_collect)
        assert not memory.prepare_heap_for_serving()  # a second app in the same process
        assert collections == []
    finally:
        monkeypatch.undo()
        gc.unfreeze()  # the rest of the suite as it was
        gc.set_threshold(*threshold)
