"""A retry budget shared across requests: retries stay under a share of requests.

The shape is gRPC's retry throttling (gRFC A6) and the Google SRE per-client
budget: a token bucket that earns ``ratio`` tokens per request sent (default
0.1, so retries stay under 10% of requests), spends one token per retry, holds
at most ``burst`` tokens (which it starts with), and also refills at a small
floor rate (``floor`` tokens per ``window_s``) so a quiet client can still
retry now and then. When the bucket is empty a retry is refused, and the caller
fails fast with the diagnosis instead of joining a retry storm.

Over any stretch the retries a budget allows are at most
``burst + ratio * requests + floor * (seconds / window_s)``.

``RetryBudget`` lives in one process; ``SharedBudget`` keeps the same bucket in
a SQLite file so several processes on one machine (ten agents on a laptop)
draw on one budget.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from whichlayer.retry._clock import Clock, get_clock

#: Environment variable naming a SQLite file: the process-wide default budget is then shared.
BUDGET_ENV = "WHICHLAYER_RETRY_BUDGET"


class Budget(Protocol):
    """What retrying code asks of a budget."""

    def record_request(self, n: int = 1) -> None:
        """Count ``n`` first attempts (each earns ``ratio`` tokens)."""
        ...

    def try_acquire(self) -> bool:
        """Spend one token for one retry; False when the budget is spent."""
        ...


@dataclass(frozen=True, slots=True)
class BudgetConfig:
    ratio: float = 0.1  # tokens earned per request: retries <= 10% of requests
    burst: float = 10.0  # the most tokens held (and the start)
    floor: float = 1.0  # tokens refilled per window whatever the traffic
    window_s: float = 10.0

    def __post_init__(self) -> None:
        if self.ratio < 0 or self.burst < 1 or self.floor < 0 or self.window_s <= 0:
            raise ValueError("budget: ratio >= 0, burst >= 1, floor >= 0 and window_s > 0")


@dataclass(slots=True)
class BudgetStats:
    requests: int = 0
    retries: int = 0
    denied: int = 0
    tokens: float = 0.0


def _refill(cfg: BudgetConfig, tokens: float, last: float, now: float) -> float:
    elapsed = min(max(0.0, now - last), 1e9)
    return min(cfg.burst, tokens + elapsed * cfg.floor / cfg.window_s)


class RetryBudget:
    """The in-process budget (thread-safe). One per process by default: ``default_budget()``."""

    def __init__(
        self,
        ratio: float = 0.1,
        burst: float = 10.0,
        floor: float = 1.0,
        window_s: float = 10.0,
        *,
        clock: Clock | None = None,
    ) -> None:
        self.config = BudgetConfig(ratio, burst, floor, window_s)
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = self.config.burst
        self._last: float | None = None
        self._stats = BudgetStats()

    def _now(self) -> float:
        return (self._clock or get_clock()).now()

    def _update(self) -> None:
        now = self._now()
        if self._last is not None:
            self._tokens = _refill(self.config, self._tokens, self._last, now)
        self._last = now

    def record_request(self, n: int = 1) -> None:
        with self._lock:
            self._update()
            self._tokens = min(self.config.burst, self._tokens + self.config.ratio * n)
            self._stats.requests += n

    def try_acquire(self) -> bool:
        with self._lock:
            self._update()
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                self._stats.retries += 1
                return True
            self._stats.denied += 1
            return False

    def stats(self) -> BudgetStats:
        with self._lock:
            self._update()
            s = self._stats
            return BudgetStats(s.requests, s.retries, s.denied, round(self._tokens, 3))


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS bucket (id INTEGER PRIMARY KEY CHECK (id = 1), tokens REAL,"
    " last REAL, requests INTEGER, retries INTEGER, denied INTEGER)"
)


class SharedBudget:
    """The same bucket kept in a SQLite file, shared by every process that opens that path.

    Time is wall-clock time (monotonic clocks are not shared between processes).
    A database that cannot be reached within ``timeout_s`` refuses the retry:
    a budget that cannot be checked is treated as spent.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        ratio: float = 0.1,
        burst: float = 10.0,
        floor: float = 1.0,
        window_s: float = 10.0,
        *,
        clock: Clock | None = None,
        timeout_s: float = 2.0,
    ) -> None:
        self.config = BudgetConfig(ratio, burst, floor, window_s)
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._timeout_s = timeout_s
        with self._connect() as db:
            db.execute(_SCHEMA)
            db.execute(
                "INSERT OR IGNORE INTO bucket VALUES (1, ?, ?, 0, 0, 0)",
                (self.config.burst, self._now()),
            )
        db.close()

    def _now(self) -> float:
        return (self._clock or get_clock()).wall()

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=self._timeout_s, isolation_level=None)

    def _transact(self, earn: float, spend: bool, requests: int) -> tuple[bool, BudgetStats]:
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute(
                "SELECT tokens, last, requests, retries, denied FROM bucket WHERE id = 1"
            ).fetchone()
            tokens, last, n_req, n_ret, n_den = row
            now = self._now()
            tokens = min(self.config.burst, _refill(self.config, tokens, last, now) + earn)
            granted = False
            if spend:
                if tokens >= 1.0:
                    tokens -= 1.0
                    n_ret += 1
                    granted = True
                else:
                    n_den += 1
            n_req += requests
            db.execute(
                "UPDATE bucket SET tokens = ?, last = ?, requests = ?, retries = ?, denied = ?"
                " WHERE id = 1",
                (tokens, max(now, last), n_req, n_ret, n_den),
            )
            db.execute("COMMIT")
            return granted, BudgetStats(n_req, n_ret, n_den, round(tokens, 3))
        finally:
            db.close()

    def record_request(self, n: int = 1) -> None:
        # an uncounted request only makes the budget stricter
        with contextlib.suppress(sqlite3.Error):
            self._transact(self.config.ratio * n, False, n)

    def try_acquire(self) -> bool:
        try:
            return self._transact(0.0, True, 0)[0]
        except sqlite3.Error:
            return False

    def stats(self) -> BudgetStats:
        return self._transact(0.0, False, 0)[1]


_default_budget: Budget | None = None
_default_lock = threading.Lock()


def default_budget() -> Budget:
    """The process-wide budget; a SharedBudget when ``WHICHLAYER_RETRY_BUDGET`` names a file."""
    global _default_budget
    with _default_lock:
        if _default_budget is None:
            path = os.environ.get(BUDGET_ENV)
            _default_budget = SharedBudget(path) if path else RetryBudget()
        return _default_budget


def set_default_budget(budget: Budget | None) -> None:
    """Replace the process-wide budget (None: a fresh one on next use)."""
    global _default_budget
    with _default_lock:
        _default_budget = budget
