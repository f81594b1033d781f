"""One deadline for the whole command; every network step takes what is left of it."""

from __future__ import annotations

import os
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


def process_age() -> float:
    """Seconds since this process started (0 where the system does not say).

    ``--timeout`` bounds the command as the user waits for it, interpreter start
    and imports included; the deadline is counted from the process's start.
    """
    try:
        with open("/proc/self/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        return max(0.0, time.clock_gettime(time.CLOCK_BOOTTIME) - started)
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


class Stopwatch:
    """Milliseconds since creation."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def ms(self) -> float:
        return (time.perf_counter() - self.start) * 1000.0
