"""The retry budget: retries stay under 10% of requests (+ a small floor), shared if asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from whichlayer.retry import (
    BUDGET_ENV,
    FakeClock,
    RetryBudget,
    SharedBudget,
    default_budget,
    set_default_budget,
)


def test_retries_stay_under_ten_percent_plus_burst_and_floor() -> None:
    clock = FakeClock()
    budget = RetryBudget(clock=clock)
    granted = 0
    for _ in range(10_000):  # 10,000 requests over 30 s, every one failing
        clock.advance(0.003)
        budget.record_request()
        granted += budget.try_acquire()
    bound = 10 + 0.1 * 10_000 + 1.0 * 30 / 10
    assert granted <= bound
    assert granted >= 0.1 * 10_000 - 1  # and the 10% is really available
    stats = budget.stats()
    assert stats.requests == 10_000 and stats.retries == granted
    assert stats.denied == 10_000 - granted


def test_a_quiet_client_gets_the_floor_back_over_time() -> None:
    clock = FakeClock()
    budget = RetryBudget(ratio=0.0, burst=2.0, floor=1.0, window_s=10.0, clock=clock)
    assert budget.try_acquire() and budget.try_acquire()
    assert not budget.try_acquire()
    clock.advance(10.0)
    assert budget.try_acquire()
    assert not budget.try_acquire()


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        RetryBudget(burst=0.5)


_WORKER = """
import sys
from whichlayer.retry import SharedBudget
b = SharedBudget(sys.argv[1], ratio=0.0, burst=10.0, floor=0.0)
print(sum(b.try_acquire() for _ in range(10)))
"""


def test_processes_share_one_budget_through_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "budget.sqlite"
    SharedBudget(path, ratio=0.0, burst=10.0, floor=0.0)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(path)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    counts = [int(p.communicate(timeout=60)[0]) for p in procs]
    assert sum(counts) == 10  # 4 processes x 10 tries, one bucket of 10 tokens
    stats = SharedBudget(path).stats()
    assert stats.retries == 10 and stats.denied == 30


def test_shared_budget_earns_per_request(tmp_path: Path) -> None:
    clock = FakeClock()
    b = SharedBudget(tmp_path / "b.sqlite", ratio=0.5, burst=1.0, floor=0.0, clock=clock)
    assert b.try_acquire()
    assert not b.try_acquire()
    b.record_request(2)
    assert b.try_acquire()


def test_the_environment_makes_the_default_budget_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BUDGET_ENV, str(tmp_path / "env.sqlite"))
    set_default_budget(None)
    try:
        assert isinstance(default_budget(), SharedBudget)
    finally:
        set_default_budget(None)
    monkeypatch.delenv(BUDGET_ENV)
    assert isinstance(default_budget(), RetryBudget)
