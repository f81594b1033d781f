"""One deadline for the whole command; every network step takes what is left of it."""

from __future__ import annotations

import time

#: Default for ``--timeout``: long enough for a slow relay, short enough to wait for.
DEFAULT_TIMEOUT_S = 15.0
#: Kept back from the deadline so the report is still printed in time.
RESERVE_S = 0.25


class Deadline:
    """A point in time; ``left()`` is never negative."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + max(0.0, seconds - RESERVE_S)

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def expired(self) -> bool:
        return self.left() <= 0.0


class Stopwatch:
    """Milliseconds since creation."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def ms(self) -> float:
        return (time.perf_counter() - self.start) * 1000.0
