"""Time for retries: the real clock, and a fake one for tests (no sleeping).

``fake_clock()`` is the public testing switch: inside it every retry sleep made
through whichlayer.retry returns at once and advances a fake time instead, and
the sleeps are recorded, so a test of retrying code takes milliseconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Protocol


class Clock(Protocol):
    """What retrying code needs from time."""

    def now(self) -> float:
        """Monotonic seconds (deadlines, budget refill)."""
        ...

    def wall(self) -> float:
        """Seconds since the epoch (HTTP-date ``Retry-After``, budgets shared between processes)."""
        ...

    def sleep(self, seconds: float) -> None: ...

    async def asleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock: ``time.monotonic``, ``time.time``, real sleeps."""

    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class FakeClock:
    """A clock whose sleeps return at once and move its time forward; every sleep is recorded."""

    def __init__(self, start: float = 0.0, wall_start: float = 1_750_000_000.0) -> None:
        self._t = start
        self._wall0 = wall_start - start
        self._lock = threading.Lock()
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self._t

    def wall(self) -> float:
        return self._wall0 + self._t

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._t += max(0.0, seconds)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.advance(seconds)

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
        await asyncio.sleep(0)


_default: Clock = SystemClock()


def get_clock() -> Clock:
    """The clock used where none is given (the real one, unless ``fake_clock()`` is active)."""
    return _default


@contextlib.contextmanager
def fake_clock(start: float = 0.0) -> Iterator[FakeClock]:
    """Testing switch: no real sleeping inside the block; yields the FakeClock that records sleeps.

    Applies to every decision, budget and transport that was not given its own clock.
    """
    global _default
    previous = _default
    clock = FakeClock(start)
    _default = clock
    try:
        yield clock
    finally:
        _default = previous
