"""``whichlayer scan``: many failures at once, read from logs and counted by layer.

The same judgement as ``explain`` for every failure line, then the questions
people ask of a week of errors: which layer and cause dominate, since when, on
which model, host and key, and which requests were retried into a storm.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from typing import Any

from whichlayer.scan.aggregate import STORM_MIN, Aggregate, FileStat
from whichlayer.scan.engine import (
    REMOTE_MIN_BYTES,
    Diagnoser,
    Window,
    scan_source,
    split_ranges,
)
from whichlayer.scan.sources import Source, SourceError, agent_logs, expand

__all__ = [
    "Aggregate",
    "Source",
    "SourceError",
    "agent_logs",
    "expand",
    "scan",
    "summary",
    "to_dict",
]

#: Below this size a file is not worth splitting across processes.
SPLIT_MIN_BYTES = 32 * 1024 * 1024


def _one(args: tuple[Source, Window, tuple[int, int] | None, str | None]) -> Aggregate:
    source, window, byte_range, forced = args
    return scan_source(source, window, byte_range=byte_range, forced=forced)


def scan(
    sources: list[Source],
    window: Window = (None, None),
    jobs: int = 1,
    forced: str | None = None,
    split_min: int = SPLIT_MIN_BYTES,
    on_file: Callable[[FileStat, float], None] | None = None,
) -> Aggregate:
    """Scan every source; with ``jobs`` > 1, large plain files are split across processes.
    ``on_file(stat, seconds)`` is told each file as it is done (one process only)."""
    total = Aggregate()
    if jobs <= 1:
        diagnose = Diagnoser(remote=_size(sources) >= REMOTE_MIN_BYTES)
        try:
            for n, source in enumerate(sources):
                began = time.monotonic()
                part = scan_source(source, window, diagnose, forced=forced)
                if n == 0:
                    total = part  # the first file's counts are the total so far: no copying
                else:
                    total.merge(part)
                if on_file is not None:
                    for stat in part.files:
                        on_file(stat, time.monotonic() - began)
        finally:
            diagnose.close()
        return total
    tasks: list[tuple[Source, Window, tuple[int, int] | None, str | None]] = []
    for source in sources:
        splittable = (
            source.path != "-"
            and not source.compressed
            and os.path.isfile(source.path)
            and os.path.getsize(source.path) >= split_min
        )
        if splittable:
            tasks += [(source, window, r, forced) for r in split_ranges(source.path, jobs)]
        else:
            tasks.append((source, window, None, forced))
    from concurrent.futures import ProcessPoolExecutor  # only for --jobs: a heavy import

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        parts = list(pool.map(_one, tasks))
    seen: dict[str, Any] = {}
    for part in parts:
        for stat in part.files:  # a split file is one file to the user
            if stat.path in seen:
                mine = seen[stat.path]
                mine.lines += stat.lines
                mine.candidates += stat.candidates
                mine.failures += stat.failures
                mine.unreadable += stat.unreadable
        fresh = [s for s in part.files if s.path not in seen]
        for stat in fresh:
            seen[stat.path] = stat
        part.files = fresh
        total.merge(part)
    return total


def _size(sources: list[Source]) -> int:
    """Bytes of the plain files among the sources (stdin and missing files count 0)."""
    total = 0
    for source in sources:
        if source.path != "-":
            with contextlib.suppress(OSError):
                total += os.path.getsize(source.path)
    return total


def _share(n: int, of: int) -> str:
    return f"{100 * n / of:.0f}%" if of else "0%"


def summary(agg: Aggregate) -> str:
    """The verdict line: what dominates, since when, and where it concentrates."""
    n = agg.failures
    if n == 0:
        return "No failures found."
    (cause, count), *_ = agg.by["cause"].most_common(1)
    since = f" since {agg.first.strftime('%Y-%m-%d %H:%M UTC')}" if agg.first else ""
    if count * 2 <= n:
        top = ", ".join(f"{c} {_share(k, n)}" for c, k in agg.by["cause"].most_common(3))
        return f"No single cause among {n:,} failures{since}: {top}."
    where = []
    for dim, words in (("key", "one key"), ("model", "one model"), ("host", "one host")):
        pairs = [(v, k) for (c, v), k in agg.cause_by[dim].items() if c == cause]
        if pairs:
            value, k = max(pairs, key=lambda p: p[1])
            if k * 5 >= count * 4:
                where.append(f"{words} ({value})")
    at = f" on {' and '.join(where)}" if where else ""
    rest = "; everything else is noise" if count * 10 >= n * 8 else ""
    return f"{_share(count, n)} of {n:,} failures{since} are {cause}{at}{rest}."


def to_dict(agg: Aggregate) -> dict[str, Any]:
    return {
        "failures": agg.failures,
        "first_seen": agg.first.isoformat() if agg.first else None,
        "last_seen": agg.last.isoformat() if agg.last else None,
        "undated": agg.undated,
        "summary": summary(agg),
        "by": {k: dict(v.most_common()) for k, v in agg.by.items()},
        "hourly": [
            {"hour": hour, "layer": layer, "failures": k}
            for (hour, layer), k in sorted(agg.hours.items())
        ],
        "examples": agg.examples,
        "retry_storms": agg.storms(),
        "storm_threshold": STORM_MIN,
        "client_retries": agg.retry_attempts,
        "files": [f.to_dict() for f in agg.files],
    }
