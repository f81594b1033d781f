"""Retries that follow the diagnosis, and a budget that stops retry storms.

- ``decide(exc_or_response) -> Decision``: retry or not, the delay, the reason and
  the Diagnosis, by the retry class ``whichlayer.explain`` gives;
- ``Transport`` / ``AsyncTransport``: an httpx2 (or httpx) transport that retries
  that way, for the openai and anthropic SDKs (with ``max_retries=0``);
- ``RetryBudget`` / ``SharedBudget``: retries kept under 10% of requests, per
  process or shared by the processes of one machine through a SQLite file;
- ``tenacity_retry()`` + ``tenacity_wait()``, ``should_retry`` (stamina);
- ``fake_clock()``: the testing switch (no sleeping; sleeps recorded).

See docs/retry.md.
"""

from __future__ import annotations

from whichlayer.retry._budget import (
    BUDGET_ENV,
    Budget,
    BudgetStats,
    RetryBudget,
    SharedBudget,
    default_budget,
    set_default_budget,
)
from whichlayer.retry._clock import Clock, FakeClock, SystemClock, fake_clock, get_clock
from whichlayer.retry._integrations import (
    asleep,
    should_retry,
    sleep,
    tenacity_retry,
    tenacity_wait,
)
from whichlayer.retry._policy import DEFAULT_POLICY, Decision, Policy, decide, retry_after
from whichlayer.retry._transport import (
    ATTEMPTS_EXT,
    DEADLINE_EXT,
    DECISION_EXT,
    IDEMPOTENT_EXT,
    AsyncTransport,
    Transport,
)

__all__ = [
    "ATTEMPTS_EXT",
    "BUDGET_ENV",
    "DEADLINE_EXT",
    "DECISION_EXT",
    "DEFAULT_POLICY",
    "IDEMPOTENT_EXT",
    "AsyncTransport",
    "Budget",
    "BudgetStats",
    "Clock",
    "Decision",
    "FakeClock",
    "Policy",
    "RetryBudget",
    "SharedBudget",
    "SystemClock",
    "Transport",
    "asleep",
    "decide",
    "default_budget",
    "fake_clock",
    "get_clock",
    "retry_after",
    "set_default_budget",
    "should_retry",
    "sleep",
    "tenacity_retry",
    "tenacity_wait",
]
